"""The fast JSON-lines encoder writes exactly what the json module wrote."""

from __future__ import annotations

import pytest

from review_cli.io.writer import dumps_line, dumps_line_bytes, write_jsonl
from review_cli.model import Origin, Record


def _same(row: dict) -> None:
    assert dumps_line_bytes(row) == dumps_line(row).encode("utf-8")


def test_every_code_point_is_written_as_json_wrote_it():
    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(points), 8192):
        text = "".join(map(chr, points[start : start + 8192]))
        _same({"t": text, "l": [text, text[:3]]})


@pytest.mark.parametrize("char", [chr(c) for c in range(0x20)] + ['"', "\\", "/", "\x7f", "\u0085", "\u2028", "\u2029", "\ufeff"])
def test_escapes_one_by_one(char):
    _same({"k" + char: f"a{char}b", "n": [char]})


def test_values_and_key_order():
    _same({"z": 1, "a": None, "m": [], "b": True, "c": False, "d": -5, "e": 2**63 - 1, "f": {"y": "é", "x": [1, "2"]}})


def test_what_orjson_refuses_goes_through_json():
    _same({"year": 2**70})  # beyond 64 bits
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate is refused, as before
        dumps_line_bytes({"t": "\ud800"})


def test_a_record_line_and_the_streaming_writer(tmp_path):
    rec = Record(
        id="abc",
        source="Scopus",
        title="Ærø\u2028 x",
        authors=("Müller, A.", "Ó Briain, B."),
        year=2001,
        keywords=("k1",),
        origins=(Origin("Scopus", "searches/a.ris", "#1", 3),),
    )
    _same(rec.to_json())
    rows = [rec.to_json()] * 5000  # more than one 4,096-line chunk
    path = tmp_path / "r.jsonl"
    write_jsonl(path, rows, sort_key=None)
    assert path.read_bytes() == "".join(dumps_line(r) + "\n" for r in rows).encode("utf-8")
