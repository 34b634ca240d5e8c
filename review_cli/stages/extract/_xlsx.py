"""The extraction workbook: one sheet per form (a row per study, a column per field, choices as
drop-downs), read back with every problem named by its sheet and cell.

Sheets: `extraction` (the form's fields), one sheet per blocks field (a row per block: the
study's id, then the block's fields), `guide` (every field's label, type, choices and help) and
the hidden `lists` the drop-downs read. The first columns, `study`, `study_label` and `title`,
say which study a row is; only `study` is read back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from review_cli.forms import YEARS, Field, Form, Invalid, Value, cell, from_text
from review_cli.io.workbook import Column, Sheet, letter
from review_cli.stages.studies import Study

MAIN, GUIDE = "extraction", "guide"
INFO = ("study", "study_label", "title")


def _column(f: Field) -> Column:
    prompt = f"{f.label} ({f.describe()})." + (f" {f.help}" if f.help else "")
    if f.type == "multi-choice":
        prompt += " Several: separate them with ; (" + "; ".join(f.options) + ")"
    return Column(
        f.name, width=48 if f.type == "long-text" else 24 if f.type == "multi-choice" else 18,
        choices=f.options if f.type in ("choice", "yes-no") else (),
        whole=YEARS if f.type == "year" else None, decimal=f.type == "number",
        prompt=prompt, wrap=f.type in ("long-text", "multi-choice"),
    )


def _info() -> list[Column]:
    return [Column("study", 12, info=True), Column("study_label", 16, info=True),
            Column("title", 40, wrap=True, info=True)]


def sheets(form: Form, studies: Sequence[Study],
           values: Mapping[str, Mapping[str, Value]]) -> list[Sheet]:
    """The workbook of `studies`, filled with one reviewer's `values` (or none)."""
    plain = [f for f in form.fields if f.type != "blocks"]
    main = Sheet(MAIN, [*_info(), *map(_column, plain)])
    for s in studies:
        mine = values.get(s.id, {})
        main.rows.append([s.id, s.label, s.title, *(cell(f, mine.get(f.name)) for f in plain)])
    out = [main]
    for f in form.fields:
        if f.type != "blocks":
            continue
        sheet = Sheet(f.name, [Column("study", 12, info=True), Column("study_label", 16, info=True),
                               *map(_column, f.fields)])
        for s in studies:
            for block in values.get(s.id, {}).get(f.name) or []:
                sheet.rows.append([s.id, s.label, *(cell(sub, block.get(sub.name))
                                                    for sub in f.fields)])
        out.append(sheet)
    guide = Sheet(GUIDE, [Column("sheet", 14), Column("field", 20), Column("label", 30),
                          Column("type", 18), Column("required", 9),
                          Column("choices", 40, wrap=True), Column("help", 60, wrap=True)])
    for f in form.fields:
        for where, g in ([(MAIN, f)] if f.type != "blocks" else [(f.name, s) for s in f.fields]):
            guide.rows.append([where, g.name, g.label, g.type, "yes" if g.required else "",
                               "; ".join(g.options), g.help])
    out.append(guide)
    return out


def _cell_value(f: Field, raw: Any) -> Value:
    if raw is None:
        return None
    if isinstance(raw, dt.date | dt.time | dt.timedelta):
        raise Invalid("a date or time, not the field's value: type it as text (Format > Text)")
    if isinstance(raw, bool):
        raw = ("yes" if raw else "no") if f.type == "yes-no" else str(raw).upper()
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return from_text(f, str(raw))


