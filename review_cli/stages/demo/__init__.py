"""`review demo`: a whole example review, end to end, through the same stage functions as users.

The demo is a list of steps. Each step calls the stage functions a user's command calls
(`review import`, `review decide`, `review reconcile`, ...), with the generator's ground truth
playing the reviewers. A step that cannot run says why (an export whose importer is missing is
reported and left in searches/; a step whose prerequisite did not run is "skipped"), so the
folder left behind is always a real review a user can keep working on.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review_cli.errors import ParseError, ReviewError, UsageError
from review_cli.io.writer import read_json
from review_cli.model import Record, Stage, Verdict, fold
from review_cli.progress import NULL, Progress
from review_cli.project import Project
from review_cli.stages import appraise as appraise_stage
from review_cli.stages import dedup as dedup_stage
from review_cli.stages import extract as extract_stage
from review_cli.stages import fulltext as fulltext_stage
from review_cli.stages import import_, init, studies, team
from review_cli.stages import include as include_stage
from review_cli.stages import prisma as prisma_stage
from review_cli.stages import report as report_stage
from review_cli.stages import synthesis as synthesis_stage
from review_cli.stages.demo import _extraction, _reports, _synthesis
from review_cli.stages.demo._generate import DEFAULT_SEED, PROTOCOL_TEMPLATE, Demo, generate
from review_cli.stages.demo._studies import FULL_TEXT_REASONS
from review_cli.store import concepts as concepts_store
from review_cli.store import extraction as extraction_store
from review_cli.store import records as records_store
from review_cli.store import units
from review_cli.store.locking import write_lock
from review_cli.store.transaction import transaction

# Simulated screening happens on fixed dates, so the decision logs are the same on every run.
SCREENING_CLOCK = {
    (Stage.TITLE_ABSTRACT, 0): 1_649_066_400.0,  # 2022-04-04T10:00:00Z
    (Stage.TITLE_ABSTRACT, 1): 1_649_239_200.0,  # 2022-04-06T10:00:00Z
    (Stage.TITLE_ABSTRACT, -1): 1_649_757_600.0,  # 2022-04-12T10:00:00Z (reconciliation)
    (Stage.FULL_TEXT, 0): 1_652_090_400.0,  # 2022-05-09T10:00:00Z
    (Stage.FULL_TEXT, 1): 1_652_263_200.0,  # 2022-05-11T10:00:00Z
    (Stage.FULL_TEXT, -1): 1_652_781_600.0,  # 2022-05-17T10:00:00Z
}
REPORTS_CLOCK = 1_651_485_600.0  # 2022-05-02T10:00:00Z: the reports are attached
# Extraction and appraisal, after PRISMA: each reviewer on their own day, then reconciliation.
EXTRACTION_CLOCK = {0: 1_654_509_600.0, 1: 1_654_682_400.0, -1: 1_655_114_400.0}  # 6-13 June
APPRAISAL_CLOCK = {0: 1_655_719_200.0, 1: 1_655_892_000.0, -1: 1_656_324_000.0}  # 20-27 June
TA_DISAGREEMENTS = (4, 8)  # second reviewer excludes 4 true includes and includes 8 true excludes
FT_DISAGREEMENTS = (1, 1)


@dataclass
class StepReport:
    name: str
    # done | partial (some exports not importable) | skipped (a prerequisite did not run)
    status: str
    summary: str
    details: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "status": self.status, "summary": self.summary,
            "details": self.details,
        }


@dataclass
class DemoRun:
    """What the steps share: the review, the generated demo and what earlier steps found."""

    project: Project
    demo: Demo
    progress: Progress = NULL
    reports: list[StepReport] = field(default_factory=list)
    imported_sources: list[str] = field(default_factory=list)

    def done(self, name: str) -> bool:
        return any(r.name == name and r.status in ("done", "partial") for r in self.reports)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[DemoRun], StepReport]
    needs: tuple[str, ...] = ()  # steps that must have run first


@dataclass
class DemoResult:
    root: Path
    steps: list[StepReport]
    expected: dict[str, Any]
    prisma: dict[str, Any] | None = None
    svg: Path | None = None
    # pipeline vs ground truth, when PRISMA ran
    differences: list[str] = field(default_factory=list)
    existing: bool = False  # the folder already held this demo: nothing was done

    def to_json(self) -> dict[str, Any]:
        return {
            "root": str(self.root),
            "steps": [s.to_json() for s in self.steps],
            "expected": self.expected,
            "prisma": self.prisma,
            "svg": str(self.svg) if self.svg else None,
            "differences_from_ground_truth": self.differences,
            "existing": self.existing,
        }


def _at(seconds: float) -> Callable[[], float]:
    """A clock stopped at a simulated time."""
    return lambda: seconds


# When the demo team searched, by kind of source: the databases on one day, the grey literature a
# week later, the included studies' citations once full-text screening was done. The template
# leaves `search_date` to the reviewers; the demo fills it so its report's PRISMA-S table has it.
SEARCH_DATES = {"database": "2022-03-14", "organisation": "2022-03-21", "website": "2022-03-21",
                "citation searching": "2022-09-05"}


def with_search_dates(protocol: str) -> str:
    """review.toml's text with a `search_date` under each source's name and kind."""
    return re.sub(
        r'(\[\[sources\]\]\nname = "[^"\n]*"\nkind = "([^"\n]*)"\n)',
        lambda m: f'{m.group(1)}search_date = '
                  f'"{SEARCH_DATES.get(m.group(2), SEARCH_DATES["database"])}"\n',
        protocol,
    )


# --- the steps -----------------------------------------------------------------------------------
def create(ctx: DemoRun) -> StepReport:
    project, demo = ctx.project, ctx.demo
    init.run(project.root, PROTOCOL_TEMPLATE)
    protocol = with_search_dates(project.protocol_path.read_text(encoding="utf-8"))
    with transaction(project) as tx:  # what a user saves from the databases, and the demo's truth
        tx.write_text(project.protocol_path, protocol)
        for (source, name), text in demo.files.items():
            tx.write_text(project.source_dir(source) / name, text)
        tx.write_text(project.demo_labels_path, demo.labels_jsonl())
        tx.write_text(project.demo_dir / "README.md", DEMO_README.format(seed=demo.seed))
    return StepReport(
        "create", "done",
        f"protocol and {len(demo.files)} exports ({len(demo.records):,} records) written",
    )


def import_sources(ctx: DemoRun) -> StepReport:
    """`review import FILE --source NAME` for every source, as a user would type it."""
    project = ctx.project
    details: list[str] = []
    waiting: list[str] = []
    ctx.progress.start("Importing the 13 sources", total=len(ctx.demo.files))
    for (source, name), _text in ctx.demo.files.items():
        path = project.source_dir(source) / name
        try:
            result = import_.run(project, [path], source)
        except ParseError as e:
            # The format's importer is not in this build yet: say so, import the rest.
            waiting.append(source)
            reason = e.message.replace(str(path), project.rel(path))
            details.append(
                f"{source}: {name} ({ctx.demo.export(source).format}) not imported: {reason}"
            )
        else:
            rep = result.files[0]
            ctx.imported_sources.append(source)
            details.append(
                f"{source}: {rep.imported} of {rep.read} records imported ({rep.format})"
            )
        ctx.progress.advance()
    ctx.progress.done()
    total = sum(1 for r in ctx.demo.records if r.source in ctx.imported_sources)
    status = "done" if not waiting else "partial"
    summary = f"{total:,} records from {len(ctx.imported_sources)} sources"
    if waiting:
        summary += f"; pending importers for: {', '.join(waiting)}"
    return StepReport("import", status, summary, details)


def dedup(ctx: DemoRun) -> StepReport:
    """`review dedup` (non-interactive: uncertain pairs stay queued, as in CI)."""
    result = dedup_stage.run(ctx.project, progress=ctx.progress)
    summary = (f"{result.records:,} records -> {result.clusters:,} unique "
               f"({result.merged:,} duplicates merged, "
               f"{result.uncertain} uncertain pairs left for `review dedup --review`)")
    truth = ctx.demo.labels()
    details = [
        f"ground truth: {len(truth):,} unique studies, "
        f"{len(ctx.demo.records) - len(truth):,} duplicates"
    ]
    study_of = unit_studies(ctx.project, ctx.demo)
    per_study = Counter(study_of.values())
    missed = sum(n - 1 for n in per_study.values())
    if missed:
        details.append(f"{missed} duplicate records not merged (they are screened twice)")
    false_merges = false_merged_units(ctx.project, ctx.demo)
    if false_merges:
        details.append(
            f"{len(false_merges)} clusters merge different studies: {', '.join(false_merges[:5])}"
        )
    return StepReport("dedup", "done", summary, details)


def screen_title_abstract(ctx: DemoRun) -> StepReport:
    return _screen(ctx, Stage.TITLE_ABSTRACT, TA_DISAGREEMENTS)


def screen_full_text(ctx: DemoRun) -> StepReport:
    """The reports are attached first (`review fulltext attach`: generated placeholder PDFs,
    all but those the ground truth says could not be obtained), then screened."""
    study_of = unit_studies(ctx.project, ctx.demo)
    attached = attach_reports(ctx, study_of)
    report = _screen(ctx, Stage.FULL_TEXT, FT_DISAGREEMENTS, study_of)
    report.details.insert(0, attached)
    return report


def attach_reports(ctx: DemoRun, study_of: dict[str, str]) -> str:
    project, demo = ctx.project, ctx.demo
    sought = sorted(units.stage_ids(project, Stage.FULL_TEXT))
    merged = {r.id: r for r in units.screening_records(project, set(sought))}
    obtained = [u for u in sought if u not in study_of
                or truth(demo, study_of[u], Stage.FULL_TEXT)[0] != Verdict.NOT_RETRIEVED]
    with tempfile.TemporaryDirectory(prefix="review-demo-") as folder:
        items = []
        for u in obtained:
            path = Path(folder) / f"{u}.pdf"
            path.write_bytes(_reports.placeholder_pdf(_reports.citation_text(merged[u])))
            items.append((u, path))
        fulltext_stage.attach_many(project, items, licence="placeholder (generated by the demo)",
                                   now=lambda: dt.datetime.fromtimestamp(REPORTS_CLOCK, dt.UTC))
    return (f"{len(items)} reports attached in fulltext/ (`review fulltext attach`, generated "
            f"placeholder PDFs); {len(sought) - len(items)} could not be obtained")


def include(ctx: DemoRun) -> StepReport:
    """The inclusion log: every record's final status (`review include`)."""
    result = include_stage.run(ctx.project)
    counts = ", ".join(f"{n:,} {k}" for k, n in sorted(result.counts.items()))
    return StepReport("include", "done", f"{result.path}: {counts}", list(result.warnings))


