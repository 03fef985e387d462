"""Build valid article records by hand for store, web and browser tests (offsets found, not typed)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema

from marsad.ingest.dedup import content_hash
from marsad.record.article import Article

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "marsad" / "record" / "article.schema.json").read_text())
SENTENCE_END = re.compile(r"[.!؟?](?:\s+|$)|\n+")


def locate(text: str, surface: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the `occurrence`-th appearance of `surface` in `text`."""
    start = -1
    for _ in range(occurrence):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def _spanned(text: str, item: dict[str, Any]) -> dict[str, Any]:
    """An item whose "at" (surface or (surface, occurrence)) becomes start/end."""
    out = dict(item)
    at = out.pop("at", out.get("text"))
    surface, occurrence = at if isinstance(at, tuple) else (at, 1)
    out["start"], out["end"] = locate(text, surface, occurrence)
    return out


def make_article(text: str, *, id: str = "a1", published: str | None = "2024-07-03", title: str | None = None,
                 source: dict[str, Any] | None = None, entities: list[dict[str, Any]] = (),
                 **facets: list[dict[str, Any]]) -> Article:
    """A schema-valid Article over `text`.

    Entities give their mentions as surfaces (str or (str, occurrence)); facet items give "at"
    (defaults to their "text") for their offsets; every other field is taken as written.
    """
    sentences, position = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.end() > position:
            sentences.append({"start": position, "end": m.end()})
            position = m.end()
    if position < len(text):
        sentences.append({"start": position, "end": len(text)})
    built_entities = []
    for entity in entities:
        mentions = []
        for surface in entity["mentions"]:
            start, end = locate(text, *(surface if isinstance(surface, tuple) else (surface,)))
            mentions.append({"start": start, "end": end, "text": text[start:end]})
        built_entities.append({"name_en": None, "kb_id": None, **entity, "mentions": mentions})
    record = {
        "schema": "marsad.article/1", "id": id, "content_hash": content_hash(text),
        "source": source or {"path": f"{id}.txt"}, "title": title, "published": published, "language": "ar",
        "text": text, "sentences": sentences, "entities": built_entities, "meta": {},
        **{name: [_spanned(text, item) for item in facets.get(name, ())]
           for name in ("quotes", "figures", "times", "events", "relations")},
    }
    jsonschema.validate(record, SCHEMA)
    return Article.from_dict(record)


TEXT_A = ("قال وزير الاقتصاد محمد العلي إن حجم التبادل التجاري بين مصر والصين بلغ 41 مليار دولار في عام 2023. "
          "وأضاف العلي: \"نسعى إلى مضاعفة التجارة\". والتقى العلي سفير الصين في القاهرة.")
TEXT_B = ("أعلنت وزارة التجارة أن حجم التبادل التجاري بين مصر والصين وصل إلى 40.8 مليار دولار خلال 2023، "
          "وقالت إن مصر ستزيد صادراتها. وانتقد محمد العلي السياسات الجمركية.")
TEXT_C = ("وصل الرئيس الصيني إلى القاهرة في زيارة رسمية. وبلغت صادرات مصر 35 مليار دولار في 2022. "
          "وتعتزم مصر توقيع اتفاقية للتجارة الحرة العام المقبل.")
TEXT_XSS = "كتب أحدهم <script>alert('x')</script> في المنتدى، والاقتصاد بخير."


def sample_corpus() -> list[Article]:
    """Four articles written for the tests: two disagree on one figure, one carries markup as text.

    Events: a-trade's CONSULT has no `status` (a record from before the field: asserted), b-trade's
    ACCUSE is "asserted", c-exports' AGREE is "future" (announced: تعتزم).
    """
    return [
        make_article(TEXT_A, id="a-trade", published="2024-07-03", title="التبادل التجاري بين مصر والصين",
                     source={"url": "https://alriyadh.example/a"},
                     entities=[{"id": "e1", "type": "PER", "name": "محمد العلي",
                                "mentions": ["محمد العلي", ("العلي", 2), ("العلي", 3)]},
                               {"id": "e2", "type": "LOC", "name": "مصر", "kb_id": "Q79", "name_en": "Egypt",
                                "mentions": ["مصر"]},
                               {"id": "e3", "type": "LOC", "name": "الصين", "kb_id": "Q148", "name_en": "China",
                                "mentions": ["الصين", ("الصين", 2)]},
                               {"id": "e4", "type": "LOC", "name": "القاهرة", "kb_id": "Q85", "mentions": ["القاهرة"]}],
                     figures=[{"text": "41 مليار دولار", "value": 41e9, "unit": "USD", "about": "حجم التبادل التجاري",
                               "time": "2023", "change": None}],
                     times=[{"text": "عام 2023", "type": "DATE", "value": "2023"}],
                     quotes=[{"text": "نسعى إلى مضاعفة التجارة", "speaker": "e1", "speaker_text": "العلي",
                              "cue": "أضاف", "direct": True}],
                     events=[{"at": "التقى", "type": "CONSULT", "mode": None, "source": "e1", "target": "e3",
                              "location": "e4", "date": None}],
                     relations=[{"at": "وزير الاقتصاد", "type": "role", "subject": "e1", "object": "e2",
                                 "role": "وزير الاقتصاد"}]),
        make_article(TEXT_B, id="b-trade", published="2024-08-15", source={"url": "https://akhbar.example/b"},
                     entities=[{"id": "e1", "type": "ORG", "name": "وزارة التجارة", "mentions": ["وزارة التجارة"]},
                               {"id": "e2", "type": "LOC", "name": "مصر", "kb_id": "Q79", "mentions": ["مصر", ("مصر", 2)]},
                               {"id": "e3", "type": "LOC", "name": "الصين الشعبية", "kb_id": "Q148", "mentions": ["الصين"]},
                               {"id": "e4", "type": "PER", "name": "محمّد العلي", "mentions": ["محمد العلي"]}],
                     figures=[{"text": "40.8 مليار دولار", "value": 40.8e9, "unit": "USD",
                               "about": "حجمُ التبادلِ التجاري", "time": "2023", "change": None}],
                     times=[{"text": "2023", "type": "DATE", "value": "2023"}],
                     quotes=[{"text": "مصر ستزيد صادراتها", "speaker": "e1", "speaker_text": "وزارة التجارة",
                              "cue": "قالت", "direct": False}],
                     events=[{"at": "انتقد", "type": "ACCUSE", "mode": None, "status": "asserted", "source": "e4",
                              "target": None, "location": None, "date": None}]),
        make_article(TEXT_C, id="c-exports", published="2023-12-01", source={"url": "https://alriyadh.example/c"},
                     entities=[{"id": "e1", "type": "LOC", "name": "القاهرة", "kb_id": "Q85", "mentions": ["القاهرة"]},
                               {"id": "e2", "type": "LOC", "name": "مصر", "kb_id": "Q79",
                                "mentions": ["مصر", ("مصر", 2)]}],
                     figures=[{"text": "35 مليار دولار", "value": 35e9, "unit": "USD", "about": "صادرات مصر",
                               "time": "2022", "change": None}],
                     times=[{"text": "2022", "type": "DATE", "value": "2022"}],
                     events=[{"at": "توقيع اتفاقية", "type": "AGREE", "mode": None, "status": "future", "source": "e2",
                              "target": None, "location": None, "date": None}]),
        make_article(TEXT_XSS, id="d-xss", published="2024-09-01", title="<script>alert('t')</script>"),
    ]
