"""The units that are screened: one merged record per dedup cluster, read from the records
and the clusters (a view over two files, not a file of its own).

Before `review dedup` has run every imported record is its own unit. A unit's id is its
cluster id, which `dedup` keeps stable when new exports arrive, so decisions never orphan.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from review_cli.io.normalise import strip_notes
from review_cli.model import LIST_FIELDS, TEXT_FIELDS, Record, Stage, Verdict, best_value
from review_cli.project import Project
from review_cli.store import clusters as clusters_store
from review_cli.store import decisions as decisions_store
from review_cli.store import records as records_store


def best_title(values: Sequence[str]) -> str:
    """The title to screen: the longest one without database notes (`[Review] [33 refs]`,
    `[Erratum appears in ...]`), translation brackets or a second language, when there is one."""
    clean = [
        v for v in values
        if v and not v.startswith("[") and strip_notes(v) == v.strip()
        and "<ORIGINAL>" not in v.upper()
    ]
    return str(best_value(clean or list(values)))


def merge_cluster(cluster_id: str, members: Sequence[Record]) -> Record:
    """One record standing for a cluster: the best value of each field, every origin kept."""
    values: dict[str, Any] = {}
    for name in (*TEXT_FIELDS, *LIST_FIELDS, "year"):
        values[name] = best_value([getattr(m, name) for m in members])
    values["title"] = best_title([m.title for m in members])
    origins = tuple(sorted({o for m in members for o in m.origins}))
    head = next((m for m in members if m.id == cluster_id), members[0])
    return Record(id=cluster_id, source=head.source, origins=origins, **values)


def groups(project: Project) -> dict[str, list[str]]:
    """cluster id -> member record ids, as `review dedup` wrote them ({} before it ran)."""
    return {cid: list(c["records"]) for cid, c in clusters_store.read(project).items()}


def screening_records(project: Project) -> list[Record]:
    """Every unit to screen, sorted by id."""
    records = {r.id: r for r in records_store.read(project)}
    clusters = groups(project)
    if not clusters:
        return sorted(records.values(), key=lambda r: r.id)
    units = []
    seen: set[str] = set()
    for cid, member_ids in clusters.items():
        members = [records[m] for m in member_ids if m in records]
        seen.update(member_ids)
        if members:
            units.append(merge_cluster(cid, members))
    # Records imported after the last dedup run are screened on their own until it runs again.
    units.extend(r for rid, r in records.items() if rid not in seen)
    return sorted(units, key=lambda r: r.id)


def stage_units(project: Project, stage: Stage) -> list[Record]:
    """The records a reviewer screens at `stage`, sorted by id.

    Title/abstract: every unit the protocol's limits leave eligible (the rest were excluded by
    automation and are never shown). Full text: the units whose final title/abstract decision
    is include.
    """
    limits = project.protocol.limits
    units = [r for r in screening_records(project) if limits.ineligible(r.year, r.language) is None]
    if stage == Stage.TITLE_ABSTRACT:
        return units
    finals = decisions_store.final_decisions(project, Stage.TITLE_ABSTRACT)
    return [
        r for r in units if (f := finals.get(r.id)) is not None and f.verdict == Verdict.INCLUDE
    ]


def limited_units(project: Project) -> dict[str, str]:
    """Units the protocol's limits excluded by automation -> why."""
    limits = project.protocol.limits
    return {
        r.id: why for r in screening_records(project)
        if (why := limits.ineligible(r.year, r.language)) is not None
    }


def unit_index(project: Project) -> dict[str, str]:
    """Any record id (cluster member or unit) -> its unit id."""
    out: dict[str, str] = {}
    for cid, members in groups(project).items():
        out[cid] = cid
        for m in members:
            out.setdefault(m, cid)
    return out


def not_deduplicated(project: Project) -> tuple[bool, int]:
    """Whether `review dedup` has run, and how many imported records are in no cluster (all of
    them before it ran; those imported since, after)."""
    clusters = groups(project)
    ids = [r.id for r in records_store.summaries(project)]
    if not clusters:
        return False, len(ids)
    seen = {m for members in clusters.values() for m in members}
    return True, sum(1 for i in ids if i not in seen)
