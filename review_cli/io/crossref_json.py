"""Crossref /works answers (JSON envelope `message.items`), as `review search` saves them.

Abstracts are JATS XML (`<jats:p>...`): tags stripped, entities unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from review_cli.io import jsonpages
from review_cli.io.document import Document, Parsed, Skip

NAME = "crossref-json"
LABEL = "Crossref JSON"

_ANY_TAG = re.compile(r"<[^>]+>")


def sniff(doc: Document) -> bool:
    return jsonpages.head_matches(
        doc,
        r'"message-type"\s*:\s*"work',
        r'"container-title"\s*:.*"DOI"\s*:',
        r'"DOI"\s*:.*"container-title"\s*:',
    )


def _items(page: Any) -> list[Any] | None:
    if isinstance(page, dict) and isinstance(page.get("message"), dict):
        msg = page["message"]
        if isinstance(msg.get("items"), list):
            return list(msg["items"])
        return [msg]  # a single-work answer (/works/DOI)
    return None


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    return jsonpages.records(doc, _items, _record)


def _year(item: dict[str, Any]) -> Any:
    for key in ("issued", "published-print", "published-online", "published", "created"):
        parts = (item.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and parts[0][0]:
            return parts[0][0]
    return None


def _name(a: dict[str, Any]) -> str:
    if a.get("family"):
        return f"{a['family']}, {a['given']}" if a.get("given") else str(a["family"])
    return str(a.get("name") or "")


def _record(item: dict[str, Any], line: int) -> Parsed:
    abstract = _ANY_TAG.sub(" ", str(item.get("abstract") or ""))
    abstract = re.sub(r"^\s*Abstract\s+", "", abstract)  # JATS <jats:title>Abstract</jats:title>
    doi = jsonpages.text(item.get("DOI"))
    return Parsed(
        line=line,
        key=doi.lower(),
        fields={
            "title": jsonpages.text(item.get("title")),
            "authors": [
                _name(a) for a in item.get("author") or [] if isinstance(a, dict) and _name(a)
            ],
            "year": _year(item),
            "journal": jsonpages.text(item.get("container-title")),
            "journal_abbrev": jsonpages.text(item.get("short-container-title")),
            "volume": item.get("volume"),
            "issue": item.get("issue"),
            "pages": item.get("page"),
            "doi": doi,
            "issn": jsonpages.text(item.get("ISSN")),
            "abstract": abstract,
            "keywords": item.get("subject") or [],
            "language": item.get("language"),
            "type": item.get("type"),
            "url": item.get("URL") or (f"https://doi.org/{doi}" if doi else ""),
            "database": "Crossref",
        },
    )
