"""End-to-end reviewer workflow regressions: what a team (or CI) running a real review hit."""

from __future__ import annotations

import io
import json

import pytest

from review_cli.errors import ReviewError
from review_cli.model import Stage
from review_cli.project import Project
from review_cli.stages import dedup, import_
from review_cli.store import clusters as clusters_store
from review_cli.store import records as records_store
from review_cli.ui import console
from review_cli.ui.console import RichProgress

from .conftest import FIXTURES, invoke

RIS = FIXTURES / "exports" / "cochrane_two_spaces.ris"
RIS_EBSCO = FIXTURES / "exports" / "ebsco_two_abstracts.ris"


def test_progress_writes_nothing_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str]
) -> None:
    # Rich's transient bar still printed a blank line per bar into logs and CI output.
    bar = RichProgress()
    bar.start("Reading", total=3)
    bar.advance(3)
    bar.done()
    assert capsys.readouterr().err == ""


def test_error_hint_keeps_square_brackets(runner, review: Project,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # The hint said "add a [] entry": Rich read `[[reviewers]]` as markup and dropped it.
    result = invoke(runner, review, "decide", "abc", "--include", "--reviewer", "carol")
    assert result.exit_code == 1
    assert "add a [[reviewers]] entry" in result.stderr
    assert "Traceback" not in result.output

    from rich.console import Console

    buf = io.StringIO()
    monkeypatch.setattr(console, "_plain", lambda: False)
    monkeypatch.setitem(console._consoles, "err", Console(file=buf, width=200, highlight=False))
    console.print_error(ReviewError("bad key [screening.keys]", hint="add a [[reviewers]] entry"))
    console.warn("see [limits]")
    text = buf.getvalue()
    assert "[screening.keys]" in text and "[[reviewers]]" in text and "[limits]" in text


def test_status_reports_dedup_counts_and_new_records(runner, review: Project) -> None:
    # `review status` said nothing about dedup: no duplicates removed, no pairs waiting,
    # no sign that records imported since the last `review dedup` were not deduplicated.
    import_.run(review, [RIS], "MEDLINE")
    import_.run(review, [RIS_EBSCO], "CINAHL")
    dedup.run(review)
    data = json.loads(invoke(runner, review, "status", "--json").stdout)
    assert data["stages"]["dedup"] == {
        "records": 3, "duplicates removed": 0, "unique": 3, "uncertain pairs": 0,
    }
    import_.run(review, [FIXTURES / "exports" / "eric.nbib"], "ERIC")
    data = json.loads(invoke(runner, review, "status", "--json").stdout)
    assert data["stages"]["dedup"]["not deduplicated yet"] == 1
    assert data["stages"]["dedup"]["records"] == 4
    full = dedup.counts(review)  # status counts from ids alone, the same numbers
    assert (data["stages"]["dedup"]["duplicates removed"], data["stages"]["dedup"]["unique"]) == (
        full["duplicates_removed"], full["records_after"])


def test_status_prints_brackets_in_titles_and_sources(runner, review: Project) -> None:
    text = review.protocol_path.read_text().replace(
        'title = "Title of your systematic review"', 'title = "Carers [integrated care] review"'
    )
    review.protocol_path.write_text(text)
    import_.run(review, [RIS], "MEDLINE [Ovid]")
    result = invoke(runner, review, "status")
    assert result.exit_code == 0
    assert "Carers [integrated care] review" in result.stdout
    assert "MEDLINE [Ovid]" in result.stdout


def test_conflicts_table_prints_bracketed_titles(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    from review_cli.model import Decision, Stage, Verdict
    from review_cli.stages.team import Conflict
    from review_cli.ui import team_view

    buf = io.StringIO()
    monkeypatch.setattr(team_view, "out", Console(file=buf, width=200))
    votes = {
        name: Decision("u1", verdict, Stage.TITLE_ABSTRACT, name, "2024-01-01T00:00:00Z")
        for name, verdict in (("alice", Verdict.INCLUDE), ("bob", Verdict.EXCLUDE))
    }
    team_view.render_conflicts("title-abstract",
                               [Conflict("u1", "Carers at home [in press]", votes)])
    assert "Carers at home [in press]" in buf.getvalue()


def test_prisma_check_json_keeps_stdout_parseable(tmp_path, runner) -> None:
    # `review prisma --check --json` printed prisma.json and then the diff on stdout: CI could not
    # parse it. The diff goes to stderr when stdout carries the JSON.
    from review_cli.model import Stage

    from . import prisma_fixture as fx

    project = fx.build(tmp_path / "rev")
    assert invoke(runner, project, "prisma").exit_code == 0
    fx.decide(project, Stage.TITLE_ABSTRACT, "alice", "r2", "exclude", "design", second=998)
    fx.decide(project, Stage.TITLE_ABSTRACT, "bob", "r2", "exclude", "design", second=999)
    stale = invoke(runner, project, "prisma", "--check", "--json")
    assert stale.exit_code == 1
    assert json.loads(stale.stdout)["counts"]["records_excluded"] == 5
    assert '+    "records_excluded": 5,' in stale.stderr
    plain = invoke(runner, project, "prisma", "--check")
    assert '+    "records_excluded": 5,' in plain.stdout


@pytest.mark.parametrize("fmt", ["ris", "bibtex"])
def test_export_decisions_as_references_is_a_clear_error(runner, review: Project, fmt: str) -> None:
    # `review export decisions --format ris` died with a KeyError traceback.
    import_.run(review, [RIS], "MEDLINE")
    rid = records_store.read(review)[0].id
    assert invoke(runner, review, "decide", rid, "--include",
                  "--reviewer", "reviewer1").exit_code == 0
    result = invoke(runner, review, "export", "decisions", "--format", fmt)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "not references" in result.stderr and "csv or jsonl" in result.stderr
    assert invoke(runner, review, "export", "decisions", "--format", "csv").exit_code == 0


@pytest.mark.parametrize("fmt", ["ris", "bibtex"])
def test_exported_references_import_back_unchanged(runner, review: Project, tmp_path,
                                                   fmt: str) -> None:
    # A PMID of a non-PubMed record came back empty from RIS (a bare AN number is read as a
    # PMID only for PubMed records), MEDLINE's `Historical Article` became `TY  - HIST` (no
    # such RIS type), and BibTeX dropped the language.
    from review_cli.io.writer import write_jsonl
    from review_cli.stages import init

    import_.run(review, [FIXTURES / "exports" / "pubmed_misnamed.ris"], "MEDLINE")
    import_.run(review, [RIS], "CENTRAL")
    rows = [json.loads(line) for line in review.records_path.read_text().split("\n") if line]
    for row in rows:
        if row["source"] == "CENTRAL":
            row["pmid"], row["language"] = "12345678", "English"
        else:
            row["type"] = "Historical Article"
    write_jsonl(review.records_path, rows)
    out = tmp_path / f"records.{fmt}"
    assert invoke(runner, review, "export", "records", "--format", fmt,
                  "--out", str(out)).exit_code == 0
    if fmt == "ris":
        assert "TY  - HIST" not in out.read_text()

    init.run(tmp_path / "back")
    back = Project(tmp_path / "back")
    import_.run(back, [out], "Exported")
    fields = ("title", "authors", "year", "doi", "pmid", "journal", "volume", "issue", "pages",
              "language")
    before = {r.title: tuple(getattr(r, f) for f in fields) for r in records_store.read(review)}
    after = {r.title: tuple(getattr(r, f) for f in fields) for r in records_store.read(back)}
    assert after == before


def test_reconciled_rule_waits_for_the_second_reviewer_before_they_start(
    runner, review: Project
) -> None:
    # docs/screen.md: under `reconciled` "a record only one reviewer has seen waits for the
    # second reviewer". While the second reviewer had no log yet, the first one's decisions
    # were final, so `review prisma` passed on one reviewer's screening.
    from review_cli.model import Stage
    from review_cli.store import decisions

    review.protocol_path.write_text(
        review.protocol_path.read_text().replace('final = "single"', 'final = "reconciled"'))
    import_.run(review, [RIS], "MEDLINE")
    ids = sorted(r.id for r in records_store.read(review))
    assert invoke(runner, review, "decide", *ids, "--exclude",
                  "--reviewer", "reviewer1").exit_code == 0
    finals = decisions.final_decisions(Project(review.root), Stage.TITLE_ABSTRACT)
    assert all(f.verdict is None for f in finals.values())
    status = json.loads(invoke(runner, review, "status", "--json").stdout)
    assert status["stages"]["screen title-abstract"]["undecided"] == 2
    assert invoke(runner, review, "decide", *ids, "--exclude",
                  "--reviewer", "reviewer2").exit_code == 0
    finals = decisions.final_decisions(Project(review.root), Stage.TITLE_ABSTRACT)
    assert {f.verdict for f in finals.values()} == {"exclude"}


def test_decide_undo_withdraws_the_latest_decision(runner, review: Project, tmp_path) -> None:
    # A scripted reviewer could change a decision but never take one back (the screen's `u`).
    from review_cli.model import Stage
    from review_cli.store import decisions

    import_.run(review, [RIS], "MEDLINE")
    a, b = sorted(r.id for r in records_store.read(review))
    assert invoke(runner, review, "decide", a, b, "--include", "-r", "reviewer1").exit_code == 0
    assert invoke(runner, review, "decide", a, "--exclude", "--reason", "design",
                  "-r", "reviewer1").exit_code == 0
    undo = invoke(runner, review, "decide", a, "--undo", "-r", "reviewer1", "--json")
    assert undo.exit_code == 0 and "1 withdrawn" in undo.stderr
    assert [(d["verdict"], d["note"]) for d in json.loads(undo.stdout)] == [
        ("undo", "undo exclude")]
    finals = decisions.final_decisions(Project(review.root), Stage.TITLE_ABSTRACT)
    assert finals[a].verdict == "include"  # the exclusion is withdrawn, the include is back

    csv_file = tmp_path / "undo.csv"
    csv_file.write_text(f"id,decision\n{a},undo\n{b},undo\n", encoding="utf-8")
    assert invoke(runner, review, "decide", "--from", str(csv_file),
                  "-r", "reviewer1").exit_code == 0
    assert decisions.final_decisions(Project(review.root), Stage.TITLE_ABSTRACT) == {}
    again = invoke(runner, review, "decide", a, "--undo", "-r", "reviewer1")
    assert (again.exit_code == 1 and "no decision on it" in again.stderr
            and "Traceback" not in again.output)
    both = invoke(runner, review, "decide", a, "--undo", "--include", "-r", "reviewer1")
    assert both.exit_code == 2


def test_export_out_to_an_impossible_path_is_a_message(runner, review: Project, tmp_path,
                                                       monkeypatch) -> None:
    # `--out` under a file, or onto a folder, died with a FileExistsError/IsADirectoryError
    # traceback.
    import_.run(review, [RIS], "MEDLINE")
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    for out, words in ((blocker / "x.csv", "is a file, not a folder"),
                       (tmp_path, "it is a folder")):
        result = invoke(runner, review, "export", "records", "--out", str(out))
        assert result.exit_code == 1 and words in result.stderr and "Traceback" not in result.output

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "records.csv"))

    # The system refuses the file (here: its temp file, which every write makes first).
    with monkeypatch.context() as m:
        m.setattr("review_cli.io.writer.tempfile.mkstemp", refuse)
        result = invoke(runner, review, "export", "records", "--out",
                        str(tmp_path / "records.csv"))
    assert (result.exit_code == 1 and "Permission denied" in result.stderr
            and "records.csv" in result.stderr and "Traceback" not in result.output)
    # Any other refusal from the system (here while reading the protocol) is a message too.
    monkeypatch.setattr(Project, "find", classmethod(lambda cls, *a: refuse()))
    result = invoke(runner, review, "status")
    assert (result.exit_code == 1 and "Permission denied" in result.stderr
            and "Traceback" not in result.output)


