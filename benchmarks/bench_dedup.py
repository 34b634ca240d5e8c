"""Dedup benchmark: accuracy of the rules, and `review dedup` as a command, side by side with
bib-dedupe.

    .venv/bin/python -m benchmarks.bench_dedup [--no-peer] [--runs N] [--sizes 10000,30000,100000]
        [--peer-sizes 10000] [--no-synthetic] [--no-write] [--rules-only] [--ablation]

1. **Rules** (every run, also with --rules-only: the check to make after any rule change): the
   five shared sets (../shared/data/dedup/<set>/records.csv, normalised as `review import`
   would), fully automatic (uncertain pairs are not merged): TP, FP, FN, precision,
   sensitivity per set, every missed pair classed (benchmarks/dedup_labels.py); the hard-case
   table of tests/test_dedup_rules.py; leave-one-set-out figures (each set measured with
   the rules that came from its own hard cases switched off, `LOSO`); and the 20 screening
   sets pooled with their identifiers taken out (`pooled_screening`: real records no rule was
   tuned on, PMIDs and DOIs as the truth).
2. **Commands side by side**: for each shared set, interleaved, `--runs` times: `review init`,
   `review import records.csv --source <set>` and `review dedup --non-interactive` as
   subprocesses, against bib-dedupe 0.11.0's prep+block+match+cluster as one subprocess in its
   own virtualenv (benchmarks/.venv-bibdedupe, created with pip when missing; never a project
   dependency) on the same file. CPU is user+system of each process and its children, interpreter
   start-up and imports included on both sides. The clusters the command wrote are scored too.
3. **Scale**: the synthetic set (benchmarks/synth_dedup.py, seed 7) written as a CSV at each
   size, imported with `review import`, then `review dedup --non-interactive` timed as a
   subprocess (median of --runs, each on a fresh copy of the imported review): wall, CPU, peak
   resident memory of the dedup process, and the growth between sizes against n log n.
   bib-dedupe runs on the same file at --peer-sizes.

Exits 1 when the rules make a false-positive pair on a shared set or the pooled screening sets,
or a hard case fails.
Writes the `dedup` section of BENCHMARKS.md unless --no-write.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import itertools
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from benchmarks._common import ROOT, SHARED_DATA, as_installed, machine, update_section
from benchmarks.dedup_labels import listed
from review_cli.io import normalise
from review_cli.model import Record
from review_cli.stages.dedup import (
    _context,
    _guards,
    _journals,
    _keys,
    _pages,
    _rules,
    _similar,
    _text,
    _titles,
)
from review_cli.stages.dedup._match import dedup_records, make_keys

SETS = ("cytology_screening", "haematology", "respiratory", "diabetes", "special_cases")
PEER_VENV = ROOT / "benchmarks" / ".venv-bibdedupe"
PEER_VERSION = "0.11.0"

Pair = tuple[str, str]


# --- the shared sets and scoring -----------------------------------------------------------
def load_set(path: Path) -> tuple[list[Record], dict[str, str]]:
    """Records of one benchmark CSV (normalised as `review import` would) and the true group
    of each record id."""
    records = []
    truth = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            raw: dict[str, Any] = dict(row)
            raw["authors"] = [a for a in row.get("authors", "").split(" and ") if a.strip()]
            raw["type"] = row.get("entrytype", "")
            if not row.get("journal") and row.get("booktitle"):
                raw["journal"] = row["booktitle"]
            rid = row["record_id"]
            records.append(Record(id=rid, source="benchmark", **normalise.fields(raw)))
            truth[rid] = row["duplicate_group"]
    return records, truth


def pairs_of(groups: Iterable[Iterable[str]]) -> set[Pair]:
    out: set[Pair] = set()
    for g in groups:
        for a, b in itertools.combinations(sorted(set(g)), 2):
            out.add((a, b))
    return out


def true_pairs(truth: dict[str, str]) -> set[Pair]:
    groups: dict[str, list[str]] = defaultdict(list)
    for rid, g in truth.items():
        groups[g].append(rid)
    return pairs_of(groups.values())


def ours(records: list[Record]) -> set[Pair]:
    _, result = dedup_records(make_keys(records))
    groups: dict[str, list[str]] = defaultdict(list)
    for rid, cid in result.cluster_of.items():
        groups[cid].append(rid)
    return pairs_of(groups.values())


def score(predicted: set[Pair], true: set[Pair]) -> dict[str, Any]:
    tp = len(predicted & true)
    fp = len(predicted - true)
    fn = len(true - predicted)
    return {
        "predicted": len(predicted), "tp": tp, "fp": fp, "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "sensitivity": tp / len(true) if true else 1.0,
    }



# --- the screening sets, pooled: real records the rules were never tuned on ----------------
def load_screening(path: Path) -> tuple[list[Record], dict[str, tuple[str, str]]]:
    """One screening set's records, normalised as `review import` would, with their PMID and
    DOI taken out (kept aside as the truth), so that only titles, authors, years and venues can
    merge them: the fields that decide a pair when an export carries no identifier."""
    records, ids = [], {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            cell = row.get("authors", "")
            # SYNERGY's sets join authors with `;`, Bannach-Brown's with ` and `.
            sep = " and " if ";" not in cell and " and " in cell else ";"
            pages = "-".join(p for p in (row.get("first_page", ""), row.get("last_page", "")) if p)
            raw: dict[str, Any] = {
                "title": row.get("title", ""), "abstract": row.get("abstract", ""),
                "year": row.get("year", ""), "journal": row.get("journal", ""),
                "volume": row.get("volume", ""), "issue": row.get("issue", ""), "pages": pages,
                "authors": [a.strip() for a in cell.split(sep) if a.strip()],
            }
            rid = f"{path.parent.name}:{row['record_id']}"
            records.append(Record(id=rid, source=path.parent.name, **normalise.fields(raw)))
            ids[rid] = (normalise.pmid(row.get("pmid", "")), normalise.doi(row.get("doi", "")))
    return records, ids


def pooled_screening(base: Path) -> dict[str, Any]:
    """All screening sets in one review, identifiers taken out. Two records are one work when
    both PMIDs agree (or, one PMID missing, both DOIs); different when they disagree; otherwise
    unknown. Two pairs of sets are one review from two sources (Chou_2004 from OpenAlex against
    Cohen_2006_SkeletalMuscleRelaxants from PubMed; Nelson_2002 against Cohen_2006_Estrogens),
    which gives most of the true pairs; the rest are duplicates inside the sets and reviews that
    share studies."""
    records: list[Record] = []
    ids: dict[str, tuple[str, str]] = {}
    for path in sorted(base.glob("*/records.csv")):
        r, i = load_screening(path)
        records += r
        ids.update(i)

    def same(a: str, b: str) -> bool | None:
        (pa, da), (pb, db) = ids[a], ids[b]
        if pa and pb:
            return pa == pb
        if da and db:
            return da == db
        return None

    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rid, (pmid, doi) in ids.items():
        if pmid:
            groups[("pmid", pmid)].append(rid)
        if doi:
            groups[("doi", doi)].append(rid)
    true = {p for p in pairs_of(groups.values()) if same(*p)}
    predicted = sorted(ours(records))
    verdicts = [same(*p) for p in predicted]
    return {
        "sets": len({r.source for r in records}), "records": len(records), "true": len(true),
        "predicted": len(predicted), "tp": verdicts.count(True),
        "fp": [p for p, v in zip(predicted, verdicts, strict=True) if v is False],
        "unknown": verdicts.count(None),
        "sensitivity": verdicts.count(True) / len(true) if true else 1.0,
    }


POOL_HEADER = (
    "| screening sets | records | true pairs | merged | TP | FP (PMIDs or DOIs differ) "
    "| merged, no identifier on one side | sensitivity |"
)
POOL_RULE = "|---:|---:|---:|---:|---:|---:|---:|---:|"


def _pool_row(s: dict[str, Any]) -> str:
    return (
        f"| {s['sets']} | {s['records']:,} | {s['true']:,} | {s['predicted']:,} | {s['tp']:,} "
        f"| {len(s['fp'])} | {s['unknown']} | {s['sensitivity']:.4f} |"
    )


def hard_cases() -> tuple[int, list[str]]:
    """The hard-case table of tests/test_dedup_rules.py: (cases, ids of those that fail)."""
    try:
        from tests import test_dedup_rules as table
    except ImportError:  # an installed copy without the tests
        return 0, []
    failed = []
    for p in table.CASES:
        try:
            table.test_hard_case(*p.values)
        except AssertionError:
            failed.append(str(p.id))
    return len(table.CASES), failed


# --- leave one set out ----------------------------------------------------------------------
def _pages_overlap_without(single: bool) -> Callable[[Any, Any, float], bool]:
    """`pages_overlap` without its single-shared-page part (single) or its two-or-more part."""
    original = _guards.pages_overlap

    def patched(a: Any, b: Any, title: float) -> bool:
        if not original(a, b, title):
            return False
        shared = (
            min(int(a.last_page), int(b.last_page)) - max(int(a.first_page), int(b.first_page)) + 1
        )
        return shared >= 2 if single else shared == 1

    return patched


# Rules that came from one set's hard cases (docs/dedup.md, the notes of the hard-case table and
# the commits that added them): (module, attribute, replacement, what it is). A rule listed under
# a set is switched off when that set is measured, so each set is scored with the rules one would
# have had without looking at its pairs. Normalisation written while reading all sets (brackets,
# notes, author formats, bilingual titles, journal abbreviations) cannot be told apart by set and
# stays on: these figures are an upper bound for that part.
LOSO: dict[str, list[tuple[Any, str, Any, str]]] = {
    "haematology": [
        (_guards, "shifted_fields", lambda a, b: False, "volume, issue and page shifted "
                                                        "(105/106)"),
        (_rules, "word_conflict", lambda a, b: False, "word swaps such as adult/adolescent "
                                                      "(the 234-237 trials)"),
        (_keys, "cites_article", lambda title: False, "an erratum citing its article in the title "
                                                      "(57/58)"),
    ],
    "respiratory": [
        (_guards, "online_first", lambda a, b: False, "ahead-of-print pages 1-N (414/415)"),
        (_guards, "pages_overlap", _pages_overlap_without(single=False),
         "ranges sharing two pages or more (646/647)"),
        (_rules, "OFF", frozenset({"same-title-same-range", "same-place-no-authors"}),
         "the same whole page range with scrambled co-authors (732/733) or without authors "
         "(91, 92 vs 799)"),
        (_rules, "letters_block", lambda a, b, authors: False, "a correspondence block's shared "
                                                               "pages (213/709)"),
    ],
    "cytology_screening": [
        (_guards, "pages_overlap", _pages_overlap_without(single=True),
         "ranges touching on one page (43/44, 493 vs 494, 495)"),
        (_rules, "names_agree", lambda a, b: False, "given names read as surnames (1591 vs 357)"),
    ],
    "diabetes": [
        (_rules, "same_text", lambda a, b, title: False, "another item's DOI on a meeting "
                                                         "abstract"),
    ],
    "special_cases": [
        (_journals, "_acronym", lambda token, full: False, "a proceedings acronym (AMCIS)"),
    ],
}


def _without_issue_guard() -> Callable[[Any, Any, float], list[str]]:
    original = _rules.place_guards
    return lambda a, b, title: [g for g in original(a, b, title) if g != "issue-differs"]


def _abstract_or_article_as_round_3() -> Callable[[Any, Any], bool]:
    """`abstract_or_article` without its venue-less meeting paper (round 4)."""
    def before(a: Any, b: Any) -> bool:
        if a.conference == b.conference:
            return False
        meeting, other = (a, b) if a.conference else (b, a)
        return (
            bool(other.journal) and not other.first_page and bool(other.issue)
            and not meeting.issue
        )
    return before


def _one_meeting_year_as_round_5(a: Any, b: Any) -> bool:
    """`one_meeting_year` with any year both names carry (round 5)."""
    if not (a.conference and b.conference):
        return False
    years_a = {w for w in a.journal if w[:1].isdigit() and len(w) == 4 and w.isdigit()}
    return bool(years_a) and not years_a.isdisjoint(b.journal)


def _edition_free_as_round_5(name: tuple[str, ...]) -> tuple[str, ...]:
    """`_edition_free` that drops an IFIP committee's numbers with the edition's (round 5)."""
    return tuple(
        w for w in name if not _journals.numbered(w) and w not in _journals._EDITION_FREE
    )


def _pmid_as_round_6(value: Any) -> str:
    """`normalise.pmid` before round 7b: the first digits of whatever the field holds."""
    text = re.sub(r"^(?:pmid|pubmed)[:\s]*", "", normalise.clean(value), flags=re.I)
    m = re.search(r"\d{1,9}", text)
    return m.group(0).lstrip("0") if m and text[: m.start()].strip() == "" else ""


def _doi_end_as_round_6(found: str) -> str:
    return found.rstrip(".,;)]}>\"'")


# Round 6's folding of Greek letters (ten letters, wherever they stand), other letters, numbers.
_GREEK_ROUND_6 = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "τ": "tau", "ω": "omega",
}
_GREEK_ROUND_6_RE = re.compile("|".join(_GREEK_ROUND_6))
_LETTERS_ROUND_6 = {"æ": "ae", "ø": "o", "œ": "oe"}


def _title_numbers_as_round_6(title: str) -> frozenset[str]:
    """`title_numbers` without `I`/`V`/`X` after a numbering word or numbers spelt out."""
    out = {n.lstrip("0") or "0" for n in re.findall(r"\d+", title)}
    if "ii" in title or "iv" in title or "vi" in title or "ix" in title:
        out.update(_keys.ROMAN[w] for w in _keys._ROMAN_WORD.findall(title))
    return frozenset(out)


_GROUP_ROUND_3 = re.compile(
    r"\b(group|study|consortium|collaborat\w*|investigators|committee|trial|society|association"
    r"|network|working)\b"
)


# `_keys._REGISTRY` before round 7c (the registries named, without the WHO network's others).
_REGISTRY_ROUND_6 = re.compile(
    r"clinicaltrials\.?gov|\bictrp\b|trialsearch|\bisrctn|clinicaltrialsregister|\beuctr\b"
    r"|\banzctr\b|\bchictr\b|\bctri\b|\bdrks\b|\bjrct\b|\bumin ctr\b|\birct\b"
    r"|trialregister\.nl|\btrials? regist(ry|er|ration)\b|\bregistry record\b"
)


# The rule changes of issue 20 (unseen sets), each switched off alone by `--ablation`: what it
# costs or gains on every shared set, which hard cases fail without it, and the false pairs on
# the synthetic set. The discipline: a change that adds a false pair on any set is not kept.
ABLATIONS: dict[str, list[tuple[Any, str, Any]]] = {
    "issue as a discriminator": [(_rules, "place_guards", "issue-guard")],
    "issue fields set aside for a source that disagrees with itself": [
        (_context, "_unreliable_issues", lambda keys: None)],
    "Embase's `(no pagination)` layout read": [
        (_keys, "embase_place", lambda volume, issue, pages: (volume, issue, pages))],
    "generic titles (Editor's Comments, In this issue) placed by issue and pages": [
        (_keys, "generic", lambda tokens: False)],
    "columns found across years": [(_context, "_recurring_titles", lambda keys: None)],
    "other-title merges need a subtitle, containment or translation": [
        (_rules, "title_variant", lambda a, b, title: "any")],
    "DOIs at several places are not trusted": [(_context, "_untrusted_dois", lambda keys: None)],
    "a year apart when one record names no venue": [
        (_rules, "_venue_missing", lambda a, b: False)],
    "romanised journal names unknown, not different": [
        (_similar, "romanised", lambda journal: False)],
    # Red-team round 3.
    "an acronym with another word is a daughter journal": [
        (_journals, "_acronym_of", lambda a, b: any(
            _journals._acronym(t, _journals._spelled_out(b, t)) for t in a))],
    "NLM subtitles dropped only when they describe": [
        (_journals, "_describes", lambda subtitle: True)],
    "`et al.` is no author": [(_keys, "_ET_AL", re.compile(r"(?!)"))],
    "a working paper against the article is queued": [
        (_rules, "working_paper_or_article", lambda a, b: False)],
    "venue-less records a year apart need a named meeting": [
        (_rules, "_venue_missing", lambda a, b: any(
            not x.journal and not x.volume and not y.volume and (not y.journal or y.conference)
            for x, y in ((a, b), (b, a))))],
    # Found in the shared exports and in AHA journals' abstracts, after round 3.
    "a part between dots (`.1.`, `. II.`) read from the title": [
        (_keys, "dotted_part", lambda raw_title: "")],
    "a meeting abstract's code (`Abstract WP123:`) read off the title": [
        (_keys, "abstract_code", lambda raw_title: ("", raw_title))],
    "`Mathias Mueller`: a given-first name's surname is its last word": [
        (_keys, "surname_last", lambda author: "")],
    "meeting names: `Annual`, an edition's number, a theme before the acronym": [
        (_journals, "_acronym_in_both", lambda t, spelled, full: False),
        (_journals, "_VENUE_TYPES", frozenset()),
        (_journals, "_spelled_out", lambda name, acronym: tuple(
            w for w in name if not w[0].isdigit() and w not in ("proceedings", acronym)))],
    # Red-team round 4 (software engineering, education, psychology, grey literature, books).
    "a meeting's other volumes (Companion, Workshops, Extended Abstracts) held apart": [
        (_keys, "track", lambda journal: frozenset())],
    "IEEE/ACM/IFIP set aside in meetings' names": [
        (_journals, "_EDITION_FREE", frozenset(("proceedings", "annual", "international")))],
    "an arXiv entry's identifier is its volume": [
        (_keys, "arxiv_id", lambda journal, volume, doi: "")],
    "a venue-less meeting paper against the article ahead of print is queued": [
        (_rules, "abstract_or_article", _abstract_or_article_as_round_3())],
    "Dissertation Abstracts International is a thesis": [
        (_keys, "thesis_source", lambda journal: False)],
    "institutions are corporate authors": [(_keys, "_GROUP", _GROUP_ROUND_3)],
    "book, chapter and book review told apart by type": [(_keys, "form", lambda t: "")],
    # Red-team round 5 (sensitivity: one work from two databases).
    "surnames: particles (`vom Brocke J.`) and Scholar's initials (`TL Nguyen`)": [
        (_keys, "_PARTICLES", frozenset()), (_keys, "initials_first", lambda authors: False)],
    "ahead of print the year before the print record": [
        (_rules, "ahead_of_print", lambda x, y: False)],
    "an acronym for a run of a journal's words (`MIS Quarterly`)": [
        (_journals, "_acronym_for_run", lambda a, b: False)],
    "the AIS eLibrary's section words (`ECIS 2020 Research Papers`)": [
        (_journals, "_SECTION_WORDS", frozenset())],
    "an article number against the pages 1-N": [
        (_guards, "article_number_vs_count", lambda a, b: False)],
    "a book series with a volume against the book's title": [
        (_keys, "book_series", lambda journal: False)],
    "SpringerLink's run-together names split": [(_keys, "unglue", lambda authors: authors)],
    "a section's label before the title (`Research Note:`)": [
        (_keys, "_SECTION_LABEL", re.compile(r"(?!)"))],
    "one meeting named with its year, records a year apart": [
        (_rules, "one_meeting_year", lambda a, b: False)],
    "`pp. 1-24` read as pages": [(_pages, "_PAGES_WORD", re.compile(r"(?!)"))],
    "an editorial typed or labelled in one export: one whole range is one item": [
        (_guards, "whole_range", lambda a, b: False),
        (_rules, "comment_or_article", lambda a, b, title: False)],
    "a place after a meeting's name (`..., Munich, Germany`)": [
        (_journals, "_without_place", lambda name: name)],
    "a name that spells its acronym out beside it (`..., ICIS 2019`)": [
        (_journals, "spelled_too", lambda rest, spelled: False)],
    "a meeting's number spelled out (`Twenty-Fifth`)": [
        (_journals, "_ORDINAL_WORDS", frozenset())],
    # Round 6 (the loosenings of rounds 4 and 5 attacked with different works).
    "ahead of print needs a team on both records": [(_rules, "_team", lambda k: True)],
    "one meeting's year is the earlier record's": [
        (_rules, "one_meeting_year", _one_meeting_year_as_round_5)],
    "particles are no surname words to share": [
        (_keys, "without_particles", lambda names: names)],
    "a series' volume is unknown only against a chapter or a meeting's paper": [
        (_similar, "_series_vs_book", lambda x, y: x.series and bool(x.volume) and not y.volume)],
    "an IFIP committee's numbers (`WG 8.2`) name the meeting": [
        (_journals, "_edition_free", _edition_free_as_round_5)],
    "a place only after an edition's number, never a society": [
        (_journals, "edition_place", lambda part, head: True)],
    # Round 7b (identifiers exports garble, misplace or share; placeholders).
    "a PMID is PubMed's number, standing alone": [
        (normalise, "pmid", _pmid_as_round_6),
        (_keys, "known_pmid", lambda pmid: pmid.strip().lstrip("0"))],
    "a DOI ends before a second DOI and a link's page (`/full`)": [
        (normalise, "doi_end", _doi_end_as_round_6)],
    "a SICI cut at its `<` is the issue's": [(_context, "issue_sici", lambda doi: False)],
    "one DOI, a title that adds words, no place: queued": [
        (_rules, "other_report", lambda a, b, placed: False)],
    "placeholder titles and authors are none": [
        (_keys, "placeholder_title", lambda title: False),
        (_keys, "placeholder_author", lambda name: False)],
    "`0` is no volume, issue or page": [
        (_pages, "placed_number", lambda digits: digits.lstrip("0") or "0"),
        (_keys, "placed_number", lambda digits: digits.lstrip("0") or "0")],
    "a publisher or an ISSN names no journal": [
        (_journals, "publisher", lambda name: False),
        (_journals, "_ISSN", re.compile(r"(?!)"))],
    # Round 7c (the loosenings of rounds 1-3 attacked with different works).
    "a title's extension placed by one item's place, not a volume or pages 1-N": [
        (_rules, "one_item_place",
         lambda a, b, same_pg: same_pg or (bool(a.volume) and a.volume == b.volume))],
    "`<title> - Reply` is a comment": [(_keys, "_TRAILING_REPLY", re.compile(r"(?!)"))],
    "a DOI does not make a chapter its book": [
        (_rules, "doi_on_chapter_and_book", lambda a, b: False)],
    "a DOI does not make a preprint its article": [
        (_rules, "doi_on_preprint_and_article", lambda a, b: False)],
    "a supplement's DOI: the titles agree whole": [
        (_rules, "doi_in_supplement_other_title", lambda a, b: False)],
    "a DOI outweighs no place of a recurring title": [(_rules, "doi_outweighs", lambda a, b: 1)],
    "two named venues that cannot be compared are no agreement": [
        (_rules, "both_named", lambda a, b: False)],
    "a venue-less record is untyped or a meeting's paper, not after the meeting's year": [
        (_rules, "meeting_paper_or_untyped", lambda x: True),
        (_rules, "after_meeting_year", lambda x, y: False)],
    "the same first page forgives the issue only for an article of three pages": [
        (_guards, "an_article", lambda a, b: True)],
    "an article number in the issue field is one number": [
        (_guards, "one_number", lambda k: True)],
    "a recurring title at the same pages only when neither gives an issue": [
        (_rules, "issue_on_neither", lambda a, b: not (a.issue and b.issue))],
    "two plain pages are an article's, not an abstract's": [
        (_guards, "article_length", lambda k: _guards.span(k) >= 3)],
    "the WHO network's primary registries": [(_keys, "_REGISTRY", _REGISTRY_ROUND_6)],
    "a journal's description after `: ` is no part of its name": [
        (_journals, "_NLM_SUBTITLE", re.compile(r"\s*;\s|\s:\s"))],
    # Round 7a (what title folding erases: scripts, symbols, numbers, short names).
    "a tag is a name after `<` (`<6 and ASPECTS >` is none)": [
        (_text, "_TAG", re.compile(r"<[^>]{1,40}>"))],
    "Greek symbols: the whole alphabet, one or two letters; `ß` for β; `µ` before a unit": [
        (_text, "greek", lambda text: _GREEK_ROUND_6_RE.sub(
            lambda m: _GREEK_ROUND_6[m.group(0)], text)),
        (_text, "_SHARP_S_BETA", re.compile(r"(?!)"))],
    "letters NFKD keeps (đ ł ı þ), other scripts' digits, format characters": [
        (_text, "letters", lambda text: re.sub(
            "[æøœ]", lambda m: _LETTERS_ROUND_6[m.group(0)], text)),
        (_text, "_FORMAT", re.compile(r"(?!)"))],
    "numbers: `I` after a numbering word, spelt out; one number two ways is one word": [
        (_keys, "title_numbers", _title_numbers_as_round_6),
        (_similar, "number_value", lambda word: "")],
    "signs on a number or a name (≥/<, +/−, ±/+)": [
        (_keys, "title_signs", lambda raw_title: frozenset())],
    "a word that turns a title into its opposite (not, non, without, off, out)": [
        (_similar, "_POLARITY", frozenset())],
    "opposite prefixes ant-, dys-, de-, macro/micro, endo/exo, af/ef, ab/ad, hetero/homo": [
        (_similar, "_OPPOSITE_PREFIXES", _similar._OPPOSITE_PREFIXES[:21])],
    "short names a letter apart are two names (EGF/EGFR)": [
        (_similar, "_short_names", lambda x, y: False)],
    "a word written as two, or cut at a field's length, is one word": [
        (_similar, "_one_word", lambda tokens, only_x, only_y: None)],
    "a Chinese or Japanese character is a word": [
        (_keys, "title_tokens", lambda title: tuple(w for w in title.split()
                                                   if w not in _text.STOP))],
    # Round 8 (sensitivity after round 7).
    "the degree sign is MEDLINE's `degrees`": [(_text, "spell_degrees", lambda text: text)],
    "the site a record was found on names no venue (`aisel.aisnet.org`, `IEEE Xplore`)": [
        (_journals, "host", lambda journal, name: False)],
    # Round 9a (authors and names).
    "a surname with another first initial is another person (`Kim J`, `Kim S`)": [
        (_similar, "initials_differ", lambda x, y: False)],
    "names in two scripts are unknown, not different (`张伟`, `Zhang W`)": [
        (_similar, "other_scripts", lambda a, b: False)],
}


@contextlib.contextmanager
def patched(changes: list[tuple[Any, str, Any]]) -> Iterator[None]:
    saved = []
    for module, attr, value in changes:
        if value == "issue-guard":
            value = _without_issue_guard()
        saved.append((module, attr, getattr(module, attr)))
        setattr(module, attr, value)
    _clear_caches()
    try:
        yield
    finally:
        for module, attr, value in reversed(saved):
            setattr(module, attr, value)
        _clear_caches()


def _clear_caches() -> None:
    _journals.journal_info.cache_clear()
    _keys._surnames_of.cache_clear()
    _keys._initials_of.cache_clear()
    _keys._is_group.cache_clear()
    _pages.pages_info.cache_clear()
    # Cached on folded text (round 7a changes the folding); some are switched off by a row.
    for cached in (_titles.main_title, _keys.meeting_words, _keys._supplement, _keys._type_info,
                   _keys.track, _keys.form, _keys.thesis_source, _keys.book_series):
        clear = getattr(cached, "cache_clear", None)
        if clear is not None:
            clear()


def ablation(sets: list[tuple[str, Path]]) -> list[str]:
    """Each change of ABLATIONS switched off alone: FP and sensitivity per shared set, hard
    cases that fail, FP and sensitivity on 20,000 synthetic records."""
    from benchmarks.synth_dedup import synthetic_set

    loaded = [(name, *load_set(path)) for name, path in sets]
    synth, synth_truth = synthetic_set(20_000, seed=7)
    rows = []
    for what, changes in {"(all rules on)": [], **ABLATIONS}.items():
        with patched(changes):
            cells = []
            for _, records, truth in loaded:
                s = score(ours(records), true_pairs(truth))
                cells.append(f"{s['fp']} / {s['sensitivity']:.4f}")
            _, failing = hard_cases()
            s = score(ours(synth), true_pairs(synth_truth))
        rows.append(
            f"| {what} | " + " | ".join(cells)
            + f" | {', '.join(failing) or '-'} | {s['fp']} / {s['sensitivity']:.4f} |"
        )
        print(rows[-1], flush=True)
    return rows


@contextlib.contextmanager
def rules_without(name: str) -> Iterator[None]:
    saved = []
    for module, attr, value, _ in LOSO.get(name, []):
        saved.append((module, attr, getattr(module, attr)))
        setattr(module, attr, value)
    _journals.journal_info.cache_clear()
    _keys._surnames_of.cache_clear()
    try:
        yield
    finally:
        for module, attr, value in reversed(saved):
            setattr(module, attr, value)
        _journals.journal_info.cache_clear()
        _keys._surnames_of.cache_clear()


# --- commands, measured -----------------------------------------------------------------------
# Runs one command and reports its own resource use: the children of this wrapper are the
# command and whatever it started.
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
rss = ru.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
print(json.dumps({"rc": proc.returncode, "wall": wall, "cpu": ru.ru_utime + ru.ru_stime,
                  "peak_mb": rss, "out": proc.stdout[-20000:], "err": proc.stderr[-2000:]}))
"""


