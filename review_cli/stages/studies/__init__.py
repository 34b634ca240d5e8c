"""The included studies, and what extraction and appraisal share: which study an id means,
who is working, and agreement between two reviewers.

Not a command of its own (like `rank`): `extract`, `appraise`, `export` and `status` use it.
A study is a screening unit whose final status is `included` in the flow `review include`
computes (the pure `include.compute` over what the store read), shown as the merged record of
its dedup cluster (`store.units.merge_cluster`). Its id is the unit's id, which dedup keeps
stable, so an extraction is never orphaned by a new import.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from review_cli.errors import ReviewError
from review_cli.project import Project, slug
from review_cli.stages import include
from review_cli.store import flow
from review_cli.store import records as records_store
from review_cli.store.units import merge_cluster

MIN_PREFIX = 4
RESERVED_NAMES = ("reconciled",)


@dataclass(frozen=True)
class Study:
    id: str  # the unit (dedup cluster) id
    label: str  # `Okafor 2019`: first author and year, with a/b when two studies share it
    title: str
    authors: tuple[str, ...]
    year: int | None
    journal: str
    doi: str
    members: tuple[str, ...]  # the records merged into it

    @property
    def citation(self) -> str:
        who = self.authors[0] + (" et al." if len(self.authors) > 1 else "") if self.authors \
            else "(no authors)"
        return f"{who} ({self.year or 'n.d.'}). {self.title}"


def surname(author: str) -> str:
    """`Okafor` from `Okafor, Nia`, `Okafor N` or `Okafor N.`."""
    head = author.split(",")[0].strip()
    words = head.split()
    if "," not in author and len(words) > 1 and re.fullmatch(r"[A-Z][A-Z.\-]*", words[-1]):
        head = " ".join(words[:-1])  # `Okafor NA`: initials after the surname
    return head or author.strip()


def _included_units(project: Project) -> list[include.Unit]:
    inc = include.compute(flow.read(project))
    return [u for u in inc.units.values() if u.status == include.Status.INCLUDED]


def included_ids(project: Project) -> set[str]:
    """The included studies' ids (no record is read: what `review status` needs)."""
    return {u.id for u in _included_units(project)}


_memo: dict[Path, tuple[tuple[Any, ...], list[Study]]] = {}


def _inputs_key(project: Project) -> tuple[Any, ...]:
    """The size and change time of every file the included studies are computed from: a
    process that asks again (the demo extracts and appraises study by study) reads them
    once while none changes."""
    paths = [project.protocol_path, project.records_path, project.clusters_path,
             *project.decision_logs()]
    out: list[Any] = []
    for path in paths:
        try:
            st = path.stat()
        except FileNotFoundError:
            out.append((str(path), None))
            continue
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def included(project: Project) -> list[Study]:
    """Every included study, sorted by label (as a paper's tables list them)."""
    key = _inputs_key(project)
    memo = _memo.get(project.root)
    if memo is not None and memo[0] == key:
        return list(memo[1])
    studies = _compute(project)
    _memo[project.root] = (key, studies)
    return list(studies)


def _compute(project: Project) -> list[Study]:
    units = _included_units(project)
    if not units:
        return []
    wanted = {m for u in units for m in u.members}
    full = {r.id: r for r in records_store.read(project) if r.id in wanted}
    studies = []
    for unit in units:
        rec = merge_cluster(unit.id, [full[m] for m in unit.members if m in full])
        first = surname(rec.authors[0]) if rec.authors else " ".join(rec.title.split()[:3])
        studies.append(Study(unit.id, f"{first} {rec.year or 'n.d.'}", rec.title, rec.authors,
                             rec.year, rec.journal, rec.doi, unit.members))
    studies.sort(key=lambda s: (s.label.casefold(), s.id))
    same = Counter(s.label for s in studies)
    seen: Counter[str] = Counter()
    out = []
    for s in studies:
        if same[s.label] > 1:
            seen[s.label] += 1
            s = Study(s.id, s.label + "abcdefghijklmnopqrstuvwxyz"[(seen[s.label] - 1) % 26],
                      s.title, s.authors, s.year, s.journal, s.doi, s.members)
        out.append(s)
    return out


def find(studies: Sequence[Study], query: str) -> Study:
    """The study an id names: its unit id, any of its records' ids, or a unique prefix."""
    query = query.strip()
    for s in studies:
        if query == s.id or query in s.members:
            return s
    if len(query) >= MIN_PREFIX:
        matches = [s for s in studies
                   if s.id.startswith(query) or any(m.startswith(query) for m in s.members)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ReviewError(f"`{query}` matches {len(matches)} studies: "
                              + ", ".join(s.id for s in matches[:5]),
                              hint="give more characters of the id")
    raise ReviewError(
        f"`{query}` is not an included study"
        + ("" if studies else " (no study is included yet)"),
        hint="the included studies: `review export included`; run `review include` after "
             "the full-text decisions" if not studies else
        "the included studies: " + ", ".join(f"{s.id} ({s.label})" for s in studies[:12]),
    )


def reviewer(project: Project, name: str | None, task: str) -> str:
    """Who is extracting or appraising: as for screening (--reviewer, $REVIEW_REVIEWER, git's
    user.name, the protocol's only reviewer), never the name of the reconciled log."""
    # Imported here: the screen's package loads the ranker, which `review status` (which
    # counts extraction and appraisal through this module) should not pay for.
    from review_cli.stages.screen import resolve_reviewer

    chosen = resolve_reviewer(project, name, task=task)
    if slug(chosen) in RESERVED_NAMES:
        raise ReviewError(f"`{chosen}` is the name of the reconciled log, not a reviewer",
                          hint="pass --reviewer with a reviewer's name")
    return chosen


def cohen_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of two raters over any number of categories; None where undefined (no
    pairs, or both raters always gave the same single category)."""
    n = len(pairs)
    if not n:
        return None
    po = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(first[c] * second[c] for c in first) / (n * n)
    return None if pe >= 1 else (po - pe) / (1 - pe)


__all__ = ["Study", "cohen_kappa", "find", "included", "included_ids", "reviewer", "surname"]
