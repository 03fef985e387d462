"""The JSON API: records, facets, search, extraction, pagination, limits and JSON errors."""

from __future__ import annotations

import json

import pytest

from tests.store.store_records import sample_corpus


def test_api_article_returns_the_stored_record(client):
    for article in sample_corpus():
        response = client.get(f"/api/articles/{article.id}")
        assert response.status_code == 200
        assert response.json() == article.to_dict()


def test_api_articles_paginate_with_next_links(client):
    seen, url = [], "/api/articles"
    while url:
        page = client.get(url).json()
        assert page["total"] == 4 and len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert seen == ["d-xss", "b-trade", "a-trade", "c-exports"]  # newest first


@pytest.mark.parametrize("path, field, expected", [
    ("/api/entities?type=LOC&limit=10", "name", ["مصر", "الصين", "القاهرة"]),
    ("/api/quotes?limit=10", "text", ["مصر ستزيد صادراتها", "نسعى إلى مضاعفة التجارة"]),
    ("/api/figures?about=حجم التبادل التجاري", "value", [41e9, 40.8e9]),
    ("/api/events?type=CONSULT", "type", ["CONSULT"]),
    ("/api/events?status=future", "type", ["AGREE"]),
    ("/api/events?status=asserted&limit=10", "type", ["ACCUSE", "CONSULT"]),
    ("/api/events?limit=10", "status", ["asserted", "asserted", "future"]),
    ("/api/articles?event_status=future", "id", ["c-exports"]),
    ("/api/articles?event_type=CONSULT&event_status=future", "id", []),
    ("/api/search?q=مصر&event_status=future", "id", ["c-exports"]),
    ("/api/search?q=والاقتصاد&limit=10", "id", ["a-trade", "d-xss"]),
    ("/api/search?q=مصر&date_from=2024-01-01&limit=10", "id", ["a-trade", "b-trade"]),
    ("/api/articles?source=akhbar.example", "id", ["b-trade"]),
])
def test_api_listings_filter_and_return_items(client, path, field, expected):
    response = client.get(path)
    assert response.status_code == 200
    values = [item[field] for item in response.json()["items"]]
    assert sorted(values, key=str) == sorted(expected, key=str)


def test_api_entity_profile_and_figure_groups(client):
    egypt = client.get("/api/entities?q=مصر").json()["items"][0]
    profile = client.get(f"/api/entities/{egypt['id']}").json()
    assert profile["articles"] == 3 and profile["entity"]["kb_id"] == "Q79"
    groups = client.get("/api/figures/groups").json()
    assert groups["total"] == 1 and groups["items"][0]["disagree"] is True


@pytest.mark.parametrize("path, status, code", [
    ("/api/articles/nope", 404, "http_404"),
    ("/api/entities/999", 404, "http_404"),
    ('/api/search?q="مصر', 400, "bad_request"),
    ("/api/search?q=", 400, "bad_request"),
    ("/api/search", 422, "invalid_request"),
    ("/api/articles?limit=0", 422, "invalid_request"),
    ("/api/articles?limit=51", 422, "invalid_request"),
    ("/api/articles?date_from=2024-13-01", 400, "bad_request"),
    ("/api/events?status=planned", 422, "invalid_request"),
    ("/api/articles?event_status=done", 422, "invalid_request"),
    ("/api/nothing", 404, "http_404"),
])
def test_api_errors_are_json(client, path, status, code):
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code and response.json()["error"]["message"]


def test_api_extract_returns_a_record(client):
    text = "قال الوزير إن الاقتصاد ينمو بسرعة."
    response = client.post("/api/extract", json={"text": text, "published": "2024-05-01", "title": "نمو"})
    assert response.status_code == 200
    record = response.json()
    assert (record["text"], record["published"], record["title"]) == (text, "2024-05-01", "نمو")
    assert record["schema"] == "marsad.article/1"


@pytest.mark.parametrize("body, status, code", [
    ({"text": "   "}, 422, "empty"),
    ({"title": "بلا نص"}, 422, "invalid_request"),
    ({"text": "نص", "published": "أمس"}, 400, "bad_request"),
    ({"text": "ا" * 30_000}, 413, "too_large"),
])
def test_api_extract_refuses_bad_bodies(client, body, status, code):
    response = client.post("/api/extract", json=body)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_api_openapi_documents_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/extract", "/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/quotes",
                 "/api/figures", "/api/events", "/api/search"):
        assert path in paths
    assert client.get("/docs").status_code == 200


def test_api_event_pages_keep_the_status_filter_in_next_links(client):
    page = client.get("/api/events?status=asserted&limit=1").json()
    assert page["total"] == 2 and "status=asserted" in page["next"]
    following = client.get(page["next"]).json()
    assert [e["status"] for e in page["items"] + following["items"]] == ["asserted", "asserted"]
    assert following["next"] is None


def test_api_openapi_documents_the_event_status(client):
    events = client.get("/openapi.json").json()["paths"]["/api/events"]["get"]
    status = next(p for p in events["parameters"] if p["name"] == "status")
    assert "future" in json.dumps(status)
