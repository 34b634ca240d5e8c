"""`review report`: report/ written from the review's files (Markdown with Mermaid, Word), the
same bytes every time, and `--check` failing when a decision, an appraisal answer or a matrix
cell changes, until the report is written again."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from review_cli.io import docx as docx_io
from review_cli.model import Stage, Verdict
from review_cli.project import Project
from review_cli.stages import appraise, report, team

from .conftest import invoke, snapshot
from .synthesis_helpers import CLOCK, make_review, synthesised_review


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report") / "rev"
    synthesised_review(root)
    return root


@pytest.fixture
def review(base: Path, tmp_path: Path) -> Project:
    shutil.copytree(base, tmp_path / "rev")
    return Project(tmp_path / "rev")


def _markdown(project: Project) -> str:
    return (project.report_dir / "report.md").read_text(encoding="utf-8")


def test_the_report_is_written_from_the_files(review: Project, runner) -> None:
    done = invoke(runner, review, "report")
    assert done.exit_code == 0, done.output
    assert "Wrote report/report.md, report/report.docx" in done.output
    md = _markdown(review)
    assert md.startswith("# Co-producing integrated care")
    assert invoke(runner, review, "prisma").exit_code == 0
    counts = json.loads(review.prisma_json_path.read_text(encoding="utf-8"))["counts"]
    assert f"- Studies included: {counts['total_studies']} (reports: " in md
    assert f"- Records screened: {counts['records_screened']}; excluded: " \
           f"{counts['records_excluded']}" in md
    # The flow diagram is review prisma's Mermaid, as committed in prisma/prisma.mmd.
    assert "```mermaid\n" + review.prisma_mermaid_path.read_text(encoding="utf-8") + "```" in md
    # Selection: two reviewers per stage, blinded, kappa from the agreement computation.
    assert "Titles and abstracts: two reviewers (reviewer1 4, reviewer2 4 records)" in md
    assert "| title-abstract | reviewer1, reviewer2 | 4 | 4 | 100.0% |" in md
    # The synthesis: concepts, matrix, line of argument (Mermaid) and the CERQual tables.
    assert "| t1: Sharing power | reciprocal (1) | reciprocal (1) | refutational (1) |" in md
    assert "c_t2 -- \"gives weight to\" --> c_t1" in md
    assert "| f2 | Carers were experts. | Okafor 2019 | Low confidence | Low: one study. |" in md
    assert "| 2022-07-01 | 5 (translating the studies into one another) | service user (3); " \
           "researcher (1) |" in md
    # Checklists: filled items and prompts.
    assert "| Methods: Effect measures | 12 |" in md and "Not applicable: a qualitative" in md
    assert "| Other information: Support | 25 | " in md and "\\[to write\\] the funding" in md
    assert "Appendix C. eMERGe meta-ethnography reporting checklist" in md


def test_the_word_document_opens_and_says_the_same(review: Project) -> None:
    from docx import Document

    report.run(review)
    doc = Document(str(review.report_dir / "report.docx"))
    assert doc.paragraphs[0].text.startswith("Co-producing integrated care")
    assert doc.core_properties.author == "review"
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "7. Meta-ethnography" in headings and "Appendix A. PRISMA 2020 checklist" in headings
    texts = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Power was shared." in texts and "Sharing power" not in texts
    assert "t1: Sharing power" in texts  # the matrix
    # Word cannot draw Mermaid: the line of argument is a table of links there.
    assert any(row == ["t2: Carers as experts", "gives weight to", "t1: Sharing power"]
               for t in doc.tables for row in ([c.text for c in r.cells] for r in t.rows))


def test_the_same_files_give_the_same_bytes(review: Project, tmp_path: Path) -> None:
    report.run(review)
    first = snapshot(review)
    shutil.rmtree(review.report_dir)
    report.run(review)
    assert snapshot(review) == first
    with zipfile.ZipFile(io.BytesIO(first["report/report.docx"])) as z:
        assert {i.date_time for i in z.infolist()} == {docx_io.ZIP_TIME}
        assert b"2000-01-01T00:00:00Z" in z.read("docProps/core.xml")


def _changed(review: Project, runner) -> str:
    done = invoke(runner, review, "report", "--check")
    assert done.exit_code == 1 and "Traceback" not in done.output, done.output
    assert "report file(s) differ" in done.output
    return done.stdout


def _regenerated(review: Project, runner) -> None:
    assert invoke(runner, review, "report").exit_code == 0
    again = invoke(runner, review, "report", "--check")
    assert again.exit_code == 0, again.output


def test_check_fails_when_a_decision_changes(review: Project, runner) -> None:
    _regenerated(review, runner)
    for stage, wanted in ((Stage.TITLE_ABSTRACT, team.Wanted("s0004", Verdict.INCLUDE)),
                          (Stage.FULL_TEXT, team.Wanted("s0004", Verdict.EXCLUDE,
                                                        "not-qualitative"))):
        for reviewer in ("reviewer1", "reviewer2"):
            team.decide(review, stage, reviewer, [wanted], clock=lambda: CLOCK)
    diff = _changed(review, runner)
    assert "+| Smith 2018 | A survey of hospital admissions | s0004 | No qualitative data |" in diff
    _regenerated(review, runner)


def test_check_fails_when_an_appraisal_answer_changes(review: Project, runner) -> None:
    _regenerated(review, runner)
    for reviewer in ("reviewer1", "reviewer2"):
        appraise.set_answers(review, "s0002", reviewer, None, {"q4": "no"}, clock=lambda: CLOCK)
    diff = _changed(review, runner)
    assert "-| Lindqvist 2016 | s0002 | Yes | Yes | Yes | Yes |" in diff
    assert "+| Lindqvist 2016 | s0002 | Yes | Yes | Yes | No |" in diff
    _regenerated(review, runner)


def test_check_fails_when_a_matrix_cell_changes(review: Project, runner) -> None:
    _regenerated(review, runner)
    rows = [json.loads(x) for x in review.matrix_path.read_text(encoding="utf-8").splitlines()]
    rows[6].update(relation="reciprocal", concepts=["lindqvist2016-1"])
    review.matrix_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    diff = _changed(review, runner)
    assert "+| t2: Carers as experts | reciprocal (1) | reciprocal (2) | absent |" in diff
    assert "report/report.docx (text)" in diff  # the Word document says it differs too
    _regenerated(review, runner)


def test_check_names_a_missing_report(review: Project, runner) -> None:
    done = invoke(runner, review, "report", "--check")
    assert done.exit_code == 1 and "report/report.md (missing)" in done.stdout
    assert not review.report_dir.exists()


def test_a_broken_synthesis_is_not_reported(review: Project, runner) -> None:
    rows = [json.loads(x) for x in review.matrix_path.read_text(encoding="utf-8").splitlines()]
    rows[3]["note"] = ""
    review.matrix_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    before = snapshot(review)
    done = invoke(runner, review, "report")
    assert done.exit_code == 1 and "the report is not written" in done.output
    assert "synthesis/matrix.jsonl:4:" in done.output and "[refutational-note]" in done.output
    assert snapshot(review) == before


def test_a_review_before_synthesis_gets_prompts(tmp_path: Path, runner) -> None:
    project = make_review(tmp_path / "early")
    done = invoke(runner, project, "report")
    assert done.exit_code == 0, done.output
    md = _markdown(project)
    assert "\\[to write\\] the synthesis: start it with `review synthesis seed`" in md
    assert "\\[to write\\] 3 included studies are not extracted yet" in md


def test_the_searches_table_is_still_printed(review: Project, runner) -> None:
    done = invoke(runner, review, "report", "searches")
    assert done.exit_code == 0 and done.stdout.startswith("## Searches (PRISMA-S)")
    assert not review.report_dir.exists()


_NODE = r"[A-Za-z][A-Za-z0-9_]*"


def mermaid_blocks(markdown: str) -> list[str]:
    return re.findall(r"```mermaid\n(.*?)```", markdown, re.S)


def check_structure(block: str) -> None:
    """What a Mermaid flowchart needs to parse: a `flowchart` header after comments, node ids
    of letters, digits and _, labels in quotes with no quote, `%%` or line break inside, every
    arrow between declared nodes, every subgraph ended."""
    lines = [x for x in block.split("\n") if x.strip() and not x.lstrip().startswith("%%")]
    assert re.fullmatch(r"flowchart (TD|LR)", lines[0]), lines[0]
    declared, depth = set(), 0
    for line in lines[1:]:
        text = line.strip()
        if m := re.fullmatch(rf"subgraph ({_NODE})\[\"([^\"]*)\"\]", text):
            depth += 1
            declared.add(m[1])
        elif text == "end":
            depth -= 1
        elif text.startswith("direction "):
            assert text in ("direction TB", "direction LR")
        elif m := re.fullmatch(rf"({_NODE})\[\"([^\"\n]*)\"\]", text):
            assert "%%" not in m[2]
            declared.add(m[1])
        elif m := re.fullmatch(rf"({_NODE})(?: -- \"([^\"]*)\" --> | --> )({_NODE})", text):
            assert m[1] in declared and m[3] in declared, text
        else:
            raise AssertionError(f"not a line of a flowchart: {text}")
    assert depth == 0


def test_the_mermaid_blocks_are_well_formed(review: Project) -> None:
    report.run(review)
    blocks = mermaid_blocks(_markdown(review))
    assert len(blocks) == 2  # the PRISMA flow and the line of argument
    for block in blocks:
        check_structure(block)


def test_labels_that_would_break_mermaid_are_escaped(review: Project) -> None:
    rows = [json.loads(x) for x in review.matrix_path.read_text(encoding="utf-8").splitlines()]
    rows[0]["label"] = 'Power "shared" 100% <b>#1</b> %%{init}%% | end'
    review.matrix_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    text = review.line_of_argument_path.read_text(encoding="utf-8")
    review.line_of_argument_path.write_text(text.replace("gives weight to", 'gives "weight" %% to'),
                                            encoding="utf-8")
    report.run(review)
    block = mermaid_blocks(_markdown(review))[1]
    check_structure(block)
    assert "#quot;shared#quot; 100#37; #lt;b#gt;#35;1" in block


def test_a_stop_and_its_unscreened_records_are_reported(review: Project, runner) -> None:
    from review_cli.io.writer import write_jsonl
    from review_cli.model import Origin, Record

    from .extract_helpers import records

    late = Record(id="s0005", source="MEDLINE", title="An unscreened survey", authors=("Late, A",),
                  year=2020, journal="J", origins=(Origin("MEDLINE", "x.ris", "#5", 5),))
    write_jsonl(review.records_path, [r.to_json() for r in [*records(), late]])
    stop = invoke(runner, review, "stop", "--reviewer", "reviewer1", "--note", "time ran out")
    assert stop.exit_code == 0, stop.output
    assert invoke(runner, review, "report").exit_code == 0
    md = _markdown(review)
    assert "- Records removed for other reasons: 1 (not screened: screening stopped after 4 of 5 " \
           "records screened by the reviewers' decision" in md
    assert "Stopping (`review stop`): Screening stopped after 4 of 5 records" in md
    assert "(note: time ran out)." in md


def test_a_flow_that_does_not_add_up_needs_allow_pending(review: Project, runner) -> None:
    team.decide(review, Stage.TITLE_ABSTRACT, "reviewer1", [team.Wanted("s0004",
                                                                      Verdict.INCLUDE)],
                clock=lambda: CLOCK)  # reviewer2 still excludes it: a conflict
    refused = invoke(runner, review, "report")
    assert refused.exit_code == 1 and "--allow-pending" in refused.output
    assert not review.report_dir.exists()
    interim = invoke(runner, review, "report", "--allow-pending", "--json")
    assert interim.exit_code == 0, interim.output
    assert json.loads(interim.stdout)["written"] == ["report/report.md", "report/report.docx"]
    assert "Awaiting a decision (n = 1)" in _markdown(review)
