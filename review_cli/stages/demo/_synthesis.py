"""The demo's meta-ethnography of its included studies: what its team would write.

The concepts come from the extraction (`review synthesis seed`); each is a generated quotation
or an authors' interpretation naming one of the vocabularies' themes, and each quotation and
theme belongs to one of five third-order concepts written for this project (`ROWS`). The
matrix, the CERQual assessments (by the stated rule in `cerqual`), the line of argument and the
PPI log follow from them deterministically: no third-party text, no randomness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from review_cli.stages.demo import _vocab as vocab


@dataclass(frozen=True)
class RowPlan:
    id: str
    label: str
    description: str
    finding: str
    members: tuple[str, ...]  # quotations and themes of the vocabularies that express it


ROWS = (
    RowPlan("t1", "Sharing power, not being consulted",
            "Participants contrasted being asked for their views with deciding together; staff "
            "described giving up control as the step that made it co-production.",
            "Service users, carers and staff judged co-production by whether decisions were "
            "shared: being consulted, however often, was not enough.",
            ("We were listened to, not just consulted", "Nothing about us without us",
             "You have to give up some control", "More than a tick-box exercise",
             "sharing power", "professional identity and letting go of control",
             "tokenism and its avoidance")),
    RowPlan("t2", "Trust across organisations and roles",
            "Working at the same table built trust between service users, carers and staff, "
            "and between health and social care organisations.",
            "Trust between people and between organisations grew from working together over "
            "time, and shaped who felt able to speak.",
            ("Sitting at the same table", "building trust across organisations",
             "relationships between staff and service users")),
    RowPlan("t3", "Lived experience as expertise",
            "Carers' and service users' knowledge of the gaps between services was treated as "
            "expertise the professionals did not have.",
            "Lived experience was valued as expertise about the gaps between services, which "
            "professionals could not see on their own.",
            ("Carers know the gaps", "valuing lived experience", "carers as equal partners")),
    RowPlan("t4", "What co-production needs",
            "Time, money, accessible meetings, payment and leadership were the conditions "
            "without which co-production stalled.",
            "Co-production needed time, resources, accessible meetings and leadership, and "
            "stalled without them.",
            ("the time and resources co-production needs", "organisational culture and leadership",
             "keeping people involved after the design phase",
             "accessible meetings and payment for participation")),
    RowPlan("t5", "A service people recognise as theirs",
            "Service users and carers described the integrated service as built together and "
            "as theirs.",
            "Where decisions were shared, service users and carers came to see the integrated "
            "service as theirs.",
            ("It felt like our service", "Building it together",
             "making integration visible to families")),
)
REFUTING = ("The authors report that trust between the health and social care organisations "
            "did not grow: staff kept to their own organisation's rules, and service users saw "
            "the partnership as the council's project.")
REFUTING_NOTE = ("Trust did not grow across organisations in this study; read with t4, trust "
                 "follows from time, leadership and shared decisions, not from meeting together.")
LINKS = (("t3", "t1", "gives weight to"), ("t2", "t1", "makes possible"),
         ("t4", "t2", "sustains"), ("t1", "t5", "leads to"))
ARGUMENT = """\
# Line of argument

Co-producing integrated care was experienced as a shift of power, not as a better form of
consultation. Service users and carers brought knowledge of the gaps between services that
professionals did not have, and this lived expertise gave weight to their place in decisions.
Trust between people, and between health and social care organisations, made sharing power
possible; it grew slowly, and only where time, money, accessible meetings and leadership
sustained the work. Where power was shared, people came to see the integrated service as their
own. One study, in which trust between organisations did not grow, shows the same line from the
other side: without its conditions, co-production fell back into consultation.
"""
MEETINGS = (
    ("2022-03-07", 1, "service user (3); unpaid carer (2); researcher (2)",
     "The review question and what should count as co-production.",
     "Unpaid carers were named in the question and the criteria, not only service users."),
    ("2022-06-27", 4, "service user (3); unpaid carer (2); researcher (2)",
     "The concepts of each study, read side by side.",
     "The group asked that staff and service users' words be told apart: the concepts table "
     "records the participant type."),
    ("2022-07-11", 5, "service user (2); unpaid carer (2); researcher (2)",
     "The translation matrix and the study that contradicts the trust concept.",
     "The refutational case was read as about organisations, not people; the matrix note says "
     "so."),
    ("2022-07-25", 6, "service user (3); unpaid carer (1); researcher (2)",
     "The draft line of argument.",
     "Owning the service was placed at the end of the line of argument, as the outcome the group "
     "recognised."),
    ("2022-08-08", 7, "service user (3); unpaid carer (2); researcher (2)",
     "The review findings and the confidence in them.",
     "The findings were reworded in plain language before the CERQual assessment."),
)


def row_of(text: str) -> str | None:
    """The third-order concept a concept's text expresses (the first vocabulary item in it)."""
    folded = text.casefold()
    for row in ROWS:
        if any(m.casefold() in folded for m in row.members):
            return row.id
    return None


def _check_vocabulary() -> None:
    covered = {m for row in ROWS for m in row.members}
    assert set(vocab.QUOTES) | set(vocab.THEMES) <= covered


_check_vocabulary()


