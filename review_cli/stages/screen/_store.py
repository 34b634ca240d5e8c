"""What screening reads and writes on disk: the units of a stage, one reviewer's log, the
process lock, torn-line repair, the resume pointer and full-text locations.

Kept apart from the loop (`screen.py`) so `review decide`, `review reconcile` and the loop share
exactly one way of writing a decision.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from review_cli.errors import ReviewError, UsageError
from review_cli.io.writer import append_line, append_lines, write_bytes
from review_cli.model import Decision, Record, Stage, Verdict
from review_cli.project import Project, slug
from review_cli.protocol import ExclusionReason
from review_cli.store import decisions as dec
from review_cli.store.units import clusters, screening_records


def iso(seconds: float) -> str:
    """ISO 8601 UTC with seconds precision, the `time` of a decision line."""
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stage(text: str) -> Stage:
    """--stage; an unknown name is bad usage (exit 2), like any option value Typer refuses."""
    try:
        return Stage(text)
    except ValueError:
        raise UsageError(
            f"unknown stage `{text}`", hint="use title-abstract or full-text"
        ) from None


def reasons_for(project: Project, stage: Stage) -> tuple[ExclusionReason, ...]:
    """The protocol's exclusion reasons valid at this stage, in protocol order (the menu)."""
    return tuple(r for r in project.protocol.reasons if str(stage) in r.stages)


# --- units -----------------------------------------------------------------------------------


def stage_units(project: Project, stage: Stage) -> list[Record]:
    """The records a reviewer screens at `stage`, sorted by id.

    Title/abstract: every unit the protocol's limits leave eligible (the rest were excluded by
    automation and are never shown). Full text: the units whose final title/abstract decision
    is include.
    """
    units = [r for r in screening_records(project) if project.protocol.limits.ineligible(r.year, r.language) is None]
    if stage == Stage.TITLE_ABSTRACT:
        return units
    finals = dec.final_decisions(project, Stage.TITLE_ABSTRACT)
    return [r for r in units if (f := finals.get(r.id)) is not None and f.verdict == Verdict.INCLUDE]


def limited_units(project: Project) -> dict[str, str]:
    """Units the protocol's limits excluded by automation -> why."""
    return {r.id: why for r in screening_records(project) if (why := project.protocol.limits.ineligible(r.year, r.language)) is not None}


def unit_index(project: Project) -> dict[str, str]:
    """Any record id (cluster member or unit) -> its unit id."""
    out: dict[str, str] = {}
    for cid, members in clusters(project).items():
        out[cid] = cid
        for m in members:
            out.setdefault(m, cid)
    return out


# --- who is screening ------------------------------------------------------------------------


def git_user() -> str:
    try:
        done = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=2, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def resolve_reviewer(project: Project, name: str | None, strict: bool = True) -> str:
    """--reviewer, else $REVIEW_REVIEWER, else git's user.name or the protocol's only reviewer.

    With `strict`, a protocol that lists reviewers must list this one: a typo would otherwise
    start a third, silent log and break the team's agreement figures.
    """
    listed = project.protocol.reviewers
    chosen = name or os.environ.get("REVIEW_REVIEWER", "").strip()
    if not chosen:
        git = git_user()
        if git and (not listed or any(slug(git) == slug(r) for r in listed)):
            chosen = git
        elif len(listed) == 1:
            chosen = listed[0]
        elif not listed and git:
            chosen = git
    if not chosen:
        raise ReviewError(
            "who is screening? no --reviewer given",
            hint="pass --reviewer NAME (one of: " + ", ".join(listed) + ") or set REVIEW_REVIEWER"
            if listed else "pass --reviewer NAME or set REVIEW_REVIEWER",
        )
    if strict and listed:
        match = next((r for r in listed if slug(r) == slug(chosen)), None)
        if match is None:
            raise ReviewError(
                f"`{chosen}` is not a reviewer in review.toml (reviewers: {', '.join(listed)})",
                hint="pass --reviewer with one of those names, or add a [[reviewers]] entry",
            )
        return match
    return chosen


