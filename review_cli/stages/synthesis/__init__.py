"""`review synthesis`: the meta-ethnography (Noblit and Hare) and its GRADE-CERQual assessment,
in plain files the team edits in `$EDITOR` or a workbook, checked by `review synthesis check`.

- concepts (phases 3-4): `seed` starts `synthesis/concepts.jsonl` from the extraction's
  quotation blocks (first- and second-order), which two reviewers extracted blind and
  reconciled; the team adds, splits and annotates concepts from there;
- the translation matrix (phase 5), the line of argument (phases 6-7), the GRADE-CERQual
  findings and the PPI advisory group's meetings: `edit KIND` opens the file as text in
  `$EDITOR` (`--print` / `--from FILE` for scripts), `export` / `import` round-trip a
  workbook with a sheet per file;
- `check` lists every broken rule with its file and line (`_check`);
- `table` writes the concepts, the matrix, the Summary of Qualitative Findings and the Evidence
  Profile as Markdown, CSV or XLSX.

These are the team's agreed working files, one copy each, not one per reviewer: translation and
synthesis are interpretive work done together, and git records who changed what. Every save is
checked for form first; nothing is written when a value is wrong, and the files a save changes
are written in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review_cli.errors import ReviewError, UsageError
from review_cli.instruments import OVERALL
from review_cli.instruments import find as find_instrument
from review_cli.io import workbook
from review_cli.io.exporters import render, to_markdown
from review_cli.project import Project
from review_cli.stages.studies import Study, find, included
from review_cli.stages.synthesis import _check, _edit, _forms, _tables, _text, _xlsx
from review_cli.stages.synthesis._check import Checked, Inputs, Problem
from review_cli.stages.synthesis._forms import Studies
from review_cli.stages.synthesis._tables import Table, study_order
from review_cli.store import appraisal as appraisal_store
from review_cli.store import cerqual as cerqual_store
from review_cli.store import concepts as concepts_store
from review_cli.store import extraction as extraction_store
from review_cli.store import line_of_argument as argument_store
from review_cli.store import lock
from review_cli.store import matrix as matrix_store
from review_cli.store import ppi as ppi_store
from review_cli.store.concepts import Concept
from review_cli.store.locking import locked
from review_cli.store.matrix import Matrix
from review_cli.store.transaction import transaction

STAGE = "synthesis"
KINDS = ("concepts", "matrix", "line-of-argument", "cerqual", "ppi")
TABLES = ("concepts", "matrix", "soqf", "evidence-profile")
MAX_ROUNDS = 50
Editor = Callable[[str], str]

__all__ = [
    "KINDS", "TABLES", "Checked", "Imported", "Inputs", "Problem", "Saved", "Seeded", "Table",
    "appraisal_overall", "check", "check_inputs", "edit", "export_workbook", "form_text",
    "import_workbook", "inputs", "save_file", "seed", "started", "study_order", "table",
    "tables",
]


def _studies(project: Project) -> list[Study]:
    studies = included(project)
    if not studies:
        raise ReviewError("no study is included yet",
                          hint="the synthesis works on the included studies: finish the "
                          "full-text decisions and run `review include`")
    return studies


def _files(project: Project) -> dict[str, str]:
    return {"concepts": project.rel(project.concepts_path),
            "matrix": project.rel(project.matrix_path),
            "argument": project.rel(project.line_of_argument_path),
            "cerqual": project.rel(project.cerqual_path),
            "ppi": project.rel(project.ppi_path),
            "protocol": project.rel(project.protocol_path)}


def inputs(project: Project, studies: Sequence[Study] | None = None) -> Inputs:
    """Every synthesis file as the store reads it (None where there is none yet)."""
    return Inputs(
        list(studies) if studies is not None else included(project),
        project.protocol.synthesis_settings,
        concepts_store.read(project) if concepts_store.exists(project) else None,
        matrix_store.read(project) if matrix_store.exists(project) else None,
        argument_store.read(project),
        cerqual_store.read(project) if cerqual_store.exists(project) else None,
        ppi_store.read(project) if ppi_store.exists(project) else None,
        _files(project),
    )


def started(data: Inputs) -> bool:
    return any(x is not None for x in (data.concepts, data.matrix, data.argument, data.findings,
                                       data.meetings))


def check_inputs(data: Inputs) -> Checked:
    """`check` over files already read (pure)."""
    return _check.check(data)


def check(project: Project) -> Checked:
    """Every rule of the synthesis files, each broken one with its file and line."""
    data = inputs(project)
    if not started(data):
        raise ReviewError("no synthesis yet: nothing to check",
                          hint="start it from the extraction's quotations: `review synthesis "
                          "seed`")
    return _check.check(data)


# --- concepts from the extraction ---------------------------------------------------------------


@dataclass
class Seeded:
    added: list[Concept] = field(default_factory=list)
    total: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"added": [c.to_json() for c in self.added], "total": self.total,
                "warnings": self.warnings}


def _quotation_field(project: Project) -> str:
    form = project.protocol.extraction
    if form is None:
        raise ReviewError("review.toml has no extraction form, so there are no quotations to "
                          "start the concepts from",
                          hint="add concepts yourself: `review synthesis edit concepts`")
    for f in form.fields:
        if f.type == "blocks" and {"text", "order"} <= {s.name for s in f.fields}:
            return f.name
    raise ReviewError("the extraction form has no quotation blocks (a `blocks` field with "
                      "`text` and `order` sub-fields)",
                      hint="add concepts yourself: `review synthesis edit concepts`")


@locked("synthesis")
def seed(project: Project) -> Seeded:
    """Add to synthesis/concepts.jsonl every quotation block of the final extraction that is
    not there yet (the same study and text); existing concepts are never changed."""
    studies = _studies(project)
    name = _quotation_field(project)
    form = project.protocol.extraction
    assert form is not None
    finals = extraction_store.final_values(project, form)
    current = concepts_store.read(project)
    have = {(c.study, " ".join(c.text.split()).casefold()) for c in current}
    out = Seeded()
    taken = {c.id for c in current}
    for s in studies:
        final = finals.get(s.id, {}).get(name)
        if final is None:
            out.warnings.append(f"{s.label} ({s.id}): no quotations extracted")
            continue
        if final.conflict:
            out.warnings.append(f"{s.label} ({s.id}): the reviewers' quotations differ, not "
                                "reconciled yet (`review extract compare`); left out")
            continue
        make = _forms.fresh(_forms.concept_prefix(s), taken)
        for block in final.value or []:
            text = str(block.get("text") or "").strip()
            key = (s.id, " ".join(text.split()).casefold())
            if not text or key in have:
                continue
            have.add(key)
            c = Concept(make(), s.id, str(block.get("order") or ""), text,
                        str(block.get("page") or ""), str(block.get("participant") or ""))
            taken.add(c.id)
            out.added.append(c)
    out.total = len(current) + len(out.added)
    with transaction(project) as tx:
        if out.added or not concepts_store.exists(project):
            concepts_store.write(tx, [*current, *out.added])
        # The extraction it read: `review status` says the concepts may be behind when it changes.
        lock.record(tx, STAGE, _extraction_logs(project), [], params={"seeded_from": name})
    return out


def _extraction_logs(project: Project) -> list[Path]:
    return [log.path for log in extraction_store.reviewer_logs(project).values()] + (
        [project.extraction_reconciled_path] if project.extraction_reconciled_path.exists()
        else [])


# --- editing: $EDITOR, files and workbooks ----------------------------------------------------

def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise UsageError(f"nothing called `{kind}` to edit", hint="edit one of: "
                         + ", ".join(KINDS))
    return kind


def form_text(project: Project, kind: str, study_query: str | None = None) -> str:
    """The file as `$EDITOR` shows it."""
    kind = _kind(kind)
    studies = _studies(project)
    if kind == "line-of-argument":
        a = argument_store.read(project)
        return a.text if a is not None else _edit.ARGUMENT_TEMPLATE
    study = find(studies, study_query) if study_query else None
    data = inputs(project, studies)
    order = study_order(studies, data.settings)
    blocks = _edit.blocks(kind, data, order, study)
    if kind == "matrix" and not blocks:  # a first row to fill, with every study's cell
        blocks = _forms.matrix_blocks(Matrix([matrix_store.Row("new", "")]), order)
    if kind == "concepts" and study is not None and not blocks:
        blocks = [_text.Block("new", "", {"study": Studies(studies).named(study.id),
                                          "order": "", "page": "", "participant": "",
                                          "text": "", "memo": ""})]
    return _text.render(_edit.header(kind, study), blocks, _forms.LONG)


@dataclass
class Saved:
    kind: str
    outcome: str = "saved"  # saved | unchanged | empty
    files: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "outcome": self.outcome, "files": self.files,
                "counts": self.counts}


@locked("synthesis")
def edit(project: Project, kind: str, editor: Editor, study_query: str | None = None) -> Saved:
    """Open a synthesis file in `editor(text) -> text` until it is valid, emptied or unchanged;
    then write it. Holds the review's write lock while the editor is open."""
    kind = _kind(kind)
    studies = _studies(project)
    study = find(studies, study_query) if study_query else None
    if study is not None and kind != "concepts":
        raise UsageError("--study is for the concepts only")
    original = text = form_text(project, kind, study_query)
    data = inputs(project, studies)
    shown = False
    for _ in range(MAX_ROUNDS):
        edited = editor(text)
        if _text.blank(edited):
            return Saved(kind, "empty")
        if edited == original:
            return Saved(kind, "unchanged")
        records, problems = _edit.parse(kind, edited, data, study)
        if not problems:
            break
        if shown and edited == text:
            raise ReviewError(f"the {kind} text still has {len(problems)} problem(s); nothing "
                              "was saved:\n  " + "\n  ".join(p.text() for p in problems),
                              hint="run the command again to fix them, or save from a file: "
                              f"review synthesis edit {kind} --from FILE")
        text, shown = _text.with_problems(edited, problems), True
    else:
        raise ReviewError("the text was saved with problems too many times; nothing was saved")
    return Saved(kind, "saved", _edit.write(project, records), _edit.counts(records))


