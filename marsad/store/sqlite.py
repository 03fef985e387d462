"""Store: the SQLite knowledge base (one connection, WAL, named migrations, atomic saves).

One article is saved in one IMMEDIATE transaction with all its facets, so a process killed
mid-ingest leaves whole articles only, and two processes saving at once wait for each other
(busy_timeout) instead of failing. The content hash is UNIQUE: saving an article already
stored adds nothing and returns False.

Example:
    with Store("marsad.db") as store:
        store.save(record)              # True: stored; False: already there
        store.get(record.id).title
        store.search("الاقتصاد").hits
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from marsad.errors import UsageError
from marsad.record.article import Article
from marsad.store.fts import WORD_RE, Query, QueryError, index_text, parse_query, search_key
from marsad.store.migrations import migrate
from marsad.text.fold import fold, fold_with_map

DEFAULT_DB_ENV = "MARSAD_DB"
DEFAULT_DB = "marsad.db"
BUSY_TIMEOUT_MS = 60_000  # a second ingest process waits this long for the writer lock
# An event's `status` (record schema): reported as done, or announced / planned / expected. A record
# without it (extracted before the field existed) reports events as done.
EVENT_STATUSES: tuple[str, ...] = ("asserted", "future")
DEFAULT_EVENT_STATUS = "asserted"


def default_db_path() -> str:
    """The database path when none is given: $MARSAD_DB, else ./marsad.db."""
    return os.environ.get(DEFAULT_DB_ENV) or DEFAULT_DB


@dataclass(frozen=True)
class Filters:
    """Restrictions shared by article listing and search (all optional, combined with AND)."""

    date_from: str | None = None   # published on or after, YYYY-MM-DD
    date_to: str | None = None     # published on or before, YYYY-MM-DD
    source: str | None = None      # the article's source name (site host or file name)
    entity: int | None = None      # mentions this stored entity id
    event_type: str | None = None  # has an event of this PLOVER type
    event_status: str | None = None  # has an event with this status (of `event_type`, when both are given)


@dataclass(frozen=True)
class Page:
    """One page of results: the rows, the total matching, and where this page starts."""

    items: list[dict[str, Any]]
    total: int
    offset: int
    limit: int


class Store:
    """The knowledge base in one SQLite file (or ":memory:")."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = str(path if path is not None else default_db_path())
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                    check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.lock = threading.RLock()  # the web server shares this connection between threads
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        with self.lock:
            migrate(self.conn)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (IMMEDIATE: takes the writer lock first); a savepoint when nested."""
        with self.lock:
            if self.conn.in_transaction:
                self.conn.execute("SAVEPOINT atomic")
                try:
                    yield self.conn
                except BaseException:
                    self.conn.execute("ROLLBACK TO atomic")
                    raise
                finally:
                    self.conn.execute("RELEASE atomic")
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def rows(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[dict[str, Any]]:
        """Run a read query and return plain dicts."""
        with self.lock:
            return [dict(row) for row in self.conn.execute(sql, params)]

    def has_content(self, content_hash: str) -> bool:
        """True when an article with this content hash is stored."""
        with self.lock:
            return self.conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone() is not None

    def save(self, article: Article) -> bool:
        """Store one article with all its facets; False (adding nothing) when its content is already stored."""
        with self.atomic() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (article.content_hash,)).fetchone():
                return False
            article_id = self._free_id(conn, article)
            rowid = conn.execute(
                "INSERT INTO articles (id, content_hash, title, published, source, url, language, text, record,"
                " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING rowid",
                (article_id, article.content_hash, article.title, article.published, source_name(article),
                 article.source.get("url"), article.language, article.text, _record_json(article, article_id),
                 datetime.now(timezone.utc).isoformat(timespec="seconds"))).fetchone()[0]
            conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?,?,?)",
                         (rowid, index_text(article.title), index_text(article.text)))
            _save_facets(conn, rowid, article)
        return True

    @staticmethod
    def _free_id(conn: sqlite3.Connection, article: Article) -> str:
        """The article's id, or the id plus a hash suffix when another article already holds it."""
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone() is None:
            return article.id
        return f"{article.id}~{article.content_hash[7:19]}"

    def get(self, article_id: str) -> Article | None:
        """The stored record with this id, or None."""
        with self.lock:
            row = self.conn.execute("SELECT record, text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.from_dict(_record(row)) if row else None

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored record as a dict, in ingest order."""
        with self.lock:
            rows = self.conn.execute("SELECT record, text FROM articles ORDER BY rowid")
            for row in rows:
                yield _record(row)

    def count(self) -> int:
        with self.lock:
            return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search(self, query: str | None = None, *, filters: Filters | None = None, limit: int = 20,
               offset: int = 0) -> Page:
        """Articles matching `query` (see store/fts.py) and `filters`, best first; newest first without a query.

        Raises:
            QueryError: the query is malformed (the message says why).
        """
        parsed = parse_query(query) if query is not None else None
        where, params = _filter_sql(filters or Filters())
        source = "articles a"
        order = "a.published DESC, a.rowid DESC"
        if parsed is not None:
            source = "articles_fts f JOIN articles a ON a.rowid = f.rowid"
            where.insert(0, "articles_fts MATCH ?")
            params.insert(0, parsed.fts())
            order = "f.rank, a.published DESC"
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        try:
            with self.lock:
                total = self.conn.execute(f"SELECT count(*) FROM {source} {clause}", params).fetchone()[0]
                rows = self.conn.execute(
                    f"SELECT a.id, a.title, a.published, a.source, a.url, a.text FROM {source} {clause}"
                    f" ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        except sqlite3.OperationalError as exc:  # a query FTS5 still refuses is the user's, not a crash
            raise QueryError(f"the search query could not be run: {exc}") from exc
        items = [_hit(dict(row), parsed) for row in rows]
        return Page(items, int(total), offset, limit)


def _record_json(article: Article, article_id: str) -> str:
    """The record as JSON without its text (kept once, in the text column): to_dict() order, shallow."""
    record = article.to_dict()
    del record["text"]
    record["id"] = article_id
    return json.dumps(record, ensure_ascii=False)


def _record(row: sqlite3.Row) -> dict[str, Any]:
    record = json.loads(row["record"])
    ordered = {}
    for key, value in record.items():  # the text goes back where to_dict() puts it, after language
        ordered[key] = value
        if key == "language":
            ordered["text"] = row["text"]
    return ordered


def source_name(article: Article) -> str:
    """A short name for where an article came from: the site host, else the input file's name."""
    url = article.source.get("url")
    if url:
        return urlsplit(url).hostname or url
    for key in ("site", "source"):
        if isinstance(article.meta.get(key), str):
            return article.meta[key]
    return Path(str(article.source.get("path", ""))).name or "unknown"


def entity_key(entity: dict[str, Any]) -> str:
    """The cross-document identity of an entity: its KB id, else its type and folded name."""
    if entity.get("kb_id"):
        return f"kb:{entity['kb_id']}"
    return f"name:{entity['type']}:{' '.join(fold(entity['name']).split())}"


def _save_facets(conn: sqlite3.Connection, rowid: int, article: Article) -> None:
    local: dict[str, int] = {}
    for entity in article.entities:
        local[entity["id"]] = _entity_id(conn, entity)
        conn.execute("INSERT OR IGNORE INTO article_entities (article, local_id, entity) VALUES (?,?,?)",
                     (rowid, entity["id"], local[entity["id"]]))
        conn.executemany('INSERT INTO mentions (article, entity, start, "end", text) VALUES (?,?,?,?,?)',
                         [(rowid, local[entity["id"]], m["start"], m["end"], m["text"]) for m in entity["mentions"]])
    ref = local.get
    conn.executemany(
        'INSERT INTO quotes (article, speaker, speaker_text, cue, text, direct, start, "end") VALUES (?,?,?,?,?,?,?,?)',
        [(rowid, ref(q.get("speaker") or ""), q.get("speaker_text"), q.get("cue"), q["text"], int(bool(q["direct"])),
          q["start"], q["end"]) for q in article.quotes])
    conn.executemany(
        'INSERT INTO figures (article, value, unit, text, about, about_key, time, change, start, "end",'
        " sentence_start, sentence_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [(rowid, f["value"], f.get("unit"), f["text"], f.get("about"), about_key(f.get("about")), f.get("time"),
          f.get("change"), f["start"], f["end"], *sentence_of(article, f["start"], f["end"]))
         for f in article.figures])
    conn.executemany('INSERT INTO times (article, text, type, value, start, "end") VALUES (?,?,?,?,?,?)',
                     [(rowid, t["text"], t["type"], t.get("value"), t["start"], t["end"]) for t in article.times])
    conn.executemany(
        'INSERT INTO events (article, type, mode, status, source, target, location, date, start, "end")'
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(rowid, e["type"], e.get("mode"), e.get("status") or DEFAULT_EVENT_STATUS, ref(e.get("source") or ""),
          ref(e.get("target") or ""), ref(e.get("location") or ""), e.get("date"), e["start"], e["end"])
         for e in article.events])
    conn.executemany(
        'INSERT INTO relations (article, type, subject, object, role, start, "end") VALUES (?,?,?,?,?,?,?)',
        [(rowid, r["type"], ref(r.get("subject") or ""), ref(r.get("object") or ""), r.get("role"),
          r["start"], r["end"]) for r in article.relations])


