"""Web of Science tab-delimited exports ("Tab-delimited file", also BIOSIS and other WoS indexes).

The header row is the field tags of the tagged format (`PT AU ... UT`), one record per line,
cells never quoted (a title may start with `"`, so the cells are split on tabs only). Older
exports end lines with a bare CR. Sniffed before the generic CSV/TSV reader, whose alias table
does not know the two-letter tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from review_cli.io import tabular
from review_cli.io.document import Document, Parsed, Skip

NAME = "wos-tab"
LABEL = "Web of Science tab-delimited"

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("ti",),
    "authors": ("au", "af", "ca"),
    # WoS leaves PY empty for an article in early access: its year is then EA's date (read by
    # tabular, as for the Excel export), else EY or PD. Each is its own column here (the alias
    # table keeps one column per field).
    "year": ("py",),
    "early_access_date": ("ea",),
    "early_access_year": ("ey",),
    "publication_date": ("pd",),
    "doi": ("di", "d2"),
    "pmid": ("pm",),
    "abstract": ("ab",),
    "journal": ("so", "se", "bs"),
    "journal_abbrev": ("j9", "ji"),
    "volume": ("vl",),
    "issue": ("is",),
    "pages": ("ps",),
    "start_page": ("bp",),
    # read by tabular: the article number when a row has no pages, the supplement into the issue
    "article_number": ("ar",),
    "supplement_column": ("su",),
    "end_page": ("ep",),
    "keywords": ("de", "id", "mi"),
    "language": ("la",),
    "type": ("dt", "pt"),
    "issn": ("sn",),
    "online_issn": ("ei",),  # an online-only journal's ISSN, when SN is empty (tabular)
}
_TAG = re.compile(r"^[A-Z][A-Z0-9]$")
_EMAIL = re.compile(r"\s*\([^()]*@[^()]*\)")


def _header(doc: Document) -> list[str]:
    first = (
        doc.text[:4000].lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        .split("\n", 1)[0]
    )
    return [c.strip() for c in first.split("\t")]


def sniff(doc: Document) -> bool:
    if not doc.text:
        return False
    cells = [c for c in _header(doc) if c]
    return (
        len(cells) >= 5 and all(_TAG.match(c) for c in cells) and "TI" in cells
        and ("UT" in cells or "PT" in cells)
    )


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    rows = [(n, line.split("\t")) for n, line in enumerate(doc.lines(), start=1)]
    rows[0] = (1, [c.lstrip("\ufeff") for c in rows[0][1]])
    for item in tabular.records(doc, rows, LABEL, aliases=ALIASES):
        if isinstance(item, Parsed):
            # BIOSIS writes the corresponding author's e-mail after the name.
            item.fields["authors"] = [_EMAIL.sub("", a) for a in item.fields["authors"]]
            _fill_in(item.fields)
        yield item


def _fill_in(fields: dict[str, object]) -> None:
    """The tagged reader's last fallbacks for the year (`wos._record`), for one row's columns."""
    dates = [fields.pop(name, "") for name in ("early_access_year", "publication_date")]
    if not fields.get("year"):
        fields["year"] = next((d for d in dates if d), "")
