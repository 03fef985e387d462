"""Polite HTTP for pages and feeds: a user agent, robots.txt, a per-host rate, retries with backoff, a size cap.

Every failure comes back as a `Rejected` value (fetch_failed or too_large) with a short detail
("HTTP 404", "timeout after 10s", "disallowed by robots.txt"), never as an exception, so a run
over many URLs counts failures instead of stopping. The network (`transport`), the clock and
`sleep` are parameters: tests pass httpx.MockTransport and a fake clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from marsad.errors import RejectReason
from marsad.record.article import Rejected
from marsad.settings import FetchSettings

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB of robots.txt


@dataclass(frozen=True)
class Fetched:
    """A response read in full: `url` is the final URL after redirects; 304 comes back with no content."""

    url: str
    status: int
    headers: Mapping[str, str]
    content: bytes


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def default_user_agent() -> str:
    try:
        release = version("marsad")
    except PackageNotFoundError:  # running from a source tree that was never installed
        release = "0"
    return f"marsad/{release} (+offline news analysis)"


class Fetcher:
    """HTTP GET with robots.txt (cached per host), a minimum interval per host, retries and a size cap.

    Example:
        with Fetcher(FetchSettings(timeout_s=5)) as fetcher:
            page = fetcher.get("https://example.com/news/1")   # Fetched or Rejected
    """

    def __init__(self, settings: FetchSettings | None = None, *, transport: httpx.BaseTransport | None = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings or FetchSettings()
        self.user_agent = self.settings.user_agent or default_user_agent()
        self._client = httpx.Client(transport=transport, timeout=self.settings.timeout_s, follow_redirects=False,
                                    headers={"User-Agent": self.user_agent})
        self._clock = clock
        self._sleep = sleep
        self._robots: dict[str, RobotFileParser] = {}
        self._last_request: dict[str, float] = {}

    def get(self, url: str, *, headers: Mapping[str, str] | None = None) -> Fetched | Rejected:
        """The response to GET `url`, or Rejected; a status of 400 or more is Rejected("HTTP <status>").

        Redirects are followed here rather than by httpx, so that every hop is checked against its
        host's robots.txt and rate limit.
        """
        target = url
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(target).scheme not in ("http", "https") or not urlsplit(target).netloc:
                return Rejected(url, RejectReason.FETCH_FAILED, f"not an http(s) URL: {target}")
            if not self.allowed(target):
                return Rejected(url, RejectReason.FETCH_FAILED, "disallowed by robots.txt")
            result = self._request(target, headers or {}, limit=self.settings.max_page_bytes)
            if isinstance(result, Rejected):
                return Rejected(url, result.reason, result.detail)
            if result.status in REDIRECT_STATUSES and result.headers.get("location"):
                target = urljoin(target, result.headers["location"])
                continue
            if result.status >= 400:
                return Rejected(url, RejectReason.FETCH_FAILED, f"HTTP {result.status}")
            return result
        return Rejected(url, RejectReason.FETCH_FAILED, f"more than {MAX_REDIRECTS} redirects")

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets marsad's user agent fetch `url` (fetched once per host)."""
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        return self._robots[origin].can_fetch(self.user_agent, url)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def _load_robots(self, origin: str) -> RobotFileParser:
        """RFC 9309: a 4xx robots.txt allows everything; a 5xx or an unreachable host allows nothing."""
        rules = RobotFileParser(origin + "/robots.txt")
        result = self._request(origin + "/robots.txt", {}, limit=ROBOTS_MAX_BYTES)
        if isinstance(result, Rejected) or result.status >= 500:
            rules.disallow_all = True
        elif result.status >= 400:
            rules.allow_all = True
        else:
            rules.parse(result.content.decode("utf-8", "replace").splitlines())
        return rules

    def _request(self, url: str, headers: Mapping[str, str], *, limit: int) -> Fetched | Rejected:
        """GET with retries: 5xx, 429, timeouts and connection errors are retried after 1, 2, 4 ... x backoff_s."""
        outcome: Fetched | Rejected = Rejected(url, RejectReason.FETCH_FAILED, "not attempted")
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self._sleep(min(self.settings.backoff_s * 2 ** (attempt - 1), self.settings.max_backoff_s))
            self._wait_turn(url)
            try:
                outcome = self._once(url, headers, limit)
            except httpx.TimeoutException:
                outcome = Rejected(url, RejectReason.FETCH_FAILED, f"timeout after {self.settings.timeout_s:g}s")
                continue
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                return Rejected(url, RejectReason.FETCH_FAILED, f"{type(exc).__name__}: {exc}")
            except httpx.TransportError as exc:
                outcome = Rejected(url, RejectReason.FETCH_FAILED, f"connection failed: {exc or type(exc).__name__}")
                continue
            if not (isinstance(outcome, Fetched) and outcome.status in RETRY_STATUSES):
                break
        return outcome

    def _once(self, url: str, headers: Mapping[str, str], limit: int) -> Fetched | Rejected:
        """One GET read in full; httpx errors propagate to `_request`, which decides on a retry."""
        started = self._clock()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise _TooLarge(int(declared))
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise _TooLarge(size)
                    if self._clock() - started > self.settings.timeout_s:
                        raise httpx.ReadTimeout("response too slow", request=response.request)
                    chunks.append(chunk)
                return Fetched(str(response.url), response.status_code, response.headers, b"".join(chunks))
        except _TooLarge as exc:
            return Rejected(url, RejectReason.TOO_LARGE, f"response of {exc.size}+ bytes, over the limit of {limit}")

    def _wait_turn(self, url: str) -> None:
        """Sleep until the host's interval (or its robots.txt Crawl-delay) has passed since the last request."""
        origin = _origin(url)
        interval = self.settings.host_interval_s
        rules = self._robots.get(origin)
        delay = rules.crawl_delay(self.user_agent) if rules is not None and rules.last_checked else None
        interval = max(interval, float(delay or 0))
        last = self._last_request.get(origin)
        if last is not None and (wait := last + interval - self._clock()) > 0:
            self._sleep(wait)
        self._last_request[origin] = self._clock()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
