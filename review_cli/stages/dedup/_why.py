"""Why a pair waits for a person: one sentence per queue reason, shown on the card of
`review dedup --review`, so that the reviewer knows what to look at before pressing d or n."""

from __future__ import annotations

BLOCKED = "+would-join-clusters"

_QUEUED = {
    "similar-title": (
        "The titles are alike but not the same, and nothing else decides: one work exported "
        "twice, or two works with close titles? Compare authors, journal, volume and pages."
    ),
    "similar-title-other-words": (
        "The titles differ by a word of another meaning (adults / adolescents, men / women): two "
        "studies of different groups, or one title mistyped?"
    ),
    "abstract-or-article": (
        "A meeting abstract against a journal record without pages: the abstract and the "
        "article that followed it (two reports), or one abstract exported without its "
        "supplement?"
    ),
    "working-paper-or-article": (
        "A working paper, report or preprint against a journal's record of its title: two "
        "versions of the work (keep both), or one article typed two ways?"
    ),
    "meeting-dated-late-or-next-edition": (
        "One record names the meeting's edition and is dated a year after it; the other, of "
        "that later year, names no edition: one paper both indexes date late, or the next "
        "edition's paper of its title (research in progress, then the completed paper)?"
    ),
    "other-volume-of-meeting": (
        "One record is in a meeting's main proceedings, the other in its Companion, Workshops "
        "or Extended Abstracts: a paper and its poster (two works), or one paper indexed two "
        "ways?"
    ),
    "comment-or-article": (
        "One export types this item a letter, comment or editorial and the other does not, and "
        "no pages place either: an editorial typed so by one index only, or a letter titled as "
        "the article it answers?"
    ),
    "chapter-or-book": (
        "A book and a chapter record under the book's title: one book typed two ways, or a "
        "chapter of it?"
    ),
    "recurring-title": (
        "A title that recurs (an editorial, a column, a reply, an erratum): the same item only "
        "if journal, issue and pages agree."
    ),
    "short-title": (
        "A title too short to tell works apart: the same item only if authors, journal, issue "
        "and pages agree."
    ),
    "same-doi-other-title": (
        "One DOI, but the titles differ: one work translated or retitled, or a wrong DOI in "
        "one export?"
    ),
    "same-source-other-title": (
        "The same journal, volume and pages, other titles: one article retitled, or two items "
        "on one page (a letter and its reply)?"
    ),
    "same-authors-other-title": (
        "The same authors, journal and year, titles partly alike: a retitled online version, "
        "or two papers of one team?"
    ),
}

# What each guard says about a pair that shares a DOI (`same-doi-but-<guard>`).
_GUARDS = {
    "erratum-vs-article": "one record is an erratum or a correction",
    "retraction-vs-article": "one record is a retraction or an expression of concern",
    "comment-vs-article": "one record is a letter, a reply or an editorial",
    "protocol-vs-results": "one record is the protocol",
    "analysis-plan-vs-results": "one record is the statistical analysis plan",
    "thesis-vs-article": "one record is a thesis",
    "registry-vs-article": "one record is a trial registry's",
    "abstract-vs-article": "one record is a meeting abstract",
    "series-part": "the titles name other parts of a series",
    "title-numbers": "the titles carry other numbers",
    "title-signs": "the titles carry other signs (≥ or <, + or \u2212, ± or +)",
    "year-apart": "the years are two or more apart",
    "abstract-code-differs": "the meeting abstracts' codes differ",
    "volume-differs": "the volumes differ",
    "meeting-differs": "the meetings differ",
    "issue-differs": "the issues differ",
    "pages-differ": "the pages differ",
}


def why_queued(rule: str) -> str:
    """The sentence for a queue reason (`rule` as stored in dedup/uncertain.jsonl); '' for a
    reason this table does not know."""
    base = rule.removesuffix(BLOCKED)
    if base != rule:
        return (
            f"The rule `{base}` finds these two the same, but they are in two clusters already "
            "(the rules never merge two: each is a screening unit), or merging them would put "
            "into one cluster records that a guard or a person keeps apart (an article and its "
            "erratum, two years, a pair decided different): decide this pair on its own."
        )
    if base.startswith("same-doi-but-"):
        guard = _GUARDS.get(base.removeprefix("same-doi-but-"))
        if guard is None:
            return ""
        return (
            f"One DOI, but {guard}: the DOI given to a second item too (an erratum, a comment, "
            "a supplement), or one work with a field exported wrongly?"
        )
    return _QUEUED.get(base, "")
