"""`search/log.jsonl`: one line per online search run (query as typed and as sent, limits,
counts, files, time), oldest first, for PRISMA-S and for `review search --update`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from review_cli.io import writer
from review_cli.project import Project
from review_cli.store.transaction import Transaction

REQUIRED = ("source", "database", "platform", "endpoint", "api", "query", "time")


def read(project: Project) -> list[dict[str, Any]]:
    """Every logged online search, oldest first."""
    return [obj for _, obj in writer.iter_jsonl(project.search_log_path, require=REQUIRED)]


def append(tx: Transaction, entry: Mapping[str, Any]) -> str:
    """Stage the log with `entry` added at its end (the log is small: rewriting it whole lets
    the entry commit together with review.lock)."""
    path = tx.project.search_log_path
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = b""
    if old and not old.endswith(b"\n"):
        old += b"\n"  # a line cut by a crash stays a line of its own, reported when read
    return tx.write(path, old + writer.dumps_line(entry) + b"\n")