def prisma(ctx: DemoRun) -> StepReport:
    """`review prisma`: prisma.json, the SVG diagram, Mermaid and the PRISMA2020-app CSV."""
    result = prisma_stage.run(ctx.project)
    return StepReport("prisma", "done", "wrote " + ", ".join(result.written), list(result.warnings))


def extract(ctx: DemoRun) -> StepReport:
    """Two reviewers extract every included study: reviewer1 in `$EDITOR` (`review extract ID`,
    the form's text filled and saved), reviewer2 through the spreadsheet (`review extract
    export`, filled, `review extract import`); then `review extract compare` and `reconcile`."""
    project, demo = ctx.project, ctx.demo
    included = studies.included(project)
    study_of = unit_studies(project, demo)
    form = extract_stage.form_of(project)
    reviewers = list(project.protocol.reviewers[:2]) or ["reviewer1", "reviewer2"]
    first = {s.id: _extraction.extraction(demo.study(study_of[s.id]), demo.seed)
             for s in included if s.id in study_of}
    second = {s.id: _extraction.second_reviewer(n, first[s.id])
              for n, s in enumerate(included) if s.id in first}
    for s in included:
        if s.id in first:
            text = extract_stage.form_as_text(form, s, reviewers[0], first[s.id])
            extract_stage.edit(project, s.id, reviewers[0], _typed_in(text),
                               clock=_at(EXTRACTION_CLOCK[0]))
    data, _rows = extract_stage.export_workbook(project, None)

    def cell(name: str, value: Any) -> Any:
        f = form.field(name)
        return value if f is None else extract_stage.cell_of(f, value)

    filled = _extraction.fill_workbook(data, second, cell)
    with tempfile.TemporaryDirectory(prefix="review-demo-") as folder:
        path = Path(folder) / f"extraction-{reviewers[1]}.xlsx"
        path.write_bytes(filled)
        extract_stage.import_workbook(project, path, reviewers[1], clock=_at(EXTRACTION_CLOCK[1]))
    found = extract_stage.compare(project)
    taken = [r for r in extract_stage.take(found, reviewers[0]) if r.field != "participants_n"]
    # A number the reviewers read differently: the reconciler checks the paper and types it.
    typed = [extract_stage.Resolution(d.study, d.field, first[d.study][d.field])
             for d in found if d.field == "participants_n"]
    extract_stage.reconcile(project, reviewers[0], [*taken, *typed],
                            clock=_at(EXTRACTION_CLOCK[-1]))
    rows = extract_stage.agreement(project)
    agree, both = sum(r.agree for r in rows), sum(r.both for r in rows)
    return StepReport(
        "extract", "done",
        f"{len(first)} studies extracted by {reviewers[0]} (in $EDITOR) and {reviewers[1]} "
        f"(XLSX round trip); {len(found)} disagreements reconciled; {agree} of {both} "
        "field values agreed",
        [f"{d.label}: {d.field}" for d in found],
    )


