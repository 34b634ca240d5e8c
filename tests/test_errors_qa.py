"""Bad input and error paths: a clear error (file, line, hint), exit 1 (2 for bad usage), no
traceback, and the review left unchanged."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_cli.errors import ParseError
from review_cli.model import Stage
from review_cli.project import Project
from review_cli.stages import import_
from review_cli.store import records as records_store

from .conftest import FIXTURES, invoke, snapshot

RIS = FIXTURES / "dedup" / "medline.ris"


def assert_error(result, code: int = 1) -> None:  # type: ignore[no-untyped-def]
    """A user-facing error: the exit code, an `Error:` line, and no exception escaping."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Error:" in result.output and "Traceback" not in result.output


def test_error_quoting_user_text_with_brackets_is_printed_not_parsed_as_markup(
    review: Project, runner
) -> None:
    result = invoke(runner, review, "decide", "[/x]", "[bold]y", "--include",
                    "--reviewer", "reviewer1")
    assert_error(result)
    assert "unknown id `[/x]`" in result.output and "unknown id `[bold]y`" in result.output


def test_hint_naming_a_toml_table_keeps_its_brackets(review: Project, runner) -> None:
    result = invoke(runner, review, "decide", "x", "--include", "--reviewer", "nobody")
    assert_error(result)
    assert "[[reviewers]]" in result.output


def test_status_shows_a_title_with_brackets(review: Project, runner) -> None:
    text = review.protocol_path.read_text()
    review.protocol_path.write_text(text.replace('title = "Title of your systematic review"',
                                                 'title = "[/draft] [b]review"'))
    import_.run(review, [RIS], "MEDLINE")
    result = invoke(runner, review, "status")
    assert result.exit_code == 0, result.output
    assert "[/draft] [b]review" in result.output


def _decided(review: Project, runner) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """A review with one title/abstract decision by reviewer1: its log and the unit id."""
    import_.run(review, [RIS], "MEDLINE")
    assert invoke(runner, review, "dedup", "--non-interactive").exit_code == 0
    rid = review.clusters_path.read_text().split('"id":"')[1].split('"')[0]
    assert invoke(runner, review, "decide", rid, "--include",
                  "--reviewer", "reviewer1").exit_code == 0
    return review.decisions_path(Stage.TITLE_ABSTRACT, "reviewer1"), rid


@pytest.mark.parametrize("bad", ["5", "[]", "null", '"include"', "true"])
def test_a_decision_line_that_is_not_an_object_is_named_not_a_traceback(
    review: Project, runner, bad: str
) -> None:
    log, rid = _decided(review, runner)
    good = log.read_text()
    log.write_text(good + bad + "\n" + good)
    before = snapshot(review)
    for args in (("status",), ("include",), ("agreement",), ("export", "decisions"),
                 ("decide", rid, "--include", "--reviewer", "reviewer1")):
        result = invoke(runner, review, *args)
        assert_error(result)
        assert "reviewer1.jsonl:2: not a valid decision line" in result.output, args
    assert snapshot(review) == before


def _replace_line(path: Path, number: int, text: bytes) -> None:
    lines = path.read_bytes().split(b"\n")
    lines[number - 1] = text
    path.write_bytes(b"\n".join(lines))


COMMANDS = (("status",), ("dedup", "--non-interactive"), ("export", "records"))


@pytest.mark.parametrize(
    ("which", "bad", "said"),
    [
        ("records", b'{"title":"x"}', "the line has no `id`"),
        ("records", b'{"id":"zz"}', "the line has no `source`"),
        ("records", b"5", "not a JSON object"),
        ("records", b'{"id":"zz","source":"MEDLINE","authors":5}', "not a record line"),
        ("records", b'{"id":"\xff"}', "not UTF-8"),
        ("clusters", b'{"records":["a"],"links":[]}', "the line has no `id`"),
        ("clusters", b"[]", "not a JSON object"),
        ("clusters", b'{"id":"zz","records":"abc","links":[]}',
         "`records` must be a list of record ids"),
    ],
)
def test_a_hand_edited_records_or_clusters_line_is_named(
    review: Project, runner, which: str, bad: bytes, said: str
) -> None:
    log, rid = _decided(review, runner)
    path = review.records_path if which == "records" else review.clusters_path
    _replace_line(path, 2, bad)
    before = snapshot(review)
    for args in (*COMMANDS,
                 ("decide", rid, "--exclude", "--reason", "design", "--reviewer", "reviewer1")):
        if which == "records" and args[0] == "decide":
            continue  # decide reads the clusters (units) and the records only through them
        if said == "not a record line" and args[0] != "dedup":
            continue  # status counts sources and export copies the values: only Records check types
        result = invoke(runner, review, *args)
        assert_error(result)
        assert f"{path.name}:2: {said}" in result.output, (args, result.output)
        assert "Hint:" in result.output
    assert snapshot(review) == before


