"""RSS and Atom feeds -> new articles in the Store, with the feed state kept so a restart fetches nothing twice.

Each round, for every feed:
 1. GET the feed with its last ETag / Last-Modified (a 304 means nothing new);
 2. parse it with feedparser; item links are made absolute;
 3. for every item whose link (or id) was never seen: fetch the page, extract, save;
 4. mark the item seen with its outcome. A page that could not be fetched (network or HTTP error)
    is tried again in the next rounds, MAX_ATTEMPTS times in all; any other outcome is final.

The state lives in two tables of the marsad database (`watch_feeds`, `watch_items`), written through
a connection of its own so the Store's schema and migrations stay the store's business.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin

import feedparser

from marsad.engine import Engine
from marsad.errors import RejectReason
from marsad.ingest.batch import extract_raw
from marsad.ingest.fetch import Fetcher
from marsad.ingest.urls import is_url, read_url
from marsad.record.article import Article, Rejected
from marsad.store.ingest import IngestSummary

STATE_SCHEMA = """
CREATE TABLE IF NOT EXISTS watch_feeds (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, polled_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS watch_items (
    key TEXT PRIMARY KEY, feed TEXT NOT NULL, outcome TEXT NOT NULL, seen_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1);
"""
BUSY_TIMEOUT_S = 60.0  # the Store may hold the writer lock while it saves an article
MAX_ATTEMPTS = 3       # rounds in which a page that failed to fetch is requested
RETRIED = RejectReason.FETCH_FAILED.value


@dataclass(frozen=True)
class FeedItem:
    """One feed entry: `key` (its link, else its id) is what marks it seen."""

    key: str
    link: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD


class FeedState:
    """Seen items and each feed's HTTP validators, in the marsad database.

    Example:
        with FeedState("marsad.db") as state:
            state.seen("https://example.com/news/1")
    """

    def __init__(self, path: str | Path) -> None:
        self.conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        self.conn.executescript(STATE_SCHEMA)
        columns = {row[1] for row in self.conn.execute("PRAGMA table_info(watch_items)")}
        if "attempts" not in columns:   # state written before failed pages were retried
            self.conn.execute("ALTER TABLE watch_items ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1")

    def validators(self, feed: str) -> dict[str, str]:
        """The conditional-GET headers for `feed` from its last answer."""
        row = self.conn.execute("SELECT etag, last_modified FROM watch_feeds WHERE url = ?", (feed,)).fetchone()
        headers = {}
        if row and row[0]:
            headers["If-None-Match"] = row[0]
        if row and row[1]:
            headers["If-Modified-Since"] = row[1]
        return headers

    def polled(self, feed: str, *, etag: str | None, last_modified: str | None) -> None:
        self.conn.execute("INSERT OR REPLACE INTO watch_feeds VALUES (?, ?, ?, ?)",
                          (feed, etag, last_modified, _now()))

    def seen(self, key: str) -> bool:
        """Whether `key` is done with: handled, or failed to fetch MAX_ATTEMPTS times."""
        row = self.conn.execute("SELECT outcome, attempts FROM watch_items WHERE key = ?", (key,)).fetchone()
        return row is not None and (row[0] != RETRIED or row[1] >= MAX_ATTEMPTS)

    def mark(self, key: str, *, feed: str, outcome: str) -> None:
        self.conn.execute("INSERT INTO watch_items (key, feed, outcome, seen_at) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET feed = excluded.feed, outcome = excluded.outcome, "
                          "seen_at = excluded.seen_at, attempts = attempts + 1", (key, feed, outcome, _now()))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> FeedState:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def parse_feed(data: bytes, *, url: str) -> list[FeedItem] | Rejected:
    """The items of an RSS or Atom document, or Rejected(bad_record) when it is not a feed."""
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        return Rejected(url, RejectReason.BAD_RECORD, f"not an RSS or Atom feed: {parsed.get('bozo_exception')}")
    items = []
    for entry in parsed.entries:
        link = urljoin(url, entry["link"]) if entry.get("link") else None
        link = link if link and is_url(link) else None  # feedparser offers a urn: id as the link
        key = link or entry.get("id")
        if not key:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(FeedItem(key=key, link=link, title=entry.get("title") or None,
                              published=date(*when[:3]).isoformat() if when else None))
    return items


def poll_feed(feed: str, fetcher: Fetcher, state: FeedState) -> list[FeedItem] | Rejected:
    """Steps 1-2: the feed's items not seen before (none when the server answers 304 Not Modified)."""
    fetched = fetcher.get(feed, headers=state.validators(feed))
    if isinstance(fetched, Rejected):
        return fetched
    if fetched.status == 304:
        return []
    items = parse_feed(fetched.content, url=feed)
    if isinstance(items, Rejected):
        return items
    state.polled(feed, etag=fetched.headers.get("etag"), last_modified=fetched.headers.get("last-modified"))
    first: dict[str, FeedItem] = {}
    for item in items:  # an item listed twice counts once
        first.setdefault(item.key, item)
    return [item for item in first.values() if not state.seen(item.key)]


def watch(feeds: Iterable[str], *, save: Callable[[Article], bool], engine: Engine, fetcher: Fetcher,
          state: FeedState, interval: float, once: bool = False, summary: IngestSummary | None = None,
          sleep: Callable[[float], None] = time.sleep,
          on_result: Callable[[Article | Rejected, bool], None] | None = None) -> IngestSummary:
    """Poll `feeds` every `interval` seconds (once with `once`) and `save` each new article; runs until
    interrupted unless `once`. `summary` is updated as it goes, so a caller catching Ctrl-C can report it."""
    summary = summary if summary is not None else IngestSummary()
    feeds = list(feeds)
    while True:
        for feed in feeds:
            polled = poll_feed(feed, fetcher, state)
            if isinstance(polled, Rejected):
                _count(summary, polled, False, on_result)
                continue
            for item in polled:
                result = _article(item, feed, fetcher, engine)
                stored = isinstance(result, Article) and save(result)
                _count(summary, result, stored, on_result)
                outcome = "stored" if stored else ("duplicate" if isinstance(result, Article) else result.reason.value)
                state.mark(item.key, feed=feed, outcome=outcome)
        if once:
            return summary
        sleep(interval)


def _article(item: FeedItem, feed: str, fetcher: Fetcher, engine: Engine) -> Article | Rejected:
    """Step 3 for one item: the page, with the feed's title and date where the page gives none."""
    if item.link is None:
        return Rejected(f"{feed} item {item.key}", RejectReason.BAD_RECORD, "feed item without a link")
    raw = read_url(item.link, fetcher)
    if isinstance(raw, Rejected):
        return raw
    raw = replace(raw, title=raw.title or item.title, published=raw.published or item.published,
                  meta={**raw.meta, "feed": feed})
    return extract_raw(engine, raw)


def _count(summary: IngestSummary, result: Article | Rejected, stored: bool,
           on_result: Callable[[Article | Rejected, bool], None] | None) -> None:
    if isinstance(result, Rejected):
        summary.batch.rejected.append(result)
    else:
        summary.batch.extracted += 1
        if stored:
            summary.ingested += 1
        else:
            summary.duplicates += 1
    if on_result is not None:
        on_result(result, stored)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
