"""Who is screening and what they may answer: the stage named on the command line, the
reviewer (from --reviewer, the environment, git or the protocol) and the exclusion reasons of
a stage. Shared by `review screen`, `review decide` and `review reconcile`."""

from __future__ import annotations

import os
import subprocess

from review_cli.errors import ReviewError, UsageError
from review_cli.model import Stage
from review_cli.project import Project, slug
from review_cli.protocol import ExclusionReason


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


# --- who is screening ------------------------------------------------------------------------


def git_user() -> str:
    try:
        done = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=2, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def resolve_reviewer(
    project: Project, name: str | None, strict: bool = True, task: str = "screening"
) -> str:
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
            f"who is {task}? no --reviewer given",
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
