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
from review_cli.store import flow
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
    if len(members) == 1:  # most clusters: each field's best value is its only one
        (only,) = members
        return only._replace(id=cluster_id, origins=tuple(sorted(set(only.origins))))
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


def screening_records(project: Project, only: set[str] | None = None) -> list[Record]:
    """Every unit to screen (or those of `only`), merged from its records, sorted by id."""
    records = {r.id: r for r in records_store.read(project)}
    clusters = groups(project)
    units = []
    seen: set[str] = set()
    for cid, member_ids in clusters.items():
        seen.update(member_ids)
        if only is not None and cid not in only:
            continue
        members = [records[m] for m in member_ids if m in records]
        if members:
            units.append(merge_cluster(cid, members))
    # Records imported after the last dedup run are screened on their own until it runs again.
    units.extend(
        r for rid, r in records.items() if rid not in seen and (only is None or rid in only)
    )
    return sorted(units, key=lambda r: r.id)


def view(project: Project) -> flow.Units:
    """The flow's units, for a command that asks several of the questions below: read once and
    passed as `shaped` (at 100,000 records each read costs most of a second)."""
    return flow.read_units(project)[0]


def stage_ids(project: Project, stage: Stage, shaped: flow.Units | None = None) -> set[str]:
    """The ids of the units a reviewer screens at `stage`.

    Title/abstract: every unit the protocol's limits leave eligible (the rest were excluded by
    automation and are never shown). Full text: the units whose final title/abstract decision
    is include. From the flow's units (cached): no record is decoded or merged."""
    full_text = stage == Stage.FULL_TEXT
    ta = decisions_store.final_decisions(project, Stage.TITLE_ABSTRACT) if full_text else {}
    return ids_by_stage(project, ta, shaped)[stage]


def ids_by_stage(project: Project, ta: dict[str, decisions_store.Final],
                 shaped: flow.Units | None = None) -> dict[Stage, set[str]]:
    """`stage_ids` of both stages, given the final title/abstract decisions `ta`."""
    limits = project.protocol.limits
    shaped = view(project) if shaped is None else shaped
    eligible = {u.id for u in shaped.units if not limits.ineligible(u.year, u.language)}
    included = {
        i for i in eligible if (f := ta.get(i)) is not None and f.verdict == Verdict.INCLUDE
    }
    return {Stage.TITLE_ABSTRACT: eligible, Stage.FULL_TEXT: included}


def stage_units(project: Project, stage: Stage) -> list[Record]:
    """The units a reviewer screens at `stage` (see `stage_ids`), merged, sorted by id."""
    return screening_records(project, stage_ids(project, stage))


def limited_units(project: Project, shaped: flow.Units | None = None) -> dict[str, str]:
    """Units the protocol's limits excluded by automation -> why."""
    limits = project.protocol.limits
    shaped = view(project) if shaped is None else shaped
    return {u.id: why for u in shaped.units if (why := limits.ineligible(u.year, u.language))}


def unit_index(project: Project, shaped: flow.Units | None = None) -> dict[str, str]:
    """Any record id (cluster member or unit) -> its unit id."""
    shaped = view(project) if shaped is None else shaped
    return {m: u.id for u in shaped.units for m in (u.id, *u.members)}


def not_deduplicated(project: Project) -> tuple[bool, int]:
    """Whether `review dedup` has run, and how many imported records are in no cluster (all of
    them before it ran; those imported since, after)."""
    clusters = groups(project)
    shaped, _ = flow.read_units(project)
    if not clusters:
        return False, len(shaped.records)
    seen = {m for members in clusters.values() for m in members}
    return True, sum(1 for i in shaped.records if i not in seen)
