"""Extraction forms: the fields a reviewer fills in for each included study, and their values.

A form is declared in review.toml (`[[extraction.fields]]`) or in a form file it names
(`[extraction] form = "forms/extraction.toml"`, whose `[[fields]]` are the same tables). It is
parsed into frozen dataclasses here, with errors that name the file, the key and its line.

A value is stored as JSON (store/extraction.py), one type per field type:

| type | value |
|---|---|
| `text`, `long-text` | a string (long text keeps its line breaks) |
| `number` | an integer or a decimal number |
| `year` | an integer |
| `choice`, `yes-no` | one of the choices (`yes-no`: "yes" or "no") |
| `multi-choice` | a list of choices, in the form's order |
| `blocks` | a list of blocks, each an object of its sub-fields' values (repeated quotations...) |

An empty answer is no value at all (None), never "" or [].
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from review_cli.errors import ProtocolError


class _Reader(Protocol):
    """What a form is read through: protocol.py's table reader (a protocol here, so that
    protocol.py can import this module)."""

    data: Mapping[str, Any]
    path: Path
    prefix: str

    def key(self, name: str) -> str: ...
    def where(self, name: str) -> str: ...
    def tables(self, name: str) -> Sequence[_Reader]: ...

TYPES = ("text", "long-text", "number", "year", "choice", "multi-choice", "yes-no", "blocks")
TYPE_WORDS = {
    "text": "text, one line", "long-text": "long text", "number": "number", "year": "year",
    "choice": "choice: tick one", "multi-choice": "choices: tick any", "yes-no": "yes or no",
    "blocks": "repeated blocks",
}
YES_NO = ("yes", "no")
# Column and sheet names of the extraction workbook besides the fields.
RESERVED = ("study", "study_label", "title", "block", "extraction", "guide", "lists")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
YEARS = (1800, 2200)

Value = Any  # str | int | float | list[str] | list[dict[str, Any]]


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str
    choices: tuple[str, ...] = ()
    help: str = ""
    required: bool = False
    table: bool = True  # a column of the characteristics table
    fields: tuple[Field, ...] = ()  # the sub-fields of each block (type "blocks")

    @property
    def options(self) -> tuple[str, ...]:
        """The values a choice may take (yes-no: yes and no)."""
        return YES_NO if self.type == "yes-no" else self.choices

    def describe(self) -> str:
        """`long text, required`: how the field is filled, as the forms show it."""
        return TYPE_WORDS[self.type] + (", required" if self.required else "")


@dataclass(frozen=True)
class Form:
    fields: tuple[Field, ...]
    source: str = "review.toml"  # where it was declared (for messages)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


# --- reading the form from TOML ------------------------------------------------------------------


def key_line(reader: _Reader, name: str) -> str:
    """`file:LINE` of key `name` in a (maybe nested) [[array.of.tables]] entry: the prefix
    `extraction.fields[3].fields[1].` is found by counting the entries' headers in order."""
    try:
        text = reader.path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return reader.path.name
    start, stop = 0, len(text)
    header = ""
    for part in re.findall(r"([\w.]+?)\[(\d+)\]\.", reader.prefix):
        header = f"{header}.{part[0].lstrip('.')}" if header else part[0]
        heads = [m for m in re.finditer(
            rf"^[ \t]*\[\[[ \t]*{re.escape(header)}[ \t]*\]\]", text[:stop], re.MULTILINE
        ) if m.start() >= start]
        n = int(part[1])
        if n >= len(heads):
            return reader.path.name
        start = heads[n].start()
        nxt = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(header)}[ \t]*\]\]", re.MULTILINE)
        after = nxt.search(text, heads[n].end(), stop)
        stop = after.start() if after else stop
    if not header:
        return reader.where(name)
    # The entry's own keys come before any nested [[...]] header inside it.
    nested = re.compile(r"^[ \t]*\[", re.MULTILINE).search(text, text.find("\n", start) + 1, stop)
    own_stop = nested.start() if nested else stop
    found = [m.start() for m in re.finditer(
        rf'^[ \t]*"?{re.escape(name)}"?[ \t]*=', text[start:own_stop], re.MULTILINE
    )]
    line_of = start + found[0] if len(found) == 1 else start
    return f"{reader.path.name}:{text.count(chr(10), 0, line_of) + 1}"


def fail(reader: _Reader, name: str, expected: str) -> ProtocolError:
    got = reader.data.get(name)
    return ProtocolError(
        f"{key_line(reader, name)}: `{reader.key(name)}` must be {expected} (got {got!r})",
        hint=f"edit {reader.path} and run the command again",
    )


