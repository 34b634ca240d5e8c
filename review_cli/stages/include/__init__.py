"""The inclusion log: every record's final status across the stages.

One line per imported record in `include/log.jsonl`, sorted by id: which screening unit (dedup
cluster) it belongs to, which PRISMA arm counts it, and where it left the flow (a duplicate of
which record, ineligible by automation and why, excluded at title/abstract or full text with the
reason, not retrieved, included, or still waiting for a decision). `review prisma` counts its
boxes from the same `Inclusion`, so the log and the diagram can never disagree.

Arms: a dedup cluster holding at least one database or register record belongs to the
"databases and registers" arm, and its records from other methods (websites, organisations,
citation searching) are counted as duplicates in the other-methods arm, which PRISMA 2020 uses
for studies not already found in the databases. A cluster of other-method records only belongs
to the other-methods arm.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from review_cli.model import DBR_KINDS, Stage, Verdict
from review_cli.project import Project
from review_cli.protocol import Protocol
from review_cli.store import flow, lock
from review_cli.store import inclusion as inclusion_store
from review_cli.store.decisions import Final
from review_cli.store.flow import RecordInfo
from review_cli.store.locking import locked
from review_cli.store.stopping import Stop
from review_cli.store.stopping import describe as describe_stop
from review_cli.store.transaction import transaction

STAGE = "include"
UNSCREENED_OPTION_IGNORED = (
    '`[screening] unscreened = "automation"` in review.toml no longer removes the records nobody '
    "screened: a stop must be recorded with who, when and on which rule's verdict (`review "
    "stop`); until then they wait for a decision"
)


class Arm(StrEnum):
    """Which side of the PRISMA 2020 diagram counts a unit."""

    DBR = "databases-registers"
    OTHER = "other-methods"


class Status(StrEnum):
    """Where a record left the flow (or that it has not left it yet)."""

    DUPLICATE = "duplicate"  # another record of its cluster stands for it
    # the protocol's limits removed it, or nobody screened it and screening stopped on a
    # stopping rule's verdict (`review stop`)
    INELIGIBLE = "ineligible-automation"
    # nobody screened it and screening stopped by the reviewers' decision, no rule having said so
    REMOVED_OTHER = "removed-other"
    EXCLUDED_TA = "excluded-title-abstract"
    # no final title/abstract decision (unscreened, maybe, conflict)
    PENDING_TA = "pending-title-abstract"
    NOT_RETRIEVED = "not-retrieved"  # sought for retrieval, full text not obtained
    EXCLUDED_FT = "excluded-full-text"
    PENDING_FT = "pending-full-text"  # included at title/abstract, no final full-text decision
    INCLUDED = "included"


PENDING = (Status.PENDING_TA, Status.PENDING_FT)
_VALUE: dict[Arm | Status, str] = {m: m.value for m in (*Arm, *Status)}  # `.value` is slow per row
EXCLUDED = (Status.EXCLUDED_TA, Status.EXCLUDED_FT)
_STAGE_OF = {
    Status.EXCLUDED_TA: str(Stage.TITLE_ABSTRACT),
    Status.PENDING_TA: str(Stage.TITLE_ABSTRACT),
    Status.NOT_RETRIEVED: str(Stage.FULL_TEXT),
    Status.EXCLUDED_FT: str(Stage.FULL_TEXT),
    Status.PENDING_FT: str(Stage.FULL_TEXT),
    Status.INCLUDED: str(Stage.FULL_TEXT),
}


class Unit(NamedTuple):
    """One screening unit (dedup cluster) and its final status."""

    id: str
    arm: Arm
    kept: str  # the record that stands for the unit in the flow
    members: tuple[str, ...]
    status: Status
    reason: str = ""  # exclusion reason code, or why automation removed it
    detail: str = ""  # what a pending unit waits for


@dataclass
class Inclusion:
    protocol: Protocol
    records: dict[str, RecordInfo]
    units: dict[str, Unit]
    ta: dict[str, Final]
    ft: dict[str, Final]
    # stage -> decided ids that are no unit
    orphans: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    stop: Stop | None = None  # the reviewers' recorded stop in force

    def unit_of(self) -> dict[str, Unit]:
        return {rid: u for u in self.units.values() for rid in u.members}

    def reason_label(self, code: str) -> str:
        labels = {r.code: r.label for r in self.protocol.reasons}
        return labels.get(code, code)

    def rows(self) -> list[dict[str, Any]]:
        """The inclusion log, one row per record, sorted by record id."""
        return list(self.iter_rows())

    def iter_rows(self) -> Iterator[dict[str, Any]]:
        """`rows()` one at a time: 100,000s of rows need not all be held at once."""
        unit_of = self.unit_of()
        labels = {r.code: r.label for r in self.protocol.reasons}
        records = self.records
        for rid in sorted(records):
            rec = records[rid]
            unit = unit_of[rid]
            if rid != unit.kept:
                also = (
                    "; already identified via databases and registers"
                    if rec.kind not in DBR_KINDS and records[unit.kept].kind in DBR_KINDS
                    else ""
                )
                yield {"id": rid, "unit": unit.id, "source": rec.source, "arm": _VALUE[unit.arm],
                       "status": "duplicate", "stage": "", "reason": "", "reason_label": "",
                       "duplicate_of": unit.kept, "detail": f"duplicate of {unit.kept}{also}",
                       "title": rec.title}
                continue
            status, reason = unit.status, unit.reason
            yield {"id": rid, "unit": unit.id, "source": rec.source, "arm": _VALUE[unit.arm],
                   "status": _VALUE[status], "stage": _STAGE_OF.get(status, ""), "reason": reason,
                   "reason_label": (
                       labels.get(reason, reason) if reason and status in EXCLUDED else ""
                   ),
                   "duplicate_of": "", "detail": unit.detail, "title": rec.title}

    def status_counts(self) -> dict[str, int]:
        counts = Counter(r["status"] for r in self.iter_rows())
        return {str(s): counts.get(str(s), 0) for s in Status}

    def pending(self) -> list[Unit]:
        return [u for u in self.units.values() if u.status in PENDING]


def build(project: Project, cache: bool = True) -> Inclusion:
    """Every unit's final status, from records, clusters, limits and decisions on disk."""
    return compute(flow.read(project, cache))


