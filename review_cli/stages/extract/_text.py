"""A study's extraction form as a readable text file, for `$EDITOR` (as `git commit` does).

    == country | Country | text, one line
    England

    == data_collection | Data collection | choices: tick any
    [x] interviews
    [ ] focus groups

    == quotations | Quotations | repeated blocks
    --- block 1
    -- text | Verbatim text | long text, required
    We were listened to, not just consulted.

Lines starting with `#` are comments. A field's answer is the text under its `== name`
heading; a blocks field holds `--- ` blocks of `-- name` sub-fields. `parse` checks every
answer against the form and names the line and the field of each problem; `with_problems`
puts them at the top of the file as `# ERROR:` comments when the editor is opened again.
"""

from __future__ import annotations

import difflib
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from review_cli.forms import Field, Form, Invalid, Value, choice_of, from_text
from review_cli.stages.studies import Study

HEAD, BLOCK, SUB = "== ", "---", "-- "
ERROR = "# ERROR:"
_BOX = re.compile(r"^\s*\[\s*([xX*]?)\s*\]\s*(.*?)\s*$")
WIDTH = 92


@dataclass(frozen=True)
class Problem:
    line: int | None
    field: str
    message: str

    def text(self) -> str:
        where = f"line {self.line}, " if self.line is not None else ""
        return f"{where}`{self.field}`: {self.message}" if self.field else f"{where}{self.message}"


def _comment(text: str) -> list[str]:
    return ["# " + line for line in textwrap.wrap(text, WIDTH - 2)] if text else []


def _answer(f: Field, value: Value) -> list[str]:
    if f.type in ("choice", "multi-choice", "yes-no"):
        picked = set(value if isinstance(value, list) else [value] if value is not None else [])
        return [f"[{'x' if o in picked else ' '}] {o}" for o in f.options]
    if value is None:
        return [""]
    return str(value).split("\n")


def render(form: Form, study: Study, reviewer: str, values: Mapping[str, Value]) -> str:
    """The form of one study, filled with `values` (a reviewer's current answers)."""
    lines = [
        f"# Extraction form: {study.label} (study {study.id}), reviewer {reviewer}",
        *_comment(study.citation),
        "#",
        "# Write each answer under its heading; lines starting with # are comments. Tick",
        "# choices with an x: [x]. Leave an answer empty when the study does not report it.",
        "# Repeated blocks: fill in the empty block to add one, copy it for more, delete a",
        "# block to remove it. Save and close the editor to record your answers; close it",
        "# without a change, or empty the file, to record nothing.",
    ]
    for f in form.fields:
        lines += ["", f"{HEAD}{f.name} | {f.label} | {f.describe()}", *_comment(f.help)]
        if f.type != "blocks":
            lines += _answer(f, values.get(f.name))
            continue
        blocks = list(values.get(f.name) or [])
        for number, block in enumerate([*blocks, {}], start=1):
            empty = "" if number <= len(blocks) else \
                " (empty: fill it in to add a block; copy it for more)"
            lines.append(f"{BLOCK} block {number}{empty}")
            for sub in f.fields:
                lines += [f"{SUB}{sub.name} | {sub.label} | {sub.describe()}", *_comment(sub.help)]
                lines += _answer(sub, block.get(sub.name))
    return "\n".join(lines) + "\n"


@dataclass
class _Block:
    line: int
    subs: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    heads: dict[str, int] = field(default_factory=dict)


def _name(line: str, marker: str) -> str:
    return line[len(marker):].split("|")[0].strip()


