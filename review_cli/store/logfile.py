"""What the append-only logs of extraction and appraisal share (not a file of its own).

Like the screening decision logs (store/decisions.py): one JSON object per line, appended with
`writer.append_lines` (every byte checked, fsynced before it returns). A malformed line that is
not the last is an error naming the file and line; a torn last line (the process died while
writing it) is reported by every reader, never counted, and moved aside to `<log>.torn` before
the next append to that log, under the reviewer's lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review_cli.errors import ParseError
from review_cli.io import writer
from review_cli.project import Project

LINE_HINT = "fix or remove that line (`git diff` shows what changed); review never rewrites a log"


@dataclass
class Lines:
    path: Path
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (line, object)
    torn_line: int | None = None  # the line number of an incomplete last line, if any


def read(path: Path, require: tuple[str, ...], what: str) -> Lines:
    """Every line of a log (none if it does not exist), in file order."""
    out = Lines(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return out
    complete = data.endswith(b"\n")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if complete or data.find(b"\n", e.start) != -1:
            raise writer.not_utf8(path, data, e, "save the log as UTF-8") from None
        text = data.decode("utf-8", errors="replace")  # only the torn last line is damaged
    lines = text.split("\n")
    last = len(lines) - 1 if complete else len(lines)
    for number, line in enumerate(lines, start=1):
        if not line or line.isspace():
            continue
        try:
            row = writer.loads(line)
            if type(row) is not dict:
                raise ValueError(f"a JSON {type(row).__name__}, not an object")
            absent = [k for k in require if k not in row]
            if absent:
                raise ValueError(f"no `{absent[0]}`")
        except (writer.JSONDecodeError, ValueError) as e:
            if number == last and not complete:
                out.torn_line = number
                continue
            writer.refuse_merge_conflict(path, text)
            raise ParseError(path, f"not a valid {what} line ({e})", line=number,
                             hint=LINE_HINT) from None
        out.rows.append((number, row))
    return out


def torn_warning(project: Project, lines: Lines) -> str | None:
    if lines.torn_line is None:
        return None
    return (f"{project.rel(lines.path)}:{lines.torn_line}: incomplete last line (the program "
            "stopped while writing it), not counted; it is moved aside the next time that "
            "reviewer saves")


def repair_torn(project: Project, path: Path) -> str | None:
    """Move a torn last line to `<log>.torn` so the next line starts on its own; returns the
    message to show. Call only while holding the reviewer's lock."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if not data or data.endswith(b"\n"):
        return None
    cut = data.rfind(b"\n") + 1
    line = data.count(b"\n") + 1
    torn = project.torn_log_path(path)
    previous = torn.read_bytes() if torn.exists() else b""
    writer.write_bytes(torn, previous + data[cut:] + b"\n")
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        os.ftruncate(fd, cut)
        os.fsync(fd)
    finally:
        os.close(fd)
    return (f"{project.rel(path)}:{line}: incomplete last line (the program stopped while "
            f"writing it); it was never confirmed. Its bytes were moved to "
            f"{project.rel(torn)} for audit.")


def append(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    """Append lines in one write and one fsync: on disk as a whole when this returns."""
    writer.append_lines(path, rows)


# --- the rule both logs settle values by -----------------------------------------------------


@dataclass(frozen=True)
class Final:
    """The value that counts for one field (or item) of one study, or why there is none."""

    value: Any
    by: tuple[str, ...]  # the reviewers (or the reconciler) it rests on
    conflict: bool = False  # reviewers differ and nobody reconciled it yet
    reconciled: bool = False


def settle(
    per_reviewer: Mapping[str, Mapping[str, Mapping[str, Any]]],
    reconciled: Mapping[tuple[str, str], tuple[Any, str]],
    keys: Iterable[str],
    same: Any,
) -> dict[str, dict[str, Final]]:
    """study -> key -> Final. A reconciled value wins; else the reviewers who worked on the
    study decide: one alone, or all of them agreeing (`same(key, a, b)`); else a conflict."""
    keys = list(keys)
    studies = sorted({s for done in per_reviewer.values() for s in done}
                     | {s for s, _ in reconciled})
    out: dict[str, dict[str, Final]] = {}
    for study in studies:
        who = sorted(name for name, done in per_reviewer.items() if study in done)
        row: dict[str, Final] = {}
        for key in keys:
            if (study, key) in reconciled:
                value, by = reconciled[(study, key)]
                row[key] = Final(value, (by,), reconciled=True)
                continue
            if not who:
                continue
            votes = [per_reviewer[name][study].get(key) for name in who]
            if all(same(key, votes[0], v) for v in votes[1:]):
                row[key] = Final(votes[0], tuple(who))
            else:
                row[key] = Final(None, tuple(who), conflict=True)
        out[study] = row
    return out
