"""Reading the append-only decision logs, and what counts as final.

Each reviewer writes `screen/<stage>/<reviewer>.jsonl`; a changed mind is a new line, so the
latest line per record wins and the history stays. A torn last line (the process died while
writing) is reported, never silently dropped. Reconciliations live in
`screen/reconciled/<stage>.jsonl` in the same shape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from review_cli.errors import ParseError
from review_cli.io.writer import not_utf8, refuse_merge_conflict
from review_cli.model import Decision, Stage, Verdict
from review_cli.project import Project
from review_cli.protocol import slug


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
        raise not_utf8(path, data, e, "save the log as UTF-8, or retype the accented characters on that line") from None


def _misfiled(d: Decision, stage: Stage | None, owner: str | None) -> str | None:
    """Why a line does not belong in this log (copied from another stage's or reviewer's log
    by hand): it would be counted as this stage's, or this reviewer's, decision."""
    if stage is not None and d.stage != stage:
        return f"a {d.stage} decision in the {stage} log"
    if owner is not None and slug(d.reviewer) != owner:
        return f"a decision by `{d.reviewer}` in the log of `{owner}`"
    return None


def read_log(path: Path, stage: Stage | None = None, owner: str | None = None) -> Log:
    """All decisions in one log; a malformed line that is not the last is an error. With
    `stage` (and `owner`, the reviewer's slug: the log's file name), a line of another stage
    (or reviewer) is an error too."""
    log = Log(path)
    if not path.exists():
        return log
    text = _decode(path, path.read_bytes())
    lines = text.split("\n")
    fast = _read_all(lines) if text.endswith("\n") else None
    if fast is not None and (stage is not None or owner is not None) and any(_misfiled(d, stage, owner) for d in fast):
        fast = None  # found and named line by line below
    if fast is not None:
        log.decisions = fast
        return log
    # Line number of the last non-blank line, found once (slicing per line was quadratic).
    last = next((i for i in range(len(lines), 0, -1) if lines[i - 1].strip()), 0)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        is_last = number == last
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError(f"a JSON {type(row).__name__}, not an object with record, verdict, stage, ...")
            decision = Decision.from_json(row)
        except (json.JSONDecodeError, KeyError, ValueError, TypeError, AttributeError) as e:
            if is_last and not text.endswith("\n"):
                log.torn_line = number
                continue
            refuse_merge_conflict(path, text)
            raise ParseError(path, f"not a valid decision line ({e})", line=number,
                             hint="fix or remove that line; decisions are never rewritten by review") from e
        wrong = _misfiled(decision, stage, owner)
        if wrong is not None:
            raise ParseError(path, wrong, line=number,
                             hint="move that line to the log it belongs in (or remove it); a log holds one "
                                  "reviewer's decisions at one stage")
        log.decisions.append(decision)
    return log


def _read_all(lines: list[str]) -> list[Decision] | None:
    """Every line decoded in one call (logs hold 100,000s of lines); None if any line is bad,
    so the line-by-line reading finds it and names it."""
    try:
        rows = json.loads("[" + ",".join(line for line in lines if line.strip()) + "]")
        return [Decision.from_json(row) for row in rows]
    except (json.JSONDecodeError, KeyError, ValueError, TypeError, AttributeError):
        return None


def reviewer_logs(project: Project, stage: Stage) -> dict[str, Log]:
    """reviewer name (from the lines, else the file name) -> log."""
    folder = project.decisions_dir(stage)
    out: dict[str, Log] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.jsonl")):
        log = read_log(path, stage, path.stem)
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


_VERDICTS = {v.value: v for v in Verdict}
_STAGES = {s.value for s in Stage}
Vote = tuple[Verdict, str]  # verdict and reason of a reviewer's latest line in force on a record

# A line exactly as `Decision.to_json` + `dumps_line` write it, with no escapes in its strings,
# a known verdict and stage, and a reviewer.
_LINE = re.compile(
    r'^\{"record":"([^"\\\n]*)","verdict":"(' + "|".join(v.value for v in Verdict) + ')",'
    r'"stage":"(' + "|".join(s.value for s in Stage) + r')","reviewer":"([^"\\\n]+)",'
    r'"time":"[^"\\\n]*","reason":"([^"\\\n]*)","note":"[^"\\\n]*","rank":(?:null|-?\d+),'
    r'"score":(?:null|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\}\n',
    re.MULTILINE,
)


class _InForce:
    """record -> latest vote in force, as `latest(effective(...))`: an `undo` line withdraws the
    record's latest line in force and the one before it (if any) stands again."""

    def __init__(self) -> None:
        self.latest: dict[str, Vote] = {}
        self.older: dict[str, list[Vote]] = {}  # earlier votes, kept only for re-decided records

    def add(self, rid: str, vote: Vote) -> None:
        latest = self.latest
        if vote[0] == Verdict.UNDO:
            if rid in latest:
                older = self.older.get(rid)
                if older:
                    latest[rid] = older.pop()
                else:
                    del latest[rid]
        elif rid in latest:
            self.older.setdefault(rid, []).append(latest[rid])
            latest[rid] = vote
        else:
            latest[rid] = vote


