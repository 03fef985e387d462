"""HTML pages through a parsed DOM: RTL, highlights on the right characters, escaping, search, figures."""

from __future__ import annotations

import lxml.html
import pytest

from marsad.web import urls
from tests.store.store_records import TEXT_XSS, sample_corpus


def dom(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.text[:300]
    return lxml.html.fromstring(response.text)


@pytest.mark.parametrize("url", [urls.home(), urls.entities(), urls.search(q="مصر"), urls.figures(),
                                 urls.article("a-trade"), urls.entity(1)])
def test_pages_are_rtl_arabic(client, url):
    root = dom(client, url)
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    assert root.find(".//h1") is not None


@pytest.mark.parametrize("article", sample_corpus(), ids=lambda a: a.id)
def test_pages_article_highlights_sit_on_their_characters(client, article):
    root = dom(client, urls.article(article.id))
    text_div = root.get_element_by_id("text")
    assert text_div.text_content() == article.text
    marks = text_div.xpath(".//span[@data-kind]")
    spans = {(m.get("data-kind"), int(m.get("data-start")), int(m.get("data-end"))) for m in marks}
    for mark in marks:
        start, end = int(mark.get("data-start")), int(mark.get("data-end"))
        assert mark.text_content() == article.text[start:end]
    expected = {("entity", m["start"], m["end"]) for e in article.entities for m in e["mentions"]}
    expected |= {(kind, item["start"], item["end"]) for kind, items in
                 (("figure", article.figures), ("time", article.times), ("quote", article.quotes)) for item in items}
    assert spans == expected


def test_pages_article_marks_carry_values_speakers_and_kb_links(client):
    root = dom(client, urls.article("a-trade"))
    figure = root.xpath('.//span[@data-kind="figure"]')[0]
    assert "41,000,000,000" in figure.get("title") and "USD" in figure.get("title")
    quote = root.xpath('.//span[@data-kind="quote"]')[0]
    assert "محمد العلي" in quote.get("title")
    egypt = [m for m in root.xpath('.//span[@data-kind="entity"]') if m.text_content() == "مصر"][0]
    assert "https://www.wikidata.org/wiki/Q79" in egypt.get("data-details")
    assert egypt.get("data-href").startswith("/entities/")


def test_pages_article_text_with_markup_is_escaped(client):
    response = client.get(urls.article("d-xss"))
    assert "<script>alert('x')</script>" not in response.text
    assert "<script>alert('t')</script>" not in response.text
    root = lxml.html.fromstring(response.text)
    assert [s.get("src") for s in root.iter("script")] == [urls.static("app.js")]
    assert root.get_element_by_id("text").text_content() == TEXT_XSS
    assert root.find(".//h1").text_content() == "<script>alert('t')</script>"


def test_pages_search_shows_results_and_refuses_malformed_queries(client):
    root = dom(client, urls.search(q="الإقتصاد"))
    titles = [a.get("href") for a in root.xpath('//ol[@class="articles"]//a[@class="title"]')]
    assert sorted(titles) == [urls.article("a-trade"), urls.article("d-xss")]
    bad = dom(client, urls.search(q='"مصر'), status=400)
    assert "not closed" in bad.xpath('//p[@class="error"]')[0].text_content()


def test_pages_entity_timeline_has_a_bar_per_month(client, store):
    person = store.rows("SELECT id FROM entities WHERE type = 'PER'")[0]["id"]
    root = dom(client, urls.entity(person))
    periods = [p.text_content() for p in root.xpath('//div[@class="timeline"]//span[@class="period"]')]
    assert periods == ["2024-07", "2024-08"]
    dom(client, urls.entity(999), status=404)


def test_pages_figures_flag_the_disagreement(client):
    root = dom(client, urls.figures())
    groups = root.xpath('//section[contains(@class, "group")]')
    assert len(groups) == 1 and "disagree" in groups[0].get("class")
    assert "0.49" in groups[0].xpath('.//span[@class="flag"]')[0].text_content()


def test_pages_unknown_article_is_an_html_404(client):
    root = dom(client, urls.article("nope"), status=404)
    assert "nope" in root.xpath('//p[@class="error"]')[0].text_content()


def test_pages_planned_events_carry_a_badge(client, store):
    planned = dom(client, urls.article("c-exports")).xpath('//ul[contains(@class, "events")]//span[@data-status="future"]')
    assert len(planned) == 1 and planned[0].text_content() == "مرتقب"
    assert dom(client, urls.article("a-trade")).xpath('//span[@data-status]') == []  # no status: it happened
    egypt = store.rows("SELECT id FROM entities WHERE kb_id = 'Q79'")[0]["id"]
    events = dom(client, urls.entity(egypt)).xpath('//ul[contains(@class, "events")]/li')
    assert len(events) == 1 and events[0].xpath('.//span[@data-status="future"]')


@pytest.mark.parametrize("status, expected", [("future", ["c-exports"]), ("asserted", ["a-trade", "b-trade"])])
def test_pages_search_filters_by_event_status(client, status, expected):
    root = dom(client, urls.search(q="مصر", event_status=status))
    links = [a.get("href") for a in root.xpath('//ol[@class="articles"]//a[@class="title"]')]
    assert sorted(links) == [urls.article(i) for i in expected]
    assert [o.get("value") for o in root.xpath('//select[@name="event_status"]/option[@selected]')] == [status]
    everything = dom(client, urls.search(q="مصر"))
    assert everything.get_element_by_id("result-count").text_content().startswith("3")
    assert everything.xpath('//select[@name="event_status"]/option[@selected]') == []
    dom(client, urls.search(q="مصر", event_status="planned"), status=400)