def appraise(ctx: DemoRun) -> StepReport:
    """Two reviewers appraise every included study with CASP, one question at a time (the
    session loop of `review appraise`, answers played by the generator); then `review appraise
    compare` and `reconcile --take`."""
    project, demo = ctx.project, ctx.demo
    included = studies.included(project)
    inst = appraise_stage.instrument_of(project, None)
    reviewers = list(project.protocol.reviewers[:2]) or ["reviewer1", "reviewer2"]
    items = [i.id for i in inst.items]
    for who, reviewer in enumerate(reviewers):
        for n, s in enumerate(included):
            answers = _extraction.appraisal(s.id, demo.seed, items)
            if who:
                answers = _extraction.second_appraisal(n, answers)
            appraise_stage.run(project, s.id, reviewer, None, _scripted(answers),
                               clock=_at(APPRAISAL_CLOCK[who]))
    found = appraise_stage.compare(project, None)
    appraise_stage.reconcile(project, None, reviewers[0],
                             appraise_stage.take(found, reviewers[0]),
                             clock=_at(APPRAISAL_CLOCK[-1]))
    rows = appraise_stage.agreement(project, None)
    agree, both = sum(r.agree for r in rows), sum(r.both for r in rows)
    return StepReport(
        "appraise", "done",
        f"{len(included)} studies appraised with {inst.id} by {' and '.join(reviewers)}; "
        f"{len(found)} disagreements reconciled; {agree} of {both} answers agreed",
        [f"{d.label}: {d.item}" for d in found],
    )


