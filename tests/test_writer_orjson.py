"""The one JSON encoder (orjson) writes exactly what the json module wrote before it, so the
data files of reviews made by earlier versions stay byte-identical."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review_cli.io.writer import dumps_json, dumps_line, write_jsonl
from review_cli.model import Origin, Record


def _as_json_wrote(row: dict) -> bytes:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _same(row: dict) -> None:
    assert dumps_line(row) == _as_json_wrote(row)


def test_every_code_point_is_written_as_json_wrote_it():
    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(points), 8192):
        text = "".join(map(chr, points[start : start + 8192]))
        _same({"t": text, "l": [text, text[:3]]})


@pytest.mark.parametrize("char", [chr(c) for c in range(0x20)]
                         + ['"', "\\", "/", "\x7f", "\u0085", "\u2028", "\u2029", "\ufeff"])
def test_escapes_one_by_one(char):
    _same({"k" + char: f"a{char}b", "n": [char]})


def test_values_and_key_order():
    _same({"z": 1, "a": None, "m": [], "b": True, "c": False, "d": -5, "e": 2**63 - 1,
           "f": {"y": "é", "x": [1, "2"]},
           "s": 0.25, "r": 0.9512, "t": 1.0})


def test_indented_documents_as_json_wrote_them():
    data = {"schema": "1",
            "stages": {"import": {"params": {}, "inputs": {"a": "sha256:x"}, "list": [],
                                  "n": [1, 2]}},
            "t": "é\u2028\x01", "none": None}
    assert dumps_json(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_a_lone_surrogate_is_refused():
    with pytest.raises(TypeError):  # orjson.JSONEncodeError: no file ever holds one
        dumps_line({"t": "\ud800"})


def test_a_record_line_and_the_writer(tmp_path):
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
    rows = [rec.to_json()] * 5000
    path = tmp_path / "r.jsonl"
    write_jsonl(path, rows, sort_key=None)
    assert path.read_bytes() == b"".join(_as_json_wrote(r) + b"\n" for r in rows)


@given(st.text(alphabet="ab\r\n\u00e9", max_size=40), st.lists(st.integers(0, 40), max_size=6))
def test_text_written_in_pieces_is_the_bytes_of_the_whole(text: str, cuts: list[int]) -> None:
    """LF line ends and a final newline, however the text is cut (a CRLF split between two
    pieces included): what `write_pieces` streams is what `write_text` writes."""
    from review_cli.io.writer import _lf_pieces, text_bytes

    whole = text + ("\n" if text and not text.endswith("\n") else "")
    expected = whole.replace("\r\n", "\n").encode("utf-8")
    assert text_bytes(text) == expected
    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    assert b"".join(_lf_pieces(pieces)) == expected
