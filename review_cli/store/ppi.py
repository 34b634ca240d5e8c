"""`synthesis/ppi.jsonl`: the meetings of the patient and public involvement (PPI) advisory
group, one per line, sorted by date:

    {"id": "m2", "date": "2022-07-11", "phase": 5,
     "who": ["service user (3)", "unpaid carer (2)", "researcher (2)"],
     "discussed": "...", "changed": "..."}

`phase` is the meta-ethnography phase the meeting advised on (1-7, Noblit and Hare), `who` the
roles of the people who took part, with how many of each: roles, not names, unless the
protocol says otherwise (`[synthesis] ppi_names = true`); `changed` what the review changed as
a result (reported in the GRIPP2 short form).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from review_cli.project import Project
from review_cli.store import synthfile
from review_cli.store.transaction import Transaction

PHASES = {
    1: "getting started",
    2: "deciding what is relevant",
    3: "reading the studies",
    4: "determining how the studies are related",
    5: "translating the studies into one another",
    6: "synthesising translations",
    7: "expressing the synthesis",
}


@dataclass(frozen=True)
class Meeting:
    id: str
    date: str
    phase: int | None
    who: tuple[str, ...] = ()
    discussed: str = ""
    changed: str = ""
    line: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date, "phase": self.phase, "who": list(self.who),
                "discussed": self.discussed, "changed": self.changed}


def read(project: Project) -> list[Meeting]:
    return [Meeting(r.text("id"), r.text("date"), r.integer("phase"), r.texts("who"),
                    r.text("discussed"), r.text("changed"), r.number)
            for r in synthfile.read(project.ppi_path)]


def exists(project: Project) -> bool:
    return project.ppi_path.is_file()


def encode(meetings: Sequence[Meeting]) -> bytes:
    ordered = sorted(meetings, key=lambda m: (m.date, synthfile.natural(m.id)))
    return synthfile.encode(m.to_json() for m in ordered)


def write(tx: Transaction, meetings: Sequence[Meeting]) -> str:
    return tx.write(tx.project.ppi_path, encode(meetings))
