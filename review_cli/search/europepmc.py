"""Europe PMC REST search: cursorMark paging, resultType=core (abstracts included).

Saved as JSON lines, one API page per line, exactly the objects the service returned.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from review_cli.progress import Progress
from review_cli.search.base import Count, Download, Query, base_url, env, page_size, shown_url
from review_cli.search.http import Http, Settings, Transient, json_body, public_params
from review_cli.search.pages import pages_bytes, short_download

DEFAULT_URL = "https://www.ebi.ac.uk/europepmc/webservices/rest/"


class EuropePMC:
    NAME = "europepmc"
    LABEL = "Europe PMC"
    PLATFORM = "Europe PMC REST API"
    FORMAT = "europepmc-json"
    SUFFIX = ".europepmc.jsonl"

    def __init__(self) -> None:
        self.base = base_url("REVIEW_EUROPEPMC_URL", DEFAULT_URL)
        self.email = env("REVIEW_EMAIL")
        self.size = page_size(1000)

    @property
    def endpoint(self) -> str:
        return f"{shown_url(self.base)}search (format=json, resultType=core)"

    def http(self, settings: Settings) -> Http:
        # No published limit: a few requests per second, one at a time.
        headers = {"User-Agent": f"review-cli (mailto:{self.email})"} if self.email else {}
        return Http(
            self.LABEL, settings, min_interval=0.2, secrets=(self.email,) if self.email else (),
            headers=headers,
        )

    def term(self, query: Query) -> str:
        term = query.text.strip()
        parts = []
        if query.published_from or query.published_to:
            parts.append(
                f"FIRST_PDATE:[{query.published_from or '1000-01-01'} "
                f"TO {query.published_to or '3000-12-31'}]"
            )
        if query.added_from or query.added_to:
            # FIRST_IDATE: the date Europe PMC first indexed the record (updates).
            parts.append(
                f"FIRST_IDATE:[{query.added_from or '1000-01-01'} "
                f"TO {query.added_to or '3000-12-31'}]"
            )
        return " AND ".join([f"({term})", *parts]) if parts else term

    def _params(self, query: Query, cursor: str, size: int) -> dict[str, str]:
        return {
            "query": self.term(query), "format": "json", "resultType": "core",
            "pageSize": str(size), "cursorMark": cursor,
        }

    def count(self, http: Http, query: Query) -> Count:
        params = {**self._params(query, "*", 1), "resultType": "idlist"}
        page = http.request(f"{self.base}search", params, _parse, what="search")
        return Count(int(page["hitCount"]), public_params(params))

    def download(self, http: Http, query: Query, count: Count, progress: Progress) -> Download:
        progress.start(f"{self.LABEL}: downloading", total=count.total)
        pages: list[Any] = []
        received = 0
        cursor = "*"
        first = public_params(self._params(query, cursor, self.size))
        while True:
            params = self._params(query, cursor, self.size)
            page = http.request(f"{self.base}search", params, _parse, what="download")
            results = page["resultList"]["result"]
            pages.append(page)
            received += len(results)
            progress.advance(len(results))
            nxt = page.get("nextCursorMark")
            # Officially a missing mark ends the set; some replies echo the cursor sent instead.
            if not results or not nxt or nxt == cursor or received >= count.total:
                break
            cursor = nxt
        progress.done()
        short_download(self.LABEL, count.total, received)
        # PRISMA-S item 2: Europe PMC searches several databases at once (SRC codes).
        databases = Counter(
            str(r.get("source", "?")) for p in pages for r in p["resultList"]["result"]
        )
        return Download(
            pages_bytes(pages), received, first, {"databases": dict(sorted(databases.items()))}
        )


def _parse(resp: Any) -> dict[str, Any]:
    data = json_body(resp)
    # A stub like {"version": "6.9"} is a hiccup, not zero hits.
    if (
        not isinstance(data, dict) or not isinstance(data.get("resultList"), dict)
        or "hitCount" not in data
    ):
        raise Transient("answer has no resultList/hitCount")
    if not isinstance(data["resultList"].get("result", []), list):
        raise Transient("resultList.result is not a list")
    data["resultList"].setdefault("result", [])
    return data
