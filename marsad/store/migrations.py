"""Ordered, named schema migrations, each recorded in the database once applied.

A migration is never edited after release: a schema change is a new entry at the end of
MIGRATIONS. `migrate()` runs under one write transaction, so two processes opening a new
database at once apply each migration exactly once.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone


@dataclass(frozen=True)
class Migration:
    """One schema step: a stable `name` and the SQL script that applies it."""

    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_articles_and_facets", """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT,
            published TEXT,
            source TEXT,
            url TEXT,
            language TEXT,
            text TEXT NOT NULL,
            record TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_source ON articles(source);

        -- One row per real-world entity across documents: `key` is "kb:<kb_id>" when linked,
        -- else "name:<TYPE>:<folded canonical name>".
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            name_en TEXT,
            kb_id TEXT,
            folded TEXT NOT NULL
        );
        CREATE INDEX entities_folded ON entities(folded);

        -- The record's article-local entity ids ("e1") mapped to the shared entity.
        CREATE TABLE article_entities (
            article INTEGER NOT NULL REFERENCES articles(rowid),
            local_id TEXT NOT NULL,
            entity INTEGER NOT NULL REFERENCES entities(id),
            PRIMARY KEY (article, local_id)
        );
        CREATE INDEX article_entities_entity ON article_entities(entity);

        CREATE TABLE mentions (
            article INTEGER NOT NULL REFERENCES articles(rowid),
            entity INTEGER NOT NULL REFERENCES entities(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
        );
        CREATE INDEX mentions_entity ON mentions(entity);
        CREATE INDEX mentions_article ON mentions(article);

        CREATE TABLE quotes (
            article INTEGER NOT NULL REFERENCES articles(rowid),
            speaker INTEGER REFERENCES entities(id),
            speaker_text TEXT, cue TEXT, text TEXT NOT NULL, direct INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX quotes_article ON quotes(article);
        CREATE INDEX quotes_speaker ON quotes(speaker);

        CREATE TABLE figures (
            article INTEGER NOT NULL REFERENCES articles(rowid),
            value REAL NOT NULL, unit TEXT, text TEXT NOT NULL,
            about TEXT, about_key TEXT, time TEXT, change TEXT,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL  -- the sentence holding it
        );
        CREATE INDEX figures_article ON figures(article);
        CREATE INDEX figures_about ON figures(about_key, unit, time);

        CREATE TABLE times (
            article INTEGER NOT NULL REFERENCES articles(rowid),
            text TEXT NOT NULL, type TEXT NOT NULL, value TEXT,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX times_article ON times(article);

        CREATE TABLE events (
            article INTEGER NOT NULL REFERENCES articles(rowid),
            type TEXT NOT NULL, mode TEXT,
            source INTEGER REFERENCES entities(id), target INTEGER REFERENCES entities(id),
            location INTEGER REFERENCES entities(id), date TEXT,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX events_article ON events(article);
        CREATE INDEX events_type ON events(type);
        CREATE INDEX events_source ON events(source);
        CREATE INDEX events_target ON events(target);

        CREATE TABLE relations (
            article INTEGER NOT NULL REFERENCES articles(rowid),
            type TEXT NOT NULL,
            subject INTEGER REFERENCES entities(id), object INTEGER REFERENCES entities(id),
            role TEXT, start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX relations_article ON relations(article);
        CREATE INDEX relations_subject ON relations(subject);
        CREATE INDEX relations_object ON relations(object);

        -- Search index over folded, article-stripped text (store/fts.py); rowid = articles.rowid.
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, content='', tokenize='unicode61 remove_diacritics 0'
        );
    """),
    # Events gained `status` ("asserted" | "future": announced, planned, expected). Rows stored before
    # it are "asserted" unless their stored record says otherwise: a record extracted with status but
    # saved by the previous store keeps it in articles.record, and the events rows were inserted in
    # the record's order, so the n-th row of an article is its record's events[n] (type and start
    # are checked as well, so a mismatch stays "asserted" rather than taking another event's status).
    Migration("0002_event_status", """
        ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'asserted';

        WITH numbered AS (
            SELECT rowid AS id, article, type, start,
                   '$.events[' || (row_number() OVER (PARTITION BY article ORDER BY rowid) - 1) || ']' AS item
            FROM events
        ), recorded AS (
            SELECT n.id, json_extract(a.record, n.item || '.status') AS status
            FROM numbered n JOIN articles a ON a.rowid = n.article
            WHERE json_valid(a.record)
              AND json_extract(a.record, n.item || '.type') = n.type
              AND json_extract(a.record, n.item || '.start') = n.start
        )
        UPDATE events SET status = (SELECT r.status FROM recorded r WHERE r.id = events.rowid)
        WHERE rowid IN (SELECT id FROM recorded WHERE typeof(status) = 'text' AND status != '');

        CREATE INDEX events_status ON events(status);
    """),
)


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks; returns the names applied now."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    applied_now: list[str] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
        for migration in MIGRATIONS:
            if migration.name in done:
                continue
            for statement in _statements(migration.sql):
                conn.execute(statement)
            conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                         (migration.name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
            applied_now.append(migration.name)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return applied_now


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (executescript would commit our transaction)."""
    out, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    return out
