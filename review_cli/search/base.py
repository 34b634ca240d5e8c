"""What every search client takes and returns, and the settings read from the environment.

A client has two steps, so a search that is too big or empty is refused before anything is
downloaded: `count(http, query)` asks the service for the number of hits, then
`download(http, query, count, progress)` fetches every page and returns the bytes to save.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from review_cli.errors import ReviewError
from review_cli.progress import Progress
from review_cli.search.http import Http, Settings


@dataclass(frozen=True)
class Query:
    """A query as the user wrote it, plus its limits (dates are YYYY-MM-DD, "" = open)."""

    text: str
    published_from: str = ""
    published_to: str = ""
    added_from: str = ""  # updates: records the database added on or after this date
    added_to: str = ""

    def limits(self) -> dict[str, str]:
        return {
            k: v
            for k, v in (
                ("published_from", self.published_from),
                ("published_to", self.published_to),
                ("added_from", self.added_from),
                ("added_to", self.added_to),
            )
            if v
        }


@dataclass
class Count:
    total: int
    sent: dict[str, str]  # the count request's parameters, minus secrets
    details: dict[str, Any] = field(default_factory=dict)  # e.g. PubMed's query translation


@dataclass
class Download:
    data: bytes  # the file to save under searches/<source>/
    received: int  # records in `data`
    sent: dict[str, str]  # parameters of the first page request, minus secrets
    details: dict[str, Any] = field(default_factory=dict)


class Client(Protocol):
    NAME: str  # command-line name: pubmed, europepmc, ...
    LABEL: str  # the database, for people: "PubMed"
    PLATFORM: str  # PRISMA-S item 1: "PubMed via NCBI E-utilities"
    FORMAT: str  # the io format the saved file is imported with
    SUFFIX: str  # file name suffix of the saved file

    @property
    def endpoint(self) -> str: ...

    def http(self, settings: Settings) -> Http: ...

    def count(self, http: Http, query: Query) -> Count: ...

    def download(self, http: Http, query: Query, count: Count, progress: Progress) -> Download: ...


def env(name: str) -> str:
    return os.environ.get(name, "").strip()


def base_url(var: str, default: str) -> str:
    """A base URL ending in "/", from `$var` when set (mirrors, proxies, tests)."""
    url = env(var) or default
    if not url.startswith(("http://", "https://")):
        raise ReviewError(
            f"${var} must be an http(s) URL (got {url!r})", hint=f"unset {var} to use {default}"
        )
    return url if url.endswith("/") else url + "/"


def shown_url(url: str) -> str:
    """A URL fit for the log: any `user:password@` of a proxy or mirror removed."""
    return re.sub(r"^(https?://)[^/@]*@", r"\1", url)


def page_size(default: int) -> int:
    """The page size, capped by $REVIEW_SEARCH_PAGE_SIZE (tests use tiny pages)."""
    raw = env("REVIEW_SEARCH_PAGE_SIZE")
    if raw.isdigit() and int(raw) > 0:
        return min(default, int(raw))
    return default


def parse_date(value: str, option: str) -> dt.date:
    """YYYY, YYYY-MM or YYYY-MM-DD (slashes accepted) -> the first day it names."""
    text = value.strip().replace("/", "-")
    parts = text.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return dt.date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
        if len(parts) == 3:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        pass
    raise ReviewError(
        f"{option} {value!r} is not a date", hint="write dates as YYYY-MM-DD, YYYY-MM or YYYY"
    )


def end_date(value: str, option: str) -> dt.date:
    """The last day a YYYY / YYYY-MM / YYYY-MM-DD value names (for --to)."""
    start = parse_date(value, option)
    parts = value.strip().replace("/", "-").split("-")
    if len(parts) == 1:
        return dt.date(start.year, 12, 31)
    if len(parts) == 2:
        nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return start
