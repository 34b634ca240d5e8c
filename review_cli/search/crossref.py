"""Crossref /works: `query=` with cursor paging (`rows` up to 1000), polite pool via mailto.

Saved as JSON lines, one API page per line. `next-cursor` keeps appearing after the last
page, so paging stops on an empty or short page.
"""

from __future__ import annotations

from typing import Any

from review_cli.progress import Progress
from review_cli.search.base import Count, Download, Query, base_url, env, page_size, shown_url
from review_cli.search.http import Http, Rejected, Settings, Transient, json_body, public_params
from review_cli.search.pages import pages_bytes, short_download

DEFAULT_URL = "https://api.crossref.org/"


class Crossref:
    NAME = "crossref"
    LABEL = "Crossref"
    PLATFORM = "Crossref REST API"
    FORMAT = "crossref-json"
    SUFFIX = ".crossref.jsonl"

    def __init__(self) -> None:
        self.base = base_url("REVIEW_CROSSREF_URL", DEFAULT_URL)
        self.email = env("REVIEW_EMAIL")
        self.token = env("CROSSREF_PLUS_TOKEN")
        self.size = page_size(500)

    @property
    def endpoint(self) -> str:
        return f"{shown_url(self.base)}works (query=, cursor paging)"

    def http(self, settings: Settings) -> Http:
        headers = {"Crossref-Plus-API-Token": f"Bearer {self.token}"} if self.token else {}
        # List queries since 2025-12: 1 request/s in the public pool, 3/s in the polite pool.
        interval = 0.34 if (self.email or self.token) else 1.0
        return Http(
            self.LABEL,
            settings,
            min_interval=interval,
            secrets=tuple(s for s in (self.email, self.token) if s),
            headers=headers,
            key_hint="Crossref refused the request: check $CROSSREF_PLUS_TOKEN (or unset "
            "it to use the public pool)",
        )

    def _params(self, query: Query, cursor: str, rows: int) -> dict[str, str]:
        params = {"query": query.text.strip(), "rows": str(rows)}
        flt = []
        if query.published_from:
            flt.append(f"from-pub-date:{query.published_from}")
        if query.published_to:
            flt.append(f"until-pub-date:{query.published_to}")
        if query.added_from:
            flt.append(f"from-index-date:{query.added_from}")
        if query.added_to:
            flt.append(f"until-index-date:{query.added_to}")
        if flt:
            params["filter"] = ",".join(flt)
        if cursor:
            params["cursor"] = cursor
        if self.email:
            params["mailto"] = self.email
        return params

    def count(self, http: Http, query: Query) -> Count:
        params = self._params(query, "", 0)
        page = http.request(f"{self.base}works", params, _parse, what="search")
        return Count(int(page["message"]["total-results"]), public_params(params))

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
            items = page["message"]["items"]
            if items:
                pages.append(page)
            received += len(items)
            progress.advance(len(items))
            nxt = page["message"].get("next-cursor")
            if len(items) < self.size or not nxt or received >= count.total:
                break
            cursor = nxt
        progress.done()
        short_download(self.LABEL, count.total, received)
        return Download(pages_bytes(pages), received, first)


def _parse(resp: Any) -> dict[str, Any]:
    data = json_body(resp)
    if isinstance(data, dict) and data.get("status") == "failed":
        msgs = data.get("message")
        if isinstance(msgs, list):
            text = "; ".join(
                str(m.get("message", m)) if isinstance(m, dict) else str(m) for m in msgs
            )
        else:
            text = str(msgs)
        raise Rejected(text)
    msg = data.get("message") if isinstance(data, dict) else None
    if not isinstance(msg, dict) or not isinstance(msg.get("total-results"), int):
        raise Transient("answer has no message.total-results")
    msg.setdefault("items", [])
    if not isinstance(msg["items"], list):
        raise Transient("message.items is not a list")
    answer: dict[str, Any] = data
    return answer