def measured(cmd: list[str], cwd: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], cwd=cwd, capture_output=True, text=True
    )
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    if data["rc"] != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}: {data['err']}")
    return data


def review_cmd() -> list[str]:
    """`review` as users run it: the console script next to this interpreter."""
    script = Path(sys.executable).with_name("review")
    return [str(script)] if script.exists() else [sys.executable, "-m", "review_cli"]


def command_clusters(review: Path) -> list[list[str]]:
    """The clusters `review dedup` wrote, as the benchmark file's record ids."""
    key: dict[str, str] = {}
    for line in (review / "import" / "records.jsonl").read_text(encoding="utf-8").split("\n"):
        if line:
            obj = json.loads(line)
            key[obj["id"]] = obj["origins"][0]["key"]
    groups = []
    for line in (review / "dedup" / "clusters.jsonl").read_text(encoding="utf-8").split("\n"):
        if line:
            groups.append([key[m] for m in json.loads(line)["records"]])
    return groups


def imported_review(base: Path, name: str, path: Path) -> tuple[Path, dict[str, Any]]:
    review = base / name
    shutil.rmtree(review, ignore_errors=True)
    measured([*review_cmd(), "init", str(review)], base)
    imp = measured([*review_cmd(), "import", str(path), "--source", "export"], review)
    return review, imp


