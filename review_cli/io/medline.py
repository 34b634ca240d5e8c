"""PubMed/MEDLINE (`.nbib`, `.txt`, and often misnamed `.ris`), and ERIC's nbib look-alike.

Layout: a tag padded to four characters, `- `, the value (`PMID- 123`, `TI  - ...`,
`FAU - Smith, John`); wrapped values continue on lines indented by six spaces; records are
separated by blank lines. A record normally starts with `PMID-`; ERIC's nbib has no PMID and
starts with `OWN - ERIC`. The DOI is in `LID`/`AID` with a `[doi]` suffix (ERIC puts a doi.org
URL in `AID`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from review_cli.io import normalise
from review_cli.io.document import Document, Parsed, Skip, first

NAME = "medline"
LABEL = "PubMed/MEDLINE (nbib)"
TEXT_ONLY = True  # reads doc.iter_lines() only, so the import may keep just the text or the bytes

_TAG = re.compile(r"([A-Z][A-Z0-9]{1,3}) {0,3}- ?(.*)")
# Tags only MEDLINE writes (RIS has none of them), so a misnamed .ris is recognised.
_MEDLINE_ONLY = re.compile(
    r"^(?:PMID|OWN |STAT|FAU |LID |AID |OID |DCOM|JT  |TA  |DP  |PHST|EDAT)- ", re.M
)
_RIS_TY = re.compile(r"^\s*TY\s{1,2}-", re.M)


def sniff(doc: Document) -> bool:
    head = doc.text[:20000].lstrip("\ufeff").replace("\r", "\n")
    return len(_MEDLINE_ONLY.findall(head)) >= 2 and not _RIS_TY.search(head)


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    tags: dict[str, list[str]] = {}
    start = 0
    last = ""
    for number, line in enumerate(doc.iter_lines(), start=1):
        if not line.strip():
            if tags:
                yield _record(tags, start)
                tags = {}
            continue
        if line.startswith(" ") and tags and last:
            values = tags[last]
            values[-1] = f"{values[-1]} {line.strip()}"
            continue
        m = _TAG.fullmatch(line.lstrip("\ufeff").rstrip())
        if m is None or not 2 <= line.find("-") <= 5:
            if tags and last:  # an unindented wrapped line: keep it with the field it belongs to
                tags[last][-1] = f"{tags[last][-1]} {line.strip()}"
            else:
                yield Skip(
                    number, f"line is not a MEDLINE `TAG - value` line: {line.strip()[:60]!r}"
                )
            continue
        tag, value = m.group(1), m.group(2).strip()
        if tag == "PMID" and "PMID" in tags:  # records not separated by a blank line
            yield _record(tags, start)
            tags = {}
        if not tags:
            start = number
        tags.setdefault(tag, []).append(value)
        last = tag
    if tags:
        yield _record(tags, start)



def _doi(tags: dict[str, list[str]]) -> str:
    for tag in ("LID", "AID"):
        for v in tags.get(tag, ()):
            if v.endswith("[doi]"):
                return v[:-5].strip()
    for tag in ("AID", "LID", "SO"):
        for v in tags.get(tag, ()):
            if "10." in v and ("doi" in v.lower()):
                return v
    return ""


def _article_number(tags: dict[str, list[str]]) -> str:
    """An article without pages (no PG) is placed by its electronic location: the LID that
    carries no `[doi]` or `[pii]` label (eLife's `e80092`, PLOS ONE's `e0226897`)."""
    for v in tags.get("LID", ()):
        if "[" not in v:
            number = normalise.article_number(v)
            if number:
                return number
    return ""


def _url(tags: dict[str, list[str]]) -> str:
    for tag in ("LID", "AID", "URL"):
        for v in tags.get(tag, ()):
            if v.startswith("http") and "doi.org" not in v:
                return v
    return ""


def _record(tags: dict[str, list[str]], line: int) -> Parsed:
    pmid = first(tags, "PMID")
    own = first(tags, "OWN")
    authors = tags.get("FAU") or tags.get("AU") or []
    authors = authors + tags.get("CN", [])
    return Parsed(
        line=line,
        key=pmid or first(tags, "OID", "AN"),
        fields={
            "title": first(tags, "TI", "BTI", "TT"),
            "authors": authors,
            "year": first(tags, "DP", "DEP", "EDAT"),
            "journal": first(tags, "JT", "TA") or first(tags, "BTI"),
            "journal_abbrev": first(tags, "TA"),
            "volume": first(tags, "VI"),
            "issue": first(tags, "IP"),
            "pages": first(tags, "PG") or _article_number(tags),
            "doi": _doi(tags),
            "pmid": pmid,
            # ERIC writes `ISSN- ISSN-1234-4567`
            "issn": re.sub(r"\s*\(.*\)$", "", first(tags, "IS", "ISSN")).removeprefix("ISSN-"),
            "abstract": first(tags, "AB"),
            "keywords": tags.get("OT", []) + tags.get("MH", []),
            "language": first(tags, "LA"),
            "type": first(tags, "PT"),
            "url": _url(tags),
            "database": "PubMed" if pmid else own,
        },
    )
