"""The screening decision logs: `screen/<stage>/<reviewer>.jsonl`, one per reviewer per stage,
and `screen/reconciled/<stage>.jsonl`, the reconciliations. Append-only: a changed mind is a
new line, so the latest line per record wins and the history stays; an `undo` line withdraws
the latest line still in force.

A torn last line (the process died while writing it) is reported, never silently dropped, and
moved aside (`repair_torn`) before the reviewer's next decision. Every append is on disk before
it returns (`writer.append_lines` checks every byte and fsyncs), so nothing is confirmed that
is not saved.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from review_cli.errors import ParseError
from review_cli.io import writer
from review_cli.model import Decision, Stage, Verdict
from review_cli.project import Project
from review_cli.protocol import slug
from review_cli.store import clusters as clusters_store

LINE_HINT = "fix or remove that line; decisions are never rewritten by review"


def iso(seconds: float) -> str:
    """ISO 8601 UTC with seconds precision, the `time` of a decision line."""
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Log:
    path: Path
    decisions: list[Decision] = field(default_factory=list)
    torn_line: int | None = None  # line number of an incomplete last line, if any


def _decode(path: Path, data: bytes) -> str:
    """A log's text. Bytes that are not UTF-8 (a note edited in a Latin-1 editor) are an error
    naming the line, not silently replaced; only a torn last line (the process died while
    writing it, maybe inside a character) may hold them, and it is dropped and reported."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if data.find(b"\n", e.start) == -1:  # in the last line, which has no line end: torn
            return data.decode("utf-8", errors="replace")
        raise writer.not_utf8(
            path, data, e, "save the log as UTF-8, or retype the accented characters on that line"
        ) from None


def _misfiled(d: Decision, stage: Stage | None, owner: str | None) -> str | None:
    """Why a line does not belong in this log (copied from another stage's or reviewer's log
    by hand): it would be counted as this stage's, or this reviewer's, decision."""
    if stage is not None and d.stage != stage:
        return f"a {d.stage} decision in the {stage} log"
    if owner is not None and slug(d.reviewer) != owner:
        return f"a decision by `{d.reviewer}` in the log of `{owner}`"
    return None


