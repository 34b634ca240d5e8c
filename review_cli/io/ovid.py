"""Ovid's own export format (`.cgi`, `.ovd`, `.txt`), which Ovid also offers as "EndNote" or
"Citavi" although it is not RIS.

Every record starts with a header line `<1>` or `<3001. >` (the record's number in the search).
Two field layouts follow it:

- tagged: `TI  - value`, wrapped lines either indented or not indented at all (Embase abstracts
  continue with bare `Method(s): ...` lines);
- labelled ("Complete Reference" in display form): a field name alone on a line (`Title`,
  `Authors`), its values on the following indented lines.

Records are counted by their headers. Ovid puts the journal, volume, issue and pages in one
`SO` string (`Journal. 12(3):123-9, 2018.`); it is split here when no separate fields exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from review_cli.io.document import Document, Parsed

NAME = "ovid"
LABEL = "Ovid tagged"
TEXT_ONLY = True  # reads doc.iter_lines() only, so the import may keep just the text or the bytes
RECORD_END = r"\n(?=<\s*\d+\s*\.?\s*>[ \t\r]*\n)"  # a place to cut a big file in two

_HEADER = re.compile(r"<\s*(\d+)\s*\.?\s*>")
_HEADER_LINE = re.compile(r"^\s*<\s*\d+\s*\.?\s*>\s*$", re.M)
_TAG = re.compile(r"([A-Z][A-Z0-9]{1,3})\s{1,3}-(?: (.*))?")
_SOURCE = re.compile(
    r"(?P<vol>\d+)\s*(?:\((?P<iss>[^)]*)\))?\s*"
    r"(?:\(no pagination\)|\(pp\.?\s*(?P<pp>[^)]*)\)|:\s*(?P<pages>[A-Za-z]?\d+(?:\s*-\s*[A-Za-z]?\d+)?))?"
    r"\s*,\s*(?:[A-Z][a-z]{2}\s+)?(?P<year>\d{4})"
)

# Labelled layout: the field names Ovid prints, mapped onto tags of the tagged layout.
LABELS = {
    "unique identifier": "UI",
    "accession number": "AN",
    "database": "DB",
    "title": "TI",
    "authors": "AU",
    "author": "AU",
    "authors full name": "FA",
    "source": "SO",
    "journal name": "JN",
    "volume": "VO",
    "issue": "IP",
    "page": "PG",
    "pages": "PG",
    "abstract": "AB",
    "digital object identifier": "DO",
    "doi": "DO",
    "year of publication": "YR",
    "publication year": "YR",
    "issn": "IS",
    "issn print": "IS",
    "language": "LG",
    "publication type": "PT",
    "keyword heading": "KW",
    "keywords": "KW",
    "subject headings": "MH",
    "medical subject headings": "MH",
    "emtree heading": "MH",
    "url": "UR",
    "link to the ovid full text or citation": "UR",
    "pubmed id": "PM",
    "pmid": "PM",
}
LIST_TAGS = frozenset({"AU", "FA", "MH", "KW", "OD", "ID"})


def sniff(doc: Document) -> bool:
    head = doc.text[:4000].lstrip("\ufeff\r\n\t ").replace("\r", "\n")
    return bool(_HEADER.match(head)) and bool(_HEADER_LINE.match(head))


def parse(doc: Document) -> Iterator[Parsed]:
    tags: dict[str, list[str]] = {}
    start = 0
    number_in_search = ""
    last = ""
    labelled = False
    for number, line in enumerate(doc.iter_lines(), start=1):
        text = line.strip().lstrip("\ufeff")
        header = _HEADER.fullmatch(text)
        if header:
            if start:
                yield _record(tags, start, number_in_search)
            tags, start, number_in_search, last, labelled = {}, number, header.group(1), "", False
            continue
        if not start or not text:
            continue
        m = None if labelled else _TAG.fullmatch(text)
        if m and not line.startswith(" "):
            last = m.group(1)
            tags.setdefault(last, []).append((m.group(2) or "").strip())
        elif not line[:1].isspace() and (labelled or not tags):
            labelled = True  # a field name alone on its line
            last = LABELS.get(text.rstrip(":").casefold(), "_" + text)
            tags.setdefault(last, [])
        elif last:
            values = tags[last]
            if not values or (labelled and last in LIST_TAGS):
                values.append(text)
            else:
                values[-1] = f"{values[-1]} {text}".strip()
    if start:
        yield _record(tags, start, number_in_search)


def _first(tags: dict[str, list[str]], *names: str) -> str:
    for n in names:
        for v in tags.get(n, ()):
            if v:
                return v
    return ""


def _record(tags: dict[str, list[str]], line: int, number_in_search: str) -> Parsed:
    source = _first(tags, "SO")
    journal = _first(tags, "JN", "JT", "JX")
    volume, issue, pages = _first(tags, "VO", "VI"), _first(tags, "IP"), _first(tags, "PG")
    if source and not journal:
        journal = source.split(". ", 1)[0].strip()
        m = _SOURCE.search(source[len(journal) :])
        if m:
            volume = volume or m.group("vol")
            issue = issue or (m.group("iss") or "")
            pages = pages or (m.group("pages") or m.group("pp") or "")
    doi = _first(tags, "DO", "DI")
    keywords = [k.lstrip("*") for t in ("KW", "MH") for k in tags.get(t, ())]
    return Parsed(
        line=line,
        key=_first(tags, "UI", "AN") or (f"<{number_in_search}>" if number_in_search else ""),
        fields={
            "title": _first(tags, "TI", "BT"),
            "authors": tags.get("AU") or tags.get("FA") or [],
            "year": _first(tags, "YR", "DP", "PY", "YE") or source,
            "journal": journal,
            "journal_abbrev": _first(tags, "JA", "JB"),
            "volume": volume,
            "issue": issue,
            "pages": pages,
            "doi": doi,
            "pmid": _first(tags, "PM", "PMID"),
            "issn": _first(tags, "IS", "ES").split(" ")[0],
            "abstract": _first(tags, "AB"),
            "keywords": keywords,
            "language": _first(tags, "LG", "LA"),
            "type": _first(tags, "PT", "ST"),
            "url": _first(tags, "UR", "XL"),
            "database": _first(tags, "DB"),
        },
    )
