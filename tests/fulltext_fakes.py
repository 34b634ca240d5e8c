"""A local stand-in for Unpaywall, Europe PMC's full-text links, OpenAlex works (single works,
referenced and citing works) and the servers that host the reports.

One `http.server` on 127.0.0.1 (port 0), in the documented shapes of each API, trimmed to the
fields `review` reads. Reports are served from `/files/<name>` with a behaviour each: a whole
PDF, an HTML landing page, 404, 429 with Retry-After before the PDF, a body slower than the
client's timeout, a body cut off before its Content-Length, a PDF cut off with no length
given, and one that interrupts the test (SIGINT) half-way. Every request is recorded. Written
for these tests; no byte comes from the real services.
"""

from __future__ import annotations

import _thread
import json
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlparse

import pytest


def pdf_bytes(text: str, pad: int = 0) -> bytes:
    """A small, valid one-page PDF showing `text` (and `pad` bytes of comment, to make it
    bigger than one network chunk)."""
    from review_cli.stages.demo._reports import placeholder_pdf

    data = placeholder_pdf(text)
    if pad:
        head, _, rest = data.partition(b"\n")
        data = head + b"\n%" + b"x" * pad + b"\n" + rest
    return data


LANDING = b"<!DOCTYPE html><html><head><title>Article</title></head><body>Buy it</body></html>"


@dataclass
class Paper:
    doi: str = ""
    pmid: str = ""
    title: str = ""
    year: int = 2020
    openalex: str = ""  # W id
    unpaywall: list[str] = field(default_factory=list)  # files given as url_for_pdf
    europepmc_pdf: list[str] = field(default_factory=list)
    europepmc_html: list[str] = field(default_factory=list)  # open-access HTML full texts
    pmcid: str = ""  # open access in Europe PMC: fullTextXML served
    openalex_pdf: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)  # W ids it cites
    cited_by: list[str] = field(default_factory=list)  # W ids citing it


