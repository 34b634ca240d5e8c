"""The appraisal logs: `appraise/<tool>/<reviewer>.jsonl`, one per instrument per reviewer, and
`appraise/<tool>/reconciled.jsonl`, the answers `review appraise reconcile` settled.

Append-only, one line per answer, flushed to disk before the next question is shown:

    {"study": "4f2k9x1qzp", "item": "q3", "answer": "cant-tell", "comment": "design not
     justified", "reviewer": "alice", "time": "2022-06-20T10:00:00Z", "via": "terminal"}

`item` is an item id of the instrument, or `design` (the study design, for instruments whose
items depend on it) or `overall` (the overall judgement); `answer` is the value of one of the
instrument's answers (levels, designs). A changed answer is a new line: the latest line per
study and item counts, the history stays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from review_cli.errors import ParseError
from review_cli.project import Project
from review_cli.protocol import slug
from review_cli.store import logfile
from review_cli.store.logfile import Final

RECONCILED = "reconciled"


class Answer(NamedTuple):
    study: str
    item: str
    answer: str
    reviewer: str
    time: str
    comment: str = ""
    via: str = ""
    line: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"study": self.study, "item": self.item, "answer": self.answer,
                "comment": self.comment, "reviewer": self.reviewer, "time": self.time,
                "via": self.via}


@dataclass
class Log:
    path: Path
    answers: list[Answer] = field(default_factory=list)
    torn_line: int | None = None


def read_log(path: Path, owner: str | None = None) -> Log:
    lines = logfile.read(path, ("study", "item", "answer", "reviewer", "time"), "appraisal")
    log = Log(path, torn_line=lines.torn_line)
    for number, row in lines.rows:
        keys = ("study", "item", "answer", "reviewer", "time")
        if not all(isinstance(row[k], str) for k in keys):
            raise ParseError(path, "study, item, answer, reviewer and time must be text",
                             line=number, hint=logfile.LINE_HINT)
        if owner is not None and slug(row["reviewer"]) != owner:
            raise ParseError(path, f"an answer by `{row['reviewer']}` in the log of `{owner}`",
                             line=number, hint="move that line to the log it belongs in")
        log.answers.append(Answer(row["study"], row["item"], row["answer"], row["reviewer"],
                                  row["time"], str(row.get("comment") or ""),
                                  str(row.get("via") or ""), number))
    return log


def tools(project: Project) -> list[str]:
    """The instruments some reviewer has appraised with (folders of appraise/)."""
    folder = project.appraise_dir
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.jsonl")))


def reviewer_logs(project: Project, tool: str) -> dict[str, Log]:
    out: dict[str, Log] = {}
    folder = project.appraisal_dir(tool)
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.jsonl")):
        if path.stem == RECONCILED:
            continue
        log = read_log(path, path.stem)
        out[log.answers[0].reviewer if log.answers else path.stem] = log
    return out


def own_log(project: Project, tool: str, reviewer: str) -> Log:
    return read_log(project.appraisal_log_path(tool, reviewer), slug(reviewer))


def reconciled_log(project: Project, tool: str) -> Log:
    return read_log(project.appraisal_reconciled_path(tool))


def latest(answers: Sequence[Answer]) -> dict[str, dict[str, Answer]]:
    """study -> item -> the answer in force (the last line for it)."""
    out: dict[str, dict[str, Answer]] = {}
    for a in answers:
        out.setdefault(a.study, {})[a.item] = a
    return out


def torn_warnings(project: Project) -> list[str]:
    out = []
    for tool in tools(project):
        for log in [*reviewer_logs(project, tool).values(), reconciled_log(project, tool)]:
            w = logfile.torn_warning(project, logfile.Lines(log.path, [], log.torn_line))
            if w:
                out.append(w)
    return out


def final_answers(project: Project, tool: str, items: Sequence[str]) -> dict[str, dict[str, Final]]:
    """study -> item -> the answer that counts (reconciled, agreed, or one reviewer's)."""
    per_reviewer = {
        name: {s: {i: a.answer for i, a in row.items()} for s, row in latest(log.answers).items()}
        for name, log in reviewer_logs(project, tool).items()
    }
    return settle(per_reviewer, reconciled_log(project, tool).answers, items)


def settle(per_reviewer: Mapping[str, Mapping[str, Mapping[str, str]]],
           reconciled: Sequence[Answer], items: Sequence[str]) -> dict[str, dict[str, Final]]:
    settled = {(a.study, a.item): (a.answer, a.reviewer) for a in reconciled}
    return logfile.settle(per_reviewer, settled, items, lambda _k, a, b: a == b)


def append(project: Project, tool: str, reviewer: str, answers: Sequence[Answer]) -> None:
    """Append answers in one write and one fsync: on disk when this returns (hold the lock)."""
    if answers:
        logfile.append(project.appraisal_log_path(tool, reviewer), [a.to_json() for a in answers])


def append_reconciled(project: Project, tool: str, answers: Sequence[Answer]) -> None:
    if answers:
        logfile.append(project.appraisal_reconciled_path(tool), [a.to_json() for a in answers])


def repair(project: Project, tool: str, reviewer: str) -> str | None:
    return logfile.repair_torn(project, project.appraisal_log_path(tool, reviewer))
