"""OpenAlex /works: `search=` with cursor paging, 100 per page (the current documented maximum).

Saved as JSON lines, one API page per line. A key ($OPENALEX_API_KEY) is sent as `api_key`;
$REVIEW_EMAIL as `mailto` (harmless, may still help).
"""

from __future__ import annotations

from typing import Any

from review_cli.progress import Progress
from review_cli.search.base import Count, Download, Query, base_url, env, page_size, shown_url
from review_cli.search.http import Http, Rejected, Settings, Transient, json_body, public_params
from review_cli.search.pages import pages_bytes, short_download

DEFAULT_URL = "https://api.openalex.org/"


class OpenAlex:
    NAME = "openalex"
    LABEL = "OpenAlex"
    PLATFORM = "OpenAlex API"
    FORMAT = "openalex-json"
    SUFFIX = ".openalex.jsonl"

    def __init__(self) -> None:
        self.base = base_url("REVIEW_OPENALEX_URL", DEFAULT_URL)
        self.api_key = env("OPENALEX_API_KEY")
        self.email = env("REVIEW_EMAIL")
        # Older docs and pyalex allow 200; the current docs say 1-100, and 200 may be refused.
        self.size = page_size(100)

    @property
    def endpoint(self) -> str:
        return f"{shown_url(self.base)}works (search=, cursor paging)"

    def http(self, settings: Settings) -> Http:
        return Http(
            self.LABEL,
            settings,
            min_interval=0.1,
            secrets=tuple(s for s in (self.api_key, self.email) if s),
            key_hint="OpenAlex refused the request: check $OPENALEX_API_KEY (a free key is needed "
            "since 2026-02) and the day's budget",
        )

    def _filter(self, query: Query) -> str:
        parts = []
        # OpenAlex has no index-date filter open to every key, so updates use publication dates
        # from the last run on: late-indexed older works are caught by re-running in full.
        lo = query.published_from or query.added_from
        hi = query.published_to
        if lo:
            parts.append(f"from_publication_date:{lo}")
        if hi:
            parts.append(f"to_publication_date:{hi}")
        return ",".join(parts)

    def _params(self, query: Query, cursor: str, size: int) -> dict[str, str]:
        params = {"search": query.text.strip(), "per_page": str(size), "cursor": cursor}
        flt = self._filter(query)
        if flt:
            params["filter"] = flt
        if self.email:
            params["mailto"] = self.email
        if self.api_key:
            params["api_key"] = self.api_key
        return params

    def count(self, http: Http, query: Query) -> Count:
        params = self._params(query, "*", 1)
        page = http.request(f"{self.base}works", params, _parse, what="search")
        return Count(int(page["meta"]["count"]), public_params(params))

    def download(self, http: Http, query: Query, count: Count, progress: Progress) -> Download:
        progress.start(f"{self.LABEL}: downloading", total=count.total)
        pages: list[Any] = []
        received = 0
        cursor = "*"
        first = public_params(self._params(query, cursor, self.size))
        while True:
            page = http.request(
                f"{self.base}works", self._params(query, cursor, self.size), _parse,
                what="download",
            )
            results = page["results"]
            pages.append(page)
            received += len(results)
            progress.advance(len(results))
            nxt = page["meta"].get("next_cursor")
            if not results or not nxt or nxt == cursor:
                break
            cursor = nxt
        progress.done()
        short_download(self.LABEL, count.total, received)
        return Download(pages_bytes(pages), received, first)


def _parse(resp: Any) -> dict[str, Any]:
    data = json_body(resp)
    if isinstance(data, dict) and data.get("error") and "results" not in data:
        raise Rejected(f"{data.get('error')}: {data.get('message', '')}".strip(": "))
    if (
        not isinstance(data, dict) or not isinstance(data.get("meta"), dict)
        or not isinstance(data.get("results"), list)
    ):
        raise Transient("answer has no meta/results")
    if not isinstance(data["meta"].get("count"), int):
        raise Transient("meta.count is missing")
    return data
