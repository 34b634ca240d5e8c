"""Everything the report says, read once from the review's files through the store and the
stages' pure computations: the PRISMA counts (`prisma.compute` over the flow, as `review
prisma` counts them), the searches, who screened and how well they agreed, the excluded full
texts, the tables, and the synthesis.

A part the review has not reached yet is None (or empty) with the reason, so the report can
leave a prompt there instead of failing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from review_cli.errors import ReviewError
from review_cli.instruments import Instrument
from review_cli.model import Stage
from review_cli.project import Project
from review_cli.protocol import Protocol
from review_cli.stages import appraise, export, extract, include, prisma, studies, synthesis, team
from review_cli.stages.include import Inclusion, Status
from review_cli.stages.search import report as search_report
from review_cli.store import decisions as decisions_store
from review_cli.store import extraction as extraction_store
from review_cli.store import flow as flow_store
from review_cli.store import search_log
from review_cli.store.units import screening_records


@dataclass
class Screening:
    """One screening stage: who decided, how many each, when, and the reconciliation."""

    stage: Stage
    reviewers: dict[str, int] = field(default_factory=dict)  # reviewer -> records decided
    first: str = ""
    last: str = ""
    reconciled: int = 0
    reconcilers: list[str] = field(default_factory=list)
    ranked: bool = False  # some decisions were made in the prioritised screen


@dataclass
class Excluded:
    label: str
    title: str
    id: str
    reason: str


@dataclass
class Pair:
    """Agreement between two reviewers on a task: values (or answers) both gave, the same."""

    a: str
    b: str
    both: int
    agree: int


@dataclass
class Facts:
    project: Project
    protocol: Protocol
    flow: prisma.Flow | None = None
    inclusion: Inclusion | None = None
    flow_problem: str = ""
    log: list[dict[str, Any]] = field(default_factory=list)
    searches: list[search_report.Row] = field(default_factory=list)
    screening: dict[Stage, Screening] = field(default_factory=dict)
    agreement: list[team.Agreement] = field(default_factory=list)
    studies: list[studies.Study] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    characteristics: Any = None  # export's Table, or None
    appraisal: Any = None
    instrument: Instrument | None = None
    extraction: list[Pair] = field(default_factory=list)
    extraction_reviewers: list[str] = field(default_factory=list)
    appraisal_pairs: list[Pair] = field(default_factory=list)
    appraisal_reviewers: list[str] = field(default_factory=list)
    synth: synthesis.Inputs | None = None
    checked: synthesis.Checked | None = None
    tables: dict[str, synthesis.Table] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what could not be read, for the warnings

    @property
    def counts(self) -> dict[str, int]:
        return self.flow.counts if self.flow else {}

    def identified(self) -> int:
        c = self.counts
        return sum(c.get(k, 0) for k in ("database_results", "register_results",
                                         "website_results", "organisation_results",
                                         "citations_results"))


def _screening(project: Project) -> dict[Stage, Screening]:
    out = {}
    for stage in Stage:
        s = Screening(stage)
        times: list[str] = []
        for name, log in decisions_store.reviewer_logs(project, stage).items():
            latest = decisions_store.latest(log.decisions)
            if latest:
                s.reviewers[name] = len(latest)
            times += [d.time for d in log.decisions]
            s.ranked = s.ranked or any(d.rank is not None for d in log.decisions)
        rec = decisions_store.reconciled_log(project, stage).decisions
        s.reconciled = len(decisions_store.latest(rec))
        s.reconcilers = sorted({d.reviewer for d in rec})
        times += [d.time for d in rec]
        if times:
            s.first, s.last = min(times)[:10], max(times)[:10]
        if s.reviewers or s.reconciled:
            out[stage] = s
    return out


def _excluded(project: Project, inc: Inclusion) -> list[Excluded]:
    units = {u.id: u for u in inc.units.values() if u.status == Status.EXCLUDED_FT}
    merged = {r.id: r for r in screening_records(project, set(units))}
    out = []
    for uid, unit in units.items():
        rec = merged.get(uid)
        who = studies.surname(rec.authors[0]) if rec is not None and rec.authors else ""
        year = rec.year if rec is not None and rec.year else "n.d."
        label = f"{who} {year}" if who else str(year)
        title = rec.title if rec is not None else inc.records[unit.kept].title
        out.append(Excluded(label, title, uid, inc.reason_label(unit.reason) if unit.reason
                            else prisma.NO_REASON_LABEL))
    return sorted(out, key=lambda e: (e.reason, e.label.casefold(), e.id))


def gather(project: Project, allow_pending: bool = False, cache: bool = True) -> Facts:
    """`cache`: as `flow.read` (`--check` writes nothing, not even the flow's cache)."""
    facts = Facts(project, project.protocol)
    try:
        inc = include.compute(flow_store.read(project, cache))
        facts.inclusion = inc
        facts.flow = prisma.compute(inc, allow_pending)
        facts.excluded = _excluded(project, inc)
    except ReviewError as e:
        facts.flow_problem = e.message
    facts.log = search_log.read(project)
    facts.searches = search_report.rows(project)
    facts.screening = _screening(project)
    facts.agreement = [a for a in team.agreement(project) if a.both]
    facts.studies = studies.included(project)
    if facts.studies:
        _after_inclusion(project, facts)
    return facts


def _after_inclusion(project: Project, facts: Facts) -> None:
    if project.protocol.extraction is not None:
        facts.characteristics = export.characteristics_table(project)
        rows = extract.agreement(project)
        facts.extraction_reviewers = sorted({n for r in rows for n in (r.a, r.b)})
        facts.extraction = _pairs([(r.a, r.b, r.both, r.agree) for r in rows])
        if not facts.extraction_reviewers:
            facts.extraction_reviewers = sorted(_extractors(project))
    try:
        facts.instrument = appraise.instrument_of(project, None)
        facts.appraisal = export.appraisal_table(project)
        rows_a = appraise.agreement(project, None)
        facts.appraisal_reviewers = sorted({n for r in rows_a for n in (r.a, r.b)})
        facts.appraisal_pairs = _pairs([(r.a, r.b, r.both, r.agree) for r in rows_a])
    except ReviewError as e:
        facts.notes.append(f"appraisal: {e.message}")
    data = synthesis.inputs(project, facts.studies)
    if synthesis.started(data):
        facts.synth = data
        facts.checked = synthesis.check_inputs(data)
        facts.tables = synthesis.tables(project, data)


def _extractors(project: Project) -> set[str]:
    return set(extraction_store.reviewer_logs(project))


def _pairs(rows: list[tuple[str, str, int, int]]) -> list[Pair]:
    both: Counter[tuple[str, str]] = Counter()
    agree: Counter[tuple[str, str]] = Counter()
    for a, b, n, k in rows:
        both[(a, b)] += n
        agree[(a, b)] += k
    return [Pair(a, b, both[(a, b)], agree[(a, b)]) for a, b in sorted(both)]
