"""The named rules that decide a candidate pair: duplicate, different, or uncertain.

Guards run first and say "different" for the classic false merges (erratum, comment, retraction
vs the article; conference abstract vs journal article; series parts; protocol vs results; other
year, volume, pages, DOI or PMID). A guard's verdict is also enforced transitively by the
clustering, so a third record can never bridge two records a guard keeps apart.
Only then do the duplicate rules look for enough agreement; anything in between is uncertain
and waits for a person. Precision comes first: a false merge deletes a study.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from review_cli.stages.dedup._keys import Key, journals_match
from review_cli.stages.dedup._titles import foreign, main_title


class Verdict(StrEnum):
    DUPLICATE = "duplicate"
    DIFFERENT = "different"
    UNCERTAIN = "uncertain"


@dataclass(frozen=True, slots=True)
class Match:
    verdict: Verdict
    rule: str
    scores: dict[str, float]
    # An uncertain pair that a guard holds apart until a person decides: clustering never joins
    # its records through a third one (same DOI, but a comment and its article).
    hold: bool = False


DISSIMILAR = Match(Verdict.DIFFERENT, "dissimilar", {})  # shared: most pairs end as this

# Duplicate rules switched off by name. Always empty in use; `benchmarks/bench_dedup.py` fills
# it to measure each shared set with the rules it would have had without its own hard cases.
OFF: frozenset[str] = frozenset()


def title_similarity(a: Key, b: Key) -> float:
    """0..1; a title that is the other's main title plus a subtitle still scores high, and a
    bilingual title scores by its best part."""
    if not a.title or not b.title:
        return 0.0
    best = _title_pair(a.title, b.title)
    if best < 0.97 and (a.alt_titles or b.alt_titles):
        for x in (a.title, *a.alt_titles):
            for y in (b.title, *b.alt_titles):
                best = max(best, _title_pair(x, y))
    return best


def _title_pair(x: str, y: str) -> float:
    full = fuzz.ratio(x, y) / 100
    if full >= 0.97 or full < 0.5:
        return full  # below 0.5 no prefix of the longer title can come close
    # One export may drop the subtitle: compare the shorter title with the longer's start.
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) >= 40 and len(short) >= 0.6 * len(long_):
        full = max(full, 0.98 * fuzz.ratio(short, long_[: len(short)]) / 100)
    return full


def author_similarity(a: Key, b: Key) -> float | None:
    """Share of the shorter author list found in the longer one; None when one is missing."""
    if not a.surnames or not b.surnames:
        return None
    sa, sb = set(a.surnames), set(b.surnames)
    shared = len(sa & sb)
    if shared < min(len(sa), len(sb)) and len(sa) * len(sb) <= 150:
        # Transliterations and typos: count near-equal surnames too.
        rest_b = list(sb - sa)
        for s in sa - sb:
            if process.extractOne(s, rest_b, scorer=fuzz.ratio, score_cutoff=85) is not None:
                shared += 1
    return min(1.0, shared / min(len(sa), len(sb)))


def first_author_match(a: Key, b: Key) -> bool | None:
    """Same first author; `Le Quintrec, M` vs `Quintrec, M. Le` style splits still match."""
    if not a.surnames or not b.surnames:
        return None
    x, y = a.surnames[0], b.surnames[0]
    if x == y or fuzz.ratio(x, y) >= 85:
        return True
    # Compound surnames split differently (`Howard Sharp, K` vs `Sharp, K. H.`, `Le Quintrec`
    # vs `Quintrec, M. Le`): a shared word of length 4+ in the first authors' names.
    if any(w in b.first_author for w in a.first_author if len(w) >= 4):
        return True
    # A particle read as the surname (`Le`, `van`, `de`): the next word is the real one.
    return (len(x) <= 3 and y in a.surnames[1:2]) or (len(y) <= 3 and x in b.surnames[1:2])


def word_conflict(a: Key, b: Key) -> bool:
    """True when each title has a word the other lacks with nothing alike in its place:
    `adult` vs `adolescent`, `sensitive` vs `resistant`, `factor h` vs `factor i`.
    Spelling variants (haemolytic/hemolytic) and dropped subtitles are not conflicts."""
    if a.title.replace(" ", "") == b.title.replace(" ", ""):
        return False  # `p16(INK4a)` vs `p16INK4a`
    only_a = set(a.tokens) - set(b.tokens) - _LABEL_WORDS
    only_b = set(b.tokens) - set(a.tokens) - _LABEL_WORDS
    if not only_a or not only_b:
        return False
    lonely_a = [w for w in only_a if not any(_alike(w, v) for v in only_b)]
    lonely_b = [w for w in only_b if not any(_alike(w, v) for v in only_a)]
    if not lonely_a or not lonely_b:
        return False
    # A dropped subtitle leaves words on one side only; a swap leaves them on both sides.
    return len(lonely_a) + len(lonely_b) <= 0.5 * (len(a.tokens) + len(b.tokens))


# Words that label a record rather than name the work (kinds are compared by the guards).
_LABEL_WORDS = frozenset(
    "erratum errata corrigendum correction reply response comment letter retraction review "
    "editorial".split()
)


def _alike(x: str, y: str) -> bool:
    if len(x) >= 3 and len(y) >= 3 and (x in y or y in x):
        return True  # `sub group` vs `subgroup`
    if x[0] != y[0] and not (x.isdigit() or y.isdigit()):
        return fuzz.ratio(x, y) >= 80
    return fuzz.ratio(x, y) >= 75 or (
        min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))
    )


def _journal(a: Key, b: Key) -> bool | None:
    """True, False, or None when it cannot be told: a name is missing, or one is romanised
    from another script (`Zhonghua Yi Xue Za Zhi`) and the other is the English name."""
    if not a.journal or not b.journal:
        return None
    for x in (a.journal, a.journal_alt):
        for y in (b.journal, b.journal_alt):
            if x and y and journals_match(x, y):
                return True
    if romanised(a.journal) != romanised(b.journal):
        return None
    return False


# Words of journal names romanised from Chinese (pinyin, Wade-Giles), Japanese, Korean and
# Russian; English names never hold two of them.
_ROMANISED = frozenset(
    "zhonghua zhongguo za zhi zazhi xue xuebao bao yixue daxue zasshi gakkai gakkaishi igaku "
    "nihon nippon rinsho kenkyu zhurnal vestnik khirurgii khirurgiia meditsina voprosy problemy "
    "trudy chung hua tsa chih hsueh taehan hakhoe uihak kyobo shinkei geka naika".split()
)


def romanised(journal: tuple[str, ...]) -> bool:
    return sum(1 for w in journal if w in _ROMANISED) >= 2


def kind_guard(a: Key, b: Key) -> str:
    """The guard that says a and b are different kinds of item or different works of one
    series, or ''. These hold even when a DOI is shared (Embase gives a comment the DOI of the
    article it comments on)."""
    same_place = a.year == b.year and bool(a.volume) and a.volume == b.volume and same_page(a, b)
    if a.kinds != b.kinds:
        for kind in ("erratum", "retraction", "comment", "protocol"):
            if kind != "comment" and same_place:
                # A notice or a protocol has its own pages: at one place both records are it.
                # (A letter and its reply can share a page, so comments stay apart.)
                continue
            if (kind in a.kinds) != (kind in b.kinds):
                return f"{kind}-vs-article" if kind != "protocol" else "protocol-vs-results"
    if a.part != b.part:
        return "series-part"
    if a.title and b.title and a.numbers != b.numbers and not same_place:
        # `12-month` vs `24-month` results; a typo in a number is forgiven only when year,
        # volume and first page say it is the same article.
        return "title-numbers"
    if a.conference != b.conference:
        # A meeting abstract and the journal article that followed share title and authors.
        article = b if a.conference else a
        span = _span(article)
        if (
            span >= 3 and bool(article.journal or article.volume)
            and not (a.first_page and a.first_page == b.first_page)
        ):
            # (A record with pages but no journal or volume is not known to be an article:
            # an index of conference papers exports pages 1-15 and nothing else.)
            return "abstract-vs-article"
    return ""


def place_guards(a: Key, b: Key, title: float) -> list[str]:
    """Every field that places a record and disagrees: year (by more than one), volume, issue,
    first page. Each one alone tells two items apart."""
    out = []
    if a.year and b.year and abs(a.year - b.year) > 1:
        out.append("year-apart")
    if a.volume and b.volume and a.volume != b.volume and not (a.conference or b.conference):
        # Meeting supplements carry unreliable volumes (`1)` for `63 (Suppl 1)`).
        out.append("volume-differs")
    if (
        a.issue and b.issue and a.issue != b.issue
        and not (
            title >= 0.97 and not (a.recurring or b.recurring) and a.volume == b.volume
            and bool(a.volume) and same_page(a, b) and a.page_style != "roman"
        )
        and a.issue != b.first_page and b.issue != a.first_page and not shifted_fields(a, b)
    ):
        # Issues of one volume: a column in issues 1-4, two articles at the same pages of a
        # journal that starts every issue at page 1. Not counted: the same title at the same
        # first page of one volume (one article, whatever the issue field says), an article
        # number in the issue field (`11(791)` for `11(3):791`), fields shifted one along.
        out.append("issue-differs")
    if (
        a.first_page and b.first_page and a.page_style == b.page_style
        and a.first_page != b.first_page and a.last_page != b.last_page
        and not (a.page_starts & b.page_starts)
        and not pages_overlap(a, b, title) and not online_first(a, b) and not shifted_fields(a, b)
    ):
        # Only pages of one style compare: `e12724` and `1-6` are the same article's two
        # locators (e-number and print pages).
        out.append("pages-differ")
    return out


def abstract_similarity(a: Key, b: Key) -> float | None:
    if len(a.abstract) < 200 or len(b.abstract) < 200:
        return None
    return fuzz.ratio(a.abstract, b.abstract) / 100


def _same_text(a: Key, b: Key, title: float) -> bool:
    """Same title, year, first page and abstract: a wrong DOI in one export (Embase sometimes
    gives a meeting abstract the DOI of another item) does not make it another work."""
    if title < 0.97 or a.year != b.year or not same_page(a, b):
        return False
    same = abstract_similarity(a, b)
    return same is not None and same >= 0.9


def same_page(a: Key, b: Key) -> bool:
    """Same first page. Page 1 alone says little (online journals start every article at 1),
    so there the last pages must agree too."""
    if not a.first_page or a.first_page != b.first_page:
        return False
    return a.first_page != "1" or a.last_page == b.last_page


def pages_overlap(a: Key, b: Key, title: float) -> bool:
    """Two ranges of three pages or more that share pages in one volume: two different articles
    cannot occupy the same pages, so one export has the pages a little wrong (678-684 vs
    676-682). Adjacent items may share one page (a letter ends where the reply starts), so a
    single shared page counts only for the same title by the same authors. Meeting abstracts
    are excluded: several share a page."""
    if (
        a.conference or b.conference or not a.volume or a.volume != b.volume
        or a.page_style or b.page_style
    ):
        return False
    if _span(a) < 3 or _span(b) < 3 or a.first_page == "1" or b.first_page == "1":
        return False  # online journals start every article at page 1: 1-10 and 1-12 share nothing
    shared = min(int(a.last_page), int(b.last_page)) - max(int(a.first_page), int(b.first_page)) + 1
    if shared >= 2:
        return True
    if shared == 1 and title >= 0.97:
        authors = author_similarity(a, b)
        return authors is not None and authors >= 0.8 and bool(first_author_match(a, b))
    return False


def online_first(a: Key, b: Key) -> bool:
    """One record is the article ahead of print: no volume yet, its own pages 1-N (N >= 3);
    the other carries the print volume and pages. Those pages cannot be compared."""
    for x, y in ((a, b), (b, a)):
        if (
            not x.volume and y.volume and x.first_page == "1" and _span(x) >= 3
            and not x.page_style and x.journal
        ):
            return True  # (a record that names no journal is not an article ahead of print)
    return False


def shifted_fields(a: Key, b: Key) -> bool:
    """One export moved volume, issue and pages one field along: no volume, the volume in the
    issue field and the issue as the page (`vol -, issue 26, pages 9` for `26(9):1746`)."""
    for x, y in ((a, b), (b, a)):
        if (
            not x.volume and x.issue and x.issue == y.volume and y.issue
            and x.first_page == y.issue and x.last_page == x.first_page
        ):
            return True
    return False


def names_agree(a: Key, b: Key) -> bool:
    """Author lists that agree once given names are read too: `Luis Ferreira, Santos A` (an
    export that put the given names first) holds the surname `Santos`. Half the shorter list
    must be found among every word of the other's names."""
    if not a.surnames or not b.surnames:
        return False
    for x, y in ((a, b), (b, a)):
        found = {
            w for author in y.authors[:12] for w in _NAME_WORDS.sub(" ", author.casefold()).split()
            if len(w) > 2
        }
        names = set(x.surnames)
        if names and len(names & found) >= 0.5 * len(names):
            return True
    return False


