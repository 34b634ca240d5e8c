"""What the synthesis files written as JSON lines share (not a file of its own): reading each
line with its number and checking the shape of its values, the natural order of their ids, and
the canonical bytes.

The files (`synthesis/concepts.jsonl`, `matrix.jsonl`, `cerqual.jsonl`, `ppi.jsonl`) are
written by review (from `$EDITOR`, a workbook or a script) and may be edited by hand. A line
that is not a JSON object, or whose value has the wrong JSON type, is a ParseError naming the
file and line: nothing can be checked further. Whether a value makes sense (a relation that is
one of three, a concept that exists) is for `review synthesis check`, which lists every problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from review_cli.errors import ParseError
from review_cli.io import writer

HINT = ("fix that line (`git diff` shows what changed), or restore the file from git and edit "
        "it with `review synthesis edit`")


class Line:
    """One line of a synthesis file: its number and its object, read with typed getters that
    name the file, line and key of a value of the wrong type."""

    def __init__(self, path: Path, number: int, data: dict[str, Any]) -> None:
        self.path, self.number, self.data = path, number, data

    def fail(self, key: str, expected: str) -> ParseError:
        return ParseError(self.path, f"`{key}` must be {expected} (got "
                          f"{self.data.get(key)!r})", line=self.number, hint=HINT)

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(key, "text")
        return str(value)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "a list of text")
        return tuple(value)

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "a whole number")
        return value

    def table(self, key: str) -> Line:
        value = self.data.get(key)
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise self.fail(key, "an object")
        return Line(self.path, self.number, value)


def read(path: Path) -> list[Line]:
    """Every line of the file (none if it does not exist), in file order."""
    return [Line(path, n, obj) for n, obj in writer.iter_jsonl(path, hint=HINT)]


_DIGITS = re.compile(r"(\d+)")


def natural(text: str) -> tuple[Any, ...]:
    """`t2` before `t10`: digits compared as numbers."""
    return tuple(int(p) if p.isdigit() else p.casefold() for p in _DIGITS.split(text))


def encode(rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The file's bytes: rows in the order given (the store module sorts them)."""
    return writer.jsonl_bytes(list(rows), sort_key=None)
