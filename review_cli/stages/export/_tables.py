"""The tables a paper reports after inclusion: the characteristics of included studies (the
final extraction) and the appraisal (study x question, with the overall judgement).

Final values follow the rule of `store.extraction.final_values` and
`store.appraisal.final_answers`: reconciled, else agreed, else the one reviewer's; a value the
reviewers still disagree on is shown as `[not reconciled]` and counted in a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from review_cli.errors import ReviewError
from review_cli.forms import show
from review_cli.instruments import DESIGN, OVERALL, Instrument, find
from review_cli.instruments import shipped as shipped_tools
from review_cli.project import Project
from review_cli.stages.studies import Study, included
from review_cli.store import appraisal as appraisal_store
from review_cli.store import extraction as extraction_store

UNSETTLED = "[not reconciled]"


@dataclass
class Table:
    rows: list[dict[str, Any]]
    columns: tuple[str, ...]
    legend: list[tuple[str, str]] = field(default_factory=list)  # (column, what it means)
    notes: list[str] = field(default_factory=list)  # printed under the Markdown table
    warnings: list[str] = field(default_factory=list)


def _studies(project: Project) -> list[Study]:
    studies = included(project)
    if not studies:
        raise ReviewError("no study is included yet",
                          hint="the tables list the included studies: finish the full-text "
                          "decisions and run `review include`")
    return studies


def characteristics(project: Project) -> Table:
    """One row per included study, one column per field of the form marked `table`."""
    form = project.protocol.extraction
    if form is None:
        raise ReviewError("review.toml has no extraction form",
                          hint="add [[extraction.fields]] and extract with `review extract`")
    studies = _studies(project)
    finals = extraction_store.final_values(project, form)
    shown = [f for f in form.fields if f.table]
    columns = ("Study", "Study id", *(f.label for f in shown))
    rows, open_, missing = [], 0, []
    for s in studies:
        row: dict[str, Any] = {"Study": s.label, "Study id": s.id}
        mine = finals.get(s.id)
        if mine is None:
            missing.append(s.label)
        for f in shown:
            final = (mine or {}).get(f.name)
            if final is not None and final.conflict:
                open_ += 1
                row[f.label] = UNSETTLED
            else:
                row[f.label] = show(f, final.value) if final is not None else ""
        rows.append(row)
    warnings = []
    if open_:
        warnings.append(f"{open_} value(s) are not reconciled yet (shown as {UNSETTLED}): "
                        "`review extract compare`, then `review extract reconcile`")
    if missing:
        warnings.append(f"{len(missing)} included stud{'y is' if len(missing) == 1 else 'ies are'}"
                        f" not extracted yet: {', '.join(missing[:5])}")
    legend = [(f.label, f.help) for f in shown if f.help]
    return Table(rows, columns, legend, [], warnings)


def tool_of(project: Project, tool: str | None) -> Instrument:
    """--tool, else the protocol's, else the only instrument anyone appraised with."""
    name = tool or project.protocol.appraisal.tool
    if not name:
        used = appraisal_store.tools(project)
        if len(used) != 1:
            raise ReviewError("which instrument? pass --tool",
                              hint="the instruments: " + ", ".join(used or list(shipped_tools())))
        name = used[0]
    return find(name, project.root)


def appraisal(project: Project, tool: str | None) -> Table:
    """Study x question: each final answer, and the overall judgement."""
    inst = tool_of(project, tool)
    studies = _studies(project)
    questions = [*([DESIGN] if inst.designs else []), *(i.id for i in inst.items), OVERALL]
    finals = appraisal_store.final_answers(project, inst.id, questions)
    used: set[str] = set()
    for s in studies:
        design = finals.get(s.id, {}).get(DESIGN)
        used |= {i.id for i in inst.applicable(design.value if design else None)}
    items = [i for i in inst.items if i.id in used or not inst.designs]
    columns = ("Study", "Study id", *(["Design"] if inst.designs else []),
               *(i.id for i in items), inst.overall_label)
    rows, open_, missing = [], 0, []
    for s in studies:
        mine = finals.get(s.id)
        if mine is None:
            missing.append(s.label)
        row: dict[str, Any] = {"Study": s.label, "Study id": s.id}
        for q, column in ([(DESIGN, "Design")] if inst.designs else []) + \
                [(i.id, i.id) for i in items] + [(OVERALL, inst.overall_label)]:
            final = (mine or {}).get(q)
            if final is not None and final.conflict:
                open_ += 1
                row[column] = UNSETTLED
            else:
                row[column] = inst.answer_label(q, final.value) if final and final.value else ""
        rows.append(row)
    legend = [(i.id, i.label) for i in items]
    notes = [f"{inst.overall_label}: {inst.rule}",
             f"Instrument: {inst.name} ({inst.version}). {inst.source}"]
    warnings = []
    if open_:
        warnings.append(f"{open_} answer(s) are not reconciled yet (shown as {UNSETTLED}): "
                        f"`review appraise compare --tool {inst.id}`, then `review appraise "
                        "reconcile`")
    if missing:
        warnings.append(f"{len(missing)} included stud{'y is' if len(missing) == 1 else 'ies are'}"
                        f" not appraised with {inst.id} yet: {', '.join(missing[:5])}")
    return Table(rows, columns, legend, notes, warnings)
