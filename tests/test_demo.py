"""`review demo`: the generated example review, its ground truth, its exports and the command."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from review_cli.model import Stage, Verdict
from review_cli.project import Project
from review_cli.protocol import load_protocol
from review_cli.stages import demo as demo_stage
from review_cli.stages import import_, init
from review_cli.stages.demo._exports import EXPORTS
from review_cli.stages.demo._generate import DEFAULT_SEED, PROTOCOL_TEMPLATE, generate
from review_cli.stages.demo._studies import FULL_TEXT_REASONS, SOURCE_COUNTS
from review_cli.stages.init import templates
from review_cli.store import records as records_store

from .conftest import invoke, snapshot

DEMO = generate(DEFAULT_SEED)


def test_same_seed_gives_byte_identical_files() -> None:
    again = generate(DEFAULT_SEED)
    assert again.files == DEMO.files
    assert again.labels_jsonl() == DEMO.labels_jsonl()
    other = generate(DEFAULT_SEED + 1)
    assert other.files != DEMO.files
    assert sum(1 for r in other.records) == 2097  # another seed, the same story


def test_2097_records_from_the_protocols_13_sources() -> None:
    protocol = load_protocol(templates()[PROTOCOL_TEMPLATE])
    assert [s.name for s in protocol.sources] == list(SOURCE_COUNTS) == [e.source for e in EXPORTS]
    assert len(DEMO.records) == 2097
    assert Counter(r.source for r in DEMO.records) == Counter(SOURCE_COUNTS)
    databases = {s.name for s in protocol.sources if s.kind == "database"}
    assert sum(n for name, n in SOURCE_COUNTS.items() if name in databases) == 2040
    assert len(databases) == 9 and len(SOURCE_COUNTS) - len(databases) == 4


def test_labels_tell_the_prisma_story() -> None:
    labels = DEMO.labels()
    assert len(labels) == 1085
    assert sum(len(x["records"]) for x in labels) == 2097  # every record belongs to one study
    assert sum(len(x["records"]) - 1 for x in labels) == 1012  # the labelled duplicates
    assert sum(len(x["records"]) > 1 for x in labels) > 400
    # duplicates are records of one study
    assert len({x["title"].casefold() for x in labels}) == len(labels)
    assert sum(x["full_text"] == "include" for x in labels) == 10
    assert sum(x["full_text"] == "not-retrieved" for x in labels) == 2
    reasons = Counter(x["reason"] for x in labels if x["full_text"] == "exclude")
    assert reasons == {code: n for code, (_topic, n) in FULL_TEXT_REASONS.items()}
    automation = [x for x in labels if x["title_abstract"] == "automation"]
    assert all(x["year"] < 2012 or x["year"] > 2022 for x in automation if x["reason"] == "date")
    assert all(x["language"] != "English" for x in automation if x["reason"] == "language")
    kept = [x for x in labels if x["title_abstract"] != "automation"]
    assert all(2012 <= x["year"] <= 2022 and x["language"] == "English" for x in kept)
    exp = demo_stage.expected_counts(DEMO)
    # PRISMA 2020 arithmetic holds box by box.
    assert (exp["identified_total"] - exp["duplicates_removed"]
            - sum(exp["automation_excluded"].values()) == exp["screened"])
    assert exp["screened"] - exp["title_abstract_excluded"] == exp["sought"] == 73
    assert exp["sought"] - exp["not_retrieved"] == exp["assessed"] == 71
    assert exp["assessed"] - sum(exp["full_text_excluded"].values()) == exp["included"] == 10


def test_duplicates_differ_as_real_ones_do() -> None:
    files = {src: text for (src, _name), text in DEMO.files.items()}
    included = next(s for s in DEMO.studies
                    if s.ft == "include" and "MEDLINE" in s.sources and "CINAHL" in s.sources)
    assert f"PMID- {included.pmid}" in files["MEDLINE"]
    assert "\nAB  - Copyright of " in files["CINAHL"]  # EBSCO's second AB line
    assert files["Web of Science Core Collection"].startswith(
        "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n")
    assert files["Scopus"].startswith(
        '\ufeff"Authors","Author full names","Author(s) ID","Title","Year"')
    assert files["Embase"].startswith("1. \nTY  - JOUR\nDB  - Embase")
    # MEDLINE compresses page ranges, the others do not; some databases drop DOIs.
    assert any(len(line.split("-")[-1]) < len(line.split("-")[0].split()[-1])
               for line in files["MEDLINE"].split("\n")
               if line.startswith("PG  - ") and "-" in line[6:])
    with_doi = [s for s in DEMO.studies if s.doi and "HMIC" in s.sources and s.journal >= 0]
    assert sum(s.doi not in files["HMIC"] for s in with_doi) > 0


def _import_one(review: Project, source: str, name: str) -> import_.FileReport:
    path = review.source_dir(source) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEMO.files[(source, name)], encoding="utf-8")
    return import_.run(review, [path], source).files[0]


@pytest.mark.parametrize("export", EXPORTS, ids=[e.source for e in EXPORTS])
def test_every_export_imports_with_its_count(  # type: ignore[no-untyped-def]
    tmp_path: Path, export
) -> None:
    init.run(tmp_path / "rev", PROTOCOL_TEMPLATE)
    review = Project(tmp_path / "rev")
    rep = _import_one(review, export.source, export.file)
    assert rep.read == rep.imported == SOURCE_COUNTS[export.source] and not rep.skipped
    records = records_store.read(review)
    found = demo_stage.record_studies(DEMO, records)
    assert len(found) == len(records)  # every record traced back to its study
    for rec in records:
        study = DEMO.study(found[rec.id])
        assert rec.year == study.year
        assert rec.title.strip("[].").casefold() == study.title.casefold()
        assert rec.doi in ("", study.doi)


def test_simulated_reviewers_disagree_a_little() -> None:
    study_of = {s.uid: s.uid for s in DEMO.studies if s.ta != "automation"}
    first, second = demo_stage.simulated_votes(DEMO, list(study_of), study_of,
                                               Stage.TITLE_ABSTRACT, (4, 8))
    assert sum(v == Verdict.INCLUDE for v, _ in first.values()) == 73
    assert sum(first[u] != second[u] for u in first) == 12
    ft = {u: u for u in study_of if DEMO.study(u).ta == "include"}
    first, second = demo_stage.simulated_votes(DEMO, list(ft), ft, Stage.FULL_TEXT, (1, 1))
    assert Counter(v for v, _ in first.values()) == {Verdict.INCLUDE: 10, Verdict.EXCLUDE: 61,
                                                     Verdict.NOT_RETRIEVED: 2}
    assert all(reason for v, reason in first.values() if v == Verdict.EXCLUDE)
    assert sum(first[u] != second[u] for u in first) == 2


# The demo's PRISMA 2020 counts, box by box (databases and registers arm, other methods arm).
DEMO_PRISMA = {
    "database_results": 2040, "register_results": 0, "website_results": 11,
    "organisation_results": 32,
    "citations_results": 14, "duplicates": 1003, "other_duplicates": 9, "excluded_automatic": 27,
    "other_excluded_automatic": 0, "records_screened": 1010, "other_records_screened": 48,
    "records_excluded": 941, "other_records_excluded": 44, "dbr_sought_reports": 69,
    "other_sought_reports": 4,
    "dbr_notretrieved_reports": 1, "other_notretrieved_reports": 1, "dbr_assessed": 68,
    "other_assessed": 3,
    "dbr_excluded": 59, "other_excluded": 2, "total_studies": 10,
}


@pytest.mark.slow
def test_review_demo_end_to_end(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Decision logs fsync every line (tested where they are written); here that is only time.
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    result = invoke(runner, None, "demo", "demo-review", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    steps = {s["name"]: s for s in report["steps"]}
    assert list(steps) == [s.name for s in demo_stage.STEPS]
    assert steps["create"]["status"] == "done" and steps["import"]["status"] == "done"
    assert report["expected"]["included"] == 10 and report["expected"]["identified_total"] == 2097
    project = Project(tmp_path / "demo-review")
    files = json.loads(project.import_report_path.read_text(encoding="utf-8"))["files"]
    assert {f["source"]: f["imported"] for f in files} == SOURCE_COUNTS
    assert project.demo_labels_path.read_text(encoding="utf-8") == DEMO.labels_jsonl()
    assert all(s["status"] == "done" for s in report["steps"]), report["steps"]
    counts = report["prisma"]["counts"]
    assert {k: counts[k] for k in DEMO_PRISMA} == DEMO_PRISMA
    assert report["differences_from_ground_truth"] == []
    assert report["svg"] and Path(report["svg"]).is_file()
    assert ET.parse(report["svg"]).getroot().tag.endswith("svg")
    check = invoke(runner, project, "prisma", "--check")
    assert check.exit_code == 0, check.output
    agreement = invoke(runner, project, "agreement", "--json")
    assert agreement.exit_code == 0, agreement.output
    ta = next(x for x in json.loads(agreement.stdout) if x["stage"] == "title-abstract")
    assert (ta["both"], ta["agree"]) == (1058, 1046)  # the 12 simulated disagreements
    assert ta["table"] == {"both_include": 69, "a_include_b_exclude": 4, "a_exclude_b_include": 8,
                           "both_exclude": 977}
    # The full-text stage screened attached reports: every report sought but the two the
    # ground truth says could not be obtained (decided not retrieved, as PRISMA counts them).
    assert steps["full-text"]["details"][0].startswith("71 reports attached in fulltext/")
    index = [json.loads(x) for x in project.fulltext_index_path.read_text(
        encoding="utf-8").splitlines()]
    assert len(index) == 71 and {e["source"] for e in index} == {"attached"}
    assert all((project.root / e["file"]).read_bytes().startswith(b"%PDF-1.4")
               for e in index)
    missing = json.loads(invoke(runner, project, "fulltext", "missing", "--json").stdout)
    assert [m["decision"] for m in missing["missing"]] == ["not-retrieved"] * 2
    assert counts["dbr_notretrieved_reports"] + counts["other_notretrieved_reports"] == 2
    # After PRISMA: two reviewers extracted and appraised the 10 included studies.
    assert steps["extract"]["summary"] == (
        "10 studies extracted by reviewer1 (in $EDITOR) and reviewer2 (XLSX round trip); 4 "
        "disagreements reconciled; 126 of 130 field values agreed")
    assert steps["appraise"]["summary"] == (
        "10 studies appraised with casp-qualitative by reviewer1 and reviewer2; 4 "
        "disagreements reconciled; 106 of 110 answers agreed")
    for group in ("extract", "appraise"):
        left = invoke(runner, project, group, "compare", "--json")
        assert left.exit_code == 0 and json.loads(left.stdout) == [], left.output
    via = {json.loads(x)["via"] for x in project.extraction_log_path("reviewer2").read_text(
        encoding="utf-8").splitlines()}
    assert via == {"xlsx"}
    # docs/extraction.md shows the demo's tables as they are.
    from benchmarks.demo_tables import DOC, MARKERS, with_tables

    tables = {what: invoke(runner, project, "export", what, "--format", "md").stdout
              for what in MARKERS}
    doc = DOC.read_text(encoding="utf-8")
    assert with_tables(doc, tables) == doc, "run `python -m benchmarks.demo_tables`"
    # The folder is a real review: other commands work in it.
    status = invoke(runner, project, "status", "--json")
    assert status.exit_code == 0, status.output
    stages = json.loads(status.stdout)["stages"]
    assert stages["extract"]["extracted by reviewer2"] == 10
    assert stages["appraise casp-qualitative"]["disagreements"] == 0
    check_report(runner, project, steps)
    # Same seed, another folder: byte-identical review (decision times are simulated, fixed).
    invoke(runner, None, "demo", str(tmp_path / "again"))
    first, second = snapshot(project.root), snapshot(tmp_path / "again")
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k] and k != "review.lock"] == []


@pytest.mark.slow
def test_until_stops_after_a_step(runner, tmp_path: Path) -> None:
    result = invoke(runner, None, "demo", "d", "--until", "import", "--json")
    assert result.exit_code == 0, result.output
    assert [s["name"] for s in json.loads(result.stdout)["steps"]] == ["create", "import"]
    bad = invoke(runner, None, "demo", "e", "--until", "screening")
    assert (bad.exit_code == 2 and "--until must be one of" in bad.output
            and not (tmp_path / "e").exists())


def test_demo_refuses_a_non_empty_folder_unless_forced(runner, tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    refused = invoke(runner, None, "demo", "busy")
    assert (refused.exit_code == 1 and "not empty" in refused.output
            and "Traceback" not in refused.output)
    forced = invoke(runner, None, "demo", "busy", "--force")
    # --force never deletes non-reviews
    assert forced.exit_code == 1 and "not a review" in forced.output
    assert (tmp_path / "busy" / "notes.txt").read_text() == "mine"
    here = invoke(runner, None, "demo", ".", "--force")
    assert here.exit_code == 1 and "refusing" in here.output
    # An earlier review is replaced with --force (the same function the command calls).
    init.run(tmp_path / "old")
    (tmp_path / "old" / "extra.txt").write_text("x")
    assert demo_stage.prepare_folder(tmp_path / "old", force=True) == (tmp_path / "old").resolve()
    assert list((tmp_path / "old").iterdir()) == []


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_review_screen_works_in_the_demo_folder(tmp_path: Path) -> None:
    """The real full-screen `review screen` in a pty, in a demo stopped before screening."""
    import pty
    import select
    import time

    root = demo_stage.run(tmp_path / "try", until="dedup").root
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(root)
        os.execve(sys.executable,
                  [sys.executable, "-m", "review_cli", "screen", "--reviewer", "reviewer1"], env)
    seen = b""

    def wait_for(pattern: bytes, timeout: float = 30.0) -> None:
        nonlocal seen
        start, end = len(seen), time.monotonic() + timeout
        while time.monotonic() < end:
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if re.search(pattern, seen[start:], re.S):
                    return
        raise AssertionError(f"no {pattern!r} on screen: {seen[-1500:]!r}")

    try:
        wait_for(rb"0/[\d,]+ screened")
        os.write(fd, b"i")
        wait_for(rb"Saved: include")
        os.write(fd, b"q")
        wait_for(rb"this session")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    log = Project(root).decisions_path(Stage.TITLE_ABSTRACT, "reviewer1")
    lines = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]
    assert [x["verdict"] for x in lines] == ["include"]
    # The unit shown is one of the demo's records, traced back to a generated study.
    study_of = demo_stage.unit_studies(Project(root), DEMO)
    assert lines[0]["record"] in study_of


def md_tables(markdown: str) -> list[list[list[str]]]:
    """Every pipe table of a Markdown text: rows of cells, unescaped."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in markdown.split("\n"):
        if line.startswith("| "):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            row = [re.sub(r"\\([\\`*_\[\]|])", r"\1", c.strip()).replace("&lt;", "<")
                   .replace("&gt;", ">").replace("<br>", "\n") for c in cells]
            if current is None:
                current = []
                tables.append(current)
            current.append(row)
        elif not line.startswith("|---"):
            current = None
    return tables


