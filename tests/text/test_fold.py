"""Folding for matching: the rules, and the offset map back to the original text."""

from __future__ import annotations

import pytest

from marsad.text.fold import fold, fold_with_map


@pytest.mark.parametrize("original, folded", [
    ("الاقتصادُ", "الاقتصاد"),          # diacritics
    ("مـــدرسة", "مدرسه"),               # tatweel, ta marbuta
    ("أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"),  # alef forms
    ("مستشفى", "مستشفي"),               # alef maqsura
    ("٢٠١٥ و۱۲", "2015 و12"),           # Arabic-Indic and Persian digits
    ("ﻻ", "لا"),                        # presentation form
    ("\u202bنص\u202c", "نص"),            # bidi controls
    ("OPEC", "opec"),
])
def test_fold_rules(original: str, folded: str) -> None:
    assert fold(original) == folded
    assert fold_with_map(original).text == folded


@pytest.mark.parametrize("text, needle", [
    ("قالَ الرئيسُ إنّ المدرسةَ مـفتوحة", "المدرسه"),
    ("في ﻻهاي اليوم", "لاهاي"),
    ("plain text without marks", "without"),
])
def test_fold_map_points_back_to_the_original(text: str, needle: str) -> None:
    folded = fold_with_map(text)
    i = folded.text.index(needle)
    start, end = folded.to_original(i, i + len(needle))
    assert fold(text[start:end]) == needle


def test_fold_never_alters_the_stored_text() -> None:
    text = "قالَ"
    fold_with_map(text)
    assert text == "قالَ"
