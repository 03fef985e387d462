"""Property tests for quotes and events: any text, any mentions, never an exception, offsets always valid."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.recognise.events import EventLexicon, find_events
from marsad.recognise.quotes import QuoteLexicon, find_quotes
from marsad.settings import EventSettings, QuoteSettings
from marsad.text.doc import Doc, Span
from marsad.text.sentences import find_sentences

WORDS = ["قال", "وقالت", "أضاف", "مشيرا", "أكد", "إن", "أن", "بأن", "إلى", "في", "الوزير", "مصدر", "التقى",
         "زيارة", "فرضت", "عقوبات", "على", "مع", "لم", "سيزور", "الصين", "شي", "لـ", "جاء", "بين", "O’Neill"]
PIECES = st.one_of(st.sampled_from(WORDS), st.sampled_from(list("“”«»\"’‘:،,.؟!\n ")), st.text(max_size=4))
TEXTS = st.lists(PIECES, max_size=40).map(" ".join)


@st.composite
def docs(draw: st.DrawFn) -> Doc:
    """A Doc over generated text with sentences and random entity mentions (some overlapping tokens oddly)."""
    text = draw(TEXTS)
    doc = Doc(text, published=date(2024, 7, 3))
    doc.spans["sentences"] = find_sentences(text)
    mentions = []
    for n in range(draw(st.integers(0, 4)) if text else 0):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        kind = draw(st.sampled_from(["PER", "ORG", "LOC", "MISC"]))
        mentions.append(Span(start, end, kind, {"entity": f"E{n}"}))
    doc.spans["entities"] = sorted(mentions, key=lambda s: s.start)
    doc.objects["entities"] = [{"id": m.attrs["entity"], "type": m.label} for m in mentions]
    return doc


@pytest.fixture(scope="module")
def lexicons() -> tuple[QuoteLexicon, EventLexicon]:
    return QuoteLexicon.load(), EventLexicon.load()


@settings(max_examples=300, deadline=None)
@given(doc=docs())
def test_quotes_properties_offsets_valid(lexicons, doc):
    ids = {e["id"] for e in doc.objects["entities"]}
    for span in find_quotes(doc, lexicons[0], QuoteSettings()):
        assert 0 <= span.start < span.end <= len(doc.text)
        assert span.attrs["text"] == doc.text[span.start:span.end]
        assert span.attrs["speaker"] is None or span.attrs["speaker"] in ids
        assert isinstance(span.attrs["direct"], bool)


@settings(max_examples=300, deadline=None)
@given(doc=docs())
def test_events_properties_offsets_valid(lexicons, doc):
    ids = {e["id"] for e in doc.objects["entities"]}
    for span in find_events(doc, lexicons[1], EventSettings()):
        assert 0 <= span.start < span.end <= len(doc.text)
        assert span.attrs["source"] in ids
        assert span.attrs["target"] is None or span.attrs["target"] in ids
