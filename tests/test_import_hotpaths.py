"""The import's fast paths give exactly what the plain definitions give (record ids depend on it)."""

from __future__ import annotations

import unicodedata

from review_cli.model import fold


def _fold_reference(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.casefold().split())


def test_fold_equals_its_definition_over_every_code_point():
    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(points), 4096):
        text = "".join(map(chr, points[start : start + 4096]))
        assert fold(text) == _fold_reference(text), hex(points[start])
        assert fold("x" + text[::-1] + " Ä\U0001d167") == _fold_reference("x" + text[::-1] + " Ä\U0001d167")


def test_fold_on_names():
    for name in ("Müller, A.", "Sørensen, B. J.", "Łukasiewicz", "Ó Briain", "Çelik", "ǅemal", "ﬁnn\u00a0Ø", "𝔄bc\U0001e94a"):
        assert fold(name) == _fold_reference(name)
