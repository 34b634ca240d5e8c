"""`review export WHAT --format F`: the review's data for other tools."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from review_cli.errors import ParseError, ReviewError, UsageError
from review_cli.io.exporters import EXPORT_FORMATS, render
from review_cli.io.writer import EDITED_HINT, iter_jsonl
from review_cli.project import Project

RECORD_COLUMNS = (
    "id", "source", "origin_file", "origin_key", "title", "authors", "year", "journal",
    "journal_abbrev", "volume", "issue", "pages", "doi", "pmid", "issn", "abstract", "keywords",
    "language", "type", "url", "database", "cluster", "cluster_size",
)

# Stages add exporters here (name -> function returning rows and CSV columns).
EXPORTERS: dict[str, Any] = {}


def record_rows(project: Project) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """Every imported record; `cluster` is its dedup cluster (the screening unit's id) and
    `cluster_size` how many records were merged into it (a record not deduplicated yet is its
    own cluster of 1)."""
    from review_cli.stages.dedup import cluster_index

    clusters = cluster_index(project)
    rows = []
    for number, obj in iter_jsonl(project.records_path, require=("id", "source")):
        origins = obj.get("origins") or [{}]
        if not isinstance(origins, list) or not isinstance(origins[0], dict):
            raise ParseError(project.records_path, "`origins` must be a list of objects", line=number, hint=EDITED_HINT)
        first = origins[0]
        obj["origin_file"] = first.get("file", "")
        obj["origin_key"] = first.get("key", "")
        obj["cluster"], obj["cluster_size"] = clusters.get(obj["id"], (obj["id"], 1))
        rows.append(obj)
    return rows, RECORD_COLUMNS


def included_rows(project: Project) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    from review_cli.stages import include

    return include.included_rows(project)


def inclusion_log_rows(project: Project) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    from review_cli.stages import include

    return include.log_rows(project)


EXPORTERS["records"] = record_rows
EXPORTERS["included"] = included_rows
EXPORTERS["inclusion-log"] = inclusion_log_rows


def decision_rows(project: Project) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """Every line of every screening decision log, history included (stages/team.py)."""
    from review_cli.stages.team import decision_rows as rows

    return rows(project)


EXPORTERS["decisions"] = decision_rows


NOTHING_YET = {  # what an empty export means, and what comes first
    "records": "no records yet: import the database exports first (`review import FILE --source NAME`)",
    "included": "no study is included yet: finish the full-text decisions first (`review screen --stage full-text`)",
    "inclusion-log": "no records yet: import the database exports first (`review import FILE --source NAME`)",
    "decisions": "no decisions yet: screen first (`review screen`, or `review decide`)",
}


@dataclass
class Exported:
    text: str
    rows: int


def run(project: Project, what: str, fmt: str) -> Exported:
    """The rendered export and how many rows it holds (0: only a header, or nothing)."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format `{fmt}`", hint="use one of: " + ", ".join(EXPORT_FORMATS))
    if what not in EXPORTERS:
        raise UsageError(f"nothing called `{what}` to export", hint="use one of: " + ", ".join(sorted(EXPORTERS)))
    rows, columns = EXPORTERS[what](project)
    if fmt in ("ris", "bibtex") and not {"id", "title"} <= set(columns):
        # Decision log lines are not references: RIS/BibTeX would have no id or title to write.
        raise ReviewError(
            f"`{what}` are not references and cannot be written as {fmt}",
            hint=f"use --format csv or jsonl for {what}; ris and bibtex are for records, included and inclusion-log",
        )
    return Exported(render(fmt, rows, columns), len(rows))
