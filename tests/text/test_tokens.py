"""Tokenisation with offsets, and clitic readings that keep the original span."""

from __future__ import annotations

import pytest

from marsad.text.tokens import tokenize


def test_tokens_cover_words_numbers_and_punctuation() -> None:
    text = "قال الوزير: إن النمو بلغ 3.5% في ٢٠٢٣."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["قال", "الوزير", ":", "إن", "النمو", "بلغ", "3.5", "%", "في", "٢٠٢٣", "."]
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert [t.kind for t in tokens][6:8] == ["number", "punct"]


@pytest.mark.parametrize("word, prefix, stem", [
    ("وكازاخستان", "و", "كازاخستان"),
    ("والصين", "وال", "صين"),
    ("بالرياض", "بال", "رياض"),
    ("للأمم", "لل", "الامم"),          # ل + ال with the alef swallowed
    ("فَبِالتعاون", "فبال", "تعاون"),   # diacritics between clitics
    ("كالعادة", "كال", "عاده"),
])
def test_tokens_expose_clitic_segments(word: str, prefix: str, stem: str) -> None:
    text = f"قال {word} اليوم"
    token = tokenize(text)[1]
    readings = {(s.prefix, s.stem) for s in token.segments}
    assert (prefix, stem) in readings
    assert ("", token.norm) in readings  # the unsplit reading is always offered
    for segment in token.segments:
        assert token.start <= segment.start < segment.end == token.end


def test_tokens_keep_short_words_whole() -> None:
    token = tokenize("وفي")[0]
    assert all(len(s.stem) >= 2 for s in token.segments)


def test_tokens_on_example_articles(example_records: list[dict]) -> None:
    for record in example_records:
        tokens = tokenize(record["text"])
        assert len(tokens) > 100
        assert all(record["text"][t.start:t.end] == t.text for t in tokens)


def test_tokens_of_one_form_share_its_readings_and_get_their_own_segments() -> None:
    """Segments are made on demand from the form's cached readings, at each token's own offsets."""
    first, second = tokenize("وكازاخستان وكازاخستان")
    assert first.readings is second.readings
    assert [s.start - second.start for s in second.segments] == [s.start - first.start for s in first.segments]
    assert [(s.prefix, s.stem) for s in first.segments] == [(p, stem) for p, stem, _ in first.readings]
    assert first.stem == first.segments[-1].stem     # after the longest prefix: وك + ازاخستان
    assert tokenize("2024")[0].segments == () and tokenize("2024")[0].stem == "2024"
