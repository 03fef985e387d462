"""Properties of the text layer on arbitrary input: never raises, offsets always valid."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from marsad.text.decode import decode_bytes
from marsad.errors import InputError
from marsad.text.fold import fold, fold_with_map
from marsad.text.sentences import find_sentences
from marsad.text.tokens import tokenize

ARABIC_ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىةـًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩،؛؟«»“”\"'.!?:- \n\u00a0\u202b\ufefb0123456789%$abcXYZ"
arabic_text = st.text(alphabet=ARABIC_ALPHABET, max_size=300)
any_text = st.one_of(arabic_text, st.text(max_size=200))


@given(any_text)
@settings(max_examples=300)
def test_tokens_offsets_are_exact(text: str) -> None:
    for token in tokenize(text):
        assert text[token.start:token.end] == token.text
        for segment in token.segments:
            assert token.start <= segment.start <= segment.end == token.end


@given(any_text)
@settings(max_examples=300)
def test_sentences_are_ordered_trimmed_and_inside_the_text(text: str) -> None:
    previous_end = 0
    for span in find_sentences(text):
        assert previous_end <= span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        previous_end = span.end


@given(any_text)
@settings(max_examples=300)
def test_fold_map_is_monotonic_and_agrees_with_fold(text: str) -> None:
    folded = fold_with_map(text)
    assert folded.text == fold(text)
    if folded.origin is not None:
        assert len(folded.origin) == len(folded.text)
        assert all(a <= b for a, b in zip(folded.origin, folded.origin[1:]))
        assert all(0 <= i < len(text) for i in folded.origin)


@given(st.binary(max_size=400))
@settings(max_examples=300)
def test_decode_returns_text_or_a_clear_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except InputError as exc:
        assert exc.reason.value in {"empty", "binary"}
    else:
        assert text.strip() and encoding


@given(arabic_text.filter(lambda t: t.strip()))
@settings(max_examples=100, deadline=None)
def test_extract_never_raises_and_offsets_are_valid(text: str) -> None:
    from marsad import extract
    record = extract(text, published="2024-07-03").to_dict()
    for sentence in record["sentences"]:
        assert 0 <= sentence["start"] < sentence["end"] <= len(text)