def test_audit_shows_manual_pair_decisions_as_readable_lines(runner, review: Project) -> None:
    # `review audit` printed each manual duplicate decision as a raw JSON object.
    import_.run(review, [RIS], "MEDLINE")
    dedup.run(review)
    a, b = sorted(r.id for r in records_store.read(review))
    clusters_store.append_decision(review, a, b, "different", reviewer="alice")
    result = invoke(runner, review, "audit", a)
    assert result.exit_code == 0
    line = next(x for x in result.stdout.split("\n") if f"{a} ~ {b}" in x)
    assert "alice" in line and ": different (review)" in line and "{" not in line


def test_import_warns_when_a_new_source_looks_like_a_typo(runner, review: Project) -> None:
    # `--source Scopsu` silently became a second database in review.toml and the PRISMA counts.
    text = review.protocol_path.read_text().replace('name = "ClinicalTrials.gov"',
                                                    'name = "Web of Science"')
    review.protocol_path.write_text(text)
    # Another spelling of one declared source (punctuation, case) is that source, no new one.
    same = invoke(runner, review, "import", str(RIS), "--source", "Web-of-Science")
    assert same.exit_code == 0 and "added as a database" not in same.stderr
    assert review.protocol_path.read_text().count("Web") == 1
    typo = invoke(runner, review, "import", str(RIS_EBSCO), "--source", "MEDLIN")
    assert "did you mean `MEDLINE`?" in typo.stderr
    new = invoke(runner, review, "import", str(FIXTURES / "exports" / "eric.nbib"),
                 "--source", "ERIC")
    assert (new.exit_code == 0 and "added as a database" in new.stderr
            and "did you mean" not in new.stderr)


