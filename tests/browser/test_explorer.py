"""The explorer in headless Chromium: pages load, highlights cover the right characters, search works."""

from __future__ import annotations

import pytest

from marsad.web import urls

# Code point slices (Python offsets), not UTF-16 ones, for every highlight in the article text.
MISPLACED_MARKS = """async (id) => {
  const record = await (await fetch('/api/articles/' + encodeURIComponent(id))).json();
  const chars = Array.from(record.text);
  const wrong = [];
  const marks = document.querySelectorAll('#text .mark[data-start]');
  for (const mark of marks) {
    const expected = chars.slice(+mark.dataset.start, +mark.dataset.end).join('');
    const box = mark.getBoundingClientRect();
    if (mark.textContent !== expected || box.width === 0) wrong.push([mark.dataset.kind, mark.textContent, expected]);
  }
  return {count: marks.length, wrong: wrong, text: document.getElementById('text').textContent === record.text};
}"""


@pytest.mark.parametrize("name, url", [
    ("home", urls.home()), ("article", urls.article("a-trade")), ("entities", urls.entities()),
    ("entity", urls.entity(1)), ("search", urls.search(q="مصر")), ("figures", urls.figures()),
])
def test_explorer_pages_load(page, tmp_path, name, url):
    response = page.goto(url)
    assert response.status == 200
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").first.is_visible()
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    assert (tmp_path / f"{name}.png").stat().st_size > 0
    assert page.problems == []


@pytest.mark.parametrize("article_id", ["a-trade", "b-trade", "c-exports"])
def test_explorer_highlights_sit_on_the_right_characters(page, tmp_path, article_id):
    page.goto(urls.article(article_id))
    result = page.evaluate(MISPLACED_MARKS, article_id)
    assert result["count"] > 0 and result["text"] is True
    assert result["wrong"] == []
    page.screenshot(path=str(tmp_path / f"article-{article_id}.png"), full_page=True)


def test_explorer_click_shows_value_speaker_and_kb_link(page, tmp_path):
    page.goto(urls.article("a-trade"))
    page.locator('#text .mark[data-kind="figure"]').first.click()
    details = page.locator("#details")
    assert details.is_visible()
    assert "41,000,000,000" in details.inner_text() and "USD" in details.inner_text()
    page.locator('#text .mark[data-kind="entity"]', has_text="مصر").first.click()
    assert details.locator('a[href="https://www.wikidata.org/wiki/Q79"]').count() == 1
    page.screenshot(path=str(tmp_path / "details.png"))
    page.locator('#text .mark[data-kind="quote"]').first.click(position={"x": 5, "y": 5})
    assert "محمد العلي" in details.inner_text()


def test_explorer_search_returns_results(page, tmp_path):
    page.goto(urls.search())
    page.fill('#search input[name="q"]', "والإقتصاد")
    page.press('#search input[name="q"]', "Enter")
    page.wait_for_selector("#result-count")
    assert page.locator("#result-count").inner_text().startswith("2")
    assert page.locator("ol.articles a.title").count() == 2
    page.screenshot(path=str(tmp_path / "search.png"), full_page=True)
    page.locator("ol.articles a.title").first.click()
    page.wait_for_selector("#text")
    assert page.problems == []


def test_explorer_script_in_an_article_stays_text(page, tmp_path):
    page.goto(urls.article("d-xss"))
    assert "<script>alert('x')</script>" in page.locator("#text").inner_text()
    assert page.locator("h1").inner_text() == "<script>alert('t')</script>"
    page.screenshot(path=str(tmp_path / "xss.png"))
    assert page.problems == []


def test_explorer_planned_event_shows_its_badge(page, tmp_path):
    page.goto(urls.article("c-exports"))
    badge = page.locator('ul.events span.planned[data-status="future"]')
    assert badge.count() == 1 and badge.is_visible() and badge.inner_text() == "مرتقب"
    assert badge.evaluate("b => getComputedStyle(b).borderStyle") == "dashed"
    badge.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "planned-article.png"))
    page.goto(urls.article("a-trade"))
    assert page.locator("span.planned").count() == 0
    page.goto(urls.search(q="مصر", event_status="future"))
    assert page.locator("#result-count").inner_text().startswith("1")
    assert page.locator('select[name="event_status"]').input_value() == "future"
    page.screenshot(path=str(tmp_path / "planned-search.png"), full_page=True)
    assert page.problems == []