_NAME_WORDS = re.compile(r"[\W_]+")


def _span(k: Key) -> int:
    if k.first_page.isdigit() and k.last_page.isdigit():
        return int(k.last_page) - int(k.first_page) + 1
    return 0


def compare(a: Key, b: Key) -> Match:
    """Decide one candidate pair with the first rule that applies.

    Order: identifiers that name one record (a PMID; a DOI that is not a container's), then the
    guards (kinds of item, then fields that place a record: year, volume, issue, pages), then
    the duplicate rules, each of which states what agrees. Every automatic merge reads "these
    identifiers or fields agree, and nothing that tells records apart disagrees"."""
    if (
        a.title and b.title and not a.alt_titles and not b.alt_titles
        and fuzz.ratio(a.title, b.title, score_cutoff=50) == 0
        and not (a.doi and a.doi == b.doi) and not (a.pmid and a.pmid == b.pmid)
        and not (a.volume and a.volume == b.volume and same_page(a, b))
    ):
        return DISSIMILAR  # the fast path for most candidate pairs: titles far apart
    title = title_similarity(a, b)
    if (
        title < 0.75
        and not (a.doi and a.doi == b.doi)
        and not (a.pmid and a.pmid == b.pmid)
        and not (a.volume and a.volume == b.volume and same_page(a, b))
    ):
        # Most candidate pairs end here: nothing that identifies a work agrees.
        return DISSIMILAR
    scores: dict[str, float] = {"title": round(title, 3)}
    if a.pmid and b.pmid and a.pmid != b.pmid:
        return Match(Verdict.DIFFERENT, "different-pmid", scores)
    trusted = a.doi_trusted and b.doi_trusted
    if trusted and a.doi and b.doi and a.doi != b.doi and not _same_text(a, b, title):
        return Match(Verdict.DIFFERENT, "different-doi", scores)
    kind = kind_guard(a, b)
    places = place_guards(a, b, title)
    same_doi = bool(a.doi) and a.doi == b.doi
    same_pmid = bool(a.pmid) and a.pmid == b.pmid
    stop = kind or (places[0] if places else "")
    if stop and not same_doi and not same_pmid:
        return Match(Verdict.DIFFERENT, stop, scores)
    authors = author_similarity(a, b)
    if authors is not None:
        scores["authors"] = round(authors, 3)
    if same_pmid:
        # A PMID names one PubMed record: two records with it are that record, whatever their
        # types say (a letter typed `Letter` in one export and `Journal Article` in another).
        return Match(Verdict.DUPLICATE, "same-pmid", scores)
    if trusted and same_doi:
        return _same_doi(a, b, title, authors, kind, places, scores)
    if stop:
        if same_doi and not a.doi_container and (title >= 0.75 or (authors or 0) >= 0.5):
            # A DOI at two places (the work's on its erratum, or two abstracts' supplement) does
            # not make one work; but when title or authors agree too, a shared DOI is never
            # silently left apart: a person looks.
            return Match(Verdict.UNCERTAIN, f"same-doi-but-{stop}", scores, hold=True)
        return Match(Verdict.DIFFERENT, stop, scores)
    return _duplicate_rules(a, b, title, authors, scores)


