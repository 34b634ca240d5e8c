"""The command reference in README.md, generated from each command's --help.

`python -m review_cli.cli.reference --write` rewrites the README section between the
`<!-- BEGIN commands -->` markers; a test fails when the README and --help disagree.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

from review_cli.cli import app
from review_cli.io.writer import write_text

README = Path(__file__).resolve().parents[2] / "README.md"
BEGIN, END = "<!-- BEGIN commands -->", "<!-- END commands -->"


def command_names() -> list[str]:
    """Every command, and every command of a group (`extract export`) after its group."""
    group = typer.main.get_command(app)
    names = []
    for name, cmd in sorted(group.commands.items()):  # type: ignore[attr-defined]
        names.append(name)
        names += [f"{name} {sub}" for sub in getattr(cmd, "commands", {})]
    return names


def help_text(name: str) -> str:
    result = CliRunner().invoke(app, [*name.split(), "--help"], terminal_width=100,
                                env={"COLUMNS": "100"})
    return result.output.rstrip() + "\n"


def reference_markdown() -> str:
    parts = []
    for name in command_names():
        parts.append(f"### `review {name}`\n\n```text\n{help_text(name)}```\n")
    return "\n".join(parts)


def with_reference(readme: str) -> str:
    block = f"{BEGIN}\n{reference_markdown()}{END}"
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _m: block, readme)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = with_reference(text)
    if "--write" in sys.argv:
        write_text(README, new)  # the canonical writer: whole file or nothing, LF line ends
    else:
        sys.stdout.write(reference_markdown())