def check_report(runner, project: Project, steps: dict) -> None:  # type: ignore[type-arg]
    """The demo ends with report/: its numbers are prisma.json's, its excluded full texts the
    inclusion log's, its tables those `review export` and `review synthesis table` give."""
    import csv

    assert steps["synthesis"]["summary"] == (
        "28 concepts (27 from the extraction's quotations), 5 third-order concepts translated "
        "across 10 studies, 5 findings assessed with GRADE-CERQual, 5 PPI meetings; `review "
        "synthesis check`: 0 problems")
    assert steps["report"]["status"] == "done"
    assert invoke(runner, project, "synthesis", "check").exit_code == 0
    check = invoke(runner, project, "report", "--check")
    assert check.exit_code == 0, check.output
    md = (project.report_dir / "report.md").read_text(encoding="utf-8")
    c = json.loads(project.prisma_json_path.read_text(encoding="utf-8"))["counts"]

    def both(a: str, b: str) -> str:
        return f"{c[a] + c[b]:,}"

    identified = sum(c[k] for k in ("database_results", "register_results", "website_results",
                                    "organisation_results", "citations_results"))
    for line in (
        f"- Records identified: {identified:,} ({c['database_results']:,} from databases and "
        f"registers and {identified - c['database_results']:,} from other methods), from 13 "
        "sources",
        f"- Duplicate records removed: {both('duplicates', 'other_duplicates')}",
        "- Records marked as ineligible by automation tools: "
        f"{both('excluded_automatic', 'other_excluded_automatic')}",
        f"- Records screened: {both('records_screened', 'other_records_screened')}; excluded: "
        f"{both('records_excluded', 'other_records_excluded')}",
        f"- Reports sought for retrieval: {both('dbr_sought_reports', 'other_sought_reports')}; "
        f"not retrieved: {both('dbr_notretrieved_reports', 'other_notretrieved_reports')}",
        f"- Studies included: {c['total_studies']} (reports: {c['total_reports']})",
    ):
        assert line in md.split("\n"), line
    assert f"- Reports assessed for eligibility: {both('dbr_assessed', 'other_assessed')}; " \
           f"excluded with reasons: {both('dbr_excluded', 'other_excluded')} (" in md
    assert "```mermaid\n" + project.prisma_mermaid_path.read_text(encoding="utf-8") in md
    tables = md_tables(md)
    # Every full text excluded, with its reason, as the inclusion log has it.
    log = [json.loads(x) for x in project.include_log_path.read_text(encoding="utf-8").split("\n")
           if x]
    excluded = {(x["unit"], x["reason_label"]) for x in log if x["status"] == "excluded-full-text"}
    shown = next(t for t in tables if t[0] == ["Study", "Title", "Id", "Reason"])
    assert {(row[2], row[3]) for row in shown[1:]} == excluded and len(shown) - 1 == 61
    # The characteristics and appraisal tables are review export's.
    for what in ("characteristics", "appraisal"):
        exported = list(csv.reader(io.StringIO(invoke(runner, project, "export", what,
                                                      "--format", "csv").stdout)))
        assert exported in tables, what
    # The synthesis tables are review synthesis table's.
    for what in ("concepts", "matrix", "soqf", "evidence-profile"):
        text = invoke(runner, project, "synthesis", "table", what, "--format", "csv").stdout
        assert list(csv.reader(io.StringIO(text))) in tables, what
    concepts = project.concepts_path.read_text(encoding="utf-8").count("\n")
    assert f"- Concepts: {concepts} (first-order" in md
    from docx import Document

    doc = Document(str(project.report_dir / "report.docx"))
    assert any(p.text == "7. Meta-ethnography" for p in doc.paragraphs)
    # The docs hold the demo's report as it is; the README shows its highlights.
    from benchmarks.demo_report import DOC_DOCX, DOC_MD, README, with_excerpt

    hint = "run `python -m benchmarks.demo_report`"
    assert DOC_MD.read_text(encoding="utf-8") == md, hint
    assert DOC_DOCX.read_bytes() == (project.report_dir / "report.docx").read_bytes(), hint
    readme = README.read_text(encoding="utf-8")
    assert with_excerpt(readme, md) == readme, hint


def test_the_demo_dates_every_search_of_its_protocol() -> None:
    """The demo's report fills PRISMA-S's "date searched" for every source; a source added to
    the template in another layout would be left undated."""
    import tomllib

    from review_cli.stages.demo import with_search_dates
    from review_cli.stages.init import templates

    text = templates()["coproduction-integrated-care"].read_text(encoding="utf-8")
    sources = tomllib.loads(with_search_dates(text))["sources"]
    assert len(sources) == 13 and all(s.get("search_date") for s in sources), sources
    assert {s["search_date"] for s in sources if s["kind"] == "citation searching"} == {
        "2022-09-05"}  # after the studies whose references were searched were included
