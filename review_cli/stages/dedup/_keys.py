"""The matching view of a record: every field folded into the form duplicates share.

Exports of one article differ in case, punctuation, HTML, diacritics, translated-title brackets,
journal abbreviations, author formats and page styles. `Key` irons those out once per record, so
comparing a pair is cheap. Nothing here decides anything; `dedup_rules` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from review_cli.io import normalise
from review_cli.io.normalise import (
    PMID_DIGITS,
    cites_article,
    run_together,
    strip_notes,
)
from review_cli.model import Record
from review_cli.stages.dedup._journals import journal_info, journals_match
from review_cli.stages.dedup._pages import (
    SHARED_PAGES,
    embase_place,
    page_count,
    pages_info,
    placed_number,
)
from review_cli.stages.dedup._text import NON_ALNUM, STOP, fold, title_form, title_tokens, words
from review_cli.stages.dedup._titles import generic

ROMAN = {
    "i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8",
    "ix": "9", "x": "10",
}


# --- what kind of publication a record is --------------------------------------------------
_KIND_PATTERNS = {
    "erratum": re.compile(
        r"^(errat(um|a)|corrigend(um|a)|correction|correct(ed|ing) (version|article)"
        r"|notice of correction)\b"
        r"|\b(errat(um|a)|corrigend(um|a))\b|\bcorrection (to|of|for|notice)\b|\(vol \d+, pg \d+"
        r"|^(author|publisher)'?s? correction|^addend(um|a)\b|\baddend(um|a) to\b",
    ),
    "retraction": re.compile(
        r"^(retraction|notice of retraction|withdrawn|withdrawal|statement of retraction"
        r"|(editorial )?expression of concern|notice of concern)\b"
        r"|\bretraction (note|notice|of|statement)\b"
    ),
    "comment": re.compile(
        r"^(comment|commentary|re|reply|response|in reply|in response|letter|authors?'? reply"
        r"|author response|editorial|discussion|invited commentary|correspondence"
        r"|(editors?|publishers?) note)\b"
        r"|\b(comment|commentary|reply|response) (on|to)\b"
        r"|\bletter to the editor\b|\bcomment on\b",
    ),
    "protocol": re.compile(
        r"\bprotocol\b|\bdesign and rationale\b|\brationale and design\b|\bstudy design\b"
    ),
    # A statistical analysis plan is published under the trial's title, like the protocol and
    # the results, and is neither.
    "plan": re.compile(r"\b(statistical )?analysis plan\b"),
}
# A reply titled as the article it answers plus `Reply` after a separator (NEJM's letters in
# Web of Science: `<title> - Reply`; `<title>: authors' reply`): a comment, like `Reply to: ...`.
# Only a last part that is the word alone (or the authors'): `... predictors of response`
# and `Ebola in West Africa: the response` are titles.
_TRAILING_REPLY = re.compile(
    r"(?:[:.;]|\s[-\u2013\u2014]+)\s*(?:(?:the\s+)?authors?['\u2019]?s?['\u2019]?\s+)?"
    r"(?:reply|response|rejoinder)[\s.]*$"
)
_TYPE_KIND = {
    "erratum": "erratum", "correction": "erratum", "retraction": "retraction", "comment": "comment",
    "letter": "comment", "editorial": "comment", "reply": "comment", "thesis": "thesis",
    "dissertation": "thesis",
}
_TRAILING_NUMERAL = re.compile(r"\b([ivx]+|[0-9])\s*$")
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "a": "1", "b": "2"}


_KIND_HINTS = (
    "errat", "corrig", "correct", "retract", "withdr", "comment", "reply", "respon", "letter",
    "editor", "discussion", "correspond", "protocol", "design", "vol ", "vol.", "(19", "(20",
    "addend", "concern", "note", "plan",
)


_KIND_HINT = re.compile("|".join(re.escape(h) for h in _KIND_HINTS))  # on lower case: re.I is slow


def _kind_hint(title: str) -> bool:
    low = title.lower()
    return (
        _KIND_HINT.search(low) is not None
        or low.lstrip("[ ").startswith(("re:", "re "))
        or low.count("(") > low.count(")")
    )


def kinds(raw_title: str, record_type: str) -> frozenset[str]:
    typed = _type_info(record_type)[0]
    if not _kind_hint(raw_title):
        return typed  # the common case
    original = raw_title
    raw_title = (
        strip_notes(raw_title.strip().lstrip("[")) if raw_title.strip().startswith("[")
        else strip_notes(raw_title)
    )
    text = " ".join(NON_ALNUM.sub(" ", fold(raw_title).replace("'", "")).split())
    # keep the `(vol 12, pg 34` WoS erratum marker, which punctuation stripping would lose
    low = fold(raw_title)
    out = {
        k for k, p in _KIND_PATTERNS.items() if p.search(text) or (k == "erratum" and p.search(low))
    }
    if _TRAILING_REPLY.search(low):
        out.add("comment")
    if cites_article(original):
        out.add("erratum")
    return frozenset(out | typed)


# A trial registry's record (CENTRAL carries ClinicalTrials.gov and ICTRP entries): the trial's
# title, a registry for a journal. It is another record than the article reporting the trial.
_REGISTRY = re.compile(
    r"clinicaltrials\.?gov|\bictrp\b|trialsearch|\bisrctn|clinicaltrialsregister|\beuctr\b"
    r"|\banzctr\b|\bchictr\b|\bctri\b|\bdrks\b|\bjrct\b|\bumin ctr\b|\birct\b"
    r"|trialregister\.nl|\btrials? regist(ry|er|ration)\b|\bregistry record\b"
    # The other primary registries of the WHO's network, by their sites (UMIN's registry pages,
    # not the Japanese societies' journals it also hosts): Japan's UMIN-CTR,
    # Brazil's ReBEC, Peru's REPEC, the Pan African, Thai, Korean (CRiS), Cuban, Lebanese,
    # Sri Lankan and the EU's CTIS.
    r"|umin\.ac\.jp/(?:ctr|cgi-open-bin/ctr)|\bumin-ctr\b|\bjprn-|ensaiosclinicos|ensayosclinicos|\brebec\b|\bpactr"
    r"|thaiclinicaltrials|\btctr\d|cris\.nih\.go\.kr|\brpcec\b|\blbctr\b|\bslctr\b"
    r"|euclinicaltrials"
)


def registry(journal: str, record_type: str, url: str) -> bool:
    """A trial registry's record: the registry named as journal, type or link."""
    text = f"{journal} | {record_type} | {url}"
    return bool(text.strip(" |")) and _REGISTRY.search(text.casefold()) is not None