@locked("synthesis")
def save_file(project: Project, kind: str, source: Path, study_query: str | None = None
              ) -> Saved:
    """`--from FILE`: a text as `--print` writes it, saved without an editor."""
    kind = _kind(kind)
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except OSError as e:
        raise ReviewError(f"cannot read {source}: {e.strerror}", hint="check the path") from None
    except UnicodeDecodeError as e:
        raise ReviewError(f"{source}: not UTF-8 (byte {e.start})",
                          hint="save it as UTF-8") from None
    studies = _studies(project)
    study = find(studies, study_query) if study_query else None
    records, problems = _edit.parse(kind, text, inputs(project, studies), study)
    if problems:
        listed = [f"{source}:{p.line}: {p.message}" if p.line else f"{source}: {p.text()}"
                  for p in problems]
        raise ReviewError(f"{len(problems)} problem(s) in {source}; nothing was saved:\n  "
                          + "\n  ".join(listed), hint="fix them and run the command again")
    return Saved(kind, "saved", _edit.write(project, records), _edit.counts(records))


def export_workbook(project: Project) -> bytes:
    """The synthesis workbook: a sheet per file, filled with what the files hold."""
    studies = _studies(project)
    data = inputs(project, studies)
    order = study_order(studies, data.settings)
    return workbook.write(_xlsx.sheets(data.concepts or [], data.matrix or Matrix(),
                                       data.findings or [], data.meetings or [], order,
                                       Studies(studies)))


