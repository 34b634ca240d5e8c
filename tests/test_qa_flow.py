"""End-to-end reviewer workflow regressions: what a team (or CI) running a real review hit."""

from __future__ import annotations

import pytest

from review_cli.ui.console import RichProgress


def test_progress_writes_nothing_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    # Rich's transient bar still printed a blank line per bar into logs and CI output.
    bar = RichProgress()
    bar.start("Reading", total=3)
    bar.advance(3)
    bar.done()
    assert capsys.readouterr().err == ""
