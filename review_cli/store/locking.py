"""Who may write now: one command at a time rewrites a review's shared files, and one session
at a time appends to a reviewer's decision log.

Both are file locks from `filelock` (flock on Linux and macOS, LockFileEx on Windows): the
operating system releases them when the process exits or dies, so a crash never leaves a
stale lock. Stage functions take them themselves (`@locked`), so the CLI, the demo, search and
tests are locked alike. filelock is imported on first use: it costs start-up time that
`review --help` and `review status` should not pay.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from review_cli.errors import ReviewError
from review_cli.model import Stage
from review_cli.project import Project
from review_cli.store import transaction

if TYPE_CHECKING:
    from filelock import BaseFileLock

P = ParamSpec("P")
R = TypeVar("R")


def _lock(path: Path, reentrant: bool) -> BaseFileLock:
    from filelock import FileLock

    path.parent.mkdir(parents=True, exist_ok=True)
    # `reentrant`: one lock object per file in this process (is_singleton), so a stage that
    # runs another (search runs import and dedup) holds the lock it already has. Otherwise each
    # holder opens the file anew and a second holder is refused, even in the same process.
    return FileLock(path, timeout=0, is_singleton=reentrant)


@contextmanager
def write_lock(project: Project, command: str) -> Iterator[None]:
    """Held while a command rewrites shared files. A second `review import` started while one
    runs would read the records before the first wrote them and write them back without its
    records: it is refused instead. The first holder completes a commit a killed process left
    half-done (`transaction.recover`) before anything else is read."""
    from filelock import Timeout

    lock = _lock(project.write_lock_path, reentrant=True)
    try:
        lock.acquire()
    except Timeout:
        raise ReviewError(
            "another `review` command (import, dedup, include, prisma or "
            "search) is writing this review",
            hint=f"wait for it to finish, then run `review {command}` again",
        ) from None
    try:
        if lock.lock_counter == 1:
            transaction.recover(project)
        yield
    finally:
        lock.release()


def locked(
    command: str,
) -> Callable[[Callable[Concatenate[Project, P], R]], Callable[Concatenate[Project, P], R]]:
    """`@locked("dedup")` on a stage function whose first argument is the project: it runs
    holding the write lock (see `write_lock`)."""

    def deco(fn: Callable[Concatenate[Project, P], R]) -> Callable[Concatenate[Project, P], R]:
        @functools.wraps(fn)
        def wrapper(project: Project, /, *args: P.args, **kwargs: P.kwargs) -> R:
            with write_lock(project, command):
                return fn(project, *args, **kwargs)

        return wrapper

    return deco


def settle(project: Project) -> None:
    """Before a command reads the review: complete a commit a killed command left half-done,
    if no other command is writing (one that is will complete it). Cheap when there is none."""
    if not transaction.pending(project):
        return
    from filelock import Timeout

    try:
        with write_lock(project, "status"):
            pass
    except (ReviewError, Timeout, OSError):
        pass  # being written now, or a read-only copy: read what is there


@contextmanager
def reviewer_lock(project: Project, stage: Stage | str, reviewer: str) -> Iterator[None]:
    """One writer per log: a second screen (or decide) for this reviewer and stage is refused.
    `stage` may also name another task with per-reviewer logs ("extract", "appraise-TOOL")."""
    from filelock import Timeout

    path = (project.screen_lock_path(stage, reviewer) if isinstance(stage, Stage)
            else project.task_lock_path(stage, reviewer))
    owner = path.with_suffix(".owner")
    lock = _lock(path, reentrant=False)
    try:
        lock.acquire()
    except Timeout:
        try:
            holder = owner.read_text(encoding="ascii").strip() or "?"
        except OSError:
            holder = "?"
        doing = f"screening {stage}" if isinstance(stage, Stage) else f"working on {stage}"
        raise ReviewError(
            f"{reviewer} is already {doing} in another window (process {holder})",
            hint="finish or quit that session first (press q there); one "
            "session per reviewer and stage",
        ) from None
    try:
        try:
            owner.write_text(f"{os.getpid()}\n", encoding="ascii")
        except OSError:
            pass  # only the refusal message uses it
        yield
    finally:
        lock.release()
