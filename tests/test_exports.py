"""Exports read by other tools: BibTeX links, CSV author lists, the spreadsheet formula guard."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from review_cli.io.exporters import is_formula
from review_cli.io.writer import write_jsonl
from review_cli.model import Record
from review_cli.project import Project

from .conftest import invoke

URL = "https://example.org/report?id=12&lang=en%20gb#p_3"


def _review(review: Project) -> Project:
    rows = [
        Record("a1", "MEDLINE", title="-Omics in integrated care", authors=("Smith, J", "Doe, A"),
               year=2020, url=URL, doi="10.1000/a_b#c").to_json(),
        Record("a2", "MEDLINE", title="=HYPERLINK(\"http://evil\")", authors=("Roe, B",)).to_json(),
        Record("a3", "MEDLINE", title="-cmd|' /C calc'!A0").to_json(),
        Record("a4", "MEDLINE", title="+44 helplines for carers").to_json(),
        Record("a5", "MEDLINE", title="@SUM(1+1)").to_json(),
    ]
    write_jsonl(review.records_path, rows)
    return review


def test_bibtex_url_and_doi_are_verbatim(runner, review: Project, tmp_path: Path) -> None:
    out = tmp_path / "r.bib"
    assert invoke(runner, _review(review), "export", "records", "--format", "bibtex",
                  "--out", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert f"url = {{{URL}}}" in text  # no `\&`, `\%`, `\#` or `\_` in the link
    assert "doi = {10.1000/a_b#c}" in text
    assert "title = {-Omics in integrated care}" in text


def test_csv_authors_split_on_semicolon_without_spaces(runner, review: Project,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    assert invoke(runner, _review(review), "export", "records", "--format", "csv",
                  "--out", str(out)).exit_code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    # ASReview and most importers split the cell on ";": every name comes back without a space.
    assert rows["a1"]["authors"].split(";") == ["Smith, J", "Doe, A"]


def test_formula_guard_only_where_a_spreadsheet_would_run_a_formula(
    runner, review: Project, tmp_path: Path
) -> None:
    out = tmp_path / "r.csv"
    assert invoke(runner, _review(review), "export", "records", "--format", "csv",
                  "--out", str(out)).exit_code == 0
    titles = {r["id"]: r["title"]
              for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    assert titles["a1"] == "-Omics in integrated care"
    assert titles["a4"] == "+44 helplines for carers"
    assert titles["a2"].startswith("'=") and titles["a3"].startswith("'-cmd|")
    assert titles["a5"] == "'@SUM(1+1)"


def test_formula_starts() -> None:
    for text in ("=1+1", "-SUM(A1)", "+A1", "--1", "@HYPERLINK(x)", "\t=1", "-2+3|x"):
        assert is_formula(text), text
    for text in ("-Omics (a review)", "+44 helplines", "@home care", "- a dash", "Care = cost",
                 "A-1 trial", "-2 degrees of warming"):
        assert not is_formula(text), text


def test_records_are_exported_one_at_a_time_with_the_same_bytes(
    runner, review: Project, tmp_path: Path, monkeypatch
) -> None:
    """At 100,000 records the whole export took 1.5 GB: records stream from records.jsonl to
    the output, and the bytes are what the whole-text renderers write."""
    from review_cli.io import exporters
    from review_cli.stages import export
    from review_cli.store import records as records_store

    project = _review(review)
    rows, columns = export.record_rows(project)
    whole = {"csv": exporters.to_csv(rows, columns), "jsonl": exporters.to_jsonl(rows),
             "ris": exporters.to_ris(rows), "bibtex": exporters.to_bibtex(rows)}

    def whole_read(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the export read every record at once")

    monkeypatch.setattr(records_store, "read", whole_read)
    for fmt, expected in whole.items():
        out = tmp_path / f"records.{fmt}"
        to_file = invoke(runner, project, "export", "records", "--format", fmt, "--out", str(out))
        assert to_file.exit_code == 0, to_file.output
        assert out.read_bytes() == expected.encode("utf-8"), fmt
        printed = invoke(runner, project, "export", "records", "--format", fmt)
        assert printed.exit_code == 0 and printed.stdout == expected, fmt
        pieces = export.run(project, "records", fmt).chunks
        assert pieces is not None and not isinstance(pieces, list | str | tuple)
        assert len(list(pieces)) >= len(rows)  # a piece per record (CSV: and the header)


def test_a_damaged_records_file_stops_the_export_naming_the_line(
    runner, review: Project, tmp_path: Path
) -> None:
    project = _review(review)
    lines = project.records_path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = '{"id": "a3", "source": "MEDLINE", "title": \n'  # cut short by a hand edit
    project.records_path.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "records.csv"
    to_file = invoke(runner, project, "export", "records", "--out", str(out))
    assert to_file.exit_code == 1 and "records.jsonl" in to_file.stderr
    assert "records.jsonl:3:" in to_file.stderr and "Traceback" not in to_file.output
    assert not out.exists() and not list(tmp_path.glob(".records.csv.*"))  # no half file
    printed = invoke(runner, project, "export", "records")
    assert printed.exit_code == 1 and "records.jsonl:3:" in printed.stderr
