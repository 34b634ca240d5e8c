"""Web of Science plain-text tagged export (`.txt`, `.ciw`, `.isi`, often misnamed `.ris`).

Layout: a header (`FN Clarivate Analytics Web of Science` or, before 2017, `FN Thomson Reuters
Web of Science`; then `VR 1.0`), records from `PT J` to `ER`, the file closed by `EF`. A tag is
two characters and one space; repeated values (AU, AF, CR, C1) and wrapped text continue on
lines indented by three spaces. Zoological Record and BIOSIS exports use the same layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from review_cli.io import normalise
from review_cli.io.document import Document, Parsed, Skip, first

NAME = "wos"
LABEL = "Web of Science tagged"
TEXT_ONLY = True  # reads doc.iter_lines() only, so the import may keep just the text or the bytes

_HEADER = re.compile(
    r"^\ufeff?FN .*(?:Web of Science|Zoological Record|BIOSIS|Clarivate|Thomson)", re.I
)
_PT = re.compile(r"^PT [A-Z]\s*$", re.M)
_ER = re.compile(r"^ER\s*$", re.M)
LIST_TAGS = frozenset({"AU", "AF", "CA", "BA", "BF", "CR", "C1", "ED"})


def sniff(doc: Document) -> bool:
    head = doc.text[:200_000].lstrip("\ufeff\r\n ").replace("\r", "\n")
    if _HEADER.match(head):
        return True
    return head.startswith("PT ") and bool(_PT.search(head)) and bool(_ER.search(head))


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    tags: dict[str, list[str]] = {}
    start = 0
    last = ""
    for number, line in enumerate(doc.iter_lines(), start=1):
        line = line.lstrip("\ufeff").rstrip()
        if not line:
            continue
        if line.startswith("   "):  # continuation: another value of a list field, or wrapped text
            if tags and last:
                if last in LIST_TAGS:
                    tags[last].append(line.strip())
                else:
                    tags[last][-1] = f"{tags[last][-1]} {line.strip()}"
            continue
        tag, value = line[:2], line[3:].strip()
        if tag == "ER":
            if tags:
                yield _record(tags, start)
            else:
                yield Skip(number, "`ER` line without a record before it")
            tags, last = {}, ""
            continue
        if tag in ("FN", "VR", "EF") and not tags:
            continue
        if tag == "PT":
            if tags:
                yield Skip(
                    start, "record has no `ER` end line; it was cut off by the next `PT`", True
                )
            tags, start = {}, number
        elif not tags:
            start = number  # a record without PT (some Zoological Record files)
        tags.setdefault(tag, []).append(value)
        last = tag
    if tags:
        yield Skip(start, "the file ends inside a record (no `ER` line): truncated export?", True)



def _record(tags: dict[str, list[str]], line: int) -> Parsed:
    keywords = [k for t in ("DE", "ID") for v in tags.get(t, ()) for k in v.split(";")]
    start_page = first(tags, "BP")
    return Parsed(
        line=line,
        key=first(tags, "UT"),
        fields={
            "title": first(tags, "TI"),
            # AU (`Smith, JA`) matches WoS's RIS export, so one database gives one author form.
            "authors": tags.get("AU") or tags.get("AF") or tags.get("CA") or [],
            "year": first(tags, "PY", "EY", "EA", "PD"),  # early access: no PY yet
            "journal": first(tags, "SO", "SE"),
            "journal_abbrev": first(tags, "JI", "J9"),
            "volume": first(tags, "VL"),
            "issue": normalise.with_supplement(first(tags, "IS"), first(tags, "SU")),
            "start_page": start_page or first(tags, "AR").removeprefix("UNSP "),
            "end_page": first(tags, "EP") if start_page else "",
            "doi": first(tags, "DI", "D2"),
            "pmid": first(tags, "PM"),
            "issn": first(tags, "SN", "EI"),
            "abstract": first(tags, "AB"),
            "keywords": keywords,
            "language": first(tags, "LA"),
            "type": first(tags, "DT", "PT"),
            "url": "",
            "database": "Web of Science",
        },
    )