def _interrupt_during(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """Ctrl-C arrives while `module.name` runs (the middle of a stage's writes)."""
    real = getattr(module, name)

    def interrupted(*args: object, **kwargs: object) -> object:
        os.kill(os.getpid(), signal.SIGINT)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, interrupted)


def test_ctrl_c_while_import_stages_its_files_leaves_the_review_unchanged(
    review: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_cli.store import records as records_module

    before = snapshot(review)
    _interrupt_during(monkeypatch, records_module, "write")
    with pytest.raises(KeyboardInterrupt):
        import_.run(review, [RIS], "PubMed")
    assert snapshot(review) == before  # nothing of the run is left, not even a temp file
    assert not [p for p in review.root.rglob("*.tmp")]


def test_ctrl_c_while_import_commits_leaves_the_import_complete(
    review: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_cli.store import transaction

    _interrupt_during(monkeypatch, transaction, "_apply")
    with pytest.raises(KeyboardInterrupt):
        import_.run(review, [RIS], "PubMed")
    # Interrupted while the files were being replaced: the run still finished.
    assert [f["file"] for f in records_store.read_report(review)] == ["searches/pubmed/medline.ris"]
    assert len(records_store.read(review)) == 9 and review.protocol.source("PubMed") is not None
    assert not [p for p in review.root.rglob("*.tmp")] and not review.journal_path.exists()
    monkeypatch.undo()
    before = snapshot(review)
    assert import_.run(review, [RIS], "PubMed").unchanged == [str(RIS)]
    assert snapshot(review) == before


def test_ctrl_c_while_dedup_commits_leaves_clusters_queue_and_lock_together(
    review: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_cli.stages import dedup
    from review_cli.store import transaction

    import_.run(review, [RIS], "MEDLINE")
    _interrupt_during(monkeypatch, transaction, "_apply")
    with pytest.raises(KeyboardInterrupt):
        dedup.run(review)
    assert review.clusters_path.exists() and review.dedup_queue_path.exists()
    assert "dedup" in json.loads(review.lock_path.read_text())["stages"]


def test_interrupts_are_delivered_after_the_block(tmp_path: Path) -> None:
    from review_cli.io.writer import interrupts_deferred, write_text

    with pytest.raises(KeyboardInterrupt):
        with interrupts_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            write_text(tmp_path / "a", "a")
            write_text(tmp_path / "b", "b")
    assert (tmp_path / "b").read_text() == "b\n"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize(("forced", "found"), [("medline", "RIS"), ("bibtex", "RIS")])
def test_format_forced_on_a_file_that_is_plainly_another_format_is_refused(
    review: Project, runner, forced: str, found: str
) -> None:
    before = snapshot(review)
    result = invoke(runner, review, "import", str(RIS), "--source", "MEDLINE", "--format", forced)
    assert_error(result)
    assert f"medline.ris: is {found}, not" in result.output and "--format ris" in result.output
    assert snapshot(review) == before


def test_format_names_any_case_and_an_unknown_one_is_bad_usage(review: Project, runner) -> None:
    result = invoke(runner, review, "import", str(RIS), "--source", "MEDLINE", "--format", "RIS")
    assert result.exit_code == 0, result.output
    before = snapshot(review)
    # Also when the file is imported already: the option is checked before anything is read.
    result = invoke(runner, review, "import", str(RIS), "--source", "MEDLINE", "--format", "nbib")
    assert_error(result, 2)
    assert "unknown format `nbib`" in result.output and "medline" in result.output
    assert snapshot(review) == before


def _edit_protocol(review: Project, old: str, new: str) -> None:
    text = review.protocol_path.read_text()
    assert old in text
    review.protocol_path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "said", "hint"),
    [
        ("seed = 42", "sed = 42", "review.toml:", "did you mean `screening.seed`?"),
        ("[screening]", "[screeening]", "unknown key `screeening`", "did you mean `screening`?"),
        ("[[exclusion_reasons]]", "[[exclusion_reason]]", "unknown key `exclusion_reason`",
         "exclusion_reasons"),
        ('platform = "Ovid"', 'platfrom = "Ovid"', "unknown key `sources[0].platfrom`",
         "did you mean `sources[0].platform`?"),
        ("[limits]", "[limits]\nyear_form = 2000", "unknown key `limits.year_form`",
         "did you mean `limits.year_from`?"),
    ],
)
def test_a_misspelt_protocol_key_is_refused_not_ignored(
    review: Project, runner, old: str, new: str, said: str, hint: str
) -> None:
    _edit_protocol(review, old, new)
    result = invoke(runner, review, "status")
    assert_error(result)
    assert said in result.output and hint in result.output


def test_a_protocol_error_names_the_line_of_a_key_set_once(review: Project, runner) -> None:
    _edit_protocol(review, "seed = 42", 'seed = "42"')
    line = next(n for n, text in enumerate(review.protocol_path.read_text().split("\n"), 1)
                if text.startswith("seed ="))
    result = invoke(runner, review, "status")
    assert_error(result)
    assert f"review.toml:{line}: `screening.seed` must be an integer" in result.output


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('name = "reviewer2"', 'name = "Reviewer1"',
         "`Reviewer1` and `reviewer1` would share one decision log"),
        ('name = "reviewer2"', 'name = "-reviewer1-"', "(screen/<stage>/reviewer1.jsonl"),
        ('name = "ClinicalTrials.gov"', 'name = "medline"', "source `medline` is listed twice"),
        ('code = "design"', 'code = ""', "`exclusion_reasons[2].code` must be a non-empty string"),
        ('name = "reviewer2"', 'name = " "', "`reviewers[1].name` must be a non-empty string"),
    ],
)
def test_names_that_would_share_a_log_or_folder_are_refused(
    review: Project, runner, old: str, new: str, said: str
) -> None:
    # "Reviewer1" and "reviewer1" would both write screen/<stage>/reviewer1.jsonl.
    _edit_protocol(review, old, new)
    result = invoke(runner, review, "status")
    assert_error(result)
    assert said in result.output