# --- the process lock ------------------------------------------------------------------------


@contextmanager
def reviewer_lock(project: Project, stage: Stage, reviewer: str) -> Iterator[None]:
    """One writer per log: a second screen (or decide) for this reviewer and stage is refused.

    flock is released by the kernel when the process exits or dies, so a crash never leaves
    a stale lock behind.
    """
    path = project.screen_lock_path(stage, reviewer)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            raise ReviewError(
                f"{reviewer} is already screening {stage} in another window (process {holder})",
                hint="finish or quit that session first (press q there); one session per reviewer and stage",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


# --- one reviewer's log ----------------------------------------------------------------------


@dataclass
class Repair:
    path: Path
    line: int
    saved_to: Path

    def message(self, project: Project) -> str:
        return (
            f"{project.rel(self.path)}:{self.line}: incomplete last line (the program stopped while "
            f"writing it); it was not a confirmed decision. Its bytes were moved to "
            f"{project.rel(self.saved_to)} for audit; record it again if needed."
        )


def repair_torn(project: Project, stage: Stage, reviewer: str) -> Repair | None:
    """Move a torn last line out of the log, so the next decision starts on its own line.

    A torn line was never confirmed (the append did not finish, so the screen never moved on).
    Its bytes are appended to `<reviewer>.torn` next to the log, then the log is truncated to
    its last complete line. Call only while holding `reviewer_lock`.
    """
    path = project.decisions_path(stage, reviewer)
    log = dec.read_log(path)
    if log.torn_line is None:
        return None
    data = path.read_bytes()
    cut = data.rfind(b"\n") + 1
    torn = project.torn_path(stage, reviewer)
    previous = torn.read_bytes() if torn.exists() else b""
    write_bytes(torn, previous + data[cut:] + b"\n")
    fd = os.open(path, os.O_WRONLY)
    try:
        os.ftruncate(fd, cut)
        os.fsync(fd)
    finally:
        os.close(fd)
    return Repair(path, log.torn_line, torn)


def append(project: Project, decision: Decision) -> None:
    """Append one decision and fsync it: it is on disk before the next record is shown."""
    append_line(project.decisions_path(decision.stage, decision.reviewer), decision.to_json())


def append_batch(project: Project, stage: Stage, reviewer: str, decisions: list[Decision]) -> None:
    """Append a scripted batch (`review decide`) with one fsync: on disk as a whole on return."""
    append_lines(project.decisions_path(stage, reviewer), [d.to_json() for d in decisions])


def append_reconciled(project: Project, decision: Decision) -> None:
    append_line(project.reconciled_path(decision.stage), decision.to_json())


# --- resume pointer (machine-local) ------------------------------------------------------------


def load_pointer(project: Project, stage: Stage, reviewer: str) -> str | None:
    path = project.screen_state_path(stage, reviewer)
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("current")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def save_pointer(project: Project, stage: Stage, reviewer: str, record: str) -> None:
    """Machine-local and rebuildable, so written without fsync (it is on the keypress path):
    a pointer lost or torn by a power cut only means resuming at the top of the ranking."""
    path = project.screen_state_path(stage, reviewer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"current": record}) + "\n", encoding="utf-8")


# --- full text -------------------------------------------------------------------------------


def fulltext_location(project: Project, unit: Record, members: list[str]) -> str:
    """A file in fulltext/ named by the unit or a member id, else the record's URL or DOI link."""
    folder = project.fulltext_dir
    if folder.is_dir():
        for rid in (unit.id, *members):
            for path in sorted(folder.glob(f"{rid}.*")):
                return project.rel(path)
    if unit.url:
        return unit.url
    if unit.doi:
        return f"https://doi.org/{unit.doi}"
    return ""