def synthesis(ctx: DemoRun) -> StepReport:
    """The team's meta-ethnography: `review synthesis seed` (the concepts from the extraction's
    quotations), one concept added in `$EDITOR` (`review synthesis edit concepts --study`), the
    translation matrix and the GRADE-CERQual findings typed into the synthesis workbook
    (`review synthesis export` / `import`), the line of argument and the PPI log in `$EDITOR`;
    then `review synthesis check`."""
    project = ctx.project
    seeded = synthesis_stage.seed(project)
    included = studies.included(project)
    order = synthesis_stage.study_order(included, project.protocol.synthesis_settings)
    target = _synthesis.refuted_study(concepts_store.read(project), order)
    if target is not None:
        text = synthesis_stage.form_text(project, "concepts", target.id) + (
            f"\n=== new\norder: second-order\npage: 9\ntext: {_synthesis.REFUTING}\n"
            "memo: Added at translation: the authors' reading contradicts t2.\n")
        synthesis_stage.edit(project, "concepts", _typed_in(text), target.id)
    concepts = concepts_store.read(project)
    refuting = next((c.id for c in concepts if c.text == _synthesis.REFUTING), "")
    rows = _synthesis.matrix_rows(concepts, order, refuting)
    form = extract_stage.form_of(project)
    countries = {sid: str(f["country"].value) for sid, f in
                 extraction_store.final_values(project, form).items() if f.get("country")}
    findings = _synthesis.cerqual(rows, order, synthesis_stage.appraisal_overall(project),
                                  countries)
    filled = _synthesis.fill_workbook(synthesis_stage.export_workbook(project),
                                      {"matrix": rows, "findings": findings})
    with tempfile.TemporaryDirectory(prefix="review-demo-") as folder:
        path = Path(folder) / "synthesis.xlsx"
        path.write_bytes(filled)
        synthesis_stage.import_workbook(project, path)
    synthesis_stage.edit(project, "line-of-argument", _typed_in(_synthesis.argument(rows)))
    synthesis_stage.edit(project, "ppi", _typed_in(synthesis_stage.form_text(project, "ppi")
                                                   + _synthesis.ppi_text()))
    checked = synthesis_stage.check(project)
    return StepReport(
        "synthesis", "done" if checked.ok else "partial",
        f"{len(concepts)} concepts ({len(seeded.added)} from the extraction's quotations), "
        f"{len(rows)} third-order concepts translated across {len(order)} studies, "
        f"{len(findings)} findings assessed with GRADE-CERQual, {len(_synthesis.MEETINGS)} PPI "
        f"meetings; `review synthesis check`: {len(checked.problems)} problems",
        [p.text() for p in checked.problems],
    )


