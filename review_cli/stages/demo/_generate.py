"""An example review, generated: 13 sources' exports, 2,097 records, and the ground truth.

`generate(seed)` is a pure function of the seed: the same seed gives byte-identical exports.
The ground truth says, for every unique study, which records in which files are that study and
how a careful team screened it (title/abstract, full text, reason), so the demo can play two
reviewers and tests can check every count.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

from review_cli.stages.demo._exports import EXPORTS, Export
from review_cli.stages.demo._studies import IDENTIFIED, SOURCE_COUNTS, Study, build

DEFAULT_SEED = 2022
PROTOCOL_TEMPLATE = "coproduction-integrated-care"


@dataclass(frozen=True)
class DemoRecord:
    """One record in one export file, and the study it is."""

    source: str
    file: str  # file name inside the source's folder
    position: int  # 1-based position in the file
    key: str  # the export's own id for it, "" when it has none
    study: str


@dataclass
class Demo:
    seed: int
    studies: list[Study]
    files: dict[tuple[str, str], str]  # (source, file name) -> text
    records: list[DemoRecord]

    def export(self, source: str) -> Export:
        return next(e for e in EXPORTS if e.source == source)

    def study(self, uid: str) -> Study:
        return self._by_uid[uid]

    def __post_init__(self) -> None:
        self._by_uid = {s.uid: s for s in self.studies}

    def labels(self) -> list[dict[str, Any]]:
        """The ground truth, one object per unique study, sorted by study id."""
        by_study: dict[str, list[DemoRecord]] = {}
        for r in self.records:
            by_study.setdefault(r.study, []).append(r)
        out = []
        for s in self.studies:
            out.append({
                "study": s.uid,
                "title": s.title,
                "year": s.year,
                "language": s.language,
                "title_abstract": s.ta,
                "full_text": s.ft,
                "reason": s.reason,
                "records": [
                    {"source": r.source, "file": r.file, "position": r.position, "key": r.key}
                    for r in by_study.get(s.uid, [])
                ],
            })
        return out

    def labels_jsonl(self) -> str:
        return "".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in self.labels())


def generate(seed: int = DEFAULT_SEED) -> Demo:
    studies = build(seed)
    files: dict[tuple[str, str], str] = {}
    records: list[DemoRecord] = []
    for export in EXPORTS:
        # One generator per source, seeded from the demo seed, so sources never shift each other.
        rng = random.Random(f"{seed}:{export.source}")
        members = [s for s in studies if export.source in s.sources]
        rng.shuffle(members)
        text, keys = export.writer(members, rng)
        files[(export.source, export.file)] = text if text.endswith("\n") else text + "\n"
        for position, (study, key) in enumerate(zip(members, keys, strict=True), start=1):
            records.append(DemoRecord(export.source, export.file, position, key, study.uid))
    return Demo(seed, studies, files, records)


__all__ = [
    "DEFAULT_SEED", "IDENTIFIED", "PROTOCOL_TEMPLATE", "SOURCE_COUNTS", "Demo", "DemoRecord",
    "generate",
]
