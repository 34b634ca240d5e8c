"""Turns raw field values from any format into the normalised fields of a `Record`.

Parsers only map their tags or columns onto field names; everything that must be the same for
every format (DOI form, year, pages, whitespace, author names) happens once, here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from review_cli.model import LIST_FIELDS, TEXT_FIELDS

_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"</?(?:i|b|em|strong|sup|sub|p|br|h[1-6]|jats:[a-z-]+|inf|scp|u|span)\b[^>]*>", re.I)
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.I)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_PMID = re.compile(r"\d{1,9}")
_DASH = re.compile(r"\s*[-\u2010-\u2015\u2212]+\s*")


def clean(value: Any) -> str:
    """Collapse whitespace, unescape HTML entities, drop inline markup."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return _SPACE.sub(" ", text).strip()


def doi(value: Any) -> str:
    """`https://doi.org/10.1/ABC` -> `10.1/abc`; empty when no DOI is present."""
    text = clean(value)
    if not text:
        return ""
    m = _DOI.search(text.replace("%2F", "/").replace("%2f", "/"))
    if not m:
        return ""
    found = m.group(0).rstrip(".,;)]}>\"'")
    return found.lower()


def year(value: Any) -> int | None:
    m = _YEAR.search(clean(value))
    return int(m.group(1)) if m else None


def pmid(value: Any) -> str:
    text = clean(value)
    text = re.sub(r"^(?:pmid|pubmed)[:\s]*", "", text, flags=re.I)
    m = _PMID.search(text)
    return m.group(0).lstrip("0") if m and text[: m.start()].strip() == "" else ""


def pages(start: Any, end: Any = "") -> str:
    """`5795-813` and `5795 - 5813` -> `5795-5813`; a single page stays as it is."""
    first, last = clean(start), clean(end)
    if not last and first:
        parts = _DASH.split(first, maxsplit=1)
        if len(parts) == 2:
            first, last = parts
    if not first:
        return last
    if not last or last == first:
        return first
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}"


def split_people(value: Any, sep: str = ";") -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [p for v in value for p in split_people(v, sep)]
    return [p for p in (clean(x) for x in str(value).split(sep)) if p]


def author(name: str) -> str:
    """Keep the export's form, tidied: `Smith,  J.A.` -> `Smith, J.A.`."""
    name = clean(name).strip(" ;,")
    return re.sub(r"\s*,\s*", ", ", name)


def keywords(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    out: list[str] = []
    for item in items:
        for k in re.split(r"\s*;\s*", clean(item)):
            if k and k not in out:
                out.append(k)
    return out


def join_abstract(values: Iterable[str]) -> str:
    return clean(" ".join(v for v in values if v))


def fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Normalised field dict (every key of a Record except id/source/origins)."""
    out: dict[str, Any] = {name: clean(raw.get(name)) for name in TEXT_FIELDS}
    out["doi"] = doi(raw.get("doi")) or doi(raw.get("url")) if raw.get("doi") or "doi.org" in str(raw.get("url", "")) else ""
    out["pmid"] = pmid(raw.get("pmid"))
    out["pages"] = pages(raw.get("pages", raw.get("start_page", "")), raw.get("end_page", ""))
    out["year"] = year(raw.get("year"))
    out["authors"] = [a for a in (author(x) for x in split_people(raw.get("authors"))) if a]
    out["keywords"] = keywords(raw.get("keywords"))
    for name in LIST_FIELDS:
        out[name] = tuple(out[name])
    return out
