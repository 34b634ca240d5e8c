"""The one request helper every search client shares.

Timeouts, retries with capped exponential backoff on 429, 5xx, transport errors and
unreadable bodies (never on other 4xx), pacing to the source's rate limit, and secrets kept out
of everything that is logged or shown. httpx is imported here, lazily, so `review --help` never
pays for it.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, quote_plus, urlencode

from review_cli import __version__
from review_cli.errors import ReviewError

# Query parameters that identify the user or carry a key: never logged, never shown.
SECRET_PARAMS = frozenset({"api_key", "email", "mailto", "tool"})
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class Transient(Exception):
    """A response worth retrying: an error page, a stub body, a malformed page."""


class Rejected(Exception):
    """A 200 response whose body says the request itself is wrong (not worth retrying)."""


@dataclass(frozen=True)
class Settings:
    """Network behaviour; `from_env` lets tests and users behind slow links tune it."""

    timeout: float = 30.0
    retries: int = 5  # attempts after the first
    backoff: float = 1.0  # first retry delay, seconds; doubles each time
    max_backoff: float = 60.0
    pace: float = 1.0  # multiplies each source's minimum interval between requests

    @classmethod
    def from_env(cls) -> Settings:
        def num(name: str, default: float) -> float:
            raw = os.environ.get(name, "").strip()
            if not raw:
                return default
            try:
                value = float(raw)
            except ValueError:
                raise ReviewError(
                    f"${name} must be a number (got {raw!r})",
                    hint=f"unset {name} or give seconds, e.g. 1.5",
                ) from None
            if value < 0:
                raise ReviewError(f"${name} must not be negative (got {raw!r})")
            return value

        return cls(
            timeout=num("REVIEW_SEARCH_TIMEOUT", cls.timeout),
            retries=int(num("REVIEW_SEARCH_RETRIES", cls.retries)),
            backoff=num("REVIEW_SEARCH_BACKOFF", cls.backoff),
            max_backoff=num("REVIEW_SEARCH_MAX_BACKOFF", cls.max_backoff),
            pace=num("REVIEW_SEARCH_PACE", cls.pace),
        )


def backoff_delay(settings: Settings, attempt: int, retry_after: str | None) -> float:
    """Seconds to wait before retry `attempt + 1`: doubling from `backoff`, at least what a
    `Retry-After` (in seconds) asks, never more than `max_backoff`."""
    base = min(settings.max_backoff, settings.backoff * (2.0**attempt))
    if retry_after and retry_after.strip().isdigit():
        base = max(base, min(float(retry_after), settings.max_backoff))
    return base * (1 + 0.1 * random.random())  # a little jitter, never less than the base


def user_agent(email: str) -> str:
    contact = f"; mailto:{email}" if email else ""
    return f"review-cli/{__version__} (systematic review tool{contact})"


def secret_forms(secrets: Sequence[str]) -> list[str]:
    """Each secret as it may come back: as sent, and URL-encoded (`a%40b.org`, `a+b`), longest
    first so a form is never left half-replaced by a shorter one."""
    forms = {f for s in secrets if s for f in (s, quote(s, safe=""), quote_plus(s), quote(s))}
    return sorted(forms, key=len, reverse=True)


def scrub(text: str, secrets: Sequence[str]) -> str:
    """Remove secret values (keys, e-mail, in any URL encoding) and secret query parameters
    from a text."""
    for secret in secret_forms(secrets):
        text = text.replace(secret, "***")
    text = re.sub(r"(https?://)[^/@\s]*@", r"\1", text)  # user:password@ of a proxy or mirror
    return re.sub(r"(?i)\b(api_key|email|mailto|tool)=[^&\s\"']*", r"\1=***", text)


def scrub_all(value: Any, secrets: Sequence[str]) -> Any:
    """`value` (JSON-like: dicts, lists, strings) with every string scrubbed: what a service
    echoes back (a query translation, a request summary) may hold a key or an e-mail."""
    if isinstance(value, str):
        return scrub(value, secrets)
    if isinstance(value, dict):
        return {scrub(str(k), secrets): scrub_all(v, secrets) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_all(v, secrets) for v in value]
    return value


def public_params(params: Mapping[str, Any]) -> dict[str, str]:
    """The parameters as sent, minus the secret ones: what the search log keeps."""
    return {k: str(v) for k, v in params.items() if k not in SECRET_PARAMS}


@dataclass
class Http:
    """One client per search run: pacing state, counters, secrets to scrub."""

    source: str  # the user-facing service name, e.g. "PubMed"
    settings: Settings = field(default_factory=Settings)
    min_interval: float = 0.0  # seconds between requests (before `settings.pace`)
    secrets: tuple[str, ...] = ()
    headers: Mapping[str, str] = field(default_factory=dict)
    key_hint: str = "check the API key in the environment"
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0
    retried: int = 0
    _last: float = field(default=-1e9, repr=False)
    _client: Any = field(default=None, repr=False)

    def __enter__(self) -> Http:
        import httpx

        self._client = httpx.Client(
            timeout=httpx.Timeout(self.settings.timeout),
            headers={"User-Agent": user_agent(""), **self.headers},
            follow_redirects=True,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _pace(self) -> None:
        interval = self.min_interval * self.settings.pace
        wait = self._last + interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last = time.monotonic()

    def _adapt(self, headers: Mapping[str, str]) -> None:
        """Slow down to a limit the service announces (Crossref: `x-rate-limit-limit: 50`,
        `x-rate-limit-interval: 1s`); never speed up beyond the source's own interval."""
        limit, interval = (
            headers.get("x-rate-limit-limit", ""), headers.get("x-rate-limit-interval", "")
        )
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(ms|s|m)?", interval.strip())
        if not limit.strip().isdigit() or int(limit) < 1 or not m:
            return
        seconds = float(m.group(1)) * {"ms": 0.001, "s": 1.0, "m": 60.0}[m.group(2) or "s"]
        self.min_interval = max(self.min_interval, seconds / int(limit))

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        return backoff_delay(self.settings, attempt, retry_after)

    def request(
        self,
        url: str,
        params: Mapping[str, Any],
        parse: Callable[[Any], Any],
        method: str = "GET",
        what: str = "request",
        absent: frozenset[int] = frozenset(),
    ) -> Any:
        """Send one request, retrying what is transient; `parse(response)` validates the body.

        `parse` raises `Transient` for a body to retry, `Rejected` for a request the service
        refuses, and returns the parsed page otherwise. A status in `absent` (a lookup's 404:
        the service has no such work) returns None.
        """
        import httpx

        assert self._client is not None, "use Http as a context manager"
        shown = scrub(f"{url}?{urlencode(public_params(params))}", self.secrets)
        last_problem = ""
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self.retried += 1
            self._pace()
            self.requests += 1
            retry_after: str | None = None
            try:
                if method == "POST":
                    resp = self._client.post(url, data=dict(params))
                else:
                    resp = self._client.get(url, params=dict(params))
            except httpx.TimeoutException:
                last_problem = f"no answer within {self.settings.timeout:g} s"
            except httpx.TransportError as e:
                last_problem = (
                    f"could not connect ({type(e).__name__}: {scrub(str(e), self.secrets)})"
                )
            else:
                self._adapt(resp.headers)
                status = resp.status_code
                if status in RETRY_STATUS:
                    retry_after = resp.headers.get("Retry-After")
                    last_problem = f"HTTP {status}" + (" (rate limit)" if status == 429 else "")
                elif status in absent:
                    return None
                elif status >= 400:
                    raise self._client_error(resp, shown, what)
                else:
                    try:
                        return parse(resp)
                    except Transient as e:
                        last_problem = f"an unreadable answer ({scrub(str(e), self.secrets)})"
                    except Rejected as e:
                        raise ReviewError(
                            f"{self.source} rejected the {what}: {scrub(str(e), self.secrets)}",
                            hint=f"check the query syntax for {self.source}; request was {shown}",
                        ) from None
            if attempt < self.settings.retries:
                self.sleep(self._delay(attempt, retry_after))
        if last_problem.startswith("could not connect") or last_problem.startswith("no answer"):
            raise ReviewError(
                f"could not reach {self.source}: {last_problem} after "
                f"{self.settings.retries + 1} attempts",
                hint="check the network connection (and proxy); the base URL can be changed with "
                "the REVIEW_<SOURCE>_URL environment variable. Nothing was saved.",
            )
        raise ReviewError(
            f"{self.source} kept failing: {last_problem} after "
            f"{self.settings.retries + 1} attempts",
            hint="the service may be down or rate-limiting; try again later. "
            f"Nothing was saved. Request: {shown}",
        )

    def _client_error(self, resp: Any, shown: str, what: str) -> ReviewError:
        status = resp.status_code
        message = scrub(_error_message(resp.text), self.secrets)
        lowered = message.lower()
        if status in (401, 403) or "api key" in lowered or "api_key" in lowered:
            return ReviewError(
                f"{self.source} refused the {what} (HTTP {status}): {message}",
                hint=self.key_hint,
            )
        if status in (404, 405, 410):
            return ReviewError(
                f"{self.source} has no such endpoint (HTTP {status}): {shown.split('?')[0]}",
                hint="check the REVIEW_<SOURCE>_URL environment variable (unset it "
                "to use the public service)",
            )
        return ReviewError(
            f"{self.source} rejected the {what} (HTTP {status}): {message}",
            hint=f"check the query syntax for {self.source}; request was {shown}",
        )


