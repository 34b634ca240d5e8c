"""Consoles, messages and progress bars. Data goes to stdout, chatter to stderr."""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from review_cli.errors import ReviewError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def interactive() -> bool:
    """True when a person is at the keyboard: never in CI or with piped stdin."""
    return sys.stdin.isatty() and sys.stdout.isatty() and not os.environ.get("CI")


def print_error(e: ReviewError) -> None:
    err.print(f"[bold red]Error:[/] {e.message}", markup=True, highlight=False)
    if e.hint:
        err.print(f"[bold]Hint:[/] {e.hint}", markup=True, highlight=False)


def info(message: str) -> None:
    err.print(message, markup=False, highlight=False)


def warn(message: str) -> None:
    err.print(f"[yellow]Warning:[/] {message}", markup=True, highlight=False)


class RichProgress:
    """A progress bar on stderr implementing `review_cli.progress.Progress`."""

    def __init__(self) -> None:
        self._bar: Progress | None = None
        self._task: int | None = None

    def start(self, label: str, total: int | None = None) -> None:
        self.done()
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(label, total=total)

    def advance(self, n: int = 1) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task, n)  # type: ignore[arg-type]

    def done(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
