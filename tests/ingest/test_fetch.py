"""Polite fetching through httpx.MockTransport and a fake clock: no network, no real waiting."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from marsad.errors import RejectReason
from marsad.ingest.fetch import Fetched, Fetcher
from marsad.record.article import Rejected
from marsad.settings import FetchSettings

PAGE = "<html><body><p>خبر</p></body></html>"


class FakeClock:
    """A clock that only moves when the fetcher sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def make_fetcher(handler: Callable[[httpx.Request], httpx.Response], clock: FakeClock | None = None,
                 **settings: object) -> Fetcher:
    clock = clock or FakeClock()
    options = {"host_interval_s": 0.0, **settings}
    return Fetcher(FetchSettings(**options), transport=httpx.MockTransport(handler),  # type: ignore[arg-type]
                   clock=clock, sleep=clock.sleep)


def site(pages: dict[str, httpx.Response], log: list[httpx.Request] | None = None,
         robots: str = "User-agent: *\nDisallow: /private/\n") -> Callable[[httpx.Request], httpx.Response]:
    """A handler serving robots.txt and `pages` by path; unknown paths are 404."""
    def handler(request: httpx.Request) -> httpx.Response:
        if log is not None:
            log.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text=robots)
        return pages.get(request.url.path, httpx.Response(404))
    return handler


@pytest.mark.parametrize("path", ["/news/1"])
def test_fetch_sends_user_agent(path: str) -> None:
    log: list[httpx.Request] = []
    fetcher = make_fetcher(site({path: httpx.Response(200, html=PAGE)}, log))
    result = fetcher.get("http://news.test" + path)
    assert isinstance(result, Fetched) and result.status == 200
    agents = {request.headers["user-agent"] for request in log}
    assert len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("marsad/") and agent.endswith("(+offline news analysis)")


@pytest.mark.parametrize("failures, expected_sleeps", [(0, []), (1, [1.0]), (2, [1.0, 2.0]), (3, [1.0, 2.0, 4.0])])
def test_fetch_retries_5xx_with_exponential_backoff(failures: int, expected_sleeps: list[float]) -> None:
    answers = [httpx.Response(503)] * failures + [httpx.Response(200, html=PAGE)]
    clock = FakeClock()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404) if request.url.path == "/robots.txt" else answers.pop(0)

    result = make_fetcher(handler, clock, backoff_s=1.0, retries=3).get("http://news.test/a")
    assert isinstance(result, Fetched) and result.status == 200
    assert clock.sleeps == expected_sleeps


@pytest.mark.parametrize("status, retries, attempts", [(500, 2, 3), (502, 0, 1), (429, 1, 2)])
def test_fetch_gives_up_after_retries(status: int, retries: int, attempts: int) -> None:
    log: list[httpx.Request] = []
    fetcher = make_fetcher(site({"/a": httpx.Response(status)}, log), backoff_s=0.1, retries=retries)
    result = fetcher.get("http://news.test/a")
    assert isinstance(result, Rejected)
    assert (result.reason, result.detail) == (RejectReason.FETCH_FAILED, f"HTTP {status}")
    assert sum(1 for request in log if request.url.path == "/a") == attempts


@pytest.mark.parametrize("status", [403, 404, 410])
def test_fetch_client_errors_are_not_retried(status: int) -> None:
    log: list[httpx.Request] = []
    result = make_fetcher(site({"/a": httpx.Response(status)}, log)).get("http://news.test/a")
    assert isinstance(result, Rejected) and result.detail == f"HTTP {status}"
    assert sum(1 for request in log if request.url.path == "/a") == 1


@pytest.mark.parametrize("error, detail", [
    (httpx.ReadTimeout("slow"), "timeout after 10s"),
    (httpx.ConnectError("refused"), "connection failed: refused"),
])
def test_fetch_network_errors_are_retried_then_rejected(error: Exception, detail: str) -> None:
    attempts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        attempts.append(request.url.path)
        raise error

    result = make_fetcher(handler, retries=2, backoff_s=0.5).get("http://news.test/a")
    assert isinstance(result, Rejected)
    assert (result.reason, result.detail) == (RejectReason.FETCH_FAILED, detail)
    assert len(attempts) == 3


@pytest.mark.parametrize("headers, size", [({"Content-Length": "5000"}, 5000), ({}, 5000)])
def test_fetch_caps_response_size(headers: dict[str, str], size: int) -> None:
    body = b"x" * size

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if headers:
            return httpx.Response(200, headers=headers, stream=httpx.ByteStream(body))
        return httpx.Response(200, content=iter([body[:2500], body[2500:]]))  # chunked: no declared length

    result = make_fetcher(handler, max_page_bytes=4000).get("http://news.test/big")
    assert isinstance(result, Rejected) and result.reason is RejectReason.TOO_LARGE