@dataclass
class Imported:
    files: list[str]
    counts: dict[str, int]
    written: bool

    def to_json(self) -> dict[str, Any]:
        return {"files": self.files, "counts": self.counts, "written": self.written}


@locked("synthesis")
def import_workbook(project: Project, path: Path, dry_run: bool = False) -> Imported:
    """Read a synthesis workbook back: each sheet it has replaces its file. Any problem:
    nothing is written, every cell named."""
    studies = _studies(project)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ReviewError(f"cannot read {path}: {e.strerror}", hint="check the path") from e
    data = inputs(project, studies)
    taken = {c.id for c in data.concepts or []}
    got, problems = _xlsx.read(workbook.read(raw, path), Studies(studies), taken)
    if problems:
        raise ReviewError(f"{path}: {len(problems)} problem(s); nothing was saved:\n  "
                          + "\n  ".join(p.text() for p in problems),
                          hint="fix those cells (the sheet `guide` says what each column "
                          "holds) and import again")
    if dry_run:
        return Imported([], _edit.counts(got), False)
    return Imported(_edit.write(project, got), _edit.counts(got), True)


# --- tables ------------------------------------------------------------------------------------


def appraisal_overall(project: Project) -> dict[str, str]:
    """study -> the final overall appraisal judgement (its label), with the protocol's
    instrument (or the only one used); empty when nothing is appraised."""
    name = project.protocol.appraisal.tool
    if not name:
        used = appraisal_store.tools(project)
        if len(used) != 1:
            return {}
        name = used[0]
    try:
        inst = find_instrument(name, project.root)
    except ReviewError:
        return {}
    out = {}
    for sid, row in appraisal_store.final_answers(project, inst.id, [OVERALL]).items():
        final = row.get(OVERALL)
        if final is not None and final.value and not final.conflict:
            out[sid] = inst.answer_label(OVERALL, final.value)
    return out


