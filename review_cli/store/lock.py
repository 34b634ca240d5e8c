"""review.lock: what each stage read, with which parameters, and what it wrote.

Schema-versioned JSON. Versions and hashes live here, never in the data files, so the data
files stay byte-identical across tool versions. `stale()` compares the recorded hashes with the
files on disk to say which stages must be re-run. A stage records itself in the same
transaction as its outputs, so the lock never describes files that were not written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from review_cli import __version__
from review_cli.errors import ParseError, ReviewError
from review_cli.io.writer import read_json, sha256_file
from review_cli.project import Project
from review_cli.store.transaction import Transaction

SCHEMA = "1"
# Stages computed from every decision log: a log that appears after they ran (a reviewer's first
# full-text decision, a first reconciliation) makes them stale although no recorded input changed.
READS_DECISION_LOGS = frozenset({"include", "prisma", "report"})


@dataclass(frozen=True)
class Staleness:
    stage: str
    reason: str


LOCK_HINT = ("review.lock is written by review: restore it from git "
             "(`git checkout -- review.lock`), or delete it and run the stages again")


def load(project: Project, data: Any = None) -> dict[str, Any]:
    """review.lock, checked (`data`: its content already read, e.g. staged in a transaction)."""
    path = project.lock_path
    if data is None:
        if not path.exists():
            return {"schema": SCHEMA, "stages": {}}
        try:
            data = read_json(path)
        except ParseError as e:
            raise ParseError(
                path, e.message.split(": ", 1)[-1], line=e.line, hint=e.hint or LOCK_HINT
            ) from None
    if not isinstance(data, dict) or not isinstance(data.get("stages"), dict):
        raise ParseError(path, "not a lock file (no `stages` object)", hint=LOCK_HINT)
    if data.get("schema") != SCHEMA:
        raise ReviewError(
            f"{path}: unknown lock schema {data.get('schema')!r}",
            hint="it was written by another version of review; re-run the stages to rewrite it",
        )
    for name, entry in data["stages"].items():
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k, {}), dict) for k in ("inputs", "outputs")
        ):
            raise ParseError(
                path, f"stage `{name}` is not a table of inputs and outputs", hint=LOCK_HINT
            )
    return data


def _hash(project: Project, path: Path, known: Mapping[Path, str], tx: Transaction | None) -> str:
    if path in known:
        return known[path]
    if tx is not None and path in tx.hashes:
        return tx.hashes[path]
    return sha256_file(path) if path.exists() else "missing"


def record(
    tx: Transaction,
    stage: str,
    inputs: Iterable[Path],
    outputs: Iterable[Path],
    params: Mapping[str, Any] | None = None,
    known: Mapping[Path, str] | None = None,
) -> None:
    """Stage the lock entry of `stage` in `tx`, after its outputs were staged there.

    Outputs are hashed as staged; inputs as `known` gives them (files the stage hashed when it
    read them, so big files are not read again: the hash of what was read, not of what is on
    disk by now), else as they are on disk."""
    project = tx.project
    known = known or {}
    staged = tx.staged(project.lock_path)
    data = load(project, orjson.loads(staged) if staged is not None else None)
    data["stages"][stage] = {
        "tool_version": __version__,
        "params": dict(params or {}),
        "inputs": {project.rel(p): _hash(project, p, known, None) for p in sorted(set(inputs))},
        "outputs": {project.rel(p): _hash(project, p, known, tx) for p in sorted(set(outputs))},
    }
    for kind in ("inputs", "outputs"):
        data["stages"][stage][kind] = dict(sorted(data["stages"][stage][kind].items()))
    data["stages"] = dict(sorted(data["stages"].items()))
    tx.write_json(project.lock_path, data)


def stale(project: Project) -> list[Staleness]:
    """Stages whose recorded inputs or outputs no longer match the files on disk."""
    out: list[Staleness] = []
    for stage, entry in load(project)["stages"].items():
        found = len(out)
        for kind in ("inputs", "outputs"):
            for rel, digest in entry.get(kind, {}).items():
                path = project.root / rel
                now = sha256_file(path) if path.exists() else "missing"
                if now != digest:
                    verb = "changed" if now != "missing" else "is missing"
                    what = "input" if kind == "inputs" else "output"
                    out.append(Staleness(stage, f"{what} {rel} {verb} since `review {stage}` ran"))
                    break
        if len(out) == found and stage in READS_DECISION_LOGS:
            recorded = entry.get("inputs", {})
            new = [rel for rel in map(project.rel, project.decision_logs()) if rel not in recorded]
            if new:
                out.append(Staleness(stage, f"input {new[0]} is new since `review {stage}` ran"))
    return out
