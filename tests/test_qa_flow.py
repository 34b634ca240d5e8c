"""End-to-end reviewer workflow regressions: what a team (or CI) running a real review hit."""

from __future__ import annotations

import io

import pytest

from review_cli.errors import ReviewError
from review_cli.project import Project
from review_cli.ui import console
from review_cli.ui.console import RichProgress

from .conftest import invoke


def test_progress_writes_nothing_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    # Rich's transient bar still printed a blank line per bar into logs and CI output.
    bar = RichProgress()
    bar.start("Reading", total=3)
    bar.advance(3)
    bar.done()
    assert capsys.readouterr().err == ""


def test_error_hint_keeps_square_brackets(runner, review: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    # The hint said "add a [] entry": Rich read `[[reviewers]]` as markup and dropped it.
    result = invoke(runner, review, "decide", "abc", "--include", "--reviewer", "carol")
    assert result.exit_code == 1
    assert "add a [[reviewers]] entry" in result.stderr
    assert "Traceback" not in result.output

    from rich.console import Console

    buf = io.StringIO()
    monkeypatch.setattr(console, "_plain", lambda: False)
    monkeypatch.setitem(console._consoles, "err", Console(file=buf, width=200, highlight=False))
    console.print_error(ReviewError("bad key [screening.keys]", hint="add a [[reviewers]] entry"))
    console.warn("see [limits]")
    text = buf.getvalue()
    assert "[screening.keys]" in text and "[[reviewers]]" in text and "[limits]" in text