def _error_message(text: str) -> str:
    """The human part of an error body: JSON `error`/`message`, XML <ERROR>, else the text."""
    text = text.strip()
    try:
        data = json.loads(text)
    except ValueError:
        m = re.search(r"<ERROR>(.*?)</ERROR>", text, re.S)
        if m:
            return m.group(1).strip()
        return re.sub(r"<[^>]+>", " ", text)[:300].strip() or "(empty body)"
    return _json_message(data) or text[:300]


def _json_message(data: Any) -> str:
    if isinstance(data, dict):
        err, msg = data.get("error"), data.get("message")
        if isinstance(err, str) and isinstance(msg, str) and err and msg:
            return f"{err.rstrip('.')}: {msg}"  # OpenAlex: {"error": "...", "message": "..."}
        for key in ("ERROR", "error", "message", "errorMessage"):
            if key in data and data[key]:
                value = data[key]
                if isinstance(value, list):
                    return "; ".join(_json_message(v) or str(v) for v in value)
                if isinstance(value, dict):
                    return _json_message(value) or json.dumps(value)
                return str(value)
        for value in data.values():
            found = _json_message(value)
            if found:
                return found
    return ""


def json_body(resp: Any) -> Any:
    """The JSON body, or Transient when the body is an HTML error page or cut off."""
    try:
        return json.loads(resp.content)
    except ValueError:
        head = resp.text[:80].strip().replace("\n", " ")
        raise Transient(f"not JSON: {head!r}") from None
