"""Workbooks reviewers open (.xlsx): written and read back with openpyxl, imported on first use
(`review --help` and `review status` never load it).

A sheet is a header row and rows of cells. A column may carry a drop-down (list data
validation over a hidden `lists` sheet, so choices may hold commas and be many), a range of
whole numbers, or a prompt Excel and LibreOffice show when a cell is selected. Text that a
spreadsheet would run as a formula (`=...`) is written as text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review_cli.errors import ParseError

LISTS = "lists"  # the hidden sheet holding the drop-downs' choices
VALIDATED_ROWS = 1000  # rows a drop-down covers beyond the data, for studies added by hand
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters XML 1.0 cannot hold


@dataclass
class Column:
    header: str
    width: int = 18
    choices: tuple[str, ...] = ()  # a drop-down of these values
    whole: tuple[int, int] | None = None  # whole numbers in this range
    decimal: bool = False
    prompt: str = ""  # shown when a cell of the column is selected
    wrap: bool = False
    info: bool = False  # shown for information (grey), not an answer


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    hidden: bool = False


def letter(index: int) -> str:
    """Spreadsheet column letters of a 0-based index (0 -> A, 26 -> AA)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _text(value: Any) -> Any:
    return _ILLEGAL.sub("", value) if isinstance(value, str) else value


def write(sheets: Sequence[Sheet]) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    lists = [(s.name, i, c) for s in sheets for i, c in enumerate(s.columns) if c.choices]
    list_sheet = wb.create_sheet(LISTS) if lists else None
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")
    top = Alignment(vertical="top", wrap_text=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name[:31])
        ws.append([c.header for c in sheet.columns])
        for cell in ws[1]:
            cell.font = bold
        for row in sheet.rows:
            ws.append([_text(v) for v in row])
        for r in ws.iter_rows(min_row=2):
            for cell in r:
                if isinstance(cell.value, str) and cell.data_type == "f":
                    cell.data_type = "s"  # `=...` is the reviewer's text, not a formula
        last = max(len(sheet.rows) + 1, VALIDATED_ROWS)
        for i, col in enumerate(sheet.columns):
            name = letter(i)
            ws.column_dimensions[name].width = col.width
            cells = f"{name}2:{name}{last}"
            dv = None
            if col.choices and list_sheet is not None:
                at = letter(lists.index((sheet.name, i, col)))
                for n, choice in enumerate(col.choices, start=1):
                    list_sheet[f"{at}{n}"] = _text(choice)
                    list_sheet[f"{at}{n}"].data_type = "s"
                dv = DataValidation(type="list", allow_blank=True,
                                    formula1=f"{LISTS}!${at}$1:${at}${len(col.choices)}")
                dv.error = "Pick one of the choices in the drop-down list."
            elif col.whole is not None:
                dv = DataValidation(type="whole", operator="between", formula1=str(col.whole[0]),
                                    formula2=str(col.whole[1]), allow_blank=True)
                dv.error = f"A whole number from {col.whole[0]} to {col.whole[1]}."
            elif col.decimal:
                dv = DataValidation(type="decimal", operator="between", formula1="-1E+300",
                                    formula2="1E+300", allow_blank=True)
                dv.error = "A number."
            if dv is None and col.prompt:
                dv = DataValidation(type=None, allow_blank=True)
            if dv is not None:
                dv.showErrorMessage = dv.error is not None
                dv.errorTitle = col.header[:32]
                if col.prompt:
                    dv.promptTitle, dv.prompt = col.header[:32], col.prompt[:255]
                    dv.showInputMessage = True
                ws.add_data_validation(dv)
                dv.add(cells)
            for r in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                for cell in r:
                    if col.wrap:
                        cell.alignment = top
                    if col.info:
                        cell.fill = grey
        ws.freeze_panes = "B2" if any(c.info for c in sheet.columns) else "A2"
        if sheet.hidden:
            ws.sheet_state = "hidden"
    if list_sheet is not None:
        list_sheet.sheet_state = "hidden"
        wb.move_sheet(LISTS, offset=len(wb.sheetnames))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read(data: bytes, path: Path | str) -> dict[str, list[list[Any]]]:
    """sheet name -> rows of cell values (row i is spreadsheet row i + 1); the values a
    spreadsheet shows (a formula's last computed result)."""
    from openpyxl import load_workbook

    if not data.startswith(b"PK"):
        raise ParseError(path, "is not an .xlsx workbook",
                         hint="save it from your spreadsheet program as Excel workbook (.xlsx)")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise ParseError(path, f"cannot be read as a workbook ({e})",
                         hint="save it again from your spreadsheet program as .xlsx") from None
    try:
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)]
                for ws in wb.worksheets}
    finally:
        wb.close()
