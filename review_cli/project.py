"""A review project on disk: finds the root and owns every artifact path.

No other module builds a path inside a review by hand, so the layout is described once, here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from review_cli.errors import NotAReviewError
from review_cli.model import Stage
from review_cli.protocol import Protocol, load_protocol, slug

PROTOCOL_FILE = "review.toml"
LOCK_FILE = "review.lock"

__all__ = ["Project", "slug"]


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The review containing `start` (default: $REVIEW_DIR or the current folder)."""
        try:
            here = (start or Path(os.environ.get("REVIEW_DIR") or Path.cwd())).resolve()
        except FileNotFoundError:
            raise NotAReviewError(
                "the current folder no longer exists (deleted or moved by another program)",
                hint="cd into the review folder again",
            ) from None
        for folder in (here, *here.parents):
            if (folder / PROTOCOL_FILE).is_file():
                return cls(folder)
        raise NotAReviewError(
            f"no {PROTOCOL_FILE} in {here} or any folder above it",
            hint="run `review init` to start a review here, or cd into an existing one",
        )

    # --- human-edited inputs -------------------------------------------------------------
    @property
    def protocol_path(self) -> Path:
        return self.root / PROTOCOL_FILE

    @cached_property
    def protocol(self) -> Protocol:
        return load_protocol(self.protocol_path)

    @property
    def searches_dir(self) -> Path:
        return self.root / "searches"

    def source_dir(self, source: str) -> Path:
        return self.searches_dir / slug(source)

    # --- stage outputs -------------------------------------------------------------------
    @property
    def lock_path(self) -> Path:
        return self.root / LOCK_FILE

    @property
    def records_path(self) -> Path:
        return self.root / "import" / "records.jsonl"

    @property
    def import_report_path(self) -> Path:
        return self.root / "import" / "report.json"

    @property
    def dedup_dir(self) -> Path:
        return self.root / "dedup"

    @property
    def clusters_path(self) -> Path:
        return self.dedup_dir / "clusters.jsonl"

    @property
    def dedup_queue_path(self) -> Path:
        return self.dedup_dir / "uncertain.jsonl"

    @property
    def dedup_decisions_path(self) -> Path:
        """Manual pair decisions, append-only; survives re-runs."""
        return self.dedup_dir / "decisions.jsonl"

    def decisions_path(self, stage: Stage, reviewer: str) -> Path:
        """One append-only log per reviewer per stage, so git merges never conflict."""
        return self.root / "screen" / str(stage) / f"{slug(reviewer)}.jsonl"

    def decisions_dir(self, stage: Stage) -> Path:
        return self.root / "screen" / str(stage)

    def reconciled_path(self, stage: Stage) -> Path:
        return self.root / "screen" / "reconciled" / f"{stage}.jsonl"

    def decision_logs(self) -> list[Path]:
        """Every decision log that exists: per stage, each reviewer's (by name), then the
        reconciled one."""
        paths: list[Path] = []
        for stage in Stage:
            folder = self.decisions_dir(stage)
            if folder.is_dir():
                paths.extend(sorted(folder.glob("*.jsonl")))
            paths.append(self.reconciled_path(stage))
        return [p for p in paths if p.is_file()]

    @property
    def stop_log_path(self) -> Path:
        """The reviewers' decisions to stop screening before every record was screened, and
        their withdrawals (append-only: who, when, on which rule's verdict, its figures)."""
        return self.root / "screen" / "stopped.jsonl"

    def torn_path(self, stage: Stage, reviewer: str) -> Path:
        """Bytes of torn decision lines moved out of a log when it was repaired, kept for audit."""
        return self.root / "screen" / str(stage) / f"{slug(reviewer)}.torn"

    @property
    def fulltext_dir(self) -> Path:
        """Full-text reports (PDFs) named by unit or record id, shown at full-text screening."""
        return self.root / "fulltext"

    @property
    def fulltext_index_path(self) -> Path:
        """Where each report came from (source, URL, licence, size, sha256, when): versioned,
        while the reports themselves are git-ignored unless the protocol says otherwise."""
        return self.fulltext_dir / "index.jsonl"

    def report_path(self, unit: str, kind: str) -> Path:
        """A unit's report: `fulltext/<unit id>.pdf` (`.html`, `.xml` for a web full text)."""
        return self.fulltext_dir / f"{unit}.{kind}"

    def screen_lock_path(self, stage: Stage, reviewer: str) -> Path:
        """Held while a reviewer screens or decides a stage: one writer per log."""
        return self.cache_dir / "locks" / f"screen-{stage}-{slug(reviewer)}.lock"

    def screen_state_path(self, stage: Stage, reviewer: str) -> Path:
        """The record a reviewer's screen was showing, so a restart resumes exactly there."""
        return self.cache_dir / "screen" / f"{stage}-{slug(reviewer)}.json"

    @property
    def include_dir(self) -> Path:
        return self.root / "include"

    @property
    def include_log_path(self) -> Path:
        """The inclusion log: every record's final status, one JSON line per record."""
        return self.include_dir / "log.jsonl"

    @property
    def prisma_dir(self) -> Path:
        return self.root / "prisma"

    @property
    def prisma_json_path(self) -> Path:
        return self.prisma_dir / "prisma.json"

    @property
    def prisma_svg_path(self) -> Path:
        return self.prisma_dir / "prisma.svg"

    @property
    def prisma_mermaid_path(self) -> Path:
        return self.prisma_dir / "prisma.mmd"

    @property
    def prisma_csv_path(self) -> Path:
        """The counts in the layout the PRISMA2020 R package and Shiny app read."""
        return self.prisma_dir / "PRISMA.csv"

    # --- after inclusion: extraction and appraisal, one append-only log per reviewer ------
    @property
    def extract_dir(self) -> Path:
        return self.root / "extract"

    def extraction_log_path(self, reviewer: str) -> Path:
        return self.extract_dir / f"{slug(reviewer)}.jsonl"

    @property
    def extraction_reconciled_path(self) -> Path:
        return self.extract_dir / "reconciled.jsonl"

    @property
    def appraise_dir(self) -> Path:
        return self.root / "appraise"

    def appraisal_dir(self, tool: str) -> Path:
        return self.appraise_dir / slug(tool)

    def appraisal_log_path(self, tool: str, reviewer: str) -> Path:
        return self.appraisal_dir(tool) / f"{slug(reviewer)}.jsonl"

    def appraisal_reconciled_path(self, tool: str) -> Path:
        return self.appraisal_dir(tool) / "reconciled.jsonl"

    def torn_log_path(self, log: Path) -> Path:
        """Bytes of a torn last line moved out of an extraction or appraisal log, for audit."""
        return log.with_suffix(".torn")

    def task_lock_path(self, task: str, reviewer: str) -> Path:
        """Held while a reviewer extracts or appraises: one writer per log."""
        return self.cache_dir / "locks" / f"{slug(task)}-{slug(reviewer)}.lock"

    @property
    def search_log_path(self) -> Path:
        return self.root / "search" / "log.jsonl"

    @property
    def demo_dir(self) -> Path:
        """Written by `review demo` only: the generator's ground truth (labels per study)."""
        return self.root / "demo"

    @property
    def demo_labels_path(self) -> Path:
        return self.demo_dir / "labels.jsonl"

    @property
    def cache_dir(self) -> Path:
        """Machine-local, rebuildable state (feature caches, process locks); git-ignored."""
        return self.root / ".review"

    @property
    def flow_cache_path(self) -> Path:
        """The records' summaries and the units the clusters make of them (store/flow.py)."""
        return self.cache_dir / "flow.marshal"

    @property
    def write_lock_path(self) -> Path:
        """Held while a command rewrites shared files (store/locking.py)."""
        return self.cache_dir / "locks" / "write.lock"

    @property
    def journal_path(self) -> Path:
        """The renames of a commit in progress (store/transaction.py)."""
        return self.cache_dir / "journal.json"

    def rel(self, path: Path) -> str:
        """A path relative to the root, with POSIX separators, as stored in files."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
