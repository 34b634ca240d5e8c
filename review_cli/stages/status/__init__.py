"""`review status`: where the review stands and what is stale."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from review_cli.model import Stage, Verdict
from review_cli.project import Project
from review_cli.stages.status import _after
from review_cli.store import clusters as clusters_store
from review_cli.store import decisions as dec
from review_cli.store import flow, lock
from review_cli.store import fulltext as fulltext_store
from review_cli.store import records as records_store
from review_cli.store import units as units_store


@dataclass
class SourceStatus:
    name: str
    kind: str
    files: int = 0
    records: int = 0
    skipped: int = 0


@dataclass
class Status:
    root: str
    title: str
    sources: list[SourceStatus]
    records: int
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    stale: list[dict[str, str]] = field(default_factory=list)
    unimported: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "root": self.root,
            "title": self.title,
            "records": self.records,
            "sources": [vars(s) for s in self.sources],
            "stages": self.stages,
            "stale": self.stale,
            "unimported_files": self.unimported,
            "warnings": self.warnings,
        }


def run(project: Project) -> Status:
    protocol = project.protocol
    per_source: dict[str, SourceStatus] = {
        s.name: SourceStatus(s.name, str(s.kind)) for s in protocol.sources
    }
    report = records_store.read_report(project)
    for entry in report:
        st = per_source.setdefault(entry["source"], SourceStatus(entry["source"], "database"))
        st.files += 1
        st.skipped += len(entry["skipped"])
    shaped, _ = flow.read_units(project)
    counts = Counter(r.source for r in shaped.records.values())
    total = len(shaped.records)
    for name, n in counts.items():
        per_source.setdefault(name, SourceStatus(name, "database")).records = n
    known = {e["file"] for e in report}
    unimported = sorted(
        project.rel(p)
        for p in project.searches_dir.rglob("*")
        if p.is_file() and p.name != "README.md" and not p.name.startswith(".")
        and project.rel(p) not in known
    ) if project.searches_dir.exists() else []
    status = Status(
        root=str(project.root),
        title=protocol.title,
        sources=list(per_source.values()),
        records=total,
        stages={"import": {"files": len(report), "records": total}},
        stale=[{"stage": s.stage, "reason": s.reason} for s in lock.stale(project)],
        unimported=unimported,
    )
    clusters = clusters_store.read(project)  # read once: the largest file after the records
    if clusters_store.exists(project):
        status.stages["dedup"] = _dedup_counts(project, shaped, clusters)
    status.stale[:0] = _dedup_staleness(shaped, status.stages.get("dedup"), status.stale)
    status.warnings.extend(dec.torn_logs(project))
    status.stages.update(stage_counts(project, shaped, clusters))
    after, warnings = _after.counts(project)  # extraction and appraisal
    status.stages.update(after)
    status.warnings += warnings
    for name, stage_count in status.stages.items():
        if stage_count.get("decisions on no unit"):
            status.warnings.append(
                f"{name}: {stage_count['decisions on no unit']} final decision(s) are on ids that "
                "are no screening unit any more (a dedup merge put them in another unit, or "
                "their records were removed); they are not counted: decide those units again "
                "(`review prisma` names them)"
            )
    return status


def _dedup_staleness(shaped: flow.Units, counts: dict[str, Any] | None,
                     stale: list[dict[str, str]]) -> list[dict[str, str]]:
    """Dedup is stale when it never ran on imported records, or records came after it ran: the
    screen would serve every copy of a duplicate as a record of its own."""
    if not shaped.records:
        return []
    if counts is None:
        return [{"stage": "dedup", "reason": f"never run on the {len(shaped.records)} imported "
                 "records: duplicates would be screened once per copy (run `review dedup`)"}]
    new = counts.get("not deduplicated yet", 0)
    if not new:
        return []
    stale[:] = [s for s in stale if s["stage"] != "dedup"]  # this says it better
    return [{
        "stage": "dedup", "reason": f"{new} record(s) imported since the last `review dedup` are "
        "not deduplicated yet (run `review dedup`)"}]


def _dedup_counts(project: Project, shaped: flow.Units,
                  clusters: Mapping[str, clusters_store.Cluster]) -> dict[str, Any]:
    """As `dedup.counts` gives them: every record stands for a unit or is a duplicate."""
    clustered = {m for c in clusters.values() for m in c["records"]}
    new = sum(1 for rid in shaped.records if rid not in clustered)
    counts: dict[str, Any] = {
        "records": len(shaped.records),
        "duplicates removed": len(shaped.records) - len(shaped.units),
        "unique": len(shaped.units),
        "uncertain pairs": len(clusters_store.read_queue(project)),
    }
    if new:
        counts["not deduplicated yet"] = new
    return counts


def stage_counts(project: Project, shaped: flow.Units | None = None,
                 clusters: Mapping[str, clusters_store.Cluster] | None = None
                 ) -> dict[str, dict[str, Any]]:
    """Per-stage screening counts for `review status`; `shaped` and `clusters` as the caller has
    read them already (each costs about a second at 100,000 records)."""
    out: dict[str, dict[str, Any]] = {}
    started = [
        s for s in Stage if project.decisions_dir(s).is_dir() or project.reconciled_path(s).exists()
    ]
    if not started:
        return out
    to_unit = dec.unit_map(project, clusters)
    by_reviewer = {stage: dec.reviewer_latest(project, stage, to_unit) for stage in started}
    finals = {stage: dec.final_decisions(project, stage, to_unit, by_reviewer[stage])
              for stage in started}
    ta = finals.get(Stage.TITLE_ABSTRACT) or dec.final_decisions(
        project, Stage.TITLE_ABSTRACT, to_unit)
    ids = units_store.ids_by_stage(project, ta, shaped)
    for stage in started:
        units = ids[stage]
        counts: dict[str, Any] = {"units": len(units)}
        for name, decided in sorted(by_reviewer[stage].items()):
            counts[f"screened by {name}"] = sum(1 for r in decided if r in units)
        final = finals[stage]
        for verdict in (Verdict.INCLUDE, Verdict.EXCLUDE, Verdict.NOT_RETRIEVED):
            n = sum(1 for f in final.values() if f.verdict == verdict and f.record in units)
            if n or verdict != Verdict.NOT_RETRIEVED:
                counts[f"final {verdict}"] = n
        counts["conflicts"] = sum(1 for f in final.values() if f.conflict)
        counts["undecided"] = len(units) - sum(
            1 for f in final.values() if f.verdict is not None and f.record in units
        )
        # Decisions on a unit a dedup merge absorbed (or a record since removed) count nowhere.
        orphans = [r for r in final if r not in ids[Stage.TITLE_ABSTRACT]]
        if orphans:
            counts["decisions on no unit"] = len(orphans)
        out[f"screen {stage}"] = counts
    sought = ids[Stage.FULL_TEXT]
    if sought:
        # A report the team still has to find is the usual hold-up before full-text screening.
        names = fulltext_store.report_names(project)
        groups = units_store.groups(project) if names else {}
        out["fulltext"] = {
            "reports sought": len(sought),
            "in fulltext/": sum(1 for u in sought
                                if u in names or any(m in names for m in groups.get(u, ()))),
        }
    return out
