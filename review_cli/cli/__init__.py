"""The `review` command: a thin Typer layer over the stage functions.

Each command parses its options, calls one stage function and renders the result. Command
groups live in sibling modules; each registers its commands on `app` when imported below.
"""

from __future__ import annotations

from review_cli.cli import (
    appraise_cmds,  # noqa: F401  (appraise and its commands)
    dedup_cmds,  # noqa: F401  (registers dedup)
    demo_cmds,  # noqa: F401  (registers demo)
    extract_cmds,  # noqa: F401  (extract and its commands)
    fulltext_cmds,  # noqa: F401  (fulltext fetch, attach, missing)
    prisma_cmds,  # noqa: F401  (include, prisma, audit)
    project_cmds,  # noqa: F401  (registers init, import, status, export)
    screen_cmds,  # noqa: F401  (screen, decide, conflicts, reconcile, agreement)
    search_cmds,  # noqa: F401  (registers search, report)
    simulate_cmds,  # noqa: F401  (registers simulate)
)
from review_cli.cli.base import app


def main() -> None:
    app()


__all__ = ["app", "main"]