def parse(form: Form, text: str) -> tuple[dict[str, Value], list[Problem]]:
    """The answers in a form's text (empty ones left out), and every problem found."""
    problems: list[Problem] = []
    heads: dict[str, int] = {}
    answers: dict[str, list[tuple[int, str]]] = {}
    blocks: dict[str, list[_Block]] = {}
    current: Field | None = None
    sub: str | None = None
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if raw.lstrip().startswith("#"):
            continue
        if raw.startswith(HEAD):
            name = _name(raw, HEAD)
            found = form.field(name)
            if found is None:
                close = difflib.get_close_matches(name, form.names, n=1)
                problems.append(Problem(number, "", f"unknown field `{name}`"
                                        + (f" (did you mean `{close[0]}`?)" if close else "")))
                current = None
            elif name in heads:
                problems.append(Problem(number, name, f"a second heading (first on line "
                                                      f"{heads[name]}): keep one"))
                current = None
            else:
                heads[name], current, sub = number, found, None
                answers[name], blocks[name] = [], []
            continue
        if current is None:
            if raw.strip():
                problems.append(Problem(number, "", "text outside any field: write answers under "
                                                    "a field's `== name` heading"))
            continue
        if current.type != "blocks":
            answers[current.name].append((number, raw))
            continue
        if raw.startswith(BLOCK):
            blocks[current.name].append(_Block(number))
            sub = None
            continue
        if raw.startswith(SUB):
            name = _name(raw, SUB)
            if not blocks[current.name]:
                blocks[current.name].append(_Block(number))
            block = blocks[current.name][-1]
            if not any(s.name == name for s in current.fields):
                problems.append(Problem(number, current.name,
                                        f"blocks have no field `{name}` (they have: "
                                        + ", ".join(s.name for s in current.fields) + ")"))
                sub = None
            elif name in block.subs:
                problems.append(Problem(number, current.name, f"`{name}` twice in one block"))
                sub = None
            else:
                sub = name
                block.subs[name], block.heads[name] = [], number
            continue
        if sub is None:
            if raw.strip():
                problems.append(Problem(number, current.name, "text outside a block's field: "
                                                              "put it under a `-- name` line"))
            continue
        blocks[current.name][-1].subs[sub].append((number, raw))
    values: dict[str, Value] = {}
    for f in form.fields:
        if f.name not in heads:
            if not any(p.field == "" and "unknown field" in p.message for p in problems):
                problems.append(Problem(None, f.name, f"its heading `{HEAD}{f.name}` is missing: "
                                                      "put it back (leave the answer empty to "
                                                      "clear it)"))
            continue
        if f.type == "blocks":
            value = _blocks(f, blocks[f.name], problems)
        else:
            value = _value(f, answers[f.name], problems, f.name)
        if value is None and f.required:
            problems.append(Problem(heads[f.name], f.name, "required: give an answer"))
        if value is not None:
            values[f.name] = value
    return values, problems


def _value(f: Field, lines: Sequence[tuple[int, str]], problems: list[Problem],
           owner: str) -> Value:
    content = [(n, t.rstrip()) for n, t in lines]
    while content and not content[0][1].strip():
        content.pop(0)
    while content and not content[-1][1].strip():
        content.pop()
    if not content:
        return None
    try:
        if f.type in ("choice", "multi-choice", "yes-no"):
            return _ticked(f, content, problems, owner)
        if f.type != "long-text":
            filled = [(n, t) for n, t in content if t.strip()]
            if len(filled) > 1:
                problems.append(Problem(filled[1][0], owner, f"`{f.name}` takes one line"))
                return None
        return from_text(f, "\n".join(t for _, t in content))
    except Invalid as e:
        problems.append(Problem(content[0][0], owner, str(e)))
        return None


def _ticked(f: Field, content: Sequence[tuple[int, str]], problems: list[Problem],
            owner: str) -> Value:
    picked: list[str] = []
    for number, text in content:
        if not text.strip():
            continue
        box = _BOX.match(text)
        if box is None:
            problems.append(Problem(number, owner, f"`{text.strip()}`: tick a choice as [x] "
                                                   f"(the choices: {', '.join(f.options)})"))
            continue
        try:
            option = choice_of(f, box[2])
        except Invalid as e:
            problems.append(Problem(number, owner, str(e)))
            continue
        if box[1]:
            if picked and f.type != "multi-choice":
                problems.append(Problem(number, owner, f"tick one choice only for `{f.name}`"))
                continue
            picked.append(option)
    if f.type == "multi-choice":
        return [o for o in f.options if o in picked] or None
    return picked[0] if picked else None


def _blocks(f: Field, found: Sequence[_Block], problems: list[Problem]) -> Value:
    out = []
    for position, block in enumerate(found, start=1):
        values = {}
        for sub in f.fields:
            value = _value(sub, block.subs.get(sub.name, []), problems, f.name)
            if value is not None:
                values[sub.name] = value
        if not values:
            continue  # an empty block (the template) adds nothing
        for sub in f.fields:
            if sub.required and sub.name not in values:
                problems.append(Problem(block.heads.get(sub.name, block.line), f.name,
                                        f"block {position}: `{sub.name}` is required"))
        out.append(values)
    return out or None


def with_problems(text: str, problems: Sequence[Problem]) -> str:
    """The text to open again: the problems as `# ERROR:` lines at the top (those of an
    earlier round removed), their line numbers those of the new text."""
    lines = text.replace("\r\n", "\n").split("\n")
    kept = [i for i, line in enumerate(lines, start=1) if not line.startswith(ERROR)]
    head = [f"{ERROR} nothing was recorded: fix what follows, then save and close (empty the "
            "file to give up)."]
    shift = {old: new for new, old in enumerate(kept, start=1 + len(problems) + len(head))}
    for p in problems:
        moved = Problem(shift.get(p.line) if p.line is not None else None, p.field, p.message)
        head.append(f"{ERROR} {moved.text()}")
    return "\n".join([*head, *(lines[i - 1] for i in kept)])


def blank(text: str) -> bool:
    """Nothing but comments and blank lines: the user emptied the form to give up."""
    return all(not line.strip() or line.lstrip().startswith("#")
               for line in text.replace("\r\n", "\n").split("\n"))
