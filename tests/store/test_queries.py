"""Analyst queries: entity profiles, figures over time, cross-source consistency groups."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from marsad.cli.main import cli
from marsad.errors import UsageError
from marsad.store import queries
from marsad.store.sqlite import Filters
from tests.store.store_records import TEXT_A, TEXT_B, TEXT_C, make_article


def entity_id(store, name):
    return store.rows("SELECT id FROM entities WHERE name = ?", (name,))[0]["id"]


def test_queries_entity_profile_collects_every_facet(filled_store):
    profile = queries.entity_profile(filled_store, entity_id(filled_store, "محمد العلي"))
    assert (profile.mentions, profile.articles) == (4, 2)
    assert [(t["period"], t["mentions"]) for t in profile.timeline] == [("2024-07", 3), ("2024-08", 1)]
    assert {o["name"]: o["articles"] for o in profile.cooccurring}["مصر"] == 2
    assert [q["text"] for q in profile.quotes_by] == ["نسعى إلى مضاعفة التجارة"]
    assert [(r["role"], r["object_name"]) for r in profile.roles] == [("وزير الاقتصاد", "مصر")]
    assert [e["type"] for e in profile.events_as_source] == ["ACCUSE", "CONSULT"]
    assert profile.events_as_target == []


def test_queries_quotes_about_an_entity_are_quotes_mentioning_it(filled_store):
    profile = queries.entity_profile(filled_store, entity_id(filled_store, "مصر"))
    assert [(q["speaker_text"], q["text"]) for q in profile.quotes_about] == [("وزارة التجارة", "مصر ستزيد صادراتها")]
    china = queries.entity_profile(filled_store, entity_id(filled_store, "الصين"))
    assert [e["source_name"] for e in china.events_as_target] == ["محمد العلي"]


def test_queries_unknown_entity_has_no_profile(filled_store):
    assert queries.entity_profile(filled_store, 9999) is None


@pytest.mark.parametrize("about, expected", [
    ("حجم التبادل التجاري", [("2023", 41e9), ("2023", 40.8e9)]),
    ("حَجْم التبادل التجاريّ", [("2023", 41e9), ("2023", 40.8e9)]),
    ("صادرات", [("2022", 35e9)]),
    (None, [("2022", 35e9), ("2023", 41e9), ("2023", 40.8e9)]),
])
def test_queries_figures_about_a_thing_in_time_order(filled_store, about, expected):
    page = queries.figures(filled_store, about=about)
    assert [(f["time"], f["value"]) for f in page.items] == expected
    for figure in page.items:
        assert figure["text"] in figure["sentence"]
        assert figure["sentence"] in (TEXT_A + TEXT_B + TEXT_C) and ". " not in figure["sentence"].strip()


def test_queries_disagreeing_sources_are_grouped_and_flagged(filled_store):
    groups = queries.consistency_groups(filled_store)
    assert len(groups) == 1
    group = groups[0]
    assert (group.unit, group.time, group.articles, group.disagree) == ("USD", "2023", 2, True)
    assert group.values == [40.8e9, 41e9]
    assert group.relative_difference == pytest.approx(0.2 / 41, abs=1e-6)
    assert {f["article_id"] for f in group.figures} == {"a-trade", "b-trade"}


@pytest.mark.parametrize("tolerance, disagree", [(0.0, True), (0.004, True), (0.005, False), (0.1, False)])
def test_queries_tolerance_decides_disagreement(filled_store, tolerance, disagree):
    (group,) = queries.consistency_groups(filled_store, tolerance=tolerance)
    assert group.disagree is disagree


@pytest.mark.parametrize("second", [
    {"time": "2022"},           # another period
    {"unit": "EUR"},            # another unit
    {"about": "حجم الاستثمار"},  # another thing
])
def test_queries_groups_need_same_thing_unit_and_period(fresh_store, second):
    base = {"text": "12 مليار", "value": 12e9, "unit": "USD", "about": "حجم التبادل", "time": "2023", "change": None}
    fresh_store.save(make_article("بلغ حجم التبادل 12 مليار.", id="x", figures=[base]))
    fresh_store.save(make_article("سجل حجم التبادل 12 مليار تقريبا.", id="y", figures=[{**base, **second}]))
    assert queries.consistency_groups(fresh_store) == []


@pytest.mark.parametrize("second_value, status", [(12e9, "agree"), (11.5e9, "disagree"), (3e9, "unrelated")])
def test_queries_spread_rates_the_group(fresh_store, second_value, status):
    base = {"text": "12 مليار", "value": 12e9, "unit": "USD", "about": "حجم التبادل", "time": "2023", "change": None}
    fresh_store.save(make_article("بلغ حجم التبادل 12 مليار.", id="x", figures=[base]))
    fresh_store.save(make_article("سجل حجم التبادل 12 مليار تقريبا.", id="y", figures=[{**base, "value": second_value}]))
    (group,) = queries.consistency_groups(fresh_store)
    assert (group.status, group.disagree) == (status, status == "disagree")


@pytest.mark.parametrize("second_places, groups", [
    (("الأردن", "مصر"), 1),        # shares مصر: one fact
    (("الصين", "كازاخستان"), 0),   # names other countries: another fact, no group
    ((), 1),                         # names none: cannot tell them apart
])
def test_queries_sentences_naming_other_entities_split_the_group(fresh_store, second_places, groups):
    figure = {"text": "12 مليار", "value": 12e9, "unit": "USD", "about": "حجم التبادل", "time": "2023", "change": None}
    first = "بلغ حجم التبادل بين مصر والأردن 12 مليار."
    fresh_store.save(make_article(first, id="x", figures=[figure], entities=[
        {"id": f"e{i}", "type": "LOC", "name": name, "mentions": [name]} for i, name in enumerate(("مصر", "الأردن"))]))
    second = "بلغ حجم التبادل " + (f"بين {second_places[0]} و{second_places[1]} " if second_places else "") + "12 مليار تقريبا."
    fresh_store.save(make_article(second, id="y", figures=[figure], entities=[
        {"id": f"e{i}", "type": "LOC", "name": name, "mentions": [name]} for i, name in enumerate(second_places)]))
    assert len(queries.consistency_groups(fresh_store)) == groups


def test_queries_one_article_alone_is_no_group(fresh_store):
    figure = {"text": "12 مليار", "value": 12e9, "unit": "USD", "about": "حجم التبادل", "time": "2023", "change": None}
    fresh_store.save(make_article("بلغ حجم التبادل 12 مليار ثم 12 مليار.", id="x",
                                  figures=[figure, {**figure, "at": ("12 مليار", 2), "value": 13e9}]))
    assert queries.consistency_groups(fresh_store) == []


def test_queries_entities_listing_by_coverage(filled_store):
    page = queries.entities(filled_store, q="مصر")
    assert [e["name"] for e in page.items] == ["مصر"] and page.items[0]["articles"] == 3
    assert queries.entities(filled_store, type="ORG").total == 1


@pytest.mark.parametrize("status, expected", [
    (None, [("ACCUSE", "asserted"), ("CONSULT", "asserted"), ("AGREE", "future")]),
    ("asserted", [("ACCUSE", "asserted"), ("CONSULT", "asserted")]),
    ("future", [("AGREE", "future")]),
])
def test_queries_events_filter_by_status(filled_store, status, expected):
    page = queries.events(filled_store, status=status)
    assert [(e["type"], e["status"]) for e in page.items] == expected and page.total == len(expected)


def test_queries_unknown_event_status_is_refused(filled_store):
    with pytest.raises(UsageError, match="asserted, future"):
        queries.events(filled_store, status="planned")
    with pytest.raises(UsageError):
        filled_store.search(None, filters=Filters(event_status="past"))


def test_queries_entity_profile_events_carry_their_status(filled_store):
    egypt = queries.entity_profile(filled_store, entity_id(filled_store, "مصر"))
    assert [(e["type"], e["status"], e["article_id"]) for e in egypt.events_as_source] == [("AGREE", "future", "c-exports")]


@pytest.mark.parametrize("event_type, event_status, expected", [
    (None, "future", ["c-exports"]),
    (None, "asserted", ["b-trade", "a-trade"]),
    ("AGREE", "future", ["c-exports"]),
    ("CONSULT", "future", []),  # a-trade's CONSULT happened: the type and status must hold for one event
    ("CONSULT", None, ["a-trade"]),
])
def test_queries_articles_filter_by_event_type_and_status(filled_store, event_type, event_status, expected):
    page = filled_store.search(None, filters=Filters(event_type=event_type, event_status=event_status))
    assert [a["id"] for a in page.items] == expected


def test_queries_cli_search_filters_by_event_status(db_file):
    result = CliRunner().invoke(cli, ["search", "مصر", "--db", str(db_file), "--event-status", "future", "--json"])
    assert result.exit_code == 0, result.output
    assert [item["id"] for item in json.loads(result.stdout)["items"]] == ["c-exports"]
    refused = CliRunner().invoke(cli, ["search", "مصر", "--db", str(db_file), "--event-status", "planned"])
    assert refused.exit_code == 2 and "planned" in refused.output


def test_queries_cli_entity_marks_planned_events(db_file):
    result = CliRunner().invoke(cli, ["entity", "مصر", "--db", str(db_file)])
    assert result.exit_code == 0, result.output
    assert "AGREE [planned] -> None (c-exports)" in result.stdout
    person = CliRunner().invoke(cli, ["entity", "محمد العلي", "--db", str(db_file)])
    assert "CONSULT -> الصين (a-trade)" in person.stdout and "[planned]" not in person.stdout
