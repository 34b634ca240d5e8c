"""Turns raw field values from any format into the normalised fields of a `Record`.

Parsers only map their tags or columns onto field names; everything that must be the same for
every format (DOI form, year, pages, whitespace, author names) happens once, here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote

from review_cli.model import TEXT_FIELDS, Record, squash

_TAG = re.compile(
    r"</?(?:i|b|em|strong|sup|sub|p|br|h[1-6]|jats:[a-z-]+|inf|scp|u|span)\b[^>]*>", re.I
)
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.I)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_PMID_LABEL = re.compile(r"^(?:pmid|pubmed(?:\s*id)?)\s*[:=]?\s*", re.I)
_PUBMED_LINK = re.compile(
    r"(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(\d+)", re.I
)
_TOKEN_END = re.compile(r"[\s;,\[(]")
PMID_DIGITS = 8  # PubMed's numbers are under 100 million (about 40 million in 2025)
_DASH = re.compile(r"\s*[-\u2010-\u2015\u2212]+\s*")


def clean(value: Any) -> str:
    """Collapse whitespace, unescape HTML entities, drop inline markup."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return squash(text)


def doi(value: Any) -> str:
    """`https://doi.org/10.1/ABC` -> `10.1/abc`; empty when no DOI is present."""
    text = clean(value)
    if not text:
        return ""
    for _ in range(2):
        # A DOI copied from a link keeps the link's escapes (`10.1016/S0025-7753%2817%29`),
        # sometimes escaped twice (`%2528`): stored unescaped, as a resolver reads it.
        if "%" not in text:
            break
        text = unquote(text)
    m = _DOI.search(text)
    if not m:
        return ""
    return doi_end(m.group(0)).lower()


# A second DOI run on after the first (`10.1/a;10.1/b`, Scopus and reference managers).
_NEXT_DOI = re.compile(r"[;,]\s*(?:doi:?\s*)?10\.\d{4,9}/", re.I)
# What a publisher's link adds after the DOI: the page it shows (Wiley's `/abstract`, `/full`,
# `/pdf`, `/epdf`, Frontiers' `/full`, a PDF's `.pdf`), never part of the DOI.
_LINK_VIEW = re.compile(
    r"(?:/(?:full|abstract|pdf|epdf|pdfdirect|fulltext|html|summary|references|figures"
    r"|citedby|suppinfo)|\.pdf)/?$",
    re.I,
)


def doi_end(found: str) -> str:
    """A DOI found in a field, up to where the DOI ends: not a second DOI run on after it, the
    punctuation after it (`.`, `,`, `)`), nor the page a link shows (`/full`, `.pdf`)."""
    if ";" in found or "," in found:
        second = _NEXT_DOI.search(found)
        if second:
            found = found[: second.start()]
    found = found.rstrip(".,;)]}>\"'")
    if "/" in found[found.index("/") + 1 :] or found[-4:].lower() == ".pdf":
        found = _LINK_VIEW.sub("", found).rstrip(".,;)]}>\"'")
    return found


def year(value: Any) -> int | None:
    m = _YEAR.search(clean(value))
    return int(m.group(1)) if m else None


def pmid(value: Any) -> str:
    """`PMID: 123`, `00123` or a PubMed link -> `123`; empty for anything that is not a PMID.

    A PMID field sometimes holds another database's identifier: a DOI (`10.1016/...`), a
    Scopus EID (`2-s2.0-85...`), an Embase or Web of Science accession number (ten or fifteen
    digits), a PMCID. Their first digits are no PMID, and the same PMID makes two records one
    (`dedup`): only a number standing alone, of at most eight digits (PubMed's numbers), is read.
    """
    text = clean(value)
    if "/" in text:
        link = _PUBMED_LINK.search(text)  # OpenAlex's `ids.pmid`, a PubMed link in a URL field
        if link:
            text = link.group(1)
    text = _PMID_LABEL.sub("", text)
    token = _TOKEN_END.split(text, maxsplit=1)[0].rstrip(".")
    number = token.lstrip("0")
    return number if token.isdigit() and 0 < len(number) <= PMID_DIGITS else ""