def tables(project: Project, data: Inputs | None = None) -> dict[str, Table]:
    """Every synthesis table there is data for, by name."""
    data = data or inputs(project)
    order = study_order(data.studies, data.settings)
    out: dict[str, Table] = {}
    if data.concepts is not None:
        out["concepts"] = _tables.concepts_table(data.concepts, order)
    if data.matrix is not None:
        out["matrix"] = _tables.matrix_table(data.matrix, order)
    if data.findings is not None:
        out["soqf"] = _tables.soqf(data.findings, data.studies)
        out["evidence-profile"] = _tables.evidence_profile(data.findings, data.studies,
                                                           appraisal_overall(project))
    return out


@dataclass
class Exported:
    text: str
    rows: int
    data: bytes | None = None


def table(project: Project, what: str, fmt: str) -> Exported:
    """One synthesis table as Markdown, CSV or XLSX."""
    if what not in TABLES:
        raise UsageError(f"no synthesis table called `{what}`", hint="one of: "
                         + ", ".join(TABLES))
    if fmt not in ("md", "csv", "xlsx"):
        raise UsageError(f"the tables are written as md, csv or xlsx, not {fmt}")
    _studies(project)
    t = tables(project).get(what)
    if t is None:
        source = {"concepts": "concepts", "matrix": "matrix", "soqf": "cerqual",
                  "evidence-profile": "cerqual"}[what]
        raise ReviewError(f"no {what} table yet: {_files(project)[source]} does not exist",
                          hint=f"`review synthesis edit {source}` (or `review synthesis seed` "
                          "for the concepts)")
    if fmt == "xlsx":
        sheet = workbook.Sheet(what, [workbook.Column(c, 12 if c == "#" else 30, wrap=True)
                                      for c in t.columns],
                               [[r.get(c) for c in t.columns] for r in t.rows])
        notes = workbook.Sheet("notes", [workbook.Column("note", 100, wrap=True)],
                               [[n] for n in t.notes])
        return Exported("", len(t.rows), workbook.write([sheet, notes] if t.notes else [sheet]))
    if fmt == "csv":
        return Exported(render("csv", t.rows, t.columns), len(t.rows))
    text = to_markdown(t.rows, t.columns)
    if t.notes:
        text += "\n" + "\n".join(f"- {n}" for n in t.notes) + "\n"
    return Exported(text, len(t.rows))