def report(ctx: DemoRun) -> StepReport:
    """`review report`: report/report.md and report/report.docx from the review's files."""
    result = report_stage.run(ctx.project)
    return StepReport("report", "done", f"wrote {', '.join(result.written)}; "
                      f"{result.prompts} checklist items left for the authors to write",
                      list(result.warnings))


def _typed_in(text: str) -> Callable[[str], str]:
    """An editor in which the reviewer fills the form and saves it as `text`."""
    return lambda _shown: text


def _scripted(answers: dict[str, str]) -> Callable[[appraise_stage.Question],
                                                   appraise_stage.Action]:
    """A reviewer at the appraisal screen: a comment typed before each concern, then the
    answer; the overall level the instrument's rule suggests."""
    commented: set[str] = set()

    def ask(q: appraise_stage.Question) -> appraise_stage.Action:
        if q.question == "overall":
            return appraise_stage.Action("answer", q.suggested or "moderate")
        answer = answers[q.question]
        if answer != "yes" and q.question not in commented:
            commented.add(q.question)
            return appraise_stage.Action("comment", f"{q.instrument.label_of(q.question)}: "
                                                    "not reported clearly")
        return appraise_stage.Action("answer", answer)

    return ask


STEPS: tuple[Step, ...] = (
    Step("create", create),
    Step("import", import_sources, needs=("create",)),
    Step("dedup", dedup, needs=("import",)),
    Step("title-abstract", screen_title_abstract, needs=("dedup",)),
    Step("full-text", screen_full_text, needs=("title-abstract",)),
    Step("include", include, needs=("full-text",)),
    Step("prisma", prisma, needs=("include",)),
    Step("extract", extract, needs=("prisma",)),
    Step("appraise", appraise, needs=("prisma",)),
    Step("synthesis", synthesis, needs=("extract", "appraise")),
    Step("report", report, needs=("prisma",)),
)