def matrix_rows(concepts: Sequence[Any], order: Sequence[Any], refuting: str
                ) -> list[list[str]]:
    """The matrix sheet's rows, as the team types them: row, label, description, then a cell
    per study (`relation: ids`, a note for the refutational one)."""
    by_row: dict[tuple[str, str], list[str]] = {}
    for c in concepts:
        if c.id == refuting:
            continue
        row = row_of(c.text)
        if row is not None:
            by_row.setdefault((row, c.study), []).append(c.id)
    refuted = next((c for c in concepts if c.id == refuting), None)
    out = []
    for plan in ROWS:
        cells = []
        for s in order:
            ids = by_row.get((plan.id, s.id))
            if refuted is not None and plan.id == "t2" and s.id == refuted.study:
                cells.append(f"refutational: {refuted.id}\nnote: {REFUTING_NOTE}")
            else:
                cells.append(f"reciprocal: {', '.join(ids)}" if ids else "absent")
        if any(not c.startswith("absent") for c in cells):
            out.append([plan.id, plan.label, plan.description, *cells])
    return out


def refuted_study(concepts: Sequence[Any], order: Sequence[Any]) -> Any:
    """The first study (in the matrix's order) that expresses no trust concept: the one whose
    authors' reading contradicts it."""
    trusting = {c.study for c in concepts if row_of(c.text) == "t2"}
    return next((s for s in order if s.id not in trusting), None)


LEVELS = ("high", "moderate", "low", "very-low")


def cerqual(rows: Sequence[list[str]], order: Sequence[Any], appraisal: Mapping[str, str],
            countries: Mapping[str, str]) -> list[list[Any]]:
    """The findings sheet's rows, by a stated rule: methodological limitations from the
    contributing studies' appraisal (any low: moderate concerns; any moderate: minor), coherence
    from refutational cells, adequacy from how many studies contribute, relevance from how many
    countries; the overall confidence starts high and goes down a level for each moderate
    concern, two for a serious one, and one for two or more minor ones."""
    out = []
    for n, row in enumerate(rows, start=1):
        plan = next(p for p in ROWS if p.id == row[0])
        cells = dict(zip((s.id for s in order), row[3:], strict=True))
        studies = [sid for sid, text in cells.items() if not text.startswith("absent")]
        labels = {s.id: s.label for s in order}
        graded = [appraisal.get(s, "") for s in studies]
        low = [labels[s] for s in studies if appraisal.get(s) == "Low"]
        if low:
            ml = ("moderate", f"{len(low)} of {len(studies)} contributing studies were appraised "
                  f"as low quality ({', '.join(low)}).")
        elif "Moderate" in graded:
            ml = ("minor", f"{graded.count('Moderate')} of {len(studies)} contributing studies "
                  "were appraised as moderate quality, none as low.")
        else:
            ml = ("none", "Every contributing study was appraised as high quality.")
        refuting = [labels[s] for s, t in cells.items() if t.startswith("refutational")]
        coherence = ("moderate", f"{refuting[0]} contradicts the finding (a refutational "
                     "translation, kept in the line of argument).") if refuting else \
            ("none", "The data of the contributing studies fit the finding.")
        k = len(studies)
        adequacy = ("none" if k >= 5 else "minor" if k >= 3 else "moderate",
                    f"{k} studies contribute" + (", with rich data." if k >= 5 else
                                                 "; the data are thin for a finding this broad."))
        places = sorted({countries.get(s, "") for s in studies} - {""})
        relevance = ("none", f"Studies from {len(places)} countries ({', '.join(places)}) and "
                     "the integrated services the question names.") if len(places) > 1 else \
            ("minor", f"All contributing studies are from {places[0] if places else 'one place'}.")
        concerns = [ml[0], coherence[0], adequacy[0], relevance[0]]
        down = concerns.count("moderate") + 2 * concerns.count("serious") + \
            (1 if concerns.count("minor") >= 2 else 0)
        confidence = LEVELS[min(down, 3)]
        named = {"methodological limitations": ml[0], "coherence": coherence[0],
                 "adequacy": adequacy[0], "relevance": relevance[0]}
        why = [f"{level} concerns about {name}" for name, level in named.items()
               if level in ("moderate", "serious")]
        minor = [name for name, level in named.items() if level == "minor"]
        if minor:
            why.append("minor concerns about " + " and ".join(minor))
        explanation = (f"{confidence.replace('-', ' ').capitalize()} confidence: "
                       + ("; ".join(why) if why else "no or very minor concerns on any "
                          "component") + ".")
        out.append([f"f{n}", plan.finding, plan.id,
                    "; ".join(f"{labels[s]} ({s})" for s in studies),
                    ml[0], ml[1], coherence[0], coherence[1], adequacy[0], adequacy[1],
                    relevance[0], relevance[1], confidence, explanation])
    return out


def argument(rows: Sequence[list[str]]) -> str:
    present = {r[0] for r in rows}
    links = [f"- {a} -> {b}: {label}" for a, b, label in LINKS if a in present and b in present]
    return ARGUMENT + "\n## Links\n\n" + "\n".join(links) + "\n"


def ppi_text() -> str:
    out = []
    for date, phase, who, discussed, changed in MEETINGS:
        out += ["=== new", f"date: {date}", f"phase: {phase}", f"who: {who}",
                f"discussed: {discussed}", f"changed: {changed}", ""]
    return "\n".join(out)


def fill_workbook(data: bytes, sheets: Mapping[str, list[list[Any]]]) -> bytes:
    """The synthesis workbook `data` with rows appended to the named sheets, as a team fills
    it in a spreadsheet program."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    for name, rows in sheets.items():
        for row in rows:
            wb[name].append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