# Notes and Zotero's Extra cite other items by their identifiers too: `Comment on: PMID: 123`,
# `Erratum for: PMID 123`, `Original PMID: 123`, `Retraction of doi: 10...`. A label there is
# the record's own where it starts its line or follows another key's value (Zotero's Extra
# flattened to one line: `Place: England PMID: 35319117  PMCID: PMC9151451`) or a pointer to
# the record's own version (`see doi: ...`, `Available from: https://doi.org/...`); one that a
# relation's words lead into names the item the record is about, and the same PMID or DOI
# would make the comment and its article one record.
_LEADS_TO_ANOTHER = re.compile(
    r"\b(?:on|of|for|to|original(?:\s+\w+)?|comment(?:s|ed)?|errat(?:um|a)|"
    r"correct(?:ion|ed|s)?|retract(?:ion|ed|s)?|updat(?:e|es|ed)|repl(?:y|ies)|"
    r"respon(?:se|ds)|cit(?:e|es|ed|ing)|related|parent|linked|republished|reprint(?:ed)?)"
    r"(?:\s+in)?\s*:?\s*$",
    re.I,
)
_ID_LABEL_END = re.compile(r"(?:\b(?:doi|pmid|pubmed(?:\s*id)?)\s*:?|https?://\S*)\s*$", re.I)


# PubMed's relations as EndNote and Zotero keep them, one a line: `Erratum in: Age Ageing.
# 2021;50(6):2033. doi: 10...`, `Comment on: ...`, `Original Study: ...`.
_RELATION_LINE = re.compile(
    r"^\s*(?:original\s+\w+|(?:comments?|errat(?:um|a)|corrections?|retractions?|retracted|"
    r"updates?|repl(?:y|ies)|responses?|republished|reprints?|expression of concern)"
    r"\s+(?:in|on|of|for|to|from))\s*:",
    re.I,
)


def names_another(text: str, start: int) -> bool:
    """Whether the identifier (or its label) at `start` of a note names another item."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if _RELATION_LINE.match(line):
        return True
    line = _ID_LABEL_END.sub("", line)
    return bool(_LEADS_TO_ANOTHER.search(line))


def first_own(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of `pattern` in a note that gives the record's own identifier, not one
    a relation cites (`Original PMID: 123`, `Comment on: PMID: 123`): `names_another`."""
    for m in pattern.finditer(text):
        label = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        if not names_another(text, label):
            return m
    return None


def linked_pmid(links: Iterable[str]) -> str:
    """The PMID of the one PubMed record some links name; '' when they name none or several
    (a comment's links may list its article's PubMed page beside its own)."""
    found = {m for text in links for m in _PUBMED_LINK.findall(text)}
    return next(iter(found)) if len(found) == 1 else ""


# PsycINFO's `No Pagination Specified`, which Ovid's RIS splits into `SP  - No` and
# `EP  - Specified` and EndNote writes `No-Specified`: no pages, not a page named `No`.
_NO_PAGES = re.compile(r"(?:no|not)(?:[\s-]+pagination)?(?:[\s-]+specified)?", re.I)


def pages(start: Any, end: Any = "") -> str:
    """`5795-813` and `5795 - 5813` -> `5795-5813`; a single page stays as it is."""
    first, last = clean(start), clean(end)
    if first[:1] in ("n", "N") and _NO_PAGES.fullmatch(f"{first} {last}".strip()):
        return ""
    if not last and first:
        parts = _DASH.split(first, maxsplit=1)
        if len(parts) == 2:
            first, last = parts
    if last in ("+", "&"):  # Web of Science's end page when it does not know it (`95-+`)
        last = ""
    if not first:
        return last
    if not last or last == first:
        return first
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}"


# An article number as exports keep it apart from the pages (RIS `C7`, Scopus's `Art. No.`,
# BibTeX's `art_number`, `articleno`, `eid`): `e0250000`, `1722034`, `A21`. Anything longer
# or spaced is another use of the field (a library's note, Scopus's `2-s2.0-...` record id).
_ARTICLE_NUMBER = re.compile(r"[A-Za-z]{0,4}\d[\w.-]{0,14}")


def article_number(value: str) -> str:
    """`value` when it is shaped like an article number, else ''."""
    value = value.strip()
    if value.startswith("2-s2.0-") or not _ARTICLE_NUMBER.fullmatch(value):
        return ""
    return value


