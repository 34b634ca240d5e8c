"""`synthesis/concepts.jsonl`: the first- and second-order concepts of the included studies, one
per line (meta-ethnography phases 3-4), sorted by study and number:

    {"id": "ahmed2021-1", "study": "ehr5ktb4an", "order": "first-order",
     "text": "We were listened to, not just consulted.", "page": "4",
     "participant": "service user", "memo": ""}

`id` is the concept's id, made once from the study's label and a number and never changed (the
translation matrix refers to it); `study` the included study's id; `order` `first-order`
(participants' own words) or `second-order` (the authors' interpretation); `text` the verbatim
text; `page`, `participant` and `memo` (the reviewer's note) may be empty. It starts from the
extraction's quotation blocks (`review synthesis seed`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from review_cli.project import Project
from review_cli.store import synthfile
from review_cli.store.transaction import Transaction

ORDERS = ("first-order", "second-order")


@dataclass(frozen=True)
class Concept:
    id: str
    study: str
    order: str
    text: str
    page: str = ""
    participant: str = ""
    memo: str = ""
    line: int = 0  # where it was read (0: not read from the file)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "study": self.study, "order": self.order, "text": self.text,
                "page": self.page, "participant": self.participant, "memo": self.memo}


def read(project: Project) -> list[Concept]:
    return [Concept(r.text("id"), r.text("study"), r.text("order"), r.text("text"),
                    r.text("page"), r.text("participant"), r.text("memo"), r.number)
            for r in synthfile.read(project.concepts_path)]


def exists(project: Project) -> bool:
    return project.concepts_path.is_file()


def encode(concepts: Sequence[Concept]) -> bytes:
    ordered = sorted(concepts, key=lambda c: synthfile.natural(c.id))
    return synthfile.encode(c.to_json() for c in ordered)


def write(tx: Transaction, concepts: Sequence[Concept]) -> str:
    return tx.write(tx.project.concepts_path, encode(concepts))