def _votes_by_pattern(
    text: str, stage: Stage | None = None, owner: str | None = None
) -> tuple[str, dict[str, Vote]] | None:
    """The votes of a log whose every line is in the canonical shape (and, given `stage` and
    `owner`, of that stage and reviewer), else None."""
    if not text:
        return "", {}
    # Each match is one whole line (anchored at a line start, no newline inside, ending with
    # one): as many matches as newlines, and a final newline, means every line matched.
    rows = _LINE.findall(text)
    if len(rows) != text.count("\n") or not text.endswith("\n"):
        return None
    if stage is not None and {r[2] for r in rows} != {stage.value}:
        return None
    if owner is not None and any(slug(name) != owner for name in {r[3] for r in rows}):
        return None
    if '"verdict":"undo"' not in text:  # cannot be inside a string: its quotes would be escaped
        verdicts = _VERDICTS
        return rows[0][3], {r[0]: (verdicts[r[1]], r[4]) for r in rows}  # the last line per record wins
    votes = _InForce()
    add = votes.add
    for rid, verdict, _, _, reason in rows:
        add(rid, (_VERDICTS[verdict], reason))
    return rows[0][3], votes.latest


def _votes(path: Path, stage: Stage | None = None, owner: str | None = None) -> tuple[str, dict[str, Vote]]:
    """A log's reviewer and record -> latest (verdict, reason) in force, without building
    Decisions (logs hold 100,000s of lines): canonical lines are read with one pattern, other
    logs decoded in one call, and anything irregular goes through `read_log`, which reports
    torn and malformed lines exactly as before (and, given `stage` and `owner`, lines of another
    stage or reviewer)."""
    text = _decode(path, path.read_bytes()) if path.exists() else ""
    found = _votes_by_pattern(text, stage, owner)
    if found is None and text.endswith("\n"):
        try:
            rows = json.loads("[" + ",".join(line for line in text.split("\n") if line.strip()) + "]")
            in_force = _InForce()
            for row in rows:
                if row["stage"] not in _STAGES or "reviewer" not in row or "time" not in row:
                    raise ValueError("irregular line")
                if (stage is not None and row["stage"] != stage) or (owner is not None and slug(str(row["reviewer"])) != owner):
                    raise ValueError("a line of another log")
                in_force.add(str(row["record"]), (_VERDICTS[row["verdict"]], str(row.get("reason") or "")))
            found = (str(rows[0]["reviewer"]) if rows else ""), in_force.latest
        except (json.JSONDecodeError, KeyError, ValueError, TypeError, AttributeError):
            found = None
    if found is not None:
        return (found[0] or path.stem), found[1]
    log = read_log(path, stage, owner)
    name = log.decisions[0].reviewer if log.decisions else path.stem
    return name, {rid: (d.verdict, d.reason) for rid, d in latest(log.decisions).items()}


def reviewer_votes(project: Project, stage: Stage) -> dict[str, dict[str, Vote]]:
    """reviewer -> record -> (verdict, reason) of their latest decision; as `reviewer_logs`."""
    folder = project.decisions_dir(stage)
    out: dict[str, dict[str, Vote]] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.jsonl")):
            name, votes = _votes(path, stage, path.stem)
            out[name] = votes
    return out


class Final(NamedTuple):
    """The decision that counts for one record at one stage, or why there is none yet
    (a tuple: one per decided record, 100,000s of them per run)."""

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
    per_reviewer = reviewer_votes(project, stage)
    # Under `reconciled` a record one reviewer has seen waits for the second one: also while
    # only the first has a log at this stage (the protocol names the team), or a lone log's
    # decisions would pass as final until the second reviewer starts.
    team = len(per_reviewer) > 1 or len(project.protocol.reviewers) > 1
    reconciled = latest(read_log(project.reconciled_path(stage), stage).decisions)
    records = set(reconciled) | {r for decided in per_reviewer.values() for r in decided}
    reviewers = list(per_reviewer.items())
    out: dict[str, Final] = {}
    # Two reviewers who agree (the bulk of a review): no per-record list of votes, and Finals
    # made by tuple.__new__ (a NamedTuple's own constructor is a Python call).
    two = len(reviewers) == 2 and rule != "both-include"
    first_votes, second_votes = (reviewers[0][1], reviewers[1][1]) if two else ({}, {})
    both = tuple(sorted(name for name, _ in reviewers))
    new, maybe = tuple.__new__, Verdict.MAYBE
    for rid in sorted(records):
        if rid in reconciled:
            d = reconciled[rid]
            out[rid] = Final(rid, d.verdict if d.verdict != Verdict.MAYBE else None, d.reason, (d.reviewer,))
            continue
        first = first_votes.get(rid)
        if first is not None and first == second_votes.get(rid):
            out[rid] = new(Final, (rid, None, "", both, False) if first[0] == maybe else (rid, first[0], first[1], both, False))
            continue
        votes = [(name, decided[rid]) for name, decided in reviewers if rid in decided]
        if len(votes) == 2 and votes[0][1] == votes[1][1] and rule != "both-include":
            # The common case: two reviewers with the same verdict and reason (names are sorted).
            verdict, reason = votes[0][1]
            pair = (votes[0][0], votes[1][0]) if votes[0][0] <= votes[1][0] else (votes[1][0], votes[0][0])
            out[rid] = Final(rid, None, "", pair) if verdict == Verdict.MAYBE else Final(rid, verdict, reason, pair)
            continue
        verdicts = {vote[0] for _, vote in votes}
        by = tuple(sorted(name for name, _ in votes))
        reasons = sorted({vote[1] for _, vote in votes if vote[1]})
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
        out.append(f"{project.rel(path)}:{line}: incomplete last line (the program stopped while writing it), "
                   f"not counted: {then}")
    return out
