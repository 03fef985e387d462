"""URL ingest against a local site on 127.0.0.1: articles, HTTP errors, robots.txt, timeouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.ingest.conftest import Site
from marsad.cli.main import cli
from marsad.errors import RejectReason
from marsad.ingest.fetch import Fetcher
from marsad.ingest.raw import RawArticle
from marsad.ingest.urls import read_url
from marsad.record.article import Rejected
from marsad.settings import FetchSettings
from marsad.store.sqlite import Store
from tests.ingest.webfixtures import arabic_article, arabic_date, arabic_page, foreign_page

QUICK = FetchSettings(timeout_s=0.5, retries=1, backoff_s=0.01, host_interval_s=0.0)


@pytest.mark.parametrize("index", [3, 8])
def test_urls_read_url_gives_the_article(site: Site, index: int) -> None:
    url = site.add(f"/news/{index}", arabic_page(index))
    with Fetcher(QUICK) as fetcher:
        raw = read_url(url, fetcher)
    title, paragraphs = arabic_article(index)
    assert isinstance(raw, RawArticle)
    assert (raw.id, raw.source, raw.title) == (url, {"url": url}, title)
    assert raw.published == arabic_date(index)[1]
    assert raw.meta["author"] == "مراسل الموقع"
    assert paragraphs[1] in raw.text


@pytest.mark.parametrize("path, route, reason, detail", [
    ("/missing", None, RejectReason.FETCH_FAILED, "HTTP 404"),
    ("/error", {"body": "oops", "status": 500}, RejectReason.FETCH_FAILED, "HTTP 500"),
    ("/private/secret", {"body": arabic_page(1)}, RejectReason.FETCH_FAILED, "disallowed by robots.txt"),
    ("/slow", {"body": arabic_page(2), "delay": 1.5}, RejectReason.FETCH_FAILED, "timeout after 0.5s"),
    ("/report.pdf", {"body": b"%PDF-1.4", "content_type": "application/pdf"}, RejectReason.UNSUPPORTED,
     "content type application/pdf, not an HTML page"),
    ("/en", {"body": foreign_page(0)}, RejectReason.NOT_ARABIC, "the page's main text is not Arabic"),
    ("/menu", {"body": "<html><body><nav>الرئيسية</nav></body></html>"}, RejectReason.NOT_ARTICLE,
     "no main text found in the HTML page"),
])
def test_urls_failures_are_rejected_with_reason(site: Site, path: str, route: dict | None, reason: RejectReason,
                                                detail: str) -> None:
    if route is not None:
        site.add(path, **route)
    with Fetcher(QUICK) as fetcher:
        result = read_url(site.url(path), fetcher)
    assert isinstance(result, Rejected)
    assert (result.source, result.reason, result.detail) == (site.url(path), reason, detail)
    if detail == "disallowed by robots.txt":
        assert site.hits(path) == 0


@pytest.mark.parametrize("count", [2])
def test_urls_ingest_command_stores_pages(site: Site, tmp_path: Path, count: int) -> None:
    urls = [site.add(f"/news/{n}", arabic_page(n)) for n in range(count)]
    db = tmp_path / "web.db"
    result = CliRunner().invoke(cli, ["ingest", *urls, site.url("/gone"), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1  # one URL failed; the others are stored
    assert f"{site.url('/gone')}: fetch_failed: HTTP 404" in result.output
    assert f"{count} ingested" in result.output
    with Store(db) as store:
        stored = [store.get(url) for url in urls]
    assert [a.source["url"] for a in stored if a] == urls
    assert [a.published for a in stored if a] == [arabic_date(n)[1] for n in range(count)]
    assert site.hits("/robots.txt") == 1