def only(reader: _Reader, *names: str) -> None:
    for name in reader.data:
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
            guess = f"did you mean `{reader.key(close[0])}`? " if close else ""
            raise ProtocolError(
                f"{key_line(reader, name)}: unknown key `{reader.key(name)}`",
                hint=f"{guess}the keys here are: {', '.join(names)}; edit {reader.path}",
            )


def _flag(reader: _Reader, name: str, default: bool) -> bool:
    value = reader.data.get(name, default)
    if not isinstance(value, bool):
        raise fail(reader, name, "true or false")
    return value


def parse_fields(entries: Sequence[_Reader], nested: bool = False) -> tuple[Field, ...]:
    """The `[[...fields]]` tables of a form (or of a block, when `nested`)."""
    fields: list[Field] = []
    seen: set[str] = set()
    for r in entries:
        only(r, "name", "label", "type", "choices", "help", "required", "table", "fields")
        name = r.data.get("name")
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise fail(r, "name", "a name of lower-case letters, digits and _ (e.g. `country`)")
        if name in seen:
            raise fail(r, "name", f"unique; `{name}` is used twice")
        if name in RESERVED and not nested:
            raise fail(r, "name", "not one of " + ", ".join(RESERVED) + " (the workbook's columns)")
        seen.add(name)
        kind = r.data.get("type", "text")
        allowed = TYPES if not nested else tuple(t for t in TYPES if t != "blocks")
        if kind not in allowed:
            raise fail(r, "type", "one of " + ", ".join(f'"{t}"' for t in allowed))
        choices = r.data.get("choices", [])
        if kind in ("choice", "multi-choice"):
            if (not isinstance(choices, list) or not choices
                    or not all(isinstance(c, str) and c.strip() for c in choices)):
                raise fail(r, "choices", f"a list of the {kind} field's values, e.g. [\"a\"]")
            folded = [c.strip().casefold() for c in choices]
            twice = next((c for c in choices if folded.count(c.strip().casefold()) > 1), None)
            if twice is not None:
                raise fail(r, "choices", f"a list without repeats; `{twice}` is listed twice")
            if any(";" in c for c in choices):
                raise fail(r, "choices", "values without `;` (it separates choices in a cell)")
        elif "choices" in r.data:
            raise fail(r, "choices", f"left out: a {kind} field has no choices")
        sub: tuple[Field, ...] = ()
        if kind == "blocks":
            sub = parse_fields(r.tables("fields"), nested=True)
            if not sub:
                raise fail(r, "fields", "the block's fields ([[...fields.fields]] tables)")
        elif "fields" in r.data:
            raise fail(r, "fields", "left out: only a blocks field has sub-fields")
        label = r.data.get("label", name)
        help_ = r.data.get("help", "")
        for key, value in (("label", label), ("help", help_)):
            if not isinstance(value, str):
                raise fail(r, key, "a string")
        fields.append(Field(
            name=name, label=label.strip() or name, type=kind,
            choices=tuple(c.strip() for c in choices) if kind in ("choice", "multi-choice")
            else (), help=" ".join(help_.split()), required=_flag(r, "required", False),
            table=_flag(r, "table", kind != "blocks"), fields=sub,
        ))
    return tuple(fields)


def parse_extraction(table: _Reader, load: Any) -> Form | None:
    """`[extraction]` of review.toml: inline fields, or `form = "FILE"` read with `load(path)`
    (which returns the file's top-level reader)."""
    if not table.data:
        return None
    only(table, "form", "fields")
    if "form" in table.data:
        if "fields" in table.data:
            raise fail(table, "form", "left out when the fields are in review.toml")
        name = table.data["form"]
        if not isinstance(name, str) or not name.strip():
            raise fail(table, "form", "the path of a form file, e.g. \"forms/extraction.toml\"")
        path = (table.path.parent / name).resolve()
        if not path.is_file():
            raise fail(table, "form", f"the path of a form file, relative to {table.path.name} "
                                       f"({path} does not exist)")
        top = load(path)
        only(top, "fields")
        return Form(parse_fields(top.tables("fields")), path.name)
    fields = parse_fields(table.tables("fields"))
    if not fields:
        return None
    return Form(fields, table.path.name)


# --- values --------------------------------------------------------------------------------------


class Invalid(ValueError):
    """An answer the field does not take; the message says what it takes."""


