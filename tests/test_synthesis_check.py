"""`review synthesis check`: each rule, broken on its own, is reported with its file and line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from review_cli.project import Project
from review_cli.stages import synthesis

from .conftest import invoke
from .synthesis_helpers import CONCEPTS, MATRIX, PPI, make_review, write_synthesis

Rows = list[dict[str, Any]]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synth") / "rev"
    write_synthesis(make_review(root))
    return root


@pytest.fixture
def review(base: Path, tmp_path: Path) -> Project:
    import shutil

    shutil.copytree(base, tmp_path / "rev")
    return Project(tmp_path / "rev")


def _rewrite(path: Path, change: Callable[[Rows], None]) -> None:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    change(rows)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _set(line: int, **values: Any) -> Callable[[Rows], None]:
    return lambda rows: rows[line - 1].update(values)


def _set_in(line: int, key: str, **values: Any) -> Callable[[Rows], None]:
    return lambda rows: rows[line - 1][key].update(values)


def _append(row: dict[str, Any]) -> Callable[[Rows], None]:
    return lambda rows: rows.append(row)


def _delete(line: int) -> Callable[[Rows], None]:
    return lambda rows: rows.pop(line - 1)


def test_the_helpers_synthesis_keeps_every_rule(review: Project, runner) -> None:
    result = synthesis.check(review)
    assert result.ok, [p.text() for p in result.problems]
    assert result.warnings == []
    done = invoke(runner, review, "synthesis", "check")
    assert done.exit_code == 0, done.output
    assert "keep every rule" in done.output
    status = invoke(runner, review, "status", "--json")
    assert json.loads(status.stdout)["stages"]["synthesis"] == {
        "concepts": 4, "third-order concepts": 2, "matrix cells": 6, "line of argument links": 1,
        "CERQual findings": 2, "PPI meetings": 1}


# (file, how it is broken, the rule, the line reported, words of the message)
CASES = [
    ("concepts.jsonl", _set(2, id="okafor2019-1"), "concept-id", 2, "used twice (first on line 1)"),
    ("concepts.jsonl", _set(1, id=""), "concept-id", 1, "without an id"),
    ("concepts.jsonl", _set(1, study="s9999"), "concept-study", 1, "`s9999` is not an included"),
    ("concepts.jsonl", _set(3, order="third-order"), "concept-order", 3, "first-order"),
    ("concepts.jsonl", _set(4, text=" "), "concept-text", 4, "no verbatim text"),
    ("matrix.jsonl", _set(5, label=""), "row", 5, "row `t2` has no label"),
    ("matrix.jsonl", _set(2, row="t9"), "cell-row", 2, "row `t9`, which is not defined"),
    ("matrix.jsonl", _append({"row": "t2", "study": "s0004", "relation": "absent",
                              "concepts": [], "note": ""}), "cell-study", 9,
     "`s0004` is not an included study"),
    ("matrix.jsonl", _append(dict(MATRIX[1])), "cell-duplicate", 9, "(first on line 2)"),
    ("matrix.jsonl", _set(7, relation="reciprocol"), "relation", 7, "`reciprocol` must be one of"),
    ("matrix.jsonl", _set(2, concepts=["okafor2019-9"]), "concept-missing", 2,
     "concept `okafor2019-9` does not exist in synthesis/concepts.jsonl"),
    ("matrix.jsonl", _set(3, concepts=["okafor2019-1"]), "concept-elsewhere", 3,
     "belongs to Okafor 2019 (s0001), not to this study"),
    ("matrix.jsonl", _set(7, concepts=["lindqvist2016-1"]), "relation-concepts", 7,
     "an absent cell lists no concepts"),
    ("matrix.jsonl", _set(4, note=""), "refutational-note", 4, "carries a note"),
    ("matrix.jsonl", _delete(8), "study-missing", 5, "row `t2` has no cell for Mbeki 2021"),
    ("matrix.jsonl", _set(6, relation="absent", concepts=[]), "ungrounded", 5,
     "row `t2` is grounded in no study"),
    ("cerqual.jsonl", _set(1, finding=""), "finding", 1, "no summary statement"),
    ("cerqual.jsonl", _set(2, id="f1"), "finding", 2, "used twice"),
    ("cerqual.jsonl", _set(1, concepts=["t9"]), "finding-concept", 1, "`t9` is not a third"),
    ("cerqual.jsonl", _set(2, studies=[]), "finding-studies", 2, "no contributing study"),
    ("cerqual.jsonl", _set(2, studies=["s0001", "s0002"]), "finding-study", 2,
     "Lindqvist 2016 (s0002) expresses none of t2"),
    ("cerqual.jsonl", _set(1, studies=["s0004"]), "finding-study", 1, "`s0004` is not an "
     "included study"),
    ("cerqual.jsonl", _set_in(1, "coherence", concern="some"), "concern", 1,
     "coherence: concern `some` must be one of"),
    ("cerqual.jsonl", _set_in(2, "adequacy", explanation=""), "concern", 2,
     "adequacy has no explanation"),
    ("cerqual.jsonl", _set(1, confidence="certain"), "confidence", 1, "`certain` must be"),
    ("cerqual.jsonl", _set(2, explanation=""), "confidence", 2, "has no explanation"),
    ("ppi.jsonl", _append(dict(PPI[0])), "meeting", 2, "used twice (first on line 1)"),
    ("ppi.jsonl", _set(1, date="07/01/2022"), "meeting-date", 1, "must be YYYY-MM-DD"),
    ("ppi.jsonl", _set(1, phase=9), "meeting-phase", 1, "phase `9` must be"),
    ("ppi.jsonl", _set(1, who=["Jane Smith", "researcher (1)"]), "meeting-who", 1,
     "`Jane Smith` is not a role"),
    ("ppi.jsonl", _set(1, who=[]), "meeting-who", 1, "who took part is not recorded"),
    ("ppi.jsonl", _set(1, changed=""), "meeting-changed", 1, "what changed"),
]


@pytest.mark.parametrize(("name", "change", "rule", "line", "words"), CASES,
                         ids=[f"{c[2]}-{c[0].split('.')[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_broken_rule_names_the_file_and_line(review: Project, name: str,
                                                  change: Callable[[Rows], None], rule: str,
                                                  line: int, words: str) -> None:
    _rewrite(review.synthesis_dir / name, change)
    found = [p for p in synthesis.check(review).problems if p.rule == rule]
    assert found, f"no {rule} problem"
    assert any(p.file == f"synthesis/{name}" and p.line == line and words in p.message
               for p in found), [p.text() for p in found]


@pytest.mark.parametrize(("line", "rule", "words"), [
    ("t1 leads to t2", "link-syntax", "is not a link"),
    ("- t2 -> t7: hides", "link-concept", "`t7` is not a third-order concept"),
])
def test_a_broken_link_names_its_line(review: Project, line: str, rule: str, words: str) -> None:
    with review.line_of_argument_path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    found = [p for p in synthesis.check(review).problems if p.rule == rule]
    assert [(p.file, p.line) for p in found] == [("synthesis/line-of-argument.md", 8)]
    assert words in found[0].message


def test_the_index_paper_must_be_an_included_study(review: Project) -> None:
    text = review.protocol_path.read_text(encoding="utf-8")
    review.protocol_path.write_text(text + '\n[synthesis]\norder = "index"\nindex = "s9999"\n',
                                    encoding="utf-8")
    found = [p for p in synthesis.check(Project(review.root)).problems if p.rule == "index-paper"]
    assert [p.file for p in found] == ["review.toml"]


def test_the_command_lists_every_problem_and_exits_1(review: Project, runner) -> None:
    _rewrite(review.matrix_path, _set(4, note=""))
    _rewrite(review.concepts_path, _set(1, order="zeroth"))
    done = invoke(runner, review, "synthesis", "check")
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert "synthesis/matrix.jsonl:4: t1 x Mbeki 2021 (s0003): a refutational cell" in done.stdout
    assert "synthesis/concepts.jsonl:1: concept `okafor2019-1`: order `zeroth`" in done.stdout
    assert "2 problem(s) in the synthesis files" in done.output
    as_json = invoke(runner, review, "synthesis", "check", "--json")
    problems = json.loads(as_json.stdout)["problems"]
    assert {(p["file"], p["line"], p["rule"]) for p in problems} == {
        ("synthesis/matrix.jsonl", 4, "refutational-note"),
        ("synthesis/concepts.jsonl", 1, "concept-order")}


def test_warnings_do_not_fail(review: Project) -> None:
    _rewrite(review.concepts_path, _append({**CONCEPTS[0], "id": "okafor2019-3",
                                            "text": "Unused."}))
    result = synthesis.check(review)
    assert result.ok
    assert [(w.rule, w.line) for w in result.warnings] == [("unused", 5)]
    assert "1 concept(s) used by no cell of the matrix: okafor2019-3" in result.warnings[0].message


def test_a_line_that_is_not_json_is_an_error_naming_it(review: Project, runner) -> None:
    with review.cerqual_path.open("a", encoding="utf-8") as f:
        f.write("{not json\n")
    done = invoke(runner, review, "synthesis", "check")
    assert done.exit_code == 1 and "synthesis/cerqual.jsonl" in done.output
    assert ":3" in done.output and "Traceback" not in done.output


def test_nothing_to_check_before_the_synthesis_starts(tmp_path: Path, runner) -> None:
    project = make_review(tmp_path / "empty")
    done = invoke(runner, project, "synthesis", "check")
    assert done.exit_code == 1 and "review synthesis seed" in done.output


def test_the_index_paper_leads_the_matrix_and_the_rest_stay_chronological(review: Project,
                                                                           runner) -> None:
    chronological = invoke(runner, review, "synthesis", "table", "matrix", "--format", "csv")
    assert chronological.exit_code == 0, chronological.output
    assert chronological.stdout.splitlines()[0] == (
        "Third-order concept,Lindqvist 2016,Okafor 2019,Mbeki 2021")
    text = review.protocol_path.read_text(encoding="utf-8")
    review.protocol_path.write_text(text + '\n[synthesis]\norder = "index"\nindex = "s0003"\n',
                                    encoding="utf-8")
    indexed = invoke(runner, review, "synthesis", "table", "matrix", "--format", "csv")
    assert indexed.exit_code == 0, indexed.output
    assert indexed.stdout.splitlines()[0] == (
        "Third-order concept,Mbeki 2021,Lindqvist 2016,Okafor 2019")
    # The cells move with their study, not only the headings.
    assert indexed.stdout.splitlines()[1] == (
        "t1: Sharing power,refutational (1),reciprocal (1),reciprocal (1)")
