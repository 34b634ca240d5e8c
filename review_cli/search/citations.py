"""Citation searching through OpenAlex: the works the seed studies cite (backward) and the
works citing them (forward).

A seed is found by its OpenAlex id (a record that came from OpenAlex), else its DOI, its PMID,
or its title (a `search=` whose best hit must have the same title, letters and digits
compared, and a year within one of the seed's). Backward: the seeds' `referenced_works`,
fetched 50 ids at a time with `filter=openalex:W1|W2|...`. Forward: `filter=cites:W` with
cursor paging, seed by seed. The answers are saved as JSON lines, one API page per line, the
shape `review search openalex` saves, so they are imported by the same reader.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from review_cli.progress import Progress
from review_cli.search.base import base_url, env, page_size, shown_url
from review_cli.search.fulltext import openalex_id
from review_cli.search.http import Http, Rejected, Settings, Transient, json_body, public_params
from review_cli.search.openalex import DEFAULT_URL
from review_cli.search.pages import pages_bytes

BATCH = 50  # ids OR-ed in one filter: OpenAlex allows 100, and the URL stays short
DIRECTIONS = ("backward", "forward")


@dataclass(frozen=True)
class Seed:
    unit: str
    title: str
    year: int | None
    doi: str = ""
    pmid: str = ""
    url: str = ""


@dataclass
class Found:
    seed: Seed
    work: str  # W id, "" when OpenAlex has no such work
    by: str  # how it was found: openalex id, doi, pmid, title
    references: list[str] = field(default_factory=list)  # W ids it cites
    cited_by_count: int = 0


@dataclass
class Harvest:
    data: bytes  # the pages to save
    received: int  # works in `data`
    per_seed: dict[str, int]  # seed unit -> works found from it (before overlaps are merged)
    first_request: dict[str, str]  # parameters of the first list request, minus secrets


def _key(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "", folded)


class Citations:
    NAME = "citations"
    LABEL = "OpenAlex"
    PLATFORM = "OpenAlex API"
    FORMAT = "openalex-json"
    SUFFIX = ".openalex.jsonl"

    def __init__(self) -> None:
        self.base = base_url("REVIEW_OPENALEX_URL", DEFAULT_URL)
        self.api_key = env("OPENALEX_API_KEY")
        self.email = env("REVIEW_EMAIL")
        self.size = page_size(100)

    def endpoint(self, direction: str) -> str:
        how = "referenced_works, filter=openalex:" if direction == "backward" else "filter=cites:"
        return f"{shown_url(self.base)}works ({how})"

    def http(self, settings: Settings) -> Http:
        return Http(
            self.LABEL, settings, min_interval=0.1,
            secrets=tuple(s for s in (self.api_key, self.email) if s),
            key_hint="OpenAlex refused the request: check $OPENALEX_API_KEY (a free key is needed "
            "since 2026-02) and the day's budget",
        )

    def _params(self, **extra: str) -> dict[str, str]:
        params = dict(extra)
        if self.email:
            params["mailto"] = self.email
        if self.api_key:
            params["api_key"] = self.api_key
        return params

    # --- the seeds -----------------------------------------------------------------------
    def find(self, http: Http, seed: Seed) -> Found:
        for by, key in (("openalex id", openalex_id(seed.url)), ("doi", seed.doi),
                        ("pmid", seed.pmid)):
            if not key:
                continue
            path = key if by == "openalex id" else f"{by}:{key}"
            work = http.request(f"{self.base}works/{path}", self._params(), _work,
                                what="lookup", absent=frozenset({404}))
            if work:
                return _found(seed, work, by)
        if seed.title:
            page = http.request(
                f"{self.base}works", self._params(search=seed.title, per_page="5"), _page,
                what="lookup",
            )
            for work in page["results"]:
                year = work.get("publication_year")
                if _key(str(work.get("title") or "")) == _key(seed.title) and (
                    seed.year is None or not isinstance(year, int) or abs(year - seed.year) <= 1
                ):
                    return _found(seed, work, "title")
        return Found(seed, "", "")

    # --- backward and forward --------------------------------------------------------------
    def backward(self, http: Http, found: Sequence[Found], progress: Progress) -> Harvest:
        wanted = sorted({w for f in found for w in f.references})
        progress.start("OpenAlex: the studies' references", total=len(wanted))
        pages: list[Any] = []
        received: set[str] = set()
        first: dict[str, str] = {}
        step = min(BATCH, self.size)
        for i in range(0, len(wanted), step):
            batch = wanted[i: i + step]
            params = self._params(filter="openalex:" + "|".join(batch), per_page=str(len(batch)))
            first = first or public_params(params)
            page = http.request(f"{self.base}works", params, _page, what="download")
            pages.append(page)
            received.update(openalex_id(str(w.get("id") or "")) for w in page["results"])
            progress.advance(len(batch))
        progress.done()
        per_seed = {f.seed.unit: len(set(f.references) & received) for f in found}
        return Harvest(pages_bytes(pages), sum(len(p["results"]) for p in pages), per_seed, first)

    def forward(self, http: Http, found: Sequence[Found], progress: Progress) -> Harvest:
        progress.start("OpenAlex: the studies citing them",
                       total=sum(f.cited_by_count for f in found) or None)
        pages: list[Any] = []
        per_seed: dict[str, int] = {}
        first: dict[str, str] = {}
        for f in found:
            cursor = "*"
            n = 0
            while True:
                params = self._params(filter=f"cites:{f.work}", per_page=str(self.size),
                                      cursor=cursor)
                first = first or public_params(params)
                page = http.request(f"{self.base}works", params, _page, what="download")
                results = page["results"]
                if results:
                    pages.append(page)
                n += len(results)
                progress.advance(len(results))
                nxt = page["meta"].get("next_cursor")
                if not results or not nxt or nxt == cursor:
                    break
                cursor = nxt
            per_seed[f.seed.unit] = n
        progress.done()
        return Harvest(pages_bytes(pages), sum(per_seed.values()), per_seed, first)


def _found(seed: Seed, work: dict[str, Any], by: str) -> Found:
    refs = [openalex_id(str(r)) for r in work.get("referenced_works") or []]
    count = work.get("cited_by_count")
    return Found(seed, openalex_id(str(work.get("id") or "")), by, [r for r in refs if r],
                 count if isinstance(count, int) else 0)


def _work(resp: Any) -> dict[str, Any]:
    data = json_body(resp)
    if not isinstance(data, dict) or not openalex_id(str(data.get("id") or "")):
        raise Transient("answer is not an OpenAlex work")
    return data


def _page(resp: Any) -> dict[str, Any]:
    data = json_body(resp)
    if isinstance(data, dict) and data.get("error") and "results" not in data:
        raise Rejected(f"{data.get('error')}: {data.get('message', '')}".strip(": "))
    if (not isinstance(data, dict) or not isinstance(data.get("meta"), dict)
            or not isinstance(data.get("results"), list)):
        raise Transient("answer has no meta/results")
    return data
