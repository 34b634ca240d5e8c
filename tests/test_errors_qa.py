"""Bad input and error paths: a clear error (file, line, hint), exit 1 (2 for bad usage), no
traceback, and the review left unchanged."""

from __future__ import annotations

from review_cli.project import Project
from review_cli.stages import import_

from .conftest import FIXTURES, invoke

RIS = FIXTURES / "dedup" / "medline.ris"


def snapshot(project: Project) -> dict[str, bytes]:
    return {
        p.relative_to(project.root).as_posix(): p.read_bytes()
        for p in sorted(project.root.rglob("*"))
        if p.is_file() and ".review" not in p.relative_to(project.root).parts
    }


def assert_error(result, code: int = 1) -> None:  # type: ignore[no-untyped-def]
    """A user-facing error: the exit code, an `Error:` line, and no exception escaping."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Error:" in result.output and "Traceback" not in result.output


def test_error_quoting_user_text_with_brackets_is_printed_not_parsed_as_markup(review: Project, runner) -> None:
    result = invoke(runner, review, "decide", "[/x]", "[bold]y", "--include", "--reviewer", "reviewer1")
    assert_error(result)
    assert "unknown id `[/x]`" in result.output and "unknown id `[bold]y`" in result.output


def test_hint_naming_a_toml_table_keeps_its_brackets(review: Project, runner) -> None:
    result = invoke(runner, review, "decide", "x", "--include", "--reviewer", "nobody")
    assert_error(result)
    assert "[[reviewers]]" in result.output


def test_status_shows_a_title_with_brackets(review: Project, runner) -> None:
    text = review.protocol_path.read_text()
    review.protocol_path.write_text(text.replace('title = "Title of your systematic review"', 'title = "[/draft] [b]review"'))
    import_.run(review, [RIS], "MEDLINE")
    result = invoke(runner, review, "status")
    assert result.exit_code == 0, result.output
    assert "[/draft] [b]review" in result.output
