"""Help and docs that cannot drift: every command has an example and is in the README."""

from __future__ import annotations

import pytest

from review_cli.cli.reference import README, command_names, help_text, with_reference


@pytest.mark.parametrize("name", command_names())
def test_command_help_has_an_example(name: str) -> None:
    text = help_text(name)
    assert "Example: review " in text, f"`review {name} --help` shows no example"


def test_readme_command_reference_is_current() -> None:
    readme = README.read_text(encoding="utf-8")
    assert with_reference(readme) == readme, (
        "README's command reference differs from --help: run "
        "`.venv/bin/python -m review_cli.cli.reference --write`"
    )
    for name in command_names():
        assert f"### `review {name}`" in readme
