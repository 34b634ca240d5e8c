"""The synthesis files as readable text, for `$EDITOR` (as `review extract` shows a form):

    # Translation matrix ...
    === t1
    label: Sharing power, not being consulted
    description:
      Participants contrasted being consulted with deciding together.

    --- Ahmed 2021 (ehr5ktb4an)
    relation: reciprocal
    concepts: ahmed2021-1, ahmed2021-3
    note:

Lines starting with `#` are comments. `=== ID` starts a record (`=== new` for a new one: it
gets an id when saved), `--- LABEL (ID)` one of its parts (a cell of the matrix); `key: value`
a value, continued on the lines below it indented by two spaces. `parse` names the line of
every problem; `with_problems` puts them at the top of the text when the editor opens again.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

RECORD, PART = "=== ", "--- "
ERROR = "# ERROR:"
WIDTH = 92
_KEY = re.compile(r"^([a-z][a-z_ ]*?):(?: (.*))?$")
_ID_IN = re.compile(r"\(([^()]*)\)\s*$")


@dataclass
class Block:
    """A record (or a part of one) as the text or a workbook gave it: its id, its values as
    text, and where each came from (`line 12`, `matrix!D4`) for the problems."""

    id: str
    at: str
    values: dict[str, str] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    parts: list[Block] = field(default_factory=list)
    label: str = ""  # shown after `--- ` (a part)

    def get(self, key: str) -> str:
        return self.values.get(key, "").strip()

    def loc(self, key: str) -> str:
        return self.where.get(key, self.at)


@dataclass(frozen=True)
class Problem:
    at: str  # `line 12`, `concepts!B4`, or "" for the whole text
    message: str

    def text(self) -> str:
        return f"{self.at}: {self.message}" if self.at else self.message

    @property
    def line(self) -> int | None:
        m = re.fullmatch(r"line (\d+)", self.at)
        return int(m[1]) if m else None


def comment(text: str) -> list[str]:
    return ["# " + line for line in textwrap.wrap(text, WIDTH - 2)] if text else ["#"]


def _value(key: str, value: str, long: bool) -> list[str]:
    value = value.strip("\n")
    if not long and "\n" not in value:
        return [f"{key}: {value}".rstrip()]
    return [f"{key}:", *(("  " + v).rstrip() for v in value.split("\n"))] if value else \
        [f"{key}:"]


def render(header: Sequence[str], blocks: Sequence[Block], long: Sequence[str]) -> str:
    """The text of `blocks`, after the comment lines `header`; keys in `long` take lines."""
    out = [*header, ""]
    for b in blocks:
        out.append(f"{RECORD}{b.id}")
        out += [line for k, v in b.values.items() for line in _value(k, v, k in long)]
        for part in b.parts:
            out.append("")
            out.append(f"{PART}{part.label} ({part.id})" if part.label else f"{PART}{part.id}")
            out += [line for k, v in part.values.items() for line in _value(k, v, k in long)]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def parse(text: str, keys: Sequence[str], part_keys: Sequence[str] = ()
          ) -> tuple[list[Block], list[Problem]]:
    """The records of a text and the problems found (unknown keys, stray lines)."""
    blocks: list[Block] = []
    problems: list[Problem] = []
    current: Block | None = None
    key: str | None = None
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.rstrip()
        if raw.startswith("#"):
            continue
        if line.startswith(RECORD.rstrip()) and (line == RECORD.rstrip() or
                                                 line.startswith(RECORD)):
            current = Block(line[len(RECORD):].strip(), f"line {number}")
            blocks.append(current)
            key = None
            continue
        if line.startswith(PART.rstrip()) and (line == PART.rstrip() or line.startswith(PART)):
            if not blocks or not part_keys:
                problems.append(Problem(f"line {number}", f"`{line}` where no part may start"))
                continue
            head = line[len(PART):].strip()
            m = _ID_IN.search(head)
            part = Block(m[1].strip() if m else head, f"line {number}",
                         label=head[: m.start()].strip() if m else "")
            blocks[-1].parts.append(part)
            current, key = part, None
            continue
        if raw.startswith("  ") and current is not None and key is not None:
            old = current.values.get(key, "")
            current.values[key] = (old + "\n" if old or key in current.values else "") + raw[2:]
            continue
        if not line.strip():
            if current is not None and key is not None and key in current.values:
                current.values[key] += "\n"  # kept only if an indented line follows
            continue
        m = _KEY.match(line)
        allowed = part_keys if current is not None and current in (
            blocks[-1].parts if blocks else []) else keys
        if current is None or m is None or m[1] not in allowed:
            what = (f"unknown key `{m[1]}` (the keys here: {', '.join(allowed)})" if m and
                    current is not None else f"`{line.strip()[:60]}` is not `key: value` under "
                    "a `=== ID` record (continue a value on lines indented by two spaces)")
            problems.append(Problem(f"line {number}", what))
            key = None
            continue
        key = m[1]
        if key in current.values:
            problems.append(Problem(f"line {number}", f"`{key}` is given twice"))
        current.values[key] = m[2] or ""
        current.where[key] = f"line {number}"
    for b in blocks:
        for part in [b, *b.parts]:
            for k, v in part.values.items():
                part.values[k] = v.strip("\n")
    return blocks, problems


def with_problems(text: str, problems: Sequence[Problem]) -> str:
    """The text to open again: the problems as `# ERROR:` lines at the top (those of an earlier
    round removed), their line numbers those of the new text."""
    lines = text.replace("\r\n", "\n").split("\n")
    kept = [i for i, line in enumerate(lines, start=1) if not line.startswith(ERROR)]
    head = [f"{ERROR} nothing was saved: fix what follows, then save and close (empty the "
            "file to give up)."]
    shift = {old: new for new, old in enumerate(kept, start=1 + len(problems) + len(head))}
    for p in problems:
        at = f"line {shift[p.line]}" if p.line is not None and p.line in shift else p.at
        head.append(f"{ERROR} {Problem(at, p.message).text()}")
    return "\n".join([*head, *(lines[i - 1] for i in kept)])


def blank(text: str) -> bool:
    return not any(line.strip() and not line.startswith("#") for line in text.split("\n"))
