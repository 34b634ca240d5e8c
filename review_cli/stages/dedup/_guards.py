"""The guards: what tells two records apart, whatever else agrees.

`kind_guard` names two kinds of item (an erratum, a retraction, a comment or a protocol against
the article; parts of a series; other numbers or signs in the title; a meeting abstract against the
journal article). `place_guards` lists every field that places a record and disagrees: year by
more than one, volume, issue, first page. Page helpers say when pages that differ are still one
article's (ranges a little off, ahead-of-print pages 1-N, fields shifted one along).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from review_cli.stages.dedup._journals import journals_match, other_years
from review_cli.stages.dedup._keys import LETTER_PART, Key
from review_cli.stages.dedup._similar import author_similarity, first_author_match

_KIND_GUARD = {"protocol": "protocol-vs-results", "plan": "analysis-plan-vs-results"}


def kind_guard(a: Key, b: Key) -> str:
    """The guard that says a and b are different kinds of item or different works of one
    series, or ''. These hold even when a DOI is shared (Embase gives a comment the DOI of the
    article it comments on)."""
    same_place = a.year == b.year and bool(a.volume) and a.volume == b.volume and same_page(a, b)
    if a.kinds != b.kinds:
        for kind in ("erratum", "retraction", "comment", "protocol", "plan", "thesis", "registry"):
            if kind != "comment" and same_place:
                # A notice or a protocol has its own pages: at one place both records are it.
                # (A letter and its reply can share a page, so comments stay apart.)
                continue
            if kind == "comment" and same_place and whole_range(a, b):
                # One whole range of pages holds one item: an editorial that one export types
                # `Editorial Material` or titles `Editorial: ...` and another not.
                continue
            if (kind in a.kinds) != (kind in b.kinds):
                return _KIND_GUARD.get(kind, f"{kind}-vs-article")
    if a.part != b.part and not (
        # `... using a`: a title cut at a field's length may end in one letter; only two
        # letters that differ, `(A)` and `(B)`, are two parts.
        (a.part or b.part).startswith(LETTER_PART) and not (a.part and b.part)
    ) and not (
        # Parts of a series have pages of their own: at one year, volume and first page, one
        # record spanning pages, a part named by one title only is a subtitle one export dropped
        # (`...: Heart and Estrogen/progestin Replacement Study follow-up (HERS II)`) or a
        # series' name it kept (`Rheumatology. 2. Fibromyalgia syndrome` against `2.
        # Fibromyalgia syndrome`). Two one-page items can share a page. The whole range and
        # the issue agree (both missing is agreeing): a magazine paged issue by issue starts a
        # series' parts at one page of two issues (`Part 2` at 22-25 without its issue, part
        # 1 at 22-24 of issue 3).
        same_place and not (a.part and b.part) and max(span(a), span(b)) >= 2
        and a.last_page == b.last_page and a.issue == b.issue
    ):
        return "series-part"
    if a.title and b.title and a.numbers != b.numbers and not (
        same_place and not (a.issue and b.issue and a.issue != b.issue)
        and (a.numbers <= b.numbers or b.numbers <= a.numbers or one_item_pages(a, b))
    ):
        # `12-month` vs `24-month` results; a typo in a number is forgiven only when year,
        # volume and first page say it is the same article, and no issue says otherwise (a
        # magazine paged issue by issue starts a numbered series' parts at one page). A number
        # one title adds (`COVID-19`, `(HERS II)`) is forgiven there; one number in place of
        # another only where the pages hold one item: a first page holds several meeting
        # abstracts or letters (one team's `3 months` and `12 months` on page S45), and a
        # letters block gives every letter its range.
        return "title-numbers"
    if a.signs and b.signs and not same_place and other_signs(a, b):
        # `≥80` and `<80` years, `HER2+` and `HER2−`, `± ritonavir` and `+ ritonavir`: the
        # signs folding drops. A sign one export lost (`?80`) says nothing.
        return "title-signs"
    if a.conference != b.conference:
        # A meeting abstract and the journal article that followed share title and authors.
        article = b if a.conference else a
        if (
            article_length(article) and bool(article.journal or article.volume)
            and not (a.first_page and a.first_page == b.first_page)
            # A chapter or a book series' item is no journal article: SpringerLink types a
            # paper of a proceedings volume (LNCS, LNBIP, IFIP AICT) `CHAP` under the book's
            # title, which names no meeting, an index names the series; Scholar's record of it
            # names the meeting and gives no pages.
            and article.form != "chapter" and not article.series
        ):
            # (A record with pages but no journal or volume is not known to be an article:
            # an index of conference papers exports pages 1-15 and nothing else. Two plain
            # pages are an article's, a research letter that followed the abstract in the same
            # journal; an abstract exported without its supplement keeps the supplement's
            # page style, `i22-i23`.)
            return "abstract-vs-article"
    return ""


def one_item_pages(a: Key, b: Key) -> bool:
    """The same whole range of pages, no meeting abstract and no letter: one item's."""
    return (
        whole_range(a, b) and not (a.conference or b.conference)
        and "comment" not in a.kinds | b.kinds
    )


