"""Records carried from one review into another: `review export ... --format jsonl` and another
review's import/records.jsonl are import formats too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_cli.errors import ParseError, ReviewError
from review_cli.io import formats
from review_cli.io.document import decode
from review_cli.project import Project
from review_cli.stages import export, import_, init
from review_cli.store import records as records_store

from .conftest import FIXTURES

RIS = FIXTURES / "exports" / "cochrane_two_spaces.ris"
NBIB = FIXTURES / "exports" / "eric.nbib"

# Everything a record holds but where it came from.
CONTENT = ("id", "source", "title", "authors", "year", "journal", "journal_abbrev", "volume",
           "issue", "pages",
           "doi", "pmid", "issn", "abstract", "keywords", "language", "type", "url", "database")


def _content(project: Project) -> list[dict[str, object]]:
    return [{k: v for k, v in r.to_json().items() if k in CONTENT}
            for r in records_store.read(project)]


def _review(path: Path) -> Project:
    init.run(path)
    return Project(path)


@pytest.mark.parametrize("what", ["records", "included-records-file"])
def test_records_exported_as_jsonl_come_back_the_same(tmp_path: Path, what: str) -> None:
    first = _review(tmp_path / "first")
    import_.run(first, [RIS], "CENTRAL")
    if what == "records":
        carried = tmp_path / "carried.jsonl"
        carried.write_text(export.run(first, "records", "jsonl").whole(), encoding="utf-8")
    else:  # the other review's own file, as it is on disk
        carried = first.records_path
    second = _review(tmp_path / "second")
    result = import_.run(second, [carried], "CENTRAL")
    assert _content(second) == _content(first)  # same ids: same source, same content
    assert [r.origins[0].key for r in records_store.read(second)] == [
        r.id for r in records_store.read(first)]
    assert result.files[0].format == "review-jsonl"


def test_records_of_several_sources_take_the_source_they_are_imported_under(tmp_path: Path) -> None:
    first = _review(tmp_path / "first")
    import_.run(first, [RIS], "CENTRAL")
    import_.run(first, [NBIB], "ERIC")
    carried = tmp_path / "carried.jsonl"
    carried.write_text(export.run(first, "records", "jsonl").whole(), encoding="utf-8")
    second = _review(tmp_path / "second")
    import_.run(second, [carried], "Previous review")
    got = records_store.read(second)
    assert (len(got) == len(records_store.read(first))
            and {r.source for r in got} == {"Previous review"})
    before = {r.title: r for r in records_store.read(first)}
    for r in got:
        assert (r.authors, r.year, r.doi, r.abstract) == (
            before[r.title].authors, before[r.title].year, before[r.title].doi,
            before[r.title].abstract)


def test_other_json_lines_are_not_taken_for_records(tmp_path: Path) -> None:
    first = _review(tmp_path / "first")
    import_.run(first, [RIS], "CENTRAL")
    path = tmp_path / "decisions.jsonl"
    path.write_text('{"record":"abc","verdict":"include","stage":"title-abstract",'
                    '"reviewer":"ann"}\n')
    doc = decode(path, path.read_bytes())
    assert formats.review_jsonl.sniff(doc) is False
    records = tmp_path / "records.jsonl"
    records.write_bytes(first.records_path.read_bytes())
    assert formats.review_jsonl.sniff(decode(records, records.read_bytes()))
    with pytest.raises(ReviewError, match="is not a bibliographic export"):
        import_.run(first, [path], "Decisions")


def test_a_broken_line_names_its_line(tmp_path: Path) -> None:
    first = _review(tmp_path / "first")
    import_.run(first, [RIS], "CENTRAL")
    lines = export.run(first, "records", "jsonl").whole().splitlines()
    broken = tmp_path / "carried.jsonl"
    broken.write_text(lines[0] + "\n" + lines[1][:40] + "\n", encoding="utf-8")
    second = _review(tmp_path / "second")
    with pytest.raises(ParseError, match=r"carried.jsonl:2: not valid JSON"):
        import_.run(second, [broken], "CENTRAL")
    assert not second.records_path.exists()  # the review is unchanged
    assert json.loads(lines[0])["source"] == "CENTRAL"