@dataclass
class FullTextFake:
    papers: list[Paper] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # name -> behaviour
    works: dict[str, dict[str, Any]] = field(default_factory=dict)  # W id -> work (citations)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    url: str = ""
    main_thread: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    hits: dict[str, int] = field(default_factory=dict)
    stalled: threading.Event = field(default_factory=threading.Event)  # half a "stall" sent
    # A server (or proxy) that echoes what it was sent: every JSON answer carries the request's
    # parameters, and every file link the request's query string.
    echo: bool = False
    asked: dict[str, str] = field(default_factory=dict)  # the parameters of the request at hand

    def file_url(self, name: str) -> str:
        query = f"?{urlencode(self.asked)}" if self.echo and self.asked else ""
        return f"{self.url}files/{name}{query}"

    def paper(self, key: str, value: str) -> Paper | None:
        for p in self.papers:
            if value and getattr(p, key).casefold() == value.casefold():
                return p
        return None

    def file_requests(self) -> list[str]:
        return [path for path, _ in self.requests if path.startswith("/files/")]

    # --- dispatch ------------------------------------------------------------------------
    def handle(self, path: str, params: dict[str, str]
               ) -> tuple[int, str, bytes, dict[str, str], str]:
        """(status, content type, body, headers, how to send it)."""
        with self.lock:
            self.requests.append((path, params))
        status, ctype, body, headers, how = self._answer(path, params)
        if self.echo and ctype.startswith("application/json"):
            data = json.loads(body)
            if isinstance(data, dict):
                body = json.dumps({**data, "echo": params}).encode()
        return status, ctype, body, headers, how

    def _answer(self, path: str, params: dict[str, str]
                ) -> tuple[int, str, bytes, dict[str, str], str]:
        self.asked = params
        if path.startswith("/files/"):
            return self.file(path.removeprefix("/files/"))
        if path.startswith("/unpaywall/v2/"):
            return self.unpaywall(unquote(path.removeprefix("/unpaywall/v2/")), params)
        if path == "/epmc/search":
            return self.europepmc(params)
        if path.startswith("/epmc/") and path.endswith("/fullTextXML"):
            pmcid = path.split("/")[2]
            xml = (f'<?xml version="1.0"?><article><front><article-title>{pmcid}</article-title>'
                   "</front><body><p>Made-up full text.</p></body></article>").encode()
            return 200, "application/xml", xml, {}, "whole"
        if path == "/openalex/works":
            return self.openalex_list(params)
        if path.startswith("/openalex/works/"):
            return self.openalex_work(unquote(path.removeprefix("/openalex/works/")))
        return _json(404, {"error": "not found"})

    def file(self, name: str) -> tuple[int, str, bytes, dict[str, str], str]:
        how = self.files.get(name, "404")
        with self.lock:
            n = self.hits[name] = self.hits.get(name, 0) + 1
        pdf = pdf_bytes(f"Report {name}", pad=200_000 if how in ("truncated", "interrupt", "stall")
                        else 0)
        if how == "pdf":
            return 200, "application/pdf", pdf, {}, "whole"
        if how == "octet":  # a PDF served with a generic type
            return 200, "application/octet-stream", pdf, {}, "whole"
        if how == "html":
            return 200, "text/html; charset=utf-8", LANDING, {}, "whole"
        if how == "429" and n == 1:
            return 429, "text/plain", b"slow down", {"Retry-After": "1"}, "whole"
        if how == "429":
            return 200, "application/pdf", pdf, {}, "whole"
        if how == "500-once" and n == 1:
            return 500, "text/html", b"<html>oops</html>", {}, "whole"
        if how == "500-once":
            return 200, "application/pdf", pdf, {}, "whole"
        if how == "timeout":
            return 200, "application/pdf", pdf, {}, "late"
        if how == "truncated":
            return 200, "application/pdf", pdf, {}, "half"
        if how == "noeof":  # no Content-Length, connection closed after half a PDF
            return 200, "application/pdf", pdf[: len(pdf) // 2], {}, "close"
        if how in ("interrupt", "stall"):
            return 200, "application/pdf", pdf, {}, how
        return 404, "text/html", b"<html>Not Found</html>", {}, "whole"

    def unpaywall(self, doi: str, params: dict[str, str]
                  ) -> tuple[int, str, bytes, dict[str, str], str]:
        if "@" not in params.get("email", ""):
            return _json(422, {"HTTP_status_code": 422, "error": True,
                               "message": "Please use a valid email address."})
        p = self.paper("doi", doi)
        if p is None:
            return _json(404, {"HTTP_status_code": 404, "error": True,
                               "message": f"'{doi}' is an invalid doi."})
        locs = [{"url_for_pdf": self.file_url(f), "url": self.file_url(f), "license": "cc-by",
                 "host_type": "publisher", "version": "publishedVersion"} for f in p.unpaywall]
        return _json(200, {"doi": doi, "is_oa": bool(locs),
                           "best_oa_location": locs[0] if locs else None, "oa_locations": locs})

    def europepmc(self, params: dict[str, str]) -> tuple[int, str, bytes, dict[str, str], str]:
        q = params.get("query", "")
        p = None
        if q.startswith("DOI:"):
            p = self.paper("doi", q[4:].strip('"'))
        elif q.startswith("EXT_ID:"):
            p = self.paper("pmid", q.split()[0][7:])
        results = []
        if p is not None:
            links = [{"availability": "Open access", "availabilityCode": "OA",
                      "documentStyle": "pdf", "site": "Europe_PMC", "url": self.file_url(f)}
                     for f in p.europepmc_pdf]
            links += [{"availability": "Open access", "availabilityCode": "OA",
                       "documentStyle": "html", "site": "Europe_PMC", "url": self.file_url(f)}
                      for f in p.europepmc_html]
            links.append({"availability": "Subscription required", "availabilityCode": "S",
                          "documentStyle": "doi", "site": "DOI", "url": f"https://doi.org/{p.doi}"})
            hit: dict[str, Any] = {"id": p.pmid or "X", "source": "MED", "doi": p.doi,
                                   "title": p.title, "isOpenAccess": "Y" if p.pmcid else "N",
                                   "license": "cc by" if p.pmcid else "",
                                   "fullTextUrlList": {"fullTextUrl": links}}
            if p.pmcid:
                hit["pmcid"] = p.pmcid
            results.append(hit)
        return _json(200, {"version": "6.9", "hitCount": len(results),
                           "resultList": {"result": results}})

    def _work(self, p: Paper) -> dict[str, Any]:
        locs = [{"is_oa": True, "pdf_url": self.file_url(f), "landing_page_url": "x",
                 "license": "cc-by"} for f in p.openalex_pdf]
        return {"id": f"https://openalex.org/{p.openalex}", "doi": f"https://doi.org/{p.doi}",
                "title": p.title, "display_name": p.title, "publication_year": p.year,
                "best_oa_location": locs[0] if locs else None, "locations": locs,
                "referenced_works": [f"https://openalex.org/{w}" for w in p.references],
                "cited_by_count": len(p.cited_by)}

    def openalex_work(self, key: str) -> tuple[int, str, bytes, dict[str, str], str]:
        p = None
        if key.startswith("doi:"):
            p = self.paper("doi", key[4:])
        elif key.startswith("pmid:"):
            p = self.paper("pmid", key[5:])
        elif key.upper().startswith("W"):
            p = self.paper("openalex", key)
        if p is None:
            return _json(404, {"error": "Not found", "message": "no such work"})
        return _json(200, self._work(p))

    def openalex_list(self, params: dict[str, str]
                      ) -> tuple[int, str, bytes, dict[str, str], str]:
        flt = params.get("filter", "")
        size = int(params.get("per_page", "25"))
        found: list[dict[str, Any]] = []
        if flt.startswith("openalex:"):
            wanted = flt.removeprefix("openalex:").split("|")
            found = [self.works[w] for w in wanted if w in self.works]
        elif flt.startswith("cites:"):
            seed = self.paper("openalex", flt.removeprefix("cites:"))
            found = [self.works[w] for w in (seed.cited_by if seed else []) if w in self.works]
        elif "search" in params:
            words = params["search"].casefold()
            found = [self._work(p) for p in self.papers if p.title.casefold() in words]
        cursor = params.get("cursor", "")
        start = int(cursor) if cursor.isdigit() else 0
        chunk = found[start: start + size]
        nxt = str(start + size) if cursor and start + size < len(found) else None
        return _json(200, {"meta": {"count": len(found), "per_page": size,
                                    "next_cursor": nxt}, "results": chunk})


def work(n: int, title: str = "", doi: str = "", year: int = 2015, author: str = "",
         ) -> dict[str, Any]:
    """An OpenAlex work as /works lists it (trimmed), for referenced and citing works."""
    title = title or f"Made-up cited study number {n} on carers"
    text = f"Background: made-up cited text {n}. Methods: interviews with carers.".split()
    inv: dict[str, list[int]] = {}
    for i, word in enumerate(text):
        inv.setdefault(word, []).append(i)
    return {"id": f"https://openalex.org/W{n}", "doi": f"https://doi.org/{doi or f'10.7777/c.{n}'}",
            "type": "article", "title": title, "display_name": title,
            "publication_year": year, "publication_date": f"{year}-06-01",
            "ids": {"openalex": f"https://openalex.org/W{n}"},
            "authorships": [{"author": {"display_name": author or f"Author{n} Smith"}}],
            "primary_location": {"source": {"display_name": "Journal of made up care"}},
            "biblio": {"volume": "3", "issue": "1", "first_page": "1", "last_page": "9"},
            "abstract_inverted_index": inv}


def _json(status: int, data: Any) -> tuple[int, str, bytes, dict[str, str], str]:
    return status, "application/json", json.dumps(data).encode(), {}, "whole"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802
        fake: FullTextFake = self.server.fake  # type: ignore[attr-defined]
        url = urlparse(self.path)
        params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        status, ctype, body, headers, how = fake.handle(url.path, params)
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if how != "close":
                self.send_header("Content-Length", str(len(body)))
            else:
                self.send_header("Connection", "close")
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            if how == "late":
                time.sleep(0.6)  # longer than the client's timeout
                self.wfile.write(body)
            elif how in ("half", "close"):
                self.wfile.write(body[: len(body) // 2] if how == "half" else body)
                self.wfile.flush()
                self.close_connection = True
            elif how == "stall":  # half the body, then nothing until the client gives up
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                fake.stalled.set()
                time.sleep(3)
                self.close_connection = True
            elif how == "interrupt":
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                # Ctrl-C in the client, half-way through the download.
                if hasattr(signal, "pthread_kill"):
                    signal.pthread_kill(fake.main_thread, signal.SIGINT)
                else:  # Windows: raised once the read in progress returns
                    _thread.interrupt_main()
                time.sleep(0.5)
                self.close_connection = True
            else:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: Any) -> None:
        pass


class FullTextServer:
    def __init__(self, fake: FullTextFake) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.fake = fake  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        fake.url = self.url
        fake.main_thread = threading.main_thread().ident or 0
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self) -> FullTextServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def point(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Every client at this server, with short timeouts and no pacing."""
        monkeypatch.setenv("REVIEW_UNPAYWALL_URL", self.url + "unpaywall/v2/")
        monkeypatch.setenv("REVIEW_EUROPEPMC_URL", self.url + "epmc/")
        monkeypatch.setenv("REVIEW_OPENALEX_URL", self.url + "openalex/")
        monkeypatch.setenv("REVIEW_SEARCH_TIMEOUT", "0.3")
        monkeypatch.setenv("REVIEW_SEARCH_BACKOFF", "0.001")
        monkeypatch.setenv("REVIEW_SEARCH_MAX_BACKOFF", "0.01")
        monkeypatch.setenv("REVIEW_SEARCH_RETRIES", "2")
        monkeypatch.setenv("REVIEW_SEARCH_PACE", "0")
        monkeypatch.setenv("REVIEW_SEARCH_PAGE_SIZE", "2")


def child_env(url: str) -> dict[str, str]:
    """The environment of a `review` subprocess pointed at the fake."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVIEW_")}
    env.update(REVIEW_UNPAYWALL_URL=url + "unpaywall/v2/", REVIEW_EUROPEPMC_URL=url + "epmc/",
               REVIEW_OPENALEX_URL=url + "openalex/", REVIEW_SEARCH_TIMEOUT="5",
               REVIEW_SEARCH_PACE="0", REVIEW_SEARCH_BACKOFF="0.001", CI="true")
    return env