def run(folder: Path, force: bool = False, seed: int = DEFAULT_SEED, progress: Progress = NULL,
        steps: tuple[Step, ...] = STEPS, until: str | None = None) -> DemoResult:
    """Create the demo review in `folder` and run `steps` (all of them, or up to `until`)."""
    names = [s.name for s in steps]
    if until is not None and until not in names:
        raise UsageError(f"--until must be one of: {', '.join(names)} (got `{until}`)")
    if until is not None:
        steps = steps[: names.index(until) + 1]
    if not force and (done := existing(folder, seed)) is not None:
        return done
    root = prepare_folder(folder, force)
    with write_lock(Project(root), "demo"):
        return _run(Project(root), seed, progress, steps)


def _run(project: Project, seed: int, progress: Progress, steps: tuple[Step, ...]) -> DemoResult:
    ctx = DemoRun(project, generate(seed), progress)
    for step in steps:
        missing = [n for n in step.needs if not ctx.done(n)]
        if missing:
            ctx.reports.append(StepReport(step.name, "skipped", f"waits for: {', '.join(missing)}"))
            continue
        ctx.reports.append(step.run(ctx))
    result = DemoResult(project.root, ctx.reports, expected_counts(ctx.demo))
    prisma_json = ctx.project.prisma_dir / "prisma.json"
    if ctx.done("prisma") and prisma_json.exists():
        result.prisma = read_json(prisma_json)
        result.svg = next(iter(sorted(ctx.project.prisma_dir.glob("*.svg"))), None)
        result.differences = compare(result.prisma.get("counts", {}), result.expected)
    with transaction(ctx.project) as tx:
        tx.write_json(
            ctx.project.demo_dir / "run.json",
            {"seed": seed, "steps": [r.to_json() for r in ctx.reports]},
        )
    return result


def existing(folder: Path, seed: int) -> DemoResult | None:
    """The demo `folder` already holds (same seed), left as it is: running `review demo` (or
    `make demo`) again is not an error and never replaces work done in it; --force does."""
    root = folder.resolve()
    run_json = root / "demo" / "run.json"
    if not (root / "review.toml").is_file() or not run_json.is_file():
        return None
    try:
        ran = read_json(run_json)
    except ParseError:
        return None
    if not isinstance(ran, dict) or ran.get("seed") != seed:
        return None
    note = StepReport("create", "skipped", f"{folder} already holds the example review (seed "
                      f"{seed}); nothing was changed (`review demo {folder} --force` makes it "
                      "again)")
    result = DemoResult(root, [note], {}, existing=True)
    prisma_json = root / "prisma" / "prisma.json"
    if prisma_json.is_file():
        result.prisma = read_json(prisma_json)
        result.svg = next(iter(sorted((root / "prisma").glob("*.svg"))), None)
    return result


def prepare_folder(folder: Path, force: bool) -> Path:
    root = folder.resolve()
    if root.exists() and not root.is_dir():
        raise ReviewError(f"{folder} exists and is not a folder", hint="give another folder name")
    if root.is_dir() and any(root.iterdir()):
        if not force:
            raise ReviewError(
                f"{folder} already exists and is not empty",
                hint=f"give a new folder, or `review demo {folder} --force` to replace it",
            )
        here = Path.cwd().resolve()
        if (
            root == here or root in here.parents or root == Path.home().resolve()
            or root == Path(root.anchor)
        ):
            raise ReviewError(
                f"refusing to replace {root}: it holds the current folder or your home",
                hint="give a dedicated folder for the demo",
            )
        if not (root / "review.toml").exists():
            raise ReviewError(f"refusing to replace {root}: it is not a review (no review.toml)",
                              hint="--force only replaces an earlier demo or review folder")
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    return root


# --- the ground truth, seen from the review's records --------------------------------------------
_NON_WORD = re.compile(r"[^\w ]+")


def _title_key(title: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold(title)).split())


