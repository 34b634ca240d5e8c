"""Excel workbooks (.xlsx), read with the standard library only.

An .xlsx file is a zip of XML parts: `xl/workbook.xml` lists the sheets, `xl/sharedStrings.xml`
holds most cell text, and each sheet's `<sheetData>` holds rows of cells addressed like `C12`.
Only the first sheet is read; its rows then go through the same column mapping as CSV
(`tabular.records`), so Embase's preamble rows and Lens's title row are handled there. A record's
line is its spreadsheet row number.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from xml.etree import ElementTree as ET

from review_cli.errors import ParseError
from review_cli.io import tabular
from review_cli.io.document import Document, Parsed, Skip

NAME = "xlsx"
LABEL = "Excel workbook (XLSX)"

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


class NotAWorkbook(ValueError):
    """The bytes are not a readable .xlsx workbook."""


def sniff(doc: Document) -> bool:
    # Any zip is claimed here so that a zip that is not a workbook gets a precise error.
    return doc.is_zip


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _text(elem: ET.Element) -> str:
    """Text of an `<si>` or `<is>`: plain `<t>` or rich-text runs, without phonetic hints."""
    parts: list[str] = []
    for child in elem:
        if child.tag == f"{_NS}t":
            parts.append(child.text or "")
        elif child.tag == f"{_NS}r":
            parts.extend(t.text or "" for t in child.iter(f"{_NS}t"))
    return "".join(parts)


def _first_sheet(zf: zipfile.ZipFile) -> str:
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names:
        raise NotAWorkbook("a zip archive but not an Excel workbook (no xl/workbook.xml)")
    try:
        workbook = ET.fromstring(zf.read("xl/workbook.xml"))
        sheet = workbook.find(f"{_NS}sheets/{_NS}sheet")
        rid = sheet.get(f"{_REL_NS}id") if sheet is not None else None
        if rid and "xl/_rels/workbook.xml.rels" in names:
            rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
            for rel in rels.iter(f"{_PKG_REL}Relationship"):
                if rel.get("Id") == rid:
                    target = rel.get("Target", "").lstrip("/")
                    path = target if target.startswith("xl/") else f"xl/{target}"
                    if path in names:
                        return path
    except ET.ParseError as e:
        raise NotAWorkbook(f"its workbook index is not valid XML ({e})") from e
    if "xl/worksheets/sheet1.xml" in names:
        return "xl/worksheets/sheet1.xml"
    raise NotAWorkbook("an Excel workbook without any worksheet")


def _cell_value(c: ET.Element, shared: list[str]) -> str:
    kind = c.get("t", "n")
    v = c.find(f"{_NS}v")
    raw = v.text if v is not None and v.text is not None else ""
    if kind == "s":
        return shared[int(raw)] if raw.isdigit() and int(raw) < len(shared) else ""
    if kind == "inlineStr":
        is_ = c.find(f"{_NS}is")
        return _text(is_) if is_ is not None else ""
    if kind == "b":
        return "TRUE" if raw == "1" else "FALSE"
    if kind == "n" and raw.endswith(".0") and raw[:-2].lstrip("-").isdigit():
        return raw[:-2]  # 2019.0 -> 2019: Excel stores whole numbers as floats
    return raw


def read_rows(data: bytes) -> list[list[str]]:
    """All rows of the first sheet as text; index i is spreadsheet row i+1 (gaps are [])."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise NotAWorkbook(f"not a readable zip archive ({e})") from e
    rows: list[list[str]] = []
    with zf:
        sheet_path = _first_sheet(zf)
        try:
            shared: list[str] = []
            if "xl/sharedStrings.xml" in zf.namelist():
                with zf.open("xl/sharedStrings.xml") as fh:
                    for _, elem in ET.iterparse(fh):
                        if elem.tag == f"{_NS}si":
                            shared.append(_text(elem))
                            elem.clear()
            # Row by row, clearing each: a 100,000-row sheet never sits in memory as a tree.
            with zf.open(sheet_path) as fh:
                for _, elem in ET.iterparse(fh):
                    if elem.tag != f"{_NS}row":
                        continue
                    number = int(elem.get("r") or len(rows) + 1)
                    cells: list[str] = []
                    for c in elem.iter(f"{_NS}c"):
                        ref = _CELL_REF.match(c.get("r") or "")
                        col = _column_index(ref.group(1)) if ref else len(cells)
                        if col >= len(cells):
                            cells.extend([""] * (col - len(cells) + 1))
                        cells[col] = _cell_value(c, shared)
                    elem.clear()
                    while len(rows) < number - 1:
                        rows.append([])
                    if number - 1 < len(rows):
                        rows[number - 1] = cells
                    else:
                        rows.append(cells)
        except ET.ParseError as e:
            raise NotAWorkbook(f"a damaged workbook ({e})") from e
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as e:
            raise NotAWorkbook(f"a damaged zip archive ({e})") from e
    return rows


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    try:
        rows = read_rows(doc.data)
    except NotAWorkbook as e:
        hint = "save the spreadsheet again as .xlsx or CSV"
        if "not an Excel workbook" in str(e):  # a zip of exports, as some databases download them
            hint = "if it holds exports, unzip it and import the files inside; " + hint
        raise ParseError(doc.path, f"is {e}", hint=hint) from e
    yield from tabular.records(doc, [(i + 1, row) for i, row in enumerate(rows)], LABEL)