class Read:
    """What a workbook says: study -> field -> value, for the fields its sheets hold."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, Value]] = {}
        self.problems: list[str] = []
        self.rows = 0


def _header(name: str, rows: list[list[Any]], known: Sequence[str], read: Read) -> dict[str, int]:
    head = rows[0] if rows else []
    columns: dict[str, int] = {}
    for i, raw in enumerate(head):
        text = str(raw).strip() if raw is not None else ""
        if not text:
            continue
        if text not in known:
            read.problems.append(f"{name}!{letter(i)}1: unknown column `{text}` (the form's "
                                 f"fields here: {', '.join(k for k in known if k not in INFO)})")
        elif text in columns:
            read.problems.append(f"{name}!{letter(i)}1: column `{text}` twice")
        else:
            columns[text] = i
    if "study" not in columns:
        read.problems.append(f"{name}!A1: no `study` column (the study ids)")
    return columns


def _study(name: str, row_no: int, col: int, raw: Any, ids: Mapping[str, Study],
           read: Read) -> Study | None:
    text = str(raw).strip() if raw is not None else ""
    if not text:
        read.problems.append(f"{name}!{letter(col)}{row_no}: no study id in a row with answers")
        return None
    study = ids.get(text)
    if study is None:
        read.problems.append(f"{name}!{letter(col)}{row_no}: unknown study id `{text}` (not an "
                             "included study)")
    return study


def read_sheets(form: Form, studies: Sequence[Study],
                book: Mapping[str, list[list[Any]]]) -> Read:
    """Every value of the workbook's sheets, checked; problems name the sheet and cell."""
    read = Read()
    ids = {m: s for s in studies for m in (s.id, *s.members)}
    plain = [f for f in form.fields if f.type != "blocks"]
    block_fields = [f for f in form.fields if f.type == "blocks" and f.name in book]
    if MAIN not in book and not block_fields:
        read.problems.append(f"no `{MAIN}` sheet (and no sheet of a blocks field): is this the "
                             "workbook `review extract export` wrote?")
        return read
    started: set[str] = set()
    if MAIN in book:
        rows = book[MAIN]
        columns = _header(MAIN, rows, [*INFO, *(f.name for f in plain)], read)
        given = [f for f in plain if f.name in columns]
        for number, row in enumerate(rows[1:], start=2):
            cells = {f.name: row[columns[f.name]] if columns[f.name] < len(row) else None
                     for f in given}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
                continue  # a study not extracted yet: left as it is
            if "study" not in columns:
                break
            raw_id = row[columns["study"]] if columns["study"] < len(row) else None
            study = _study(MAIN, number, columns["study"], raw_id, ids, read)
            if study is None:
                continue
            if study.id in started:
                read.problems.append(f"{MAIN}!{letter(columns['study'])}{number}: study "
                                     f"{study.id} has a second row")
                continue
            started.add(study.id)
            read.rows += 1
            values = read.values.setdefault(study.id, {})
            for f in given:
                at = f"{MAIN}!{letter(columns[f.name])}{number}"
                try:
                    values[f.name] = _cell_value(f, cells[f.name])
                except Invalid as e:
                    read.problems.append(f"{at}: {e}")
                    continue
                if f.required and values[f.name] is None:
                    read.problems.append(f"{at}: `{f.name}` is required ({f.label}) for "
                                         f"study {study.id}")
    for f in block_fields:
        _read_blocks(f, book[f.name], ids, started, read)
    return read


def _read_blocks(f: Field, rows: list[list[Any]], ids: Mapping[str, Study], started: set[str],
                 read: Read) -> None:
    columns = _header(f.name, rows, ["study", "study_label", *(s.name for s in f.fields)], read)
    if "study" not in columns:
        return
    blocks: dict[str, list[dict[str, Value]]] = {sid: [] for sid in started}
    for number, row in enumerate(rows[1:], start=2):
        cells = {s.name: row[columns[s.name]] if columns[s.name] < len(row) else None
                 for s in f.fields if s.name in columns}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        raw_id = row[columns["study"]] if columns["study"] < len(row) else None
        study = _study(f.name, number, columns["study"], raw_id, ids, read)
        if study is None:
            continue
        block: dict[str, Value] = {}
        for sub in f.fields:
            if sub.name not in columns:
                continue
            at = f"{f.name}!{letter(columns[sub.name])}{number}"
            try:
                value = _cell_value(sub, cells[sub.name])
            except Invalid as e:
                read.problems.append(f"{at}: {e}")
                continue
            if value is not None:
                block[sub.name] = value
            elif sub.required:
                read.problems.append(f"{at}: `{sub.name}` is required ({sub.label})")
        blocks.setdefault(study.id, []).append(block)
    for sid, found in blocks.items():
        read.values.setdefault(sid, {})[f.name] = found or None
        if f.required and not found:
            read.problems.append(f"{f.name}: study {sid} has no block, and `{f.name}` is required")