def compute(inputs: flow.Inputs) -> Inclusion:
    """Every unit's final status (pure: no file is read)."""
    protocol = inputs.protocol
    warnings = list(inputs.warnings)
    if protocol.screening.unscreened == "automation":
        warnings.append(UNSCREENED_OPTION_IGNORED)
    stopped = Stopped.of(inputs.stop)
    units = _units(protocol, inputs.units, inputs.ta, inputs.ft, stopped)
    if inputs.stop is not None:
        later = sum(1 for u in units.values() if u.detail == NOT_SCREENED)
        if later:
            warnings.append(
                f"{later} record(s) nobody screened were not there when screening stopped "
                f"({inputs.stop.time}), so the stop does not cover them: screen them, or run "
                "`review stop` again")
    known = {r.code for r in protocol.reasons}
    unknown: Counter[str] = Counter()
    for u in units.values():
        if u.reason and u.status in EXCLUDED and u.reason not in known:
            unknown[u.reason] += 1
    for code, n in sorted(unknown.items()):
        warnings.append(f"{n} exclusion(s) give the reason `{code}`, which review.toml no longer "
                        "defines; the log and the diagram show the bare code (add it back under "
                        "[[exclusion_reasons]])")
    orphans = {
        str(stage): sorted(finals.keys() - units.keys())
        for stage, finals in ((Stage.TITLE_ABSTRACT, inputs.ta), (Stage.FULL_TEXT, inputs.ft))
    }
    orphans = {k: v for k, v in orphans.items() if v}
    for stage, ids in orphans.items():
        warnings.append(
            f"{len(ids)} {stage} decision(s) are on ids that are no screening unit "
            f"(e.g. {', '.join(ids[:3])}); they are not counted"
        )
    return Inclusion(protocol, inputs.records, units, inputs.ta, inputs.ft, orphans, warnings,
                     inputs.stop)


def _pending_detail(final: Final) -> str:
    if final.conflict:
        return "conflict between " + " and ".join(final.by) + ": needs reconciliation"
    if final.verdict == Verdict.NOT_RETRIEVED:
        return "not-retrieved is a full-text verdict; decide the title/abstract"
    return "undecided (maybe, or waiting for another reviewer): " + ", ".join(final.by)


NOT_SCREENED = "not screened yet"


