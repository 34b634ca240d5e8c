"""Teams: reconcile shows the abstract, `--take` a non-reviewer is an error, a reconciler who
was a party to a conflict is named, the agreement table fits 80 columns, dedup names who
decided."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from review_cli.model import Stage
from review_cli.project import Project
from review_cli.ui import team_view

from .conftest import invoke
from .screen_helpers import make_project

TA = Stage.TITLE_ABSTRACT


@pytest.fixture
def team_project(tmp_path: Path, runner) -> Project:
    project = make_project(tmp_path / "p", n=10, reviewers=("alice", "bob"), final="reconciled")
    for who, verdict, ids in (("alice", "--include", ["r0001", "r0003"]),
                              ("bob", "--exclude", ["r0001", "r0003"])):
        assert invoke(runner, project, "decide", *ids, verdict, "--reviewer", who).exit_code == 0
    return project


def test_reconcile_walk_through_shows_the_abstract(runner, team_project: Project,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    found = json.loads(invoke(runner, team_project, "conflicts", "--json").stdout)
    assert "mice liver fibrosis" in found[0]["abstract"]
    monkeypatch.setattr("review_cli.ui.console.interactive", lambda: True)
    result = invoke(runner, team_project, "reconcile", "--reviewer", "carol", input="1\nq\n")
    assert result.exit_code == 0, result.output
    assert "Conflict 1/2" in result.stderr and "mice liver fibrosis" in result.stderr


def test_take_someone_who_is_not_a_reviewer_is_an_error(runner, team_project: Project) -> None:
    carol = invoke(runner, team_project, "reconcile", "--take", "carol", "--reviewer", "dave")
    assert carol.exit_code == 1 and "`carol` is not a reviewer" in carol.stderr
    assert "alice, bob" in carol.stderr and not team_project.reconciled_path(TA).exists()
    # Nothing left to reconcile: taking a reviewer's decisions is then simply nothing to do,
    # but a name that is no reviewer is still an error.
    assert invoke(runner, team_project, "reconcile", "--take", "alice",
                  "--reviewer", "dave").exit_code == 0
    assert invoke(runner, team_project, "reconcile", "--take", "alice",
                  "--reviewer", "dave").exit_code == 0
    assert invoke(runner, team_project, "reconcile", "--take", "carol",
                  "--reviewer", "dave").exit_code == 1


def test_a_party_to_the_conflict_is_named_in_the_reconciliation(runner,
                                                               team_project: Project) -> None:
    result = invoke(runner, team_project, "reconcile", "--take", "alice", "--reviewer", "alice",
                    "--json")
    assert result.exit_code == 0, result.output
    notes = [d["note"] for d in json.loads(result.stdout)]
    assert notes == ["reconciled: took alice; alice was a party to this conflict"] * 2
    assert "alice decided 2 of these record(s) themselves" in result.stderr
    lines = team_project.reconciled_path(TA).read_text(encoding="utf-8")
    assert lines.count("was a party to this conflict") == 2


def test_agreement_table_fits_80_columns_and_never_prints_minus_zero(
    runner, team_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    console = Console(width=80, file=io.StringIO(), record=True)
    monkeypatch.setattr(team_view, "out", console)
    assert invoke(runner, team_project, "agreement").exit_code == 0
    text = console.export_text()
    assert all(len(line) <= 80 for line in text.splitlines())
    for word in ("both", "agree", "raw", "kappa", "PABAK", "alice / bob", "title-abstract"):
        assert word in text, word
    # Independent reviewers give a kappa of 0; float rounding made it -0.000.
    assert team_view._fmt(-6.9e-17) == "0.000" and team_view._fmt(-0.0004) == "0.000"
    assert team_view._fmt(-0.0123) == "-0.012"
