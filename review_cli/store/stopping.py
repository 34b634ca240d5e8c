"""`screen/stopped.jsonl`: the reviewers' explicit decisions to stop screening titles and
abstracts before every record was screened, and their withdrawals. Append-only, one JSON line
each: who stopped, when, on which stopping rule's verdict (or none), the rules' figures at that
moment, and the units left unscreened. The latest line is in force: a `resume` line withdraws
the stop before it.

PRISMA counts the units a stop left unscreened as removed before screening (`stages/include`):
by an automation tool when a stopping rule had said stop, for other reasons (the reviewers'
decision) when none had.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review_cli.errors import ParseError
from review_cli.io import writer
from review_cli.project import Project

HINT = ("screen/stopped.jsonl is written by `review stop`: restore it from git; to take a stop "
        "back, run `review stop --resume`")
ACTIONS = ("stop", "resume")


@dataclass(frozen=True)
class Stop:
    """One line of the log."""

    action: str  # stop | resume
    stage: str
    reviewer: str
    time: str  # ISO 8601 UTC
    rule: str = ""  # the stopping rule whose verdict it was; "" for the reviewers' decision
    figures: Mapping[str, Any] = field(default_factory=dict)  # screened, units, relevant, rules
    unscreened: tuple[str, ...] = ()  # units nobody had decided, which the stop leaves out
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action, "stage": self.stage, "reviewer": self.reviewer,
            "time": self.time, "rule": self.rule, "note": self.note,
            "figures": dict(self.figures), "unscreened": sorted(self.unscreened),
        }


def _parse(path: Path, number: int, obj: Mapping[str, Any]) -> Stop:
    action, unscreened = obj.get("action"), obj.get("unscreened", [])
    figures = obj.get("figures", {})
    wrong = (
        f"`action` must be one of {', '.join(ACTIONS)}" if action not in ACTIONS
        else "`unscreened` must be a list of unit ids"
        if type(unscreened) is not list or not all(type(u) is str for u in unscreened)
        else "`figures` must be an object" if type(figures) is not dict
        else None
    )
    if wrong:
        raise ParseError(path, wrong, line=number, hint=HINT)
    return Stop(str(action), str(obj.get("stage", "")), str(obj.get("reviewer", "")),
                str(obj.get("time", "")), str(obj.get("rule", "")), figures,
                tuple(unscreened), str(obj.get("note", "")))


def read(project: Project) -> list[Stop]:
    """Every line, in file order."""
    path = project.stop_log_path
    return [_parse(path, number, obj)
            for number, obj in writer.iter_jsonl(path, require=("action",), hint=HINT)]


def in_force(project: Project, stage: str) -> Stop | None:
    """The stop in force at `stage`, if the latest line for it is a stop."""
    latest = None
    for line in read(project):
        if line.stage == stage:
            latest = line
    return latest if latest is not None and latest.action == "stop" else None


def describe(line: Stop) -> str:
    """What a stop was, in one sentence (the diagram and prisma.json say it)."""
    f = line.figures
    where = f"after {f.get('screened', 0):,} of {f.get('units', 0):,} records screened"
    rules: list[dict[str, Any]] = list(f.get("rules", []))
    if line.rule:
        verdict: dict[str, Any] = next((r for r in rules if r.get("rule") == line.rule), {})
        detail = "; ".join(x for x in (verdict.get("detail", ""), _estimate(verdict)) if x)
        return (f"screening stopped {where} on the {line.rule} stopping rule's verdict"
                + (f" ({detail})" if detail else ""))
    estimates = [f"{r['rule']} {e}" for r in rules if (e := _estimate(r))]
    return (f"screening stopped {where} by the reviewers' decision; no stopping rule had said "
            "stop" + (f" (estimates then: {', '.join(estimates)})" if estimates else ""))


def _estimate(verdict: dict[str, Any]) -> str:
    estimate = verdict.get("remaining_estimate")
    if estimate is None:
        return ""
    return (f"{'at most ' if verdict.get('upper_bound') else '~'}{estimate:,.0f} relevant "
            "left")


def append(project: Project, lines: Sequence[Stop]) -> None:
    """Append, on disk before this returns."""
    writer.append_lines(project.stop_log_path, [line.to_json() for line in lines])