_PART_HINTS = frozenset(("part", "phase", "paper", "study", "trial", "series"))
_PART_VALUE = re.compile(r"[0-9]+|[ivx]+|one|two|three|four|[ab]")


def part(title: str) -> str:
    """The series part a title names (`Part 2`, `... II`), normalised to a number, or ''."""
    head = title.split(" ")
    if not _PART_HINTS.isdisjoint(head):  # a word-by-word scan: the regex over every title is slow
        for word, value in zip(head, head[1:], strict=False):
            if word in _PART_HINTS and _PART_VALUE.fullmatch(value):
                if value == "a" and word != "part":
                    # PubMed's design label after a study's name, `...: the WHI Memory Study:
                    # a randomized controlled trial`, folds to `study a randomized`: an article.
                    continue
                return ROMAN.get(value) or _NUMBER_WORDS.get(value) or value
    if len(head) > 3:
        m = _TRAILING_NUMERAL.search(title)
        if m and m.group(1) in ROMAN and m.group(1) not in {"v", "x"}:
            return ROMAN[m.group(1)]
        if head[-1] in _CASE_LETTERS and head[-2] not in _NAMED_BY_LETTER:
            # Teaching cases come in series under one title: `... at DBS Bank (A)`, `(B)`.
            return LETTER_PART + head[-1]
    return ""


# A part numbered between the title's sentences: `... Spaniel dog. II. Ultrastructural ...`,
# `... diseases. 5: Valvular ...`, and Web of Science's older records' `... SPANIEL DOG .2.
# ULTRASTRUCTURAL ...`. Folding the title drops the dots, so the part is read from the title as
# exported. (A decimal, `0.1` or `2.1.`, has no space beside its dot; `No. 99:` and `Vol. 2.`
# number an item, and other exports write them without the dot.)
_DOTTED_PART = re.compile(
    r"(?<!\bno)(?<!\bnr)(?<!\bvol)(?<!\bnum)(?<!\bfig)(?<!\bsuppl)"
    r"(?:\s\.|\.\s)\s*([0-9]{1,2}|[ivx]{1,4})[.:](?:\s|$)",
    re.I,
)


def dotted_part(raw_title: str) -> str:
    """The part a number or numeral between dots names (`. II.`, `.2.`, `. 5:`), or ''."""
    m = _DOTTED_PART.search(raw_title) if "." in raw_title else None
    if not m:
        return ""
    value = m.group(1).casefold()
    return ROMAN.get(value, "") if value[0] in "ivx" else value.lstrip("0") or "0"


# A teaching case's letter before its subtitle: `Nordbank (A): replacing the core banking
# system` and `Nordbank (B): ...` (or `Nordbank A: ...`) are two cases of a series (`part`
# reads the letter only at the title's end, where folding leaves it a word; here it is one
# letter among many words and the titles scored 0.98, one team, one issue). Before a colon or
# a dash; in brackets in any case, bare only in capitals and not after a word a letter names
# a thing with (`Vitamin D:`, `Hepatitis B:`, `Plan B:`).
_CASE_LETTER = re.compile(
    r"(?:\(([A-Fa-f])\)|(\w+)\s+([A-F]))\s*(?::|\s-\s|[\u2013\u2014])"
)


def case_letter(raw_title: str) -> str:
    """The part a letter before the subtitle names (`(A):`, `Nordbank B:`), or ''."""
    for m in _CASE_LETTER.finditer(raw_title):
        if m.group(1):
            return LETTER_PART + m.group(1).casefold()
        if m.group(2).casefold() not in _NAMED_BY_LETTER:
            return LETTER_PART + m.group(3).casefold()
    return ""


LETTER_PART = "letter "  # a part named by a trailing letter; a title cut short ends so too
_CASE_LETTERS = frozenset("abcdef")
# A trailing letter that names a thing, not a part: `hepatitis B`, `vitamin D`, `type A`.
_NAMED_BY_LETTER = frozenset(
    "hepatitis vitamin vitamins type group class protein factor influenza complex grade stage "
    "phase plan schedule study cohort arm sample".split()
)


def conference(journal: str, volume: str, issue: str, pages: str, record_type: str) -> bool:
    """Signs of a meeting abstract: a conference-named source, a supplement, `S`-pages."""
    return (
        journal_info(journal)[1]
        or _supplement(volume + " " + issue)
        or pages_info(pages)[4]
        or _type_info(record_type)[1]
    )


# A supplement's number: `Suppl 2`, `Supplement_2`, `Suppl-2`, `Supp. 2`, `S2`, `16(Suppl 2)`,
# `1 Suppl 2` (after the word, in the volume or the issue field), or the issue it supplements,
# `15 Suppl` (before the word, in the issue field only: `16 Suppl` in the volume field is the
# volume's).
_SUPPL_AFTER = re.compile(r"\b(?:suppl(?:ement)?|supp?|s)\.?[\s_\-]*(\d+)\b")
_SUPPL_BEFORE = re.compile(r"\b(\d+)\s*_?\s*suppl")


@lru_cache(maxsize=4096)
def supplement_number(volume: str, issue: str) -> str:
    """`s2` for the second supplement of a volume, `i15` for issue 15's supplement, '' for
    none. The two forms are not compared with each other: PubMed's `94(15 Suppl)` may be the
    volume's first supplement in another index."""
    m = _SUPPL_AFTER.search(fold(volume + " " + issue))
    if m:
        return "s" + m.group(1).lstrip("0")
    m = _SUPPL_BEFORE.search(fold(issue))
    return "i" + m.group(1).lstrip("0") if m else ""


@lru_cache(maxsize=4096)
def _supplement(text: str) -> bool:
    return bool(_SUPPLEMENT_SIGN.search(fold(text)))


