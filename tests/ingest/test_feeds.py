"""Feed polling against a local site: new items stored, state kept across restarts, conditional GET, Ctrl-C."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli.main import cli
from marsad.engine import Engine
from marsad.ingest import feeds
from marsad.ingest.feeds import FeedItem, FeedState, parse_feed, watch
from marsad.ingest.fetch import Fetcher
from marsad.record.article import Rejected
from marsad.settings import FetchSettings, Settings
from marsad.store.ingest import IngestSummary
from marsad.store.sqlite import Store
from tests.ingest.conftest import Site
from tests.ingest.webfixtures import arabic_article, arabic_page, rss_feed

QUICK = FetchSettings(timeout_s=2, retries=0, host_interval_s=0.0)
WHEN = datetime(2024, 7, 3, 9, 30, tzinfo=UTC)
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار المدينة</title><id>urn:city</id>
<updated>2024-07-03T10:00:00Z</updated>
<entry><title>افتتاح جسر جديد</title><id>urn:city:1</id><link href="/news/1"/><published>2024-07-02T10:00:00Z</published></entry>
<entry><title>بلا رابط</title><id>urn:city:2</id><updated>2024-07-01T10:00:00Z</updated></entry>
</feed>"""


@pytest.fixture
def engine() -> Engine:
    """A light engine (sentences and tokens): these tests are about acquisition, not recognition."""
    return Engine(Settings(stages=("sentences", "tokens")))


def publish(site: Site, indexes: list[int], *, path: str = "/feed.xml", etag: str | None = None) -> str:
    """Serve Arabic pages for `indexes` and an RSS feed listing them (plus a dead link); returns the feed URL."""
    items = [(arabic_article(n)[0], site.add(f"/news/{n}", arabic_page(n)), WHEN) for n in indexes]
    items.append(("خبر محذوف", site.url("/news/deleted"), WHEN))
    return site.add(path, rss_feed("أخبار", items), content_type="application/rss+xml", etag=etag)


def run_once(feed: str, db: Path, engine: Engine) -> IngestSummary:
    """One pass of `watch` as a fresh process would run it: new Store, state and fetcher."""
    with Store(db) as store, FeedState(db) as state, Fetcher(QUICK) as fetcher:
        return watch([feed], save=store.save, engine=engine, fetcher=fetcher, state=state, interval=1, once=True)


@pytest.mark.parametrize("document, expected", [
    (rss_feed("أخبار", [("عنوان", "http://127.0.0.1/a/1", WHEN), ("عنوان آخر", "/a/2", WHEN)]),
     [FeedItem("http://127.0.0.1/a/1", "http://127.0.0.1/a/1", "عنوان", "2024-07-03"),
      FeedItem("http://127.0.0.1/a/2", "http://127.0.0.1/a/2", "عنوان آخر", "2024-07-03")]),
    (ATOM, [FeedItem("http://127.0.0.1/news/1", "http://127.0.0.1/news/1", "افتتاح جسر جديد", "2024-07-02"),
            FeedItem("urn:city:2", None, "بلا رابط", "2024-07-01")]),
])
def test_feeds_parse_rss_and_atom(document: str, expected: list[FeedItem]) -> None:
    assert parse_feed(document.encode("utf-8"), url="http://127.0.0.1/feed.xml") == expected


@pytest.mark.parametrize("document", [b"<html><body>not a feed</body></html", b"\x00\x01binary"])
def test_feeds_parse_rejects_what_is_not_a_feed(document: bytes) -> None:
    result = parse_feed(document, url="http://127.0.0.1/feed.xml")
    assert isinstance(result, Rejected) and result.reason.value == "bad_record"


def test_feeds_restart_fetches_nothing_twice(site: Site, tmp_path: Path, engine: Engine) -> None:
    db = tmp_path / "watch.db"
    feed = publish(site, [0, 1, 2])
    first = run_once(feed, db, engine)
    assert (first.ingested, first.duplicates, first.batch.reasons()) == (3, 0, {"fetch_failed": 1})

    again = run_once(feed, db, engine)  # a restart: nothing new, no stored page requested again
    assert (again.ingested, again.duplicates, again.batch.reasons()) == (0, 0, {"fetch_failed": 1})
    assert [site.hits(f"/news/{n}") for n in (0, 1, 2)] == [1, 1, 1]
    assert site.hits("/news/deleted") == 2   # a page that failed is tried again ...

    publish(site, [0, 1, 2, 3])  # the feed gains one item
    later = run_once(feed, db, engine)
    assert later.ingested == 1 and site.hits("/news/3") == 1
    run_once(feed, db, engine)
    assert site.hits("/news/deleted") == feeds.MAX_ATTEMPTS   # ... in MAX_ATTEMPTS rounds, then no more
    with Store(db) as store:
        assert store.count() == 4
        assert store.get(site.url("/news/3")).title == arabic_article(3)[0]


