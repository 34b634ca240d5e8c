"""`review export WHAT --format F`: the review's data for other tools."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from review_cli.errors import ReviewError, UsageError
from review_cli.io import workbook
from review_cli.io.exporters import EXPORT_FORMATS, render, render_chunks, to_markdown
from review_cli.model import Stage
from review_cli.project import Project
from review_cli.stages import include
from review_cli.stages.export import _tables
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
    return list(each_record_row(project)), RECORD_COLUMNS


def each_record_row(project: Project) -> Iterator[dict[str, Any]]:
    """`record_rows`, one at a time."""
    clusters: dict[str, tuple[str, int]] = {}
    for cid, c in clusters_store.read(project).items():
        for m in c["records"]:
            clusters[m] = (cid, len(c["records"]))
    for rec in records_store.each(project):
        row = rec.to_json()
        first = rec.origins[0] if rec.origins else None
        row["origin_file"] = first.file if first else ""
        row["origin_key"] = first.key if first else ""
        row["cluster"], row["cluster_size"] = clusters.get(rec.id, (rec.id, 1))
        yield row


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
TABLES = ("characteristics", "appraisal")  # the paper's tables after inclusion


@dataclass
class Exported:
    text: str
    rows: int
    data: bytes | None = None  # a workbook (--format xlsx): bytes, not text
    warnings: list[str] = field(default_factory=list)
    # The text in pieces made as they are written, instead of `text` (the records of a large
    # review: whole, a 100,000-record CSV took 1.5 GB).
    chunks: Iterable[str] | None = None

    def pieces(self) -> Iterable[str]:
        """The text, whole or in the pieces it is made in (read once)."""
        return self.chunks if self.chunks is not None else [self.text]

    def whole(self) -> str:
        return "".join(self.pieces())


def _xlsx(rows: list[dict[str, Any]], columns: tuple[str, ...],
          legend: list[tuple[str, str]] | None = None, name: str = "table") -> bytes:
    sheets = [workbook.Sheet(name, [workbook.Column(c, 14 if len(rows) and all(
        len(str(r.get(c) or "")) < 14 for r in rows) else 30, wrap=True) for c in columns],
        [[r.get(c) for c in columns] for r in rows])]
    if legend:
        sheets.append(workbook.Sheet("legend", [workbook.Column("column", 16),
                                                workbook.Column("meaning", 80, wrap=True)],
                                     [list(pair) for pair in legend]))
    return workbook.write(sheets)


def characteristics_table(project: Project) -> _tables.Table:
    """The characteristics of included studies, as rows (the report writes it too)."""
    return _tables.characteristics(project)


def appraisal_table(project: Project, tool: str | None = None) -> _tables.Table:
    """Study x question with the overall judgement, as rows (the report writes it too)."""
    return _tables.appraisal(project, tool)


def table(project: Project, what: str, fmt: str, tool: str | None = None) -> Exported:
    """`characteristics` or `appraisal` as CSV, Markdown or XLSX."""
    if fmt not in ("csv", "md", "xlsx"):
        raise UsageError(f"the {what} table is written as csv, md or xlsx, not {fmt}")
    t = _tables.characteristics(project) if what == "characteristics" \
        else _tables.appraisal(project, tool)
    if fmt == "xlsx":
        return Exported("", len(t.rows), _xlsx(t.rows, t.columns, t.legend, what), t.warnings)
    if fmt == "csv":
        return Exported(render("csv", t.rows, t.columns), len(t.rows), None, t.warnings)
    text = to_markdown(t.rows, t.columns)
    extra = [f"- **{key}**: {meaning}" for key, meaning in t.legend] + \
        [f"- {note}" for note in t.notes]
    if extra:
        text += "\n" + "\n".join(extra) + "\n"
    return Exported(text, len(t.rows), None, t.warnings)


def run(project: Project, what: str, fmt: str, tool: str | None = None) -> Exported:
    """The rendered export and how many rows it holds (0: only a header, or nothing)."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(
            f"unknown export format `{fmt}`", hint="use one of: " + ", ".join(EXPORT_FORMATS)
        )
    if what in TABLES:
        return table(project, what, fmt, tool)
    if what not in EXPORTERS:
        raise UsageError(
            f"nothing called `{what}` to export",
            hint="use one of: " + ", ".join(sorted([*EXPORTERS, *TABLES]))
        )
    if what == "records" and fmt != "xlsx":
        chunks = render_chunks(fmt, each_record_row(project), RECORD_COLUMNS)
        return Exported("", records_store.count(project), chunks=chunks)
    rows, columns = EXPORTERS[what](project)
    if fmt == "xlsx":
        return Exported("", len(rows), _xlsx(rows, columns, name=what))
    if fmt in ("ris", "bibtex") and not {"id", "title"} <= set(columns):
        # Decision log lines are not references: RIS/BibTeX would have no id or title to write.
        raise ReviewError(
            f"`{what}` are not references and cannot be written as {fmt}",
            hint=f"use --format csv or jsonl for {what}; ris and bibtex are for records, "
            "included and inclusion-log",
        )
    return Exported(render(fmt, rows, columns), len(rows))
