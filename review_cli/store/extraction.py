"""The extraction logs: `extract/<reviewer>.jsonl`, one per reviewer, and
`extract/reconciled.jsonl`, the values `review extract reconcile` settled.

Append-only, one line per value that changed, in this key order:

    {"study": "4f2k9x1qzp", "field": "country", "value": "England", "reviewer": "alice",
     "time": "2022-06-01T10:00:00Z", "via": "editor"}

`study` is the included study's unit id (its dedup cluster), `field` a field of the form in
review.toml, `value` the field's value as `forms` describes it (null: the answer was cleared),
`via` how it was entered (`editor`, `file`, `xlsx`, `set`, or in the reconciled log `took NAME`
or `typed`). A reviewer's extraction of a study is the latest value of each field; every earlier
value stays in the log (and in git), so `review audit ID` shows each value's history. One file
per reviewer: reviewers work blinded on their own checkouts and git merges never conflict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from review_cli.errors import ParseError
from review_cli.forms import Form, normal
from review_cli.project import Project
from review_cli.protocol import slug
from review_cli.store import logfile
from review_cli.store.logfile import Final

RECONCILED = "reconciled"  # the reconciled log's name; no reviewer may take it


class Entry(NamedTuple):
    study: str
    field: str
    value: Any  # None: cleared
    reviewer: str
    time: str
    via: str = ""
    line: int = 0  # where it was read (0: not read from a file)

    def to_json(self) -> dict[str, Any]:
        return {"study": self.study, "field": self.field, "value": self.value,
                "reviewer": self.reviewer, "time": self.time, "via": self.via}


@dataclass
class Log:
    path: Path
    entries: list[Entry] = field(default_factory=list)
    torn_line: int | None = None


def read_log(path: Path, owner: str | None = None) -> Log:
    """One log, in file order. With `owner` (a reviewer's slug: the file's name), a line by
    another reviewer is an error naming it (copied from another log by hand)."""
    lines = logfile.read(path, ("study", "field", "reviewer", "time"), "extraction")
    log = Log(path, torn_line=lines.torn_line)
    for number, row in lines.rows:
        study, name, reviewer, time = row["study"], row["field"], row["reviewer"], row["time"]
        if not all(isinstance(x, str) for x in (study, name, reviewer, time)):
            raise ParseError(path, "study, field, reviewer and time must be text", line=number,
                             hint=logfile.LINE_HINT)
        if owner is not None and slug(reviewer) != owner:
            raise ParseError(path, f"a value by `{reviewer}` in the log of `{owner}`",
                             line=number, hint="move that line to the log it belongs in")
        log.entries.append(Entry(study, name, row.get("value"), reviewer, time,
                                 str(row.get("via") or ""), number))
    return log


def reviewer_logs(project: Project) -> dict[str, Log]:
    """reviewer name (from the lines, else the file name) -> their log, by file name."""
    out: dict[str, Log] = {}
    folder = project.extract_dir
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.jsonl")):
        if path.stem == RECONCILED:
            continue
        log = read_log(path, path.stem)
        out[log.entries[0].reviewer if log.entries else path.stem] = log
    return out


def own_log(project: Project, reviewer: str) -> Log:
    return read_log(project.extraction_log_path(reviewer), slug(reviewer))


def reconciled_log(project: Project) -> Log:
    return read_log(project.extraction_reconciled_path)


def values(entries: Sequence[Entry]) -> dict[str, dict[str, Any]]:
    """study -> field -> latest value (a cleared field is left out; a study whose every field
    was cleared stays, with no values: the reviewer worked on it)."""
    out: dict[str, dict[str, Any]] = {}
    for e in entries:
        row = out.setdefault(e.study, {})
        if e.value is None:
            row.pop(e.field, None)
        else:
            row[e.field] = e.value
    return out


def torn_warnings(project: Project) -> list[str]:
    logs = [*reviewer_logs(project).values(), reconciled_log(project)]
    found = (logfile.torn_warning(project, logfile.Lines(log.path, [], log.torn_line))
             for log in logs)
    return [w for w in found if w]


# --- what counts -----------------------------------------------------------------------------


def final_values(project: Project, form: Form) -> dict[str, dict[str, Final]]:
    """study -> field -> the value that counts: reconciled, else agreed by the reviewers who
    extracted the study (or the one who did), else a conflict."""
    per_reviewer = {name: values(log.entries) for name, log in reviewer_logs(project).items()}
    return settle(form, per_reviewer, reconciled_log(project).entries)


def settle(form: Form, per_reviewer: Mapping[str, Mapping[str, Mapping[str, Any]]],
           reconciled: Sequence[Entry]) -> dict[str, dict[str, Final]]:
    """`final_values` from logs already read (pure)."""
    settled = {(e.study, e.field): (e.value, e.reviewer) for e in reconciled}

    def same(name: str, a: Any, b: Any) -> bool:
        f = form.field(name)
        return bool(a == b if f is None else normal(f, a) == normal(f, b))

    return logfile.settle(per_reviewer, settled, form.names, same)


# --- writing ---------------------------------------------------------------------------------


def append(project: Project, reviewer: str, entries: Sequence[Entry]) -> None:
    """Append one reviewer's changed values in one write and one fsync (hold their lock)."""
    if entries:
        logfile.append(project.extraction_log_path(reviewer), [e.to_json() for e in entries])


def append_reconciled(project: Project, entries: Sequence[Entry]) -> None:
    if entries:
        logfile.append(project.extraction_reconciled_path, [e.to_json() for e in entries])


def repair(project: Project, reviewer: str) -> str | None:
    return logfile.repair_torn(project, project.extraction_log_path(reviewer))


def repair_reconciled(project: Project) -> str | None:
    return logfile.repair_torn(project, project.extraction_reconciled_path)
