"""Article -> one row set per facet table, the table schemas, and the rejects table; no pyspark here.

Every table but `rejects` ends in `month` (YYYY-MM of publication, "unknown" without a date), the
column the job partitions by. Facet rows repeat `published` so that per-day aggregates need no
join. Values are coerced to the declared column types here, once, so that a stage adding a field
or writing a list where a string was expected never fails the job: the full record stays intact
in `articles.record_json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from marsad.record.article import FACETS, Article, Rejected
from marsad.store.sqlite import DEFAULT_EVENT_STATUS  # an event without status was reported as done
from marsad.text.fold import fold

Schema = tuple[tuple[str, str], ...]
Row = tuple[Any, ...]

_KEY = (("article_id", "string"),)
_TAIL = (("published", "string"), ("month", "string"))
_SPAN = (("text", "string"), ("start", "long"), ("end", "long"))

SCHEMAS: dict[str, Schema] = {
    "articles": (("id", "string"), ("content_hash", "string"), ("title", "string"), ("language", "string"),
                 ("source_path", "string"), ("source_url", "string"), ("chars", "long"))
                + tuple((f"n_{facet}", "long") for facet in FACETS) + (("record_json", "string"),) + _TAIL,
    "entities": _KEY + (("entity_id", "string"), ("entity_key", "string"), ("type", "string"), ("name", "string"),
                        ("name_en", "string"), ("kb_id", "string"), ("mentions", "long")) + _TAIL,
    "mentions": _KEY + (("entity_id", "string"), ("entity_key", "string"), ("type", "string")) + _SPAN + _TAIL,
    "quotes": _KEY + (("speaker", "string"), ("speaker_key", "string"), ("speaker_text", "string"),
                      ("cue", "string"), ("direct", "boolean")) + _SPAN + _TAIL,
    "figures": _KEY + (("value", "double"), ("unit", "string"), ("about", "string"), ("about_key", "string"),
                       ("time", "string"), ("change", "string")) + _SPAN + _TAIL,
    "times": _KEY + (("type", "string"), ("value", "string")) + _SPAN + _TAIL,
    "events": _KEY + (("type", "string"), ("mode", "string"), ("status", "string"), ("source", "array<string>"),
                      ("target", "array<string>"), ("location", "string"), ("date", "string")) + _SPAN + _TAIL,
    "relations": _KEY + (("type", "string"), ("subject", "string"), ("object", "string"),
                         ("role", "string")) + _SPAN + _TAIL,
    "rejects": (("source", "string"), ("reason", "string"), ("detail", "string")),
}
FACET_TABLES = tuple(name for name in SCHEMAS if name != "rejects")
UNKNOWN_MONTH = "unknown"
_SPACE_RE = re.compile(r"\s+")


def month_of(published: str | None) -> str:
    """The partition value for a publication date: 'YYYY-MM', or 'unknown'."""
    return published[:7] if published and len(published) >= 7 else UNKNOWN_MONTH


def entity_key(entity: dict[str, Any]) -> str:
    """The cross-document identity of an entity: its KB id, else its type and folded name."""
    kb_id = entity.get("kb_id")
    if isinstance(kb_id, str) and kb_id:
        return kb_id
    return f"{_text(entity.get('type')) or 'MISC'}:{folded_key(_text(entity.get('name'))) or _text(entity.get('id'))}"


def folded_key(text: str | None) -> str | None:
    """Folded, space-collapsed text for grouping (`about` of figures, entity names); None when empty."""
    if not text:
        return None
    return _SPACE_RE.sub(" ", fold(text)).strip() or None


def article_rows(article: Article) -> Iterator[tuple[str, Row]]:
    """(table name, row) for every row the article contributes, articles table first."""
    tail = (article.published, month_of(article.published))
    yield "articles", _article_row(article, tail)
    keys = {_text(entity.get("id")): entity_key(entity) for entity in article.entities}
    for entity in article.entities:
        entity_id, kind = _text(entity.get("id")), _text(entity.get("type"))
        key = keys[entity_id]
        listed = entity.get("mentions")
        mentions = [m for m in listed if isinstance(m, dict)] if isinstance(listed, list) else []
        yield "entities", (article.id, entity_id, key, kind, _text(entity.get("name")), _text(entity.get("name_en")),
                           _text(entity.get("kb_id")), len(mentions)) + tail
        for mention in mentions:
            yield "mentions", (article.id, entity_id, key, kind) + _span(mention) + tail
    for quote in article.quotes:
        speaker = _text(quote.get("speaker"))
        yield "quotes", (article.id, speaker, keys.get(speaker), _text(quote.get("speaker_text")),
                         _text(quote.get("cue")), _bool(quote.get("direct"))) + _span(quote) + tail
    for figure in article.figures:
        about = _text(figure.get("about"))
        yield "figures", (article.id, _number(figure.get("value")), _text(figure.get("unit")), about,
                          folded_key(about), _text(figure.get("time")), _text(figure.get("change"))) + _span(figure) + tail
    for time in article.times:
        yield "times", (article.id, _text(time.get("type")), _text(time.get("value"))) + _span(time) + tail
    for event in article.events:
        yield "events", (article.id, _text(event.get("type")), _text(event.get("mode")),
                         _text(event.get("status")) or DEFAULT_EVENT_STATUS, _texts(event.get("source")),
                         _texts(event.get("target")), _text(event.get("location")),
                         _text(event.get("date"))) + _span(event) + tail
    for relation in article.relations:
        yield "relations", (article.id, _text(relation.get("type")), _text(relation.get("subject")),
                            _text(relation.get("object")), _text(relation.get("role"))) + _span(relation) + tail


def reject_row(rejected: Rejected) -> Row:
    """The rejects-table row of a document that could not be used."""
    return (rejected.source, rejected.reason.value, rejected.detail)


def _article_row(article: Article, tail: Row) -> Row:
    counts = tuple(len(getattr(article, facet)) for facet in FACETS)
    return (article.id, article.content_hash, article.title, article.language, _text(article.source.get("path")),
            _text(article.source.get("url")), len(article.text)) + counts + (article.to_json(),) + tail


def _span(item: dict[str, Any]) -> Row:
    return (_text(item.get("text")), _int(item.get("start")), _int(item.get("end")))


def _text(value: Any) -> str | None:
    """A string column: strings as they are, other values as JSON (a list stays readable)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _texts(value: Any) -> list[str]:
    """An array<string> column: one id or name, or a list of them."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [text for text in map(_text, items) if text is not None]


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None