# `Suppl`, and the shorter `Supp 1`, `Sup. 2` before a number; `S2`.
_SUPPLEMENT_SIGN = re.compile(r"suppl|\bsupp?\.?[\s_\-]*\d|\bs\d")


# Types of a working paper, report or preprint (RIS, BibTeX, Zotero, PubMed), matched whole:
# PubMed's `Case Reports` is a journal article.
_REPORT_TYPES = frozenset(
    ("rprt", "report", "techreport", "tech report", "technical report", "unpb", "unpublished",
     "working paper", "workingpaper", "preprint", "posted-content")
)


@lru_cache(maxsize=1024)
def _type_info(record_type: str) -> tuple[frozenset[str], bool]:
    """(kinds the record type names, whether it is a meeting type)."""
    t = fold(record_type).strip()
    typed = frozenset(kind for word, kind in _TYPE_KIND.items() if word in t)
    if t == "thes":  # RIS
        typed |= {"thesis"}
    if t in _REPORT_TYPES or t.startswith("working paper"):
        typed |= {"report"}
    meeting = t in ("conf", "cpaper", "abst", "meet") or any(  # RIS codes, BibTeX/other types
        w in t for w in ("conference", "abstract", "inproceedings", "proceeding", "meeting")
    )
    return typed, meeting


# PsycINFO records a dissertation as an item of `Dissertation Abstracts International: Section
# B: ...` (typed a journal article by most exports); ProQuest as a thesis. Both are the thesis.
_THESIS_SOURCE = re.compile(r"\bdissertations?\b|\bmasters abstracts\b|\btheses\b")


@lru_cache(maxsize=4096)
def thesis_source(journal: str) -> bool:
    """A source that is an index of theses (`Dissertation Abstracts International`, `ProQuest
    Dissertations and Theses`); `Dissertationes Mathematicae` is a journal."""
    low = journal.casefold()
    return ("diss" in low or "theses" in low or "masters" in low) and bool(
        _THESIS_SOURCE.search(low)
    )


@lru_cache(maxsize=4096)
def form(record_type: str) -> str:
    """What a record type says a book-like item is: `book`, `chapter`, `book review` or ''.
    (Checked in that order of specificity: `Book Chapter` and `Book Review` hold `book`.)"""
    t = fold(record_type).strip() if record_type else ""
    if not t or "book" not in t and "chap" not in t and t not in _CHAPTER_TYPES:
        return ""
    if "review" in t:
        return "book review"  # WoS `Book Review`, PsycINFO `Review-Book`
    if "chap" in t or "section" in t or t in _CHAPTER_TYPES:
        return "chapter"  # RIS `CHAP`, Scopus `Book Chapter`, Zotero `Book Section`
    return "book"  # RIS `BOOK`, `EDBOOK`, `Edited Book`, BibTeX `book`


_CHAPTER_TYPES = frozenset(("incollection", "inbook", "chap"))

# Words of a meeting's name that name a volume besides its main proceedings: a poster or an
# extended abstract in the `Companion`, `Adjunct` or `Extended Abstracts`, a paper of the
# `Workshops` or the `Doctoral Symposium`. A paper and its poster share title, team and year.
_TRACK_WORDS = {
    "companion": "companion", "adjunct": "adjunct", "workshop": "workshop",
    "workshops": "workshop", "doctoral": "doctoral", "poster": "poster", "posters": "poster",
    "demo": "demo", "demos": "demo", "demonstration": "demo", "demonstrations": "demo",
    "extended": "extended", "ext": "extended",
}


@lru_cache(maxsize=4096)
def track(journal: str) -> frozenset[str]:
    """The volume words (`companion`, `workshop`...) a venue's name carries, read from the name as
    exported (dblp's `ICSE (Companion Volume)` keeps it in brackets)."""
    if not journal:
        return frozenset()
    name = _MEETING.split(journal, maxsplit=1)[0]  # not Embase's `Journal. Conference: <meeting>`
    return frozenset(_TRACK_WORDS[w] for w in words(name) if w in _TRACK_WORDS)


