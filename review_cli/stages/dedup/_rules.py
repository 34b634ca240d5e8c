"""The named rules that decide a candidate pair: duplicate, different, or uncertain.

In order: identifiers that name one record (the same PMID is always one record; two PMIDs or
two trusted DOIs are two), then the guards (`_guards`: another kind of item, another year,
volume, issue or first page), then the duplicate rules, each stating what agrees. So every
automatic merge reads "these identifiers or fields agree, and nothing that tells records apart
disagrees". A DOI that names one work outweighs one placing field, never a guard on the kind of
item: such a pair waits for a person, held apart (`Match.hold`). A guard's verdict is enforced
transitively by the clustering, so a third record never bridges two records kept apart.
Anything between sure and different is uncertain and waits for a person: a false merge deletes
a study, a missed duplicate costs a reviewer seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from review_cli.stages.dedup._guards import (
    kind_guard,
    page_placeholder,
    place_guards,
    same_page,
    same_text,
    span,
    whole_range,
)
from review_cli.stages.dedup._journals import UNNAMED
from review_cli.stages.dedup._keys import Key, _is_group, one_meeting_but_track
from review_cli.stages.dedup._similar import (
    added_words,
    author_similarity,
    authors_agree,
    first_author_match,
    journal_agree,
    names_agree,
    spelled_alike,
    subtitle_dropped,
    title_similarity,
    title_variant,
    whole_title,
    word_conflict,
)


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
    if trusted and a.doi and b.doi and a.doi != b.doi and not same_text(a, b, title):
        return Match(Verdict.DIFFERENT, "different-doi", scores)
    kind = kind_guard(a, b)
    places = place_guards(a, b, title)
    same_doi = bool(a.doi) and a.doi == b.doi
    same_pmid = bool(a.pmid) and a.pmid == b.pmid
    stop = kind or (places[0] if places else "")
    if stop == "comment-vs-article" and not places and not same_pmid and comment_or_article(
        a, b, title
    ):
        return Match(Verdict.UNCERTAIN, "comment-or-article", scores, hold=True)
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
    if (
        a.track != b.track and a.journal and b.journal and (a.conference or b.conference)
        and one_meeting_but_track(a.journal, b.journal)
    ):
        # A paper in a meeting's main proceedings and one of its title in the Companion,
        # Workshops or Extended Abstracts: the paper and its poster, or its doctoral-symposium
        # paper. Held apart until a person decides, so no venue-less record bridges them.
        # (Journals are left to their names: `Topics in Companion Animal Medicine`.)
        if title < 0.85:
            return Match(Verdict.DIFFERENT, "other-volume-of-meeting", scores)
        return Match(Verdict.UNCERTAIN, "other-volume-of-meeting", scores, hold=True)
    if {a.form, b.form} == {"book", "book review"}:
        return Match(Verdict.DIFFERENT, "book-review-vs-book", scores)
    match = _duplicate_rules(a, b, title, authors, scores)
    if match.verdict is Verdict.DUPLICATE and {a.form, b.form} == {"book", "chapter"}:
        # A book and a chapter record under the book's title (some exports title a chapter so,
        # and list the editors as its authors), or one book typed two ways: a person looks,
        # and no third record joins them meanwhile.
        return Match(Verdict.UNCERTAIN, "chapter-or-book", scores, hold=True)
    if match.verdict is Verdict.DUPLICATE and abstract_or_article(a, b):
        # A meeting abstract against a journal record that nothing places (no pages): the
        # article that followed, or the abstract exported without its supplement. A person
        # looks.
        return Match(Verdict.UNCERTAIN, "abstract-or-article", scores)
    if match.verdict is Verdict.DUPLICATE and working_paper_or_article(a, b):
        return Match(Verdict.UNCERTAIN, "working-paper-or-article", scores)
    if match.verdict is Verdict.DUPLICATE and (
        late_or_next_edition(a, b) or late_or_next_edition(b, a)
    ):
        return Match(Verdict.UNCERTAIN, "meeting-dated-late-or-next-edition", scores)
    if match.verdict is Verdict.UNCERTAIN and not match.hold and two_venues(a, b):
        # Research in progress at ICIS 2018 and the completed paper at ICIS 2019, or the ECIS
        # paper and its journal version: a record without venue (Scholar's) is sure of either
        # one, and through it the two became one cluster. Held, it joins one of them only.
        return Match(match.verdict, match.rule, match.scores, hold=True)
    return match


def two_venues(a: Key, b: Key) -> bool:
    """Both records name where they appeared, neither in a volume, and those are two venues:
    two editions of one meeting (`ICIS 2018 Proceedings`, `ICIS 2019 Proceedings`), two
    meetings (research in progress at AMCIS 2019, the paper at ICIS 2019), a meeting's paper
    and a journal's article ahead of print. (A journal's supplement in a volume,
    `Atherosclerosis Supplements` 10(2) against Embase's `Atherosclerosis. Conference: ...`
    10(S2), is one abstract that other records join.) Or one meeting in two years that no
    edition's name explains (`one_meeting_year` did not merge them: dblp's `ICIS` of 2018 and
    2019, `ICIS 2018 Proceedings` against dblp's `ICIS` of 2019): two editions, as far as the
    fields say."""
    if not both_named(a, b) or a.volume or b.volume:
        return False
    agree = journal_agree(a, b)
    return agree is False or (
        bool(agree) and a.conference and b.conference
        and a.year is not None and b.year is not None and a.year != b.year
    )


def late_or_next_edition(x: Key, y: Key) -> bool:
    """`x` names its meeting's edition (`International Conference on Information Systems 2018,
    ICIS 2018`) and is dated after it (Scopus dates a December meeting by its proceedings:
    2019), and `y`, of that later year, names no edition (dblp's `ICIS`, Scholar without a
    venue): `y` is the paper exported a year late too, or the next edition's paper of its title
    (research in progress at ICIS 2018, completed at ICIS 2019). Nothing tells which; a place
    both give (a volume, a page) still decides."""
    return (
        x.conference and after_meeting_year(x, x) and y.year == x.year
        and not any(_YEAR_WORD.fullmatch(w) for w in y.journal)
        and not (x.volume and x.volume == y.volume) and not (x.first_page and same_page(x, y))
    )


_YEAR_WORD = re.compile(r"(?:19|20)\d\d")


def comment_or_article(a: Key, b: Key, title: float) -> bool:
    """Only a record type says comment (no `Re:`, `Reply`, `Editorial` in the title), no pages
    place either record, and title and authors agree: an editorial typed so by one index and not
    by another, or a letter titled as its article. A person looks. (With the article's pages on
    one side, a letter without them stays apart, unless both name one volume and issue: an
    issue prints its editors' column once, and EBSCO types it `article` and drops its pages.)"""
    if not (a.typed_comment or b.typed_comment) or title < 0.97:
        return False
    one_issue = bool(a.volume and a.issue) and a.volume == b.volume and a.issue == b.issue
    if (a.first_page and b.first_page) or ((a.first_page or b.first_page) and not one_issue):
        return False
    authors = author_similarity(a, b)
    return authors is not None and authors_agree(authors, first_author_match(a, b))


def working_paper_or_article(a: Key, b: Key) -> bool:
    """One record is typed a working paper, report or preprint, the other is not and names a
    journal: the version that circulated and the article, or one article typed two ways. No
    DOI says which (a shared DOI decided above); a person looks."""
    if ("report" in a.kinds) == ("report" in b.kinds):
        return False
    other = b if "report" in a.kinds else a
    return bool(other.journal) and not other.conference


def abstract_or_article(a: Key, b: Key) -> bool:
    """One record is a meeting abstract (a meeting's name, a supplement, `S` pages, its type),
    without an issue number (a supplement), the other a journal's regular numbered issue
    without pages: `abstract-vs-article` cannot compare their pages. (A record without an issue
    number, or in the abstract's own issue, may be the abstract itself exported without its
    meeting's name: those are common and stay with the rules.)"""
    if a.conference == b.conference:
        return False
    meeting, other = (a, b) if a.conference else (b, a)
    if not meeting.journal and not meeting.volume:
        # A paper typed as a meeting's (ERIC's `Speeches/Meeting Papers`, a conference paper)
        # that names no venue at all, against a journal's record without pages (ahead of
        # print): the paper presented, then published, or one article typed two ways.
        return bool(other.journal) and not other.first_page and not other.volume
    return bool(other.journal) and not other.first_page and bool(other.issue) and not meeting.issue


def _same_doi(
    a: Key, b: Key, title: float, authors: float | None, kind: str, places: list[str],
    scores: dict[str, float],
) -> Match:
    """A DOI that names one work (no other record at another place carries it). It outweighs
    one placing field that disagrees (an article number stored as pages, an epub year), never
    two, and never a guard on the kind of item: those pairs wait for a person, held apart."""
    if kind:
        return Match(Verdict.UNCERTAIN, f"same-doi-but-{kind}", scores, hold=True)
    if doi_on_chapter_and_book(a, b):
        return Match(Verdict.UNCERTAIN, "chapter-or-book", scores, hold=True)
    if doi_on_preprint_and_article(a, b):
        return Match(Verdict.UNCERTAIN, "working-paper-or-article", scores, hold=True)
    if doi_in_supplement_other_title(a, b):
        return Match(Verdict.UNCERTAIN, "same-doi-other-title", scores)
    first = first_author_match(a, b)
    authors_ok = authors_agree(authors, first)
    conflict = word_conflict(a, b)
    variant = title_variant(a, b, title)
    near_year = a.year is None or b.year is None or abs(a.year - b.year) <= 1
    same_volume = bool(a.volume) and a.volume == b.volume
    same_pg = same_page(a, b)
    titles_agree = (
        title >= 0.8 and (title >= 0.95 or not conflict)
        and not other_report(a, b, same_volume or same_pg)
    ) or variant == "subtitle"
    if len(places) <= doi_outweighs(a, b) and titles_agree and authors_ok:
        return Match(Verdict.DUPLICATE, "same-doi", scores)
    if places:
        return Match(Verdict.UNCERTAIN, f"same-doi-but-{places[0]}", scores, hold=True)
    journal = journal_agree(a, b)
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


def other_report(a: Key, b: Key, placed: bool) -> bool:
    """As for titles without a DOI: where no volume or page agrees, a word one title adds (`...
    in patients with obesity`), not as a subtitle, names another report of the team, which an
    index may have given the first one's DOI (or both the journal's DOI stem only)."""
    return not placed and added_words(a, b) and not subtitle_dropped(a, b)


def doi_on_chapter_and_book(a: Key, b: Key) -> bool:
    """A chapter given its book's DOI (Scopus does so for a chapter without one of its own): a
    DOI does not make a chapter its book, any more than a title does."""
    return {a.form, b.form} == {"book", "chapter"}


def doi_on_preprint_and_article(a: Key, b: Key) -> bool:
    """A preprint server's DOI on a record placed in a journal (or the article's DOI on the
    preprint): the preprint and the article are two versions, whichever an index gave the DOI.
    Not when both name one venue: OpenAlex's RIS types a preprint `JOUR` under its server's
    name (`Research Square`), its CSV `preprint`; that is one preprint typed two ways."""
    return working_paper_or_article(a, b) and journal_agree(a, b) is not True


def doi_in_supplement_other_title(a: Key, b: Key) -> bool:
    """In a meeting's supplement the DOI may be the supplement's, unique in the review only
    because one of its abstracts was retrieved twice: there a title that is the other's start
    plus words (or another title) is another abstract of the team."""
    return (a.supplement or b.supplement) and not whole_title(a, b)


def doi_outweighs(a: Key, b: Key) -> int:
    """How many placing fields that disagree a DOI outweighs: one (an article number as pages,
    an epub year), none for a recurring title (a column, `Editorial`), which only its issue and
    pages place (one DOI given to the column of two issues)."""
    return 0 if (a.recurring or b.recurring) else 1


def _duplicate_rules(
    a: Key, b: Key, title: float, authors: float | None, scores: dict[str, float]
) -> Match:
    """No identifier decided and no guard holds: the rules that find enough agreement."""
    journal = journal_agree(a, b)
    first = first_author_match(a, b)
    same_year = a.year is not None and a.year == b.year
    near_year = a.year is None or b.year is None or abs(a.year - b.year) <= 1
    same_volume = bool(a.volume) and a.volume == b.volume
    same_pg = same_page(a, b)
    same_range = same_pg and a.last_page == b.last_page and span(a) >= 2
    authors_ok = authors_agree(authors, first)
    authors_sure = authors is not None and authors >= 0.8 and bool(first)
    conflict = word_conflict(a, b)
    # An article online a year before its print issue: the year of one record is the other's
    # year of print, less one (it counts as the same year, and nothing else places it).
    # Only the same team makes it one (`authors_sure`: the shorter list found in the longer,
    # as a list cut after a few names is): a society's statement re-issued under its title by
    # a changed committee, a trial group's yearly report (round 6), a letter or a reply under
    # the article's title by its first author and another share one name or two, and the
    # year a record ahead of print is given is no agreement of its own (round 13c).
    print_year = ahead_of_print(a, b) or ahead_of_print(b, a)
    in_print_later = print_year and same_team(a, b, authors, first)
    bib = sum((same_volume, same_pg, bool(journal), bool(first), same_year or in_print_later))
    # Enough to queue: the year still agrees as an article's online and print years do.
    bib_queue = bib + (print_year and not in_print_later)
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
                # Without an issue on either record, the pages of one volume are its only place
                # (a journal paginated by volume). With one issue known, the other's may be any:
                # a magazine that starts every issue at page 1 prints its editor's letter at
                # pages 4-5 of each, as a journal's front matter sits at i-ii of each.
                same_pg and a.page_style != "roman" and a.first_page != "1" and bool(first)
                and issue_on_neither(a, b)
            )
        )
        if placed and title >= 0.9:
            return Match(Verdict.DUPLICATE, "same-title-same-issue", scores)
        # One whole range of pages of a volume holds one item: WoS's or EBSCO's bare `From the
        # Editors` against Scopus's heading with the column's subtitle there is that column,
        # never left apart (an issue on one side only: EBSCO drops it); a person looks (the
        # titles alone are far apart). Roman front matter repeats in every issue, and two
        # issues that differ are two places.
        one_range = (
            same_year and same_volume and journal is not False and same_pg and whole_range(a, b)
            and a.page_style != "roman" and not (a.issue and b.issue and a.issue != b.issue)
        )
        return Match(
            Verdict.UNCERTAIN if title >= 0.85 or one_range else Verdict.DIFFERENT,
            "recurring-title", scores,
        )
    letters = letters_block(a, b, authors)
    one_item = one_item_place(a, b, same_pg)

    def placed_or_whole_title() -> bool:
        # Without a place that holds one item, a title that is only the other's start (scored
        # 0.98 as a dropped subtitle: `X` and `X revisited`, `X: a process evaluation`) or that
        # adds a word (`... in women`, `... without diabetes`: a subgroup report) is another
        # paper. A volume is no such place: it holds a team's trial and its follow-up, and a
        # meeting supplement thousands of abstracts. Asked last: it costs the most. Nor is a
        # word swapped for one a letter or two away (`patients`/`parents`, `employees`/
        # `employers`): in one volume that is a team's other paper, not a spelling (round 10a).
        return one_item or (whole_title(a, b) and spelled_alike(a, b))

    if (
        title >= 0.95 and near_year and authors_ok and bib >= 3 and not conflict and not letters
        and (journal is not False or (same_volume and same_pg))
        and placed_or_whole_title()
    ):
        return Match(Verdict.DUPLICATE, "same-title-and-source", scores)
    if (
        title >= 0.85 and same_year and same_volume and same_pg and authors_ok
        and first is not False and not conflict and not letters and placed_or_whole_title()
    ):
        return Match(Verdict.DUPLICATE, "same-source-similar-title", scores)
    if (
        title >= 0.97 and same_year and same_volume and same_pg and journal is not False
        and ((authors is not None and authors >= 0.5) or a.group or b.group)
        and placed_or_whole_title()
    ):
        # Same title at the same place; the author lists are just written differently
        # (name order swapped, a particle read as the surname). (Pages 1-N place one item only
        # under one whole title: `placed_or_whole_title`.)
        return Match(Verdict.DUPLICATE, "same-title-same-place", scores)
    whole_article = (
        same_year and same_volume and same_range and span(a) >= 3 and a.first_page != "1"
        and bool(journal)
        and not (a.conference or b.conference or a.shared_pages or b.shared_pages)
    )
    if (
        whole_article and title >= 0.97
        and (bool(first) or (names_agree(a, b) and a.surnames[:1] != b.surnames[:1]))
        and "same-title-same-range" not in OFF
    ):
        # The same pages of one volume (three or more: a whole article, not a shared letters
        # page) under the same title; one export scrambled the names (given names as surnames).
        # Not when the first surnames are one and their initials differ: that is two people,
        # as two letters of a block of three pages that give every letter its range.
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
    # Two named venues that cannot be compared (`Zhonghua Yi Xue Za Zhi` and `Chinese Medical
    # Journal`: the romanised name of one journal and the English name of another, or its own)
    # are unknown, not agreement: only a record that names no venue leaves title, authors and
    # year to speak alone. (With a volume or a page that agrees, the rules above decide.)
    unnamed = journal is None and not both_named(a, b)
    if (
        title >= 0.97 and authors_sure and not conflict
        and (
            (same_year and (bool(journal) or unnamed or same_meeting))
            or (near_year and len(a.tokens) >= 4 and _venue_missing(a, b))
            or (near_year and bool(journal) and one_meeting_year(a, b))
        )
        and placed_or_whole_title()
    ):
        # Nothing to compare beyond title, authors and year (proceedings, reports), and those
        # agree; a year apart only when one record does not say where it appeared (one index
        # of conference papers gives pages and no venue, another the venue a year later).
        return Match(Verdict.DUPLICATE, "same-title-authors-year", scores)
    if (
        same_year and same_volume and same_range and one_item and authors_sure
        and journal is not False and title >= 0.4 and variant
    ):
        # Same journal, volume, page range (not 1-N: every article of an online journal starts
        # at page 1) and authors, and the titles differ only as a translation, a dropped
        # subtitle or heading does: one article.
        return Match(Verdict.DUPLICATE, "same-source-translated-title", scores)
    if title >= 0.85 and near_year and (bib_queue >= 2 or authors_ok):
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


