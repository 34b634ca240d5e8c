"""Editing the synthesis files as text: what `$EDITOR` shows for each file (its help, its
records as blocks), what a saved text gives (records merged into the files' current ones, and
the problems found), and writing the files a save changed in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from review_cli.project import Project
from review_cli.stages.studies import Study
from review_cli.stages.synthesis import _forms, _text
from review_cli.stages.synthesis._check import Inputs
from review_cli.stages.synthesis._forms import Studies
from review_cli.store import cerqual as cerqual_store
from review_cli.store import concepts as concepts_store
from review_cli.store import line_of_argument as argument_store
from review_cli.store import matrix as matrix_store
from review_cli.store import ppi as ppi_store
from review_cli.store.matrix import Matrix
from review_cli.store.transaction import transaction

_HELP = {
    "concepts": ["Concepts (synthesis/concepts.jsonl): first-order (participants' own words) and "
                 "second-order (the authors' interpretation), one `=== ID` block each.",
                 "Add one with `=== new` (its id is made when you save); delete a block to "
                 "remove it. order: first-order or second-order."],
    "matrix": ["Translation matrix (synthesis/matrix.jsonl): a `=== ID` block per third-order "
               "concept (a row), a `--- Study (id)` part per included study.",
               "relation: reciprocal, refutational or absent; concepts: the study's concept ids "
               "that express the row; note: how a refutational cell contradicts it.",
               "Add a row with `=== new`. A part left without a relation is a cell not filled "
               "in yet."],
    "cerqual": ["GRADE-CERQual findings (synthesis/cerqual.jsonl), one `=== ID` block per "
                "review finding.",
                "concepts: the rows of the matrix it rests on; studies: the contributing "
                "studies (ids or `Label (id)`, separated by commas).",
                "Concerns (limitations, coherence, adequacy, relevance): none (no or very minor),"
                " minor, moderate, serious; confidence: high, moderate, low, very-low."],
    "ppi": ["PPI advisory group meetings (synthesis/ppi.jsonl), one `=== ID` block each "
            "(`=== new` for a new one).",
            "date: YYYY-MM-DD; phase: the meta-ethnography phase (1 getting started ... 5 "
            "translating, 6 synthesising, 7 expressing); who: roles and how many, separated by "
            "; (roles, not names, unless the protocol allows names); changed: what the review "
            "changed as a result."],
}
ARGUMENT_TEMPLATE = """\
# Line of argument

Write how the translated third-order concepts fit together into a whole: the line of argument
(Noblit and Hare's phases 6 and 7). Everything outside `## Links` is reported as you write it.

## Links

<!-- One link per line between third-order concepts (rows of the matrix): - t1 -> t2: label -->
"""


def blocks(kind: str, data: Inputs, order: Sequence[Study],
             study: Study | None) -> list[_text.Block]:
    names = Studies(data.studies)
    if kind == "concepts":
        chosen = [c for c in data.concepts or [] if study is None or c.study == study.id]
        return _forms.concept_blocks(chosen, names)
    if kind == "matrix":
        return _forms.matrix_blocks(data.matrix or Matrix(), order)
    if kind == "cerqual":
        return _forms.finding_blocks(data.findings or [], names)
    return _forms.meeting_blocks(data.meetings or [])


def header(kind: str, study: Study | None) -> list[str]:
    lines = [line for h in _HELP[kind] for line in _text.comment(h)]
    if study is not None:
        lines += _text.comment(f"Only the concepts of {study.label} ({study.id}); `study` may "
                               "be left out in a new block.")
    return lines + ["# Lines starting with # are comments; continue a value on lines indented "
                    "by two spaces."]


def parse(kind: str, text: str, data: Inputs, study: Study | None
          ) -> tuple[dict[str, Any], list[_text.Problem]]:
    """The records a text gives, merged into the files' current records."""
    names = Studies(data.studies)
    if kind == "line-of-argument":
        a = argument_store.parse(text)
        return {"argument": text}, [_text.Problem(f"line {n}", f"`{line}` is not a link: write "
                                                  "`- SOURCE -> TARGET: label`")
                                    for n, line in a.bad]
    keys = {"concepts": _forms.CONCEPT_KEYS, "matrix": _forms.ROW_KEYS,
            "cerqual": _forms.FINDING_KEYS, "ppi": _forms.MEETING_KEYS}[kind]
    blocks, problems = _text.parse(text, keys, _forms.CELL_KEYS if kind == "matrix" else ())
    if kind == "concepts":
        others = [c for c in data.concepts or [] if study is not None and c.study != study.id]
        taken = {c.id for c in data.concepts or []}
        new, more = _forms.concepts_from(blocks, names, taken, study)
        if study is not None:
            more += [_text.Problem(b.loc("study"), f"`study`: only {study.label}'s concepts "
                                   "are edited here") for b, c in zip(blocks, new, strict=False)
                     if c.study != study.id]
        return {"concepts": [*others, *new]}, problems + more
    if kind == "matrix":
        matrix, more = _forms.matrix_from(blocks, names)
        return {"matrix": matrix}, problems + more
    if kind == "cerqual":
        findings, more = _forms.findings_from(blocks, names)
        return {"findings": findings}, problems + more
    meetings, more = _forms.meetings_from(blocks)
    return {"meetings": meetings}, problems + more


def counts(records: Mapping[str, Any]) -> dict[str, int]:
    out = {}
    for name, value in records.items():
        if isinstance(value, Matrix):
            out["third-order concepts"] = len(value.rows)
            out["cells"] = len(value.cells)
        elif isinstance(value, list):
            out[name] = len(value)
        else:
            out["links"] = len(argument_store.parse(str(value)).links)
    return out


def write(project: Project, records: Mapping[str, Any]) -> list[str]:
    """Write the files whose records are given, in one transaction; the names of the files
    that changed."""
    encoded: dict[Path, bytes] = {}
    for name, value in records.items():
        if name == "concepts":
            encoded[project.concepts_path] = concepts_store.encode(value)
        elif name == "matrix":
            encoded[project.matrix_path] = matrix_store.encode(value)
        elif name == "findings":
            encoded[project.cerqual_path] = cerqual_store.encode(value)
        elif name == "meetings":
            encoded[project.ppi_path] = ppi_store.encode(value)
    changed = []
    with transaction(project) as tx:
        for path, data in encoded.items():
            if not data and not path.is_file():
                continue  # an empty sheet makes no file where there was none
            if not path.is_file() or path.read_bytes() != data:
                tx.write(path, data)
                changed.append(project.rel(path))
        if "argument" in records:
            before = project.line_of_argument_path
            text = str(records["argument"])
            if not before.is_file() or before.read_bytes().decode("utf-8", "replace") \
                    .replace("\r\n", "\n") != text.rstrip("\n") + "\n":
                argument_store.write(tx, text)
                changed.append(project.rel(before))
    return changed
