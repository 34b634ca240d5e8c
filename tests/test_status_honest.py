"""`review status` says what is stale before screening can go wrong: dedup never run, records
imported since the last dedup, a torn decision line; `review screen` warns before it serves
records that are not deduplicated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_cli.model import Stage
from review_cli.project import Project
from review_cli.stages import import_

from .conftest import FIXTURES, invoke
from .screen_helpers import make_project

RIS = FIXTURES / "exports" / "cochrane_two_spaces.ris"
RIS_EBSCO = FIXTURES / "exports" / "ebsco_two_abstracts.ris"


def test_status_says_dedup_never_ran_then_new_records(runner, review: Project,
                                                     tmp_path: Path) -> None:
    import_.run(review, [RIS], "MEDLINE")
    copy = tmp_path / "central.ris"  # an overlapping second database: the same records
    copy.write_bytes(RIS.read_bytes() + b"\n")
    import_.run(review, [copy], "CENTRAL")
    text = invoke(runner, review, "status").stdout
    assert "Everything is up to date" not in text
    assert "stale: dedup: never run on the 4 imported records" in text
    assert invoke(runner, review, "dedup", "--non-interactive").exit_code == 0
    assert "Everything is up to date" in invoke(runner, review, "status").stdout
    import_.run(review, [RIS_EBSCO], "CINAHL")
    data = json.loads(invoke(runner, review, "status", "--json").stdout)
    dedup_stale = [s for s in data["stale"] if s["stage"] == "dedup"]
    assert len(dedup_stale) == 1
    assert "imported since the last `review dedup` are not deduplicated" in dedup_stale[0][
        "reason"]


def test_status_reports_a_torn_decision_line(runner, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=4)
    assert invoke(runner, project, "decide", "r0001", "--include", "-r", "alice").exit_code == 0
    log = project.decisions_path(Stage.TITLE_ABSTRACT, "alice")
    with log.open("ab") as f:
        f.write(b'{"record": "r0002", "verd')
    result = invoke(runner, project, "status")
    assert "screen/title-abstract/alice.jsonl:2: incomplete last line" in result.stdout
    assert "Everything is up to date" not in result.stdout
    data = json.loads(invoke(runner, project, "status", "--json").stdout)
    assert any("incomplete last line" in w for w in data["warnings"])


@pytest.mark.parametrize(("answer", "started"), [("n\n", False), ("y\n", True)])
def test_screen_warns_before_serving_undeduplicated_records(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, started: bool
) -> None:
    from review_cli.stages import screen as stage_mod
    from review_cli.stages.screen import Outcome
    from review_cli.ui import console

    project = make_project(tmp_path / "p", n=4, deduplicated=False)
    calls = []
    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr(stage_mod, "run", lambda *a, **k: calls.append(a) or Outcome())
    result = invoke(runner, project, "screen", "-r", "alice", input=answer)
    assert result.exit_code == 0, result.output
    assert "`review dedup` has not run: the 4 imported record(s)" in result.stderr
    assert "Screen them anyway? [y/N]" in result.stderr
    assert bool(calls) == started
    if not started:
        assert "Not started. Run `review dedup`" in result.stderr
    deduplicated = make_project(tmp_path / "q", n=4)
    quiet = invoke(runner, deduplicated, "screen", "-r", "alice")
    assert quiet.exit_code == 0 and "dedup" not in quiet.stderr


def test_screen_warns_about_records_imported_since_the_last_dedup(
    runner, review: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_cli.stages import screen as stage_mod
    from review_cli.stages.screen import Outcome
    from review_cli.ui import console

    import_.run(review, [RIS], "MEDLINE")
    assert invoke(runner, review, "dedup", "--non-interactive").exit_code == 0
    import_.run(review, [RIS_EBSCO], "CINAHL")  # a later search, not deduplicated yet
    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr(stage_mod, "run", lambda *a, **k: Outcome())
    result = invoke(runner, review, "screen", "-r", "reviewer1", input="n\n")
    assert result.exit_code == 0, result.output
    assert "imported since the last `review dedup` are not deduplicated" in result.stderr
    assert "Screen them anyway? [y/N]" in result.stderr
    assert "Not started. Run `review dedup`" in result.stderr


def test_the_screen_counts_a_decision_made_before_dedup_merged_the_record(
    runner, tmp_path: Path
) -> None:
    from review_cli.io.writer import write_jsonl
    from review_cli.stages.screen import open_session

    project = make_project(tmp_path / "p", n=4, deduplicated=False)
    assert invoke(runner, project, "decide", "r0001", "--exclude", "-r", "alice").exit_code == 0
    write_jsonl(project.clusters_path, [
        {"id": "r0000", "records": ["r0000", "r0001"], "links": []},
        {"id": "r0002", "records": ["r0002"], "links": []},
        {"id": "r0003", "records": ["r0003"], "links": []}])
    session = open_session(project, Stage.TITLE_ABSTRACT, "alice")
    assert session.done("r0000") and not session.done("r0002")
    status = json.loads(invoke(runner, project, "status", "--json").stdout)
    assert status["stages"]["screen title-abstract"]["final exclude"] == 1


def test_status_reads_each_large_file_once(tmp_path: Path, monkeypatch) -> None:
    """At 100,000 records each read of clusters.jsonl, the flow's units or a decision log costs
    about a second; status once read clusters.jsonl twice and every decision log twice."""
    from collections import Counter

    from review_cli.stages import status
    from review_cli.store import clusters as clusters_store
    from review_cli.store import decisions as decisions_store
    from review_cli.store import flow

    from . import prisma_fixture as fx

    project = fx.build(tmp_path / "rev")
    reads: Counter[str] = Counter()

    def counted(module, name: str, key):  # type: ignore[no-untyped-def]
        real = getattr(module, name)

        def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
            reads[key(*args)] += 1
            return real(*args, **kwargs)
        monkeypatch.setattr(module, name, spy)

    counted(clusters_store, "read", lambda p: "clusters.jsonl")
    counted(flow, "read_units", lambda p, *a: "units")
    counted(decisions_store, "read_log", lambda path, *a: project.rel(path))
    counts = status.run(project).stages
    assert counts["screen title-abstract"]["final include"] == 9  # it did count
    assert reads and max(reads.values()) == 1, reads
    assert {"clusters.jsonl", "units", "screen/title-abstract/alice.jsonl"} <= set(reads)