def test_a_source_named_with_other_punctuation_is_the_declared_source(review: Project) -> None:
    _edit_protocol(review, 'name = "ClinicalTrials.gov"', 'name = "Web of Science"')
    result = import_.run(review, [RIS], "web-of-science")
    assert result.added_sources == [] and result.files[0].source == "Web of Science"
    assert review.protocol.source("WEB OF SCIENCE") is not None  # review.toml still valid


def test_sources_whose_names_have_no_ascii_letters_stay_apart(review: Project) -> None:
    # Both are kept in searches/unnamed/ (harmless: records carry the source name); neither
    # may stand for the other.
    _edit_protocol(review, 'name = "ClinicalTrials.gov"',
                   'name = "中国知网"\n[[sources]]\nname = "万方数据"')
    assert review.protocol.source("万方数据").name == "万方数据"  # type: ignore[union-attr]
    assert review.protocol.source("维普") is None


def test_a_read_only_review_is_an_error_naming_the_file_not_a_traceback(
    review: Project, runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    import_.run(review, [RIS], "MEDLINE")
    before = snapshot(review)

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    result = invoke(runner, review, "dedup", "--non-interactive")
    assert_error(result)
    assert (f"{review.clusters_path}: Read-only file system" in result.output
            and "Hint:" in result.output)
    assert snapshot(review) == before


def test_a_folder_where_a_stage_writes_a_file_is_an_error(review: Project, runner) -> None:
    import_.run(review, [RIS], "MEDLINE")
    review.dedup_dir.write_text("not a folder\n")
    result = invoke(runner, review, "dedup", "--non-interactive")
    assert_error(result)
    assert "dedup" in result.output


@pytest.mark.parametrize("args", [("import", str(RIS), "--source", "MEDLINE"),
                                  ("dedup", "--non-interactive"),
                                  ("include",), ("prisma", "--allow-pending")])
def test_a_second_writer_is_refused_while_one_writes(review: Project, runner,
                                                     args: tuple[str, ...]) -> None:
    if args[0] != "import":
        import_.run(review, [RIS], "MEDLINE")
    before = snapshot(review)
    with holding_the_write_lock(review):  # another process importing
        result = invoke(runner, review, *args)
        assert_error(result)
        assert "another `review` command" in result.output
        assert f"run `review {args[0]}` again" in result.output
        assert snapshot(review) == before
    assert invoke(runner, review, *args).exit_code == 0


@contextlib.contextmanager
def holding_the_write_lock(review: Project) -> Iterator[None]:
    """Another process holds the review's write lock while the block runs."""
    script = ("import sys, time; from filelock import FileLock; lock = FileLock(sys.argv[1]); "
              "lock.acquire(); print('held', flush=True); time.sleep(60)")
    review.write_lock_path.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", script, str(review.write_lock_path)],
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_the_write_lock_is_reentrant_within_a_process(review: Project) -> None:
    from review_cli.store.locking import write_lock

    with write_lock(review, "search"), write_lock(review, "import"):
        import_.run(review, [RIS], "MEDLINE")
    with write_lock(review, "dedup"):  # released
        pass


@pytest.mark.parametrize("args", [("decide", "x", "--include", "--stage", "fulltext",
                                   "--reviewer", "reviewer1"),
                                  ("conflicts", "--stage", "abstract"), ("export", "studies"),
                                  ("export", "records", "--format", "xml")])
def test_an_unknown_option_value_is_bad_usage(review: Project, runner,
                                              args: tuple[str, ...]) -> None:
    result = invoke(runner, review, *args)
    assert_error(result, 2)
    assert "Hint: use " in result.output


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16.csv", "id,decision,reason\n{rid},exclude,design\n".encode("utf-16")),
        ("excel-de.csv", b"id;decision;reason\r\n{rid};exclude;design\r\n"),
        ("tabs.csv", b"id\tdecision\treason\n{rid}\texclude\tdesign\n"),
        ("latin1.csv", "{rid},exclude,design,Studie über Pflege\n".encode("cp1252")),
    ],
)
def test_decide_from_a_csv_as_spreadsheets_save_it(
    review: Project, runner, tmp_path: Path, name: str, data: bytes
) -> None:
    log, rid = _decided(review, runner)
    path = tmp_path / name
    if name == "utf16.csv":
        path.write_bytes(data.decode("utf-16").replace("{rid}", rid).encode("utf-16"))
    else:
        path.write_bytes(data.replace(b"{rid}", rid.encode()))
    result = invoke(runner, review, "decide", "--from", str(path), "--reviewer", "reviewer1")
    assert result.exit_code == 0, result.output
    last = json.loads(log.read_text().splitlines()[-1])
    assert (last["record"], last["verdict"], last["reason"]) == (rid, "exclude", "design")
    if name == "latin1.csv":
        assert last["note"] == "Studie über Pflege"


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"", "holds no decisions"),
        (b"\n \n", "holds no decisions"),
        ((FIXTURES / "exports" / "table_embase.xlsx").read_bytes(), "is a workbook"),
    ],
)
def test_decide_from_an_empty_or_binary_file_is_an_error(
    review: Project, runner, tmp_path: Path, data: bytes, said: str
) -> None:
    _decided(review, runner)
    path = tmp_path / "d.csv"
    path.write_bytes(data)
    before = snapshot(review)
    result = invoke(runner, review, "decide", "--from", str(path), "--reviewer", "reviewer1")
    assert_error(result)
    assert f"d.csv: {said}" in result.output and "Hint:" in result.output
    assert snapshot(review) == before


