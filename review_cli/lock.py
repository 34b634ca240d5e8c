"""review.lock: what each stage read, with which parameters, and what it wrote.

Schema-versioned JSON. Versions and hashes live here, never in the data files, so the data
files stay byte-identical across tool versions. `stale()` compares the recorded hashes with the
files on disk to say which stages must be re-run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from review_cli import __version__
from review_cli.errors import ReviewError
from review_cli.io.writer import read_json, sha256_file, write_json
from review_cli.project import Project

SCHEMA = "1"


@dataclass(frozen=True)
class Staleness:
    stage: str
    reason: str


def load(project: Project) -> dict[str, Any]:
    if not project.lock_path.exists():
        return {"schema": SCHEMA, "stages": {}}
    data = read_json(project.lock_path)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ReviewError(
            f"{project.lock_path}: unknown lock schema {data.get('schema') if isinstance(data, dict) else data!r}",
            hint="it was written by another version of review; re-run the stages to rewrite it",
        )
    return data


def _hashes(project: Project, paths: Iterable[Path], known: Mapping[Path, str]) -> dict[str, str]:
    out = {}
    for p in sorted(set(paths)):
        out[project.rel(p)] = known.get(p) or (sha256_file(p) if p.exists() else "missing")
    return dict(sorted(out.items()))


def record(
    project: Project,
    stage: str,
    inputs: Iterable[Path],
    outputs: Iterable[Path],
    params: Mapping[str, Any] | None = None,
    known: Mapping[Path, str] | None = None,
) -> None:
    """Record that `stage` just ran; call after its outputs are written. `known`: sha256 of
    files the stage hashed already (as `sha256_file` gives them), not read again."""
    known = known or {}
    data = load(project)
    data["stages"][stage] = {
        "tool_version": __version__,
        "params": dict(params or {}),
        "inputs": _hashes(project, inputs, known),
        "outputs": _hashes(project, outputs, known),
    }
    data["stages"] = dict(sorted(data["stages"].items()))
    write_json(project.lock_path, data)


def stale(project: Project) -> list[Staleness]:
    """Stages whose recorded inputs or outputs no longer match the files on disk."""
    out = []
    for stage, entry in load(project)["stages"].items():
        for kind in ("inputs", "outputs"):
            for rel, digest in entry.get(kind, {}).items():
                path = project.root / rel
                now = sha256_file(path) if path.exists() else "missing"
                if now != digest:
                    verb = "changed" if now != "missing" else "is missing"
                    what = "input" if kind == "inputs" else "output"
                    out.append(Staleness(stage, f"{what} {rel} {verb} since `review {stage}` ran"))
                    break
    return out
