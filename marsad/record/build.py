"""Doc -> Article: the only module that knows both the annotation layers and the record.

Span layers become facets generically: each Span gives {"start", "end", **attrs} (attrs whose
names start with "_" stay private), plus "text" unless the stage set one. Entities are the
exception: `doc.objects["entities"]` holds one dict per entity and the "entities" span layer
holds its mentions, linked by the mention's "entity" attribute.
"""

from __future__ import annotations

from typing import Any

from marsad.ingest.dedup import content_hash
from marsad.record.article import Article
from marsad.text.doc import Doc, Span
from marsad.text.language import detect_language

SPAN_FACETS = ("quotes", "figures", "times", "events", "relations")


def build_article(doc: Doc, *, id: str, source: dict[str, str], meta: dict[str, Any] | None = None) -> Article:
    """The record for an analysed Doc."""
    return Article(
        id=id,
        content_hash=content_hash(doc.text, doc.folded.text),
        source=source,
        title=doc.title,
        published=doc.published.isoformat() if doc.published else None,
        language=detect_language(doc.text),
        text=doc.text,
        sentences=[{"start": s.start, "end": s.end} for s in doc.spans.get("sentences", ())],
        entities=_entities(doc),
        meta=meta or {},
        **{facet: [_span_item(doc, span) for span in doc.spans.get(facet, ())] for facet in SPAN_FACETS},
    )


def _span_item(doc: Doc, span: Span) -> dict[str, Any]:
    item: dict[str, Any] = {"text": doc.text[span.start:span.end]}
    item.update((k, v) for k, v in span.attrs.items() if not k.startswith("_"))
    item["start"], item["end"] = span.start, span.end
    return item


def _entities(doc: Doc) -> list[dict[str, Any]]:
    mentions: dict[str, list[dict[str, Any]]] = {}
    for span in doc.spans.get("entities", ()):
        entity_id = span.attrs.get("entity")
        if entity_id is not None:
            mentions.setdefault(entity_id, []).append(
                {"start": span.start, "end": span.end, "text": doc.text[span.start:span.end]})
    out = []
    for entity in doc.objects.get("entities", ()):
        found = mentions.get(entity["id"])
        if found:
            out.append({**{k: v for k, v in entity.items() if not k.startswith("_")}, "mentions": found})
    return out