def article_length(article: Key) -> bool:
    """Pages an article spans, never an abstract: three or more, or two plain ones (a research
    letter; an abstract exported without its supplement keeps its page style, `i22-i23`)."""
    length = span(article)
    return length >= 3 or (length == 2 and not article.page_style)


def an_article(a: Key, b: Key) -> bool:
    """One record's pages span three or more: an article's, which no column of a page or two
    in every issue of a magazine paginated by issue is."""
    return max(span(a), span(b)) >= 3


def one_number(k: Key) -> bool:
    """The record's page is one number (an article number), not a range's first page."""
    return k.last_page == k.first_page


def other_signs(a: Key, b: Key) -> bool:
    """Both titles sign one name or number, with other signs."""
    for name in {n for n, _ in a.signs} & {n for n, _ in b.signs}:
        if {s for n, s in a.signs if n == name} != {s for n, s in b.signs if n == name}:
            return True
    return False


def whole_range(a: Key, b: Key) -> bool:
    """The same first and last page, two pages or more (not a range at page 1 of an issue
    not known to be the same): one item's pages, which a letter and its reply never share."""
    return (
        a.last_page == b.last_page and span(a) >= 2
        and (a.first_page != "1" or (bool(a.issue) and a.issue == b.issue))
    )


def place_guards(a: Key, b: Key, title: float) -> list[str]:
    """Every field that places a record and disagrees: year (by more than one), volume, issue,
    first page. Each one alone tells two items apart."""
    out = []
    if a.year and b.year and abs(a.year - b.year) > 1:
        out.append("year-apart")
    if a.abstract_code and b.abstract_code and a.abstract_code != b.abstract_code:
        out.append("abstract-code-differs")  # `Abstract WP123:` and `Abstract WP124:`
    crossed = crossed_fields(a, b)
    if (
        a.volume and b.volume and a.volume != b.volume
        and (not (a.conference or b.conference) or bool(a.supplement_no and b.supplement_no))
        and not crossed and not year_volume_vs_issue(a, b)
    ):
        # Meeting supplements carry unreliable volumes (the supplement's `1` for `63 (Suppl
        # 1)`), except where both records give the supplement beside the volume: then the
        # volume is the volume (a journal of two volumes a year prints a meeting in each).
        out.append("volume-differs")
    if other_meetings(a, b):
        # One journal prints the abstracts of several meetings in one volume (a congress
        # supplement, then another): one team's title at two meetings is two abstracts.
        out.append("meeting-differs")
    if (
        a.issue and b.issue and a.issue != b.issue
        and not (
            title >= 0.97 and not (a.recurring or b.recurring) and a.volume == b.volume
            and bool(a.volume) and same_page(a, b) and a.page_style != "roman"
            and a.first_page != "1"  # issues that each start at page 1: page 1 places nothing
            and an_article(a, b)
        )
        and not (a.issue == b.first_page and not a.first_page and one_number(b))
        and not (b.issue == a.first_page and not b.first_page and one_number(a))
        and not shifted_fields(a, b) and not crossed
    ):
        # Issues of one volume: a column in issues 1-4, two articles at the same pages of a
        # journal that starts every issue at page 1. Not counted: the same title at the same
        # first page of one volume, an article of three pages or more (one article, whatever
        # the issue field says, also against a first page only; a column's page or two recurs
        # at one place in every issue of a magazine that starts each at page 1), an article
        # number in the issue field (`11(791)` for
        # `11(3):791`, the record without pages of its own, the other's page one number: a
        # range's first page is no article number, and issue 1 against page 1 is none),
        # fields shifted one along.
        out.append("issue-differs")
    if (
        a.supplement_no and b.supplement_no and a.supplement_no != b.supplement_no
        and a.supplement_no[0] == b.supplement_no[0]
    ):
        # Supplements 1 and 2 of one volume print two meetings' abstracts (an encore abstract
        # of one team at both), each supplement paged from S1. (`Suppl 1` against issue
        # `15 Suppl`, two ways of numbering, is not compared.)
        out.append("supplement-differs")
    if other_lengths(a, b):
        out.append("pages-differ")  # a report's 146 pages against an article's 37-64
    if (
        a.first_page and b.first_page and comparable_styles(a, b)
        and a.first_page != b.first_page and a.last_page != b.last_page
        and not (a.page_starts & b.page_starts)
        and not pages_overlap(a, b, title) and not online_first(a, b) and not shifted_fields(a, b)
        and not article_number_vs_count(a, b)
    ):
        # Only pages of one style compare: `e12724` and `1-6` are the same article's two
        # locators (e-number and print pages).
        out.append("pages-differ")
    return out


def other_lengths(a: Key, b: Key) -> bool:
    """A page count (`146p`, `12 pp.`) is no place, but it is the item's length: against a
    range of plain pages half as long or twice, two items (a final report and the article
    that followed, a book and its chapter). A page or two off is a cover or a count's slip."""
    for x, y in ((a, b), (b, a)):
        if x.page_count and not x.first_page and not y.page_style and span(y) >= 2:
            short, long_ = sorted((x.page_count, span(y)))
            return long_ - short > 2 and long_ * 2 > short * 3
    return False


