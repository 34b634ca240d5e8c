"""What the PRISMA flow (`review include`, `review prisma`, and the counts other commands show)
is computed from: the records' summaries, the clusters and the final decisions of each stage,
read together. A view over several files, not a file of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from review_cli.io.writer import sha256_file
from review_cli.model import Stage
from review_cli.project import Project
from review_cli.protocol import Protocol
from review_cli.store import clusters as clusters_store
from review_cli.store import records as records_store
from review_cli.store.decisions import Final, final_decisions
from review_cli.store.records import Summary


class Inputs(NamedTuple):
    protocol: Protocol
    records: list[Summary]
    clusters: list[tuple[str, list[str]]]  # (cluster id, member ids) as clusters.jsonl holds them
    ta: dict[str, Final]  # final title/abstract decisions, by unit
    ft: dict[str, Final]  # final full-text decisions, by unit
    hashes: dict[Path, str]  # sha256 of the files read whole (for review.lock)


def read(project: Project, cache: bool = True) -> Inputs:
    """Read everything the flow needs. `cache`: the store may save what it derived from the
    records for the next run (False: write nothing, as `review prisma --check` promises)."""
    protocol = project.protocol
    summaries, digest = records_store.summaries(project, cache)
    clusters = [(cid, c["records"]) for cid, c in clusters_store.read(project).items()]
    hashes = {project.records_path: digest} if digest != "missing" else {}
    return Inputs(protocol, summaries, clusters, final_decisions(project, Stage.TITLE_ABSTRACT),
                  final_decisions(project, Stage.FULL_TEXT), hashes)


def files(project: Project) -> list[Path]:
    """Every file the flow is computed from (for review.lock)."""
    paths = [project.protocol_path, project.records_path, project.clusters_path]
    return [p for p in paths if p.exists()] + project.decision_logs()


def hashed_files(project: Project) -> tuple[list[Path], dict[Path, str]]:
    """The flow's input files and, but for records.jsonl (hashed as it is read), their sha256,
    taken before they are read: a decision appended while a stage runs then leaves its output
    stale, as `review status` says, never wrongly current."""
    sources = files(project)
    return sources, {p: sha256_file(p) for p in sources if p != project.records_path}
