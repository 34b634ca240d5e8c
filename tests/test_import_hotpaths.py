"""The import's fast paths give exactly what the plain definitions give (record ids depend on
it)."""

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
        assert fold("x" + text[::-1] + " Ä\U0001d167") == _fold_reference(
            "x" + text[::-1] + " Ä\U0001d167")


def test_fold_on_names():
    for name in ("Müller, A.", "Sørensen, B. J.", "Łukasiewicz", "Ó Briain", "Çelik", "ǅemal",
                 "ﬁnn\u00a0Ø", "𝔄bc\U0001e94a"):
        assert fold(name) == _fold_reference(name)


def test_fused_author_normalisation_equals_the_plain_one():
    import random

    from review_cli.io.normalise import _authors, author, split_people

    rng = random.Random(7)
    alphabet = ["a", "B", "é", " ", "  ", ",", ", ", " ,", ";", ".", "\t", "\n", "\u00a0", "\u2003",
                "&amp;", "<i>", "\x00", "-"]
    cases: list = [None, "", "Smith, J.; Jones, K.", ["Smith, J."], ("Smith, J.", "x"),
                   [" , ", ";", ""]]
    for _ in range(20000):
        cases.append(["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
                      for _ in range(rng.randint(0, 4))])
    for value in cases:
        assert _authors(value) == tuple(a for a in map(author, split_people(value)) if a), value


def test_short_hash_is_the_base32_prefix_of_the_digest():
    import base64
    import hashlib

    from review_cli.model import short_hash

    for n in range(300):
        parts = (f"source{n}", "é\x1f" * n, str(n % 3))
        digest = hashlib.sha256("\x1e".join(parts).encode("utf-8")).digest()
        full = base64.b32encode(digest).decode("ascii").lower()
        for length in (1, 2, 7, 8, 10, 16, 33, 51, 52, 60):
            assert short_hash(*parts, length=length) == full[:length], (n, length)


def test_fields_are_squashed_so_the_fingerprint_shortcut_is_exact():
    """`fingerprint(values, squashed=True)` skips the whitespace scan of `fold`; it must give the
    same string for everything `normalise.fields` returns, whatever the raw values held."""
    import random

    from review_cli.io.normalise import fields, keywords
    from review_cli.model import fingerprint

    rng = random.Random(11)
    alphabet = ["a", "Z", "é", "Ł", " ", "  ", "\t", "\n", "\r", "\x0b", "\x1c", "\x85", "\u00a0",
                "\u2028", "\u3000", "\x01", "\x7f", ",", ";", "-", "\u2013", "<i>", "</i>", "&amp;",
                "&#x20;", "10.1000/", "doi.org/", "1999", "7"]

    def text() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))

    for _ in range(5000):
        raw = {name: text() for name in ("title", "journal", "volume", "issue", "abstract", "doi",
                                          "pmid", "year", "start_page", "end_page", "url")}
        raw["authors"] = [text() for _ in range(rng.randint(0, 4))]
        raw["keywords"] = [text() for _ in range(rng.randint(0, 3))]
        values = fields(raw)
        assert fingerprint(values, squashed=True) == fingerprint(values), raw
        assert tuple(keywords(raw["keywords"])) == values["keywords"]


def test_plain_keywords_take_the_same_path_as_cleaned_ones():
    from review_cli.io.normalise import clean, keywords

    def reference(items: list[str]) -> list[str]:
        out: list[str] = []
        for item in items:
            text = clean(item)
            for k in (p.strip() for p in text.split(";")) if ";" in text else (text,):
                if k and k not in out:
                    out.append(k)
        return out

    cases = [["a", " a ", "a  b", "a\tb", "x; y", "y", "", "  ", "<b>z</b>", "&amp;", "a\u00a0b",
              "a\x01"]]
    for items in cases:
        assert keywords(items) == reference(items)


def test_normalised_fields_come_in_record_order() -> None:
    """build_records makes a Record from `fields()`'s values in their order."""
    from review_cli.io.normalise import FIELD_ORDER, fields
    from review_cli.model import Record

    assert tuple(fields({})) == FIELD_ORDER == Record._fields[2:-1]
