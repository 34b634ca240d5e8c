"""The screening session: one record at a time, as a pure loop over an injected `ask`.

`Session.run(ask)` shows a `Card` by calling `ask(card)` and applies the answer. Answers are
keys (as configured in `protocol.screening.keys`) or action names; in the `reason` mode the
answer is a menu number, in the `note` mode the note text. Tests drive the loop with a list of
answers; `ui/screen_view.py` drives it from the keyboard. Time comes from an injected clock.

Guarantees:
- every decision is appended and fsynced (`store.decisions.append`) before the next card is built;
- blinded: only this reviewer's own log is read, for the ranking, the counts and the status;
- undo appends a `Verdict.UNDO` line for the most recent decision still in force, and shows
  that record again: history is never deleted (`decisions.effective` pops it);
- skip is not a decision and writes nothing: the record comes back at the end of this
  session's queue (and from its ranked place in the next session);
- resume: the record on screen is remembered in `.review/screen/` and shown first on restart.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from review_cli.errors import ReviewError
from review_cli.model import Decision, Record, Stage, Verdict
from review_cli.project import Project
from review_cli.protocol import ExclusionReason, slug
from review_cli.stages.rank.stopping import StopVerdict
from review_cli.stages.screen._engine import (
    LABEL,
    BackgroundEngine,
    Engine,
    Settings,
    Snapshot,
    SyncEngine,
)
from review_cli.stages.screen._stop import StopResult, resume, stop
from review_cli.stages.screen._who import parse_stage, reasons_for, resolve_reviewer
from review_cli.store import decisions as dec
from review_cli.store import fulltext as fulltext_store
from review_cli.store import screen_state
from review_cli.store import stopping as stopping_store
from review_cli.store import units as units_store
from review_cli.store.locking import reviewer_lock

ACTIONS = (
    "include", "exclude", "maybe", "skip", "undo", "note", "reason", "criteria", "not_retrieved",
    "open", "help", "quit",
)
TIMING_WINDOW = 20  # status line: mean seconds per record over the last N decisions


@dataclass(frozen=True)
class Status:
    screened: int
    total: int
    relevant: int  # includes (and maybes) in force
    maybe: int
    seconds_per_record: float | None
    stopping: tuple[StopVerdict, ...]  # the rules on every decision in force, this one included
    ranking: str  # "random" | "protocol" | "model" | "training"
    session: int  # decisions made in this session and still in force (as the final message)


@dataclass(frozen=True)
class Card:
    """Everything the screen shows; `mode` says what kind of answer is expected."""

    record: Record
    stage: Stage
    reviewer: str
    mode: str  # decide | reason | note | criteria | help
    status: Status
    rank: int | None  # 1-based position in the model's order (None while random)
    score: float | None
    keys: Mapping[str, str]
    reasons: tuple[ExclusionReason, ...]
    criteria_include: tuple[str, ...] = ()
    criteria_exclude: tuple[str, ...] = ()
    highlight_include: tuple[str, ...] = ()
    highlight_exclude: tuple[str, ...] = ()
    fulltext: str = ""
    report: str = ""  # full text: the report in fulltext/ ("" = none there yet)
    message: str = ""
    note: str = ""  # pending note, saved with the next decision on this record
    previous: Decision | None = None  # this reviewer's own earlier decision on it (after undo)
    reason_required: bool = False
    # Why an unranked record is shown: "random" (no model yet), "undo", "resume", "skipped"
    # (earlier in this session), "maybe" (`--maybe`) or "unranked" (the model has not seen it)
    shown_because: str = ""


@dataclass
class Outcome:
    decided: int = 0  # decisions made this session and still in force (the status line's count)
    finished: bool = False  # every unit has a decision in force
    messages: list[str] = field(default_factory=list)
    screened: int = 0
    total: int = 0
    undone: int = 0  # undo presses this session
    maybe: int = 0  # own maybes still waiting when the session ended


Ask = Callable[[Card], str]
Shown = tuple[str, int | None, float | None, str]  # record, rank, score, why it is shown


def _load_stopping() -> None:
    import numpy  # noqa: F401


# Opens a report in the system viewer without waiting for it; returns what to tell the reviewer.
Opener = Callable[[Path], str]
NO_REPORT = ("No report in fulltext/ yet: `review fulltext fetch`, or `review fulltext attach "
             "ID FILE`.")


def _no_viewer(path: Path) -> str:
    return f"The report is {path}."


class Session:
    """One reviewer screening one stage. Hold `store.locking.reviewer_lock` around `run`."""

    def __init__(
        self,
        project: Project,
        stage: Stage,
        reviewer: str,
        units: Sequence[Record] | None = None,
        engine: Callable[[Settings], Engine] = SyncEngine,
        clock: Callable[[], float] = time.time,
        members: Mapping[str, list[str]] | None = None,
        only_maybe: bool = False,
        opener: Opener = _no_viewer,
    ) -> None:
        self.project, self.stage, self.reviewer, self.clock = project, stage, reviewer, clock
        self.opener = opener
        self.only_maybe = only_maybe  # `review screen --maybe`: decide your maybes again
        protocol = project.protocol
        self.units = list(units) if units is not None else units_store.stage_units(project, stage)
        self.index = {r.id: i for i, r in enumerate(self.units)}
        self.members = members or {}
        self.keys = dict(protocol.screening.keys)
        self.by_key = {k: a for a, k in self.keys.items()}
        self.reasons = reasons_for(project, stage)
        sc = protocol.screening
        self.engine: Engine = engine(
            Settings([f"{r.title}\n{r.abstract}".strip() for r in self.units], sc.seed, sc.model,
                     sc.target_recall, sc.confidence, project)
        )
        self.messages: list[str] = []
        repair = dec.repair_torn(project, stage, reviewer)
        if repair is not None:
            self.messages.append(repair.message(project))
        stopped = stopping_store.in_force(project, str(stage))
        if stopped is not None:
            self.messages.append(
                f"Screening was stopped by {stopped.reviewer} at {stopped.time}: what you decide "
                "now counts as screened (`review stop --resume` takes the stop back).")
        # A decision made on a record before a dedup merged it counts for its unit.
        to_unit = {m: cid for cid, ms in self.members.items() for m in ms if m != cid}
        self.history = dec.remap(dec.read_log(
            project.decisions_path(stage, reviewer), stage, slug(reviewer)
        ).decisions, to_unit)
        self.in_force = dec.effective(self.history)
        self.latest = dec.latest(self.history)
        self.notes: dict[str, str] = {}
        self.skipped: list[str] = []
        self.revisit: list[str] = []  # stack: shown before anything else (undo)
        self.revisit_why: dict[str, str] = {}  # "undo" or "resume"
        self.intervals: list[float] = []
        self.made: list[Decision] = []  # this session's decisions still in force
        self.undone = 0
        self._in_order: list[int] = []
        self._labels_version = 0
        self._stopping: tuple[int, tuple[StopVerdict, ...]] = (-1, ())
        if engine is not SyncEngine:
            # The stopping rules need numpy: load it while the reviewer reads the first record,
            # not on their first keypress.
            threading.Thread(target=_load_stopping, name="review-stopping-import",
                             daemon=True).start()
        self._shown_at: float | None = None
        self._push_labels()
        pointer = screen_state.load_pointer(project, stage, reviewer)
        if pointer in self.index and not self.done(pointer):
            self.revisit.append(pointer)
            self.revisit_why[pointer] = "resume"

    @property
    def session_count(self) -> int:
        return len(self.made)

    # --- state ---------------------------------------------------------------------------
    def done(self, rid: str) -> bool:
        d = self.latest.get(rid)
        if self.only_maybe:
            return d is None or d.verdict != Verdict.MAYBE
        return d is not None

    def _push_labels(self) -> None:
        # Screening order for the stopping rules: a record counts once, where it was first
        # decided, with the label of its latest decision (a changed mind is not a new record).
        ordered: dict[str, int] = {}
        for d in self.in_force:
            if d.record in self.index:
                ordered.setdefault(d.record, -1)
        labels: dict[int, int] = {}
        for rid, d in self.latest.items():
            if rid in self.index and d.verdict in LABEL:
                labels[self.index[rid]] = ordered[rid] = LABEL[d.verdict]
        self._in_order = [x for x in ordered.values() if x >= 0]
        self._labels_version += 1
        self.engine.update(labels, self._in_order)

    def stopping(self) -> tuple[StopVerdict, ...]:
        """The stopping rules on this reviewer's decisions as they are now (computed here,
        not by the ranker, whose snapshot may be a decision behind; a few ms, once per
        decision)."""
        version, verdicts = self._stopping
        if version != self._labels_version:
            from review_cli.stages.rank.stopping import evaluate

            sc = self.project.protocol.screening
            verdicts = tuple(evaluate(self._in_order, len(self.units), sc.target_recall,
                                      sc.confidence))
            self._stopping = (self._labels_version, verdicts)
        return verdicts

    def status(self, snap: Snapshot) -> Status:
        decided = [d for rid, d in self.latest.items() if rid in self.index]
        relevant = sum(1 for d in decided if d.verdict == Verdict.INCLUDE)
        maybe = sum(1 for d in decided if d.verdict == Verdict.MAYBE)
        recent = self.intervals[-TIMING_WINDOW:]
        return Status(
            screened=len(decided),
            total=len(self.units),
            relevant=relevant,
            maybe=maybe,
            seconds_per_record=sum(recent) / len(recent) if recent else None,
            stopping=self.stopping(),
            ranking=("training" if self._both_classes() else "random") if snap.training
            else ("protocol" if snap.protocol else "random" if snap.random else "model"),
            session=self.session_count,
        )

    def _both_classes(self) -> bool:
        labels = {
            LABEL[d.verdict] for rid, d in self.latest.items()
            if rid in self.index and d.verdict in LABEL
        }
        return labels == {0, 1}

    def next_record(self, snap: Snapshot) -> Shown | None:
        """The record to show next: undo/resume first, then the ranking, then skipped ones."""
        while self.revisit:
            rid = self.revisit[-1]
            if not self.done(rid):
                return rid, None, None, self.revisit_why.get(rid, "undo")
            self.revisit.pop()
        if self.only_maybe:
            maybes = dict.fromkeys(
                d.record for d in self.in_force
                if d.record in self.index and not self.done(d.record)
            )
            fresh = [rid for rid in maybes if rid not in self.skipped]
            if fresh:
                return fresh[0], None, None, "maybe"
            return self._from_skipped()
        for pos, i in enumerate(snap.order):
            rid = self.units[i].id
            if not self.done(rid) and rid not in self.skipped:
                if snap.random:
                    return rid, None, None, "random"
                return rid, pos + 1, snap.scores[pos], ""
        # Records the snapshot did not know about (it is one step behind), then skipped ones.
        for r in self.units:
            if not self.done(r.id) and r.id not in self.skipped:
                return r.id, None, None, "random" if snap.random else "unranked"
        return self._from_skipped()

    def _from_skipped(self) -> Shown | None:
        for rid in list(self.skipped):
            self.skipped.remove(rid)
            if not self.done(rid):
                return rid, None, None, "skipped"
        return None

    def card(
        self, rid: str, rank: int | None, score: float | None, snap: Snapshot, mode: str,
        message: str, why: str = "",
    ) -> Card:
        record = self.units[self.index[rid]]
        p = self.project.protocol
        previous = next(
            (d for d in reversed(self.history) if d.record == rid and d.verdict != Verdict.UNDO),
            None,
        )
        fulltext = report = ""
        if self.stage == Stage.FULL_TEXT:
            fulltext = fulltext_store.location(self.project, record, self.members.get(rid, []))
            found = self.report_of(rid)
            report = self.project.rel(found) if found is not None else ""
        return Card(
            record=record, stage=self.stage, reviewer=self.reviewer, mode=mode,
            status=self.status(snap),
            rank=rank, score=score, shown_because=why, keys=self.keys, reasons=self.reasons,
            criteria_include=p.include, criteria_exclude=p.exclude,
            highlight_include=p.screening.highlight_include,
            highlight_exclude=p.screening.highlight_exclude,
            fulltext=fulltext, report=report, message=message, note=self.notes.get(rid, ""),
            previous=previous,
            reason_required=self.stage == Stage.FULL_TEXT,
        )

    def report_of(self, rid: str) -> Path | None:
        return fulltext_store.report_file(self.project, (rid, *self.members.get(rid, [])))

    # --- actions -------------------------------------------------------------------------
    def decide(
        self, rid: str, verdict: Verdict, rank: int | None, score: float | None, reason: str = ""
    ) -> Decision:
        now = self.clock()
        d = Decision(
            record=rid, verdict=verdict, stage=self.stage, reviewer=self.reviewer,
            time=dec.iso(now),
            reason=reason, note=self.notes.pop(rid, ""), rank=rank,
            score=None if score is None else round(float(score), 4),
        )
        dec.append(self.project, [d])  # durable before anything else happens
        self.history.append(d)
        self.in_force.append(d)
        self.latest[rid] = d
        if self._shown_at is not None:
            self.intervals.append(max(0.0, now - self._shown_at))
        self.made.append(d)
        self._push_labels()
        return d

    def undo(self) -> Decision | None:
        if not self.in_force:
            return None
        target = self.in_force[-1]
        d = Decision(
            record=target.record, verdict=Verdict.UNDO, stage=self.stage, reviewer=self.reviewer,
            time=dec.iso(self.clock()), note=f"undo {target.verdict}",
        )
        dec.append(self.project, [d])
        self.history.append(d)
        self.in_force = dec.effective(self.history)
        self.latest = dec.latest(self.history)
        if target.note:
            self.notes[target.record] = target.note
        self.made = [m for m in self.made if m is not target]
        self.undone += 1
        self._push_labels()
        return target

    def answer_reason(self, answer: str) -> ExclusionReason | None:
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(self.reasons):
            return self.reasons[int(answer) - 1]
        return next((r for r in self.reasons if r.code == answer), None)

    def action(self, answer: str) -> str | None:
        if answer in self.by_key:
            return self.by_key[answer]
        name = answer.replace("-", "_")
        return name if name in ACTIONS else None

    # --- the loop ------------------------------------------------------------------------
    def run(self, ask: Ask) -> Outcome:
        outcome = Outcome(messages=list(self.messages))
        try:
            return self._run(ask, outcome)
        finally:
            status = self.status(self.engine.snapshot())
            outcome.screened, outcome.total = status.screened, status.total
            outcome.decided, outcome.undone = self.session_count, self.undone
            outcome.maybe = status.maybe

    def _run(self, ask: Ask, outcome: Outcome) -> Outcome:
        message = " ".join(self.messages)
        mode = "decide"
        current: Shown | None = None
        while True:
            snap = self.engine.snapshot()
            if current is None or self.done(current[0]):
                current = self.next_record(snap)
                if current is None:
                    outcome.finished = True
                    screen_state.save_pointer(self.project, self.stage, self.reviewer, "")
                    return outcome
                screen_state.save_pointer(self.project, self.stage, self.reviewer, current[0])
                self._shown_at = self.clock()
            rid, rank, score, why = current
            answer = ask(self.card(rid, rank, score, snap, mode, message, why))
            message = ""
            if mode == "reason":
                mode = "decide"
                chosen = self.answer_reason(answer)
                if chosen is None:
                    message = "No reason chosen: nothing saved."
                    continue
                self.decide(rid, Verdict.EXCLUDE, rank, score, chosen.code)
                message = f"Saved: exclude ({chosen.code})."
                continue
            if mode == "note":
                mode = "decide"
                if answer.strip():
                    self.notes[rid] = answer.strip()
                    message = "Note kept; it is saved with your decision on this record."
                continue
            if mode in ("criteria", "help"):
                mode = "decide"
                if self.action(answer) != "quit":
                    continue
            act = self.action(answer)
            if act in ("include", "maybe") or (
                act == "exclude" and self.stage == Stage.TITLE_ABSTRACT
            ):
                verdict = Verdict(act)
                self.decide(rid, verdict, rank, score)
                message = f"Saved: {verdict}."
            elif act == "exclude" or act == "reason":
                if not self.reasons:
                    if act == "exclude":
                        self.decide(rid, Verdict.EXCLUDE, rank, score)
                        message = "Saved: exclude."
                    else:
                        message = "The protocol lists no exclusion reasons for this stage."
                    continue
                mode = "reason"
            elif act == "not_retrieved":
                if self.stage != Stage.FULL_TEXT:
                    message = "'Not retrieved' is a full-text decision."
                    continue
                self.decide(rid, Verdict.NOT_RETRIEVED, rank, score)
                message = "Saved: report not retrieved."
            elif act == "open":
                if self.stage != Stage.FULL_TEXT:
                    message = "Reports are opened at the full-text stage."
                    continue
                found = self.report_of(rid)
                message = self.opener(found) if found is not None else NO_REPORT
            elif act == "skip":
                self.skipped.append(rid)
                current = None
                message = "Skipped: it comes back at the end of this session."
            elif act == "undo":
                target = self.undo()
                if target is None:
                    message = "Nothing to undo."
                    continue
                if target.record != rid:
                    self.revisit.append(rid)
                    self.revisit_why.setdefault(rid, why or "undo")
                self.revisit.append(target.record)
                self.revisit_why[target.record] = "undo"
                current = None
                message = f"Undone: {target.verdict}. Decide again."
            elif act in ("note", "criteria", "help"):
                mode = act
            elif act == "quit":
                return outcome
            else:
                message = f"Unknown key {answer!r}: press {self.keys['help']} for help."


def run(
    project: Project,
    stage: Stage,
    reviewer: str,
    drive: Callable[[Callable[[Ask], Outcome]], Outcome],
    engine: Callable[[Settings], Engine] = SyncEngine,
    clock: Callable[[], float] = time.time,
    only_maybe: bool = False,
    opener: Opener = _no_viewer,
) -> Outcome:
    """`review screen`: lock the reviewer's log, open the session, let `drive` run its loop.

    `drive(loop)` calls `loop(ask)` with the terminal's `ask` (ui/screen_view.run); `opener`
    opens a report in the system viewer (ui/viewer.py).
    """
    with reviewer_lock(project, stage, reviewer):
        session = open_session(project, stage, reviewer, engine, clock, only_maybe, opener)
        try:
            if not session.units:
                raise ReviewError(
                    f"nothing to screen at {stage}"
                    + (
                        ": no record is included at title/abstract yet" if stage == Stage.FULL_TEXT
                        else ": no records imported"
                    ),
                    hint=(
                        "screen title/abstract first" if stage == Stage.FULL_TEXT
                        else "run `review import FILE --source NAME`"
                    ),
                )
            return drive(session.run)
        finally:
            session.engine.close()


def ending(outcome: Outcome, only_maybe: bool = False) -> str:
    """What the end of a session means: done, maybes waiting, or to be resumed."""
    if not outcome.finished:
        return "Run `review screen` again to resume."
    if only_maybe:
        return "All your maybes are decided."
    if outcome.maybe:
        waiting = "1 is a maybe and waits" if outcome.maybe == 1 else (
            f"{outcome.maybe} are maybes and wait")
        return (f"Every record has a decision, but {waiting} for a final one: "
                "`review screen --maybe`.")
    return "All records screened."


def dedup_notice(project: Project) -> str:
    """Why the records about to be screened may hold duplicates ('' when they cannot)."""
    ran, n = units_store.not_deduplicated(project)
    if not n:
        return ""
    if not ran:
        return (f"`review dedup` has not run: the {n} imported record(s) would be screened as "
                "they are, so a study found in two sources comes up once per copy")
    return (f"{n} record(s) imported since the last `review dedup` are not deduplicated: a "
            "copy of a study already screened would come up again")


def open_session(
    project: Project,
    stage: Stage,
    reviewer: str,
    engine: Callable[[Settings], Engine] = SyncEngine,
    clock: Callable[[], float] = time.time,
    only_maybe: bool = False,
    opener: Opener = _no_viewer,
) -> Session:
    """A session over the stage's units (call inside `store.locking.reviewer_lock`)."""
    members = units_store.groups(project)
    return Session(
        project, stage, reviewer, engine=engine, clock=clock, members=members,
        only_maybe=only_maybe, opener=opener,
    )


__all__ = [
    "BackgroundEngine", "Card", "Engine", "Outcome", "Session", "Settings", "Status", "StopResult",
    "SyncEngine", "dedup_notice", "ending", "open_session", "parse_stage", "reasons_for",
    "resolve_reviewer", "resume", "stop",
]