def _same_doi(
    a: Key, b: Key, title: float, authors: float | None, kind: str, places: list[str],
    scores: dict[str, float],
) -> Match:
    """A DOI that names one work (no other record at another place carries it). It outweighs
    one placing field that disagrees (an article number stored as pages, an epub year), never
    two, and never a guard on the kind of item: those pairs wait for a person, held apart."""
    if kind:
        return Match(Verdict.UNCERTAIN, f"same-doi-but-{kind}", scores, hold=True)
    first = first_author_match(a, b)
    authors_ok = _authors_ok(authors, first)
    conflict = word_conflict(a, b)
    variant = title_variant(a, b, title)
    near_year = a.year is None or b.year is None or abs(a.year - b.year) <= 1
    same_volume = bool(a.volume) and a.volume == b.volume
    same_pg = same_page(a, b)
    titles_agree = (title >= 0.8 and (title >= 0.95 or not conflict)) or variant == "subtitle"
    if len(places) <= 1 and titles_agree and authors_ok:
        return Match(Verdict.DUPLICATE, "same-doi", scores)
    if places:
        return Match(Verdict.UNCERTAIN, f"same-doi-but-{places[0]}", scores, hold=True)
    journal = _journal(a, b)
    bib = sum((same_volume, same_pg, bool(journal), bool(first), a.year == b.year))
    if (not a.title or not b.title) and bib >= 3:
        return Match(Verdict.DUPLICATE, "same-doi", scores)
    if title >= 0.95 and near_year and (same_volume or same_pg) and not conflict:
        # Author lists garbled in one export (given names read as surnames).
        return Match(Verdict.DUPLICATE, "same-doi", scores)
    if same_pg and near_year and authors_ok and (a.first_page != "1" or a.last_page == b.last_page):
        # The same DOI at the same pages under another title: a translated title.
        return Match(Verdict.DUPLICATE, "same-doi-same-pages", scores)
    return Match(Verdict.UNCERTAIN, "same-doi-other-title", scores)


