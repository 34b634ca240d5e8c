"""decide, conflicts, reconcile, agreement, export decisions and status through the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from review_cli.io.writer import write_jsonl
from review_cli.model import Stage, Verdict
from review_cli.project import Project
from review_cli.stages import team
from review_cli.store import decisions as dec

from .conftest import invoke
from .screen_helpers import make_project

TA = Stage.TITLE_ABSTRACT


@pytest.fixture
def team_project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "p", n=10, reviewers=("alice", "bob"), final="reconciled")


def written(project: Project, reviewer: str, stage: Stage = TA) -> list[dict]:
    path = project.decisions_path(stage, reviewer)
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


def test_decide_writes_lines_and_maps_member_ids(runner, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=6, reviewers=("alice",))
    write_jsonl(project.clusters_path, [{"id": "r0000", "records": ["r0000", "r0001"]}]
                + [{"id": f"r000{i}", "records": [f"r000{i}"]} for i in range(2, 6)])
    result = invoke(runner, project, "decide", "r0001", "r0002", "--exclude", "--reason", "design",
                    "--note", "rct?", "--json")
    assert result.exit_code == 0, result.output
    lines = written(project, "alice")
    assert [(x["record"], x["verdict"], x["reason"], x["note"]) for x in lines] == [
        ("r0000", "exclude", "design", "rct?"), ("r0002", "exclude", "design", "rct?")]
    assert json.loads(result.stdout)[0]["record"] == "r0000"


def test_decide_lists_every_error_and_writes_nothing(runner, team_project: Project) -> None:
    result = invoke(runner, team_project, "decide", "nope1", "r0001", "nope2", "--exclude",
                    "--reason", "zzz", "--reviewer", "alice")
    assert result.exit_code == 1 and "Traceback" not in result.output
    for text in ("unknown id `nope1`", "unknown id `nope2`", "r0001: unknown reason code `zzz`",
                 "nothing was written"):
        assert text in result.output
    assert not team_project.decisions_path(TA, "alice").exists()


def test_decide_from_csv_with_errors_listed_at_once(runner, team_project: Project,
                                                    tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,decision,reason\nr0001,include,\nr0002,perhaps,\nzz9,exclude,design\n"
                   "r0003,exclude,nonsense\n")
    result = invoke(runner, team_project, "decide", "--from", str(bad), "--reviewer", "bob")
    assert result.exit_code == 1
    assert "bad.csv:3: unknown decision `perhaps`" in result.output
    assert "bad.csv:4: unknown id `zz9`" in result.output
    assert "bad.csv:5: r0003: unknown reason code `nonsense`" in result.output
    assert not team_project.decisions_path(TA, "bob").exists()
    good = tmp_path / "good.csv"
    good.write_text("r0001,include,\nr0002,exclude,design,from Rayyan\nr0003,maybe,\n")
    result = invoke(runner, team_project, "decide", "--from", str(good), "--reviewer", "bob")
    assert result.exit_code == 0, result.output
    assert [(x["record"], x["verdict"], x["note"]) for x in written(team_project, "bob")] == [
        ("r0001", "include", ""), ("r0002", "exclude", "from Rayyan"), ("r0003", "maybe", "")]


def test_decide_refuses_unknown_reviewer_and_full_text_rules(runner, team_project: Project) -> None:
    result = invoke(runner, team_project, "decide", "r0001", "--include", "--reviewer", "alcie")
    assert result.exit_code == 1 and "not a reviewer in review.toml" in result.output
    invoke(runner, team_project, "decide", "r0001", "r0002", "--include", "--reviewer", "alice")
    invoke(runner, team_project, "decide", "r0001", "r0002", "--include", "--reviewer", "bob")
    result = invoke(runner, team_project, "decide", "r0001", "r0003", "--exclude",
                    "--stage", "full-text", "--reviewer", "alice")
    assert result.exit_code == 1
    assert "r0001: a full-text exclusion needs a reason" in result.output
    assert "r0003: not included at title/abstract" in result.output
    ok = invoke(runner, team_project, "decide", "r0001", "--exclude", "--reason", "outcome",
                "--stage", "full-text", "--reviewer", "alice")
    assert ok.exit_code == 0, ok.output
    nr = invoke(runner, team_project, "decide", "r0002", "--not-retrieved",
                "--stage", "full-text", "--reviewer", "alice")
    assert nr.exit_code == 0, nr.output
    assert [x["verdict"] for x in written(team_project, "alice", Stage.FULL_TEXT)] == [
        "exclude", "not-retrieved"]
    usage = invoke(runner, team_project, "decide", "r0001", "--include", "--exclude",
                   "--reviewer", "alice")
    assert usage.exit_code == 2


def test_screen_refuses_without_a_terminal(runner, team_project: Project) -> None:
    result = invoke(runner, team_project, "screen", "--reviewer", "alice")
    assert result.exit_code == 1
    assert "needs a terminal" in result.output and "review decide" in result.output


def seed_team(runner, project: Project) -> None:
    # alice: include 1,2,3 exclude 4,5,6 ; bob: include 1,2,4 exclude 3,5 ; 6 alice only; 7 bob only
    for who, verdict, ids in (
        ("alice", "--include", ["r0001", "r0002", "r0003"]),
        ("alice", "--exclude", ["r0004", "r0005", "r0006"]),
        ("bob", "--include", ["r0001", "r0002", "r0004"]),
        ("bob", "--exclude", ["r0003", "r0005", "r0007"]),
    ):
        result = invoke(runner, project, "decide", *ids, verdict, "--reviewer", who)
        assert result.exit_code == 0, result.output


def test_conflicts_and_scripted_reconcile(runner, team_project: Project) -> None:
    seed_team(runner, team_project)
    result = invoke(runner, team_project, "conflicts", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [c["record"] for c in found] == ["r0003", "r0004"]
    assert found[0]["decisions"] == {"alice": {"verdict": "include", "reason": "", "note": ""},
                                     "bob": {"verdict": "exclude", "reason": "", "note": ""}}
    table = invoke(runner, team_project, "conflicts")
    assert "2 conflict(s)" in table.stdout and "r0003" in table.stdout
    typo = invoke(runner, team_project, "reconcile", "--take", "bobby", "--reviewer", "carol")
    assert typo.exit_code == 1 and "take one of: alice, bob" in typo.output
    result = invoke(runner, team_project, "reconcile", "r0003", "--take", "bob",
                    "--reviewer", "carol")
    assert result.exit_code == 0, result.output
    assert "1 conflict(s) left" in result.output
    result = invoke(runner, team_project, "reconcile", "r0004", "--exclude",
                    "--reason", "population", "--reviewer", "carol")
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in team_project.reconciled_path(TA).read_text().splitlines()]
    assert [(x["record"], x["verdict"], x["reviewer"], x["note"], x["reason"]) for x in lines] == [
        ("r0003", "exclude", "carol", "reconciled: took bob", ""),
        ("r0004", "exclude", "carol", "reconciled", "population")]
    finals = dec.final_decisions(team_project, TA)
    assert finals["r0003"].verdict == Verdict.EXCLUDE and finals["r0003"].by == ("carol",)
    assert finals["r0006"].verdict is None  # one reviewer only: waits under the reconciled rule
    assert json.loads(invoke(runner, team_project, "conflicts", "--json").stdout) == []
    walk = invoke(runner, team_project, "reconcile", "--reviewer", "carol")
    assert walk.exit_code == 1 and "needs a terminal" in walk.output


def test_reconcile_walk_through_with_injected_answers(runner, team_project: Project) -> None:
    seed_team(runner, team_project)
    from review_cli.ui.team_view import prompt_conflict

    answers = iter(["2", "huh", "e design"])
    ask = prompt_conflict(team_project.protocol.reasons, lambda _prompt: next(answers))
    out = team.walk(team_project, TA, "carol", ask)
    assert [(d.record, d.verdict, d.reason, d.note) for d in out] == [
        ("r0003", Verdict.EXCLUDE, "", "reconciled: took bob"),
        ("r0004", Verdict.EXCLUDE, "design", "reconciled")]


def test_kappa_and_pabak_match_a_hand_computed_example() -> None:
    # 100 records: both include 20, A include/B exclude 5, A exclude/B include 10, both exclude 65.
    # p_o = 85/100 = 0.85; A includes 25 %, B 30 %; p_e = .25*.30 + .75*.70 = 0.6
    # kappa = (0.85 - 0.6) / (1 - 0.6) = 0.625; PABAK = 2*0.85 - 1 = 0.7
    raw, kappa, pabak = team.kappa_pabak(20, 5, 10, 65)
    assert (raw == pytest.approx(0.85) and kappa == pytest.approx(0.625)
            and pabak == pytest.approx(0.7))
    # Screening's usual imbalance: 1 joint include, 1 disagreement each way, 97 joint excludes.
    # p_o = 0.98; p_e = .02*.02 + .98*.98 = 0.9608; kappa = 0.0192/0.0392 = 0.4898; PABAK = 0.96
    raw, kappa, pabak = team.kappa_pabak(1, 1, 1, 97)
    assert kappa == pytest.approx(0.0192 / 0.0392) and pabak == pytest.approx(0.96)
    assert team.kappa_pabak(0, 0, 0, 10)[1] is None  # all excluded by both: kappa undefined
    assert team.kappa_pabak(0, 0, 0, 0) == (None, None, None)


def test_agreement_command(runner, team_project: Project) -> None:
    seed_team(runner, team_project)
    result = invoke(runner, team_project, "agreement", "--json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    # both screened r0001-r0005: agree on 1, 2 (include) and 5 (exclude); differ on 3 and 4
    assert row["stage"] == "title-abstract" and row["both"] == 5 and row["agree"] == 3
    assert row["table"] == {"both_include": 2, "a_include_b_exclude": 1, "a_exclude_b_include": 1,
                            "both_exclude": 1}
    assert row["raw"] == pytest.approx(0.6)
    # p_e = .6*.6 + .4*.4 = 0.52 -> kappa = (0.6 - 0.52) / 0.48
    assert row["kappa"] == pytest.approx(0.08 / 0.48) and row["pabak"] == pytest.approx(0.2)
    assert row["only_one"] == {"alice": 1, "bob": 1}
    table = invoke(runner, team_project, "agreement")
    assert "kappa" in table.stdout and "0.167" in table.stdout


def test_export_decisions_has_every_line_of_history(runner, team_project: Project) -> None:
    seed_team(runner, team_project)
    # changed mind
    invoke(runner, team_project, "decide", "r0001", "--exclude", "--reviewer", "alice")
    invoke(runner, team_project, "reconcile", "r0003", "--take", "alice", "--reviewer", "carol")
    result = invoke(runner, team_project, "export", "decisions", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 12 + 1 + 1
    alice = [r for r in rows if r["log"] == "screen/title-abstract/alice.jsonl"]
    assert [r["verdict"] for r in alice if r["record"] == "r0001"] == ["include", "exclude"]
    assert (rows[-1]["log"] == "screen/reconciled/title-abstract.jsonl"
            and rows[-1]["reviewer"] == "carol")
    jl = invoke(runner, team_project, "export", "decisions", "--format", "jsonl")
    assert len(jl.stdout.splitlines()) == 14 and json.loads(jl.stdout.splitlines()[0])["line"] == 1


def test_status_shows_screening_counts(runner, team_project: Project) -> None:
    seed_team(runner, team_project)
    result = invoke(runner, team_project, "status", "--json")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)["stages"]["screen title-abstract"]
    assert (counts["units"] == 10 and counts["screened by alice"] == 6
            and counts["screened by bob"] == 6)
    assert (counts["final include"] == 2 and counts["final exclude"] == 1
            and counts["conflicts"] == 2)
    human = invoke(runner, team_project, "status")
    assert "screen title-abstract" in human.stdout


def test_decide_is_refused_while_that_reviewer_is_screening(runner, team_project: Project) -> None:
    from review_cli.store.locking import reviewer_lock

    with reviewer_lock(team_project, TA, "alice"):
        result = invoke(runner, team_project, "decide", "r0001", "--include", "--reviewer", "alice")
        assert result.exit_code == 1 and "already screening" in result.output
        other = invoke(runner, team_project, "decide", "r0001", "--include", "--reviewer", "bob")
        assert other.exit_code == 0, other.output


def test_decide_repairs_a_torn_line_and_says_so(runner, team_project: Project) -> None:
    invoke(runner, team_project, "decide", "r0001", "--include", "--reviewer", "alice")
    path = team_project.decisions_path(TA, "alice")
    path.write_bytes(path.read_bytes() + b'{"record":"r00')
    warned = invoke(runner, team_project, "conflicts")
    assert "alice.jsonl:2: incomplete last line" in warned.output
    result = invoke(runner, team_project, "decide", "r0002", "--exclude", "--reviewer", "alice")
    assert result.exit_code == 0, result.output
    assert "screen/title-abstract/alice.jsonl:2: incomplete last line" in result.output
    assert [x["record"] for x in written(team_project, "alice")] == ["r0001", "r0002"]
    assert team_project.torn_path(TA, "alice").read_text() == '{"record":"r00\n'


def test_decide_names_records_excluded_by_the_limits(runner, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=5, old=2)
    result = invoke(runner, project, "decide", "r0000", "r0003", "--include")
    assert result.exit_code == 1
    assert ("r0000: excluded by the protocol's limits (published 1990, before the limit 2000)"
            in result.output)
    assert "r0003" not in result.output.split("nothing was written")[1].split("Hint")[0]


def test_screen_command_is_glue_around_the_stage(runner, team_project: Project,
                                                 monkeypatch) -> None:
    from review_cli.stages import screen as stage_mod
    from review_cli.stages.screen import Outcome
    from review_cli.stages.screen._engine import BackgroundEngine
    from review_cli.ui import console

    calls = []

    def fake_run(project, stage, reviewer, drive, engine,  # type: ignore[no-untyped-def]
                 only_maybe, opener):
        from review_cli.ui import viewer

        assert opener is viewer.open_report  # `o` opens reports in the system viewer
        calls.append((project.root, stage, reviewer, engine, only_maybe))
        return Outcome(decided=3, screened=7, total=10, messages=["torn line moved aside"])

    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr(stage_mod, "run", fake_run)
    monkeypatch.setenv("REVIEW_REVIEWER", "Bob")
    result = invoke(runner, team_project, "screen", "--stage", "full-text", "--maybe")
    assert result.exit_code == 0, result.output
    assert calls == [(team_project.root, Stage.FULL_TEXT, "bob", BackgroundEngine, True)]
    assert "bob: 3 decision(s) this session; 7/10 screened at full-text" in result.output
    assert "torn line moved aside" in result.output
    bad = invoke(runner, team_project, "screen", "--stage", "abstracts")
    assert bad.exit_code == 2 and "unknown stage `abstracts`" in bad.output  # bad usage
