"""The units that are screened: one merged record per dedup cluster.

Before `review dedup` has run every imported record is its own unit. A unit's id is its
cluster id, which `dedup` keeps stable when new exports arrive, so decisions never orphan.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from review_cli.errors import ParseError
from review_cli.io.writer import EDITED_HINT, iter_jsonl
from review_cli.model import LIST_FIELDS, TEXT_FIELDS, Record, best_value
from review_cli.project import Project


def best_title(values: Sequence[str]) -> str:
    """The title to screen: the longest one without database notes (`[Review] [33 refs]`,
    `[Erratum appears in ...]`), translation brackets or a second language, when there is one."""
    from review_cli.stages.dedup._keys import strip_notes

    clean = [v for v in values if v and not v.startswith("[") and strip_notes(v) == v.strip() and "<ORIGINAL>" not in v.upper()]
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


def clusters(project: Project) -> dict[str, list[str]]:
    """cluster id -> member record ids, as written by `review dedup`."""
    return {cid: list(obj["records"]) for cid, obj in cluster_rows(project).items()}


def cluster_rows(project: Project) -> dict[str, dict[str, Any]]:
    """cluster id -> its line in dedup/clusters.jsonl, checked: an `id` and a list of
    record ids in `records` (a hand edit that breaks them names the line)."""
    out: dict[str, dict[str, Any]] = {}
    for number, obj in iter_jsonl(project.clusters_path, require=("id", "records")):
        members = obj["records"]
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise ParseError(project.clusters_path, "`records` must be a list of record ids", line=number,
                             hint=EDITED_HINT)
        out[str(obj["id"])] = obj
    return out


def screening_records(project: Project) -> list[Record]:
    """Every unit to screen, sorted by id."""
    # Imported here: it loads every parser, which `review prisma` does not need.
    from review_cli.stages.import_ import load_records

    records = {r.id: r for r in load_records(project)}
    groups = clusters(project)
    if not groups:
        return sorted(records.values(), key=lambda r: r.id)
    units = []
    seen: set[str] = set()
    for cid, member_ids in groups.items():
        members = [records[m] for m in member_ids if m in records]
        seen.update(member_ids)
        if members:
            units.append(merge_cluster(cid, members))
    # Records imported after the last dedup run are screened on their own until it runs again.
    units.extend(r for rid, r in records.items() if rid not in seen)
    return sorted(units, key=lambda r: r.id)
