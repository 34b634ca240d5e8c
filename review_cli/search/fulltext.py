"""Where an open-access copy of a report is: Unpaywall, Europe PMC and OpenAlex, asked by DOI,
PMID or OpenAlex id, through the shared request helper.

Each source gives candidates: URLs said to be a PDF first, then (Europe PMC only) a web full
text, HTML or JATS XML, kept for when no PDF can be had. Landing pages are never candidates: a
publisher's page about the article is not the report. Sources are asked one after the other,
and only while no report was found (`Finder.candidates` is lazy), so a report found through
Unpaywall costs one lookup.

Unpaywall needs a contact e-mail (`email=`, its only authentication); it is a secret like a
key: scrubbed from everything shown or saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from review_cli.errors import ReviewError
from review_cli.search.base import base_url, env
from review_cli.search.europepmc import DEFAULT_URL as EUROPEPMC_URL
from review_cli.search.http import Http, Settings, Transient, json_body, scrub
from review_cli.search.openalex import DEFAULT_URL as OPENALEX_URL

UNPAYWALL_URL = "https://api.unpaywall.org/v2/"
SOURCES = ("unpaywall", "europepmc", "openalex")
LABELS = {"unpaywall": "Unpaywall", "europepmc": "Europe PMC", "openalex": "OpenAlex"}
NOT_FOUND = frozenset({404})
_OPEN = ("OA", "F")  # Europe PMC availability codes: open access, free to read


@dataclass(frozen=True)
class Ids:
    """What a report is looked up by."""

    doi: str = ""
    pmid: str = ""
    openalex: str = ""  # W123, when the record came from OpenAlex

    def __bool__(self) -> bool:
        return bool(self.doi or self.pmid or self.openalex)


@dataclass(frozen=True)
class Candidate:
    source: str  # unpaywall | europepmc | openalex
    url: str
    kind: str  # pdf | html | xml: what the source says is there
    licence: str = ""


def openalex_id(url: str) -> str:
    """`W123` from an OpenAlex work URL or id, else ""."""
    m = re.search(r"(?:^|openalex\.org/)(W\d+)$", url.strip(), re.I)
    return m.group(1).upper() if m else ""


class Finder:
    """Looks reports up; use as a context manager (one HTTP client per source)."""

    def __init__(self, sources: Sequence[str], email: str, settings: Settings) -> None:
        unknown = [s for s in sources if s not in SOURCES]
        if unknown:
            raise ReviewError(f"unknown full-text source `{unknown[0]}`",
                              hint=f"use some of: {', '.join(SOURCES)}")
        self.sources = tuple(sources)
        self.failed: dict[str, str] = {}  # source label -> why it stopped being asked
        self.email = email
        self.api_key = env("OPENALEX_API_KEY")
        secrets = tuple(s for s in (email, self.api_key) if s)
        self.secrets = secrets
        self.bases = {
            "unpaywall": base_url("REVIEW_UNPAYWALL_URL", UNPAYWALL_URL),
            "europepmc": base_url("REVIEW_EUROPEPMC_URL", EUROPEPMC_URL),
            "openalex": base_url("REVIEW_OPENALEX_URL", OPENALEX_URL),
        }
        headers = {"User-Agent": f"review-cli (mailto:{email})"} if email else {}
        # Unpaywall asks for at most 100,000 calls a day; one every 0.1 s stays well inside.
        self.http = {
            "unpaywall": Http("Unpaywall", settings, min_interval=0.1, secrets=secrets,
                              headers=headers,
                              key_hint="Unpaywall needs a real contact e-mail: check "
                              "[fulltext] email in review.toml or $REVIEW_EMAIL"),
            "europepmc": Http("Europe PMC", settings, min_interval=0.2, secrets=secrets,
                              headers=headers),
            "openalex": Http("OpenAlex", settings, min_interval=0.1, secrets=secrets,
                             headers=headers,
                             key_hint="OpenAlex refused the request: check $OPENALEX_API_KEY"),
        }

    def __enter__(self) -> Finder:
        for name in self.sources:
            self.http[name].__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        for name in self.sources:
            self.http[name].__exit__(*exc)

    @property
    def requests(self) -> int:
        return sum(h.requests for h in self.http.values())

    @property
    def retried(self) -> int:
        return sum(h.retried for h in self.http.values())

    def candidates(self, ids: Ids) -> Iterator[Candidate]:
        """Every PDF candidate, source by source, then the web full texts. Lazy: a source is
        asked only when the caller wants more than the earlier sources gave. A source that
        fails (after the helper's retries) or refuses is not asked again in this run
        (`failed`): one down service must not stall a fetch of hundreds of reports."""
        later: list[Candidate] = []
        seen: set[str] = set()
        for name in self.sources:
            if LABELS[name] in self.failed:
                continue
            try:
                found = {"unpaywall": self._unpaywall, "europepmc": self._europepmc,
                         "openalex": self._openalex}[name](ids)
            except ReviewError as e:
                self.failed[LABELS[name]] = scrub(e.message, self.secrets)
                continue
            for c in found:
                if c.url in seen:
                    continue
                seen.add(c.url)
                if c.kind == "pdf":
                    yield c
                else:
                    later.append(c)
        yield from later

    # --- the three sources ---------------------------------------------------------------
    def _unpaywall(self, ids: Ids) -> list[Candidate]:
        if not ids.doi:
            return []
        url = f"{self.bases['unpaywall']}{quote(ids.doi, safe='/')}"
        data = self.http["unpaywall"].request(
            url, {"email": self.email}, _json_object, what="lookup", absent=NOT_FOUND
        )
        if not data:
            return []
        locations = [data.get("best_oa_location"), *(data.get("oa_locations") or [])]
        return [
            Candidate("unpaywall", str(loc["url_for_pdf"]), "pdf", str(loc.get("license") or ""))
            for loc in locations if isinstance(loc, dict) and loc.get("url_for_pdf")
        ]

    def _europepmc(self, ids: Ids) -> list[Candidate]:
        if ids.doi:
            query = f'DOI:"{ids.doi}"'
        elif ids.pmid:
            query = f"EXT_ID:{ids.pmid} AND SRC:MED"
        else:
            return []
        base = self.bases["europepmc"]
        page = self.http["europepmc"].request(
            f"{base}search",
            {"query": query, "format": "json", "resultType": "core", "pageSize": "1"},
            _json_object, what="lookup",
        )
        results = ((page or {}).get("resultList") or {}).get("result") or []
        if not results or not isinstance(results[0], dict):
            return []
        hit = results[0]
        licence = str(hit.get("license") or "")
        out = []
        links = (hit.get("fullTextUrlList") or {}).get("fullTextUrl") or []
        for link in links:
            if not isinstance(link, dict) or link.get("availabilityCode") not in _OPEN:
                continue
            style = str(link.get("documentStyle") or "")
            if style in ("pdf", "html") and link.get("url"):
                out.append(Candidate("europepmc", str(link["url"]), style, licence))
        pmcid = str(hit.get("pmcid") or "")
        if pmcid and hit.get("isOpenAccess") == "Y":
            out.append(Candidate("europepmc", f"{base}{pmcid}/fullTextXML", "xml", licence))
        return sorted(out, key=lambda c: ("pdf", "html", "xml").index(c.kind))

    def _openalex(self, ids: Ids) -> list[Candidate]:
        if ids.openalex:
            key = ids.openalex
        elif ids.doi:
            key = f"doi:{ids.doi}"
        elif ids.pmid:
            key = f"pmid:{ids.pmid}"
        else:
            return []
        params = {"api_key": self.api_key} if self.api_key else {}
        if self.email:
            params["mailto"] = self.email
        work = self.http["openalex"].request(
            f"{self.bases['openalex']}works/{quote(key, safe=':/')}", params, _json_object,
            what="lookup", absent=NOT_FOUND,
        )
        if not work:
            return []
        locations = [work.get("best_oa_location"), *(work.get("locations") or [])]
        return [
            Candidate("openalex", str(loc["pdf_url"]), "pdf", str(loc.get("license") or ""))
            for loc in locations if isinstance(loc, dict) and loc.get("pdf_url")
        ]


def _json_object(resp: Any) -> dict[str, Any]:
    data = json_body(resp)
    if not isinstance(data, dict):
        raise Transient("answer is not a JSON object")
    return data
