"""Records travel through a big import as the JSON lines they are written as: the same bytes the
Record would give (record ids, report and records.jsonl are unchanged; see also
benchmarks/check_import_same.py, which compares whole imports with another revision)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from review_cli.io.document import Document, decode
from review_cli.io.writer import dumps_line_bytes
from review_cli.model import Origin, Record
from review_cli.stages.import_ import FileReport, build_records, collect_records
from review_cli.stages.import_ import _split as import_split

from .conftest import FIXTURES


def _fixture_records() -> list[Record]:
    from review_cli.io import formats

    records: list[Record] = []
    for path in sorted((FIXTURES / "exports").glob("*")):
        doc = decode(path, path.read_bytes())
        try:
            fmt = formats.detect(doc)
        except Exception:  # a fixture of a bad input
            continue
        report = FileReport(path.name, "S", fmt.NAME, doc.encoding, "")
        records += build_records("Sourcé \u2028", path.name, fmt.parse(doc), report)
    return records


def test_a_record_line_is_the_records_json_line() -> None:
    records = _fixture_records()
    assert len(records) > 40
    for rec in records:
        body = orjson.dumps({name: getattr(rec, name) for name in import_split.VALUE_FIELDS})
        [origin] = rec.origins
        line = import_split.record_line(rec.id, rec.source, body, origin)
        assert line == dumps_line_bytes(rec.to_json())
        assert import_split.body_of(line, rec.id, rec.source) == body
        back = import_split.Line(rec.id, origin, line).record()
        assert back == rec and back.origins == rec.origins


def test_titles_that_look_like_json_keys_do_not_confuse_the_line() -> None:
    origin = Origin("S", "f.ris", 'key,"origins":[', 3)
    rec = Record(id="abc", source='S,"origins":[', title='x","origins":[{"a":1}]}', abstract="\\", origins=(origin,))
    body = orjson.dumps({name: getattr(rec, name) for name in import_split.VALUE_FIELDS})
    line = import_split.record_line(rec.id, rec.source, body, origin)
    assert line == dumps_line_bytes(rec.to_json())
    assert import_split.body_of(line, rec.id, rec.source) == body


def test_values_orjson_refuses_take_the_record_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where orjson refuses a value, the record stays a Record and the writer's own encoder
    writes it: the same file either way."""
    from review_cli.io import ris

    path = tmp_path / "two.ris"
    path.write_text("TY  - JOUR\nTI  - A title\nAN  - 77\nER  - \nTY  - JOUR\nTI  - A title\nER  - \n", encoding="utf-8")
    doc = decode(path, path.read_bytes())
    outputs = []
    for refuse in (False, True):
        if refuse:
            def refused(*args: object) -> bytes:
                raise TypeError("refused")

            monkeypatch.setattr(import_split, "record_line", refused)
        report = FileReport("two.ris", "S", "ris", "utf-8", "")
        recs = collect_records("S", "two.ris", import_split.prepare(ris.parse(doc), "S", "two.ris"), report)
        assert [type(r) for r in recs] == ([Record, Record] if refuse else [import_split.Line, import_split.Line])
        written = tmp_path / f"out-{refuse}.jsonl"
        import_split.write_records(written, sorted(recs, key=lambda r: r.id))
        outputs.append(written.read_bytes())
    assert outputs[0] == outputs[1]
    assert b'"key":"77"' in outputs[0] and b'"key":"#2"' in outputs[0]


@pytest.mark.parametrize("text", ["a\nb\r\nc\rd\n\ne", "\ufeffTY  - X\r\nER  - \r\n", "x" * 50 + "\n" + "y\r" * 30])
def test_a_document_span_reads_as_the_slice_would(text: str) -> None:
    data = text.encode("utf-8")
    for cut in [i + 1 for i, b in enumerate(data) if b == 10]:  # halves start after a LF
        whole = Document(Path("x"), data, "", "utf-8")
        for start, stop in ((0, cut), (cut, None)):
            view = Document(Path("x"), data, "", "utf-8", span=(start, stop))
            piece = Document(Path("x"), data[start:stop], "", "utf-8")
            assert list(view.iter_lines(block=4)) == list(piece.iter_lines(block=4))
            as_text = Document(Path("x"), b"", text, "utf-8", span=(len(data[:start].decode()), None if stop is None else len(data[:stop].decode())))
            assert list(as_text.iter_lines(block=4)) == list(piece.iter_lines(block=4))
        assert list(whole.iter_lines(block=4)) == Document(Path("x"), b"", text, "utf-8").lines()


def test_normalised_fields_come_in_record_order() -> None:
    """`prepare` writes the dict `normalise.fields` returns as the body of the line as it is."""
    from review_cli.io.normalise import fields

    assert tuple(fields({})) == import_split.VALUE_FIELDS
    assert import_split.VALUE_FIELDS == tuple(Record(id="x", source="s").to_json())[2:-1]


def test_a_big_file_hashed_while_decoding_is_still_recognised(review, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Big files are hashed in a thread while they are decoded: a second import of the same
    bytes still changes nothing, and under another source name it is still refused."""
    from review_cli.errors import ReviewError
    from review_cli.stages import import_

    monkeypatch.setattr(import_split, "MIN_SPLIT_CHARS", 100)
    path = tmp_path / "big.ris"
    path.write_text("".join(f"TY  - JOUR\nTI  - Title {n}\nAN  - {n}\nER  - \n\n" for n in range(50)), encoding="utf-8")
    first = import_.run(review, [path], "Scopus")
    assert [f.imported for f in first.files] == [50]
    before = review.records_path.read_bytes()
    again = import_.run(review, [path], "Scopus")
    assert again.files == [] and again.unchanged == [str(path)]
    assert review.records_path.read_bytes() == before
    with pytest.raises(ReviewError, match="already imported as source"):
        import_.run(review, [path], "Embase")
