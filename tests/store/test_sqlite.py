"""Store: saving is atomic and idempotent, records round-trip, entities merge across documents."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from marsad.store.migrations import MIGRATIONS
from marsad.store.sqlite import Store, entity_key
from tests.store.store_records import make_article, sample_corpus

FACET_TABLES = ("articles", "entities", "mentions", "quotes", "figures", "times", "events", "relations")


def table_counts(store: Store) -> dict[str, int]:
    return {t: store.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in FACET_TABLES}


@pytest.mark.parametrize("article", sample_corpus(), ids=lambda a: a.id)
def test_sqlite_save_round_trips_the_record(fresh_store, article):
    assert fresh_store.save(article) is True
    assert fresh_store.get(article.id) == article
    assert fresh_store.has_content(article.content_hash)


def test_sqlite_save_twice_adds_nothing(filled_store):
    before = table_counts(filled_store)
    assert [filled_store.save(a) for a in sample_corpus()] == [False] * 4
    assert table_counts(filled_store) == before


def test_sqlite_facets_are_stored_in_their_tables(filled_store):
    corpus = sample_corpus()
    expected = {facet: sum(len(getattr(a, facet)) for a in corpus)
                for facet in ("quotes", "figures", "times", "events", "relations")}
    expected["mentions"] = sum(len(e["mentions"]) for a in corpus for e in a.entities)
    expected["articles"] = len(corpus)
    expected["entities"] = 5  # محمد العلي, مصر, الصين, القاهرة, وزارة التجارة: merged across articles
    assert table_counts(filled_store) == expected


@pytest.mark.parametrize("first, second, same", [
    ({"type": "LOC", "name": "الصين", "kb_id": "Q148"}, {"type": "LOC", "name": "جمهورية الصين", "kb_id": "Q148"}, True),
    ({"type": "PER", "name": "محمد العلي", "kb_id": None}, {"type": "PER", "name": "مُحمّد  العلي", "kb_id": None}, True),
    ({"type": "PER", "name": "أحمد", "kb_id": None}, {"type": "PER", "name": "احمد", "kb_id": None}, True),
    ({"type": "PER", "name": "الأردن", "kb_id": None}, {"type": "LOC", "name": "الأردن", "kb_id": None}, False),
    ({"type": "LOC", "name": "الصين", "kb_id": "Q148"}, {"type": "LOC", "name": "الصين", "kb_id": None}, False),
])
def test_sqlite_entity_key_merges_across_documents(first, second, same):
    assert (entity_key(first) == entity_key(second)) is same


def test_sqlite_same_entity_in_two_articles_is_one_row(filled_store):
    rows = filled_store.rows("SELECT e.name, count(DISTINCT x.article) AS n FROM entities e"
                             " JOIN article_entities x ON x.entity = e.id WHERE e.kb_id = 'Q148' GROUP BY e.id")
    assert rows == [{"name": "الصين", "n": 2}]


def test_sqlite_failed_save_leaves_nothing(fresh_store):
    good = sample_corpus()[0]
    broken = replace(good, figures=[{**good.figures[0], "value": None}])  # NOT NULL fails after the article row
    with pytest.raises(sqlite3.IntegrityError):
        fresh_store.save(broken)
    assert table_counts(fresh_store) == dict.fromkeys(FACET_TABLES, 0)
    assert fresh_store.save(good) is True


def test_sqlite_taken_id_with_new_content_gets_a_suffix(fresh_store):
    first = make_article("خبر أول عن الطقس.", id="same")
    second = make_article("خبر ثان عن الزراعة.", id="same")
    assert fresh_store.save(first) and fresh_store.save(second)
    ids = [row["id"] for row in fresh_store.rows("SELECT id FROM articles ORDER BY rowid")]
    assert ids[0] == "same" and ids[1].startswith("same~")
    assert fresh_store.get(ids[1]).text == second.text


def test_sqlite_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "kb.db"
    with Store(path) as store:
        store.save(sample_corpus()[0])
    with Store(path) as store:
        names = [row["name"] for row in store.rows("SELECT name FROM migrations")]
        assert names == [m.name for m in MIGRATIONS]
        assert store.count() == 1
        assert store.rows("PRAGMA journal_mode")[0]["journal_mode"] == "wal"


def test_sqlite_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "env.db"))
    with Store() as store:
        assert store.path == str(tmp_path / "env.db")


ARABIC_WORDS = st.lists(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي", min_size=1, max_size=8),
                        min_size=1, max_size=20)


@settings(max_examples=40, deadline=None)
@given(words=ARABIC_WORDS, pick=st.integers(min_value=0))
def test_sqlite_any_record_round_trips(words, pick):
    text = " ".join(words) + "."
    word = words[pick % len(words)]
    article = make_article(text, id="h", entities=[{"id": "e1", "type": "MISC", "name": word, "mentions": [word]}],
                           figures=[{"at": word, "text": word, "value": 1.5, "unit": None, "about": word,
                                     "time": None, "change": None}])
    with Store(":memory:") as store:
        assert store.save(article)
        assert store.get("h") == article
        assert store.search(word).total == 1


def event_statuses(store: Store) -> list[tuple[str, str, str]]:
    return [(r["id"], r["type"], r["status"]) for r in store.rows(
        "SELECT a.id, e.type, e.status FROM events e JOIN articles a ON a.rowid = e.article ORDER BY e.rowid")]


def test_sqlite_event_status_is_stored_and_missing_means_asserted(filled_store):
    assert event_statuses(filled_store) == [("a-trade", "CONSULT", "asserted"), ("b-trade", "ACCUSE", "asserted"),
                                            ("c-exports", "AGREE", "future")]


def previous_version_database(path, articles) -> None:
    """A database as the store before 0002_event_status left it: events without `status`, that migration unrecorded.

    The articles are saved by today's store, then the column is dropped; the test checks the result
    has exactly the schema migration 0001 creates, so the upgrade starts from what users have.
    """
    with Store(path) as store:
        for article in articles:
            store.save(article)
        with store.atomic() as conn:
            conn.execute("DROP INDEX events_status")
            conn.execute("ALTER TABLE events DROP COLUMN status")
            conn.execute("DELETE FROM migrations WHERE name != ?", (MIGRATIONS[0].name,))


def schema(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(row[0], " ".join(row[1].split())) for row in
            conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name != 'migrations' ORDER BY name")]


def test_sqlite_previous_version_database_upgrades(tmp_path, monkeypatch):
    planned = make_article("ويعتزم الوزير زيارة الأردن. والتقى الوزير نظيره أمس.", id="old", entities=[
        {"id": "e1", "type": "LOC", "name": "الأردن", "mentions": ["الأردن"]}], events=[
        {"at": "زيارة", "type": "CONSULT", "mode": None, "status": "future", "source": None, "target": "e1",
         "location": None, "date": None},
        {"at": "التقى", "type": "CONSULT", "mode": None, "status": "asserted", "source": None, "target": None,
         "location": None, "date": None}])
    path = tmp_path / "old.db"
    previous_version_database(path, [*sample_corpus(), planned])
    with monkeypatch.context() as patched:  # what migration 0001 alone creates, for comparison
        patched.setattr("marsad.store.migrations.MIGRATIONS", MIGRATIONS[:1])
        with Store(":memory:") as first:
            expected = schema(first.conn)
    with sqlite3.connect(path) as conn:
        assert schema(conn) == expected
        assert "status" not in {row[1] for row in conn.execute("PRAGMA table_info(events)")}
    conn.close()

    with Store(path) as store:
        assert [r["name"] for r in store.rows("SELECT name FROM migrations ORDER BY name")] == [m.name for m in MIGRATIONS]
        assert event_statuses(store) == [("a-trade", "CONSULT", "asserted"), ("b-trade", "ACCUSE", "asserted"),
                                         ("c-exports", "AGREE", "future"), ("old", "CONSULT", "future"),
                                         ("old", "CONSULT", "asserted")]
        assert store.get("old") == planned and store.count() == 5
        later = make_article("وسيلتقي الوزير نظيره غدا.", id="new", events=[
            {"at": "وسيلتقي", "type": "CONSULT", "mode": None, "status": "future", "source": None, "target": None,
             "location": None, "date": None}])
        assert store.save(later)
        assert event_statuses(store)[-1] == ("new", "CONSULT", "future")
    with Store(path) as again:  # reopening applies nothing twice
        assert again.rows("SELECT count(*) AS n FROM migrations")[0]["n"] == len(MIGRATIONS)


def test_sqlite_upgrade_keeps_asserted_when_the_record_does_not_line_up(tmp_path):
    """A stored record whose events differ from the rows (edited by hand) gives no status to the wrong row."""
    path = tmp_path / "old.db"
    previous_version_database(path, [sample_corpus()[2]])
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET type = 'SUPPORT'")
    conn.close()
    with Store(path) as store:
        assert event_statuses(store) == [("c-exports", "SUPPORT", "asserted")]