def read_log(path: Path, stage: Stage | None = None, owner: str | None = None) -> Log:
    """All decisions in one log, in file order; a malformed line that is not the last is an
    error naming it. With `stage` (and `owner`, the reviewer's slug: the log's file name), a
    line of another stage (or reviewer) is an error too."""
    log = Log(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return log
    text = _decode(path, data)
    lines = text.split("\n")
    complete = text.endswith("\n")
    last = len(lines) - 1 if complete else len(lines)  # the number of the last line
    append = log.decisions.append
    loads, from_json = writer.loads, Decision.from_json
    checked = set()  # (stage, reviewer) pairs already found to belong in this log
    for number, line in enumerate(lines, start=1):
        if not line or line.isspace():
            continue
        try:
            row = loads(line)
            if type(row) is not dict:
                raise ValueError(
                    f"a JSON {type(row).__name__}, not an object with record, verdict, stage, ..."
                )
            decision = from_json(row)
        except (writer.JSONDecodeError, KeyError, ValueError, TypeError) as e:
            if number == last and not complete:
                log.torn_line = number
                continue
            writer.refuse_merge_conflict(path, text)
            why = f"no `{e.args[0]}`" if isinstance(e, KeyError) else str(e)
            raise ParseError(
                path, f"not a valid decision line ({why})", line=number, hint=LINE_HINT
            ) from None
        if (
            (stage is not None or owner is not None)
            and (decision.stage, decision.reviewer) not in checked
        ):
            wrong = _misfiled(decision, stage, owner)
            if wrong is not None:
                raise ParseError(path, wrong, line=number,
                                 hint="move that line to the log it belongs in (or remove it); a "
                                      "log holds one reviewer's decisions at one stage")
            checked.add((decision.stage, decision.reviewer))
        append(decision)
    return log


def reviewer_logs(project: Project, stage: Stage) -> dict[str, Log]:
    """reviewer name (from the lines, else the file name) -> log, by file name."""
    folder = project.decisions_dir(stage)
    out: dict[str, Log] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.jsonl")):
        log = read_log(path, stage, path.stem)
        name = log.decisions[0].reviewer if log.decisions else path.stem
        out[name] = log
    return out


def reconciled_log(project: Project, stage: Stage) -> Log:
    return read_log(project.reconciled_path(stage), stage)


def own_log(project: Project, stage: Stage, reviewer: str) -> Log:
    """One reviewer's log at one stage."""
    return read_log(project.decisions_path(stage, reviewer))


def unit_map(project: Project, clusters: Mapping[str, clusters_store.Cluster] | None = None
             ) -> dict[str, str]:
    """record id -> the id of the dedup cluster it is in, for every record whose cluster has
    another id (a decision made on it before a dedup merged it counts for its cluster).
    `clusters`: clusters.jsonl as the caller has read it already."""
    clusters = clusters_store.read(project) if clusters is None else clusters
    return {m: cid for cid, c in clusters.items() for m in c["records"] if m != cid}


def remap(decisions: list[Decision], to_unit: Mapping[str, str]) -> list[Decision]:
    """The decisions with each record id replaced by its unit's id: a decision made on a record
    that a later dedup merged into a cluster carries over to the cluster. In file order, so a
    reviewer's later decision on another copy of the same study wins, as a changed mind does."""
    if not to_unit:
        return decisions
    get = to_unit.get
    return [d if (u := get(d.record)) is None or u == d.record else d._replace(record=u)
            for d in decisions]


def reviewer_latest(project: Project, stage: Stage, to_unit: Mapping[str, str] | None = None
                    ) -> dict[str, dict[str, Decision]]:
    """reviewer -> unit -> their decision in force, at one stage."""
    to_unit = unit_map(project) if to_unit is None else to_unit
    return {name: latest(remap(log.decisions, to_unit))
            for name, log in reviewer_logs(project, stage).items()}


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
    decisions = list(decisions)
    if not any(d.verdict == Verdict.UNDO for d in decisions):
        return {d.record: d for d in decisions}  # the last line per record wins
    return {d.record: d for d in effective(decisions)}


class Final(NamedTuple):
    """The decision that counts for one record at one stage, or why there is none yet."""

    record: str
    verdict: Verdict | None  # None: undecided or unresolved conflict
    reason: str = ""
    by: tuple[str, ...] = ()  # reviewers (or the reconciler) it rests on
    conflict: bool = False


def final_decisions(project: Project, stage: Stage, to_unit: Mapping[str, str] | None = None,
                    per_reviewer: Mapping[str, Mapping[str, Decision]] | None = None
                    ) -> dict[str, Final]:
    """Apply the protocol's `screening.final` rule to every decided unit of a stage.

    Decisions count for the unit (dedup cluster) their record is in now (`to_unit`, by default
    read from dedup/clusters.jsonl): a decision made before a dedup merged its record is kept.

    - reconciled: reviewers who agree decide; a disagreement waits for `review reconcile`.
    - single: as reconciled, and a record seen by one reviewer only is decided by them.
    - both-include: an include needs two reviewers including; any exclude excludes.
    A reconciliation always wins. A `maybe` is never final.

    `per_reviewer` is `reviewer_latest(project, stage, to_unit)` when the caller has it already
    (the logs are the largest files a status reads).
    """
    rule = project.protocol.screening.final
    to_unit = unit_map(project) if to_unit is None else to_unit
    if per_reviewer is None:
        per_reviewer = reviewer_latest(project, stage, to_unit)
    # Under `reconciled` a record one reviewer has seen waits for the second one: also while
    # only the first has a log at this stage (the protocol names the team), or a lone log's
    # decisions would pass as final until the second reviewer starts.
    team = len(per_reviewer) > 1 or len(project.protocol.reviewers) > 1
    reconciled = latest(remap(reconciled_log(project, stage).decisions, to_unit))
    records = set(reconciled) | {r for decided in per_reviewer.values() for r in decided}
    reviewers = sorted(per_reviewer.items())
    out: dict[str, Final] = {}
    # Two reviewers who agree, verdict and reason (most records of a team's review), go first.
    pair = len(reviewers) == 2 and rule != "both-include"
    first, second = (reviewers[0][1], reviewers[1][1]) if pair else ({}, {})
    both = tuple(name for name, _ in reviewers)
    for rid in sorted(records):
        if rid in reconciled:
            d = reconciled[rid]
            out[rid] = Final(
                rid, d.verdict if d.verdict != Verdict.MAYBE else None, d.reason, (d.reviewer,)
            )
            continue
        a, b = first.get(rid), second.get(rid)
        if a is not None and b is not None and a.verdict == b.verdict and a.reason == b.reason:
            out[rid] = (
                Final(rid, None, "", both) if a.verdict == Verdict.MAYBE
                else Final(rid, a.verdict, a.reason, both)
            )
            continue
        votes = [(name, decided[rid]) for name, decided in reviewers if rid in decided]
        verdicts = {d.verdict for _, d in votes}
        by = tuple(name for name, _ in votes)
        reasons = sorted({d.reason for _, d in votes if d.reason})
        if rule == "both-include" and Verdict.EXCLUDE in verdicts:
            out[rid] = Final(rid, Verdict.EXCLUDE, reasons[0] if reasons else "", by)
            continue
        # reviewers who exclude for different reasons agree (the first reason counts)
        if len(verdicts) > 1:
            out[rid] = Final(rid, None, "", by, conflict=True)
            continue
        verdict = next(iter(verdicts))
        if verdict == Verdict.MAYBE:
            out[rid] = Final(rid, None, "", by)
            continue
        waiting = rule == "reconciled" and team
        if len(votes) == 1 and (waiting or (rule == "both-include" and verdict == Verdict.INCLUDE)):
            out[rid] = Final(rid, None, "", by)  # waiting for the second reviewer
            continue
        out[rid] = Final(rid, verdict, reasons[0] if reasons else "", by)
    return out


def torn_logs(project: Project) -> list[str]:
    """A warning per decision log (any stage, any reviewer, reconciled) whose last line is
    incomplete: that line is not counted anywhere, so every command that counts says so.
    Cheap: only the last byte of each log is read, unless it is torn."""
    out = []
    reconciled = {project.reconciled_path(stage) for stage in Stage}
    for path in project.decision_logs():
        with path.open("rb") as f:
            size = f.seek(0, 2)
            if size == 0:
                continue
            f.seek(size - 1)
            if f.read(1) == b"\n":
                continue
        line = path.read_bytes().count(b"\n") + 1
        then = ("remove it or complete it by hand" if path in reconciled
                else "it is moved aside the next time that reviewer screens or decides")
        out.append(f"{project.rel(path)}:{line}: incomplete last line (the program stopped while "
                   f"writing it), not counted: {then}")
    return out


# --- writing -----------------------------------------------------------------------------------

def append(project: Project, decisions: Sequence[Decision]) -> None:
    """Append decisions of one reviewer at one stage in one write and one fsync: on disk as a
    whole when this returns (an OSError naming the log otherwise)."""
    if decisions:
        first = decisions[0]
        writer.append_lines(
            project.decisions_path(first.stage, first.reviewer), [d.to_json() for d in decisions]
        )


def append_reconciled(project: Project, decisions: Sequence[Decision]) -> None:
    if decisions:
        writer.append_lines(
            project.reconciled_path(decisions[0].stage), [d.to_json() for d in decisions]
        )


@dataclass
class Repair:
    path: Path
    line: int
    saved_to: Path

    def message(self, project: Project) -> str:
        return (
            f"{project.rel(self.path)}:{self.line}: incomplete last line (the program stopped "
            "while writing it); it was not a confirmed decision. Its bytes were moved to "
            f"{project.rel(self.saved_to)} for audit; record it again if needed."
        )


def repair_torn(project: Project, stage: Stage, reviewer: str) -> Repair | None:
    """Move a torn last line out of the log, so the next decision starts on its own line.

    A torn line was never confirmed (the append did not finish, so the screen never moved on).
    Its bytes are appended to `<reviewer>.torn` next to the log, then the log is truncated to
    its last complete line. Call only while holding the reviewer's lock."""
    path = project.decisions_path(stage, reviewer)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if not data or data.endswith(b"\n"):
        return None
    cut = data.rfind(b"\n") + 1
    line = data.count(b"\n") + 1
    torn = project.torn_path(stage, reviewer)
    previous = torn.read_bytes() if torn.exists() else b""
    writer.write_bytes(torn, previous + data[cut:] + b"\n")
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        os.ftruncate(fd, cut)
        os.fsync(fd)
    finally:
        os.close(fd)
    return Repair(path, line, torn)
