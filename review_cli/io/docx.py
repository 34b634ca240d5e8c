"""A `docmodel.Document` as a Word document (.docx), written with python-docx (imported on first
use), and read back as text.

The bytes are deterministic: the core properties carry fixed dates and the zip's entries fixed
times (python-docx stamps each entry with the time it was written), so the same document gives
the same file and `git diff` shows no change when nothing changed. The page is A4 landscape: a
review's tables are wide.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from review_cli.errors import ParseError
from review_cli.io.docmodel import (
    Block,
    Bullets,
    Code,
    Diagram,
    Document,
    Heading,
    Para,
    Raw,
    Span,
    Table,
)

FIXED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # no real date: the file must not change by itself
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters XML 1.0 cannot hold


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", text)


PAGE_TWIPS = 14_797  # the text width of an A4 landscape page with 1.8 cm margins


def _runs(paragraph: Any, parts: Sequence[str | Span]) -> None:
    from docx.shared import Pt

    for p in parts:
        span = p if isinstance(p, Span) else Span(p)
        run = paragraph.add_run(_clean(span.text))
        run.bold = span.bold or None
        run.italic = span.italic or None
        if span.code:
            run.font.name = "Consolas"
            run.font.size = Pt(9)


def _paragraph(doc: Any, style: str | None = None) -> Any:
    """A new paragraph with the style of this id (set by id: looking a style up by its name
    costs python-docx a search of the styles part each time)."""
    paragraph = doc.add_paragraph()
    if style:
        paragraph._p.style = style
    return paragraph


def _cell(text: str, width: int, size: int, bold: bool) -> str:
    runs = "".join(
        f'<w:p><w:r><w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in _clean(text).split("\n"))
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{runs}</w:tc>'


def _table(doc: Any, t: Table) -> None:
    """A table: python-docx makes it and its grid; its rows are parsed from WordprocessingML in
    one go (python-docx's add_row and cell.text take seconds for a thousand cells)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    table = doc.add_table(rows=0, cols=len(t.columns))
    table.style = "Table Grid"
    width = PAGE_TWIPS // len(t.columns)
    for col in table._tbl.tblGrid.iterchildren():
        col.set(qn("w:w"), str(width))
    size = 14 if t.small or len(t.columns) > 8 else 18  # half-points: 7 and 9 pt
    head = "".join(_cell(c, width, size, True) for c in t.columns)
    rows = [f"<w:tr {nsdecls('w')}><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>"]
    rows += [f"<w:tr {nsdecls('w')}>" + "".join(_cell(c, width, size, False) for c in row)
             + "</w:tr>" for row in t.rows]
    for row in rows:
        table._tbl.append(parse_xml(row))


def _block(doc: Any, b: Block) -> None:
    from docx.shared import Pt

    if isinstance(b, Heading):
        _paragraph(doc, f"Heading{min(max(b.level - 1, 1), 9)}").add_run(_clean(b.text))
    elif isinstance(b, Para):
        _runs(_paragraph(doc), b.parts)
    elif isinstance(b, Bullets):
        for item in b.items:
            _runs(_paragraph(doc, "ListBullet"), item)
    elif isinstance(b, Table):
        _table(doc, b)
        _paragraph(doc)
    elif isinstance(b, Diagram):
        for inner in b.fallback:
            _block(doc, inner)
    elif isinstance(b, Raw):
        for chunk in re.split(r"\n\s*\n", b.markdown.strip("\n")):
            for piece in re.split(r"\n(?=\s*(?:[-*+]|\d+[.)])\s)", chunk):
                heading = re.match(r"^(#{1,6})\s+(.*)", piece.strip())
                listed = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)", piece, re.S)
                if heading:
                    _paragraph(doc, f"Heading{min(len(heading[1]), 9)}").add_run(
                        _clean(_unmark(heading[2])))
                elif listed:
                    _paragraph(doc, "ListBullet").add_run(_clean(_unmark(listed[1])))
                elif piece.strip():
                    _paragraph(doc).add_run(_clean(_unmark(piece)))
    elif isinstance(b, Code):
        paragraph = _paragraph(doc)
        lines = b.text.rstrip("\n").split("\n")
        for n, line in enumerate(lines, start=1):
            run = paragraph.add_run(_clean(line))
            run.font.name, run.font.size = "Consolas", Pt(8)
            if n < len(lines):
                run.add_break()


def _unmark(text: str) -> str:
    """Markdown's emphasis and escapes taken off, lines joined: what a reader sees."""
    text = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", " ".join(text.split()))
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)


def write(document: Document) -> bytes:
    """The .docx bytes of `document`."""
    from docx import Document as Word
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    doc = Word()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    props = doc.core_properties
    props.title = _clean(document.title)
    props.author = props.last_modified_by = "review"
    props.comments = "Generated by `review report` from the review's files."
    props.created = props.modified = FIXED
    props.last_printed = FIXED
    props.revision = 1
    _paragraph(doc, "Title").add_run(_clean(document.title))
    for b in document.blocks:
        if isinstance(b, Heading) and b.level == 1:
            continue  # the title, above
        _block(doc, b)
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_times(buf.getvalue())


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as docx_qn

    return str(docx_qn(tag))


def _fixed_times(data: bytes) -> bytes:
    """The same zip with every entry's time fixed, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def text_of(data: bytes, name: str = "report.docx") -> str:
    """What a Word document says, read with python-docx: every paragraph (with its style) and
    every table row, in the order of the document's body."""
    from docx import Document as Word
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph

    try:
        doc = Word(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ParseError(name, f"cannot be read as a Word document ({e})") from None
    lines = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, doc)
            lines.append(f"{p.style.name if p.style is not None else ''}: {p.text}")
        elif tag == "tbl":
            for row in WordTable(child, doc).rows:
                lines.append("| " + " | ".join(c.text for c in row.cells) + " |")
    return "\n".join(lines) + "\n"
