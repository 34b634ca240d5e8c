"""The project skeleton: init, import, status, export, errors and determinism."""

from __future__ import annotations

import json
from pathlib import Path

from review_cli.io.writer import write_jsonl
from review_cli.project import Project
from review_cli.stages import import_
from review_cli.store import records as records_store

from .conftest import FIXTURES, invoke, snapshot

RIS = FIXTURES / "exports" / "cochrane_two_spaces.ris"


def test_init_creates_protocol_and_searches(runner, tmp_path: Path) -> None:
    result = invoke(runner, None, "init", str(tmp_path / "r"),
                    "--protocol", "coproduction-integrated-care")
    assert result.exit_code == 0, result.output
    project = Project(tmp_path / "r")
    assert project.protocol.limits.year_from == 2012
    assert len([s for s in project.protocol.sources if s.kind == "database"]) == 9
    assert len([s for s in project.protocol.sources if s.kind != "database"]) == 4
    again = invoke(runner, None, "init", str(tmp_path / "r"))
    assert (again.exit_code == 1 and "already exists" in again.output
            and "Traceback" not in again.output)


def test_import_normalises_fields(review: Project) -> None:
    result = import_.run(review, [RIS], "MEDLINE")
    assert [f.read for f in result.files] == [2]
    records = {r.title: r for r in records_store.read(review)}
    first = records["Co-designing a discharge pathway with unpaid carers: a qualitative study"]
    assert first.authors == ("Okafor, N", "Lindqvist, B")
    assert first.year == 2019 and first.pages == "811-820" and first.doi == "10.1111/hex.12345"
    second = records["Staff experiences of integrating health and social care teams"]
    assert second.doi == "10.1186/s12913-016-0001-2"
    assert (first.origins[0].key == "CN-00000001"
            and first.origins[0].file == "searches/medline/cochrane_two_spaces.ris")


def test_reimport_changes_nothing(review: Project) -> None:
    import_.run(review, [RIS], "MEDLINE")
    before = snapshot(review)
    result = import_.run(review, [RIS], "MEDLINE")
    assert result.files == [] and result.unchanged == [str(RIS)]
    assert snapshot(review) == before


def test_reordered_import_is_byte_identical(tmp_path: Path, runner) -> None:
    other = tmp_path / "other.ris"
    other.write_text(RIS.read_text().replace("CN-0000000", "CN-9").replace("2019", "2018"))
    snaps = []
    for name, order in (("a", [RIS, other]), ("b", [other, RIS])):
        invoke(runner, None, "init", str(tmp_path / name))
        project = Project(tmp_path / name)
        for f in order:
            import_.run(project, [f], "MEDLINE")
        snaps.append(snapshot(project))
    assert snaps[0] == snaps[1]


def test_bad_file_leaves_review_unchanged(review: Project, runner, tmp_path: Path) -> None:
    import_.run(review, [RIS], "MEDLINE")
    before = snapshot(review)
    for name, data in (("empty.ris", b""), ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00"),
                       ("notes.txt", b"just some notes\n")):
        bad = tmp_path / name
        bad.write_bytes(data)
        result = invoke(runner, review, "import",
                        str(RIS.with_name("missing.ris")) if False else str(bad),
                        "--source", "MEDLINE")
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and name in result.output
        assert snapshot(review) == before


def test_export_csv_neutralises_formulas(review: Project, runner) -> None:
    import_.run(review, [RIS], "MEDLINE")
    rows = [json.loads(line) for line in review.records_path.read_text().split("\n") if line]
    rows[0]["title"] = "=HYPERLINK(\"http://x\")"
    write_jsonl(review.records_path, rows)
    result = invoke(runner, review, "export", "records", "--format", "csv")
    assert result.exit_code == 0
    assert "'=HYPERLINK" in result.output


def test_status_json(review: Project, runner) -> None:
    import_.run(review, [RIS], "MEDLINE")
    result = invoke(runner, review, "status", "--json")
    data = json.loads(result.output)
    assert data["records"] == 2
    assert {s["name"]: s["records"] for s in data["sources"]}["MEDLINE"] == 2


def test_not_a_review(runner) -> None:
    result = invoke(runner, None, "status")
    assert result.exit_code == 1 and "review init" in result.output
