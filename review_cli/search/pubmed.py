"""PubMed through NCBI E-utilities: esearch (JSON) for counts and history, efetch for MEDLINE.

ESearch serves at most the first 9,999 records of a set, so a bigger search is split into
contiguous, non-overlapping date slices (halved until each holds fewer than 9,999) and each
slice is fetched from the History server in pages. The slices must add up to the full count.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any
from urllib.parse import urlencode

from review_cli.errors import ReviewError
from review_cli.progress import Progress
from review_cli.search.base import (
    Count,
    Download,
    Query,
    base_url,
    env,
    page_size,
    parse_date,
    shown_url,
)
from review_cli.search.http import Http, Rejected, Settings, Transient, json_body, public_params

DEFAULT_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
POST_OVER = 1000  # characters of query string
EARLIEST = dt.date(1800, 1, 1)
LATEST = dt.date(3000, 12, 31)  # open end: epub-ahead-of-print records carry future dates
_PMID_LINE = re.compile(r"^PMID- *(\d+)", re.M)
_SO_LINE = re.compile(r"^SO  - ", re.M)


def _ncbi_date(d: dt.date) -> str:
    return d.strftime("%Y/%m/%d")


class PubMed:
    NAME = "pubmed"
    LABEL = "PubMed"
    PLATFORM = "PubMed via NCBI E-utilities"
    FORMAT = "medline"
    SUFFIX = ".medline.txt"
    cap = 9999  # ESearch's ceiling per set

    def __init__(self) -> None:
        self.base = base_url("REVIEW_PUBMED_URL", DEFAULT_URL)
        self.api_key = env("NCBI_API_KEY")
        self.email = env("REVIEW_EMAIL")
        self.batch = page_size(500)

    @property
    def endpoint(self) -> str:
        return f"{shown_url(self.base)}esearch.fcgi + efetch.fcgi (rettype=medline)"

    def http(self, settings: Settings) -> Http:
        return Http(
            self.LABEL,
            settings,
            # Biopython's pacing: 1/3 s still tripped NCBI's limit of 3 requests per second.
            min_interval=0.1 if self.api_key else 0.37,
            secrets=tuple(s for s in (self.api_key, self.email) if s),
            key_hint="NCBI did not accept the API key: check $NCBI_API_KEY (or unset "
            "it to run at 3 requests/s)",
        )

    def _common(self) -> dict[str, str]:
        params = {"db": "pubmed", "tool": "review-cli"}
        if self.email:
            params["email"] = self.email
        if self.api_key:
            params["api_key"] = self.api_key
        return params

    # --- query and dates -----------------------------------------------------------------
    def _date_field(self, query: Query) -> tuple[str, dt.date | None, dt.date | None]:
        """The date field the E-utilities limit applies to, and its bounds."""
        if query.added_from or query.added_to:
            lo = parse_date(query.added_from, "added_from") if query.added_from else None
            hi = parse_date(query.added_to, "added_to") if query.added_to else None
            return "edat", lo, hi
        lo = parse_date(query.published_from, "--from") if query.published_from else None
        hi = parse_date(query.published_to, "--to") if query.published_to else None
        return "pdat", lo, hi

    def term(self, query: Query) -> str:
        """The term as sent; publication limits go into it when the date params hold edat."""
        term = query.text.strip()
        if (query.added_from or query.added_to) and (query.published_from or query.published_to):
            lo = query.published_from.replace("-", "/") or _ncbi_date(EARLIEST)
            hi = query.published_to.replace("-", "/") or _ncbi_date(LATEST)
            term = f'({term}) AND ("{lo}"[dp] : "{hi}"[dp])'
        return term

    def _search_params(
        self, query: Query, lo: dt.date | None, hi: dt.date | None, history: bool
    ) -> dict[str, str]:
        field, _, _ = self._date_field(query)
        params = {**self._common(), "term": self.term(query), "retmode": "json", "retmax": "0"}
        if lo is not None or hi is not None:
            params.update(
                datetype=field, mindate=_ncbi_date(lo or EARLIEST), maxdate=_ncbi_date(hi or LATEST)
            )
        if history:
            params["usehistory"] = "y"
        return params

    def _esearch(self, http: Http, params: dict[str, str]) -> dict[str, Any]:
        # Long strategies go in a POST body, as Biopython does past ~1,000 characters (414 errors).
        method = "POST" if len(urlencode(params)) > POST_OVER else "GET"
        result: dict[str, Any] = http.request(
            f"{self.base}esearch.fcgi", params, _parse_esearch, method=method, what="search"
        )
        return result

    # --- the two steps -------------------------------------------------------------------
    def count(self, http: Http, query: Query) -> Count:
        _, lo, hi = self._date_field(query)
        params = self._search_params(query, lo, hi, history=False)
        result = self._esearch(http, params)
        details: dict[str, Any] = {"query_translation": result.get("querytranslation", "")}
        problems = _messages(result)
        if problems:
            details["warnings"] = problems
        return Count(int(result["count"]), public_params(params), details)

    def download(self, http: Http, query: Query, count: Count, progress: Progress) -> Download:
        _, lo, hi = self._date_field(query)
        slices = self._slices(http, query, lo, hi, count.total)
        in_slices = sum(n for _, _, n, _ in slices)
        if in_slices < count.total:
            raise ReviewError(
                f"PubMed reports {count.total} records, but the date slices needed to "
                f"fetch more than {self.cap} hold only {in_slices} (records without a date "
                "cannot be fetched this way)",
                hint="narrow the query or split it with --from/--to into "
                "searches under 9,999 records",
            )
        progress.start(f"{self.LABEL}: downloading", total=count.total)
        records: list[str] = []
        seen: set[str] = set()
        first_sent: dict[str, str] = {}
        for lo_, hi_, n, hist in slices:
            for start in range(0, n, self.batch):
                params = {
                    **self._common(),
                    "query_key": hist["querykey"],
                    "WebEnv": hist["webenv"],
                    "retstart": str(start),
                    "retmax": str(self.batch),
                    "rettype": "medline",
                    "retmode": "text",
                }
                first_sent = first_sent or public_params(
                    {k: v for k, v in params.items() if k != "WebEnv"}
                )
                expected = min(self.batch, n - start)
                try:
                    page: list[str] = http.request(
                        f"{self.base}efetch.fcgi", params,
                        functools.partial(_parse_efetch, expected=expected), what="download",
                    )
                except ReviewError as e:
                    if "history" not in e.message.lower():
                        raise
                    # The History server session expired: search the slice again, resume here.
                    hist = self._esearch(http, self._search_params(query, lo_, hi_, history=True))
                    params.update(query_key=hist["querykey"], WebEnv=hist["webenv"])
                    page = http.request(
                        f"{self.base}efetch.fcgi", params,
                        functools.partial(_parse_efetch, expected=expected), what="download",
                    )
                for rec in page:
                    pmid = _PMID_LINE.search(rec)
                    key = pmid.group(1) if pmid else rec
                    if key not in seen:
                        seen.add(key)
                        records.append(rec)
                progress.advance(len(page))
        progress.done()
        data = ("\n" + "\n\n".join(records) + "\n").encode("utf-8")
        details: dict[str, Any] = {}
        if len(slices) > 1:
            details["date_slices"] = [
                {"from": _ncbi_date(a or EARLIEST), "to": _ncbi_date(b or LATEST), "records": n}
                for a, b, n, _ in slices
            ]
        return Download(data, len(records), first_sent, details)

    def _slices(
        self, http: Http, query: Query, lo: dt.date | None, hi: dt.date | None, total: int
    ) -> list[tuple[dt.date | None, dt.date | None, int, dict[str, Any]]]:
        """Contiguous date slices each under the cap, with their History server handles."""
        if total < self.cap:
            result = self._esearch(http, self._search_params(query, lo, hi, history=True))
            return [(lo, hi, int(result["count"]), result)]
        out: list[tuple[dt.date | None, dt.date | None, int, dict[str, Any]]] = []
        pending = [(lo or EARLIEST, hi or LATEST)]
        while pending:
            a, b = pending.pop(0)
            result = self._esearch(http, self._search_params(query, a, b, history=True))
            n = int(result["count"])
            if n < self.cap:
                if n:
                    out.append((a, b, n, result))
                continue
            if a >= b:
                raise ReviewError(
                    f"PubMed holds {n} records dated {_ncbi_date(a)} for this query: more than one "
                    f"request can fetch ({self.cap})",
                    hint="narrow the query; one day cannot be split further",
                )
            mid = a + (b - a) // 2
            pending[:0] = [(a, mid), (mid + dt.timedelta(days=1), b)]
        return out


def _messages(result: dict[str, Any]) -> list[str]:
    """PubMed drops unknown phrases and runs the rest: keep what it said, for the log."""
    out = []
    for block in ("errorlist", "warninglist"):
        for kind, values in (result.get(block) or {}).items():
            for value in values or []:
                out.append(f"{kind}: {value}")
    return out


def _parse_esearch(resp: Any) -> dict[str, Any]:
    data = json_body(resp)
    if not isinstance(data, dict):
        raise Transient("esearch answer is not a JSON object")
    if "ERROR" in data or "error" in data:
        raise Rejected(str(data.get("ERROR") or data.get("error")))
    result = data.get("esearchresult")
    if not isinstance(result, dict):
        raise Transient("esearch answer has no esearchresult")
    if result.get("ERROR"):
        raise Rejected(str(result["ERROR"]))
    fields_not_found = (result.get("errorlist") or {}).get("fieldsnotfound") or []
    if fields_not_found:
        raise Rejected("unknown search field(s) " + ", ".join(fields_not_found))
    if not str(result.get("count", "")).isdigit():
        raise Transient("esearch answer has no count")
    return result


def _parse_efetch(resp: Any, expected: int) -> list[str]:
    text = resp.text
    stripped = text.lstrip()
    if "<ERROR>" in text or stripped.startswith(("Error", "<")):
        raise Transient(stripped[:120])
    if text.strip() and not text.endswith("\n"):
        raise Transient("MEDLINE page cut off mid-line")
    records = [block.strip("\n") for block in re.split(r"\n\s*\n", text) if block.strip()]
    records = [r for r in records if _PMID_LINE.search(r)]
    # PubMed ends every MEDLINE record with its SO (source) line: a last record without one,
    # after others that have it, was cut off.
    with_so = [bool(_SO_LINE.search(r)) for r in records]
    if any(with_so) and not with_so[-1]:
        raise Transient("last MEDLINE record cut off")
    if len(records) < expected:
        raise Transient(f"expected {expected} MEDLINE records, got {len(records)}")
    return records