def _number(text: str) -> int | float:
    cleaned = text.strip().replace(",", "") if re.fullmatch(r"[\d,]+(\.\d+)?", text.strip()) \
        else text.strip()
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        number = float(cleaned)
    except ValueError:
        raise Invalid(f"`{text.strip()}` is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise Invalid(f"`{text.strip()}` is not a number")
    return int(number) if number.is_integer() else number


def choice_of(field: Field, text: str) -> str:
    """The field's own spelling of choice `text` (matched ignoring case and spaces)."""
    key = " ".join(text.split()).casefold()
    for option in field.options:
        if option.casefold() == key:
            return option
    if field.type == "yes-no" and key in ("y", "n", "true", "false"):
        return "yes" if key in ("y", "true") else "no"
    raise Invalid(
        f"`{text.strip()}` is not one of the choices of `{field.name}` ("
        + ", ".join(field.options) + ")"
    )


def from_text(field: Field, text: str) -> Value:
    """The value of a field typed as text (a spreadsheet cell, a command-line option); None when
    empty. Multi-choice values are separated by `;`."""
    if not text.strip():
        return None
    if field.type == "text":
        if "\n" in text.strip():
            raise Invalid(f"`{field.name}` takes one line (its type is text, not long-text)")
        return " ".join(text.split())
    if field.type == "long-text":
        lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip("\n").strip()
    if field.type == "number":
        return _number(text)
    if field.type == "year":
        value = _number(text)
        if not isinstance(value, int) or not YEARS[0] <= value <= YEARS[1]:
            raise Invalid(f"`{text.strip()}` is not a year (e.g. 2019)")
        return value
    if field.type in ("choice", "yes-no"):
        return choice_of(field, text)
    if field.type == "multi-choice":
        picked = {choice_of(field, part) for part in text.split(";") if part.strip()}
        return [c for c in field.options if c in picked] or None
    raise Invalid(f"`{field.name}` holds repeated blocks, not one value")


def show(field: Field, value: Value) -> str:
    """A value as one line of text (tables, comparisons): multi-choice as `a; b`, blocks counted."""
    if value is None:
        return ""
    if field.type == "multi-choice":
        return "; ".join(value)
    if field.type == "blocks":
        return f"{len(value)} block(s)"
    return str(value)


def cell(field: Field, value: Value) -> str | int | float | None:
    """A value as a spreadsheet cell holds it (numbers stay numbers)."""
    if value is None:
        return None
    if field.type in ("number", "year"):
        return value  # type: ignore[no-any-return]
    return show(field, value)


def normal(field: Field, value: Value) -> Any:
    """A comparable form of a value: two reviewers agree when these are equal (text compared
    ignoring case and spacing; choices as sets; blocks in any order)."""
    if value is None:
        return None
    if field.type in ("text", "long-text"):
        return " ".join(str(value).split()).casefold()
    if field.type == "number":
        return float(value)
    if field.type == "multi-choice":
        return frozenset(value)
    if field.type == "blocks":
        return tuple(sorted(
            repr(tuple((sub.name, normal(sub, block.get(sub.name))) for sub in field.fields))
            for block in value
        ))
    return value


def check(field: Field, value: Value) -> Value:
    """A stored value checked against the field (a log line edited by hand, a field whose
    choices changed): returns it, or raises Invalid."""
    if value is None:
        return None
    if field.type == "blocks":
        if not isinstance(value, list) or not all(isinstance(b, dict) for b in value):
            raise Invalid(f"`{field.name}` must be a list of blocks")
        return [{k: check(_sub(field, k), v) for k, v in b.items() if v is not None}
                for b in value]
    if field.type == "multi-choice":
        if not isinstance(value, list):
            raise Invalid(f"`{field.name}` must be a list of choices")
        return from_text(field, "; ".join(str(v) for v in value))
    if field.type in ("number", "year") and not isinstance(value, bool) \
            and isinstance(value, int | float):
        return from_text(field, str(value))
    if not isinstance(value, str):
        raise Invalid(f"`{field.name}` must be text")
    return from_text(field, value)


def _sub(field: Field, name: str) -> Field:
    found = next((s for s in field.fields if s.name == name), None)
    if found is None:
        raise Invalid(f"`{field.name}` blocks have no field `{name}`")
    return found


def missing(form_fields: Sequence[Field], values: Mapping[str, Value]) -> list[Field]:
    """The required fields without a value."""
    return [f for f in form_fields if f.required and values.get(f.name) is None]


def is_complete(form: Form, values: Mapping[str, Value]) -> bool:
    """Every required field (and every required sub-field of each block) has a value."""
    if missing(form.fields, values):
        return False
    for f in form.fields:
        if f.type == "blocks":
            for block in values.get(f.name) or []:
                if missing(f.fields, block):
                    return False
    return True