def issue_on_neither(a: Key, b: Key) -> bool:
    return not (a.issue or b.issue)


def both_named(a: Key, b: Key) -> bool:
    """Both records name a venue (a journal's, a meeting's or a series' name); a publisher or
    an ISSN given as the venue (`UNNAMED`) names none."""
    return bool(a.journal and b.journal) and UNNAMED not in (a.journal, b.journal)


def one_item_place(a: Key, b: Key, same_pg: bool) -> bool:
    """A place that holds one item: the same first page, not page 1 (an online journal starts
    every article there: `1-12` and `1-12` are two articles' page counts as often as one's) nor
    one page of a meeting's abstracts (a page holds several), or the same numbered issue of one
    volume (a meeting's supplement is no numbered issue)."""
    if same_pg:
        return a.first_page != "1" and not ((a.conference or b.conference) and span(a) < 2)
    return (
        bool(a.volume) and a.volume == b.volume and bool(a.issue) and a.issue == b.issue
        and not (a.conference or b.conference)
    )


def ahead_of_print(x: Key, y: Key) -> bool:
    """`x` is the article online ahead of print (a journal, no volume, issue or pages) the year
    before `y`'s print record in a volume. (Neither is a meeting's: an abstract the year before
    the article is another record.) Both name a team of two or more: an editor's yearly column
    (`Highlights of the year in ...`) or a society's yearly guideline keeps its title and its
    one author or group, and its record without a volume the year before is last year's."""
    return (
        bool(x.journal) and not x.volume and not x.issue
        and (not x.first_page or page_placeholder(x))
        and bool(y.volume) and x.year is not None and y.year == x.year + 1
        and not (x.conference or y.conference)
        and _team(x) and _team(y)
    )


