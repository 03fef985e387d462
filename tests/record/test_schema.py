"""Every produced record validates against the shipped JSON Schema, and every span is exact."""

from __future__ import annotations

import inspect
import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from marsad import Article, extract
import marsad

SCHEMA = json.loads((resources.files("marsad") / "record" / "article.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def spans_of(record: dict[str, Any]):
    """(start, end, expected text or None) for every span in the record."""
    for s in record["sentences"]:
        yield s["start"], s["end"], None
    for e in record["entities"]:
        for m in e["mentions"]:
            yield m["start"], m["end"], m["text"]
    for facet in ("figures", "times"):
        for item in record[facet]:
            yield item["start"], item["end"], item["text"]
    for facet in ("quotes", "events", "relations"):
        for item in record[facet]:
            yield item["start"], item["end"], item.get("text") if facet == "quotes" else None


def check_record(record: dict[str, Any]) -> None:
    VALIDATOR.validate(record)
    text = record["text"]
    for start, end, expected in spans_of(record):
        assert 0 <= start <= end <= len(text)
        if expected is not None:
            assert text[start:end] == expected


def test_schema_is_itself_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_example_records_validate(engine, example_records: list[dict]) -> None:
    for item in example_records:
        record = engine.extract(item["text"], published=item["published"], title=item["title"], id=item["id"],
                                source={"path": f"examples/{item['id']}.json"}).to_dict()
        check_record(record)
        assert record["schema"] == "marsad.article/1"


def test_real_article_records_validate(engine, news_articles: list[dict]) -> None:
    for item in news_articles:
        record = engine.extract(item["text"], published=item["published"], id=item["id"],
                                source={"path": item["source"]}).to_dict()
        check_record(record)


def test_record_round_trips_through_json() -> None:
    record = extract("قال الوزير إن النمو بلغ 3 بالمئة.", published="2024-07-03")
    again = Article.from_dict(json.loads(record.to_json()))
    assert again == record


@pytest.mark.parametrize("published", ["2024-13-01", "July 3", "07/31/2024"])   # month first: not guessed
def test_extract_rejects_a_malformed_publication_date(published: str) -> None:
    with pytest.raises(marsad.MarsadError):
        extract("نص قصير.", published=published)


def test_package_exports_only_the_public_surface() -> None:
    public = {name for name, value in vars(marsad).items()
              if not name.startswith("_") and not inspect.ismodule(value)}
    assert public == set(marsad.__all__)