def test_dedup_review_says_why_a_pair_is_shown_again(review: Project,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # A scripted `review dedup --review` answering `x` saw the same pair again, unexplained.
    from rich.console import Console

    from review_cli.stages.dedup import PairCard
    from review_cli.ui import dedup_view

    import_.run(review, [RIS], "MEDLINE")
    a, b = records_store.read(review)
    card = PairCard(a, b, "similar-title", {"title": 0.9}, 1, 1)
    buf = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO("x\nd\n"))
    ask = dedup_view.asker(False, Console(file=buf, width=120))
    assert (ask(card) == "x" and "Unknown answer 'x'" in buf.getvalue()
            and "d duplicate" in buf.getvalue())
    buf.truncate(0)
    assert ask(card) == "d" and "Unknown answer" not in buf.getvalue()


def test_import_remove_takes_an_export_out_as_if_never_imported(runner, review: Project,
                                                                tmp_path) -> None:
    # A file imported under a wrong (or misspelt) source could not be taken out: the hint said
    # "remove it from that source first" and no command did.
    from review_cli.stages import init

    import_.run(review, [RIS], "MEDLINE")
    import_.run(review, [RIS_EBSCO], "CINAHL")
    wrong = invoke(runner, review, "import", str(FIXTURES / "exports" / "eric.nbib"),
                   "--source", "Scopsu")
    assert wrong.exit_code == 0
    moved = invoke(runner, review, "import", str(FIXTURES / "exports" / "eric.nbib"),
                   "--source", "ERIC")
    assert moved.exit_code == 1 and "--remove" in moved.stderr
    # By the original file (its content) or by its copy in searches/.
    gone = invoke(runner, review, "import", str(FIXTURES / "exports" / "eric.nbib"), "--remove")
    assert gone.exit_code == 0, gone.output
    assert ("searches/scopsu/eric.nbib: removed" in gone.stderr
            and "Source `Scopsu` has no export left" in gone.stderr)
    assert not (review.root / "searches" / "scopsu").exists()
    init.run(tmp_path / "clean")
    clean = Project(tmp_path / "clean")
    import_.run(clean, [RIS], "MEDLINE")
    import_.run(clean, [RIS_EBSCO], "CINAHL")
    for path in (review.records_path, review.import_report_path):
        assert path.read_bytes() == (clean.root / clean.rel(path)).read_bytes()
    assert invoke(runner, review, "import", str(FIXTURES / "exports" / "eric.nbib"),
                  "--source", "ERIC").exit_code == 0
    again = invoke(runner, review, "import", "searches/medline/cochrane_two_spaces.ris", "--remove")
    assert again.exit_code == 0 and json.loads(
        invoke(runner, review, "status", "--json").stdout)["records"] == 2
    unknown = invoke(runner, review, "import", "nothing.ris", "--remove")
    assert unknown.exit_code == 1 and "not an imported export" in unknown.stderr
    # --source is still required to import
    assert invoke(runner, review, "import", str(RIS)).exit_code == 2