def same_team(a: Key, b: Key, authors: float | None, first: bool | None) -> bool:
    """The shorter list found in the longer (`authors_sure`), or all of it but the trial
    group one record names after its people (`...; for the X Investigators`, read as one more
    surname), which the other lists by its people only."""
    if authors is None or not first:
        return False
    if authors >= 0.8:
        return True
    n = min(len(set(a.surnames)), len(set(b.surnames)))
    return any(
        len(set(k.surnames)) == n and not k.group
        and round(authors * n) >= n - sum(map(_is_group, k.authors)) >= 2
        for k in (a, b)
    )


def _team(k: Key) -> bool:
    """Two or more named authors (not a group alone, not one name and `et al.`). A group's
    list with three names or more after it names its people (`_keys.make_key`): a team too.
    (Two names after a group are a letter's or a reply's writers as often as a committee.)"""
    return len(k.authors) >= 2 and len(set(k.surnames)) >= (3 if k.group else 2)


def letters_block(a: Key, b: Key, authors: float | None) -> bool:
    """Pages that name a correspondence block (`2243-5; author reply 2243-5`) and a record
    without authors: which letter of the block is it? Pages cannot tell."""
    return authors is None and (a.shared_pages or b.shared_pages)


def one_meeting_year(a: Key, b: Key) -> bool:
    """Both venues are one meeting named with its year (`ICIS 2019 Proceedings`, `40th
    International Conference on Information Systems, ICIS 2019`): the records' years may be a
    year apart (Scopus dates a December meeting's proceedings by their publication). The year
    both names carry is the earlier record's: the meeting's, which a record may only follow. (A
    name whose year is no edition's, `Vision 2020 Conference`, is carried by every edition.)
    The earlier record's name may carry no year at all (the AIS eLibrary's records as CoLRev
    prepares them: `International Conference on Information Systems`): the later record's
    name then says which edition, and it is the earlier record's year."""
    if not (a.conference and b.conference) or a.year is None or b.year is None:
        return False
    early, late = (a, b) if a.year <= b.year else (b, a)
    held = str(early.year)
    return held in late.journal and (
        held in early.journal or not any(_YEAR_WORD.fullmatch(w) for w in early.journal)
    )


