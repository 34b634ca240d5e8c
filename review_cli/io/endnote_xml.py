"""EndNote XML (`<xml><records><record>...`), written by EndNote, Zotero and others.

Text sits either directly in the element or in `<style face=... font=...>` wrappers (one or more
per element), so every value is read as the element's whole text. The file is read record by
record with a pull parser: a file cut off in the middle keeps the records before the break and
reports the break as a Skip with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree as ET

from review_cli.io import normalise
from review_cli.io.document import Document, Parsed, Skip

NAME = "endnote-xml"
LABEL = "EndNote XML"

_SNIFF = re.compile(
    r"<xml>\s*<records>\s*<record\b"
    r"|<records>\s*<record>\s*<(?:database|rec-number|ref-type|source-app)\b"
)
_RECORD_START = re.compile(r"<record\b[^>]*>")


def sniff(doc: Document) -> bool:
    return bool(doc.text) and bool(_SNIFF.search(doc.text[:20_000]))


def _text(elem: ET.Element | None) -> str:
    if elem is None:
        return ""
    return "".join(elem.itertext()).strip()


def _all(record: ET.Element, path: str) -> list[str]:
    return [t for t in (_text(e) for e in record.findall(path)) if t]


def _first(record: ET.Element, *paths: str) -> str:
    for path in paths:
        for e in record.findall(path):
            t = _text(e)
            if t:
                return t
    return ""


# A record EndNote fetched from PubMed names NLM as its provider and keeps the PMID as its
# accession number (RIS's `AN` with `DP  - NLM`); another database's accession number is not one.
_NLM = re.compile(r"\b(?:nlm|pubmed|medline)\b", re.I)


_SCOPUS = re.compile(r"scopus", re.I)
_EMBASE = re.compile(r"embase", re.I)


def _pmid(record: ET.Element, accession: str) -> str:
    """The accession number of a record from PubMed; else, as the RIS reader reads C2 and C5,
    the PMID a Scopus record keeps in Custom 2 or an Embase record in Custom 5 (EndNote's own
    Custom 2 is the PMCID, `PMC4348420`, and Custom 5 the format: only a bare number counts)."""
    provider = _first(record, "remote-database-provider", "remote-database-name")
    if accession.isdigit() and _NLM.search(provider):
        return accession
    url = _first(record, "urls/related-urls/url", "urls/web-urls/url")
    for field, database in (("custom2", _SCOPUS), ("custom5", _EMBASE)):
        value = _first(record, field)
        if value.isdigit() and (database.search(provider) or database.search(url)):
            pmid = normalise.pmid(value)
            if pmid:
                return pmid
    return ""


def _doi_link(value: str) -> str:
    return value if "10." in value and "doi" in value.lower() else ""


def _record(record: ET.Element, line: int) -> Parsed:
    ref_type = record.find("ref-type")
    kind = (ref_type.get("name") if ref_type is not None else "") or _text(ref_type)
    key = _first(record, "accession-num") or _first(record, "rec-number")
    return Parsed(
        line=line,
        key=key,
        fields={
            "title": _first(record, "titles/title"),
            "authors": _all(record, "contributors/authors/author"),
            "year": _first(record, "dates/year", "dates/pub-dates/date"),
            "journal": _first(
                record, "periodical/full-title", "titles/secondary-title", "titles/alt-title",
                "alt-periodical/full-title",
            ),
            "journal_abbrev": _first(record, "periodical/abbr-1", "alt-periodical/abbr-1"),
            "volume": _first(record, "volume"),
            "issue": _first(record, "number", "issue"),
            # EndNote keeps a journal article's number in Custom 7 (RIS's C7)
            "pages": normalise.pages_or_number(_first(record, "pages"), _number(record, kind)),
            # EndNote keeps a PsycINFO record's DOI link in Section (RIS's SE)
            "doi": _first(record, "electronic-resource-num") or _doi_link(
                _first(record, "section")
            ),
            "pmid": _pmid(record, key),
            "issn": _first(record, "isbn"),
            "abstract": _first(record, "abstract"),
            "keywords": _all(record, "keywords/keyword"),
            "language": _first(record, "language"),
            "type": kind,
            "url": _first(record, "urls/related-urls/url", "urls/web-urls/url"),
            "database": _first(record, "remote-database-name"),
        },
    )


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    text = doc.text
    # Offset and line of every <record>, in order; the pull parser gives none.
    starts: list[tuple[int, int]] = []
    line, last = 1, 0
    for m in _RECORD_START.finditer(text):
        line += text.count("\n", last, m.start())
        last = m.start()
        starts.append((m.start(), line))
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("end",))
    index = 0
    chunk = 1 << 20
    try:
        for offset in range(0, len(text), chunk):
            parser.feed(text[offset : offset + chunk])
            events: Iterator[Any] = parser.read_events()  # typeshed's element type is too loose
            for _, elem in events:
                if isinstance(elem, ET.Element) and elem.tag == "record":
                    yield _record(elem, starts[index][1] if index < len(starts) else 0)
                    index += 1
                    elem.clear()
        parser.close()
    except ET.ParseError:
        # The document breaks inside record `index` (a stray byte, a cut-off file): read it and
        # every later record on its own, so one bad record costs that record only.
        yield from _one_by_one(text, starts[index:])


_RECORD_END = "</record>"


def _one_by_one(text: str, starts: list[tuple[int, int]]) -> Iterator[Parsed | Skip]:
    """Each record from its own `<record>` to its `</record>` (or the next `<record>`),
    parsed alone; one that does not parse is a damaged Skip naming its line."""
    for n, (start, line) in enumerate(starts):
        limit = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        end = text.find(_RECORD_END, start, limit)
        if end < 0:
            reason = "a <record> without its </record> (the file is cut off or broken here)"
            yield Skip(line, reason, True)
            continue
        try:
            elem = ET.fromstring(text[start : end + len(_RECORD_END)])
        except ET.ParseError as e:
            yield Skip(line, f"a damaged <record> ({e})", True)
            continue
        yield _record(elem, line)


def _number(record: ET.Element, kind: str) -> str:
    """Custom 7 is an article's number; a book's, a chapter's, a report's or a thesis's Custom 7
    is something else (and a first chapter's pages begin at 1)."""
    if any(w in kind.casefold() for w in ("book", "report", "thesis", "section", "patent")):
        return ""
    return normalise.article_number(_first(record, "custom7"))

