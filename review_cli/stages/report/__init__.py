"""`review report`: the review's report written from its files, `report/report.md` and
`report/report.docx`, and `review report --check`, which fails when they no longer match.

The report holds the PRISMA 2020 flow (counted by `prisma.compute`, as `review prisma` counts
it), the searches (PRISMA-S), the selection with the screening agreement and every full text
excluded with its reason, the characteristics and appraisal tables, the meta-ethnography
(concepts, translation matrix, line of argument), the GRADE-CERQual tables and the PPI log in
the GRIPP2 short form; then the PRISMA 2020, PRISMA-S and eMERGe checklists, every item the
files can answer filled in and the rest left as `[to write]` prompts for the authors.

Both files are deterministic: the same files give the same bytes. `--check` compares the
Markdown byte for byte and the Word document by what it says (every paragraph and table row,
read back with python-docx), so a newer python-docx that lays out the same text differently
does not fail CI; `review report` rewrites it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from review_cli.errors import ReviewError
from review_cli.io import docmodel, docx
from review_cli.io.docmodel import Bullets, C, Document, Heading, P, Table
from review_cli.io.writer import sha256_bytes
from review_cli.project import Project
from review_cli.stages.report import _checklists, _prisma2020, _sections
from review_cli.stages.report import _say as say
from review_cli.stages.report._facts import Facts, gather
from review_cli.store import flow as flow_store
from review_cli.store import lock
from review_cli.store import report as report_store
from review_cli.store.locking import locked
from review_cli.store.transaction import transaction

STAGE = "report"
MAX_DIFF_LINES = 200
MAX_PROBLEMS = 20


def document(facts: Facts) -> Document:
    """The whole report as document blocks."""
    p = facts.protocol
    doc = Document(p.title)
    doc.add(Heading(1, p.title),
            P("Written by ", C("review report"), " from the review's files; do not edit it: "
              "change the files and run ", C("review report"), " again (", C("review report "
                                                                             "--check"),
              " fails when they no longer match). ", say.TODO, " marks what the files cannot "
              "say, for the authors to write."))
    doc.add(Bullets(tuple((title,) for title in (
        *_sections.SECTIONS.values(), "Appendix A. PRISMA 2020 checklist",
        "Appendix B. PRISMA-S checklist", "Appendix C. eMERGe meta-ethnography reporting "
        "checklist", "Sources"))))
    doc.add(*_sections.numbers(facts), *_sections.flow(facts), *_sections.searches(facts),
            *_sections.selection(facts), *_sections.characteristics(facts),
            *_sections.appraisal(facts), *_sections.synthesis(facts), *_sections.cerqual(facts))
    gripp = Table(("Item", "Topic", "What to report", "Reported"),
                  tuple(_checklists.gripp2(facts)))
    doc.add(*_sections.ppi(facts, [gripp]))
    doc.add(Heading(2, "Appendix A. PRISMA 2020 checklist"),
            Table(("Section and topic", "Item", "Checklist item", "Reported in this report"),
                  tuple(_prisma2020.rows(facts)), small=True))
    doc.add(Heading(2, "Appendix B. PRISMA-S checklist"),
            P("The literature search extension of PRISMA; items summarised in this project's "
              "own words."),
            Table(("Item", "Topic", "What to report", "Reported"),
                  tuple(_checklists.prisma_s(facts)), small=True))
    doc.add(Heading(2, "Appendix C. eMERGe meta-ethnography reporting checklist"),
            P("The 19 criteria of the eMERGe reporting guidance by phase of the "
              "meta-ethnography; summarised in this project's own words."),
            Table(("Phase", "Criterion", "Topic", "What to report", "Reported"),
                  tuple(_checklists.emerge(facts)), small=True))
    doc.add(Heading(2, "Sources"),
            Bullets(tuple((x,) for x in (_prisma2020.SOURCE, _checklists.PRISMA_S,
                                         _checklists.EMERGE, _checklists.GRIPP2,
                                         _checklists.CERQUAL, _checklists.NOBLIT))))
    return doc


@dataclass
class Rendered:
    files: dict[Path, bytes]
    facts: Facts
    prompts: int  # items left for the authors to write
    warnings: list[str] = field(default_factory=list)


def render(project: Project, allow_pending: bool = False, cache: bool = True) -> Rendered:
    """The report's files, in memory. `cache`: as `flow.read`."""
    facts = gather(project, allow_pending, cache)
    if facts.flow_problem and not allow_pending:
        raise ReviewError(facts.flow_problem,
                          hint="finish and reconcile the decisions named, or `review report "
                          "--allow-pending` for an interim report")
    if facts.checked is not None and not facts.checked.ok:
        shown = [x.text() for x in facts.checked.problems[:MAX_PROBLEMS]]
        more = len(facts.checked.problems) - len(shown)
        raise ReviewError(f"the synthesis files break {len(facts.checked.problems)} rule(s); "
                          "the report is not written:\n  " + "\n  ".join(shown)
                          + (f"\n  ... and {more} more" if more > 0 else ""),
                          hint="fix them (`review synthesis check` lists them all), then run "
                          "`review report` again")
    doc = document(facts)
    markdown = docmodel.markdown(doc)
    paths = report_store.paths(project)
    files = {paths["markdown"]: markdown.encode("utf-8"), paths["word"]: docx.write(doc)}
    warnings = list(facts.notes)
    if facts.checked is not None and facts.checked.warnings:
        warnings.append(f"the synthesis has {len(facts.checked.warnings)} warning(s): `review "
                        "synthesis check`")
    return Rendered(files, facts, markdown.count(docmodel.escape(say.TODO)) - 1, warnings)