# A journal that numbers its articles may have each one listed with its number and its own pages
# counted from 1 (Scopus: `Art. No. 1987`, `Page start 1`, `Page end 20`); PubMed and Web of
# Science place it by the number alone, and every article of the volume has pages from 1, so
# such pages place nothing (two articles of one volume read as one place).
_OWN_PAGES = re.compile(r"0*1(?:\s*[-\u2013\u2014]+\s*\d+)?")


def placed_by_number(pages: str, number: str) -> bool:
    """The article number, not `pages`, places the article: it has no pages, or pages from 1."""
    return bool(number) and (not pages.strip() or bool(_OWN_PAGES.fullmatch(pages.strip())))


def pages_or_number(pages: str, number: str) -> str:
    """What places the article of a format that keeps its pages in one field."""
    return number if placed_by_number(pages, number) else pages


def with_supplement(issue: str, supplement: str) -> str:
    """The issue with a supplement given apart (WoS's `SU 2`, its Excel `Supplement`), written
    as the other databases write it (`Suppl 2`, `3 Suppl 1`): a meeting abstract in a supplement
    must not read as being in the volume's regular issues, and its supplement's number tells
    two supplements apart."""
    supplement = supplement.strip()
    if not supplement:
        return issue
    number = supplement if supplement.isdigit() else ""
    return " ".join(p for p in (issue, "Suppl", number) if p)


def split_people(value: Any, sep: str = ";") -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        out: list[str] = []
        for v in value:
            if type(v) is str and sep not in v:  # the common case: one name per value
                c = clean(v)
                if c:
                    out.append(c)
            else:
                out.extend(split_people(v, sep))
        return out
    return [p for p in (clean(x) for x in str(value).split(sep)) if p]


# SpringerLink's CSV writes its authors in one cell with nothing between the names: `Andy
# SmithTom Weber`. A name ends where a lower-case letter meets a capitalised given name, one
# followed by a space or a hyphen (`Mary-Anne`); `McDonald` or `DeAngelis` at the end of a name
# are not cut, and `Mc`, `De`... cut before a capital are joined again.
_RUN_TOGETHER = re.compile(r"(?<=[a-zß-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+[\s-])")
_NAME_PREFIXES = frozenset("mc mac fitz de di da du le la van von del".split())


def run_together(cell: str) -> list[str]:
    """`Andy SmithTom Weber` -> [`Andy Smith`, `Tom Weber`]; a cell with one name is kept."""
    if "," in cell or not _RUN_TOGETHER.search(cell):
        return [cell]
    names: list[str] = []
    for piece in _RUN_TOGETHER.split(cell):
        if names and (" " not in names[-1] or names[-1].rsplit(" ", 1)[-1].casefold()
                      in _NAME_PREFIXES):
            names[-1] += piece  # `Mc` + `Donald Smith`: one name, cut wrongly
        else:
            names.append(piece)
    return [n.strip() for n in names if n.strip()]


_COMMA = re.compile(r"\s*,\s*")
_SEMICOLON = re.compile(r"\s*;\s*")


def author(name: str) -> str:
    """Keep the export's form, tidied: `Smith,  J.A.` -> `Smith, J.A.`."""
    # clean() without the markup and entity steps it would skip anyway
    name = clean(name) if "<" in name or "&" in name else squash(name)
    name = name.strip(" ;,")
    return _COMMA.sub(", ", name) if "," in name else name


