"""`synthesis/cerqual.jsonl`: the GRADE-CERQual assessment of each review finding, one per line,
sorted by id:

    {"id": "f1", "finding": "Service users and carers ...", "concepts": ["t1"],
     "studies": ["ehr5ktb4an", "2ik3bqnxos"],
     "methodological_limitations": {"concern": "minor", "explanation": "..."},
     "coherence": {...}, "adequacy": {...}, "relevance": {...},
     "confidence": "moderate", "explanation": "..."}

`concepts` are the third-order concepts of the matrix the finding rests on, `studies` the
contributing studies (their cells in those rows are not `absent`). Each of the four components
has a level of concern (`none`: no or very minor concerns, `minor`, `moderate`, `serious`) and
its explanation; `confidence` is the overall assessment (`high`, `moderate`, `low`,
`very-low`) with its explanation (Lewin et al. 2018, Implement Sci 13(Suppl 1):2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from review_cli.project import Project
from review_cli.store import synthfile
from review_cli.store.transaction import Transaction

COMPONENTS = ("methodological_limitations", "coherence", "adequacy", "relevance")
CONCERNS = ("none", "minor", "moderate", "serious")
CONFIDENCE = ("high", "moderate", "low", "very-low")


@dataclass(frozen=True)
class Judgement:
    concern: str = ""
    explanation: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"concern": self.concern, "explanation": self.explanation}


@dataclass(frozen=True)
class Finding:
    id: str
    finding: str
    concepts: tuple[str, ...] = ()
    studies: tuple[str, ...] = ()
    components: dict[str, Judgement] = field(default_factory=dict)
    confidence: str = ""
    explanation: str = ""
    line: int = 0

    def judgement(self, component: str) -> Judgement:
        return self.components.get(component, Judgement())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "finding": self.finding,
                               "concepts": list(self.concepts), "studies": list(self.studies)}
        for c in COMPONENTS:
            out[c] = self.judgement(c).to_json()
        out["confidence"] = self.confidence
        out["explanation"] = self.explanation
        return out


def read(project: Project) -> list[Finding]:
    out = []
    for r in synthfile.read(project.cerqual_path):
        parts = {}
        for c in COMPONENTS:
            t = r.table(c)
            parts[c] = Judgement(t.text("concern"), t.text("explanation"))
        out.append(Finding(r.text("id"), r.text("finding"), r.texts("concepts"),
                           r.texts("studies"), parts, r.text("confidence"),
                           r.text("explanation"), r.number))
    return out


def exists(project: Project) -> bool:
    return project.cerqual_path.is_file()


def encode(findings: Sequence[Finding]) -> bytes:
    ordered = sorted(findings, key=lambda f: synthfile.natural(f.id))
    return synthfile.encode(f.to_json() for f in ordered)


def write(tx: Transaction, findings: Sequence[Finding]) -> str:
    return tx.write(tx.project.cerqual_path, encode(findings))