def _inputs(project: Project) -> tuple[list[Path], dict[Path, str]]:
    sources, known = flow_store.hashed_files(project)
    more = [project.protocol_path, project.search_log_path, project.import_report_path,
            *project.decision_logs(), project.concepts_path, project.matrix_path,
            project.line_of_argument_path, project.cerqual_path, project.ppi_path]
    for folder, pattern in ((project.extract_dir, "*.jsonl"), (project.appraise_dir,
                                                               "*/*.jsonl")):
        if folder.is_dir():
            more += sorted(folder.glob(pattern))
    return [*sources, *(p for p in more if p.is_file() and p not in sources)], known


@dataclass
class ReportResult:
    written: list[str]
    prompts: int
    warnings: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.differences

    def to_json(self) -> dict[str, object]:
        return {"written": self.written, "prompts": self.prompts, "warnings": self.warnings,
                "differences": self.differences, "counts": self.counts}


@locked("report")
def run(project: Project, allow_pending: bool = False) -> ReportResult:
    """Write report/report.md and report/report.docx, and record them in review.lock."""
    inputs, known = _inputs(project)
    rendered = render(project, allow_pending)
    with transaction(project) as tx:
        for path, data in rendered.files.items():
            if report_store.read_bytes(path) != data:
                report_store.write(tx, path, data)
            known[path] = sha256_bytes(data)
        lock.record(tx, STAGE, inputs, rendered.files, params={"allow_pending": allow_pending},
                    known=known)
    return ReportResult([project.rel(p) for p in rendered.files], rendered.prompts,
                        rendered.warnings, counts=rendered.facts.counts)


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _diff(rel: str, old: str, new: str) -> str:
    lines = list(difflib.unified_diff(_lines(old), _lines(new), f"{rel} (on disk)",
                                      f"{rel} (regenerated)", n=2))
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [f"... {len(lines) - MAX_DIFF_LINES} more diff lines\n"]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def check(project: Project, allow_pending: bool = False) -> ReportResult:
    """Regenerate in memory and compare with the files on disk; writes nothing."""
    rendered = render(project, allow_pending, cache=False)
    differences = []
    for path, data in rendered.files.items():
        rel = project.rel(path)
        raw = report_store.read_bytes(path)
        if raw is None:
            differences.append(f"--- {rel} (missing)\n+++ {rel} (regenerated)\n"
                               "@@ the file does not exist; run `review report` @@\n")
        elif path.suffix == ".docx":
            try:
                old = docx.text_of(raw, rel)
            except ReviewError as e:
                differences.append(f"--- {rel}\n+++ {rel} (regenerated)\n@@ {e.message} @@\n")
                continue
            new = docx.text_of(data, rel)
            if old != new:
                differences.append(_diff(rel + " (text)", old, new))
        elif raw != data:
            differences.append(_diff(rel, raw.decode("utf-8", "replace"), data.decode("utf-8")))
    return ReportResult([], rendered.prompts, rendered.warnings, differences,
                        rendered.facts.counts)