def keywords(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        if type(item) is str and "<" not in item and "&" not in item and ";" not in item:
            # clean(), inlined for the common case: one plain keyword per value
            k = item.strip() if item.isprintable() and "  " not in item else " ".join(item.split())
            if k and k not in seen:
                seen.add(k)
                out.append(k)
            continue
        text = clean(item)
        for k in _SEMICOLON.split(text) if ";" in text else (text,):
            if k and k not in seen:
                seen.add(k)
                out.append(k)
    return out


# Normalised form of each plain author name seen: a big export names the same people again
# and again (a 100,000-record file has a few hundred thousand distinct names, not millions).
_AUTHOR_CACHE: dict[str, str] = {}
_AUTHOR_CACHE_SIZE = 500_000


def _author_plain(v: str) -> str:
    """`author(v)` for a name without `;`, markup or entities (the fused form of the two)."""
    # squash(), inlined: after it the only whitespace left is single spaces between words.
    name = v.strip() if v.isprintable() and "  " not in v else " ".join(v.split())
    name = name.strip(" ;,")
    if "," in name and (" ," in name or name.count(",") != name.count(", ")):
        name = _COMMA.sub(", ", name)
    return name


def _authors(value: Any) -> tuple[str, ...]:
    """`tuple(a for a in map(author, split_people(value)) if a)`, fused for the common case
    (a list of plain names, one per value): each name is squashed once, not twice, the comma
    regex runs only when a comma is not already written `, `, and a name seen before is looked
    up (tested to be identical)."""
    if type(value) is not list:
        return tuple(a for a in map(author, split_people(value)) if a)
    out: list[str] = []
    cache = _AUTHOR_CACHE
    for v in value:
        if type(v) is not str or ";" in v or "<" in v or "&" in v:
            out.extend(a for a in map(author, split_people([v])) if a)
            continue
        name = cache.get(v)
        if name is None:
            if len(cache) >= _AUTHOR_CACHE_SIZE:
                cache.clear()
            name = cache[v] = _author_plain(v)
        if name:
            out.append(name)
    return tuple(out)


_PLAIN_TEXT_FIELDS = tuple(f for f in TEXT_FIELDS if f not in ("doi", "pmid", "pages"))


# The keys of `fields()`, in the order of the Record's fields (and of its JSON line).
FIELD_ORDER = tuple(f for f in Record._fields if f not in ("id", "source", "origins"))


def fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Normalised field dict (every key of a Record except id/source/origins, in Record order)."""
    get = raw.get
    out: dict[str, Any] = dict.fromkeys(FIELD_ORDER)
    for name in _PLAIN_TEXT_FIELDS:
        value = get(name)
        if value is None or value == "":
            out[name] = ""
        elif type(value) is str and "<" not in value and "&" not in value:
            # clean() without the markup and entity steps, and squash() inlined
            out[name] = (
                value.strip() if value.isprintable() and "  " not in value
                else " ".join(value.split())
            )
        else:
            out[name] = clean(value)
    url = get("url", "")
    out["doi"] = doi(get("doi")) or doi(url) if get("doi") or "doi.org" in str(url) else ""
    value = get("pmid")
    out["pmid"] = pmid(value) if value else ""  # pmid() of any false value is ""
    start, end = get("pages", get("start_page", "")), get("end_page", "")
    out["pages"] = pages(start, end) if start not in (None, "") or end not in (None, "") else ""
    out["year"] = year(get("year"))
    out["authors"] = _authors(get("authors"))
    out["keywords"] = tuple(keywords(get("keywords")))
    return out


# --- notes databases append to titles ---------------------------------------------------------
_NOTE_START = re.compile(
    r"[.\s]\[(?:errat|comment|review|see |retract|update|summary|\d+ ref|article in|"
    r"english|spanish|french|german|italian|japanese|chinese|russian|portuguese|polish|dutch|"
    r"published|corrected|note|electronic resource)",
    re.I,
)
_NOTE = re.compile(r"\s*\[[^\[\]]*\]\s*\.?\s*$")
# A trailing bracket naming a trial (`[IST-3]`, `[ECASS III and EPITHET]`, `[MR CLEAN-NO IV]`)
# is the work's own words: dropping it as a note made one family's trials one title. Only a
# bracket of acronyms, numbers and a few joining words is read so; a note in capitals
# (`[REVIEW]`, `[33 REFS]`) and Scopus's original-language title (lower-case words) still go.
_ACRONYM = re.compile(r"[A-Za-z][A-Za-z0-9]*[A-Za-z0-9](?:[-/][A-Za-z0-9]+)*")
_JOINING = frozenset({"and", "or", "vs", "versus", "&", "+", "the", "trial", "trials", "study",
                      "part", "-", "investigators", "group", "collaboration", "collaborators",
                      "registry", "pilot", "substudy", "extension", "of", "phase"})
_NOTE_WORD = re.compile(
    r"review|refs?|abstracts?|letters?|editorials?|comments?|errat\w*|news|notes?|summary|"
    r"english|update|retract\w*|published|corrected|process|citation|pdf|html|book|cme|"
    # What a database or a registry says of the record, in capitals too: its language (a name
    # or a code), the database or its status, a design label. A bracket holding one is a
    # note, so the record is not kept apart from its own other export.
    r"korean|turkish|czech|hungarian|swedish|danish|norwegian|finnish|greek|hebrew|arabic|"
    r"persian|croatian|serbian|slovak|slovenian|romanian|bulgarian|ukrainian|lithuanian|"
    r"latvian|estonian|catalan|thai|vietnamese|indonesian|spanish|french|german|italian|"
    r"japanese|chinese|russian|portuguese|polish|dutch|"
    r"eng|ger|fre|spa|ita|por|chi|jpn|kor|rus|pol|dut|tur|swe|dan|nor|fin|hun|cze|gre|heb|"
    r"medline|pubmed|pmc|pmid|embase|cinahl|scopus|psycinfo|wos|isi|epub|publisher|rct",
    re.I)
# Notes of two words or more whose words can name a trial alone (`ACCESS`, `PRINT`, `OPEN`).
_NOTE_PHRASE = re.compile(
    r"\b(?:(?:epub )?ahead of print|open access|in process|case reports?|conference (?:paper|"
    r"abstract)|original (?:article|research)|brief report|research article)\b", re.I)
# A bracket holding only a language's code of two letters.
_LANGUAGE_CODE = re.compile(r"en|de|fr|es|it|pt|zh|ja|ko|ru|nl|pl|tr|sv|da|no|fi|hu|cs|el|he")


def _acronym(w: str) -> bool:
    """`IST-3`, `MR`, `CLEAN-NO`, and trials named in mixed case (`PRoFESS`, `AcT`, `HeadPoST`,
    `TWiST`, `eICU`): two capitals or more (a word in title case, `Epub`, has one)."""
    return bool(_ACRONYM.fullmatch(w)) and sum(c.isupper() for c in w) >= 2


def _names_a_trial(bracket: str, rest: str) -> bool:
    if not any(c.islower() for c in rest):  # a title in capitals: no acronym stands out
        return False
    inner = bracket.strip().strip("[]. ")
    if _LANGUAGE_CODE.fullmatch(inner.casefold()) or _NOTE_PHRASE.search(inner):
        return False
    words = inner.replace(",", " ").split()
    acronyms = 0
    for w in words:
        if _NOTE_WORD.fullmatch(w):
            return False
        if _acronym(w):
            acronyms += 1
        elif not (w.isdigit() or w.lower() in _JOINING):
            return False
    # A part numbered in the bracket (`[Part 2]`, `[Phase 2 of 3]`) is the title's too: dropped,
    # it made a series' parts one title.
    numbered = any(
        w.lower() in ("part", "phase") and n.isdigit()
        for w, n in zip(words, words[1:], strict=False)
    )
    return acronyms > 0 or numbered


# How erratum notices cite the article they correct: WoS `Title (vol 360, pg 542, 2009)` and
# Embase `Title (New England Journal of Medicine (2009) 360 (542-544))`. For a journal of
# article numbers WoS cites the number instead of `pg` (`(vol 16, e0251071, 2021)`, Scientific
# Reports' `(vol 11, 4512, 2021)`): volume, number and year alone, or the correction reads as
# an article (one correction's WoS and PubMed records were queued, round 11a).
_CITED = re.compile(
    r"\s*\((?:vol\.? [^()]*pg [^()]*|vol\.? \d+[a-z]?, (?:artn |art\. no\. )?[a-z]{0,2}\d+, "
    r"(?:19|20)\d\d|[^()]*\((?:19|20)\d\d\)\s*\d+\s*(?:\([^()]*\))?[^()]*)\)"
    r"\s*\.?\s*$",
    re.I,
)


# The same citation cut off by a field-length limit: `... (The Journal of Pediatrics (M`.
_CITED_CUT = re.compile(r"\s*\([^()]{12,}\([^()]{0,12}$")


def cites_article(title: str) -> bool:
    return bool(_CITED.search(title) or _CITED_CUT.search(title))


def strip_notes(title: str) -> str:
    """Drop the bracketed notes databases append: `[Review] [33 refs]`, `[Erratum appears in
    ...]`, `[Article in German]`, `[see comments]`, and an erratum's citation of its article.
    They describe the record, not the work."""
    t = title.strip()
    if "(" in t:
        t = _CITED_CUT.sub("", _CITED.sub("", t))
    if "[" not in t:
        return t
    m = _NOTE_START.search(t)
    if m and m.start() > 0:
        t = t[: m.start()]
    while True:
        m = _NOTE.search(t)
        if not m or m.start() == 0 or _names_a_trial(m.group(0), t[: m.start()]):
            return t
        t = t[: m.start()].rstrip()
