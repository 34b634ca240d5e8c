"""The synthesis workbook: what reviewers work in, a sheet per file, read back with every
problem named by its sheet and cell.

- `concepts`: a row per concept (id, study, order, text, page, participant, memo);
- `matrix`: a row per third-order concept (row, label, description), then a column per
  included study in the protocol's order, each cell `relation: concept ids` (a note on a
  second line: `note: ...`), empty where the study has not been considered yet;
- `findings`: a row per GRADE-CERQual finding, the levels as drop-downs;
- `ppi`: a row per advisory group meeting;
- `guide`: what each column holds.

A sheet that is present replaces its file entirely when imported; a sheet deleted from the
workbook leaves its file as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from review_cli.io.workbook import Column, Sheet, letter
from review_cli.stages.studies import Study
from review_cli.stages.synthesis import _forms
from review_cli.stages.synthesis._forms import Studies
from review_cli.stages.synthesis._text import Block, Problem
from review_cli.store.cerqual import COMPONENTS, CONCERNS, CONFIDENCE, Finding
from review_cli.store.concepts import ORDERS, Concept
from review_cli.store.matrix import Matrix
from review_cli.store.ppi import PHASES, Meeting

SHEETS = ("concepts", "matrix", "findings", "ppi")
GUIDE = "guide"

_CONCEPT_COLUMNS = [Column("id", 16), Column("study", 28),
                    Column("order", 14, choices=ORDERS), Column("text", 60, wrap=True),
                    Column("page", 8), Column("participant", 18), Column("memo", 40, wrap=True)]
_FINDING_COLUMNS = [Column("id", 8), Column("finding", 60, wrap=True),
                    Column("concepts", 14), Column("studies", 40, wrap=True)]
for _c in COMPONENTS:
    _FINDING_COLUMNS += [Column(_forms.SHORT[_c], 14, choices=CONCERNS),
                         Column(_forms.SHORT[_c] + "_explanation", 40, wrap=True)]
_FINDING_COLUMNS += [Column("confidence", 14, choices=CONFIDENCE),
                     Column("explanation", 60, wrap=True)]
_MEETING_COLUMNS = [Column("id", 8), Column("date", 12), Column("phase", 8, whole=(1, 7)),
                    Column("who", 40, wrap=True), Column("discussed", 50, wrap=True),
                    Column("changed", 50, wrap=True)]

GUIDE_ROWS = [
    ("concepts", "id", "The concept's id (the matrix names it). Leave empty for a new concept."),
    ("concepts", "order", "first-order: participants' own words; second-order: the authors' "
     "interpretation."),
    ("matrix", "row", "The third-order concept's id (t1, t2...). Leave empty for a new one."),
    ("matrix", "(a study)", "relation: concept ids, e.g. `reciprocal: ahmed2021-1, ahmed2021-3`;"
     " `refutational: ...` with `note: how they contradict it` on a second line; `absent`."),
    ("findings", "limitations ... relevance", "Concerns: none (no or very minor), minor, "
     "moderate, serious; each with its explanation."),
    ("findings", "confidence", "high, moderate, low, very-low; with its explanation."),
    ("findings", "studies", "The contributing studies: ids or `Label (id)`, separated by ;"),
    ("ppi", "phase", "The meta-ethnography phase: " + "; ".join(
        f"{n} {name}" for n, name in PHASES.items())),
    ("ppi", "who", "Roles and how many, separated by ; e.g. service user (3); unpaid carer (2)"),
]


def sheets(concepts: Sequence[Concept], matrix: Matrix, findings: Sequence[Finding],
           meetings: Sequence[Meeting], order: Sequence[Study], studies: Studies) -> list[Sheet]:
    out = []
    sheet = Sheet("concepts", list(_CONCEPT_COLUMNS))
    for b in _forms.concept_blocks(concepts, studies):
        sheet.rows.append([b.id, *(b.values[k] for k in ("study", "order", "text", "page",
                                                         "participant", "memo"))])
    out.append(sheet)
    # A study no longer included keeps its column, so that importing names it, not drops it.
    known = {s.id for s in order}
    others = sorted({c.study for c in matrix.cells if c.study not in known})
    heads = [*(f"{s.label} ({s.id})" for s in order), *others]
    ids = [*(s.id for s in order), *others]
    sheet = Sheet("matrix", [Column("row", 8), Column("label", 30, wrap=True),
                             Column("description", 40, wrap=True),
                             *(Column(h, 24, wrap=True) for h in heads)])
    for row in _forms.matrix_blocks(matrix, order):
        cells = matrix.cells_of(row.id)
        sheet.rows.append([row.id, row.values["label"], row.values["description"],
                           *(_forms.cell_text(cells.get(sid)) for sid in ids)])
    out.append(sheet)
    sheet = Sheet("findings", list(_FINDING_COLUMNS))
    for b in _forms.finding_blocks(findings, studies):
        sheet.rows.append([b.id, *(b.values[c.header] for c in _FINDING_COLUMNS[1:])])
    out.append(sheet)
    sheet = Sheet("ppi", list(_MEETING_COLUMNS))
    for m in meetings:
        sheet.rows.append([m.id, m.date, m.phase, "; ".join(m.who), m.discussed, m.changed])
    out.append(sheet)
    out.append(Sheet(GUIDE, [Column("sheet", 12), Column("column", 24),
                             Column("what it holds", 90, wrap=True)],
                     [list(r) for r in GUIDE_ROWS]))
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").strip()


def _blocks(name: str, rows: list[list[Any]], known: Sequence[str], problems: list[Problem]
            ) -> tuple[list[Block], dict[str, int]]:
    """A block per filled row, keyed by the header's column names."""
    head = [_text(h) for h in (rows[0] if rows else [])]
    columns: dict[str, int] = {}
    for i, h in enumerate(head):
        if not h:
            continue
        if h in columns:
            problems.append(Problem(f"{name}!{letter(i)}1", f"column `{h}` twice"))
        elif h in known or name == "matrix":
            columns[h] = i
        else:
            problems.append(Problem(f"{name}!{letter(i)}1", f"unknown column `{h}` (the "
                                    f"columns: {', '.join(known)})"))
    out = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {h: _text(row[i]) if i < len(row) else "" for h, i in columns.items()}
        if not any(cells.values()):
            continue
        first = next(iter(columns), "id")
        b = Block(cells.get(first, ""), f"{name}!A{number}")
        for h, i in columns.items():
            if h != first:
                b.values[h] = cells[h]
                b.where[h] = f"{name}!{letter(i)}{number}"
        out.append(b)
    return out, columns


