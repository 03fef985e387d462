"""Search: Arabic folding and clitics, phrases, operators, filters, and malformed queries as errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from marsad.store.fts import QueryError, parse_query, search_key
from marsad.store.sqlite import Filters, Store
from tests.store.store_records import make_article


@pytest.mark.parametrize("word, key", [
    ("الاقتصاد", "اقتصاد"), ("والاقتصاد", "اقتصاد"), ("بالاقتصاد", "اقتصاد"), ("وبالاقتصاد", "اقتصاد"),
    ("للامم", "امم"), ("وزير", "وزير"), ("والد", "والد"), ("ال", "ال"), ("اقتصاد", "اقتصاد"),
])
def test_fts_search_key_strips_the_article_and_its_clitics(word, key):
    assert search_key(word) == key


@pytest.mark.parametrize("query", ["الاقتصاد", "والاقتصاد", "الإقتصادُ", "اقتصاد", "اقتص*", "الاقتصاد*",
                                   "ٱلِاقْتِصَاد"])
def test_fts_folded_query_finds_every_form(fresh_store, query):
    fresh_store.save(make_article("قال وزيرُ الإقتصادِ إن والاقتصاد الوطني بخير.", id="one"))
    fresh_store.save(make_article("أمطار غزيرة على الساحل.", id="two"))
    page = fresh_store.search(query)
    assert [item["id"] for item in page.items] == ["one"]


@pytest.mark.parametrize("query, expected", [
    ('"منظمة التعاون"', ["coop"]),
    ('"التعاون منظمة"', []),
    ("منظمة", ["coop", "org"]),
    ("منظمة -التعاون", ["org"]),
    ("الزراعة OR التعاون", ["coop", "farm"]),
    ('"الزراعة" OR "منظمة التعاون"', ["coop", "farm"]),
    ("منظمة الأمطار", []),
])
def test_fts_phrases_and_operators(fresh_store, query, expected):
    fresh_store.save(make_article("اجتمعت منظمة التعاون في الرياض.", id="coop"))
    fresh_store.save(make_article("منظمة الصحة تحذر من الحر.", id="org"))
    fresh_store.save(make_article("وزارة الزراعة تدعم المزارعين.", id="farm"))
    assert sorted(item["id"] for item in fresh_store.search(query).items) == expected


@pytest.mark.parametrize("filters, expected", [
    (Filters(date_from="2024-01-01"), ["a-trade", "b-trade"]),
    (Filters(date_to="2024-01-01"), ["c-exports"]),
    (Filters(date_from="2024-07-01", date_to="2024-07-31"), ["a-trade"]),
    (Filters(source="akhbar.example"), ["b-trade"]),
    (Filters(event_type="CONSULT"), ["a-trade"]),
])
def test_fts_filters_restrict_results(filled_store, filters, expected):
    page = filled_store.search("مصر", filters=filters)
    assert sorted(item["id"] for item in page.items) == expected


def test_fts_entity_filter_uses_the_shared_entity(filled_store):
    person = filled_store.rows("SELECT id FROM entities WHERE type = 'PER'")[0]["id"]
    page = filled_store.search("مصر", filters=Filters(entity=person))
    assert sorted(item["id"] for item in page.items) == ["a-trade", "b-trade"]


def test_fts_snippet_shows_the_match(filled_store):
    hit = filled_store.search("السياسات").items[0]
    assert "السياسات" in hit["snippet"]


@pytest.mark.parametrize("query, message", [
    ("", "empty"), ("   ", "empty"), ('"منظمة التعاون', "not closed"), ("OR منظمة", "OR"), ("منظمة OR", "OR"),
    ("منظمة OR OR التعاون", "OR"), ("-منظمة", "excluded"), ("***", "no letters"), ("()", "no letters"),
    ("اق* تص*" * 40, "too"), ("منظمة OR -التعاون", "excluded"), ('"" منظمة', "no letters"),
])
def test_fts_malformed_queries_are_clear_errors(filled_store, query, message):
    with pytest.raises(QueryError, match=message):
        filled_store.search(query)


@pytest.mark.parametrize("query", ['NEAR(a b)', 'a:b', 'title:مصر', '^مصر', 'مصر + الصين', "AND", "NOT مصر",
                                   "{مصر}", "مصر'", "\\", "*"])
def test_fts_syntax_of_fts5_is_plain_text(filled_store, query):
    try:
        page = filled_store.search(query)
    except QueryError:
        return
    assert page.total >= 0


@settings(max_examples=100, deadline=None)
@given(query=st.lists(st.sampled_from(list('ابتمصرالًَُ "*-:()^\\{}.,؟') + ["OR", "NOT", "AND", " OR "]),
                     max_size=30).map("".join))
def test_fts_any_query_returns_or_raises_query_error(query):
    with Store(":memory:") as store:
        store.save(make_article("مصر والصين تتعاونان في الاقتصاد.", id="x"))
        try:
            parsed = parse_query(query)
        except QueryError:
            return
        assert store.search(query).total in (0, 1)
        assert parsed.fts()
