"""Reading the append-only decision logs, and what counts as final.

Each reviewer writes `screen/<stage>/<reviewer>.jsonl`; a changed mind is a new line, so the
latest line per record wins and the history stays. A torn last line (the process died while
writing) is reported, never silently dropped. Reconciliations live in
`screen/reconciled/<stage>.jsonl` in the same shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from review_cli.errors import ParseError
from review_cli.model import Decision, Stage, Verdict
from review_cli.project import Project


@dataclass
class Log:
    path: Path
    decisions: list[Decision] = field(default_factory=list)
    torn_line: int | None = None  # line number of an incomplete last line, if any


def read_log(path: Path) -> Log:
    """All decisions in one log; a malformed line that is not the last is an error."""
    log = Log(path)
    if not path.exists():
        return log
    text = path.read_bytes().decode("utf-8", errors="replace")
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        is_last = number == len(lines) or all(not x.strip() for x in lines[number:])
        try:
            log.decisions.append(Decision.from_json(json.loads(line)))
        except (json.JSONDecodeError, KeyError, ValueError) as e:
            if is_last and not text.endswith("\n"):
                log.torn_line = number
                continue
            raise ParseError(path, f"not a valid decision line ({e})", line=number,
                             hint="fix or remove that line; decisions are never rewritten by review") from e
    return log


def reviewer_logs(project: Project, stage: Stage) -> dict[str, Log]:
    """reviewer name (from the lines, else the file name) -> log."""
    folder = project.decisions_dir(stage)
    out: dict[str, Log] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.jsonl")):
        log = read_log(path)
        name = log.decisions[0].reviewer if log.decisions else path.stem
        out[name] = log
    return out


def effective(decisions: Iterable[Decision]) -> list[Decision]:
    """The lines still in force, in file order: an `undo` line withdraws the latest earlier
    line for its record (which may itself have replaced an older one), never deleting it."""
    out: list[Decision] = []
    for d in decisions:
        if d.verdict == Verdict.UNDO:
            for i in range(len(out) - 1, -1, -1):
                if out[i].record == d.record:
                    del out[i]
                    break
        else:
            out.append(d)
    return out


def latest(decisions: Iterable[Decision]) -> dict[str, Decision]:
    """record id -> the last decision in force (a changed mind appends a line; `undo` pops)."""
    out: dict[str, Decision] = {}
    for d in effective(decisions):
        out[d.record] = d
    return out


@dataclass(frozen=True)
class Final:
    """The decision that counts for one record at one stage, or why there is none yet."""

    record: str
    verdict: Verdict | None  # None: undecided or unresolved conflict
    reason: str = ""
    by: tuple[str, ...] = ()  # reviewers (or the reconciler) it rests on
    conflict: bool = False


def final_decisions(project: Project, stage: Stage) -> dict[str, Final]:
    """Apply the protocol's `screening.final` rule to every decided record of a stage.

    - reconciled: reviewers who agree decide; a disagreement waits for `review reconcile`.
    - single: as reconciled, and a record seen by one reviewer only is decided by them.
    - both-include: an include needs two reviewers including; any exclude excludes.
    A reconciliation always wins. A `maybe` is never final.
    """
    rule = project.protocol.screening.final
    per_reviewer = {name: latest(log.decisions) for name, log in reviewer_logs(project, stage).items()}
    reconciled = latest(read_log(project.reconciled_path(stage)).decisions)
    records = set(reconciled) | {r for decided in per_reviewer.values() for r in decided}
    out: dict[str, Final] = {}
    for rid in sorted(records):
        if rid in reconciled:
            d = reconciled[rid]
            out[rid] = Final(rid, d.verdict if d.verdict != Verdict.MAYBE else None, d.reason, (d.reviewer,))
            continue
        votes = {name: decided[rid] for name, decided in per_reviewer.items() if rid in decided}
        verdicts = {d.verdict for d in votes.values()}
        by = tuple(sorted(votes))
        reasons = sorted({d.reason for d in votes.values() if d.reason})
        if rule == "both-include" and Verdict.EXCLUDE in verdicts:
            out[rid] = Final(rid, Verdict.EXCLUDE, reasons[0] if reasons else "", by)
            continue
        if len(verdicts) > 1:
            out[rid] = Final(rid, None, "", by, conflict=True)
            continue
        verdict = next(iter(verdicts))
        if verdict == Verdict.MAYBE:
            out[rid] = Final(rid, None, "", by)
            continue
        waiting = rule == "reconciled" and len(per_reviewer) > 1
        if len(votes) == 1 and (waiting or (rule == "both-include" and verdict == Verdict.INCLUDE)):
            out[rid] = Final(rid, None, "", by)  # waiting for the second reviewer
            continue
        out[rid] = Final(rid, verdict, reasons[0] if reasons else "", by)
    return out
