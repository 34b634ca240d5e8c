"""Reading saved API answers: one JSON value, or JSON lines (one page or record per line).

`review search` saves each API page as one line; a page saved from a browser is a single
JSON object; a hand-made file may be a JSON array of pages or of records. All are accepted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from review_cli.errors import ParseError
from review_cli.io.document import Document, Parsed, Skip


def head_matches(doc: Document, *patterns: str) -> bool:
    """A JSON document whose first few KB contain any of the patterns (cheap sniffing)."""
    head = doc.text[:6000].lstrip("\ufeff \t\r\n")
    if not head.startswith(("{", "[")):
        return False
    return any(re.search(p, head, re.S) for p in patterns)


def values(doc: Document) -> list[tuple[int, Any]]:
    """(line, value) for the whole file as one JSON value, else for each JSON line."""
    text = doc.text.lstrip("\ufeff")
    try:
        return [(1, json.loads(text))]
    except ValueError:
        pass
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            out.append((number, json.loads(line)))
        except ValueError as e:
            raise ParseError(doc.path, f"not valid JSON ({e})", line=number,
                             hint="the file was cut off or edited; download it again") from e
    return out


def records(
    doc: Document,
    items: Callable[[Any], list[Any] | None],
    build: Callable[[dict[str, Any], int], Parsed],
) -> Iterator[Parsed | Skip]:
    """Every record in every page; `items(page)` lists a page's records (None: not a page)."""
    for line, value in values(doc):
        for page_or_record in value if isinstance(value, list) else [value]:
            listed = items(page_or_record)
            rows = listed if listed is not None else [page_or_record]
            for row in rows:
                if isinstance(row, dict):
                    yield build(row, line)
                else:
                    yield Skip(line, f"expected a record object, found {type(row).__name__}", True)


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value)
