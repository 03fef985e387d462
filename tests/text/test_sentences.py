"""Sentence segmentation: punctuation, quotes, newlines, abbreviations, numbers."""

from __future__ import annotations

import pytest

from marsad.text.sentences import find_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("وصل الوفد. وبدأت المحادثات.", ["وصل الوفد.", "وبدأت المحادثات."]),
    ("هل انتهت الأزمة؟ لا أحد يعرف!", ["هل انتهت الأزمة؟", "لا أحد يعرف!"]),
    ("بلغ النمو 3.5 بالمئة. وتراجع التضخم.", ["بلغ النمو 3.5 بالمئة.", "وتراجع التضخم."]),
    ("قال د. أحمد إن الوضع مستقر.", ["قال د. أحمد إن الوضع مستقر."]),
    ('وقال: "انتهى الأمر." ثم غادر.', ['وقال: "انتهى الأمر."', "ثم غادر."]),
    ("وأكد «سنواصل العمل». وأضاف أن", ["وأكد «سنواصل العمل».", "وأضاف أن"]),
    ("العنوان\nالفقرة الأولى", ["العنوان", "الفقرة الأولى"]),
    ("  \u00a0بداية بمسافات  \n\n", ["بداية بمسافات"]),
    ("The U.S. economy grew. Then it slowed.", ["The U.S. economy grew.", "Then it slowed."]),
    ("انتظر... ثم تكلم", ["انتظر...", "ثم تكلم"]),
    ("// انتهى //", ["// انتهى //"]),
    ("...", []),
])
def test_sentences_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_on_example_articles(example_records: list[dict]) -> None:
    for record in example_records:
        spans = find_sentences(record["text"])
        assert len(spans) >= 5
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
        assert all(not record["text"][s.start].isspace() and not record["text"][s.end - 1].isspace() for s in spans)
