"""What the whole review says about each record's key, before any pair is compared.

A pair alone cannot tell some things that the other records can:

- **DOIs that name more than one item.** A DOI names one work only if every record carrying
  it sits at one place. A DOI at two places may be the work's, given to its erratum or to a
  comment, or a container's (two meeting abstracts on pages 51 and 52 of one supplement): it
  neither merges nor separates, and its pairs that a guard keeps apart wait for a person. A DOI
  at three or more places is a container's (a supplement's), and so is a DOI that is the start
  of another DOI in the review (`10.1145/3290605` and `10.1145/3290605.3300233`, the
  proceedings and the paper): it says nothing about its records.
- **Recurring titles.** A title carried by records of three or more different years, by the
  same first author (or by nobody) years apart, is a column, not a work, even when its words
  are not in the generic vocabulary of `_titles.generic`.
- **Issue fields that hold something else.** An export may put a record number or an article
  number in the issue field. When a source's issue disagrees with the issue of the same article
  (same title, year, volume and first page) more often than it agrees, that source's issues are
  not compared at all.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from review_cli.stages.dedup._keys import Key


def annotate(keys: Sequence[Key]) -> None:
    """Set `doi_trusted`, `recurring` and (for unreliable sources) `issue` on every key."""
    _untrusted_dois(keys)
    _unreliable_issues(keys)
    _recurring_titles(keys)


def _untrusted_dois(keys: Sequence[Key]) -> None:
    by_doi: dict[str, list[Key]] = defaultdict(list)
    for k in keys:
        if k.doi:
            by_doi[k.doi].append(k)
    container: set[str] = {doi for doi in by_doi if issue_sici(doi)}
    dois = sorted(by_doi)
    for i, doi in enumerate(dois):
        # DOIs that extend this one follow it in sorted order.
        for j in range(i + 1, len(dois)):
            other = dois[j]
            if not other.startswith(doi):
                break
            if _VERSION.fullmatch(other[len(doi) :]):
                continue  # `CD012345` and `CD012345.pub2`: a protocol and its review, versions
            if other[len(doi)] in "./-_":
                container.add(doi)  # the proceedings' or the book's DOI, not the item's
                break
    shared: set[str] = set()
    for doi, group in by_doi.items():
        if len(group) > 1 and doi not in container:
            n = _places(group)
            if n >= 3:
                container.add(doi)  # a supplement's DOI on abstracts at three or more pages
            elif n == 2:
                shared.add(doi)  # the work's DOI on its erratum or a comment, or a container's
    for doi in container | shared:
        for k in by_doi[doi]:
            k.doi_trusted = False
            k.doi_container = doi in container


def issue_sici(doi: str) -> bool:
    """A SICI without its item's part (`<567::AID-SIM780>...`, cut by an export at its `<`):
    what is left (`(SICI)1097-0258(19980315)17:5`) names the issue, every article's in it."""
    return "(sici)" in doi and "<" not in doi


# What a later version adds to a DOI: Cochrane's `.pub2`, a repository's `.v2`.
_VERSION = re.compile(r"\.(?:pub|v)\d+")


def _places(group: list[Key]) -> int:
    """How many different places (pages) the records sharing a DOI sit at. Page 1, ranges that
    overlap (one export's pages a little off) and a page count against an article number (under
    100 against 1000 or more, ten times larger) are not different places."""
    places: list[tuple[str, int, int]] = []
    for k in group:
        if not k.first_page.isdigit() or k.first_page == "1":
            continue
        here = (k.page_style, int(k.first_page), int(k.last_page or k.first_page))
        if not any(_same_place(here, p) for p in places):
            places.append(here)
    return len(places)


def _same_place(x: tuple[str, int, int], y: tuple[str, int, int]) -> bool:
    (style, first, last), (style2, first2, last2) = x, y
    small, large = sorted((first, first2))
    return (
        style != style2 or first == first2 or (first2 <= last and first <= last2)
        or (small < 100 <= 10 * small <= large and large >= 1000)  # page count, article number
    )


MIN_EVIDENCE = 3  # disagreements before a source's issue field is set aside


def _unreliable_issues(keys: Sequence[Key]) -> None:
    anchors: dict[tuple[str, int | None, str, str], list[Key]] = defaultdict(list)
    for k in keys:
        if (
            k.issue and k.volume and k.first_page and k.first_page != "1" and not k.recurring
            and len(k.tokens) >= 3
        ):
            anchors[(k.title, k.year, k.volume, k.first_page)].append(k)
    agree: Counter[str] = Counter()
    differ: Counter[str] = Counter()
    for group in anchors.values():
        if len(group) < 2:
            continue
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                tally = agree if a.issue == b.issue else differ
                tally[a.source] += 1
                tally[b.source] += 1
    unreliable = {s for s, n in differ.items() if n >= MIN_EVIDENCE and n > agree[s]}
    if unreliable:
        for k in keys:
            if k.source in unreliable:
                k.issue = ""


def _recurring_titles(keys: Sequence[Key]) -> None:
    """A title in three or more years, by the same first author (or by nobody) in two years at
    least two apart: a column. (A topical title that different teams chose in different years,
    `Atypical hemolytic-uremic syndrome`, is not one; each is judged by its place.)"""
    years: dict[str, set[int]] = defaultdict(set)
    for k in keys:
        if k.year:
            years[k.title].add(k.year)
    candidates = {t for t, ys in years.items() if len(ys) >= 3 and t}
    if not candidates:
        return
    by_author: dict[tuple[str, str], set[int]] = defaultdict(set)
    for k in keys:
        if k.year and k.title in candidates:
            by_author[(k.title, k.surnames[0] if k.surnames else "")].add(k.year)
    recurring = {t for (t, _), ys in by_author.items() if max(ys) - min(ys) >= 2}
    if recurring:
        for k in keys:
            if k.title in recurring:
                k.recurring = True
