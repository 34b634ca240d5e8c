"""`review status`: where the review stands and what is stale."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from review_cli.io.writer import iter_jsonl
from review_cli.project import Project
from review_cli.stages.import_ import load_report
from review_cli.store import lock


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
    report = load_report(project)
    for entry in report:
        st = per_source.setdefault(entry["source"], SourceStatus(entry["source"], "database"))
        st.files += 1
        st.skipped += len(entry["skipped"])
    counts: Counter[str] = Counter()
    total = 0
    ids: set[str] = set()
    for _, obj in iter_jsonl(project.records_path, require=("id", "source")):
        counts[obj["source"]] += 1
        ids.add(obj["id"])
        total += 1
    for name, n in counts.items():
        per_source.setdefault(name, SourceStatus(name, "database")).records = n
    known = {e["file"] for e in report}
    unimported = sorted(
        project.rel(p)
        for p in project.searches_dir.rglob("*")
        if p.is_file() and p.name != "README.md" and not p.name.startswith(".") and project.rel(p) not in known
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
    if project.clusters_path.exists():
        status.stages["dedup"] = _dedup_counts(project, ids)
    from review_cli.stages.team import stage_counts

    status.stages.update(stage_counts(project))
    for name, stage_count in status.stages.items():
        if stage_count.get("decisions on no unit"):
            status.warnings.append(
                f"{name}: {stage_count['decisions on no unit']} final decision(s) are on ids that are no screening unit any more "
                "(a dedup merge put them in another unit, or their records were removed); they are not counted: "
                "decide those units again (`review prisma` names them)"
            )
    return status


def _dedup_counts(project: Project, ids: set[str]) -> dict[str, Any]:
    """As `dedup.counts` gives them, from the record ids alone (status stays quick)."""
    from review_cli.stages import dedup

    clustered: set[str] = set()
    kept = 0
    for obj in dedup.load_clusters(project).values():
        members = obj["records"]
        clustered.update(members)
        kept += any(m in ids for m in members)
    new = len(ids - clustered)
    counts: dict[str, Any] = {
        "records": len(ids),
        "duplicates removed": len(ids) - kept - new,
        "unique": kept + new,
        "uncertain pairs": len(dedup.load_queue(project)),
    }
    if new:
        counts["not deduplicated yet"] = new
    return counts
