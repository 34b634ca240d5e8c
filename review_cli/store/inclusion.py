"""`include/log.jsonl`: every imported record's final status, one line per record, sorted by
id. Written by `review include` and `review prisma` from the same computation, so the log and
the diagram never disagree. It is derived data: nothing reads it back to decide anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from review_cli.io import writer
from review_cli.project import Project
from review_cli.store.transaction import Transaction

COLUMNS = (
    "id", "unit", "source", "arm", "status", "stage", "reason", "reason_label", "duplicate_of",
    "detail", "title",
)


def encode(rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The log's bytes for `rows` (already in id order), encoded as they come."""
    return writer.jsonl_bytes(rows, sort_key=None)


def write(tx: Transaction, data: bytes) -> str:
    return tx.write(tx.project.include_log_path, data)


def read_bytes(project: Project) -> bytes | None:
    """The log as it is on disk (None: there is none), to compare with a regenerated one."""
    try:
        return project.include_log_path.read_bytes()
    except FileNotFoundError:
        return None