def comparable_styles(a: Key, b: Key) -> bool:
    """Pages of one style compare; so do two article numbers, one written with its letters
    (`e0264581`, `CD012345`) and one without (WoS's `0264582`): a single number of five digits
    or more is no printed page a range's style could differ from. (A shorter bare number may be
    ProQuest's first page against a Wiley e-locator, `452` and `e12345`; roman pages are
    another count.)"""
    if a.page_style == b.page_style:
        return True
    if a.page_style and b.page_style or "roman" in (a.page_style, b.page_style):
        return False  # two styles (`e12` and `s12`, `xi` and `11`): two numberings
    bare, styled = (a, b) if not a.page_style else (b, a)
    return (
        one_number(bare) and one_number(styled) and len(bare.first_page) >= 5
        and styled.page_style.isalpha()
    )


# Words every meeting name may carry: they tell no two meetings apart.
_MEETING_WORDS = frozenset(
    "annual meeting meetings conference congress symposium international national joint "
    "scientific society sessions session congresses".split()
)


def other_meetings(a: Key, b: Key) -> bool:
    """Both records name the meeting their supplement printed, and the names share neither an
    abbreviation nor half their distinctive words, or they carry other years."""
    if not a.meeting or not b.meeting:
        return False
    name_a = tuple(w for w in a.meeting if not w[0].isdigit())  # `66th`, `2019`
    name_b = tuple(w for w in b.meeting if not w[0].isdigit())
    if other_years(a.meeting, b.meeting):
        return True
    if journals_match(name_a, name_b):
        return False
    # The journal's own words (`Stroke` in a stroke meeting) tell no two of its meetings apart.
    own_a = set(name_a) - _MEETING_WORDS - set(a.journal)
    own_b = set(name_b) - _MEETING_WORDS - set(b.journal)
    if not own_a or not own_b:
        return False
    return len(own_a & own_b) < 0.5 * min(len(own_a), len(own_b))


def abstract_similarity(a: Key, b: Key) -> float | None:
    if len(a.abstract) < 200 or len(b.abstract) < 200:
        return None
    return fuzz.ratio(a.abstract, b.abstract) / 100


def same_text(a: Key, b: Key, title: float) -> bool:
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
    if span(a) < 3 or span(b) < 3 or a.first_page == "1" or b.first_page == "1":
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
            not x.volume and y.volume and x.first_page == "1"
            and (span(x) >= 3 or page_placeholder(x)) and not x.page_style and x.journal
        ):
            return True  # (a record that names no journal is not an article ahead of print)
    return False


def page_placeholder(x: Key) -> bool:
    """Page 1 alone on a record without a volume: IEEE's early access writes `1-1` before the
    article has pages (a one-page item in an issue has a volume to place it)."""
    return not x.volume and x.first_page == "1" and x.last_page == "1"


def article_number_vs_count(a: Key, b: Key) -> bool:
    """One record's page is the article number (`103627`, one number), the other's the article's
    own pages 1-N in the same volume (a PDF's count): an article number and a page count cannot
    be compared. (The number must lie beyond N: a page inside 1-N is a page.)"""
    if not a.volume or a.volume != b.volume:
        return False
    for x, y in ((a, b), (b, a)):
        if (
            x.first_page == x.last_page and y.first_page == "1" and span(y) >= 2
            and x.first_page.isdigit() and int(x.first_page) > int(y.last_page)
        ):
            return True
    return False


def year_as_volume(k: Key) -> bool:
    """The record's volume is its year: Scopus and Embase number the Cochrane Database's
    volumes by year (`2019(3)`), PubMed by issue (`3(3)`). Against a volume that is no year,
    the two cannot be compared; the issue and the pages still place the item."""
    return k.year is not None and k.volume == str(k.year)


def year_volume_vs_issue(a: Key, b: Key) -> bool:
    """One record's volume is its year (`2019(3)`), the other's is no year and is the issue
    the first gives (PubMed's `3(3)`, or `3` alone): the two volumes number one issue two
    ways. A year as volume without its issue places nothing: the same CD number and year hold
    a review and its update (`2019` against the update's `9(9)`)."""
    for x, y in ((a, b), (b, a)):
        if year_as_volume(x) and not year_as_volume(y):
            return bool(x.issue) and x.issue in (y.issue, y.volume)
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


def crossed_fields(a: Key, b: Key) -> bool:
    """One export swapped volume and issue (`10385(401)` for The Lancet's `401(10385)`): the
    same two numbers, each in the other's field. Two items cannot be placed that way."""
    return bool(a.volume and a.issue) and a.volume != a.issue and (
        a.volume == b.issue and a.issue == b.volume
    )


def span(k: Key) -> int:
    if k.first_page.isdigit() and k.last_page.isdigit():
        return int(k.last_page) - int(k.first_page) + 1
    return 0
