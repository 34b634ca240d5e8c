"""`review export WHAT --format F`: the review's data for other tools."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from review_cli.errors import ReviewError, UsageError
from review_cli.io.exporters import EXPORT_FORMATS, render
from review_cli.model import Stage
from review_cli.project import Project
from review_cli.stages import include
from review_cli.store import clusters as clusters_store
from review_cli.store import decisions as dec
from review_cli.store import flow
from review_cli.store import inclusion as inclusion_store
from review_cli.store import records as records_store
from review_cli.store.units import merge_cluster

RECORD_COLUMNS = (
    "id", "source", "origin_file", "origin_key", "title", "authors", "year", "journal",
    "journal_abbrev", "volume", "issue", "pages", "doi", "pmid", "issn", "abstract", "keywords",
    "language", "type", "url", "database", "cluster", "cluster_size",
)
DECISION_COLUMNS = (
    "stage", "log", "line", "record", "verdict", "reviewer", "time", "reason", "note", "rank",
    "score",
)
Rows = tuple[list[dict[str, Any]], tuple[str, ...]]


def record_rows(project: Project) -> Rows:
    """Every imported record; `cluster` is its dedup cluster (the screening unit's id) and
    `cluster_size` how many records were merged into it (a record not deduplicated yet is its
    own cluster of 1)."""
    clusters: dict[str, tuple[str, int]] = {}
    for cid, c in clusters_store.read(project).items():
        for m in c["records"]:
            clusters[m] = (cid, len(c["records"]))
    rows = []
    for rec in records_store.read(project):
        row = rec.to_json()
        first = rec.origins[0] if rec.origins else None
        row["origin_file"] = first.file if first else ""
        row["origin_key"] = first.key if first else ""
        row["cluster"], row["cluster_size"] = clusters.get(rec.id, (rec.id, 1))
        rows.append(row)
    return rows, RECORD_COLUMNS


def included_rows(project: Project) -> Rows:
    """The included studies, one merged record per unit, for reference managers and synthesis."""
    inc = include.compute(flow.read(project))
    chosen = [u for u in inc.units.values() if u.status == include.Status.INCLUDED]
    wanted = {m for u in chosen for m in u.members}
    full = {r.id: r for r in records_store.read(project) if r.id in wanted}
    rows = []
    for unit in sorted(chosen, key=lambda u: u.id):
        merged = merge_cluster(unit.id, [full[m] for m in unit.members])
        row = merged.to_json()
        first = merged.origins[0] if merged.origins else None
        row["origin_file"] = first.file if first else ""
        row["origin_key"] = first.key if first else ""
        row["source"] = "; ".join(sorted({inc.records[m].source for m in unit.members}))
        row["cluster"] = unit.id
        row["status"] = str(unit.status)
        row["records"] = "; ".join(unit.members)
        rows.append(row)
    return rows, (*RECORD_COLUMNS, "records")


def inclusion_log_rows(project: Project) -> Rows:
    return include.compute(flow.read(project)).rows(), inclusion_store.COLUMNS


def decision_rows(project: Project) -> Rows:
    """Every line of every screening decision log (undo and reconciliation lines included), in
    file order."""
    rows: list[dict[str, Any]] = []
    for stage in Stage:
        logs = [*dec.reviewer_logs(project, stage).values(), dec.reconciled_log(project, stage)]
        for log in logs:
            for number, d in enumerate(log.decisions, start=1):
                rows.append({
                    "stage": str(stage), "log": project.rel(log.path), "line": number, **d.to_json()
                })
    return rows, DECISION_COLUMNS


EXPORTERS: dict[str, Callable[[Project], Rows]] = {
    "records": record_rows,
    "included": included_rows,
    "inclusion-log": inclusion_log_rows,
    "decisions": decision_rows,
}


NOTHING_YET = {  # what an empty export means, and what comes first
    "records": (
        "no records yet: import the database exports first (`review import FILE --source NAME`)"
    ),
    "included": (
        "no study is included yet: finish the full-text decisions first "
        "(`review screen --stage full-text`)"
    ),
    "inclusion-log": (
        "no records yet: import the database exports first (`review import FILE --source NAME`)"
    ),
    "decisions": "no decisions yet: screen first (`review screen`, or `review decide`)",
}


@dataclass
class Exported:
    text: str
    rows: int


def run(project: Project, what: str, fmt: str) -> Exported:
    """The rendered export and how many rows it holds (0: only a header, or nothing)."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(
            f"unknown export format `{fmt}`", hint="use one of: " + ", ".join(EXPORT_FORMATS)
        )
    if what not in EXPORTERS:
        raise UsageError(
            f"nothing called `{what}` to export", hint="use one of: " + ", ".join(sorted(EXPORTERS))
        )
    rows, columns = EXPORTERS[what](project)
    if fmt in ("ris", "bibtex") and not {"id", "title"} <= set(columns):
        # Decision log lines are not references: RIS/BibTeX would have no id or title to write.
        raise ReviewError(
            f"`{what}` are not references and cannot be written as {fmt}",
            hint=f"use --format csv or jsonl for {what}; ris and bibtex are for records, "
            "included and inclusion-log",
        )
    return Exported(render(fmt, rows, columns), len(rows))