def read(book: Mapping[str, list[list[Any]]], studies: Studies, taken: set[str]
         ) -> tuple[dict[str, Any], list[Problem]]:
    """kind -> its records, for every sheet the workbook has; and the problems."""
    problems: list[Problem] = []
    got: dict[str, Any] = {}
    if not any(s in book for s in SHEETS):
        return got, [Problem("", "no sheet named " + ", ".join(SHEETS) + ": is this the "
                             "workbook `review synthesis export` wrote?")]
    if "concepts" in book:
        blocks, _ = _blocks("concepts", book["concepts"], [c.header for c in _CONCEPT_COLUMNS],
                            problems)
        got["concepts"], more = _forms.concepts_from(blocks, studies, taken, None)
        problems += more
    if "matrix" in book:
        got["matrix"] = _matrix(book["matrix"], studies, problems)
    if "findings" in book:
        blocks, _ = _blocks("findings", book["findings"],
                            [c.header for c in _FINDING_COLUMNS], problems)
        got["findings"], more = _forms.findings_from(blocks, studies)
        problems += more
    if "ppi" in book:
        blocks, _ = _blocks("ppi", book["ppi"], [c.header for c in _MEETING_COLUMNS], problems)
        got["meetings"], more = _forms.meetings_from(blocks)
        problems += more
    return got, problems


def _matrix(rows: list[list[Any]], studies: Studies, problems: list[Problem]) -> Matrix:
    blocks, columns = _blocks("matrix", rows, ["row", "label", "description"], problems)
    study_columns = {}
    for h, i in columns.items():
        if h in ("row", "label", "description"):
            continue
        s = studies.find(h)
        if s is None:
            problems.append(Problem(f"matrix!{letter(i)}1", f"`{h}` is not an included study"))
        else:
            study_columns[h] = s
    for b in blocks:
        for h, s in study_columns.items():
            text = b.values.pop(h, "")
            part = Block(s.id, b.where.get(h, b.at), label=s.label)
            if text:
                parsed = _forms.parse_cell(text)
                if parsed is None:
                    problems.append(Problem(part.at, f"`{text.splitlines()[0][:40]}` does not "
                                            "start with a relation (reciprocal, refutational, "
                                            "absent)"))
                    continue
                relation, ids, note = parsed
                part.values = {"relation": relation, "concepts": ", ".join(ids), "note": note}
            b.parts.append(part)
        b.values = {k: v for k, v in b.values.items() if k in ("label", "description")}
    matrix, more = _forms.matrix_from(blocks, studies)
    problems += more
    return matrix