@pytest.mark.parametrize("robots, path, allowed", [
    ("User-agent: *\nDisallow: /private/\n", "/private/a", False),
    ("User-agent: *\nDisallow: /private/\n", "/news/a", True),
    ("User-agent: marsad\nDisallow: /\n\nUser-agent: *\nAllow: /\n", "/news/a", False),
    ("User-agent: otherbot\nDisallow: /\n", "/news/a", True),
])
def test_fetch_respects_robots_txt(robots: str, path: str, allowed: bool) -> None:
    log: list[httpx.Request] = []
    fetcher = make_fetcher(site({path: httpx.Response(200, html=PAGE)}, log, robots=robots))
    result = fetcher.get("http://news.test" + path)
    if allowed:
        assert isinstance(result, Fetched)
    else:
        assert isinstance(result, Rejected) and result.detail == "disallowed by robots.txt"
        assert all(request.url.path == "/robots.txt" for request in log)


@pytest.mark.parametrize("robots_status, allowed", [(404, True), (403, True), (500, False), (503, False)])
def test_fetch_robots_txt_status_rules(robots_status: int, allowed: bool) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(robots_status)
        return httpx.Response(200, html=PAGE)

    result = make_fetcher(handler, retries=0).get("http://news.test/a")
    assert isinstance(result, Fetched) is allowed


@pytest.mark.parametrize("pages", [3])
def test_fetch_reads_robots_txt_once_per_host(pages: int) -> None:
    log: list[httpx.Request] = []
    fetcher = make_fetcher(site({f"/{n}": httpx.Response(200, html=PAGE) for n in range(pages)}, log))
    for n in range(pages):
        fetcher.get(f"http://news.test/{n}")
    fetcher.get("http://other.test/0")
    robots = [str(request.url) for request in log if request.url.path == "/robots.txt"]
    assert robots == ["http://news.test/robots.txt", "http://other.test/robots.txt"]


@pytest.mark.parametrize("robots, interval, expected", [
    ("User-agent: *\nAllow: /\n", 2.0, [2.0, 2.0, 2.0]),
    ("User-agent: *\nCrawl-delay: 5\n", 2.0, [5.0, 5.0, 5.0]),
])
def test_fetch_waits_between_requests_to_one_host(robots: str, interval: float, expected: list[float]) -> None:
    """robots(A) page(A) page(A) robots(B) page(B): each host's requests are spaced, other hosts do not wait."""
    clock = FakeClock()
    fetcher = make_fetcher(site({"/1": httpx.Response(200, html=PAGE), "/2": httpx.Response(200, html=PAGE)},
                                robots=robots), clock, host_interval_s=interval)
    for url in ("http://a.test/1", "http://a.test/2", "http://b.test/1"):
        assert isinstance(fetcher.get(url), Fetched)
    assert clock.sleeps == expected


@pytest.mark.parametrize("url", ["ftp://news.test/a", "file:///etc/hostname", "http://"])
def test_fetch_rejects_what_is_not_http(url: str) -> None:
    result = make_fetcher(site({})).get(url)
    assert isinstance(result, Rejected) and result.reason is RejectReason.FETCH_FAILED


@pytest.mark.parametrize("etag", ['"v1"'])
def test_fetch_passes_conditional_headers_and_returns_304(etag: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.headers.get("if-none-match") == etag:
            return httpx.Response(304)
        return httpx.Response(200, headers={"ETag": etag}, text="feed")

    fetcher = make_fetcher(handler)
    first = fetcher.get("http://news.test/feed")
    assert isinstance(first, Fetched) and first.headers["etag"] == etag
    again = fetcher.get("http://news.test/feed", headers={"If-None-Match": etag})
    assert isinstance(again, Fetched) and again.status == 304 and again.content == b""


@pytest.mark.parametrize("location, final", [
    ("/news/new", "http://news.test/news/new"),
    ("http://mirror.test/news/new", "http://mirror.test/news/new"),
    ("/private/new", None),
    ("/loop", None),
])
def test_fetch_follows_redirects_checking_each_hop(location: str, final: str | None) -> None:
    log: list[httpx.Request] = []
    pages = {"/old": httpx.Response(301, headers={"Location": location}),
             "/loop": httpx.Response(302, headers={"Location": "/loop"}),
             "/news/new": httpx.Response(200, html=PAGE), "/private/new": httpx.Response(200, html=PAGE)}
    result = make_fetcher(site(pages, log)).get("http://news.test/old")
    if final is None:
        assert isinstance(result, Rejected) and result.source == "http://news.test/old"
        assert not any(request.url.path == "/private/new" for request in log)
    else:
        assert isinstance(result, Fetched) and result.url == final
        origin = httpx.URL(final).copy_with(path="/robots.txt")
        assert str(origin) in {str(request.url) for request in log}
