"""A small review with a whole synthesis: the extraction helpers' three included studies
(Okafor 2019 `s0001`, Lindqvist 2016 `s0002`, Mbeki 2021 `s0003`), their extraction with
quotation blocks, their CASP appraisal, and synthesis files that keep every rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from review_cli.project import Project
from review_cli.stages import appraise, extract

from .extract_helpers import make_review

COMPONENTS = ("methodological_limitations", "coherence", "adequacy", "relevance")


def _judged(concern: str = "minor") -> dict[str, Any]:
    return {c: {"concern": concern, "explanation": f"{c} explained"} for c in COMPONENTS}


CONCEPTS = [
    {"id": "okafor2019-1", "study": "s0001", "order": "first-order",
     "text": "We were listened to.", "page": "4", "participant": "unpaid carer", "memo": ""},
    {"id": "okafor2019-2", "study": "s0001", "order": "second-order",
     "text": "Carers shaped the pathway.", "page": "6", "participant": "", "memo": ""},
    {"id": "lindqvist2016-1", "study": "s0002", "order": "first-order",
     "text": "We had to give up control.", "page": "3", "participant": "staff", "memo": ""},
    {"id": "mbeki2021-1", "study": "s0003", "order": "first-order",
     "text": "Nobody trusted the other agency.", "page": "7", "participant": "staff", "memo": ""},
]
MATRIX = [
    {"row": "t1", "label": "Sharing power", "description": "Deciding together."},
    {"row": "t1", "study": "s0001", "relation": "reciprocal", "concepts": ["okafor2019-1"],
     "note": ""},
    {"row": "t1", "study": "s0002", "relation": "reciprocal", "concepts": ["lindqvist2016-1"],
     "note": ""},
    {"row": "t1", "study": "s0003", "relation": "refutational", "concepts": ["mbeki2021-1"],
     "note": "Trust never grew between the agencies."},
    {"row": "t2", "label": "Carers as experts", "description": ""},
    {"row": "t2", "study": "s0001", "relation": "reciprocal", "concepts": ["okafor2019-2"],
     "note": ""},
    {"row": "t2", "study": "s0002", "relation": "absent", "concepts": [], "note": ""},
    {"row": "t2", "study": "s0003", "relation": "absent", "concepts": [], "note": ""},
]
ARGUMENT = """\
# Line of argument

Carers' expertise gave weight to sharing power.

## Links

- t2 -> t1: gives weight to
"""
CERQUAL = [
    {"id": "f1", "finding": "Power was shared.", "concepts": ["t1"],
     "studies": ["s0001", "s0002", "s0003"], **_judged(), "confidence": "moderate",
     "explanation": "Moderate: minor concerns."},
    {"id": "f2", "finding": "Carers were experts.", "concepts": ["t2"], "studies": ["s0001"],
     **_judged("moderate"), "confidence": "low", "explanation": "Low: one study."},
]
PPI = [
    {"id": "m1", "date": "2022-07-01", "phase": 5, "who": ["service user (3)", "researcher (1)"],
     "discussed": "The matrix.", "changed": "The refutational note was reworded."},
]
FILES = {"concepts": ("concepts.jsonl", CONCEPTS), "matrix": ("matrix.jsonl", MATRIX),
         "cerqual": ("cerqual.jsonl", CERQUAL), "ppi": ("ppi.jsonl", PPI)}


def write_lines(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


def write_synthesis(project: Project) -> None:
    for name, rows in FILES.values():
        write_lines(project.synthesis_dir / name, [dict(r) for r in rows])
    project.line_of_argument_path.write_text(ARGUMENT, encoding="utf-8")


QUOTES = {
    "s0001": [{"text": "We were listened to.", "page": "4", "participant": "unpaid carer",
               "order": "first-order"},
              {"text": "Carers shaped the pathway.", "page": "6", "order": "second-order"}],
    "s0002": [{"text": "We had to give up control.", "page": "3", "participant": "staff",
               "order": "first-order"}],
    "s0003": [{"text": "Nobody trusted the other agency.", "page": "7", "participant": "staff",
               "order": "first-order"}],
}
CLOCK = 1_654_509_600.0


def extracted(project: Project) -> None:
    """Both reviewers extract the three studies alike, quotations included."""
    for reviewer in ("reviewer1", "reviewer2"):
        for sid, quotes in QUOTES.items():
            extract.set_values(project, sid, reviewer, {
                "aim": "To understand co-production.", "country": "England",
                "service": "Integrated care", "approach": "co-design",
                "involved": ["service users", "unpaid carers"], "methodology": "qualitative",
                "data_collection": ["interviews"], "key_findings": "Power was shared.",
                "quotations": quotes}, clock=lambda: CLOCK)


def appraised(project: Project) -> None:
    items = {f"q{i}": "yes" for i in range(1, 11)}
    for reviewer in ("reviewer1", "reviewer2"):
        for sid in QUOTES:
            appraise.set_answers(project, sid, reviewer, None, {**items, "overall": "high"},
                                 clock=lambda: CLOCK)


def synthesised_review(root: Path) -> Project:
    project = make_review(root)
    extracted(project)
    appraised(project)
    write_synthesis(project)
    return project