def _two_decided(runner, review: Project) -> tuple[str, str]:
    """Two records imported and deduplicated, reviewer1 including the first and excluding the
    other."""
    import_.run(review, [RIS], "MEDLINE")
    dedup.run(review)
    a, b = sorted(r.id for r in records_store.read(review))
    assert invoke(runner, review, "decide", a, "--include", "-r", "reviewer1").exit_code == 0
    assert invoke(runner, review, "decide", b, "--exclude", "-r", "reviewer1").exit_code == 0
    return a, b


def test_decisions_on_a_record_merged_later_carry_over_to_its_cluster(
    runner, review: Project
) -> None:
    # Merging two decided units kept one unit's decisions and dropped the other's with only a
    # warning. A decision made on a record that a later dedup merges counts for its cluster:
    # the reviewer's latest decision on either copy, as a changed mind does.
    a, b = _two_decided(runner, review)
    assert invoke(runner, review, "dedup", "--merge", a, b, "-r", "reviewer1").exit_code == 0
    data = json.loads(invoke(runner, review, "status", "--json").stdout)
    counts = data["stages"]["screen title-abstract"]
    assert "decisions on no unit" not in counts and data["warnings"] == []
    assert counts["units"] == 1 and counts["final exclude"] == 1 and counts["undecided"] == 0
    assert json.loads(invoke(runner, review, "include", "--json").stdout)["counts"][
        "excluded-title-abstract"] == 1

