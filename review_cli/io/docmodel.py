"""A document as a list of blocks (headings, paragraphs, lists, tables, diagrams), written as
Markdown here and as Word by `io/docx.py`, so both say the same.

Text that comes from the review's files is escaped for Markdown (a quotation starting with
`1.` or holding `*` or `<` stays text); `Span`s mark the report's own bold and code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    code: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    parts: tuple[str | Span, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[str | Span, ...], ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    small: bool = False  # a wide table: a smaller font in Word


@dataclass(frozen=True)
class Diagram:
    """A Mermaid diagram; Word cannot draw Mermaid, so it shows `fallback` instead."""

    mermaid: str
    fallback: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Raw:
    """Markdown the authors wrote (the line of argument), reported as written; Word gets its
    paragraphs, headings and list items as plain text."""

    markdown: str


Block = Heading | Para | Bullets | Table | Diagram | Code | Raw


def P(*parts: str | Span) -> Para:  # noqa: N802  (a constructor, read like one)
    return Para(tuple(parts))


def B(text: str) -> Span:  # noqa: N802
    return Span(text, bold=True)


def C(text: str) -> Span:  # noqa: N802
    return Span(text, code=True)


def I(text: str) -> Span:  # noqa: N802, E743
    return Span(text, italic=True)


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


# --- Markdown ---------------------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")
_MARKER = re.compile(r"^(\s*)([#+\-=>])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


_CODE = re.compile(r"(`[^`\n]+`)")


def escape(text: str) -> str:
    """Plain text as Markdown shows it: no emphasis, links, tables or HTML of its own; a
    `command` between backticks stays code."""
    out = []
    for n, part in enumerate(_CODE.split(_CONTROL.sub(" ", text))):
        if n % 2:
            out.append(part.replace("|", "\\|"))
        else:
            out.append(_SPECIAL.sub(r"\\\1", part).replace("<", "&lt;").replace(">", "&gt;"))
    return "".join(out)


def _code(text: str) -> str:
    text = " ".join(_CONTROL.sub(" ", text).split())
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def inline(parts: Sequence[str | Span]) -> str:
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(escape(p))
        elif p.code:
            out.append(_code(p.text))
        else:
            mark = "**" if p.bold else "*" if p.italic else ""
            out.append(f"{mark}{escape(p.text)}{mark}")
    text = "".join(out).replace("\n", " ")
    # A paragraph that starts like a heading, list or quote is text, not one of those.
    if _NUMBERED.match(text):
        return _NUMBERED.sub(lambda m: m[1] + "\\" + m[2], text, count=1)
    return _MARKER.sub(lambda m: m[1] + "\\" + m[2], text, count=1)


def cell(text: str) -> str:
    return "<br>".join(escape(line) for line in text.strip().split("\n")) if text else ""


def markdown(doc: Document) -> str:
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append("#" * b.level + " " + escape(b.text))
        elif isinstance(b, Para):
            out.append(inline(b.parts))
        elif isinstance(b, Bullets):
            out.append("\n".join("- " + inline(item) for item in b.items))
        elif isinstance(b, Table):
            lines = ["| " + " | ".join(cell(c) for c in b.columns) + " |",
                     "|" + "|".join("---" for _ in b.columns) + "|"]
            lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in b.rows]
            out.append("\n".join(lines))
        elif isinstance(b, Diagram):
            out.append("```mermaid\n" + b.mermaid.rstrip("\n") + "\n```")
        elif isinstance(b, Raw):
            out.append(b.markdown.strip("\n"))
        else:
            out.append("```text\n" + b.text.rstrip("\n") + "\n```")
    return "\n\n".join(out) + "\n"


def plain(parts: Sequence[str | Span]) -> str:
    return "".join(p if isinstance(p, str) else p.text for p in parts)