def sentence_of(article: Article, start: int, end: int) -> tuple[int, int]:
    """The range of the sentence holding [start, end), or the span itself without sentences."""
    for sentence in article.sentences:
        if sentence["start"] <= start < sentence["end"]:
            return sentence["start"], max(sentence["end"], end)
    return start, end


def about_key(about: str | None) -> str | None:
    """The grouping key of a figure's `about`: its words' search keys (folded, article stripped)."""
    if not about:
        return None
    return " ".join(search_key(w) for w in fold(about).split()) or None


def _entity_id(conn: sqlite3.Connection, entity: dict[str, Any]) -> int:
    """The shared entity's id, created on first sight; a later KB id or English name fills gaps."""
    key = entity_key(entity)
    row = conn.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
    if row is not None:
        conn.execute("UPDATE entities SET name_en = coalesce(name_en, ?) WHERE id = ?", (entity.get("name_en"), row[0]))
        return int(row[0])
    return int(conn.execute(
        "INSERT INTO entities (key, type, name, name_en, kb_id, folded) VALUES (?,?,?,?,?,?) RETURNING id",
        (key, entity["type"], entity["name"], entity.get("name_en"), entity.get("kb_id"),
         fold(entity["name"]))).fetchone()[0])


def _filter_sql(filters: Filters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for value, sql in ((filters.date_from, "a.published >= ?"), (filters.date_to, "a.published <= ?"),
                       (filters.source, "a.source = ?"),
                       (filters.entity, "EXISTS (SELECT 1 FROM mentions m WHERE m.article = a.rowid AND m.entity = ?)")):
        if value is not None and value != "":
            where.append(sql)
            params.append(value)
    # One event must match both: a planned CONSULT, not a CONSULT beside some other planned event.
    event = [(sql, value) for value, sql in ((filters.event_type, "e.type = ?"), (filters.event_status, "e.status = ?"))
             if value is not None and value != ""]
    if event:
        where.append("EXISTS (SELECT 1 FROM events e WHERE e.article = a.rowid AND "
                     + " AND ".join(sql for sql, _ in event) + ")")
        params += [value for _, value in event]
    check_event_status(filters.event_status)
    for value in (filters.date_from, filters.date_to):
        if value and not _is_date(value):
            raise UsageError(f"dates are written YYYY-MM-DD, not {value!r}")
    return where, params


def check_event_status(status: str | None) -> None:
    """Refuse an event status the records never carry (a typo would otherwise match nothing, silently)."""
    if status and status not in EVENT_STATUSES:
        raise UsageError(f"event status must be one of {', '.join(EVENT_STATUSES)}, not {status!r}")


def _is_date(value: str) -> bool:
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return False
    return True


SNIPPET_CHARS = 90


def _hit(row: dict[str, Any], query: Query | None) -> dict[str, Any]:
    """A search result: the article's fields and a snippet of its text around the first match."""
    text = row.pop("text")
    row["snippet"] = snippet(text, query.keys() if query else [])
    return row


def snippet(text: str, keys: list[str]) -> str:
    """About SNIPPET_CHARS characters of `text` around the first word whose search key is in `keys`."""
    folded = fold_with_map(text)
    start = 0
    wanted = set(keys)
    for m in WORD_RE.finditer(folded.text):
        if search_key(m.group()) in wanted:
            start = max(0, folded.to_original(m.start(), m.end())[0] - SNIPPET_CHARS // 3)
            break
    piece = text[start:start + SNIPPET_CHARS].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(text) else "")