def ours_as_commands(base: Path, name: str, path: Path) -> dict[str, Any]:
    """`review init` + `review import` + `review dedup --non-interactive` on a fresh review."""
    review, imp = imported_review(base, name, path)
    dedup = measured([*review_cmd(), "dedup", "--non-interactive"], review)
    return {
        "import_cpu": imp["cpu"], "import_wall": imp["wall"],
        "dedup_cpu": dedup["cpu"], "dedup_wall": dedup["wall"], "dedup_peak_mb": dedup["peak_mb"],
        "cpu": imp["cpu"] + dedup["cpu"], "wall": imp["wall"] + dedup["wall"],
        "groups": command_clusters(review),
    }


PEER_SCRIPT = """
import json, sys, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from bib_dedupe.bib_dedupe import block, cluster, match, prep
df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
df = df.rename(columns={"record_id": "ID", "authors": "author", "issue": "number", \
"entrytype": "ENTRYTYPE"})
if "ENTRYTYPE" not in df.columns:
    df["ENTRYTYPE"] = "article"
df["ENTRYTYPE"] = df["ENTRYTYPE"].replace("", "article")
keep = [c for c in ("ID", "ENTRYTYPE", "title", "author", "year", "journal", "booktitle", \
"volume", "number", "pages", "doi", "abstract") if c in df.columns]
df = df[keep]
records = prep(df, verbosity_level=0)
pairs = block(records, verbosity_level=0)
matched = match(pairs, verbosity_level=0)
groups = cluster(matched, verbosity_level=0)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump([sorted(map(str, g)) for g in groups], f)
"""