def record_studies(demo: Demo, records: list[Record]) -> dict[str, str]:
    """Imported record id -> generator study id, by the export's key, position, else title."""
    by_key: dict[tuple[str, str, str], str] = {}
    by_title: dict[tuple[str, str], set[str]] = {}
    for r in demo.records:
        by_key[(r.source, r.file, f"#{r.position}")] = r.study
        if r.key:
            by_key[(r.source, r.file, r.key)] = r.study
            by_key[(r.source, r.file, r.key.removeprefix("WOS:"))] = r.study
        by_title.setdefault((r.source, _title_key(demo.study(r.study).title)), set()).add(r.study)
    out: dict[str, str] = {}
    for rec in records:
        for o in rec.origins:
            uid = by_key.get((o.source, o.file.rsplit("/", 1)[-1], o.key))
            if uid is None:
                found = by_title.get((o.source, _title_key(rec.title.strip("[]. "))), set())
                uid = next(iter(found)) if len(found) == 1 else None
            if uid is not None:
                out[rec.id] = uid
                break
    return out


def unit_studies(project: Project, demo: Demo) -> dict[str, str]:
    """Screening unit id -> study id (the majority of its members; a false merge shows here)."""
    per_record = record_studies(demo, records_store.read(project))
    groups = units.groups(project) or {rid: [rid] for rid in per_record}
    out: dict[str, str] = {}
    for unit, members in groups.items():
        votes = Counter(per_record[m] for m in members if m in per_record)
        if votes:
            out[unit] = votes.most_common(1)[0][0]
    return out


def false_merged_units(project: Project, demo: Demo) -> list[str]:
    """Clusters whose records belong to different studies (a deduplication error)."""
    per_record = record_studies(demo, records_store.read(project))
    out = []
    for unit, members in units.groups(project).items():
        if len({per_record[m] for m in members if m in per_record}) > 1:
            out.append(unit)
    return sorted(out)


def truth(demo: Demo, uid: str, stage: Stage) -> tuple[Verdict, str]:
    s = demo.study(uid)
    if stage == Stage.TITLE_ABSTRACT:
        return (Verdict.INCLUDE, "") if s.ta == "include" else (Verdict.EXCLUDE, "")
    if s.ft == "include":
        return Verdict.INCLUDE, ""
    if s.ft == "not-retrieved":
        return Verdict.NOT_RETRIEVED, ""
    return Verdict.EXCLUDE, s.reason if s.reason in FULL_TEXT_REASONS else "not-coproduction"


def simulated_votes(demo: Demo, unit_ids: list[str], study_of: dict[str, str], stage: Stage,
                    disagreements: tuple[int, int]) -> list[dict[str, tuple[Verdict, str]]]:
    """Two reviewers' decisions: the first follows the ground truth, the second mostly does."""
    first = {u: truth(demo, study_of[u], stage) for u in sorted(unit_ids) if u in study_of}
    second = dict(first)
    rng = random.Random(f"{demo.seed}:{stage}")
    included = [u for u, (v, _) in first.items() if v == Verdict.INCLUDE]
    excluded = [u for u, (v, _) in first.items() if v == Verdict.EXCLUDE]
    for u in rng.sample(included, min(disagreements[0], len(included))):
        second[u] = (Verdict.EXCLUDE, "not-qualitative" if stage == Stage.FULL_TEXT else "")
    for u in rng.sample(excluded, min(disagreements[1], len(excluded))):
        second[u] = (Verdict.INCLUDE, "")
    return [first, second]


def _screen(ctx: DemoRun, stage: Stage, disagreements: tuple[int, int],
            study_of: dict[str, str] | None = None) -> StepReport:
    """Two reviewers decide every unit through `review decide`; conflicts via `review reconcile`."""
    name = str(stage)
    project = ctx.project
    study_of = study_of if study_of is not None else unit_studies(project, ctx.demo)
    to_screen = sorted(units.stage_ids(project, stage))
    unmatched = [u for u in to_screen if u not in study_of]
    reviewers = list(project.protocol.reviewers[:2]) or ["reviewer1", "reviewer2"]
    votes = simulated_votes(ctx.demo, to_screen, study_of, stage, disagreements)
    for i, (reviewer, decided) in enumerate(zip(reviewers, votes, strict=True)):
        wanted = [team.Wanted(u, v, reason) for u, (v, reason) in decided.items()]
        clock = SCREENING_CLOCK[(stage, i)]
        team.decide(project, stage, reviewer, wanted, clock=_at(clock))
    conflicts = team.conflicts(project, stage)
    resolutions = team.take(conflicts, reviewers[0])
    clock = SCREENING_CLOCK[(stage, -1)]
    team.reconcile(project, stage, reviewers[0], resolutions, clock=_at(clock))
    first = votes[0]
    counts = Counter(str(v) for v, _ in first.values())
    summary = f"{len(first):,} screened by {' and '.join(reviewers)}: " + ", ".join(
        f"{n:,} {v}" for v, n in sorted(counts.items())
    ) + f"; {len(conflicts)} disagreements reconciled"
    details = (
        [f"{len(unmatched)} units could not be matched to the generator's studies"] if unmatched
        else []
    )
    return StepReport(name, "done", summary, details)