def test_no_blank_lines_on_stderr_without_a_terminal(review: Project, runner) -> None:
    result = invoke(runner, review, "import", str(RIS), "--source", "MEDLINE")
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "searches/medline/medline.ris: ris, utf-8; read 9"), repr(result.stderr)
    result = invoke(runner, review, "dedup", "--non-interactive")
    assert (result.exit_code == 0 and "\n\n" not in result.stderr
            and not result.stderr.startswith("\n"))


@pytest.mark.parametrize("name", ["table_scopus_new.csv", "table_wos_tab.txt"])
def test_a_table_cut_off_in_its_last_row_reports_the_row(review: Project, tmp_path: Path,
                                                         name: str) -> None:
    data = (FIXTURES / "exports" / name).read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data.rstrip()[:-60])  # stops inside the last record
    whole = import_.run(review, [FIXTURES / "exports" / name], "Whole").files[0].imported
    before = snapshot(review)
    with pytest.raises(ParseError, match="1 record.s. could not be read, so nothing was imported"):
        import_.run(review, [cut], "Cut")  # a lost record is a lost study: refused by default
    assert snapshot(review) == before
    [report] = import_.run(review, [cut], "Cut", accept_losses=True).files
    assert report.imported == whole - 1 and len(report.skipped) == 1, report
    assert (report.skipped[0]["line"] > 2
            and "the file ends inside this row" in report.skipped[0]["reason"]
            and report.skipped[0]["damaged"])


@pytest.mark.parametrize("args", [("import", str(FIXTURES / "dedup" / "scopus.ris"),
                                   "--source", "Scopus"),
                                  ("dedup", "--non-interactive"), ("include",)])
@pytest.mark.parametrize("lock_text", ["{\n", "[]\n", '{"schema":"1","stages":{}\n<<<<<<< HEAD\n'])
def test_a_broken_review_lock_fails_before_anything_is_written(
    review: Project, runner, args: tuple[str, ...], lock_text: str
) -> None:
    import_.run(review, [RIS], "MEDLINE")
    review.lock_path.write_text(lock_text)
    before = snapshot(review)
    result = invoke(runner, review, *args)
    assert_error(result)
    assert "review.lock" in result.output and "Hint:" in result.output
    # import wrote records and report, dedup the clusters, then failed
    assert snapshot(review) == before