def peer_python() -> Path | None:
    py = PEER_VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not py.exists():
        print(f"creating {PEER_VENV} with bib-dedupe {PEER_VERSION} ...", file=sys.stderr)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
            subprocess.run(
                [str(py), "-m", "pip", "install", "--quiet", f"bib-dedupe=={PEER_VERSION}"],
                check=True,
            )
        except (subprocess.CalledProcessError, OSError) as e:
            print(f"could not install bib-dedupe: {e}", file=sys.stderr)
            return None
    return py


def peer_as_command(py: Path, path: Path, cwd: Path) -> dict[str, Any]:
    """bib-dedupe's pipeline as one process (its imports and worker processes included)."""
    out = cwd / "peer-groups.json"
    data = measured([str(py), "-c", PEER_SCRIPT, str(path), str(out)], cwd)
    groups = json.loads(out.read_text(encoding="utf-8"))
    return {"cpu": data["cpu"], "wall": data["wall"], "peak_mb": data["peak_mb"], "groups": groups}


# --- the synthetic set as a file --------------------------------------------------------------
def write_synthetic(n: int, path: Path) -> None:
    """The synthetic set in the shared sets' CSV layout, so both tools read one file."""
    from benchmarks.synth_dedup import synthetic_set

    records, truth = synthetic_set(n, seed=7)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "duplicate_group", "title", "authors", "year", "journal",
                    "volume", "issue", "pages", "doi", "entrytype"])
        for r in records:
            w.writerow([r.id, truth[r.id], r.title, " and ".join(r.authors), r.year or "",
                        r.journal, r.volume, r.issue, r.pages, r.doi, "article"])


