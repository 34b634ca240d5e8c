"""OpenAlex /works answers (JSON), as `review search` saves them.

Abstracts come as an inverted index (word -> positions) and are rebuilt as pyalex does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from review_cli.io import jsonpages
from review_cli.io.document import Document, Parsed, Skip

NAME = "openalex-json"
LABEL = "OpenAlex JSON"


def sniff(doc: Document) -> bool:
    return jsonpages.head_matches(
        doc, r'"https://openalex\.org/W\d+"', r'"abstract_inverted_index"\s*:'
    )


def rebuild_abstract(inverted: Mapping[str, Sequence[int]] | None) -> str:
    """The abstract text from OpenAlex's inverted index; "" when there is none."""
    if not inverted:
        return ""
    return " ".join(w for _, w in sorted((p, w) for w, ps in inverted.items() for p in ps))


def _items(page: Any) -> list[Any] | None:
    if isinstance(page, dict) and isinstance(page.get("results"), list):
        return list(page["results"])
    return None


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    return jsonpages.records(doc, _items, _record)


def _record(w: dict[str, Any], line: int) -> Parsed:
    loc = w.get("primary_location") or {}
    src = loc.get("source") or {}
    biblio = w.get("biblio") or {}
    ids = w.get("ids") or {}
    pmid = re.search(r"(\d+)\s*/?$", str(ids.get("pmid") or ""))
    authors = [
        (a.get("author") or {}).get("display_name") or a.get("raw_author_name") or ""
        for a in w.get("authorships") or []
        if isinstance(a, dict)
    ]
    keywords = [
        k.get("display_name", "") if isinstance(k, dict) else str(k)
        for k in w.get("keywords") or []
    ]
    wid = str(w.get("id") or "")
    return Parsed(
        line=line,
        key=wid.rsplit("/", 1)[-1],
        fields={
            "title": w.get("title") or w.get("display_name"),
            "authors": [a for a in authors if a],
            "year": w.get("publication_year") or w.get("publication_date"),
            "journal": src.get("display_name"),
            "volume": biblio.get("volume"),
            "issue": biblio.get("issue"),
            "start_page": biblio.get("first_page"),
            "end_page": biblio.get("last_page"),
            "doi": w.get("doi"),
            "pmid": pmid.group(1) if pmid else "",
            "issn": src.get("issn_l") or jsonpages.text(src.get("issn")),
            "abstract": rebuild_abstract(w.get("abstract_inverted_index")),
            "keywords": [k for k in keywords if k],
            "language": w.get("language"),
            "type": w.get("type"),
            "url": wid,
            "database": "OpenAlex",
        },
    )
