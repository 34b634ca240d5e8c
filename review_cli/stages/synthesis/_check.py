"""`review synthesis check`: every rule the synthesis files must keep, each broken one reported
with its file and line. A pure function of what the store read.

Rules (the code each problem carries, in brackets):

- concepts: each has an id of its own [concept-id], an included study [concept-study], an order
  (first- or second-order) [concept-order] and its verbatim text [concept-text];
- matrix: each row (third-order concept) has an id of its own and a label [row]; each cell
  names a row [cell-row] and an included study [cell-study], once [cell-duplicate], with a
  known relation [relation]; every concept a cell uses exists [concept-missing] and belongs to
  that cell's study [concept-elsewhere]; a reciprocal or refutational cell lists concepts, an
  absent one none [relation-concepts]; a refutational cell carries a note [refutational-note];
  every included study appears in every row [study-missing]; every row is grounded in at
  least one study [ungrounded];
- line of argument: every line of `## Links` is a link [link-syntax] between third-order
  concepts of the matrix [link-concept];
- GRADE-CERQual: each finding has an id of its own and its statement [finding], rests on rows
  of the matrix [finding-concept], has contributing studies [finding-studies], each of which
  expresses one of those rows [finding-study]; every component has a level of concern and an
  explanation [concern]; the overall confidence has a level and an explanation [confidence];
- protocol: the index paper (`[synthesis] order = "index"`) is an included study [index-paper];
- PPI log: each meeting has an id of its own [meeting], a date [meeting-date], a phase 1-7
  [meeting-phase], who took part as roles (names only if the protocol allows them)
  [meeting-who] and what changed as a result [meeting-changed].

Warnings (reported, not failing): a concept no cell uses, a study that expresses no row, a row
missing from the line of argument or from the CERQual findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from review_cli.protocol import SynthesisSettings
from review_cli.stages.studies import Study
from review_cli.store.cerqual import COMPONENTS, CONCERNS, CONFIDENCE, Finding
from review_cli.store.concepts import ORDERS, Concept
from review_cli.store.line_of_argument import Argument
from review_cli.store.matrix import RELATIONS, Matrix
from review_cli.store.ppi import PHASES, Meeting

COMPONENT_LABELS = {
    "methodological_limitations": "methodological limitations", "coherence": "coherence",
    "adequacy": "adequacy", "relevance": "relevance",
}


@dataclass(frozen=True)
class Problem:
    file: str  # relative to the review root
    line: int | None
    rule: str
    message: str

    def text(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message} [{self.rule}]"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "rule": self.rule,
                "message": self.message}


@dataclass
class Inputs:
    """What the synthesis is checked against, as the store read it (None: no such file)."""

    studies: list[Study]
    settings: SynthesisSettings
    concepts: list[Concept] | None = None
    matrix: Matrix | None = None
    argument: Argument | None = None
    findings: list[Finding] | None = None
    meetings: list[Meeting] | None = None
    files: dict[str, str] = field(default_factory=dict)  # kind -> relative path


@dataclass
class Checked:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": [p.to_json() for p in self.problems],
                "warnings": [w.to_json() for w in self.warnings]}


class _Report:
    def __init__(self, inputs: Inputs) -> None:
        self.files = inputs.files
        self.out = Checked()
        self.labels = {s.id: f"{s.label} ({s.id})" for s in inputs.studies}

    def label(self, sid: str) -> str:
        return self.labels.get(sid, sid)

    def fail(self, kind: str, line: int | None, rule: str, message: str) -> None:
        self.out.problems.append(Problem(self.files[kind], line or None, rule, message))

    def warn(self, kind: str, line: int | None, rule: str, message: str) -> None:
        self.out.warnings.append(Problem(self.files[kind], line or None, rule, message))


def _duplicates(ids: Sequence[tuple[str, int]]) -> dict[int, int]:
    """line -> the line the same id was first used on, for every later use."""
    first: dict[str, int] = {}
    out = {}
    for value, line in ids:
        if value in first:
            out[line] = first[value]
        else:
            first[value] = line
    return out


def _concepts(r: _Report, concepts: list[Concept], included: set[str]) -> None:
    again = _duplicates([(c.id, c.line) for c in concepts if c.id])
    for c in concepts:
        if not c.id:
            r.fail("concepts", c.line, "concept-id", "a concept without an id")
        elif c.line in again:
            r.fail("concepts", c.line, "concept-id",
                   f"concept id `{c.id}` is used twice (first on line {again[c.line]})")
        if c.study not in included:
            r.fail("concepts", c.line, "concept-study",
                   f"concept `{c.id}`: `{c.study}` is not an included study")
        if c.order not in ORDERS:
            r.fail("concepts", c.line, "concept-order",
                   f"concept `{c.id}`: order `{c.order}` must be first-order (participants' "
                   "words) or second-order (the authors' interpretation)")
        if not c.text.strip():
            r.fail("concepts", c.line, "concept-text", f"concept `{c.id}` has no verbatim text")


def _matrix(r: _Report, m: Matrix, studies: list[Study], concepts: list[Concept] | None) -> None:
    included = {s.id for s in studies}
    owner = {c.id: c.study for c in concepts or []}
    again = _duplicates([(row.id, row.line) for row in m.rows if row.id])
    for row in m.rows:
        if not row.id:
            r.fail("matrix", row.line, "row", "a third-order concept (row) without an id")
        elif row.line in again:
            r.fail("matrix", row.line, "row", f"row `{row.id}` is defined twice (first on line "
                   f"{again[row.line]})")
        if not row.label.strip():
            r.fail("matrix", row.line, "row", f"row `{row.id}` has no label")
    rows = {row.id for row in m.rows}
    seen: dict[tuple[str, str], int] = {}
    for c in m.cells:
        where = f"{c.row} x {r.label(c.study)}"
        if c.row not in rows:
            r.fail("matrix", c.line, "cell-row", f"a cell of row `{c.row}`, which is not "
                   "defined (add its line: {\"row\": ..., \"label\": ...})")
        if c.study not in included:
            r.fail("matrix", c.line, "cell-study", f"{where}: `{c.study}` is not an included "
                   "study")
        if (c.row, c.study) in seen:
            r.fail("matrix", c.line, "cell-duplicate", f"{where}: a second cell for this row "
                   f"and study (first on line {seen[(c.row, c.study)]})")
        seen.setdefault((c.row, c.study), c.line)
        if c.relation not in RELATIONS:
            r.fail("matrix", c.line, "relation", f"{where}: relation `{c.relation}` must be one "
                   "of " + ", ".join(RELATIONS))
        for cid in c.concepts:
            if concepts is not None and cid not in owner:
                r.fail("matrix", c.line, "concept-missing", f"{where}: concept `{cid}` does not "
                       f"exist in {r.files['concepts']}")
            elif concepts is not None and owner[cid] != c.study:
                r.fail("matrix", c.line, "concept-elsewhere", f"{where}: concept `{cid}` "
                       f"belongs to {r.label(owner[cid])}, not to this study")
        if c.relation in ("reciprocal", "refutational") and not c.concepts:
            r.fail("matrix", c.line, "relation-concepts", f"{where}: a {c.relation} cell lists "
                   "the study's concepts that express the row")
        if c.relation == "absent" and c.concepts:
            r.fail("matrix", c.line, "relation-concepts", f"{where}: an absent cell lists no "
                   "concepts (the study does not express this row): make it reciprocal or "
                   "refutational, or remove the concepts")
        if c.relation == "refutational" and not c.note.strip():
            r.fail("matrix", c.line, "refutational-note", f"{where}: a refutational cell "
                   "carries a note saying how the study's concepts contradict the row")
    for row in m.rows:
        if not row.id:
            continue
        cells = m.cells_of(row.id)
        missing = [s for s in studies if s.id not in cells]
        if missing:
            r.fail("matrix", row.line, "study-missing", f"row `{row.id}` has no cell for "
                   + ", ".join(r.label(s.id) for s in missing)
                   + " (every included study appears in every row; mark `absent` where the "
                   "study does not express it)")
        if not any(c.relation in ("reciprocal", "refutational") and c.concepts
                   for c in cells.values()):
            r.fail("matrix", row.line, "ungrounded", f"row `{row.id}` is grounded in no study "
                   "(no reciprocal or refutational cell with concepts)")
    used = {cid for c in m.cells for cid in c.concepts}
    unused = [c for c in concepts or [] if c.id and c.id not in used]
    if unused:
        r.warn("concepts", unused[0].line, "unused", f"{len(unused)} concept(s) used by no cell "
               "of the matrix: " + _some([c.id for c in unused]))
    expressing = {c.study for c in m.cells if c.relation != "absent" and c.concepts}
    silent = [r.label(s.id) for s in studies if s.id not in expressing]
    if silent:
        r.warn("matrix", None, "study-unused", f"{len(silent)} included stud"
               f"{'y expresses' if len(silent) == 1 else 'ies express'} no third-order "
               "concept: " + _some(silent))


def _some(items: Sequence[str], n: int = 6) -> str:
    return ", ".join(items[:n]) + (f" and {len(items) - n} more" if len(items) > n else "")


def _argument(r: _Report, a: Argument, m: Matrix | None) -> None:
    rows = {row.id for row in m.rows} if m is not None else set()
    for line, text in a.bad:
        r.fail("argument", line, "link-syntax", f"`{text}` is not a link: write "
               "`- SOURCE -> TARGET: label` under `## Links`")
    for link in a.links:
        for end in (link.source, link.target):
            if end not in rows:
                r.fail("argument", link.line, "link-concept", f"`{end}` is not a third-order "
                       f"concept (a row) of {r.files['matrix']}")
    if m is not None:
        linked = {e for link in a.links for e in (link.source, link.target)}
        for row in m.rows:
            if row.id and row.id not in linked:
                r.warn("argument", None, "not-linked", f"third-order concept `{row.id}` is in no "
                       "link of the line of argument")


def _findings(r: _Report, findings: list[Finding], m: Matrix | None, included: set[str]) -> None:
    rows = {row.id for row in m.rows} if m is not None else set()
    again = _duplicates([(f.id, f.line) for f in findings if f.id])
    for f in findings:
        name = f"finding `{f.id}`"
        if not f.id:
            r.fail("cerqual", f.line, "finding", "a finding without an id")
        elif f.line in again:
            r.fail("cerqual", f.line, "finding", f"{name} is used twice (first on line "
                   f"{again[f.line]})")
        if not f.finding.strip():
            r.fail("cerqual", f.line, "finding", f"{name} has no summary statement")
        for t in f.concepts:
            if t not in rows:
                r.fail("cerqual", f.line, "finding-concept", f"{name}: `{t}` is not a "
                       f"third-order concept (a row) of {r.files['matrix']}")
        if not f.studies:
            r.fail("cerqual", f.line, "finding-studies", f"{name} names no contributing study")
        for sid in f.studies:
            if sid not in included:
                r.fail("cerqual", f.line, "finding-study", f"{name}: `{sid}` is not an included "
                       "study")
            elif m is not None and f.concepts and not any(
                    (c := m.cells_of(t).get(sid)) is not None and c.relation != "absent"
                    for t in f.concepts):
                r.fail("cerqual", f.line, "finding-study", f"{name}: {r.label(sid)} expresses "
                       "none of " + ", ".join(f.concepts) + " in the matrix")
        for comp in COMPONENTS:
            j = f.judgement(comp)
            if j.concern not in CONCERNS:
                r.fail("cerqual", f.line, "concern", f"{name}: {COMPONENT_LABELS[comp]}: "
                       f"concern `{j.concern}` must be one of " + ", ".join(CONCERNS))
            if not j.explanation.strip():
                r.fail("cerqual", f.line, "concern", f"{name}: {COMPONENT_LABELS[comp]} has no "
                       "explanation")
        if f.confidence not in CONFIDENCE:
            r.fail("cerqual", f.line, "confidence", f"{name}: confidence `{f.confidence}` must "
                   "be one of " + ", ".join(CONFIDENCE))
        if not f.explanation.strip():
            r.fail("cerqual", f.line, "confidence", f"{name}: the overall assessment has no "
                   "explanation")
    if m is not None:
        assessed = {t for f in findings for t in f.concepts}
        for row in m.rows:
            if row.id and row.id not in assessed:
                r.warn("cerqual", None, "not-assessed", f"third-order concept `{row.id}` has no "
                       "GRADE-CERQual finding")


_COUNT = re.compile(r"\s*\(\s*\d+\s*\)\s*$|^\s*\d+\s+")


def role_of(who: str) -> str:
    """`service users (3)` -> `service user`: the role a `who` entry names."""
    role = _COUNT.sub("", who).strip().casefold()
    return role


def is_role(who: str, roles: Sequence[str]) -> bool:
    role = role_of(who)
    known = {x.casefold() for x in roles}
    return role in known or (role.endswith("s") and role[:-1] in known)


def _meetings(r: _Report, meetings: list[Meeting], settings: SynthesisSettings) -> None:
    again = _duplicates([(m.id, m.line) for m in meetings if m.id])
    for m in meetings:
        name = f"meeting `{m.id}`"
        if not m.id:
            r.fail("ppi", m.line, "meeting", "a meeting without an id")
        elif m.line in again:
            r.fail("ppi", m.line, "meeting", f"{name} is used twice (first on line "
                   f"{again[m.line]})")
        try:
            dt.date.fromisoformat(m.date)
            good = len(m.date) == 10
        except ValueError:
            good = False
        if not good:
            r.fail("ppi", m.line, "meeting-date", f"{name}: date `{m.date}` must be YYYY-MM-DD")
        if m.phase not in PHASES:
            r.fail("ppi", m.line, "meeting-phase", f"{name}: phase `{m.phase}` must be a "
                   "meta-ethnography phase, 1-7")
        if not m.who:
            r.fail("ppi", m.line, "meeting-who", f"{name}: who took part is not recorded")
        elif not settings.ppi_names:
            names = [w for w in m.who if not is_role(w, settings.ppi_roles)]
            if names:
                r.fail("ppi", m.line, "meeting-who", f"{name}: " + ", ".join(
                    f"`{w}`" for w in names) + " is not a role; record roles, not names (the "
                    "roles: " + ", ".join(settings.ppi_roles) + "), unless the protocol "
                    "allows names: [synthesis] ppi_names = true")
        if not m.changed.strip():
            r.fail("ppi", m.line, "meeting-changed", f"{name}: what changed as a result is not "
                   "recorded (write `nothing changed` if nothing did)")


def check(inputs: Inputs) -> Checked:
    r = _Report(inputs)
    included = {s.id for s in inputs.studies}
    settings = inputs.settings
    if settings.order == "index" and inputs.studies and not any(
            s.id == settings.index or settings.index in s.members for s in inputs.studies):
        r.fail("protocol", None, "index-paper", f"[synthesis] index = `{settings.index}` is "
               "not an included study (the index paper heads the matrix)")
    if inputs.concepts is not None:
        _concepts(r, inputs.concepts, included)
    if inputs.matrix is not None:
        _matrix(r, inputs.matrix, inputs.studies, inputs.concepts)
    if inputs.argument is not None:
        _argument(r, inputs.argument, inputs.matrix)
    if inputs.findings is not None:
        _findings(r, inputs.findings, inputs.matrix, included)
    if inputs.meetings is not None:
        _meetings(r, inputs.meetings, inputs.settings)
    r.out.problems.sort(key=lambda p: (p.file, p.line or 0))
    return r.out

