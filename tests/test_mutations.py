"""Damaged input never gives a traceback, and no record goes missing without a word.

Exports of every format and the review's own files are mutated (bytes inserted, removed,
replaced, copied, the file cut short) and fed to the commands. Each command ends with exit 0 or
1 and no exception (the suite sets REVIEW_DEBUG, so an unexpected error raises here). An
import that succeeds counts every record the file starts as imported or skipped, and one whose
records could not be read is refused unless the loss is accepted.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_cli.io.document import decode
from review_cli.project import Project
from review_cli.stages import dedup, import_, init, team
from review_cli.store import records as records_store

from .conftest import FIXTURES, invoke

EXPORTS = FIXTURES / "exports"
SAMPLES = {
    "ris": EXPORTS / "cochrane_two_spaces.ris",
    "medline": EXPORTS / "eric.nbib",
    "wos": EXPORTS / "wos_misnamed.ris",
    "ovid": EXPORTS / "ovid_numbered.ris",
    "bibtex": EXPORTS / "table_zotero.bib",
    "endnote": EXPORTS / "table_endnote.xml",
    "csv": EXPORTS / "table_scopus_new.csv",
    "xlsx": EXPORTS / "table_lens.xlsx",
}
# Where a record starts, in each text format whose records can be counted without its reader.
STARTS = {
    "ris": re.compile(r"^\ufeff?TY\s{1,2}-", re.M),
    "endnote": re.compile(r"<record\b"),
}
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with one to three damages of the kinds real files show."""
    for _ in range(draw(st.integers(1, 3))):
        n = len(data)
        at = draw(st.integers(0, max(n - 1, 0)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "copy", "cut"]))
        if kind == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 200)):]
        elif kind == "replace":
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif kind == "copy":
            size = draw(st.integers(1, 300))
            data = data[:at] + data[at : at + size] + data[at:]
        else:
            data = data[:at]
    return data


def _fresh(tmp_path: Path, name: str) -> Project:
    folder = tmp_path / name
    if folder.exists():
        shutil.rmtree(folder)
    init.run(folder)
    return Project(folder)


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_a_damaged_export_is_imported_whole_refused_or_reported_never_a_traceback(
    fmt: str, tmp_path: Path, runner: object
) -> None:
    original = SAMPLES[fmt].read_bytes()

    @SETTINGS
    @given(data=mutated(original))
    def check(data: bytes) -> None:
        project = _fresh(tmp_path, "review")
        path = tmp_path / SAMPLES[fmt].name
        path.write_bytes(data)
        result = invoke(runner, project, "import", str(path), "--source", "S", "--json")
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code in (0, 1), result.output
        if result.exit_code:
            assert "Error:" in result.output
            assert not project.records_path.exists()  # refused: nothing written
            return
        [report] = records_store.read_report(project)
        assert report["read"] == report["imported"] + len(report["skipped"])
        assert not any(s.get("damaged") for s in report["skipped"])  # losses need consent
        if fmt in STARTS and report["format"] == {"ris": "ris", "endnote": "endnote-xml"}[fmt]:
            text = decode(path, data).text
            assert report["read"] >= len(STARTS[fmt].findall(text)), "records went uncounted"

    check()


def _review(tmp_path: Path) -> Project:
    project = _fresh(tmp_path, "base")
    for path, source in ((FIXTURES / "dedup" / "medline.ris", "MEDLINE"),
                         (FIXTURES / "dedup" / "embase.ris", "Embase")):
        import_.run(project, [path], source)
    dedup.run(project)
    from review_cli.model import Stage
    from review_cli.store.units import stage_ids

    ids = sorted(stage_ids(project, Stage.TITLE_ABSTRACT))
    team.decide(project, Stage.TITLE_ABSTRACT, "reviewer1",
                [team.Wanted(i, team.DECISION_WORDS["include"]) for i in ids[:3]])
    return project


REVIEW_FILES = ["import/records.jsonl", "import/report.json", "dedup/clusters.jsonl",
                "dedup/uncertain.jsonl", "screen/title-abstract/reviewer1.jsonl", "review.lock",
                "review.toml"]
COMMANDS = [("status", "--json"), ("prisma", "--allow-pending"), ("prisma", "--check"),
            ("dedup", "--non-interactive"), ("export", "records"), ("include",),
            ("conflicts",), ("agreement",)]


@pytest.mark.slow
@pytest.mark.parametrize("name", REVIEW_FILES)
def test_a_damaged_review_file_is_an_error_never_a_traceback(
    name: str, tmp_path: Path, runner: object
) -> None:
    base = _review(tmp_path)
    original = (base.root / name).read_bytes()

    @settings(max_examples=12, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(data=mutated(original))
    def check(data: bytes) -> None:
        work = tmp_path / "work"
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(base.root, work)
        (work / name).write_bytes(data)
        project = Project(work)
        for args in COMMANDS:
            result = invoke(runner, project, *args)
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                args, result.output)
            assert result.exit_code in (0, 1), (args, result.output)

    check()