def test_decide_again_with_the_same_decisions_writes_nothing(runner, review: Project,
                                                             tmp_path) -> None:
    # Re-running a decide script (or the same Rayyan export with --from) appended every
    # decision again: the log and the git diff grew with nothing decided.
    import_.run(review, [RIS], "MEDLINE")
    a, b = sorted(r.id for r in records_store.read(review))
    csv_file = tmp_path / "rayyan.csv"
    csv_file.write_text(f"id,decision,reason\n{a},include,\n{b},exclude,design\n", encoding="utf-8")
    log = review.decisions_path(Stage.TITLE_ABSTRACT, "reviewer1")
    assert invoke(runner, review, "decide", "--from", str(csv_file),
                  "-r", "reviewer1").exit_code == 0
    before = log.read_bytes()
    again = invoke(runner, review, "decide", "--from", str(csv_file), "-r", "reviewer1", "--json")
    assert again.exit_code == 0 and "2 unchanged" in again.stderr and json.loads(again.stdout) == []
    assert log.read_bytes() == before
    changed = invoke(runner, review, "decide", b, "--exclude", "--reason", "population",
                     "-r", "reviewer1")
    assert changed.exit_code == 0 and log.read_bytes().count(b"\n") == 3
    # Include again after an undo in the same run is written, so the undo withdraws that line.
    assert invoke(runner, review, "decide", a, "--undo", "-r", "reviewer1").exit_code == 0
    assert invoke(runner, review, "decide", a, "--include", "-r", "reviewer1").exit_code == 0
    assert log.read_bytes().count(b"\n") == 5


def test_ris_export_maps_database_types_to_ris_codes() -> None:
    from review_cli.io.exporters import to_ris

    types = ["Journal Article", "journalArticle", "Conference Paper", "Meeting Abstract",
             "Book Chapter",
             "RPRT", "Historical Article", "Comparative Study", "Article; Early Access", ""]
    ris = to_ris([{"id": f"r{i}", "title": "T", "type": t} for i, t in enumerate(types)])
    got = [line[6:] for line in ris.split("\n") if line.startswith("TY  - ")]
    assert got == ["JOUR", "JOUR", "CPAPER", "ABST", "CHAP", "RPRT", "JOUR", "JOUR", "JOUR", "JOUR"]


def test_a_new_decision_log_makes_prisma_stale(runner, review: Project) -> None:
    # The first full-text decision (a new log file) left `review status` saying everything was
    # up to date, while `review prisma --check` failed.
    a, b = _two_decided(runner, review)
    assert invoke(runner, review, "prisma", "--allow-pending").exit_code == 0
    assert json.loads(invoke(runner, review, "status", "--json").stdout)["stale"] == []
    assert invoke(runner, review, "decide", a, "--include", "--stage", "full-text",
                  "-r", "reviewer1").exit_code == 0
    stale = json.loads(invoke(runner, review, "status", "--json").stdout)["stale"]
    assert stale == [{"stage": "prisma", "reason": ("input screen/full-text/reviewer1.jsonl is new "
                                                    "since `review prisma` ran")}]
    assert invoke(runner, review, "prisma", "--check", "--allow-pending").exit_code == 1
    assert invoke(runner, review, "prisma").exit_code == 0
    assert json.loads(invoke(runner, review, "status", "--json").stdout)["stale"] == []


def test_an_empty_export_says_why_and_what_comes_first(runner, review: Project) -> None:
    # `review export included` before any full-text decision printed a CSV header and nothing
    # else: it looked like a failed export.
    import_.run(review, [RIS], "MEDLINE")
    empty = invoke(runner, review, "export", "included")
    assert empty.exit_code == 0 and empty.stdout.count("\n") == 1  # the header, as before
    assert ("no study is included yet" in empty.stderr
            and "review screen --stage full-text" in empty.stderr)
    full = invoke(runner, review, "export", "records")
    assert full.exit_code == 0 and full.stdout.count("\n") > 1 and "yet" not in full.stderr
    none = invoke(runner, review, "export", "decisions", "--format", "jsonl")
    assert none.exit_code == 0 and "no decisions yet" in none.stderr
