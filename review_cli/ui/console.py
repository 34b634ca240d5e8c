"""Consoles, messages and progress bars. Data goes to stdout, chatter to stderr."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from review_cli.errors import ReviewError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    out: Console
    err: Console

# Rich is imported on first use: `review prisma` prints two lines and should not pay its import.
_consoles: dict[str, Console] = {}


def _console(name: str) -> Console:
    if name not in _consoles:
        from rich.console import Console

        _consoles[name] = Console(stderr=name == "err", highlight=False, soft_wrap=True)
    return _consoles[name]


def __getattr__(name: str) -> Any:
    if name in ("out", "err"):
        return _console(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def interactive() -> bool:
    """True when a person is at the keyboard: never in CI or with piped stdin."""
    return sys.stdin.isatty() and sys.stdout.isatty() and not os.environ.get("CI")


def confirm(question: str) -> bool:
    """A yes/no question on the terminal; anything but y or yes is no."""
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    try:
        answer = input()
    except EOFError:
        return False
    return answer.strip().casefold() in ("y", "yes")


def print_error(e: ReviewError) -> None:
    if _plain():
        sys.stderr.write(f"Error: {e.message}\n" + (f"Hint: {e.hint}\n" if e.hint else ""))
        return
    from rich.markup import escape

    # Messages quote user text (ids, paths, TOML keys like [[reviewers]]): never markup.
    err = _console("err")
    err.print(f"[bold red]Error:[/] {escape(e.message)}", markup=True, highlight=False)
    if e.hint:
        err.print(f"[bold]Hint:[/] {escape(e.hint)}", markup=True, highlight=False)


def _plain() -> bool:
    """No terminal on stderr: no colours to draw, so no console is needed."""
    return not sys.stderr.isatty()


def info(message: str) -> None:
    if _plain():
        sys.stderr.write(message + "\n")
        return
    _console("err").print(message, markup=False, highlight=False)


def warn(message: str) -> None:
    if _plain():
        sys.stderr.write(f"Warning: {message}\n")
        return
    from rich.markup import escape

    _console("err").print(f"[yellow]Warning:[/] {escape(message)}", markup=True, highlight=False)


class RichProgress:
    """A progress bar on stderr implementing `review_cli.progress.Progress`."""

    def __init__(self) -> None:
        self._bar: Progress | None = None
        self._task: int | None = None

    def start(self, label: str, total: int | None = None) -> None:
        self.done()
        if _plain():  # no terminal: a bar is not drawn, and its stop would print blank lines
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=_console("err"),
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
