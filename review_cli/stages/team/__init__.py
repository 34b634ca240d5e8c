"""Decisions made outside the screen, and the team's view of them: `review decide`,
`review conflicts`, `review reconcile`, `review agreement`, `review export decisions`, and the
screening counts in `review status`.

Agreement is computed on two categories: include (include or maybe: the record goes forward)
and exclude. Not-retrieved decisions are left out of agreement (nothing was judged).
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from review_cli.errors import ParseError, ReviewError
from review_cli.io.document import ZIP_MAGIC, decode
from review_cli.model import Decision, Stage, Verdict
from review_cli.project import Project
from review_cli.protocol import slug
from review_cli.stages.screen import reasons_for
from review_cli.store import decisions as dec
from review_cli.store import units as units_store
from review_cli.store.locking import reviewer_lock

DECISION_WORDS = {
    "include": Verdict.INCLUDE, "included": Verdict.INCLUDE, "i": Verdict.INCLUDE,
    "exclude": Verdict.EXCLUDE, "excluded": Verdict.EXCLUDE, "e": Verdict.EXCLUDE,
    "maybe": Verdict.MAYBE, "m": Verdict.MAYBE, "unsure": Verdict.MAYBE,
    "not-retrieved": Verdict.NOT_RETRIEVED, "not retrieved": Verdict.NOT_RETRIEVED,
    "undo": Verdict.UNDO,
}


# --- review decide ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Wanted:
    """One decision asked for on the command line or in a CSV row; `where` names it in errors."""

    id: str
    verdict: Verdict
    reason: str = ""
    note: str = ""
    where: str = ""


def read_decision_csv(path: Path) -> tuple[list[Wanted], list[str]]:
    """Rows of id,decision,reason[,note]; a header row (first cell `id`) is optional. Read
    as exports are (UTF-8, UTF-16 from Excel's "Unicode text", Windows-1252), with `;` or tab
    as the separator when the first row has no comma (Excel in many locales)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReviewError(f"cannot read {path}: {e.strerror}", hint="check the path") from e
    hint = "rows of id,decision,reason[,note], e.g. `4f2k9x1qzp,exclude,design`"
    if not data.strip():
        raise ParseError(path, "holds no decisions (the file is empty)", hint=hint)
    if data.startswith(ZIP_MAGIC):
        raise ParseError(path, "is a workbook, not a CSV file", hint="save it as CSV: " + hint)
    text = decode(path, data).text
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "," if "," in first else ";" if ";" in first else "\t" if "\t" in first else ","
    wanted: list[Wanted] = []
    errors: list[str] = []
    for number, row in enumerate(
        csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1
    ):
        if not row or not any(c.strip() for c in row):
            continue
        if number == 1 and row[0].strip().casefold() in ("id", "record", "record_id"):
            continue
        cells = [c.strip() for c in row] + ["", "", ""]
        verdict = DECISION_WORDS.get(cells[1].casefold())
        if verdict is None:
            errors.append(
                f"{path.name}:{number}: unknown decision `{cells[1]}` "
                "(use include, exclude, maybe, not-retrieved or undo)"
            )
            continue
        wanted.append(Wanted(cells[0], verdict, cells[2], cells[3], f"{path.name}:{number}"))
    return wanted, errors


@dataclass
class DecideResult:
    written: list[Decision] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    # asked for, but already this reviewer's decision in force: not written again
    unchanged: int = 0


def decide(
    project: Project,
    stage: Stage,
    reviewer: str,
    wanted: Sequence[Wanted],
    errors: Sequence[str] = (),
    clock: Callable[[], float] = time.time,
) -> DecideResult:
    """Validate every wanted decision first; write them all, or nothing, listing every error."""
    problems = list(errors)
    units = units_store.stage_ids(project, stage)
    to_unit = units_store.unit_index(project)
    all_units = (
        units_store.stage_ids(project, Stage.TITLE_ABSTRACT)
        if stage == Stage.FULL_TEXT else units
    )
    reasons = {r.code for r in reasons_for(project, stage)}
    limited = units_store.limited_units(project)
    undoing = [w for w in wanted if w.verdict == Verdict.UNDO]
    in_force = (
        dec.latest(dec.remap(dec.own_log(project, stage, reviewer).decisions, to_unit))
        if undoing else {}
    )
    undone: set[str] = set()
    resolved: list[tuple[str, Wanted]] = []
    for w in wanted:
        where = f"{w.where}: " if w.where else ""
        unit = to_unit.get(w.id, w.id)
        if unit not in units:
            if unit in all_units:
                problems.append(
                    f"{where}{w.id}: not included at title/abstract, so not screened at full text"
                )
            elif unit in limited:
                problems.append(
                    f"{where}{w.id}: excluded by the protocol's limits ({limited[unit]}), "
                    "not screened"
                )
            else:
                problems.append(f"{where}unknown id `{w.id}`")
            continue
        if w.verdict == Verdict.UNDO:
            # Withdraws this reviewer's latest decision in force, as the screen's `u` does.
            if unit not in in_force:
                problems.append(
                    f"{where}{w.id}: {reviewer} has no decision on it at {stage} to undo"
                )
            elif unit in undone:
                problems.append(f"{where}{w.id}: undo given twice")
            undone.add(unit)
        if w.verdict == Verdict.NOT_RETRIEVED and stage != Stage.FULL_TEXT:
            problems.append(f"{where}{w.id}: not-retrieved is a full-text decision")
        if w.reason and w.reason not in reasons:
            problems.append(f"{where}{w.id}: unknown reason code `{w.reason}` for {stage}")
        if w.reason and w.verdict != Verdict.EXCLUDE:
            problems.append(f"{where}{w.id}: a reason goes with an exclusion only")
        if stage == Stage.FULL_TEXT and w.verdict == Verdict.EXCLUDE and not w.reason:
            problems.append(f"{where}{w.id}: a full-text exclusion needs a reason")
        resolved.append((unit, w))
    if problems:
        codes = ", ".join(sorted(reasons)) or "none"
        raise ReviewError(
            f"{len(problems)} problem(s), nothing was written:\n  " + "\n  ".join(problems),
            hint="ids are unit or record ids (see `review export records`); reason "
            f"codes for {stage}: {codes}",
        )
    result = DecideResult()
    with reviewer_lock(project, stage, reviewer):
        repair = dec.repair_torn(project, stage, reviewer)
        if repair is not None:
            result.repaired.append(repair.message(project))
        now = dec.iso(clock())
        # Re-running a script (or `--from` the same export of another tool) must not append
        # every decision again: one already in force, same verdict, reason and note, is kept.
        current = {
            unit: (d.verdict, d.reason, d.note)
            for unit, d in dec.latest(
                dec.remap(dec.own_log(project, stage, reviewer).decisions, to_unit)
            ).items()
        }
        for unit, w in resolved:
            if w.verdict == Verdict.UNDO:
                note = w.note or f"undo {in_force[unit].verdict}"
                current.pop(unit, None)
                undone.add(unit)  # what is in force after an undo is the older line: write all
            elif unit not in undone and current.get(unit) == (w.verdict, w.reason, w.note):
                result.unchanged += 1
                continue
            else:
                note = w.note
                current[unit] = (w.verdict, w.reason, w.note)
            result.written.append(Decision(unit, w.verdict, stage, reviewer, now, w.reason, note))
        dec.append(project, result.written)
    return result


# --- conflicts -------------------------------------------------------------------------------


def agree_class(v: Verdict) -> str | None:
    if v in (Verdict.INCLUDE, Verdict.MAYBE):
        return "include"
    if v == Verdict.EXCLUDE:
        return "exclude"
    return None


@dataclass(frozen=True)
class Conflict:
    record: str
    title: str
    votes: dict[str, Decision]
    abstract: str = ""  # what the reconciler reads to decide

    def to_json(self) -> dict[str, Any]:
        return {
            "record": self.record,
            "title": self.title,
            "abstract": self.abstract,
            "decisions": {
                name: {"verdict": str(d.verdict), "reason": d.reason, "note": d.note}
                for name, d in sorted(self.votes.items())
            },
        }


def per_reviewer(project: Project, stage: Stage) -> dict[str, dict[str, Decision]]:
    return dec.reviewer_latest(project, stage)


def torn_warnings(project: Project, stage: Stage) -> list[str]:
    return [
        f"{project.rel(log.path)}:{log.torn_line}: incomplete last line, not counted "
        "(it is moved aside the next time that reviewer screens or decides)"
        for log in dec.reviewer_logs(project, stage).values()
        if log.torn_line is not None
    ]


def conflicts(project: Project, stage: Stage, ids: Sequence[str] | None = None) -> list[Conflict]:
    """Records two or more reviewers decided differently, not yet reconciled (only those of
    `ids`, unit or record ids, when given)."""
    finals = dec.final_decisions(project, stage)
    if ids is not None:
        to_unit = units_store.unit_index(project)
        wanted = {to_unit.get(i, i) for i in ids}
        finals = {rid: f for rid, f in finals.items() if rid in wanted}
    votes = per_reviewer(project, stage)
    conflicted = {rid for rid, final in finals.items() if final.conflict}
    # Only the conflicted units are merged from their full records (their abstracts are shown).
    units = {r.id: r for r in units_store.screening_records(project, conflicted)}
    out = []
    for rid, final in sorted(finals.items()):
        if not final.conflict:
            continue
        unit = units.get(rid)
        out.append(Conflict(
            rid, unit.title if unit else "", {n: v[rid] for n, v in votes.items() if rid in v},
            unit.abstract if unit else "",
        ))
    return out


# --- reconcile -------------------------------------------------------------------------------


@dataclass
class Resolution:
    record: str
    verdict: Verdict | None  # None: left for later
    reason: str = ""
    took: str = ""  # the reviewer whose decision was taken, if any
    note: str = ""


PARTY_NOTE = "was a party to this conflict"


def is_party(decision: Decision) -> bool:
    """Whether a reconciliation was made by one of the reviewers who disagreed."""
    return decision.note.endswith(PARTY_NOTE)


def reconcile(
    project: Project,
    stage: Stage,
    reconciler: str,
    resolutions: Iterable[Resolution],
    clock: Callable[[], float] = time.time,
) -> list[Decision]:
    """Record final decisions in screen/reconciled/<stage>.jsonl, with who made them. A
    reconciler who decided the record themselves is named in the note as a party to it."""
    reasons = {r.code for r in reasons_for(project, stage)}
    chosen = [r for r in resolutions if r.verdict is not None]
    votes = per_reviewer(project, stage)
    own = next((d for name, d in votes.items() if slug(name) == slug(reconciler)), {})
    problems = [
        f"{r.record}: unknown reason code `{r.reason}`"
        for r in chosen if r.reason and r.reason not in reasons
    ]
    problems += [
        f"{r.record}: a full-text exclusion needs a reason (--reason CODE)"
        for r in chosen
        if stage == Stage.FULL_TEXT and r.verdict == Verdict.EXCLUDE and not r.reason
    ]
    if problems:
        raise ReviewError("nothing was reconciled:\n  " + "\n  ".join(problems),
                          hint="reason codes: " + (", ".join(sorted(reasons)) or "none"))
    now = dec.iso(clock())
    written = []
    for r in chosen:
        assert r.verdict is not None
        note = r.note or (f"reconciled: took {r.took}" if r.took else "reconciled")
        if r.record in own:
            note += f"; {reconciler} {PARTY_NOTE}"
        d = Decision(
            r.record, r.verdict, stage, reconciler, now,
            r.reason if r.verdict == Verdict.EXCLUDE else "", note,
        )
        dec.append_reconciled(project, [d])
        written.append(d)
    return written


AskConflict = Callable[[Conflict, int, int], "Resolution | None"]


def walk(
    project: Project, stage: Stage, reconciler: str, ask: AskConflict,
    clock: Callable[[], float] = time.time,
) -> list[Decision]:
    """The interactive walk-through: `ask(conflict, position, count)` returns a resolution
    (verdict None: leave it for later) or None to stop; each is written as soon as it is made."""
    todo = conflicts(project, stage)
    written: list[Decision] = []
    for i, c in enumerate(todo, start=1):
        res = ask(c, i, len(todo))
        if res is None:
            break
        written += reconcile(project, stage, reconciler, [res], clock)
    return written


def take(conflict_list: Sequence[Conflict], name: str,
         reviewers: Sequence[str] = ()) -> list[Resolution]:
    """Resolve every conflict with reviewer `name`'s decision. `reviewers`: the protocol's
    reviewers and everyone with decisions at this stage; a name that is none of them is an
    error, conflicts or not."""
    names = sorted({n for c in conflict_list for n in c.votes})
    known = sorted(set(reviewers) | set(names))
    if slug(name) not in {slug(n) for n in known}:
        raise ReviewError(
            f"`{name}` is not a reviewer (not in review.toml, no decisions at this stage), so "
            "there is nothing of theirs to take",
            hint=("take one of: " + ", ".join(known)) if known else "nobody has decided yet",
        )
    if names and name.casefold() not in {n.casefold() for n in names}:
        raise ReviewError(
            f"`{name}` decided none of these conflicts", hint="take one of: " + ", ".join(names)
        )
    out = []
    for c in conflict_list:
        who = next((n for n in c.votes if n.casefold() == name.casefold()), None)
        if who is not None:
            out.append(Resolution(c.record, c.votes[who].verdict, c.votes[who].reason, took=who))
    return out


def resolve_ids(
    project: Project, stage: Stage, ids: Sequence[str], verdict: Verdict, reason: str
) -> list[Resolution]:
    units = units_store.stage_ids(project, stage)
    to_unit = units_store.unit_index(project)
    unknown = [i for i in ids if to_unit.get(i, i) not in units]
    if unknown:
        raise ReviewError("unknown id(s), nothing was reconciled: " + ", ".join(unknown),
                          hint="use the ids `review conflicts` lists")
    return [Resolution(to_unit.get(i, i), verdict, reason) for i in ids]


# --- agreement -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    stage: str
    a: str
    b: str
    both: int  # records both screened (include/exclude classes)
    agree: int
    table: tuple[int, int, int, int]  # (a inc & b inc, a inc & b exc, a exc & b inc, a exc & b exc)
    raw: float | None
    kappa: float | None
    pabak: float | None
    only_a: int
    only_b: int

    def to_json(self) -> dict[str, Any]:
        ii, ie, ei, ee = self.table
        return {
            "stage": self.stage, "reviewers": [self.a, self.b], "both": self.both,
            "agree": self.agree,
            "table": {
                "both_include": ii, "a_include_b_exclude": ie, "a_exclude_b_include": ei,
                "both_exclude": ee,
            },
            "raw": self.raw, "kappa": self.kappa, "pabak": self.pabak,
            "only_one": {self.a: self.only_a, self.b: self.only_b},
        }


def kappa_pabak(
    ii: int, ie: int, ei: int, ee: int
) -> tuple[float | None, float | None, float | None]:
    """(raw agreement, Cohen's kappa, PABAK) from a 2x2 table; None where undefined."""
    n = ii + ie + ei + ee
    if n == 0:
        return None, None, None
    po = (ii + ee) / n
    a_inc, b_inc = (ii + ie) / n, (ii + ei) / n
    pe = a_inc * b_inc + (1 - a_inc) * (1 - b_inc)
    kappa = None if pe >= 1 else (po - pe) / (1 - pe) + 0.0  # + 0.0: never a negative zero
    return po, kappa, 2 * po - 1 + 0.0


def agreement(project: Project) -> list[Agreement]:
    """Every pair of reviewers at every stage where both screened something."""
    out = []
    for stage in Stage:
        votes = per_reviewer(project, stage)
        for a, b in combinations(sorted(votes), 2):
            va = {r: c for r, d in votes[a].items() if (c := agree_class(d.verdict))}
            vb = {r: c for r, d in votes[b].items() if (c := agree_class(d.verdict))}
            common = sorted(set(va) & set(vb))
            cells = [0, 0, 0, 0]
            for r in common:
                cells[(0 if va[r] == "include" else 2) + (0 if vb[r] == "include" else 1)] += 1
            ii, ie, ei, ee = cells
            raw, kappa, pabak = kappa_pabak(ii, ie, ei, ee)
            out.append(Agreement(str(stage), a, b, len(common), ii + ee, (ii, ie, ei, ee),
                                 raw, kappa, pabak,
                                 len(set(va) - set(vb)), len(set(vb) - set(va))))
    return out