def file_truth(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as f:
        return {row["record_id"]: row["duplicate_group"] for row in csv.DictReader(f)}


def scale(sizes: list[int], runs: int, base: Path, py: Path | None, peer_sizes: set[int]
          ) -> list[dict[str, Any]]:
    out = []
    for n in sizes:
        path = base / f"synthetic_{n}.csv"
        write_synthetic(n, path)
        pristine, imp = imported_review(base, f"synthetic_{n}", path)
        times = []
        for _ in range(runs):
            review = base / f"synthetic_{n}_run"
            shutil.rmtree(review, ignore_errors=True)
            shutil.copytree(pristine, review)
            times.append(measured([*review_cmd(), "dedup", "--non-interactive"], review))
        truth = file_truth(path)
        s = score(pairs_of(command_clusters(review)), true_pairs(truth))
        row = {
            "records": n, "import_cpu": imp["cpu"], "import_wall": imp["wall"],
            "wall": statistics.median(t["wall"] for t in times),
            "cpu": statistics.median(t["cpu"] for t in times),
            "peak_mb": max(t["peak_mb"] for t in times), **s,
        }
        if py is not None and n in peer_sizes:
            got = peer_as_command(py, path, base)
            row["peer"] = {**got, **score(pairs_of(got["groups"]), true_pairs(truth))}
        out.append(row)
        print(_scale_row(row), flush=True)
        shutil.rmtree(base / f"synthetic_{n}_run", ignore_errors=True)
        shutil.rmtree(pristine, ignore_errors=True)
    return out


# --- the report ---------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    as_installed()  # time the commands as users' installed copies start
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-peer", action="store_true", help="skip bib-dedupe")
    ap.add_argument("--runs", type=int, default=3, help="timing runs (median)")
    ap.add_argument("--rules-only", action="store_true",
                    help="the rules on the shared sets and the hard cases only (no commands)")
    ap.add_argument("--ablation", action="store_true",
                    help="also switch off each rule change of ABLATIONS alone (rules only)")
    ap.add_argument("--no-synthetic", action="store_true", help="skip the synthetic sizes")
    ap.add_argument("--sizes", default="10000,30000,100000", help="synthetic sizes")
    ap.add_argument("--peer-sizes", default="10000", help="synthetic sizes bib-dedupe also runs")
    ap.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = ap.parse_args(argv)

    base = SHARED_DATA / "dedup"
    if not base.is_dir():
        print(f"{base} is absent: nothing to measure", file=sys.stderr)
        return 0
    sets = [(name, base / name / "records.csv") for name in SETS]
    sets = [(name, path) for name, path in sets if path.exists()]

    rules_rows, misses, loso_rows, failed = [], [], [], False
    print(RULES_HEADER + "\n" + RULES_RULE)
    for name, path in sets:
        records, truth = load_set(path)
        true = true_pairs(truth)
        predicted = ours(records)
        s = score(predicted, true)
        failed |= s["fp"] > 0
        rules_rows.append(_rules_row(name, len(records), len(true), s))
        print(rules_rows[-1], flush=True)
        misses.append(_misses(name, predicted, true))
        if LOSO.get(name):
            with rules_without(name):
                loso_rows.append(_loso_row(name, score(ours(records), true), s))
    n_cases, case_failures = hard_cases()
    failed |= bool(case_failures)
    print(f"\nhard cases: {n_cases - len(case_failures)} of {n_cases} hold"
          + (f"; failing: {', '.join(case_failures)}" if case_failures else ""))
    pool_rows: list[str] = []
    if (SHARED_DATA / "screening").is_dir():
        pool = pooled_screening(SHARED_DATA / "screening")
        failed |= bool(pool["fp"])
        pool_rows.append(_pool_row(pool))
        print(f"\n{POOL_HEADER}\n{POOL_RULE}\n{pool_rows[0]}"
              + "".join(f"\nfalse pair: {a} {b}" for a, b in pool["fp"]))
    print(f"\n{MISS_HEADER}\n{MISS_RULE}\n" + "\n".join(misses))
    print(f"\n{LOSO_HEADER}\n{LOSO_RULE}\n" + "\n".join(loso_rows))
    if args.ablation:
        header = (
            "| switched off | " + " | ".join(f"{n}: FP / sensitivity" for n, _ in sets)
            + " | hard cases failing | synthetic 20,000: FP / sensitivity |"
        )
        print("\n" + header + "\n|---|" + "---:|" * len(sets) + "---|---:|")
        ablation(sets)
    if args.rules_only or args.ablation:
        return 1 if failed else 0

    py = None if args.no_peer else peer_python()
    side: list[str] = []
    scale_rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-dedup-") as tmp:
        work = Path(tmp)
        runs: dict[str, list[dict[str, Any]]] = defaultdict(list)
        peer_runs: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for _ in range(args.runs):  # interleaved: ours then the peer, set by set
            for name, path in sets:
                runs[name].append(ours_as_commands(work, name, path))
                if py is not None:
                    peer_runs[name].append(peer_as_command(py, path, work))
        print("\n" + SIDE_HEADER + "\n" + SIDE_RULE)
        for name, path in sets:
            truth = file_truth(path)
            true = true_pairs(truth)
            side.append(_side_row(name, len(truth), true, runs[name], peer_runs.get(name)))
            print(side[-1], flush=True)
        if not args.no_synthetic:
            sizes = [int(x) for x in args.sizes.split(",") if x]
            peer_sizes = {int(x) for x in args.peer_sizes.split(",") if x}
            print("\n" + SCALE_HEADER + "\n" + SCALE_RULE)
            scale_rows = scale(sizes, args.runs, work, py, peer_sizes)
    if not args.no_write:
        update_section("dedup", _section(
            rules_rows, misses, loso_rows, (n_cases, case_failures), side, scale_rows, args.runs,
            pool_rows,
        ))
    if failed:
        print("FAIL: false-positive pairs or a failing hard case", file=sys.stderr)
    return 1 if failed else 0


# No timing here: every speed figure of this benchmark is for the commands (section 2 and 3).
RULES_HEADER = "| set | records | true pairs | predicted | TP | FP | FN | precision | sensitivity |"
RULES_RULE = "|---|---:|---:|---:|---:|---:|---:|---:|---:|"


def _rules_row(name: str, n: int, true: int, s: dict[str, Any]) -> str:
    return (
        f"| {name} | {n:,} | {true:,} | {s['predicted']:,} | {s['tp']:,} | {s['fp']} | {s['fn']} "
        f"| {s['precision']:.4f} | {s['sensitivity']:.4f} |"
    )


MISS_HEADER = (
    "| set | missed pairs | label errors | doubtful | real misses | not yet classified | "
    "sensitivity without the label errors |"
)
MISS_RULE = "|---|---:|---:|---:|---:|---:|---:|"


def _misses(name: str, predicted: set[Pair], true: set[Pair]) -> str:
    """Our missed pairs by class (benchmarks/dedup_labels.py) and the sensitivity when the
    pairs that join two different documents are left out of the truth."""
    known = listed(name)
    fn = true - predicted
    by = {
        c: sum(1 for p in fn if known.get(p, ("",))[0] == c) for c in ("label", "doubtful", "miss")
    }
    unlisted = sum(1 for p in fn if p not in known)
    label = {p for p, (c, _) in known.items() if c == "label"} & true
    kept = true - label
    sens = len(predicted & kept) / len(kept) if kept else 1.0
    return (
        f"| {name} | {len(fn)} | {by['label']} | {by['doubtful']} | {by['miss']} | {unlisted} | "
        f"{sens:.4f} ({len(predicted & kept)}/{len(kept)}) |"
    )


LOSO_HEADER = (
    "| set | rules switched off (they came from this set's hard cases) | FP | sensitivity "
    "| with all rules: FP, sensitivity |"
)
LOSO_RULE = "|---|---|---:|---:|---:|"


def _loso_row(name: str, s: dict[str, Any], full: dict[str, Any]) -> str:
    what = "; ".join(desc for *_, desc in LOSO[name])
    return (
        f"| {name} | {what} | {s['fp']} | {s['sensitivity']:.4f} "
        f"| {full['fp']}, {full['sensitivity']:.4f} |"
    )


SIDE_HEADER = (
    "| set | records | `review import` + `review dedup`: CPU s (wall s) | FP | sensitivity "
    "| bib-dedupe 0.11.0: CPU s (wall s) | FP | sensitivity | bib-dedupe / review, CPU (wall) |"
)
SIDE_RULE = "|---|---:|---:|---:|---:|---:|---:|---:|---:|"


def _side_row(
    name: str, n: int, true: set[Pair], mine: list[dict[str, Any]],
    peer: list[dict[str, Any]] | None,
) -> str:
    cpu = statistics.median(r["cpu"] for r in mine)
    wall = statistics.median(r["wall"] for r in mine)
    s = score(pairs_of(mine[-1]["groups"]), true)
    row = f"| {name} | {n:,} | {cpu:.2f} ({wall:.2f}) | {s['fp']} | {s['sensitivity']:.4f} "
    if not peer:
        return row + "| - | - | - | - |"
    pcpu = statistics.median(r["cpu"] for r in peer)
    pwall = statistics.median(r["wall"] for r in peer)
    ps = score(pairs_of(peer[-1]["groups"]), true)
    return row + (
        f"| {pcpu:.2f} ({pwall:.2f}) | {ps['fp']} | {ps['sensitivity']:.4f} "
        f"| {pcpu / cpu:.1f}x ({pwall / wall:.1f}x) |"
    )


SCALE_HEADER = (
    "| records | `review dedup` wall s | CPU s | peak memory | CPU / (n log n), "
    "relative to the smallest | FP | sensitivity | `review import` CPU s | bib-dedupe CPU s "
    "(wall s), FP, sensitivity |"
)
SCALE_RULE = "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
_FIRST: dict[str, float] = {}


def _scale_row(r: dict[str, Any]) -> str:
    per = r["cpu"] / (r["records"] * math.log(r["records"]))
    _FIRST.setdefault("per", per)
    peer = r.get("peer")
    ours_cpu, ours_wall = r["cpu"] + r["import_cpu"], r["wall"] + r["import_wall"]
    peer_cell = (
        f"{peer['cpu']:.1f} ({peer['wall']:.1f}), {peer['fp']}, {peer['sensitivity']:.3f}; "
        f"{peer['cpu'] / ours_cpu:.0f}x our CPU, {peer['wall'] / ours_wall:.0f}x our wall "
        "(ours: `review import` + `review dedup`)"
        if peer else "-"
    )
    return (
        f"| {r['records']:,} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['peak_mb']:.0f} MB "
        f"| {per / _FIRST['per']:.2f} | {r['fp']} | {r['sensitivity']:.3f} "
        f"| {r['import_cpu']:.1f} | {peer_cell} |"
    )


def _growth(rows: list[dict[str, Any]]) -> str:
    parts = []
    for a, b in itertools.pairwise(rows):
        k = math.log(b["cpu"] / a["cpu"]) / math.log(b["records"] / a["records"])
        nlogn = (b["records"] * math.log(b["records"])) / (a["records"] * math.log(a["records"]))
        parts.append(
            f"{a['records']:,} to {b['records']:,}: CPU x{b['cpu'] / a['cpu']:.2f} "
            f"(n log n predicts x{nlogn:.2f}; exponent {k:.2f})"
        )
    return "; ".join(parts)


def _section(
    rules_rows: list[str], misses: list[str], loso_rows: list[str],
    cases: tuple[int, list[str]], side: list[str], scale_rows: list[dict[str, Any]], runs: int,
    pool_rows: list[str],
) -> str:
    n_cases, case_failures = cases
    _FIRST.clear()
    lines = [
        "## Dedup (`benchmarks/bench_dedup.py`)",
        "",
        f"Machine: {machine()}; shared with other work, so every figure is a median and CPU",
        "seconds (user + system) are shown beside wall seconds.",
        "",
        "### `review dedup` as a command, side by side with bib-dedupe",
        "",
        f"Each set, {runs} times, interleaved: `review init`, `review import records.csv` and "
        "`review dedup",
        "--non-interactive` run as subprocesses on a fresh review, as users run them, against",
        "bib-dedupe 0.11.0's prep + block + match + cluster in one process of its own virtualenv "
        "on the same",
        "file. Both sides include interpreter start-up and imports (about 0.2 s of CPU per "
        "`review` command,",
        "so two of them weigh most on the small sets) and start from compiled bytecode, as "
        "pip-installed",
        "packages do; bib-dedupe's worker processes are counted. Accuracy",
        "is scored from the clusters each tool wrote (ours: `dedup/clusters.jsonl`), fully "
        "automatic.",
        "",
        SIDE_HEADER,
        SIDE_RULE,
        *side,
    ]
    if scale_rows:
        lines += [
            "",
            "### Scale: `review dedup` as a command on the synthetic set",
            "",
            "The synthetic set (`benchmarks/synth_dedup.py`, seed 7: perturbed copies of "
            "realistic records, with",
            "errata, series parts and updates that must stay apart) written as a CSV, imported "
            "with `review import`,",
            f"then `review dedup --non-interactive` as a subprocess on a fresh copy of the "
            f"imported review (median of {runs};",
            "peak memory is the resident set of the dedup process).",
            "",
            SCALE_HEADER,
            SCALE_RULE,
            *(_scale_row(r) for r in scale_rows),
            "",
            f"Growth: {_growth(scale_rows)}.",
        ]
    lines += [
        "",
        "### The rules on the shared sets",
        "",
        "In process (normalised as `review import` would, entry types and book titles read), "
        "fully automatic",
        "(uncertain pairs are not merged), pair level against the true clusters of "
        "`shared/data/dedup`.",
        f"Hard-case table (tests/test_dedup_rules.py): {n_cases - len(case_failures)} of "
        f"{n_cases} cases hold"
        + (f"; failing: {', '.join(case_failures)}." if case_failures else "."),
        "",
        RULES_HEADER,
        RULES_RULE,
        *rules_rows,
        "",
        "Every pair we miss was read side by side and classed in `benchmarks/dedup_labels.py` "
        "(reasons in",
        "docs/dedup.md): a label error joins two different documents (an erratum and its "
        "article, a letter",
        "and the reply, two trials, two meeting abstracts), which the guards must keep apart.",
        "",
        MISS_HEADER,
        MISS_RULE,
        *misses,
        "",
        "Leave one set out: each set scored with the rules that came from its own hard cases "
        "switched off",
        "(`LOSO` in the script). Normalisation written while reading all sets stays on, so "
        "this is an upper",
        "bound; see docs/dedup.md.",
        "",
        LOSO_HEADER,
        LOSO_RULE,
        *loso_rows,
    ]
    if pool_rows:
        lines += [
            "",
            "### Real records the rules were never tuned on: the screening sets pooled",
            "",
            "The 20 screening sets of `shared/data/screening` in one review, in process, with "
            "their PMIDs and DOIs",
            "taken out, so that titles, authors, years and venues alone decide (`pooled_screening`"
            " in the script).",
            "Two records are one work when their PMIDs agree (one PMID missing: their DOIs); "
            "most true pairs are",
            "two reviews each published from PubMed and from OpenAlex (Cohen_2006 against Chou_2004"
            " and Nelson_2002).",
            "The Cohen records carry no journal, volume or pages, and their year is often a year "
            "after the",
            "OpenAlex one, so most of those pairs wait in the queue or stay apart: the figure that "
            "matters here is FP.",
            "",
            POOL_HEADER,
            POOL_RULE,
            *pool_rows,
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    t = time.perf_counter()
    code = main()
    print(f"({time.perf_counter() - t:.0f} s)", file=sys.stderr)
    raise SystemExit(code)
