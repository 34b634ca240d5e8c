"""Downloading one report: httpx streaming, checked as it arrives, handed on chunk by chunk.

`Downloader.get(url, accept, write)` asks for `url` (retrying 429, 5xx, timeouts and broken
connections with backoff, `Retry-After` honoured, each host paced on its own), reads the first
bytes to see what came (a PDF by its magic bytes, else HTML or XML), refuses what the caller
does not accept (a landing page where a PDF was promised), and passes the body to
`write(kind, chunks)`: the caller's writer stages it in a temp file and keeps it only if the
chunks run to their end. They end with an error instead when the body is shorter than its
Content-Length or a PDF has no end-of-file marker (a truncated download), so a partial report
is never kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from review_cli.search.http import RETRY_STATUS, Settings, backoff_delay, scrub, user_agent

CHUNK = 1 << 16
HEAD = 1024  # bytes read before deciding what the body is
PDF_TAIL = 2048  # `%%EOF` must be in the last bytes of a whole PDF (readers look there too)
ACCEPT = "application/pdf, text/html;q=0.5, application/xml;q=0.5, */*;q=0.1"
MAX_BYTES = 500 << 20  # no report is this big; a server streaming forever is stopped


class Unavailable(Exception):
    """This URL gave no acceptable report; the message says why (for the user)."""


class _Retry(Exception):
    pass


@dataclass
class Fetched:
    url: str  # after redirects
    kind: str  # pdf | html | xml
    size: int
    digest: str  # what `write` returned


@dataclass
class Downloader:
    settings: Settings = field(default_factory=Settings)
    host_interval: float = 1.0  # seconds between two requests to one host
    secrets: tuple[str, ...] = ()
    contact: str = ""
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0
    retried: int = 0
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _client: Any = field(default=None, repr=False)

    def __enter__(self) -> Downloader:
        import httpx

        self._client = httpx.Client(
            timeout=httpx.Timeout(self.settings.timeout),
            headers={"User-Agent": user_agent(self.contact), "Accept": ACCEPT},
            follow_redirects=True,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _pace(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        interval = self.host_interval * self.settings.pace
        wait = self._last.get(host, -1e9) + interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last[host] = time.monotonic()

    def get(
        self, url: str, accept: Iterable[str], write: Callable[[str, Iterator[bytes]], str],
        advance: Callable[[int], None] = lambda n: None,
    ) -> Fetched:
        """The report at `url`, written through `write`; raises `Unavailable` saying why not."""
        import httpx

        assert self._client is not None, "use Downloader as a context manager"
        accepted = tuple(accept)
        problem = ""
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self.retried += 1
            self._pace(url)
            self.requests += 1
            retry_after: str | None = None
            try:
                with self._client.stream("GET", url) as resp:
                    status = resp.status_code
                    if status in RETRY_STATUS:
                        retry_after = resp.headers.get("Retry-After")
                        problem = f"HTTP {status}" + (" (rate limit)" if status == 429 else "")
                    elif status >= 400:
                        raise Unavailable(f"HTTP {status}")
                    else:
                        return self._take(resp, accepted, write, advance)
            except httpx.TimeoutException:
                problem = f"no answer within {self.settings.timeout:g} s"
            except httpx.RemoteProtocolError as e:  # the body ended before its Content-Length
                problem = "cut off: " + scrub(str(e) or type(e).__name__, self.secrets)
            except (httpx.TransportError, _Retry) as e:
                problem = scrub(str(e) or type(e).__name__, self.secrets)
            if attempt < self.settings.retries:
                self.sleep(backoff_delay(self.settings, attempt, retry_after))
        raise Unavailable(f"{problem} after {self.settings.retries + 1} attempts")

    def _take(
        self, resp: Any, accepted: tuple[str, ...], write: Callable[[str, Iterator[bytes]], str],
        advance: Callable[[int], None],
    ) -> Fetched:
        stream = resp.iter_raw(CHUNK) if _identity(resp) else resp.iter_bytes(CHUNK)
        head = b""
        for chunk in stream:
            head += chunk
            if len(head) >= HEAD:
                break
        kind = sniff(head, resp.headers.get("content-type", ""))
        if kind not in accepted:
            what = {"html": "an HTML page (a landing page?)", "xml": "an XML document",
                    "": "not a PDF"}.get(kind, kind)
            want = " or ".join(accepted)
            raise Unavailable(f"{what}, not {'a ' + want if want == 'pdf' else want}")
        expected = resp.headers.get("content-length")
        total = int(expected) if expected and expected.isdigit() else None
        counted = _Counted()

        def body() -> Iterator[bytes]:
            tail = b""
            for chunk in _chain(head, stream):
                counted.size += len(chunk)
                if counted.size > MAX_BYTES:
                    raise Unavailable(f"larger than {MAX_BYTES >> 20} MB: stopped")
                tail = (tail + chunk)[-PDF_TAIL:]
                advance(len(chunk))
                yield chunk
            if total is not None and resp.num_bytes_downloaded < total:
                raise _Retry(f"cut off: {resp.num_bytes_downloaded} of {total} bytes")
            if kind == "pdf" and b"%%EOF" not in tail:
                raise _Retry(f"cut off: the PDF has no end-of-file marker ({counted.size} bytes)")

        digest = write(kind, body())
        return Fetched(str(resp.url), kind, counted.size, digest)


@dataclass
class _Counted:
    size: int = 0


def _chain(head: bytes, rest: Iterable[bytes]) -> Iterator[bytes]:
    if head:
        yield head
    yield from rest


def _identity(resp: Any) -> bool:
    """No content encoding: the raw bytes are the file, and their count is Content-Length's."""
    return resp.headers.get("content-encoding", "identity").strip().lower() in ("", "identity")


def sniff(head: bytes, content_type: str) -> str:
    """pdf, html, xml or "" from the first bytes (the content type only breaks a tie: servers
    send PDFs as application/octet-stream and landing pages as application/pdf)."""
    if b"%PDF-" in head[:HEAD]:
        return "pdf"
    text = head[:HEAD].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:300]:
        return "html"
    if text.startswith(b"<?xml") or text.startswith((b"<article", b"<!doctype article")):
        return "html" if b"<html" in text else "xml"
    if "html" in content_type.lower() and text.startswith(b"<"):
        return "html"
    return ""
