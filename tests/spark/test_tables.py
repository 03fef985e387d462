"""Article -> rows per facet table: shapes, coercion, keys (pure Python, no Spark)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from marsad.record.article import Article, Rejected
from marsad.errors import RejectReason
from marsad.spark.tables import SCHEMAS, article_rows, entity_key, folded_key, month_of, reject_row

TEXT = "قال وزير الخارجية أحمد علي إن حجم التبادل التجاري بلغ 41 مليار دولار في 2023."


def _article(**facets: object) -> Article:
    return Article(id="a1", content_hash="sha256:00", source={"path": "news/a1.txt"}, title=None,
                   published="2024-07-03", language="ar", text=TEXT, **facets)


def _rows(article: Article) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for table, row in article_rows(article):
        out.setdefault(table, []).append(row)
    return out


def _column(table: str, row: tuple, name: str) -> object:
    return row[[col for col, _ in SCHEMAS[table]].index(name)]


@pytest.mark.parametrize("published,month", [("2024-07-03", "2024-07"), ("2024-07", "2024-07"), (None, "unknown"),
                                             ("2024", "unknown")])
def test_tables_month_of(published: str | None, month: str) -> None:
    assert month_of(published) == month


@pytest.mark.parametrize("a,b,same", [
    ({"type": "PER", "name": "أحمد علي"}, {"type": "PER", "name": "احمد  علي"}, True),
    ({"type": "PER", "name": "أحمد"}, {"type": "ORG", "name": "أحمد"}, False),
    ({"type": "LOC", "name": "مصر", "kb_id": "Q79"}, {"type": "LOC", "name": "جمهورية مصر", "kb_id": "Q79"}, True),
])
def test_tables_entity_key_folds_names_and_prefers_kb_ids(a: dict, b: dict, same: bool) -> None:
    assert (entity_key(a) == entity_key(b)) is same


@pytest.mark.parametrize("text,key", [("التبادلُ التجاري", "التبادل التجاري"), ("  ", None), (None, None)])
def test_tables_folded_key(text: str | None, key: str | None) -> None:
    assert folded_key(text) == key


def test_tables_every_row_matches_its_schema() -> None:
    article = _article(
        sentences=[{"start": 0, "end": len(TEXT)}],
        entities=[{"id": "e1", "type": "PER", "name": "أحمد علي", "name_en": "Ahmed Ali", "kb_id": None,
                   "mentions": [{"start": 18, "end": 26, "text": "أحمد علي"}]}],
        quotes=[{"speaker": "e1", "speaker_text": "أحمد علي", "cue": "قال", "text": TEXT[30:], "start": 30,
                 "end": len(TEXT), "direct": False}],
        figures=[{"value": 41000000000, "unit": "USD", "text": "41 مليار دولار", "start": 55, "end": 69,
                  "about": "حجم التبادل التجاري", "time": "2023", "change": None}],
        times=[{"text": "2023", "type": "DATE", "value": "2023", "start": 73, "end": 77}],
        events=[{"type": "CONSULT", "mode": None, "source": ["e1"], "target": "e2", "location": None,
                 "date": None, "text": "قال", "start": 0, "end": 3}],
        relations=[{"type": "holds_role", "subject": "e1", "object": "وزير الخارجية", "role": "وزير",
                    "start": 4, "end": 17}])
    rows = _rows(article)
    assert set(rows) == set(SCHEMAS) - {"rejects"}
    for table, table_rows in rows.items():
        assert all(len(row) == len(SCHEMAS[table]) for row in table_rows), table
        assert all(_column(table, row, "month") == "2024-07" for row in table_rows)
    assert _column("figures", rows["figures"][0], "value") == 41e9
    assert _column("figures", rows["figures"][0], "about_key") == "حجم التبادل التجاري"
    assert _column("events", rows["events"][0], "target") == ["e2"]
    assert _column("quotes", rows["quotes"][0], "speaker_key") == entity_key(article.entities[0])
    assert _column("articles", rows["articles"][0], "n_entities") == 1


@pytest.mark.parametrize("item,column,expected", [
    ({"value": "41.5", "unit": "USD"}, "value", 41.5),
    ({"value": "كثير", "unit": "USD"}, "value", None),
    ({"value": True, "unit": "USD"}, "value", None),
    ({"value": 3, "unit": ["USD", "EUR"]}, "unit", '["USD", "EUR"]'),
    ({"value": 3, "unit": "t", "start": "5"}, "start", None),
])
def test_tables_coerces_values_to_column_types(item: dict, column: str, expected: object) -> None:
    [row] = _rows(_article(figures=[item]))["figures"]
    assert _column("figures", row, column) == expected


@pytest.mark.parametrize("event,status", [
    ({"status": "future"}, "future"),
    ({"status": "asserted"}, "asserted"),
    ({}, "asserted"),                # a record from before events had a status: reported as done
    ({"status": None}, "asserted"),
])
def test_tables_events_carry_their_status(event: dict, status: str) -> None:
    item = {"type": "CONSULT", "mode": None, "source": "e1", "target": None, "location": None, "date": None,
            "start": 0, "end": 3, **event}
    [row] = _rows(_article(events=[item]))["events"]
    assert _column("events", row, "status") == status
    assert _column("events", row, "type") == "CONSULT" and _column("events", row, "source") == ["e1"]


def test_tables_article_row_holds_the_full_record() -> None:
    article = _article(times=[{"text": "2023", "type": "DATE", "value": "2023", "start": 73, "end": 77, "extra": 1}],
                       meta={"encoding": "utf-8"}, entities=[{"id": "e1", "mentions": [{"start": 0, "end": 3}]}])
    row = _rows(article)["articles"][0]
    assert _column("articles", row, "record_json") == article.to_json()


@pytest.mark.parametrize("reason", list(RejectReason))
def test_tables_reject_row(reason: RejectReason) -> None:
    row = reject_row(Rejected("news/x.txt", reason, "why"))
    assert row == ("news/x.txt", reason.value, "why") and len(row) == len(SCHEMAS["rejects"])


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                     max_leaves=6)
_ITEM = st.dictionaries(st.sampled_from(["id", "type", "name", "kb_id", "value", "unit", "about", "time", "text",
                                         "start", "end", "speaker", "direct", "source", "target", "mentions",
                                         "status"]),
                        _JSON, max_size=8)
_CHECKS = {"string": lambda v: isinstance(v, str), "long": lambda v: isinstance(v, int) and not isinstance(v, bool),
           "double": lambda v: isinstance(v, float), "boolean": lambda v: isinstance(v, bool),
           "array<string>": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)}


@settings(max_examples=80, deadline=None)
@given(items=st.fixed_dictionaries({facet: st.lists(_ITEM, max_size=2) for facet in
                                    ("entities", "quotes", "figures", "times", "events", "relations")}))
def test_tables_rows_always_fit_their_schema(items: dict) -> None:
    """Whatever a stage writes into a facet item, rows carry the declared types (the job skips Spark's check)."""
    for table, row in article_rows(_article(**items)):
        for (column, kind), value in zip(SCHEMAS[table], row, strict=True):
            assert value is None or _CHECKS[kind](value), (table, column, value)
