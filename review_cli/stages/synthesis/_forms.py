"""Each synthesis file as blocks of text values (what `$EDITOR` and the workbook show) and back.

`*_blocks` turn records into blocks; `*_from` read blocks back into records, checking each
value's form (a choice among its choices, a date, a phase) and naming the line or cell of every
problem. Whether the records agree with each other (a concept that exists, a study that
expresses a row) is `review synthesis check`'s business, not the editor's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from review_cli.project import slug
from review_cli.stages.studies import Study
from review_cli.stages.synthesis._text import Block, Problem
from review_cli.store.cerqual import COMPONENTS, CONCERNS, CONFIDENCE, Finding, Judgement
from review_cli.store.concepts import ORDERS, Concept
from review_cli.store.matrix import RELATIONS, Cell, Matrix, Row
from review_cli.store.ppi import Meeting
from review_cli.store.synthfile import natural

NEW = ("", "new", "?")
CONCERN_WORDS = {"none": "none", "no or very minor": "none", "no": "none", "very minor": "none",
                 "minor": "minor", "moderate": "moderate", "serious": "serious"}
CONCERN_LABELS = {"none": "No or very minor concerns", "minor": "Minor concerns",
                  "moderate": "Moderate concerns", "serious": "Serious concerns"}
CONFIDENCE_LABELS = {"high": "High confidence", "moderate": "Moderate confidence",
                     "low": "Low confidence", "very-low": "Very low confidence"}
SHORT = {"methodological_limitations": "limitations", "coherence": "coherence",
         "adequacy": "adequacy", "relevance": "relevance"}

CONCEPT_KEYS = ("study", "order", "page", "participant", "text", "memo")
ROW_KEYS = ("label", "description")
CELL_KEYS = ("relation", "concepts", "note")
FINDING_KEYS = ("finding", "concepts", "studies",
                *(k for c in COMPONENTS for k in (SHORT[c], SHORT[c] + "_explanation")),
                "confidence", "explanation")
MEETING_KEYS = ("date", "phase", "who", "discussed", "changed")
LONG = ("text", "memo", "description", "note", "finding", "discussed", "changed", "explanation",
        *(SHORT[c] + "_explanation" for c in COMPONENTS))


def split_ids(text: str) -> tuple[str, ...]:
    return tuple(x for x in re.split(r"[,;\s]+", text) if x)


def split_list(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in re.split(r"[;\n]", text) if x.strip())


class Studies:
    """Which study a text names: its id, `Label (id)`, or its label."""

    def __init__(self, studies: Sequence[Study]) -> None:
        self.list = list(studies)
        self.by_id = {s.id: s for s in studies}
        self.by_label = {s.label.casefold(): s for s in studies}

    def find(self, text: str) -> Study | None:
        text = text.strip()
        m = re.search(r"\(([^()]*)\)\s*$", text)
        if m and m[1].strip() in self.by_id:
            return self.by_id[m[1].strip()]
        return self.by_id.get(text) or self.by_label.get(text.casefold())

    def named(self, sid: str) -> str:
        s = self.by_id.get(sid)
        return f"{s.label} ({s.id})" if s else sid

    def ids(self, text: str, at: str, problems: list[Problem]) -> tuple[str, ...]:
        out = []
        for token in (x.strip() for x in re.split(r"[,;\n]", text) if x.strip()):
            s = self.find(token)
            if s is None:
                problems.append(Problem(at, f"`{token}` is not an included study"))
                continue
            out.append(s.id)
        return tuple(out)


def _choice(b: Block, key: str, choices: Sequence[str], problems: list[Problem],
            words: dict[str, str] | None = None) -> str:
    raw = " ".join(b.get(key).split()).casefold()
    value = (words or {}).get(raw.removesuffix(" concerns").removesuffix(" confidence"), raw)
    value = value.replace(" ", "-") if value == "very low" else value
    if value and value not in choices:
        problems.append(Problem(b.loc(key), f"`{key}`: `{b.get(key)}` is not one of "
                                + ", ".join(choices)))
    return value


def fresh(prefix: str, taken: set[str]) -> Callable[[], str]:
    """New ids `<prefix><n>` after the highest taken."""
    numbers = [int(m[1]) for t in taken if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", t))]
    state = [max(numbers, default=0)]

    def make() -> str:
        state[0] += 1
        return f"{prefix}{state[0]}"

    return make


def _unique(blocks: Sequence[Block], problems: list[Problem], what: str) -> None:
    seen: set[str] = set()
    for b in blocks:
        if b.id not in NEW and b.id in seen:
            problems.append(Problem(b.at, f"{what} `{b.id}` is given twice"))
        seen.add(b.id)


# --- concepts -----------------------------------------------------------------------------------

def concept_prefix(study: Study) -> str:
    return slug(study.label).replace("-", "") + "-"


def concept_blocks(concepts: Sequence[Concept], studies: Studies) -> list[Block]:
    return [Block(c.id, "", {"study": studies.named(c.study), "order": c.order, "page": c.page,
                             "participant": c.participant, "text": c.text, "memo": c.memo})
            for c in concepts]


def concepts_from(blocks: Sequence[Block], studies: Studies, taken: set[str],
                  default: Study | None) -> tuple[list[Concept], list[Problem]]:
    """Concepts from blocks; new ones (`=== new`) get the next id of their study."""
    problems: list[Problem] = []
    _unique(blocks, problems, "concept")
    out = []
    makers: dict[str, Callable[[], str]] = {}
    for b in blocks:
        study = studies.find(b.get("study")) if b.get("study") else default
        if study is None:
            problems.append(Problem(b.loc("study"), f"`study`: `{b.get('study')}` is not an "
                                    "included study" if b.get("study") else "`study` is missing"))
            continue
        order = _choice(b, "order", ORDERS, problems)
        if not order:
            problems.append(Problem(b.loc("order"), "`order` is missing (first-order or "
                                    "second-order)"))
        if not b.get("text"):
            problems.append(Problem(b.loc("text"), "`text` is missing (the verbatim text)"))
        cid = b.id
        if cid in NEW:
            prefix = concept_prefix(study)
            if prefix not in makers:
                makers[prefix] = fresh(prefix, taken | {x.id for x in blocks})
            cid = makers[prefix]()
        out.append(Concept(cid, study.id, order, b.get("text"), b.get("page"),
                           b.get("participant"), b.get("memo")))
    return out, problems


# --- the translation matrix ------------------------------------------------------------------

def cell_text(cell: Cell | None) -> str:
    """A cell as the workbook holds it: `reciprocal: a-1, a-3`, a note on the next line."""
    if cell is None:
        return ""
    out = cell.relation + (": " + ", ".join(cell.concepts) if cell.concepts else "")
    return out + (f"\nnote: {cell.note}" if cell.note else "")


def parse_cell(text: str) -> tuple[str, tuple[str, ...], str] | None:
    """(relation, concepts, note) of a workbook cell; None when it does not read as one."""
    head, _, rest = text.strip().partition("\n")
    m = re.fullmatch(r"\s*([a-zA-Z]+)\s*(?::\s*(.*))?", head)
    if m is None or m[1].casefold() not in RELATIONS:
        return None
    note = rest.strip()
    note = re.sub(r"^note\s*:\s*", "", note, flags=re.IGNORECASE)
    return m[1].casefold(), split_ids(m[2] or ""), note


def matrix_blocks(matrix: Matrix, order: Sequence[Study]) -> list[Block]:
    out = []
    for row in sorted(matrix.rows, key=lambda r: natural(r.id)):
        b = Block(row.id, "", {"label": row.label, "description": row.description})
        cells = matrix.cells_of(row.id)
        for s in order:
            c = cells.get(s.id)
            b.parts.append(Block(s.id, "", {"relation": c.relation if c else "",
                                            "concepts": ", ".join(c.concepts) if c else "",
                                            "note": c.note if c else ""}, label=s.label))
        known = {s.id for s in order}
        for sid, c in sorted(cells.items()):
            if sid not in known:  # shown, so that saving names it instead of dropping it
                b.parts.append(Block(sid, "", {"relation": c.relation,
                                               "concepts": ", ".join(c.concepts),
                                               "note": c.note}))
        out.append(b)
    return out


def matrix_from(blocks: Sequence[Block], studies: Studies) -> tuple[Matrix, list[Problem]]:
    problems: list[Problem] = []
    _unique(blocks, problems, "row")
    make = fresh("t", {b.id for b in blocks})
    out = Matrix()
    for b in blocks:
        row_id = make() if b.id in NEW else b.id
        out.rows.append(Row(row_id, b.get("label"), b.get("description")))
        seen: set[str] = set()
        for part in b.parts:
            study = studies.find(part.id) or (studies.find(part.label) if part.label else None)
            if study is None:
                problems.append(Problem(part.at, f"`{part.id}` is not an included study"))
                continue
            if study.id in seen:
                problems.append(Problem(part.at, f"{studies.named(study.id)} appears twice in "
                                        f"row {row_id}"))
                continue
            seen.add(study.id)
            relation = _choice(part, "relation", RELATIONS, problems)
            if not relation:
                if part.get("concepts") or part.get("note"):
                    problems.append(Problem(part.loc("relation"), "`relation` is missing ("
                                            + ", ".join(RELATIONS) + ")"))
                continue  # a cell not filled in yet
            out.cells.append(Cell(row_id, study.id, relation, split_ids(part.get("concepts")),
                                  part.get("note")))
    return out, problems


# --- GRADE-CERQual -----------------------------------------------------------------------------

def finding_blocks(findings: Sequence[Finding], studies: Studies) -> list[Block]:
    out = []
    for f in findings:
        values = {"finding": f.finding, "concepts": ", ".join(f.concepts),
                  "studies": ", ".join(studies.named(s) for s in f.studies)}
        for c in COMPONENTS:
            values[SHORT[c]] = f.judgement(c).concern
            values[SHORT[c] + "_explanation"] = f.judgement(c).explanation
        values["confidence"] = f.confidence
        values["explanation"] = f.explanation
        out.append(Block(f.id, "", values))
    return out


def findings_from(blocks: Sequence[Block], studies: Studies) -> tuple[list[Finding],
                                                                        list[Problem]]:
    problems: list[Problem] = []
    _unique(blocks, problems, "finding")
    make = fresh("f", {b.id for b in blocks})
    out = []
    for b in blocks:
        parts = {c: Judgement(_choice(b, SHORT[c], CONCERNS, problems, CONCERN_WORDS),
                              b.get(SHORT[c] + "_explanation")) for c in COMPONENTS}
        confidence = _choice(b, "confidence", CONFIDENCE, problems)
        out.append(Finding(make() if b.id in NEW else b.id, b.get("finding"),
                           split_ids(b.get("concepts")),
                           studies.ids(b.get("studies"), b.loc("studies"), problems), parts,
                           confidence, b.get("explanation")))
    return out, problems


# --- the PPI log -------------------------------------------------------------------------------

def meeting_blocks(meetings: Sequence[Meeting]) -> list[Block]:
    return [Block(m.id, "", {"date": m.date, "phase": "" if m.phase is None else str(m.phase),
                             "who": "; ".join(m.who), "discussed": m.discussed,
                             "changed": m.changed}) for m in meetings]


def meetings_from(blocks: Sequence[Block]) -> tuple[list[Meeting], list[Problem]]:
    problems: list[Problem] = []
    _unique(blocks, problems, "meeting")
    make = fresh("m", {b.id for b in blocks})
    out = []
    for b in blocks:
        raw = b.get("phase")
        m = re.fullmatch(r"(?:phase\s*)?([1-7])(?:\D.*)?", raw, flags=re.IGNORECASE)
        if raw and m is None:
            problems.append(Problem(b.loc("phase"), f"`phase`: `{raw}` is not a phase 1-7"))
        date = b.get("date")
        if date and not re.fullmatch(r"\d{4}-\d\d-\d\d", date):
            problems.append(Problem(b.loc("date"), f"`date`: `{date}` is not YYYY-MM-DD"))
        out.append(Meeting(make() if b.id in NEW else b.id, date, int(m[1]) if m else None,
                           split_list(b.get("who")), b.get("discussed"), b.get("changed")))
    return out, problems