def _authors_ok(authors: float | None, first: bool | None) -> bool:
    """Author lists that do not tell the records apart (one missing counts as agreeing)."""
    return (
        authors is None or (authors >= 0.67 and first is not False)
        or (authors >= 0.5 and bool(first))
    )


def title_variant(a: Key, b: Key, title: float) -> str:
    """How two titles that differ can still be one work's: `subtitle` (one is the other
    without its subtitle), `contained` (one's words all in the other: a dropped subtitle or a
    section heading such as `MEDICAL PROGRESS`), `translation` (a sign that one is translated);
    '' when nothing explains the difference."""
    if title >= 0.97:
        return "same"
    main_a, main_b = main_title(a.raw_title), main_title(b.raw_title)
    if (main_a and main_a == b.title) or (main_b and main_b == a.title):
        return "subtitle"
    short, long_ = (a.tokens, b.tokens) if len(a.tokens) <= len(b.tokens) else (b.tokens, a.tokens)
    if len(short) >= 3:
        inside = set(long_)
        if sum(1 for w in short if w in inside) >= 0.8 * len(short):
            return "contained"
    for k in (a, b):
        if foreign(k.raw_title, k.title, k.language, bool(k.alt_titles)):
            return "translation"
    return ""


def _duplicate_rules(
    a: Key, b: Key, title: float, authors: float | None, scores: dict[str, float]
) -> Match:
    """No identifier decided and no guard holds: the rules that find enough agreement."""
    journal = _journal(a, b)
    first = first_author_match(a, b)
    same_year = a.year is not None and a.year == b.year
    near_year = a.year is None or b.year is None or abs(a.year - b.year) <= 1
    same_volume = bool(a.volume) and a.volume == b.volume
    same_pg = same_page(a, b)
    same_range = same_pg and a.last_page == b.last_page and _span(a) >= 2
    authors_ok = _authors_ok(authors, first)
    authors_sure = authors is not None and authors >= 0.8 and bool(first)
    conflict = word_conflict(a, b)
    bib = sum((same_volume, same_pg, bool(journal), bool(first), same_year))
    if journal is not None:
        scores["journal"] = 1.0 if journal else 0.0

    if min(len(a.tokens), len(b.tokens)) < 3 and not (a.recurring or b.recurring):
        # `Empyema thoracis`: a title that short may name several items; only the same place
        # and first author (or a shared DOI or PMID, above) make a duplicate.
        if not (same_volume and same_pg and first):
            return Match(
                Verdict.UNCERTAIN if title >= 0.85 else Verdict.DIFFERENT, "short-title", scores
            )
    elif a.recurring or b.recurring:
        # `Editorial`, `Editor's Comments`, `Reply`: the title names a kind of item that every
        # issue carries, so only the place can make two records one: the same issue of one
        # volume, and the same pages (or neither has pages and the same authors wrote it).
        same_issue = bool(a.issue) and a.issue == b.issue
        placed = same_year and same_volume and journal is not False and (
            (same_issue and (same_pg or (not a.first_page and not b.first_page and authors_sure)))
            or (
                same_pg and a.page_style != "roman" and a.first_page != "1" and bool(first)
                and not (a.issue and b.issue)
            )
        )
        if placed and title >= 0.9:
            return Match(Verdict.DUPLICATE, "same-title-same-issue", scores)
        return Match(
            Verdict.UNCERTAIN if title >= 0.85 else Verdict.DIFFERENT, "recurring-title", scores
        )
    letters = letters_block(a, b, authors)
    if (
        title >= 0.95 and near_year and authors_ok and bib >= 3 and not conflict and not letters
        and (journal is not False or (same_volume and same_pg))
    ):
        return Match(Verdict.DUPLICATE, "same-title-and-source", scores)
    if (
        title >= 0.85 and same_year and same_volume and same_pg and authors_ok
        and first is not False and not conflict and not letters
    ):
        return Match(Verdict.DUPLICATE, "same-source-similar-title", scores)
    if (
        title >= 0.97 and same_year and same_volume and same_pg and journal is not False
        and ((authors is not None and authors >= 0.5) or a.group or b.group)
    ):
        # Same title at the same place; the author lists are just written differently
        # (name order swapped, a particle read as the surname).
        return Match(Verdict.DUPLICATE, "same-title-same-place", scores)
    whole_article = (
        same_year and same_volume and same_range and _span(a) >= 3 and a.first_page != "1"
        and bool(journal)
        and not (a.conference or b.conference or a.shared_pages or b.shared_pages)
    )
    if (
        whole_article and title >= 0.97 and (bool(first) or names_agree(a, b))
        and "same-title-same-range" not in OFF
    ):
        # The same pages of one volume (three or more: a whole article, not a shared letters
        # page) under the same title; one export scrambled the names (given names as surnames).
        return Match(Verdict.DUPLICATE, "same-title-same-range", scores)
    variant = title_variant(a, b, title)
    if (
        whole_article and title >= 0.8 and authors is None and variant
        and "same-place-no-authors" not in OFF
    ):
        # The same pages of one volume, a record without authors, a title worded differently
        # (a translation): nothing disagrees and the pages name one article.
        return Match(Verdict.DUPLICATE, "same-place-no-authors", scores)
    same_meeting = same_volume and a.conference and b.conference
    if (
        title >= 0.97 and authors_sure and not conflict and (
            (same_year and (journal is not False or same_meeting))
            or (near_year and len(a.tokens) >= 4 and _venue_missing(a, b))
        )
    ):
        # Nothing to compare beyond title, authors and year (proceedings, reports), and those
        # agree; a year apart only when one record does not say where it appeared (one index
        # of conference papers gives pages and no venue, another the venue a year later).
        return Match(Verdict.DUPLICATE, "same-title-authors-year", scores)
    if (
        same_year and same_volume and same_range and authors_sure and journal is not False
        and title >= 0.4 and variant
    ):
        # Same journal, volume, page range and authors, and the titles differ only as a
        # translation, a dropped subtitle or heading does: one article.
        return Match(Verdict.DUPLICATE, "same-source-translated-title", scores)
    if title >= 0.85 and near_year and (bib >= 2 or authors_ok):
        return Match(
            Verdict.UNCERTAIN,
            "similar-title" if not conflict else "similar-title-other-words",
            scores,
        )
    if same_year and same_volume and same_pg and first:
        # Same place and first author, titles apart: a translation a person should look at.
        return Match(Verdict.UNCERTAIN, "same-source-other-title", scores)
    if (
        title >= 0.75 and same_year and journal and authors_sure
        and min(len(a.surnames), len(b.surnames)) >= 3
    ):
        # One team, one journal, one year, titles apart: an article retitled between its
        # online and print versions, or two of the team's papers. A person decides.
        return Match(Verdict.UNCERTAIN, "same-authors-other-title", scores)
    return Match(Verdict.DIFFERENT, "dissimilar", scores)


def letters_block(a: Key, b: Key, authors: float | None) -> bool:
    """Pages that name a correspondence block (`2243-5; author reply 2243-5`) and a record
    without authors: which letter of the block is it? Pages cannot tell."""
    return authors is None and (a.shared_pages or b.shared_pages)


def _venue_missing(a: Key, b: Key) -> bool:
    """One record names no journal, proceedings or volume, and the other is not a journal
    article placed by a volume (it names a meeting, or nothing): nothing places them apart. (A
    journal article a year after a conference paper of the same title is another report.)"""
    for x, y in ((a, b), (b, a)):
        if not x.journal and not x.volume and not y.volume and (not y.journal or y.conference):
            return True
    return False
