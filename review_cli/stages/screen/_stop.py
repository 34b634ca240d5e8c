"""`review stop`: the reviewers' explicit decision to stop screening titles and abstracts
before every record was screened, recorded with who, when, on which stopping rule's verdict and
the rules' figures at that moment (`store/stopping.py`).

The rules are evaluated as the reviewer's own screen shows them (their decisions in the order
they made them). A stop names a rule only if that rule said stop: stopping early anyway is
allowed, and is recorded, drawn and counted as the reviewers' decision.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from review_cli.errors import ReviewError, UsageError
from review_cli.model import Stage
from review_cli.project import Project
from review_cli.stages.rank.stopping import RULES
from review_cli.store import decisions as dec
from review_cli.store import stopping as stopping_store
from review_cli.store import units as units_store
from review_cli.store.locking import locked, reviewer_lock
from review_cli.store.stopping import Stop

STAGE = Stage.TITLE_ABSTRACT


@dataclass
class StopResult:
    line: Stop
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = self.line.to_json()
        data["unscreened"] = len(self.line.unscreened)
        return {"stop": data, "warnings": self.warnings}


@locked("stop")
def stop(project: Project, reviewer: str, rule: str | None = None, note: str = "",
         clock: Callable[[], float] = time.time) -> StopResult:
    """Record that screening stops now. `rule`: the stopping rule it is stopped on (default:
    the first rule that says stop, statistical first); one that has not said stop is recorded
    as the reviewers' decision, with a warning."""
    from review_cli.stages.screen import open_session

    if rule is not None and rule not in RULES:
        raise UsageError(f"unknown stopping rule `{rule}`", hint="one of: " + ", ".join(RULES))
    with reviewer_lock(project, STAGE, reviewer):
        session = open_session(project, STAGE, reviewer)
        try:
            verdicts = session.stopping()
            decided = [d for rid, d in session.latest.items() if rid in session.index]
        finally:
            session.engine.close()
    units = {r.id for r in units_store.stage_units(project, STAGE)}
    finals = dec.final_decisions(project, STAGE)
    unscreened = sorted(units - finals.keys())
    if not unscreened:
        raise ReviewError("every record has a title/abstract decision: there is nothing left "
                          "to stop screening", hint="`review prisma` draws the diagram")
    fired = [v.rule for v in verdicts if v.stop]
    warnings = []
    chosen = rule or (fired[0] if fired else "")
    if chosen and chosen not in fired:
        warnings.append(f"the {chosen} stopping rule has not said stop: the stop is recorded as "
                        "the reviewers' decision, not as the rule's")
        note = (note + "; " if note else "") + f"asked to stop on the {chosen} rule, which had " \
            "not said stop"
        chosen = ""
    elif not chosen:
        warnings.append("no stopping rule has said stop: the stop is recorded as the reviewers' "
                        "decision, and PRISMA counts the unscreened records as removed for "
                        "other reasons")
    previous = stopping_store.in_force(project, str(STAGE))
    if previous is not None:
        warnings.append(f"this replaces the stop {previous.reviewer} recorded at {previous.time}")
    figures = {
        "screened": len(decided),
        "units": len(session.units),
        "relevant": sum(1 for d in decided if d.verdict in ("include", "maybe")),
        "rules": [asdict(v) for v in verdicts],
    }
    line = Stop("stop", str(STAGE), reviewer, dec.iso(clock()), chosen, figures,
                tuple(unscreened), note)
    stopping_store.append(project, [line])
    return StopResult(line, warnings)


@locked("stop")
def resume(project: Project, reviewer: str, note: str = "",
           clock: Callable[[], float] = time.time) -> StopResult:
    """Withdraw the stop in force: the unscreened records wait for a decision again."""
    previous = stopping_store.in_force(project, str(STAGE))
    if previous is None:
        raise ReviewError("screening is not stopped: there is no stop to take back",
                          hint="`review stop` records a decision to stop")
    line = Stop("resume", str(STAGE), reviewer, dec.iso(clock()), note=note)
    stopping_store.append(project, [line])
    return StopResult(line)