# PRISMA box -> (prisma.json count keys summed over both arms, ground-truth value)
def compare(counts: dict[str, int], expected: dict[str, Any]) -> list[str]:
    """Where the pipeline's PRISMA counts differ from what the ground truth implies."""
    boxes = {
        "records identified": (("database_results", "register_results", "website_results",
                                "organisation_results", "citations_results"),
                               expected["identified_total"]),
        "duplicates removed": (("duplicates", "other_duplicates"), expected["duplicates_removed"]),
        "ineligible by automation": (("excluded_automatic", "other_excluded_automatic"),
                                     sum(expected["automation_excluded"].values())),
        "records screened": (("records_screened", "other_records_screened"), expected["screened"]),
        "records excluded": (("records_excluded", "other_records_excluded"),
                             expected["title_abstract_excluded"]),
        "reports sought": (("dbr_sought_reports", "other_sought_reports"), expected["sought"]),
        "reports not retrieved": (("dbr_notretrieved_reports", "other_notretrieved_reports"),
                                  expected["not_retrieved"]),
        "reports assessed": (("dbr_assessed", "other_assessed"), expected["assessed"]),
        "reports excluded": (("dbr_excluded", "other_excluded"),
                             sum(expected["full_text_excluded"].values())),
        "studies included": (("total_studies",), expected["included"]),
    }
    out = []
    for box, (keys, want) in boxes.items():
        got = sum(int(counts.get(k, 0)) for k in keys)
        if got != want:
            out.append(f"{box}: {got:,} (ground truth {want:,})")
    return out


def expected_counts(demo: Demo) -> dict[str, Any]:
    """The PRISMA counts the ground truth implies (what a perfect pipeline would report)."""
    studies = demo.studies
    identified = Counter(r.source for r in demo.records)
    automation = [s for s in studies if s.ta == "automation"]
    screened = [s for s in studies if s.ta != "automation"]
    sought = [s for s in screened if s.ta == "include"]
    retrieved = [s for s in sought if s.ft != "not-retrieved"]
    excluded = Counter(s.reason for s in retrieved if s.ft == "exclude")
    return {
        "identified": {name: identified[name] for name in identified},
        "identified_total": len(demo.records),
        "duplicates_removed": len(demo.records) - len(studies),
        "automation_excluded": {"date": sum(s.reason == "date" for s in automation),
                                "language": sum(s.reason == "language" for s in automation)},
        "screened": len(screened),
        "title_abstract_excluded": len(screened) - len(sought),
        "sought": len(sought),
        "not_retrieved": len(sought) - len(retrieved),
        "assessed": len(retrieved),
        "full_text_excluded": dict(sorted(excluded.items())),
        "included": sum(s.ft == "include" for s in studies),
    }


DEMO_README = """\
# demo/

Written by `review demo` (seed {seed}); not used by any other command.

- `labels.jsonl`: the generator's ground truth, one line per unique study: which records in
  which export files are that study, and how a careful team screened it (title/abstract
  decision, full-text decision and exclusion reason). The demo's two simulated reviewers
  decided from these labels; you can compare your own screening with them.
- `run.json`: which demo steps ran and what each did.

Everything else in this folder is an ordinary review: `review status`, `review screen` and the
other commands work here as on your own reviews.
"""
