"""The synthesis tables a paper reports: the concepts of each study, the translation matrix,
GRADE-CERQual's Summary of Qualitative Findings and its Evidence Profile. Pure functions of
the records; rows are dicts keyed by the columns, as `review export`'s tables are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from review_cli.protocol import SynthesisSettings
from review_cli.stages.studies import Study
from review_cli.stages.synthesis._forms import (
    CONCERN_LABELS,
    CONFIDENCE_LABELS,
    concept_prefix,
)
from review_cli.store.cerqual import COMPONENTS, Finding
from review_cli.store.concepts import Concept
from review_cli.store.matrix import Matrix
from review_cli.store.synthfile import natural

COMPONENT_TITLES = {"methodological_limitations": "Methodological limitations",
                    "coherence": "Coherence", "adequacy": "Adequacy", "relevance": "Relevance"}


@dataclass
class Table:
    columns: tuple[str, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # printed under the table


def study_order(studies: Sequence[Study], settings: SynthesisSettings) -> list[Study]:
    """The matrix's columns: chronological (year, then label), the index paper first when the
    protocol names one."""
    ordered = sorted(studies, key=lambda s: (s.year or 0, s.label.casefold(), s.id))
    if settings.order == "index":
        first = [s for s in ordered if s.id == settings.index or settings.index in s.members]
        ordered = first + [s for s in ordered if s not in first]
    return ordered


def short(concept_id: str, study: Study) -> str:
    """`ahmed2021-3` in Ahmed 2021's column is `3`."""
    prefix = concept_prefix(study)
    return concept_id[len(prefix):] if concept_id.startswith(prefix) else concept_id


def concepts_table(concepts: Sequence[Concept], order: Sequence[Study]) -> Table:
    t = Table(("Study", "Concept", "Order", "Verbatim text", "Page", "Participant", "Memo"))
    position = {s.id: i for i, s in enumerate(order)}
    labels = {s.id: s.label for s in order}
    for c in sorted(concepts, key=lambda c: (position.get(c.study, len(position)),
                                             natural(c.id))):
        t.rows.append({"Study": labels.get(c.study, c.study), "Concept": c.id, "Order": c.order,
                       "Verbatim text": c.text, "Page": c.page, "Participant": c.participant,
                       "Memo": c.memo})
    return t


def matrix_table(matrix: Matrix, order: Sequence[Study]) -> Table:
    """Third-order concepts x studies: each cell the relation and the study's concepts
    (numbered within the study); refutational notes under the table."""
    t = Table(("Third-order concept", *(s.label for s in order)))
    for row in sorted(matrix.rows, key=lambda r: natural(r.id)):
        cells = matrix.cells_of(row.id)
        out: dict[str, Any] = {"Third-order concept": f"{row.id}: {row.label}"}
        for s in order:
            c = cells.get(s.id)
            if c is None:
                out[s.label] = ""
                continue
            ids = ", ".join(short(x, s) for x in c.concepts)
            out[s.label] = f"{c.relation} ({ids})" if ids else c.relation
            if c.note:
                t.notes.append(f"{row.id} x {s.label} ({c.relation}): {c.note}")
        t.rows.append(out)
    n = Counter(c.relation for c in matrix.cells)
    t.notes.append(f"Columns: the included studies, {_order_words(order)}. Cells: the "
                   "relation of the study's concepts to the row (reciprocal, refutational, "
                   "absent) and their numbers in the concepts table (ahmed2021-3 is 3 in Ahmed "
                   f"2021's column). {n['reciprocal']} reciprocal, {n['refutational']} "
                   f"refutational and {n['absent']} absent cells.")
    return t


def _order_words(order: Sequence[Study]) -> str:
    if not order:
        return "none yet"
    years = [s.year or 0 for s in order]
    if years == sorted(years):
        return "in chronological order"
    return f"the index paper ({order[0].label}) first, then in chronological order"


def _studies(ids: Sequence[str], labels: Mapping[str, str]) -> str:
    return "; ".join(labels.get(i, i) for i in ids)


def appraisal_summary(ids: Sequence[str], appraisal: Mapping[str, str]) -> str:
    """`Appraisal: High 2, Moderate 1` of the contributing studies."""
    counted = Counter(appraisal.get(i, "not appraised") for i in ids)
    return "Appraisal: " + ", ".join(f"{k} {v}" for k, v in sorted(counted.items()))


def soqf(findings: Sequence[Finding], studies: Sequence[Study]) -> Table:
    """GRADE-CERQual's Summary of Qualitative Findings table."""
    labels = {s.id: s.label for s in studies}
    t = Table(("#", "Summary of review finding", "Studies contributing to the review finding",
               "CERQual assessment of confidence in the evidence",
               "Explanation of CERQual assessment"))
    for f in sorted(findings, key=lambda f: natural(f.id)):
        t.rows.append({"#": f.id, "Summary of review finding": f.finding,
                       "Studies contributing to the review finding": _studies(f.studies, labels),
                       "CERQual assessment of confidence in the evidence":
                           CONFIDENCE_LABELS.get(f.confidence, f.confidence),
                       "Explanation of CERQual assessment": f.explanation})
    return t


def evidence_profile(findings: Sequence[Finding], studies: Sequence[Study],
                     appraisal: Mapping[str, str]) -> Table:
    """GRADE-CERQual's Evidence Profile: each component's concern and its explanation;
    methodological limitations beside the appraisal of the contributing studies."""
    labels = {s.id: s.label for s in studies}
    t = Table(("#", "Summary of review finding", "Studies contributing to the review finding",
               *COMPONENT_TITLES.values(), "CERQual assessment of confidence",
               "Explanation of CERQual assessment"))
    for f in sorted(findings, key=lambda f: natural(f.id)):
        row: dict[str, Any] = {"#": f.id, "Summary of review finding": f.finding,
                               "Studies contributing to the review finding":
                                   _studies(f.studies, labels)}
        for c in COMPONENTS:
            j = f.judgement(c)
            text = f"{CONCERN_LABELS.get(j.concern, j.concern)}: {j.explanation}"
            if c == "methodological_limitations" and appraisal:
                text += f" ({appraisal_summary(f.studies, appraisal)})"
            row[COMPONENT_TITLES[c]] = text
        row["CERQual assessment of confidence"] = CONFIDENCE_LABELS.get(f.confidence,
                                                                        f.confidence)
        row["Explanation of CERQual assessment"] = f.explanation
        t.rows.append(row)
    return t
