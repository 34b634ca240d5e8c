"""`review stop`: stopping screening early is recorded (who, when, on which rule's verdict, the
rules' figures), and the diagram and prisma.json say which rule and its numbers, or "the
reviewers' decision" when no rule had said stop."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from review_cli.io.writer import read_jsonl, write_jsonl
from review_cli.project import Project

from .conftest import invoke
from .screen_helpers import make_project


def _decide(runner, project: Project, verdict: str, ids: list[str], *extra: str) -> None:
    result = invoke(runner, project, "decide", *ids, verdict, "-r", "alice", *extra)
    assert result.exit_code == 0, result.output


def _prisma(runner, project: Project) -> dict:
    result = invoke(runner, project, "prisma", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _csv_rows(project: Project) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(project.prisma_csv_path.read_text(encoding="utf-8")))
    return {r["data"]: r for r in rows if r["data"] != "NA"}


def test_stopping_without_a_rule_is_the_reviewers_decision(runner, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=30)
    _decide(runner, project, "--include", ["r0000"])
    _decide(runner, project, "--exclude", ["r0001", "r0003", "r0005", "r0007"])
    _decide(runner, project, "--include", ["r0000"], "--stage", "full-text")
    result = invoke(runner, project, "stop", "-r", "alice", "--rule", "knee", "--json")
    assert result.exit_code == 0, result.output
    # The knee rule had not said stop: never labelled as the rule's.
    assert "the knee stopping rule has not said stop" in result.stderr
    recorded = json.loads(result.stdout)["stop"]
    assert recorded["rule"] == "" and recorded["reviewer"] == "alice"
    assert "asked to stop on the knee rule" in recorded["note"]
    assert recorded["unscreened"] == 25 and recorded["figures"]["screened"] == 5
    assert [r["rule"] for r in recorded["figures"]["rules"]] == ["statistical", "knee",
                                                                 "heuristic"]
    line = read_jsonl(project.stop_log_path)[0]
    assert line["time"].endswith("Z") and len(line["unscreened"]) == 25

    data = _prisma(runner, project)
    c = data["counts"]
    assert c["excluded_other"] == 25 and c["excluded_automatic"] == 0
    assert c["records_screened"] == 5 and c["new_studies"] == 1
    stop = data["stopping"]
    assert stop["counted_as"] == "excluded_other"
    assert stop["not_screened"] == {"databases-registers": 25, "other-methods": 0}
    assert "by the reviewers' decision; no stopping rule had said stop" in stop["statement"]
    assert "after 5 of 30 records screened" in stop["statement"]
    drawn = project.prisma_mermaid_path.read_text(encoding="utf-8")  # the SVG's very words
    assert "Records removed for other reasons (n = 25)" in drawn
    assert "by the reviewers' decision" in drawn and "stopping rule's verdict" not in drawn
    rows = _csv_rows(project)
    assert rows["excluded_other"]["n"] == "25"
    assert "of which 25 not screened: screening stopped after 5 of 30" in rows[
        "excluded_other"]["boxtext"]
    log = {r["id"]: r for r in read_jsonl(project.include_log_path)}
    assert log["r0029"]["status"] == "removed-other"


def test_stopping_on_a_rule_that_said_stop_names_it_with_its_figures(runner,
                                                                     tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=120)
    relevant = ["r0000", "r0002", "r0004"]
    _decide(runner, project, "--include", relevant)
    # 60 irrelevant in a row: the heuristic (50 here) says stop.
    others = [f"r{i:04d}" for i in range(120) if f"r{i:04d}" not in relevant][:60]
    _decide(runner, project, "--exclude", others)
    _decide(runner, project, "--include", relevant, "--stage", "full-text")
    result = invoke(runner, project, "stop", "-r", "alice", "--json")
    assert result.exit_code == 0, result.output
    recorded = json.loads(result.stdout)["stop"]
    fired = [r["rule"] for r in recorded["figures"]["rules"] if r["stop"]]
    assert "heuristic" in fired and recorded["rule"] == fired[0]
    data = _prisma(runner, project)
    c, stop = data["counts"], data["stopping"]
    assert c["excluded_automatic"] == 57 and c["excluded_other"] == 0
    assert stop["counted_as"] == "excluded_automatic" and stop["rule"] == recorded["rule"]
    assert f"on the {recorded['rule']} stopping rule's verdict" in stop["statement"]
    verdict = next(r for r in recorded["figures"]["rules"] if r["rule"] == recorded["rule"])
    assert verdict["detail"] in stop["statement"]
    drawn = project.prisma_mermaid_path.read_text(encoding="utf-8")  # the SVG's very words
    assert "Records marked as ineligible by automation tools (n = 57)" in drawn
    assert "(n = 57)" in drawn.split("Not screened:")[1]
    rows = _csv_rows(project)
    assert "of which 57 not screened" in rows["excluded_automatic"]["boxtext"]
    assert any(w.startswith("not screened: screening stopped")
               for w in data["automation"])


def test_resume_and_records_imported_after_the_stop(runner, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=10)
    _decide(runner, project, "--exclude", ["r0001", "r0003"])
    none = invoke(runner, project, "stop", "-r", "alice", "--resume")
    assert none.exit_code == 1 and "not stopped" in none.stderr
    assert invoke(runner, project, "stop", "-r", "alice").exit_code == 0
    assert _prisma(runner, project)["counts"]["excluded_other"] == 8
    # A record imported after the stop is not covered by it: it waits, and prisma says why.
    rows = read_jsonl(project.records_path)
    rows.append({**rows[0], "id": "r9999", "title": "A late record", "origins": []})
    write_jsonl(project.records_path, rows)
    clusters = read_jsonl(project.clusters_path) + [{"id": "r9999", "records": ["r9999"],
                                                     "links": []}]
    write_jsonl(project.clusters_path, clusters)
    late = invoke(runner, project, "prisma")
    assert late.exit_code == 1 and "r9999 (not screened yet)" in late.stderr
    back = invoke(runner, project, "stop", "-r", "alice", "--resume")
    assert back.exit_code == 0 and "taken back" in back.stderr
    assert [x["action"] for x in read_jsonl(project.stop_log_path)] == ["stop", "resume"]
    again = invoke(runner, project, "prisma", "--allow-pending", "--json")
    assert json.loads(again.stdout)["stopping"] is None
    done = make_project(tmp_path / "q", n=2)
    _decide(runner, done, "--exclude", ["r0000", "r0001"])
    nothing = invoke(runner, done, "stop", "-r", "alice")
    assert nothing.exit_code == 1 and "nothing left" in nothing.stderr
