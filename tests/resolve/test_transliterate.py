"""Transliteration: readable Latin names for entities outside the knowledge base (issue 4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.resolve.transliterate import transliterate


@pytest.mark.parametrize("arabic, latin", [
    ("شي جين بينغ", "Shi Jin Bing"),
    ("محمد بن سلمان", "Muhammad bin Salman"),
    ("عادل الجبير", "Adel al-Jbir"),
    ("جولنار", "Julnar"),
    ("Reuters", "Reuters"),
])
def test_transliterate_names(arabic: str, latin: str) -> None:
    assert transliterate(arabic) == latin


@pytest.mark.parametrize("arabic, ending", [("فاطمة", "a"), ("مصطفى", "a")])
def test_transliterate_final_vowels(arabic: str, ending: str) -> None:
    assert transliterate(arabic).endswith(ending)


@given(st.text(max_size=60))
def test_transliterate_never_raises_and_stays_ascii_for_arabic(text: str) -> None:
    out = transliterate(text)
    arabic_only = all("\u0621" <= ch <= "\u064a" or ch == " " for ch in text)
    assert isinstance(out, str)
    if arabic_only:
        assert out.isascii()