def test_a_merge_conflict_in_a_decision_log_is_named_as_one(review: Project, runner) -> None:
    log, rid = _decided(review, runner)
    line = log.read_text()
    log.write_text(line + "<<<<<<< HEAD\n" + line + "=======\n" + line + ">>>>>>> alice\n")
    for args in (("status",), ("include",), ("export", "decisions")):
        result = invoke(runner, review, *args)
        assert_error(result)
        assert "reviewer1.jsonl:2: an unresolved git merge conflict" in result.output
        assert "keep the lines of both sides" in result.output


def test_a_merge_conflict_in_the_clusters_is_named_as_one(review: Project, runner) -> None:
    _decided(review, runner)
    text = review.clusters_path.read_text()
    review.clusters_path.write_text("<<<<<<< HEAD\n" + text + "=======\n" + text
                                    + ">>>>>>> alice\n")
    result = invoke(runner, review, "status")
    assert_error(result)
    assert "clusters.jsonl:1: an unresolved git merge conflict" in result.output


def test_importing_a_folder_says_it_is_a_folder(review: Project, runner, tmp_path: Path) -> None:
    result = invoke(runner, review, "import", str(tmp_path), "--source", "MEDLINE")
    assert_error(result)
    assert "a folder, not an export file" in result.output and "*.ris" in result.output


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("title-abstract", "full-text"), "a full-text decision in the title-abstract log"),
        (('"reviewer":"reviewer1"', '"reviewer":"reviewer2"'),
         "a decision by `reviewer2` in the log of `reviewer1`"),
    ],
)
@pytest.mark.parametrize("shape", ["canonical", "escaped", "torn"])
def test_a_line_copied_from_another_log_is_named_not_counted(
    review: Project, runner, change: tuple[str, str], said: str, shape: str
) -> None:
    log, rid = _decided(review, runner)
    line = log.read_text()
    copied = line.replace(*change)
    if shape == "escaped":  # not the canonical shape: read through the JSON paths
        copied = copied.replace('"note":""', '"note":"said \\"no\\""')
    log.write_text(line + copied + (line[:20] if shape == "torn" else ""))
    for args in (("include",), ("agreement",), ("conflicts",)):
        result = invoke(runner, review, *args)
        assert_error(result)
        assert f"reviewer1.jsonl:2: {said}" in result.output, result.output
        assert "move that line to the log it belongs in" in result.output


def test_export_out_to_a_folder_names_the_folder(review: Project, runner, tmp_path: Path) -> None:
    import_.run(review, [RIS], "MEDLINE")
    result = invoke(runner, review, "export", "records", "--out", str(tmp_path))
    assert_error(result)
    # The folder itself is named (not a temp file beside it), with what to do instead.
    assert (f"Error: cannot write {tmp_path}: it is a folder" in result.output
            and ".tmp" not in result.output)
    assert "Hint: give a file name" in result.output
    assert not list(tmp_path.parent.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[]\n", "not an import report (no `files` list)"),
        ('{"files":[5]}\n', "files[0] is not an object"),
        ('{"files":[{"file":"x"}]}\n', "files[0] has no str `source`"),
    ],
)
def test_a_broken_import_report_is_named(review: Project, runner, text: str, said: str) -> None:
    import_.run(review, [RIS], "MEDLINE")
    review.import_report_path.write_text(text)
    before = snapshot(review)
    for args in (("status",),
                 ("import", str(FIXTURES / "dedup" / "scopus.ris"), "--source", "Scopus")):
        result = invoke(runner, review, *args)
        assert_error(result)
        assert f"report.json: {said}" in result.output and "Hint:" in result.output
    assert snapshot(review) == before


def test_a_utf8_export_with_a_stray_legacy_byte_keeps_its_utf8(review: Project,
                                                               tmp_path: Path) -> None:
    text = (RIS.read_text(encoding="utf-8").replace("Nurnberger", "Nürnberger")
            .replace("Zuber, J", "Zubér, J"))
    mixed = tmp_path / "mixed.ris"
    mixed.write_bytes(text.encode("utf-8").replace("Zubér".encode(), "Zubér".encode("cp1252")))
    [report] = import_.run(review, [mixed], "MEDLINE").files
    authors = {a for r in records_store.read(review) for a in r.authors}
    assert "Nürnberger, J" in authors and "Zubér, J" in authors  # not "NÃ¼rnberger"
    assert report.encoding == "utf-8 (some bytes cp1252)"
    assert report.warnings == ["not valid UTF-8 on line 3; the rest is UTF-8, those bytes were "
                               "read as Windows-1252: check accented characters there"]


