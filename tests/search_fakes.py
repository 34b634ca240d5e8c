"""A local stand-in for PubMed E-utilities, Europe PMC, OpenAlex and Crossref.

One `http.server` in a thread on 127.0.0.1 (port 0) answers in each API's documented shape
(see /work/shared/reference/online-sources.md), pages with cursors, and injects faults on
chosen request numbers: "429", "500", "malformed" (a cut-off JSON body), "stub" (Europe
PMC's `{"version": ...}`), "timeout" (answers after the client gave up), "expire" (PubMed
History sessions lost). Every request is recorded. Written for these tests; no byte comes
from the real services.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse


@dataclass
class Work:
    n: int
    published: str  # YYYY-MM-DD
    added: str  # YYYY-MM-DD: when the database indexed it
    title: str = ""

    def __post_init__(self) -> None:
        self.title = self.title or f"Made-up trial number {self.n} of carers in integrated care"

    @property
    def pmid(self) -> str:
        return str(34000000 + self.n)

    @property
    def doi(self) -> str:
        return f"10.5555/fake.{self.n}"

    @property
    def year(self) -> int:
        return int(self.published[:4])

    @property
    def abstract(self) -> str:
        return f"Background: made-up text {self.n}. Methods: we tested it and it worked."


def works(n: int, start: int = 1, published: str = "2021-03-15",
          added: str = "2021-03-20") -> list[Work]:
    return [Work(i, published, added) for i in range(start, start + n)]


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"off:{offset}+/=".encode()).decode()


def _offset(cursor: str) -> int:
    if cursor in ("", "*"):
        return 0
    return int(base64.urlsafe_b64decode(cursor.encode()).decode().split(":")[1].split("+")[0])


@dataclass
class Fake:
    works: list[Work]
    faults: dict[int, str] = field(default_factory=dict)  # request number (1-based) -> fault
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    bad_key: str = "bad-key"
    echo_last_cursor: bool = True  # Europe PMC: last page echoes the cursor it was sent
    # A service (or a proxy) that echoes every request parameter back, URL-encoded, in its
    # answers: in each JSON answer and in PubMed's query translation.
    echo: bool = False
    history: dict[str, list[Work]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    # --- filtering shared by all four ------------------------------------------------------
    def match(self, text: str, lo_pub: str = "", hi_pub: str = "", lo_add: str = "",
              hi_add: str = "") -> list[Work]:
        if "nothing" in text:
            return []
        out = []
        for w in self.works:
            if lo_pub and w.published < lo_pub or hi_pub and w.published > hi_pub:
                continue
            if lo_add and w.added < lo_add or hi_add and w.added > hi_add:
                continue
            out.append(w)
        return out

    # --- dispatch ------------------------------------------------------------------------
    def handle(self, path: str, params: dict[str, str]) -> tuple[int, str, str, dict[str, str]]:
        """(status, content type, body, headers)."""
        with self.lock:
            self.requests.append((path, params))
            number = len(self.requests)
        fault = self.faults.get(number)
        if fault == "429":
            body = json.dumps({"error": "API rate limit exceeded",
                               "api-key": params.get("api_key", "127.0.0.1"),
                               "count": "5", "limit": "3"})
            return 429, "application/json", body, {"X-RateLimit-Limit": "3"}
        if fault == "500":
            return 500, "text/html", "<html><h1>WWW Error 500 Diagnostic</h1></html>", {}
        if fault == "timeout":
            time.sleep(0.6)
        if fault == "expire":  # PubMed: the History server forgot every session
            self.history.clear()
        if "/nowhere/" in path:
            out: tuple[int, str, str, dict[str, str]] = (404, "text/html", "<html>Not Found</html>",
                                                         {})
        elif path.endswith("esearch.fcgi"):
            out = self.esearch(params)
        elif path.endswith("efetch.fcgi"):
            out = self.efetch(params)
        elif path.endswith("/search"):
            out = self.europepmc(params)
        elif path.endswith("/works") and "per_page" in params:
            out = self.openalex(params)
        elif path.endswith("/works"):
            out = self.crossref(params)
        else:
            out = (404, "text/plain", "not found", {})
        if fault == "malformed":
            status, ctype, body, headers = out
            return status, ctype, body[: len(body) // 2], headers
        if fault == "stub":
            return 200, "application/json", '{"version":"6.9"}', {}
        if self.echo and out[1] == "application/json":
            status, ctype, body, headers = out
            data = json.loads(body)
            data["echo"] = urlencode(params)
            if "esearchresult" in data:
                data["esearchresult"]["querytranslation"] = (
                    data["esearchresult"].get("querytranslation", "") + " " + urlencode(params))
            return status, ctype, json.dumps(data), headers
        return out

    # --- PubMed --------------------------------------------------------------------------
    def esearch(self, p: dict[str, str]) -> tuple[int, str, str, dict[str, str]]:
        if p.get("api_key") == self.bad_key:
            return 400, "application/json", json.dumps(
                {"error": "API key invalid", "api-key": p["api_key"]}), {}
        term = p.get("term", "")
        if "[xyz]" in term:
            res: dict[str, Any] = {"count": "0", "retmax": "0", "retstart": "0", "idlist": [],
                                   "errorlist": {"phrasesnotfound": [], "fieldsnotfound": ["xyz"]}}
            return 200, "application/json", json.dumps({"header": {"type": "esearch"},
                                                        "esearchresult": res}), {}
        if "ERRORDB" in term:
            return 200, "application/json", json.dumps(
                {"esearchresult": {"ERROR": "Search Backend failed: bad term"}}), {}
        d = lambda s: s.replace("/", "-")  # noqa: E731
        lo, hi = d(p.get("mindate", "")), d(p.get("maxdate", ""))
        pub = re.search(r'\("(\S+)"\[dp\] : "(\S+)"\[dp\]\)', term)
        if p.get("datetype") == "edat":
            found = self.match(term, d(pub.group(1)) if pub else "", d(pub.group(2)) if pub else "",
                               lo, hi)
        else:
            found = self.match(term, lo, hi)
        res = {"count": str(len(found)), "retmax": "0", "retstart": "0", "idlist": [],
               "querytranslation": f"{term}[All Fields]",
               "warninglist": {"phrasesignored": ["the"], "quotedphrasesnotfound": [],
                               "outputmessages": []}}
        if p.get("usehistory") == "y":
            webenv = f"MCID_{len(self.history)}"
            self.history[webenv] = found
            res.update(querykey="1", webenv=webenv)
        return 200, "application/json", json.dumps({"header": {"type": "esearch", "version": "0.3"},
                                                    "esearchresult": res}), {}

    def efetch(self, p: dict[str, str]) -> tuple[int, str, str, dict[str, str]]:
        found = self.history.get(p.get("WebEnv", ""))
        if found is None:
            return 400, "text/xml", ("<eFetchResult><ERROR>Cannot retrieve history data</ERROR>"
                                     "</eFetchResult>"), {}
        start, size = int(p["retstart"]), int(p["retmax"])
        blocks = []
        for w in found[start : start + size]:
            blocks.append(
                f"PMID- {w.pmid}\nDP  - {w.year} Mar 15\nTI  - {w.title}\n      (continued)\n"
                f"AB  - {w.abstract}\nFAU - Doe, Jane\nAU  - Doe J\nTA  - J Made Up Med\n"
                f"JT  - Journal of made up medicine\nVI  - 12\nIP  - 3\nPG  - 101-10\n"
                f"AID - {w.doi} [doi]\nLA  - eng\nPT  - Journal Article\n"
                f"SO  - J Made Up Med. {w.year} Mar 15;12(3):101-10. doi: {w.doi}.\n"
            )
        return 200, "text/plain; charset=UTF-8", "\n" + "\n".join(blocks), {}

    # --- Europe PMC ----------------------------------------------------------------------
    def europepmc(self, p: dict[str, str]) -> tuple[int, str, str, dict[str, str]]:
        q = p.get("query", "")
        pub = re.search(r"FIRST_PDATE:\[(\S+) TO (\S+)\]", q)
        add = re.search(r"FIRST_IDATE:\[(\S+) TO (\S+)\]", q)
        found = self.match(q, *(pub.groups() if pub else ("", "")),
                           *(add.groups() if add else ("", "")))
        cursor = p.get("cursorMark", "*")
        start, size = _offset(cursor), int(p.get("pageSize", "25"))
        chunk = found[start : start + size]
        results = [
            {"id": w.pmid, "source": "MED", "pmid": w.pmid, "doi": w.doi, "title": w.title + ".",
             "authorString": "Doe J, Roe R.", "pubYear": str(w.year), "pageInfo": "101-10",
             "journalInfo": {"volume": "12", "issue": "3",
                             "journal": {"title": "Journal of made up medicine",
                                         "issn": "1234-5678"}},
             "authorList": {"author": [{"fullName": "Doe J", "firstName": "Jane",
                                        "lastName": "Doe"},
                                       {"fullName": "Roe R", "lastName": "Roe"}]},
             "abstractText": f"<h4>Background</h4>{w.abstract}",
             "firstPublicationDate": w.published}
            for w in chunk
        ] if p.get("resultType") != "idlist" else [{"id": w.pmid, "source": "MED"} for w in chunk]
        body: dict[str, Any] = {"version": "6.9", "hitCount": len(found),
                                "request": {"cursorMark": cursor}}
        if start + size < len(found):
            body["nextCursorMark"] = _cursor(start + size)
        elif self.echo_last_cursor:
            body["nextCursorMark"] = cursor
        body["resultList"] = {"result": results}
        return 200, "application/json", json.dumps(body), {}

    # --- OpenAlex ------------------------------------------------------------------------
    def openalex(self, p: dict[str, str]) -> tuple[int, str, str, dict[str, str]]:
        if p.get("api_key") == self.bad_key:
            return 401, "application/json", json.dumps(
                {"error": "Invalid API key", "message": "The api_key is not valid."}), {}
        if "filter" in p and "bogus" in p["filter"]:
            return 400, "application/json", json.dumps(
                {"error": "Invalid query parameters error.",
                 "message": "bogus is not a valid field"}), {}
        flt = dict(x.split(":", 1) for x in p.get("filter", "").split(",") if x)
        found = self.match(p.get("search", ""), flt.get("from_publication_date", ""),
                           flt.get("to_publication_date", ""))
        cursor = p.get("cursor", "*")
        start, size = _offset(cursor), int(p.get("per_page", "25"))
        chunk = found[start : start + size]
        results = []
        for w in chunk:
            text = w.abstract.split()
            inv: dict[str, list[int]] = {}
            for i, word in enumerate(text):
                inv.setdefault(word, []).append(i)
            results.append(
                {"id": f"https://openalex.org/W{1000 + w.n}", "doi": f"https://doi.org/{w.doi}",
                 "type": "article", "title": w.title, "display_name": w.title,
                 "publication_year": w.year, "publication_date": w.published,
                 "ids": {"pmid": f"https://pubmed.ncbi.nlm.nih.gov/{w.pmid}"},
                 "authorships": [{"author": {"display_name": "Jane Doe"}},
                                 {"author": {"display_name": "R. Roe"}}],
                 "primary_location": {"source": {"display_name": "Journal of made up medicine",
                                                 "issn_l": "1234-5678"}},
                 "biblio": {"volume": "12", "issue": "3", "first_page": "101", "last_page": "110"},
                 "abstract_inverted_index": inv}
            )
        nxt = _cursor(start + size) if start + size < len(found) else None
        meta: dict[str, Any] = {"count": len(found), "per_page": size, "next_cursor": nxt}
        if p.get("mailto"):
            # an echo of the contact, to check it is scrubbed before saving
            meta["mailto"] = p["mailto"]
        return 200, "application/json", json.dumps({"meta": meta, "results": results}), {}

    # --- Crossref ------------------------------------------------------------------------
    def crossref(self, p: dict[str, str]) -> tuple[int, str, str, dict[str, str]]:
        if "(" in p.get("query", "") and ")" not in p.get("query", ""):
            body = {"status": "failed", "message-type": "validation-failure",
                    "message": [{"type": "query", "value": p["query"],
                                 "message": "Unbalanced parenthesis in query"}]}
            return 200, "application/json", json.dumps(body), {}
        flt = dict(x.split(":", 1) for x in p.get("filter", "").split(",") if x)
        found = self.match(p.get("query", ""), flt.get("from-pub-date", ""),
                           flt.get("until-pub-date", ""), flt.get("from-index-date", ""),
                           flt.get("until-index-date", ""))
        rows = int(p.get("rows", "20"))
        cursor = p.get("cursor", "")
        start = _offset(cursor)
        chunk = found[start : start + rows] if rows else []
        items = [
            {"DOI": w.doi.upper(), "type": "journal-article", "title": [w.title],
             "author": [{"given": "Jane", "family": "Doe", "sequence": "first", "affiliation": []},
                        {"name": "The Carers Group"}],
             "container-title": ["Journal of Made Up Medicine"],
             "issued": {"date-parts": [[w.year, 3]]},
             "volume": "12", "issue": "3", "page": "101-110", "ISSN": ["1234-5678"],
             "abstract": (f"<jats:title>Abstract</jats:title><jats:p>{w.abstract} &amp; "
                          "<jats:italic>more</jats:italic></jats:p>")}
            for w in chunk
        ]
        msg: dict[str, Any] = {"facets": {}, "total-results": len(found), "items": items,
                               "items-per-page": rows,
                               "query": {"start-index": 0, "search-terms": p.get("query")}}
        if cursor:
            msg["next-cursor"] = _cursor(start + rows)  # keeps appearing after the last page
        body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                "message": msg}
        return 200, "application/json", json.dumps(body), {"x-rate-limit-limit": "2",
                                                           "x-rate-limit-interval": "1s"}


class _Handler(BaseHTTPRequestHandler):
    fake: Fake

    def _serve(self, params: dict[str, str]) -> None:
        self.server.fake.methods.append(self.command)  # type: ignore[attr-defined]
        status, ctype, body, headers = self.server.fake.handle(  # type: ignore[attr-defined]
            urlparse(self.path).path, params)
        data = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out and hung up

    def do_GET(self) -> None:  # noqa: N802
        qs = parse_qs(urlparse(self.path).query, keep_blank_values=True)
        self._serve({k: v[-1] for k, v in qs.items()})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        qs = parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
        self._serve({k: v[-1] for k, v in qs.items()})

    def log_message(self, *args: Any) -> None:
        pass


class Server:
    def __init__(self, fake: Fake) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.fake = fake  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        fake.url = self.url
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
