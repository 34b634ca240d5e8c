"""`synthesis/matrix.jsonl`: the translation matrix (meta-ethnography phase 5). The reviewers'
third-order concepts are its rows, the included studies its columns; each cell holds the
study's concept ids that express the row and the relation.

One line per row, followed by one line per cell of that row (sorted by study id), so a changed
cell is one changed line in `git diff`:

    {"row": "t1", "label": "Sharing power, not being consulted", "description": "..."}
    {"row": "t1", "study": "ehr5ktb4an", "relation": "reciprocal",
     "concepts": ["ahmed2021-1", "ahmed2021-3"], "note": ""}

`relation` is `reciprocal` (the study's concepts say the same), `refutational` (they contradict
it: `note` says how) or `absent` (the study does not express it; no concepts). The order of the
columns in the tables (the index paper first, or chronological) is the protocol's
(`[synthesis] order`), not the file's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from review_cli.project import Project
from review_cli.store import synthfile
from review_cli.store.transaction import Transaction

RELATIONS = ("reciprocal", "refutational", "absent")


@dataclass(frozen=True)
class Cell:
    row: str
    study: str
    relation: str
    concepts: tuple[str, ...] = ()
    note: str = ""
    line: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "study": self.study, "relation": self.relation,
                "concepts": list(self.concepts), "note": self.note}


@dataclass(frozen=True)
class Row:
    """A third-order concept: the reviewers' interpretation across studies."""

    id: str
    label: str
    description: str = ""
    line: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"row": self.id, "label": self.label, "description": self.description}


@dataclass
class Matrix:
    rows: list[Row] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)

    def row(self, row_id: str) -> Row | None:
        return next((r for r in self.rows if r.id == row_id), None)

    def cells_of(self, row_id: str) -> dict[str, Cell]:
        """study -> the cell of `row_id` (the first, if a study has two)."""
        out: dict[str, Cell] = {}
        for c in self.cells:
            if c.row == row_id:
                out.setdefault(c.study, c)
        return out


def read(project: Project) -> Matrix:
    out = Matrix()
    for r in synthfile.read(project.matrix_path):
        if "study" in r.data:
            out.cells.append(Cell(r.text("row"), r.text("study"), r.text("relation"),
                                  r.texts("concepts"), r.text("note"), r.number))
        else:
            out.rows.append(Row(r.text("row"), r.text("label"), r.text("description"), r.number))
    return out


def exists(project: Project) -> bool:
    return project.matrix_path.is_file()


def encode(matrix: Matrix) -> bytes:
    rows: list[dict[str, Any]] = []
    ids = sorted({r.id for r in matrix.rows} | {c.row for c in matrix.cells},
                 key=synthfile.natural)
    for row_id in ids:
        rows += [r.to_json() for r in matrix.rows if r.id == row_id]
        rows += [c.to_json() for c in sorted((c for c in matrix.cells if c.row == row_id),
                                             key=lambda c: c.study)]
    return synthfile.encode(rows)


def write(tx: Transaction, matrix: Matrix) -> str:
    return tx.write(tx.project.matrix_path, encode(matrix))

