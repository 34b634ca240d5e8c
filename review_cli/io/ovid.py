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

from review_cli.io import normalise
from review_cli.io.document import Document, Parsed, first

NAME = "ovid"
LABEL = "Ovid tagged"
TEXT_ONLY = True  # reads doc.iter_lines() only, so the import may keep just the text or the bytes

_HEADER = re.compile(r"<\s*(\d+)\s*\.?\s*>")
_HEADER_LINE = re.compile(r"^\s*<\s*\d+\s*\.?\s*>\s*$", re.M)
_TAG = re.compile(r"([A-Z][A-Z0-9]{1,3})\s{1,3}-(?: (.*))?")
_SOURCE = re.compile(
    r"(?P<vol>\d+)\s*(?:\((?P<iss>[^)]*)\))?\s*"
    r"(?:\(no pagination\)|\(pp\.?\s*(?P<pp>[^)]*)\)"
    r"|:\s*(?P<pages>[A-Za-z]?\d+(?:\s*-\s*[A-Za-z]?\d+)?))?"
    r"\s*,\s*(?:[A-Z][a-z]{2}\s+)?(?P<year>\d{4})"
)

# APA PsycInfo's source: `Frontiers in Psychology. Vol.11 2020, ArtID 2210.`, `Journal of X.
# Vol.57(3), Mar 2016, pp. 123-135.`: its volume, issue, pages or article number (ArtID, the
# place of an article without pages).
_PSYCINFO_VOLUME = re.compile(r"\bVol\.?\s*(?P<vol>[\w.-]+?)(?:\((?P<iss>[^)]*)\))?[\s,]")
_PSYCINFO_PAGES = re.compile(r"\bpp\.?\s*(?P<pages>[A-Za-z]?\d+(?:\s*-\s*[A-Za-z]?\d+)?)")
_PSYCINFO_ARTID = re.compile(r"\bArtID:?\s*(?P<number>\S+?)\.?(?:[\s,]|$)")

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



def _record(tags: dict[str, list[str]], line: int, number_in_search: str) -> Parsed:
    source = first(tags, "SO")
    journal = first(tags, "JN", "JT", "JX")
    volume, issue, pages = first(tags, "VO", "VI"), first(tags, "IP"), first(tags, "PG")
    if source and not journal:
        journal = source.split(". ", 1)[0].strip()
        m = _SOURCE.search(source[len(journal) :])
        if m:
            volume = volume or m.group("vol")
            issue = issue or (m.group("iss") or "")
            pages = pages or (m.group("pages") or m.group("pp") or "")
    if source and not volume and (m := _PSYCINFO_VOLUME.search(source)):
        volume, issue = m.group("vol"), issue or (m.group("iss") or "")
    if source and not pages and (m := _PSYCINFO_PAGES.search(source)):
        pages = m.group("pages")
    if source and not pages and (m := _PSYCINFO_ARTID.search(source)):
        pages = normalise.article_number(m.group("number"))
    doi = first(tags, "DO", "DI")
    keywords = [k.lstrip("*") for t in ("KW", "MH") for k in tags.get(t, ())]
    return Parsed(
        line=line,
        key=first(tags, "UI", "AN") or (f"<{number_in_search}>" if number_in_search else ""),
        fields={
            "title": first(tags, "TI", "BT"),
            "authors": tags.get("AU") or tags.get("FA") or [],
            "year": first(tags, "YR", "DP", "PY", "YE") or source,
            "journal": journal,
            "journal_abbrev": first(tags, "JA", "JB"),
            "volume": volume,
            "issue": issue,
            "pages": pages,
            "doi": doi,
            "pmid": first(tags, "PM", "PMID"),
            "issn": first(tags, "IS", "ES").split(" ")[0],
            "abstract": first(tags, "AB"),
            "keywords": keywords,
            "language": first(tags, "LG", "LA"),
            "type": first(tags, "PT", "ST"),
            "url": first(tags, "UR", "XL"),
            "database": first(tags, "DB"),
        },
    )
