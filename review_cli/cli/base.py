"""The Typer app and the one place errors become exit codes and messages."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from review_cli import __version__
from review_cli.errors import EXIT_ERROR, ReviewError, from_os_error
from review_cli.project import Project

F = TypeVar("F", bound=Callable[..., Any])


class _HelpFalse:
    """`--help` defaults to False, not None: Typer coerces a None flag value through pydantic,
    whose import costs every command ~80 ms of start-up (a bool is passed through as is)."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.default = False
        return option


class _Group(_HelpFalse, TyperGroup):
    pass


class _Command(_HelpFalse, TyperCommand):
    pass


class _DefaultGroup(_Group):
    """A group whose first argument, when it is none of its commands, goes to its default
    command: `review extract ID` is `review extract study ID`."""

    default = "study"

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [self.default, *args]
        return super().resolve_command(ctx, args)


app = typer.Typer(
    name="review",
    cls=_Group,
    help="A command-line pipeline for systematic reviews: import, dedup, "
    "screen, include, PRISMA 2020.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"review {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """A command-line pipeline for systematic reviews: import, dedup, screen, include, PRISMA 2020.

    Example: review init my-review && cd my-review && review import pubmed.nbib --source MEDLINE
    """


def group(name: str, help: str, default: bool = True) -> typer.Typer:
    """A command group (`review extract ...`) whose default command is `study` (`default`)."""
    sub = typer.Typer(name=name, cls=_DefaultGroup if default else _Group, help=help,
                      no_args_is_help=True,
                      rich_markup_mode=None, add_completion=False,
                      context_settings={"ignore_unknown_options": True} if default else None)
    app.add_typer(sub, name=name)
    return sub


def command(
    name: str | None = None, parent: typer.Typer | None = None, **kwargs: Any
) -> Callable[[F], F]:
    """Register a command whose ReviewErrors print as `Error:`/`Hint:` and exit 1, no traceback."""

    def deco(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kw: Any) -> Any:
            from review_cli.ui import console  # its rich consoles are made on first use

            try:
                return fn(*args, **kw)
            except ReviewError as e:
                console.print_error(e)
                raise typer.Exit(e.exit_code) from None
            except OSError as e:  # the disk or the permissions, not the input: no traceback either
                console.print_error(from_os_error(e))
                raise typer.Exit(EXIT_ERROR) from None
            except KeyboardInterrupt:
                console.err.print("Interrupted.")
                raise typer.Exit(130) from None
            except Exception as e:
                # A bug, not the user's input or disk: no traceback on a reviewer's screen, but
                # what happened and how to report it. REVIEW_DEBUG=1 shows the traceback (the
                # test suite sets it, so a bug fails its test instead of looking like an error).
                if os.environ.get("REVIEW_DEBUG"):
                    raise
                console.print_error(ReviewError(
                    f"review stopped on an unexpected error ({type(e).__name__}: {e})",
                    hint="this is a bug in review, not in your files: please report it with the "
                         "command you ran; REVIEW_DEBUG=1 shows where it happened",
                ))
                raise typer.Exit(EXIT_ERROR) from None

        (parent or app).command(name, cls=_Command, **kwargs)(wrapper)
        return fn

    return deco


def project_here() -> Project:
    """The review this command runs in; a commit a killed command left half-done is completed
    first (store/transaction.py), so every command reads a whole review."""
    from review_cli.store.locking import settle

    project = Project.find()
    settle(project)
    return project


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def write_or_print(text: str | Iterable[str], out: Path | None) -> None:
    """Data to a file (atomically) or to stdout; given in pieces, written as they come."""
    pieces = [text] if isinstance(text, str) else text
    if out is None:
        batch: list[str] = []
        size = 0
        for piece in pieces:  # a megabyte at a time: one write per record would be slow
            batch.append(piece)
            size += len(piece)
            if size >= 1 << 20:
                typer.echo("".join(batch), nl=False)
                batch, size = [], 0
        typer.echo("".join(batch), nl=False)
    else:
        from review_cli.io.writer import write_pieces

        if out.is_dir():
            raise ReviewError(
                f"cannot write {out}: it is a folder",
                hint="give a file name, e.g. --out records.csv",
            )
        blocking = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            raise ReviewError(
                f"cannot write {out}: {blocking} is a file, not a folder", hint="check the path"
            )
        write_pieces(out, pieces)  # no permission or a full disk: an OSError `command` reports


def write_binary(data: bytes, out: Path) -> None:
    """A binary file (a workbook) written atomically to `out`."""
    from review_cli.io.writer import write_bytes

    if out.is_dir():
        raise ReviewError(f"cannot write {out}: it is a folder",
                          hint="give a file name, e.g. --out extraction.xlsx")
    write_bytes(out, data)
