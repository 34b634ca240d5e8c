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


# Lower-case particles that belong to the family name ("Ludwig van Beethoven"), suffixes that
# follow it, and words that mark a corporate author, whose name is never inverted.
_PARTICLES = frozenset(
    "van von der den de del della di da dos das du le la ten ter bin ibn al el st".split()
)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_CORPORATE = re.compile(
    r"\b(group|study|consortium|collaborat\w*|investigators|committee|trial|society|"
    r"association|network|organi[sz]ation|institute|team|council|foundation)\b", re.I
)


def family_first(name: str) -> str:
    """OpenAlex gives "Jane Q. Doe"; records elsewhere are "Doe, Jane Q." (RIS, Crossref), and
    dedup and the exports read the family name before the comma. "Ludwig van Beethoven" ->
    "van Beethoven, Ludwig"; "John Smith Jr." -> "Smith, John, Jr."; a name with a comma, a
    single word or a corporate author is kept as written."""
    words = name.split()
    if "," in name or len(words) < 2 or _CORPORATE.search(name):
        return name
    suffix = words.pop() if words[-1].lower() in _SUFFIXES and len(words) > 2 else ""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    family, given = " ".join(words[start:]), " ".join(words[:start])
    return f"{family}, {given}" + (f", {suffix}" if suffix else "")


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
        family_first((a.get("author") or {}).get("display_name") or a.get("raw_author_name") or "")
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