def _venue_missing(a: Key, b: Key) -> bool:
    """One record names no journal, proceedings or volume, and the other names a meeting and
    no volume: one paper from two indexes, one without its venue. (A journal article a year
    after a conference paper of the same title is another report; two records that name no
    venue at all, a year apart, may be one yearly panel or abstract at two meetings.)

    The record without venue is the meeting's paper only when nothing says it is another kind
    of record: untyped, or typed a meeting's paper (a journal article that lost its journal, a
    working paper, a report are other versions). And it is not dated after a meeting named for
    its year (`ICIS 2018 Proceedings`): a record without venue dates a paper by its meeting or
    earlier, so a year later it is the next edition's panel or the journal version."""
    for x, y in ((a, b), (b, a)):
        if (
            not x.journal and not x.volume and not y.volume and y.journal and y.conference
            and meeting_paper_or_untyped(x) and not after_meeting_year(x, y)
        ):
            return True
    return False


def meeting_paper_or_untyped(x: Key) -> bool:
    """Nothing says the record is another kind than a meeting's paper: untyped, or typed one."""
    return x.conference or not x.typed


def after_meeting_year(x: Key, y: Key) -> bool:
    """`x` is dated after every year `y`'s meeting name carries (`ICIS 2018`: 2019)."""
    years = [int(w) for w in y.journal if len(w) == 4 and w.isdigit() and w[:2] in ("19", "20")]
    return bool(years) and x.year is not None and x.year > max(years)