def test_a_legacy_export_is_still_read_as_windows_1252(review: Project, tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.ris"
    legacy.write_bytes(RIS.read_text(encoding="utf-8").replace("Nurnberger", "Nürnberger")
                       .encode("cp1252"))
    [report] = import_.run(review, [legacy], "MEDLINE").files
    assert report.encoding == "cp1252"
    assert "Nürnberger, J" in {a for r in records_store.read(review) for a in r.authors}


@pytest.mark.parametrize(
    ("encoding", "said"),
    [
        ("latin-1", "review.toml:6: not UTF-8 (byte 0xe9)"),
        ("utf-16", "review.toml: saved as UTF-16, not UTF-8"),
    ],
)
def test_a_protocol_saved_in_another_encoding_is_named(
    review: Project, runner, tmp_path: Path, encoding: str, said: str
) -> None:
    text = review.protocol_path.read_text().replace("Title of your systematic review",
                                                    "Revue systématique")
    assert text.split("\n")[5].startswith("title = ")
    review.protocol_path.write_bytes(text.encode(encoding))
    result = invoke(runner, review, "status")
    assert_error(result)
    assert said in result.output and "save it again as UTF-8" in result.output
    copy = tmp_path / "proto.toml"
    copy.write_bytes(text.encode(encoding))
    result = invoke(runner, None, "init", str(tmp_path / "new"), "--protocol", str(copy))
    assert_error(result)
    assert not (tmp_path / "new" / "review.toml").exists()


def test_a_search_log_line_without_its_query_is_named(review: Project, runner) -> None:
    review.search_log_path.parent.mkdir(parents=True, exist_ok=True)
    review.search_log_path.write_text('{"source":"PubMed","time":"2024-01-01T00:00:00Z"}\n')
    result = invoke(runner, review, "report", "searches")
    assert_error(result)
    assert "log.jsonl:1: the line has no `database`" in result.output and "Hint:" in result.output


def test_a_decision_log_with_latin1_bytes_is_named_not_replaced(review: Project, runner) -> None:
    log, rid = _decided(review, runner)
    line = log.read_text()
    log.write_bytes((line + line.replace('"note":""', '"note":"ä"')).encode("utf-8")
                    .replace("ä".encode(), b"\xe4"))
    result = invoke(runner, review, "include")
    assert_error(result)
    assert "reviewer1.jsonl:2: not UTF-8 (byte 0xe4)" in result.output


def test_a_torn_last_line_cut_inside_a_character_is_still_only_torn(review: Project,
                                                                    runner) -> None:
    log, rid = _decided(review, runner)
    line = log.read_text()
    # half a ü
    log.write_bytes(line.encode() + line.replace('"note":""', '"note":"ü').encode()[:-1])
    result = invoke(runner, review, "decide", rid, "--exclude", "--reason", "design",
                    "--reviewer", "reviewer1")
    assert result.exit_code == 0, result.output
    assert "incomplete last line" in result.output
    assert json.loads(log.read_text().splitlines()[-1])["verdict"] == "exclude"


CJK_RIS = "".join(
    f"TY  - JOUR\nTI  - 综合护理中的共同生产研究第{i}部分：一项关于照顾者参与服务设计的定性研究\n"
    "AU  - 王, 伟\n"
    "PY  - 2020\nAB  - 背景：照顾者在综合护理中的作用越来越重要。"
    "方法：我们进行了访谈。结果：参与者报告了更好的体验。"
    "结论：共同生产是可行的。\nER  - \n\n"
    for i in range(5)
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_cjk_export_in_utf16_without_bom_is_read_not_called_binary(
    review: Project, tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "cnki.ris"
    path.write_bytes(CJK_RIS.encode(encoding))
    [report] = import_.run(review, [path], "CNKI").files
    assert (report.encoding, report.imported) == (encoding, 5)
    assert ("综合护理中的共同生产研究第0部分：一项关于照顾者参与服务设计的定性研究"
            in {r.title for r in records_store.read(review)})


def test_random_bytes_are_still_a_binary_file(review: Project, runner, tmp_path: Path) -> None:
    import random

    path = tmp_path / "x.ris"
    path.write_bytes(random.Random(1).randbytes(4000))
    result = invoke(runner, review, "import", str(path), "--source", "MEDLINE")
    assert_error(result)
    assert "is a binary file" in result.output


def test_a_new_source_name_with_quotes_keeps_review_toml_valid(review: Project) -> None:
    name = 'Web of "Science" \\ Core — Ü'
    result = import_.run(review, [RIS], name)
    assert result.added_sources == [name]
    review.__dict__.pop("protocol", None)
    assert (review.protocol.source(name) is not None
            and review.protocol.source(name).name == name)  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["Web\nof Science", "Scopus\t", "A\x7fB"])
def test_a_source_name_with_a_control_character_is_refused(review: Project, runner,
                                                           name: str) -> None:
    before = snapshot(review)
    result = invoke(runner, review, "import", str(RIS), "--source", name)
    if name.strip() != name and name.strip().isprintable():
        assert result.exit_code == 0  # surrounding whitespace is trimmed
        return
    assert_error(result)
    assert "control character" in result.output
    assert snapshot(review) == before
    assert invoke(runner, review, "status").exit_code == 0


def test_simulate_reads_a_utf16_dataset_and_reports_a_tiny_one_without_a_traceback(
    runner, tmp_path: Path
) -> None:
    path = tmp_path / "tiny.csv"
    path.write_bytes("title,abstract,label_included\nA,b,1\nC,d,0\n".encode("utf-16"))
    result = invoke(runner, None, "simulate", str(path))
    assert result.exit_code == 0, result.output
    assert "2 records, 1 relevant" in result.output and "WSS@95 n/a" in result.output


def test_simulate_on_a_binary_file_says_so(runner, tmp_path: Path) -> None:
    import random

    path = tmp_path / "x.csv"
    path.write_bytes(random.Random(2).randbytes(3000))
    result = invoke(runner, None, "simulate", str(path))
    assert_error(result)
    assert "is a binary file" in result.output


def test_a_compressed_or_pdf_file_is_named_for_what_it_is(review: Project, runner,
                                                          tmp_path: Path) -> None:
    import gzip
    import zipfile

    (tmp_path / "m.ris.gz").write_bytes(gzip.compress(RIS.read_bytes()))
    with zipfile.ZipFile(tmp_path / "exports.zip", "w") as z:
        z.write(RIS, "medline.ris")
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
                                         b"<< /Type /Catalog >>\nendobj\n")
    for name, said, hint in (("m.ris.gz", "is a gzip-compressed (binary) file", "gunzip m.ris.gz"),
                             ("exports.zip", "not an Excel workbook", "unzip it"),
                             ("paper.pdf", "is a PDF document", "export the records")):
        result = invoke(runner, review, "import", str(tmp_path / name), "--source", "MEDLINE")
        assert_error(result)
        assert said in result.output and hint in result.output


def test_a_torn_last_line_is_reported_by_every_command_that_counts(review: Project, runner) -> None:
    log, rid = _decided(review, runner)
    log.write_text(log.read_text() + '{"record":"' + rid + '","verdict":"excl')
    for args in (("include",), ("prisma", "--allow-pending"), ("status",), ("agreement",)):
        result = invoke(runner, review, *args)
        assert result.exit_code == 0, (args, result.output)
        assert "reviewer1.jsonl:2: incomplete last line" in result.stderr, args
    result = invoke(runner, review, "include")
    assert result.stderr.count("incomplete last line") == 1


def test_ctrl_c_during_a_search_keeps_all_of_it_or_none(review: Project,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from review_cli.stages import search
    from review_cli.store import transaction

    from .search_fakes import Fake, Server, works

    with Server(Fake(works(7))) as server:
        monkeypatch.setenv("REVIEW_EUROPEPMC_URL", server.url)
        monkeypatch.setenv("REVIEW_SEARCH_PACE", "0")
        before = snapshot(review)
        _interrupt_during(monkeypatch, search, "_dedup")  # after the import, before the log line
        with pytest.raises(KeyboardInterrupt):
            search.run(review, "europepmc", "carers", source="Europe PMC")
        assert snapshot(review) == before  # nothing imported, so nothing missing from the log
        monkeypatch.undo()
        monkeypatch.setenv("REVIEW_EUROPEPMC_URL", server.url)
        monkeypatch.setenv("REVIEW_SEARCH_PACE", "0")
        _interrupt_during(monkeypatch, transaction, "_apply")  # while the commit renames
        with pytest.raises(KeyboardInterrupt):
            search.run(review, "europepmc", "carers", source="Europe PMC")
    [entry] = search.load_log(review)
    assert entry["files"] and entry["new_records"] == len(records_store.read(review)) > 0


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('kind = "register"', 'kind = "registry"', "sources[1].kind"),
        ("[screening]", "[screeening]", "screeening"),
        ('stages = ["full-text"]', 'stages = ["fulltext"]', "exclusion_reasons[3].stages"),
    ],
)
def test_protocol_errors_name_the_line_also_inside_an_array_of_tables(
    review: Project, runner, old: str, new: str, key: str
) -> None:
    _edit_protocol(review, old, new)
    line = review.protocol_path.read_text().split("\n").index(
        next(t for t in review.protocol_path.read_text().split("\n") if new in t)) + 1
    result = invoke(runner, review, "status")
    assert_error(result)
    assert f"review.toml:{line}: " in result.output and f"`{key}`" in result.output


