"""review.lock: what each stage read, with which parameters, and what it wrote.

Schema-versioned JSON. Versions and hashes live here, never in the data files, so the data
files stay byte-identical across tool versions. `stale()` compares the recorded hashes with the
files on disk to say which stages must be re-run.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from review_cli import __version__
from review_cli.errors import ParseError, ReviewError
from review_cli.io.writer import read_json, sha256_file, write_json
from review_cli.project import Project

SCHEMA = "1"
# Stages computed from every decision log: a log that appears after they ran (a reviewer's first
# full-text decision, a first reconciliation) makes them stale although no recorded input changed.
READS_DECISION_LOGS = frozenset({"include", "prisma"})


@dataclass(frozen=True)
class Staleness:
    stage: str
    reason: str


LOCK_HINT = ("review.lock is written by review: restore it from git (`git checkout -- review.lock`), "
             "or delete it and run the stages again")


def load(project: Project) -> dict[str, Any]:
    if not project.lock_path.exists():
        return {"schema": SCHEMA, "stages": {}}
    try:
        data = read_json(project.lock_path)
    except ParseError as e:
        raise ParseError(project.lock_path, e.message.split(": ", 1)[-1], line=e.line, hint=e.hint or LOCK_HINT) from None
    if not isinstance(data, dict) or not isinstance(data.get("stages"), dict):
        raise ParseError(project.lock_path, "not a lock file (no `stages` object)", hint=LOCK_HINT)
    if data.get("schema") != SCHEMA:
        raise ReviewError(
            f"{project.lock_path}: unknown lock schema {data.get('schema') if isinstance(data, dict) else data!r}",
            hint="it was written by another version of review; re-run the stages to rewrite it",
        )
    return data


def _hashes(project: Project, paths: Iterable[Path], known: Mapping[Path, str]) -> dict[str, str]:
    out = {}
    for p in sorted(set(paths)):
        digest = known.get(p)
        out[project.rel(p)] = digest if digest is not None else sha256_file(p) if p.exists() else "missing"
    return dict(sorted(out.items()))


def record(
    project: Project,
    stage: str,
    inputs: Iterable[Path],
    outputs: Iterable[Path],
    params: Mapping[str, Any] | None = None,
    known: Mapping[Path, str] | None = None,
) -> None:
    """Record that `stage` just ran; call after its outputs are written.

    `known` maps paths the stage has just hashed itself (files it read or wrote whole, as
    `sha256_bytes`/`sha256_file` give them) to their hash, so big files are not read again."""
    data = load(project)
    data["stages"][stage] = {
        "tool_version": __version__,
        "params": dict(params or {}),
        "inputs": _hashes(project, inputs, known or {}),
        "outputs": _hashes(project, outputs, known or {}),
    }
    data["stages"] = dict(sorted(data["stages"].items()))
    write_json(project.lock_path, data)


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


_held: dict[Path, int] = {}  # review root -> the descriptor holding its lock, in this process


def _forget_locks() -> None:
    """In a forked child: the lock belongs to the parent. The child's copy of the descriptor
    would keep the lock held after the parent exits (a child that writes a cache in the
    background would refuse the user's next command), so it is closed."""
    for fd in _held.values():
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks)


@contextmanager
def exclusive(project: Project, command: str) -> Iterator[None]:
    """Only one command at a time rewrites a review's shared files: a second `review import`
    started while one runs would read the records before the first wrote them and write them
    back without its records. The second one is refused. The lock is a flock on the review
    folder itself (no lock file to leave behind; the kernel releases it when the process exits
    or dies); re-entrant within a process."""
    root = project.root.resolve()
    if root in _held:  # an outer block of this process holds it until it ends
        yield
        return
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReviewError(
                "another `review` command (import, dedup, include, prisma or search) is writing this review",
                hint=f"wait for it to finish, then run `review {command}` again",
            ) from None
        except OSError:
            pass  # a file system without flock on folders (some network mounts): run unlocked, as before
        load(project)  # a broken review.lock fails the command before it writes anything
        _held[root] = fd
        try:
            yield
        finally:
            _held.pop(root, None)
    finally:
        os.close(fd)  # closing the descriptor releases the lock
