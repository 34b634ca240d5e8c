"""Europe PMC REST answers (JSON, `resultType=core` or `lite`), as `review search` saves them.

Key = SOURCE:ID (MED:34000001). `core` nests the journal under `journalInfo`; `lite` is flat.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from review_cli.io import jsonpages
from review_cli.io.document import Document, Parsed, Skip

NAME = "europepmc-json"
LABEL = "Europe PMC JSON"


def sniff(doc: Document) -> bool:
    return jsonpages.head_matches(
        doc, r'"resultList"\s*:', r'"hitCount"\s*:', r'"authorString"\s*:.*"pubYear"\s*:'
    )


def _items(page: Any) -> list[Any] | None:
    if isinstance(page, dict) and isinstance(page.get("resultList"), dict):
        return list(page["resultList"].get("result") or [])
    return None


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    return jsonpages.records(doc, _items, _record)


def _record(r: dict[str, Any], line: int) -> Parsed:
    info = r.get("journalInfo") or {}
    journal = info.get("journal") or {}
    authors = [a.get("fullName") or " ".join(x for x in (a.get("lastName"), a.get("initials")) if x)
               for a in (r.get("authorList") or {}).get("author", []) if isinstance(a, dict)]
    if not any(authors) and r.get("authorString"):
        authors = [a for a in str(r["authorString"]).rstrip(".").split(", ") if a]
    keywords = (r.get("keywordList") or {}).get("keyword", [])
    types = (r.get("pubTypeList") or {}).get("pubType", [])
    src, rid = jsonpages.text(r.get("source")), jsonpages.text(r.get("id"))
    return Parsed(
        line=line,
        key=f"{src}:{rid}" if src and rid else rid,
        fields={
            "title": r.get("title"),
            "authors": [a for a in authors if a],
            "year": (
                r.get("pubYear") or info.get("yearOfPublication") or r.get("firstPublicationDate")
            ),
            "journal": journal.get("title") or r.get("journalTitle"),
            "journal_abbrev": journal.get("isoabbreviation") or journal.get("medlineAbbreviation"),
            "volume": info.get("volume") or r.get("journalVolume"),
            "issue": info.get("issue") or r.get("issue"),
            "pages": r.get("pageInfo"),
            "doi": r.get("doi"),
            "pmid": r.get("pmid"),
            "issn": journal.get("issn") or journal.get("essn") or r.get("journalIssn"),
            "abstract": r.get("abstractText"),
            "keywords": keywords if isinstance(keywords, list) else [keywords],
            "language": r.get("language"),
            "type": "; ".join(types) if isinstance(types, list) else types,
            "url": f"https://europepmc.org/article/{src}/{rid}" if src and rid else "",
            "database": f"Europe PMC ({src})" if src else "Europe PMC",
        },
    )