def test_feeds_a_page_that_failed_is_stored_when_it_comes_back(site: Site, tmp_path: Path, engine: Engine) -> None:
    db = tmp_path / "watch.db"
    feed = publish(site, [0])
    site.add("/news/0", "", status=503)   # the server fails on the article page
    first = run_once(feed, db, engine)
    assert (first.ingested, first.batch.reasons()) == (0, {"fetch_failed": 2})
    site.add("/news/0", arabic_page(0))   # and recovers
    second = run_once(feed, db, engine)
    assert second.ingested == 1 and site.hits("/news/0") == 2


def test_feeds_state_from_before_retries_is_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:   # the table as the first version wrote it
        conn.execute("CREATE TABLE watch_items (key TEXT PRIMARY KEY, feed TEXT NOT NULL, outcome TEXT NOT NULL, "
                     "seen_at TEXT NOT NULL)")
        conn.execute("INSERT INTO watch_items VALUES ('http://x/1', 'http://x/feed', 'fetch_failed', '2024-07-03')")
        conn.execute("INSERT INTO watch_items VALUES ('http://x/2', 'http://x/feed', 'stored', '2024-07-03')")
    with FeedState(db) as state:
        assert not state.seen("http://x/1") and state.seen("http://x/2")
        state.mark("http://x/1", feed="http://x/feed", outcome="fetch_failed")
        state.mark("http://x/1", feed="http://x/feed", outcome="fetch_failed")
        assert state.seen("http://x/1")


@pytest.mark.parametrize("etag", ['"feed-v1"'])
def test_feeds_conditional_get_skips_an_unchanged_feed(site: Site, tmp_path: Path, engine: Engine, etag: str) -> None:
    feed = publish(site, [5], etag=etag)
    run_once(feed, tmp_path / "watch.db", engine)
    run_once(feed, tmp_path / "watch.db", engine)
    feed_requests = [headers for path, headers in site.requests if path == "/feed.xml"]
    assert [headers.get("if-none-match") for headers in feed_requests] == [None, etag]


@pytest.mark.parametrize("paths, indexes", [(["/one.xml", "/two.xml"], [7]), (["/one.xml"], [7, 7])])
def test_feeds_a_link_listed_twice_is_fetched_once(site: Site, tmp_path: Path, engine: Engine, paths: list[str],
                                                   indexes: list[int]) -> None:
    urls = [publish(site, indexes, path=path) for path in paths]
    with Store(tmp_path / "w.db") as store, FeedState(tmp_path / "w.db") as state, Fetcher(QUICK) as fetcher:
        summary = watch(urls, save=store.save, engine=engine, fetcher=fetcher, state=state, interval=1, once=True)
    assert summary.ingested == 1 and site.hits("/news/7") == 1


def test_feeds_watch_polls_until_interrupted(site: Site, tmp_path: Path, engine: Engine) -> None:
    feed = publish(site, [4])
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            raise KeyboardInterrupt

    summary = IngestSummary()
    with Store(tmp_path / "w.db") as store, FeedState(tmp_path / "w.db") as state, Fetcher(QUICK) as fetcher:
        with pytest.raises(KeyboardInterrupt):
            watch([feed], save=store.save, engine=engine, fetcher=fetcher, state=state, interval=30,
                  summary=summary, sleep=sleep)
    assert waits == [30, 30]
    assert site.hits("/feed.xml") == 2 and site.hits("/news/4") == 1
    assert summary.ingested == 1


@pytest.mark.parametrize("once", [True, False])
def test_feeds_watch_command_prints_a_summary(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              once: bool) -> None:
    feed = publish(site, [0, 1])

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("marsad.cli.watch.watch", partial(feeds.watch, sleep=interrupt))
    args = ["watch", feed, "--db", str(tmp_path / "w.db"), "--no-progress"] + (["--once"] if once else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1  # the dead link is a failure
    assert ("interrupted" in result.output) is not once
    assert "2 ingested" in result.output and "1 failed (1 fetch_failed)" in result.output
    assert f"{site.url('/news/deleted')}: fetch_failed: HTTP 404" in result.output