class Stopped(NamedTuple):
    """The units a stop left unscreened, and how PRISMA counts them."""

    units: frozenset[str]
    status: Status
    reason: str

    @classmethod
    def of(cls, stop: Stop | None) -> Stopped:
        if stop is None:
            return cls(frozenset(), Status.PENDING_TA, "")
        return cls(frozenset(stop.unscreened),
                   Status.INELIGIBLE if stop.rule else Status.REMOVED_OTHER,
                   "not screened: " + describe_stop(stop))


def _status(
    protocol: Protocol, uid: str, ta: dict[str, Final], ft: dict[str, Final],
    stopped: Stopped,
) -> tuple[Status, str, str]:
    t = ta.get(uid)
    if t is None:
        if uid in stopped.units:
            return stopped.status, stopped.reason, ""
        return Status.PENDING_TA, "", NOT_SCREENED
    if t.verdict == Verdict.EXCLUDE:
        return Status.EXCLUDED_TA, t.reason, ""
    if t.verdict != Verdict.INCLUDE:
        return Status.PENDING_TA, "", _pending_detail(t)
    f = ft.get(uid)
    if f is None:
        return Status.PENDING_FT, "", "full text not assessed yet"
    if f.verdict == Verdict.INCLUDE:
        return Status.INCLUDED, "", ""
    if f.verdict == Verdict.EXCLUDE:
        return Status.EXCLUDED_FT, f.reason, ""
    if f.verdict == Verdict.NOT_RETRIEVED:
        return Status.NOT_RETRIEVED, f.reason, ""
    return Status.PENDING_FT, "", _pending_detail(f)


def _units(protocol: Protocol, shapes: Sequence[flow.UnitShape], ta: dict[str, Final],
           ft: dict[str, Final], stopped: Stopped) -> dict[str, Unit]:
    """Each unit with its final status: ineligible by the protocol's limits, else as decided."""
    limits = protocol.limits
    active = limits.active
    units: dict[str, Unit] = {}
    # the limits read the year and language only
    limit_memo: dict[tuple[int | None, str], str | None] = {}
    ta_get, exclude, new = ta.get, Verdict.EXCLUDE, tuple.__new__
    for cid, dbr, kept, members, year, language in shapes:
        why = None
        if active:
            key = (year, language)
            if key not in limit_memo:
                limit_memo[key] = limits.ineligible(year, language)
            why = limit_memo[key]
        t = ta_get(cid)
        if why:
            status, reason, detail = Status.INELIGIBLE, why, ""
        elif t is not None and t.verdict == exclude:  # most units: `_status` without the call
            status, reason, detail = Status.EXCLUDED_TA, t.reason, ""
        else:
            status, reason, detail = _status(protocol, cid, ta, ft, stopped)
        units[cid] = new(
            Unit, (cid, Arm.DBR if dbr else Arm.OTHER, kept, members, status, reason, detail)
        )
    return units


@dataclass
class IncludeResult:
    path: str
    counts: dict[str, int]
    warnings: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "counts": self.counts, "warnings": self.warnings}


@locked("include")
def run(project: Project) -> IncludeResult:
    """Write include/log.jsonl and record it in review.lock."""
    sources, known = flow.hashed_files(project)
    data = flow.read(project)
    known.update(data.hashes)  # records.jsonl: the hash of the bytes that were read
    inc = compute(data)
    with transaction(project) as tx:
        inclusion_store.write(tx, inclusion_store.encode(inc.iter_rows()))
        lock.record(tx, STAGE, sources, [project.include_log_path], known=known)
    return IncludeResult(project.rel(project.include_log_path), inc.status_counts(), inc.warnings)


def statuses_of(inc: Inclusion, ids: Iterable[str]) -> list[str]:
    """`id (status: detail)` for error messages."""
    out = []
    for uid in ids:
        u = inc.units[uid]
        out.append(f"{uid} ({u.detail or u.status})")
    return out


_YEAR = re.compile(r"^published \d+, ")
_LANGUAGE = re.compile(r"^language .*?, not in ")


def automation_category(why: str) -> str:
    """Group automation reasons without the record's own year or language."""
    return _LANGUAGE.sub("language not in ", _YEAR.sub("published ", why))


__all__ = [
    "NOT_SCREENED", "PENDING", "UNSCREENED_OPTION_IGNORED", "Arm", "IncludeResult", "Inclusion",
    "RecordInfo", "Status", "Stopped", "Unit",
    "automation_category", "build", "compute", "run", "statuses_of",
]