def _endnote_xml(n: int) -> bytes:
    """An EndNote XML export of n records, one per line, as EndNote and Zotero write them."""
    record = ("<record><rec-number>{i}</rec-number><ref-type name=\"Journal Article\">17"
              "</ref-type><contributors><authors><author><style>Rotter{i}, Carina</style></author>"
              "<author><style>Whittaker, Dani\u00e9lle</style></author></authors></contributors>"
              "<titles><title><style>Study {i} of co-production in integrated care</style>"
              "</title></titles><dates><year><style>2019</style></year></dates></record>")
    body = "\n".join(record.format(i=i) for i in range(1, n + 1))
    return f'<?xml version="1.0" encoding="UTF-8" ?>\n<xml><records>\n{body}\n</records></xml>\n'\
        .encode()


def test_one_stray_byte_in_an_endnote_xml_export_loses_only_its_record(review: Project, runner,
                                                                       tmp_path: Path) -> None:
    """A parser that stopped at the first error dropped every record after it, uncounted."""
    data = _endnote_xml(50)
    at = data.index(b"Rotter11, Carina</style></author>") + len(b"Rotter11, Carina</style></aut")
    path = tmp_path / "zotero.xml"
    path.write_bytes(data[:at] + b"\xff" + data[at:])  # inside </author> of record 11
    before = snapshot(review)
    refused = invoke(runner, review, "import", str(path), "--source", "Zotero")
    assert_error(refused)
    assert "1 record(s) could not be read" in refused.output and "line 13" in refused.output
    assert snapshot(review) == before
    result = invoke(runner, review, "import", str(path), "--source", "Zotero", "--accept-losses")
    assert result.exit_code == 0, result.output
    [report] = records_store.read_report(review)
    assert (report["read"], report["imported"], len(report["skipped"])) == (50, 49, 1)
    titles = [json.loads(line)["title"] for line in review.records_path.read_text().splitlines()]
    assert "Study 12 of co-production in integrated care" in titles
    assert "Study 11 of co-production in integrated care" not in titles
    assert all("Dani\u00e9lle" in line for line in review.records_path.read_text().splitlines())


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on Windows")
def test_a_closed_terminal_waits_for_a_multi_file_write(tmp_path: Path) -> None:
    """SIGHUP (a closed terminal window, a dropped SSH session) is held like Ctrl-C: both files
    are written, then the process ends as the signal asked."""
    # SIGHUP as a terminal delivers it: its default action ends the process. (A suite run
    # under nohup would otherwise hand the child an ignored SIGHUP: the test below.)
    done = subprocess.run(
        [sys.executable, "-c", _HANGUP_DURING_WRITE.format(disposition="SIG_DFL"), str(tmp_path)],
        timeout=60,
    )
    assert done.returncode == -signal.SIGHUP
    assert (tmp_path / "a").read_text() == "a\n" and (tmp_path / "b").read_text() == "b\n"


_HANGUP_DURING_WRITE = """\
import os, signal, sys
from pathlib import Path
from review_cli.io.writer import interrupts_deferred, write_text
signal.signal(signal.SIGHUP, signal.{disposition})
with interrupts_deferred():
    os.kill(os.getpid(), signal.SIGHUP)
    write_text(Path(sys.argv[1]) / 'a', 'a')
    write_text(Path(sys.argv[1]) / 'b', 'b')
print("went on")
"""


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on Windows")
def test_a_hangup_ignored_by_nohup_stays_ignored(tmp_path: Path) -> None:
    """`nohup review import ...` must outlive its terminal: holding SIGHUP during a write must
    not turn an ignored hangup into one that ends the command once the write is done."""
    done = subprocess.run(
        [sys.executable, "-c", _HANGUP_DURING_WRITE.format(disposition="SIG_IGN"), str(tmp_path)],
        timeout=60, capture_output=True, text=True,
    )
    assert done.returncode == 0 and done.stdout == "went on\n", done.stderr
    assert (tmp_path / "a").read_text() == "a\n" and (tmp_path / "b").read_text() == "b\n"