def one_meeting_but_track(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two venue names (significant words) are one meeting once the volume words are
    set aside: `ICSE` and `ICSE Companion`, not `WITS 2018` and `Workshop on Information
    Technologies and Systems`, where `Workshop` is what the meeting is, not another volume."""
    return journals_match(
        tuple(w for w in a if w not in _TRACK_WORDS), tuple(w for w in b if w not in _TRACK_WORDS)
    )


# Book series of proceedings and edited volumes: Scopus and WoS name them (and a volume) where
# SpringerLink and the ACM DL name the book itself.
_SERIES = re.compile(
    r"^(?:lecture notes in|communications in computer and information science"
    r"|ifip advances in|advances in intelligent systems and computing"
    r"|studies in computational intelligence|smart innovation, systems and technologies"
    r"|progress in is\b|ceur workshop proceedings)",
    re.I,
)


@lru_cache(maxsize=4096)
def book_series(journal: str) -> bool:
    """The venue is a book series (`Lecture Notes in Business Information Processing`)."""
    return bool(journal) and _SERIES.match(journal.strip()) is not None


# An arXiv entry as dblp (`CoRR`, volume `abs/1901.01234`), Google Scholar (`arXiv preprint
# arXiv:1901.01234`) or DataCite (DOI `10.48550/arXiv.1901.01234`) write it. A link to arXiv
# does not make a record the preprint: OpenAlex links published articles to their preprints.
_ARXIV_ID = re.compile(r"(?:abs/|arxiv[:.]\s*)(\d{4}\.\d{4,5}|[a-z-]+/\d{7})", re.I)


def arxiv_id(journal: str, volume: str, doi: str) -> str:
    """The arXiv identifier (without its version) of a record that is the preprint, or ''."""
    venue = journal.casefold()
    if "arxiv" in venue or venue.strip() == "corr":
        m = _ARXIV_ID.search(volume) or _ARXIV_ID.search(journal)
    elif doi.casefold().startswith("10.48550/arxiv"):
        m = _ARXIV_ID.search(doi)
    else:
        return ""
    return m.group(1).casefold() if m else ""


# --- authors, numbers, pages ---------------------------------------------------------------
def surnames(authors: tuple[str, ...]) -> tuple[str, ...]:
    """Folded surnames. Handles `Smith, J.A.`, `Smith JA`, `J. A. Smith` and run-together lists
    such as `Adingupu D. D.Gronros J.Behrendt M.` (one string for all authors)."""
    out: list[str] = []
    scholar = initials_first(authors)
    for author in authors[:12]:  # more names add nothing to a comparison
        out.extend(without_particles(_surnames_of(author, scholar)))
    return tuple(out)


def without_particles(names: tuple[str, ...]) -> tuple[str, ...]:
    """A surname's words without its particles (`van der Berg` -> `berg`), unless nothing else
    is left (`Le, T.`, Vietnamese). Compared word by word, a shared `van`, `de` or `la` would
    join two teams (`van der Berg K., de Vries J.` and `van der Meer P., de Jong A.`)."""
    if len(names) < 2 or _PARTICLES.isdisjoint(names):
        return names
    return tuple(w for w in names if w not in _PARTICLES) or names


_CAPS_INITIALS = re.compile(r"[A-Z]{1,3}")


def initials_first(authors: tuple[str, ...]) -> bool:
    """Google Scholar's list: every name is its initials in capitals, then the surname (`A
    Ghazawneh`, `TL Nguyen`, `JA Smith`), one of them a single initial. (`LI Wei` alone reads as
    the surname in capitals first: only the list tells.)"""
    if not authors or any("," in a for a in authors[:12]):
        return False
    heads = [a.split(" ", 1)[0] for a in authors[:12]]
    return all(
        _CAPS_INITIALS.fullmatch(h) is not None and " " in a for h, a in zip(heads, authors[:12],
                                                                            strict=False)
    ) and any(len(h) == 1 for h in heads)


# Particles that start a surname (`vom Brocke J.`, `van der Aalst W.M.P.`, `de la Cruz JM`):
# the surname is the particles and the word after them, as with a comma.
_PARTICLES = frozenset(
    "van von vom der den de del della di da dos das du la le ten ter zu".split()
)


@lru_cache(maxsize=65536)
def _surnames_of(author: str, scholar: bool = False) -> tuple[str, ...]:
    text = fold(author).replace("?", "").replace("\ufffd", "")  # `Mu?oz`: a lost character
    if "et" in text:
        # `et al.` ends a cut list: no author (it was the surname `et`, shared by every list
        # cut so, and half of a `Smith J, et al.` list).
        text = _ET_AL.sub(" ", text)
    if "," in text:
        text = text.split(",", 1)[0]
        return tuple(w for w in NON_ALNUM.sub(" ", text).split() if len(w) > 1)
    parts = [w for w in NON_ALNUM.sub(" ", text).split() if len(w) > 1 or w.isdigit()]
    if _GLUED.search(text):  # several authors glued together
        return tuple(w for w in parts if len(w) > 2 or w not in {"jr", "sr"})
    if scholar:
        # Initials, then the surname: every word after the first but a further initial
        # (`M K Stein`: spaced initials).
        rest = NON_ALNUM.sub(" ", text).split()[1:]
        return tuple(w for w in rest if w not in _SUFFIXES and len(w) > 1) or tuple(parts[:1])
    head = author.split(" ", 1)[0]
    if ("." in head or len(head) == 1) and len(parts) > 1 and parts[0] in _PARTICLES:
        # `D. van Knippenberg`, `W.M.P. van der Aalst`: initials, then a surname with particles.
        return tuple(w for w in parts if w not in _SUFFIXES)
    last = surname_last(author)
    if last:
        return tuple(NON_ALNUM.sub(" ", fold(last)).split())
    if len(parts) > 1 and parts[0] in _PARTICLES and text.split(" ", 1)[0] == parts[0]:
        # `vom Brocke J.`, `de la Cruz JM`: the particles and the word after them.
        n = 0
        while n < len(parts) - 1 and parts[n] in _PARTICLES:
            n += 1
        return tuple(parts[: n + 1])
    return tuple(parts[:1] if parts and len(parts[0]) > 1 else parts[-1:])


_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))


def given_initials(authors: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each surname word with the initials of its author's given names (`Kim, Min-Jun` ->
    `kim`, `MJ`), in the order `surnames` reads them; '' where the export does not tell."""
    out: list[tuple[str, str]] = []
    scholar = initials_first(authors)
    # `Conner, M. D.`: a list that writes the degree after each name (`Dh Johnson, M. D.`)
    # split at its commas gives several names `M. D.`: there it is the degree as often as the
    # initials, unknown. One name `M. D.` in a list is the initials (`Conner, M. D.` alone).
    degrees = sum(1 for author in authors if _MD_AFTER_COMMA.search(author)) >= 2
    for author in authors[:12]:
        # Embase's run-together list (`Adeli K.Lewis G. F.`) is one string: name by name.
        names = _EMBASE_NAMES.split(author) if _GLUED.search(fold(author)) else (author,)
        for name in names:
            given = _initials_of(name, scholar)
            if degrees and given == "MD" and _MD_AFTER_COMMA.search(name):
                given = ""
            out.extend((w, given) for w in without_particles(_surnames_of(name, scholar)))
    return tuple(out)


_MD_AFTER_COMMA = re.compile(r",\s*M\.\s?D\b")


_EMBASE_NAMES = re.compile(r"(?<=[A-Z]\.)(?=[A-Z][a-z])")


# Words after a name that are no given names: degrees (`Smith J, MD, PhD`), ordinals (`3rd`).
_DEGREES = frozenset(
    "md phd mph msc bsc rn dphil drph mbbs mbchb frcp frcpc facp facc faha pharmd dds dmd".split()
)
_GIVEN_SPLIT = re.compile(r"[\s.,\-\u2010\u2011]+")


@lru_cache(maxsize=65536)
def _initials_of(author: str, scholar: bool = False) -> str:
    """The initials of an author's given names, in capitals (`Smith, John A.`, `Smith JA`,
    `J. A. Smith`, `John A. Smith` -> `JA`), or '' when they cannot be read: a glued list,
    a name in another script, no given name."""
    text = _ET_AL.sub(" ", author) if "et" in author.casefold() else author
    text = initials_case(text)
    folded = fold(text)
    if not folded.isascii() or _GLUED.search(folded):
        return ""
    surname = set(_surnames_of(author, scholar))
    given = text
    if "," in text:
        head, given = text.split(",", 1)
        words_ = head.split()
        if len(words_) > 1 and all(
            _CAPS_INITIALS.fullmatch(w.replace(".", "")) for w in words_[1:]
        ):
            # `Smith J, MD, PhD`: the initials came before the comma, degrees after it
            given = " ".join(words_[1:])
    elif not scholar:
        # `García López MJ` (MEDLINE's double surname): the initials at the end are the given
        # names, whatever the words before them (`García López MJ` is not `L. M. J.`).
        words_ = [w for w in text.split() if NON_ALNUM.sub("", fold(w)) not in _SUFFIXES]
        n = len(words_)
        while n > 1 and (
            _CAPS_INITIALS.fullmatch(re.sub(r"[.\-\u2010]", "", words_[n - 1]))
            or _NLM_INITIALS.fullmatch(words_[n - 1])
        ):
            n -= 1
        if 0 < n < len(words_):
            given = " ".join(words_[n:])
    letters: list[str] = []
    for word in _GIVEN_SPLIT.split(given):
        if not word or not word[0].isalpha():
            continue
        name = NON_ALNUM.sub("", fold(word))
        if not name:
            continue
        if name in surname:
            surname.discard(name)  # the surname itself (once: `Lee Lee`)
            continue
        if name in _SUFFIXES or name in _DEGREES or name in _PARTICLES:
            continue
        if _I_DIGRAPH.match(word):
            # NLM writes Ю, Я as `Iu`, `Ia` (`Ivanov IuA`, `Iurii`), other indexes as `Yu`, `Ya`
            # (`Ivanov Yu.A.`): this first letter may be either.
            letters.append("?")
        elif len(word) <= 3 and word.isupper() and word.isalpha():
            letters.extend(name.upper())  # `JA`: two initials
        else:
            letters.append(name[0].upper())  # folded: `Özlem` and `Ozlem` are one name
    return "".join(letters)


# (`Ian`, `Ioannis` match too: their `?` agrees only with I, Y, J and E, `_similar`)
_I_DIGRAPH = re.compile(r"I[uaoe]")


def initials_case(author: str) -> str:
    """`Chop Wm`, `Hgm Westenberg` (OpenAlex's names from MAG: the initials in title case, before
    or after the surname) as `Chop WM`, `HGM Westenberg`. A word of two or three consonants
    beside a name is initials: no surname is one, except `Ng` and `Lv` (`Ly`, `Wu`, `Li` have
    vowels)."""
    words_ = author.split()
    if len(words_) != 2 or "," in author:
        return author
    out = [
        w.upper() if (
            _CONSONANTS.fullmatch(w) and w[1:].islower() and w.casefold() not in _NOT_INITIALS
        ) else w
        for w in words_
    ]
    return " ".join(out)


_CONSONANTS = re.compile(r"[B-DF-HJ-NP-TV-Z][b-df-hj-np-tv-xz]{1,2}")
# Surnames without a vowel: Cantonese `Ng` and pinyin's `Lv` (Lü, a common Chinese surname;
# `Wei Lv` read as `Wei L. V.` lost one author's two exports, `Lv W` and `Wei Lv`, of one work).
_NOT_INITIALS = frozenset(("ng", "lv", "jr", "sr"))


def surname_last(author: str) -> str:
    """The surname of `Mathias Mueller` or `Veronique J. C. Kraaijenga` (Lens, OpenAlex, IEEE):
    a name without a comma whose first and last words are both names, not initials, ends in
    its surname. `Smith JA`, `Liu R.` and `MASTERS R E` end in initials: '' (surname first)."""
    if "et" in author.casefold():
        author = _ET_AL.sub(" ", author)  # `Mathias Mueller et al.`
    words_ = [w for w in initials_case(author).split() if w.strip(".").casefold() not in _SUFFIXES]
    if len(words_) < 2:
        return ""
    first, last = words_[0], words_[-1].replace(".", "")
    if (
        len(words_) == 2 and _CONSONANTS.fullmatch(first.capitalize()) and first.isupper()
        and first.casefold() not in _NOT_INITIALS and last[:1].isupper() and not last.isupper()
    ):
        return words_[-1]  # `NM Ramadan`, `HGM Westenberg`: initials (no vowel), then the name
    initials = (
        len(last) <= 1 or (len(last) <= 3 and last.isupper()) or _NLM_INITIALS.fullmatch(last)
    )
    if initials or len(first.strip(".")) <= 1 or "." in first or not last[:1].isupper():
        return ""
    if first.isupper() and not last.isupper():
        return ""  # `DUPONT Jean`: the surname in capitals, first
    return words_[-1]


_GLUED = re.compile(r"\.[a-z]{2,}")
# NLM's initials of transliterated Russian names, one letter written as two: `Ivanov IuA`,
# `Petrov KhM`, `Sidorova ZhV` (not surnames read given-first).
_NLM_INITIALS = re.compile(
    r"(?=[A-Z]*(?:Iu|Ia|Ie|Io|Kh|Zh|Ts|Ch|Sh))(?:Iu|Ia|Ie|Io|Kh|Zh|Ts|Ch|Sh|[A-Z]){1,3}"
)
_ET_AL = re.compile(r"\bet\.?\s*al(?:ii|ia)?\b\.?", re.I)
_GROUP = re.compile(
    r"\b(group|study|consortium|collaborat\w*|investigators|committee|trial|society|association"
    r"|network|working"
    # Institutions (grey literature's authors): `World Health Organization` is not the surname
    # `Organization`, shared with `International Labour Organization`.
    r"|organi[sz]ations?|ministry|department|agency|institute|council|commission"
    r"|foundation|government|university|federation|administration"
    # `Bureau` is also a surname (`Bureau, Jean`): an institution only as `Bureau of ...` or
    # `Census Bureau`.
    r"|bureau\s+(?:of|for)|(?:census|federal|national|central|statistics)\s+bureau)\b"
)


def group_author(authors: tuple[str, ...]) -> bool:
    """A corporate author (`ALTS Group`, `Alexion Pharmaceuticals`): names are not comparable."""
    return any(_is_group(a) for a in authors[:2])


@lru_cache(maxsize=65536)
def _is_group(author: str) -> bool:
    text = fold(author)
    return bool(_GROUP.search(text)) or "inc" in NON_ALNUM.sub(" ", text).split()


_DIGITS = re.compile(r"\d+")
_ROMAN_WORD = re.compile(r"\b(ii|iii|iv|vi|vii|viii|ix)\b")
# `I`, `V` and `X` alone are words or letters too (`vitamin X`?): numerals only after a word
# that numbers things (`phase I`, `type I`, `class I`, `complex V`).
_NUMBERED_ROMAN = re.compile(
    r"\b(?:type|phase|class|stage|grade|part|complex|group|level|step|wave|study|trial|arm"
    r"|chapter|volume|section|cycle|category|generation)\s(i|v|x)\b"
)
_NUMERALS = {"i": "1", "v": "5", "x": "10"}
# Numbers spelt out (`Two-year outcomes`, `Fourteen-year follow-up`): a number, as its digits
# are. Tens before a unit make one number (`twenty-five`).
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SPELT = {w: n for n, w in enumerate(_UNITS)} | {w: 10 * n for n, w in enumerate(_TENS, 2)}
_SPELT_WORDS = frozenset(_SPELT)


def title_numbers(title: str) -> frozenset[str]:
    """Numbers a title states (`12-month`, `phase 2`, `type II`, `two-year`): different numbers,
    different study. (Folding made digits of any script ASCII: `۱۳۹۸` is 1398.)"""
    out = {n.lstrip("0") or "0" for n in _DIGITS.findall(title)}  # folded: ASCII digits
    if "ii" in title or "iv" in title or "vi" in title or "ix" in title:
        out.update(ROMAN[w] for w in _ROMAN_WORD.findall(title))
    if " i " in title or " v " in title or " x " in title or title.endswith((" i", " v", " x")):
        out.update(_NUMERALS[w] for w in _NUMBERED_ROMAN.findall(title))
    words_ = title.split()
    if not _SPELT_WORDS.isdisjoint(words_):
        out.update(_spelt_numbers(words_))
    return frozenset(out)


def number_value(word: str) -> str:
    """The number one title word names (`2`, `۲`, `ii`, `two`), or ''."""
    if word.isdigit():
        return str(int(word))
    n = _SPELT.get(word)
    return ROMAN.get(word, "") if n is None else str(n)


def _spelt_numbers(words_: list[str]) -> set[str]:
    out: set[str] = set()
    skip = False
    for word, after in zip(words_, [*words_[1:], ""], strict=True):
        if skip:
            skip = False
            continue
        n = _SPELT.get(word)
        if n is None:
            continue
        unit = _SPELT.get(after)
        if n >= 20 and unit is not None and unit < 10:
            n, skip = n + unit, True  # `twenty five`
        out.add(str(n))
    return out


# Signs folding drops that name another population or another arm: `≥80` against `<80` years,
# `HER2+` against `HER2−`, `A ± B` (with or without B) against `A + B`. MEDLINE writes `≥` as
# `>/=`; an ASCII minus is a hyphen after a name with nothing glued after it (`ER- breast`).
_SIGN_CHAR = re.compile(
    r"[<>\u2264\u2265\u2266\u2267\u2a7d\u2a7e+\u00b1\u2212\u207a\u207b\uff0b\uff1c\uff1e]"
)
_MINUS_HINT = re.compile(r"[-\u2010\u2011\u2013](?:[\s/),;:.]|$)")
_THRESHOLD = re.compile(
    r"(>\s*/?\s*=|=\s*>|>\s*or\s*=|[>\u2265\u2267\u2a7e]|<\s*/?\s*=|=\s*<|<\s*or\s*=|[<\u2264\u2266\u2a7d])"
    r"\s*(\d+(?:[.,]\d+)?)"
)
_AT_MOST = frozenset("\u2264\u2266\u2a7d")  # `≤`; every other threshold without `<` is `≥`
_SIGNED = re.compile(r"([^\W_]+)\(?(\+|\u2212|[-\u2010\u2011\u2013](?=[\s/),;:.+]|$))")
_ARM = re.compile(r"(\u00b1|\+/[-\u2212]|(?<=\s)\+(?=\s))\s*([^\W_]+)")  # `+/-` is ASCII `±`


def title_signs(raw_title: str) -> frozenset[tuple[str, str]]:
    """(what is signed, its sign) for each sign the title carries: (`80`, `>`) for `≥80`,
    (`her2`, `-`) for `HER2−`, (`ritonavir`, `with or without`) for `± ritonavir`."""
    if raw_title.isascii():  # most titles: three substring tests, no regex
        if not ("<" in raw_title or ">" in raw_title or "+" in raw_title) and not (
            "-" in raw_title and _MINUS_HINT.search(raw_title)
        ):
            return frozenset()
    elif not (_SIGN_CHAR.search(raw_title) or _MINUS_HINT.search(raw_title)):
        return frozenset()
    text = fold(raw_title)
    out = {
        (number.replace(",", "."), "<" if "<" in sign or sign in _AT_MOST else ">")
        for sign, number in _THRESHOLD.findall(text)
    }
    out.update((name, "+" if sign == "+" else "-") for name, sign in _SIGNED.findall(text))
    out.update((name, "with" if sign == "+" else "with or without")
               for sign, name in _ARM.findall(text))
    return frozenset(out)


@dataclass(slots=True)
class Key:
    """A record in the form pairs are compared on."""

    id: str
    source: str
    title: str
    raw_title: str  # as exported: its subtitle and language are read when a rule needs them
    abstract_code: str  # `wp123` of a title `Abstract WP123: ...` (taken out of the title)
    language: str
    recurring: bool  # a title that names a kind of item (`Editor's Comments`), not a work
    alt_titles: tuple[str, ...]  # parallel titles: `Original; English`, `<ORIGINAL> ...`
    tokens: tuple[str, ...]
    numbers: frozenset[str]
    signs: frozenset[tuple[str, str]]  # (`80`, `>`) for `≥80`, (`her2`, `-`) for `HER2−`
    part: str
    kinds: frozenset[str]
    typed_comment: bool  # a comment by its record type only (`Editorial Material`), not its title
    conference: bool
    supplement: bool  # in a supplement (`Suppl 1`, `S` pages): its DOI may be the supplement's
    track: frozenset[str]  # a meeting's other volumes: `companion`, `workshop`, `extended`...
    series: bool  # the venue is a book series (`Lecture Notes in Computer Science`)
    form: str  # `book`, `chapter`, `book review` (by record type) or ''
    typed: bool  # the export gives a record type
    year: int | None
    surnames: tuple[str, ...]
    # (surname word, initials of the given names) of each of the first 12 authors; initials ''
    # where the export does not tell them (`given_initials`)
    initials: tuple[tuple[str, str], ...]
    authors: tuple[str, ...]  # as exported (for the rare rule that reads given names too)
    first_author: tuple[str, ...]  # every surname word of the first author (`howard sharp`)
    group: bool  # a corporate author (`ALTS Group`): names say nothing either way
    journal: tuple[str, ...]
    meeting: tuple[str, ...]  # Embase's `Journal. Conference: <meeting>. <place>`: its words
    journal_alt: tuple[str, ...]
    volume: str
    issue: str
    supplement_no: str  # `s2` for `Suppl 2`, `i15` for issue `15 Suppl` (its issue's supplement)
    first_page: str
    last_page: str
    page_style: str  # "" for plain numbers, else the letter prefix (`e`, `s`, `a`...)
    page_starts: frozenset[str]  # first page of every range: `233-8, 230-5, 246-51`
    shared_pages: bool  # pages naming several items or ranges: `2243-5; author reply 2243-5`
    page_count: int  # the length `12 pp.` or `146p` gives instead of pages, else 0
    doi: str
    doi_trusted: bool  # False for a DOI that more than one item carries (`_context`)
    doi_container: bool  # a DOI of a supplement or proceedings: it says nothing about the item
    pmid: str
    abstract: str


def alternatives(raw: str) -> tuple[str, ...]:
    """The parts of a bilingual title, each long enough to stand for the work on its own."""
    if not any(c in raw for c in ";=<[") and " = " not in raw:
        return ()
    raw = raw.strip().strip('"')
    if raw.startswith("[") and "]" in raw:
        inner, _, rest = raw[1:].partition("]")
        return tuple(
            f for f in (title_form(rest.strip(" .")), " ".join(words(inner + " " + rest)))
            if len(f) >= 20
        )
    parts = re.split(r"\s*<original>\s*|\s*;\s+|\s+=\s+", raw, flags=re.I)
    if len(parts) < 2:
        return ()
    forms = [title_form(p) for p in parts]
    return tuple(f for f in forms if len(f) >= 20)


def clean_number(text: str, issue: bool = False) -> str:
    """A volume or issue that is only a number; `1)` or `63 (Suppl 1)` are not trusted, and
    `0` is an export's placeholder (no volume or issue is numbered 0). A label before it
    (ProQuest's `Issue 3`, `No. 3`, `Vol. 43`) or the issue's month after it (EBSCO's `3
    (September)`, `2 (Summer)`) leaves the number: read as no issue, an editor's column of one
    issue (`Editor's Comments`, placed only by its issue) waited for a person. The volume's
    label in the issue's field (`Vol. 43`) says the export put the volume there: no issue, not
    issue 43 against another record's issue 3 (it kept one column apart). (`No. 12` in the
    volume's field stays 12: a report series numbers its reports so, and `No. 13` is another.)"""
    text = text.strip()
    if not text.isdigit() and text:
        if issue and _VOLUME_LABEL.match(text):
            return ""
        text = _MONTH_NOTE.sub("", _NUMBER_LABEL.sub("", text)).strip()
    return placed_number(text) if text.isdigit() else ""


_NUMBER_LABEL = re.compile(r"^(?:vol(?:ume)?|issue|iss|no|nr|number|num)\b\.?\s*", re.I)
_VOLUME_LABEL = re.compile(r"^vol(?:ume)?\b", re.I)
_MONTH_NOTE = re.compile(
    r"\s*\((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|winter)"
    r"[a-z]*\.?(?:\s*[-/\u2013]\s*[a-z]+\.?)?(?:\s+\d{4})?\)$",
    re.I,
)


_MEETING = re.compile(r"\.\s*(?:conference|congress|meeting)\s*:\s*", re.I)


@lru_cache(maxsize=4096)
def meeting_words(journal: str) -> tuple[str, ...]:
    """The meeting a journal supplement prints (`Stroke. Conference: European Stroke
    Organisation Conference 2019. Sweden.`), as words; () when the source names none."""
    m = _MEETING.search(journal)
    if not m:
        return ()
    name = re.split(r"\.\s", journal[m.end() :], maxsplit=1)[0]
    return tuple(w for w in words(name) if w not in STOP)


_ORIGINAL = re.compile(r"\s*<original>.*$", re.I | re.S)
# AHA journals (Stroke, Circulation, Hypertension...) title a meeting abstract `Abstract WP123:
# ...` where other indexes give the title alone: the code numbers the abstract, not the work.
_ABSTRACT_CODE = re.compile(r"abstract\s+([a-z]{0,4}\s?-?[0-9]{1,5}[a-z]?)\s*[:.]\s+", re.I)


def abstract_code(raw_title: str) -> tuple[str, str]:
    """(the meeting abstract's code a title starts with, normalised, or ''; the title without
    it)."""
    m = _ABSTRACT_CODE.match(raw_title) if raw_title[:1] in "Aa" else None
    if not m:
        return "", raw_title
    return re.sub(r"[\s-]", "", m.group(1)).casefold(), raw_title[m.end() :]


_EMBASE_RUN = re.compile(r"\.[A-Z][a-z]")


def unglue(authors: tuple[str, ...]) -> tuple[str, ...]:
    """The names of a one-cell author list run together (SpringerLink), else the list."""
    # SpringerLink's layout is split at import (`tabular`); records imported before that, and
    # other files that glue names the same way, are split here for the comparison only.
    if len(authors) != 1 or _EMBASE_RUN.search(authors[0]) or _is_group(authors[0]):
        # (Embase's `Smith J.A.Jones B.` is read by `_surnames_of`; `The EuroQol Group` is one)
        return authors
    return tuple(run_together(authors[0]))


# A journal section's label before the title (ISR's `Research Commentary—`, MISQ's `Research
# Note:`, `Issues and Opinions:`), printed by some indexes and not by others: not the work's.
_SECTION_LABEL = re.compile(
    r"(?:research (?:note|commentary|article|essay|perspective)|issues and opinions"
    r"|theory and review|methods article)\s*(?::|[-\u2013\u2014]+)\s*(?=\S)",
    re.I,
)


# What exports write where they have no title or no author: `[No title available]` (Embase,
# Scopus), `Untitled`, `Title not available`; `Anonymous` (Embase), `[Anonymous]` (WoS), `[No
# author name available]` (Scopus), `Author unknown`, `Authors`, `NA`. Two such records agree on
# nothing: a placeholder is no title and no author.
_NO_TITLE = re.compile(
    r"\W*(?:no title(?: available| given)?|untitled|title (?:not )?(?:available|unavailable)"
    r"|not available)\W*",
    re.I,
)
_NO_AUTHOR = re.compile(
    r"\W*(?:anon(?:ymous)?|unknown(?: authors?)?|authors?(?: unknown| not (?:available|listed))?"
    r"|no authors?(?: name)?(?: available| listed)?|not available|n/a)\W*",
    re.I,
)


def placeholder_title(title: str) -> bool:
    return len(title) < 30 and _NO_TITLE.fullmatch(title) is not None


@lru_cache(maxsize=4096)
def placeholder_author(name: str) -> bool:
    # `NA` only in capitals: `Na, Moon Jun` is a surname.
    return name.strip(" .") in ("NA", "N.A") or _NO_AUTHOR.fullmatch(name) is not None


def make_key(r: Record) -> Key:
    """The record's key on its own; `_context.annotate` adds what the other records say."""
    code, raw = abstract_code("" if placeholder_title(r.title) else r.title.lstrip())
    if raw[:1] in "RrIiTtMm":
        label = _SECTION_LABEL.match(raw)
        raw = raw[label.end() :] if label else raw
    title = title_form(_ORIGINAL.sub("", raw)) if "<" in raw else title_form(raw)
    title = title or title_form(raw)
    volume, issue, pages = embase_place(r.volume, r.issue, r.pages)
    first, last, style, starts, s_pages = pages_info(pages)
    journal, _ = journal_info(r.journal or r.journal_abbrev)
    arxiv = arxiv_id(r.journal, r.volume, r.doi)
    if arxiv:
        # One preprint under `CoRR` and `arXiv preprint arXiv:...`: one venue, its identifier the
        # volume (two identifiers, two entries).
        journal, volume = ("arxiv",), arxiv
    authors = unglue(r.authors)
    if authors and any(placeholder_author(a) for a in authors):
        authors = tuple(a for a in authors if not placeholder_author(a))
    group = group_author(authors)
    # A trial group first and its people after it (`IST-3 Investigators; Smith J; Lee K`):
    # the people are compared, as the other database lists them without the group. A group
    # alone, or with one name, still leaves nothing to compare.
    named = authors if not group else tuple(a for a in authors if not _is_group(a))
    if group and len(named) < 2:
        named = ()
    alt_titles = alternatives(raw)
    tokens = title_tokens(title)
    titled = kinds(raw, "")  # what the title says the item is; the record type adds its own
    typed = _type_info(r.type)[0]
    item_kinds = titled | typed
    if registry(r.journal, r.type, r.url):
        item_kinds |= {"registry"}
    elif thesis_source(r.journal):
        item_kinds |= {"thesis"}
    return Key(
        id=r.id,
        source=r.source,
        title=title,
        raw_title=raw,
        abstract_code=code,
        language=r.language,
        recurring=bool(tokens) and generic(tokens),
        alt_titles=alt_titles,
        tokens=tokens,
        numbers=title_numbers(title),
        signs=title_signs(raw),
        part=part(title) or dotted_part(raw) or case_letter(raw),
        kinds=item_kinds,
        typed_comment="comment" in typed and "comment" not in titled,
        conference=conference(r.journal, r.volume, r.issue, r.pages, r.type),
        supplement=s_pages or _supplement(r.volume + " " + r.issue),
        track=track(r.journal),
        series=book_series(r.journal),
        form=form(r.type),
        typed=bool(r.type.strip()),
        year=r.year,
        surnames=() if not named else surnames(named),
        initials=() if not named else given_initials(named),
        authors=authors,
        first_author=(
            () if not named
            else without_particles(_surnames_of(named[0], initials_first(named)))[:4]
        ),
        group=group,
        journal=journal,
        meeting=meeting_words(r.journal),
        journal_alt=journal_info(r.journal_abbrev)[0] if r.journal and r.journal_abbrev else (),
        volume=volume if arxiv else clean_number(volume),
        issue=clean_number(issue, issue=True),
        supplement_no=supplement_number(r.volume, r.issue),
        first_page=first,
        last_page=last,
        page_style=style,
        page_starts=starts,
        shared_pages=bool(SHARED_PAGES.search(pages)),
        page_count=page_count(pages),
        doi=normal_doi(r.doi),
        doi_trusted=True,
        doi_container=False,
        pmid=known_pmid(r.pmid),
        abstract=" ".join(words(r.abstract[:600])) if r.abstract else "",
    )


def known_pmid(pmid: str) -> str:
    """The record's PMID, or '' when the field holds something else (records imported before
    `normalise.pmid` checked it): the same PMID makes two records one, so only PubMed's own
    numbers count."""
    number = pmid.strip().lstrip("0")
    return number if number.isdigit() and len(number) <= PMID_DIGITS else ""


def normal_doi(doi: str) -> str:
    """The DOI as `review import` stores it (`normalise.doi`): records imported before it read
    links, escapes and run-on DOIs are compared in that form too."""
    if not doi:
        return ""
    found = normalise.doi(doi)
    if found.startswith("10.1101/"):
        found = _RXIV_VERSION.sub("", found)
    return found


# bioRxiv's and medRxiv's DOIs name the preprint, every version; a link read as a DOI carries
# the version it shows and its view (`10.1101/2020.12.01.20241234v2.full`).
_RXIV_VERSION = re.compile(r"(?<=\d)(?:v\d+)?(?:\.full|\.abstract)?(?:\.pdf)?$")
