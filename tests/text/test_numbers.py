"""Numbers: digits in every script and separator, MSA number words in their forms, compounds."""

from __future__ import annotations

import pytest

from marsad.text.numbers import find_numbers, parse_digits, words_value


@pytest.mark.parametrize("text, scaled, value", [
    ("41", False, 41),
    ("٤١", False, 41),
    ("۴۱", False, 41),
    ("1.5", False, 1.5),
    ("1,5", False, 1.5),
    ("١٫٥", False, 1.5),
    ("10.000", False, 10000),
    ("1,500", False, 1500),
    ("3.500", True, 3.5),
    ("1,250,000", False, 1250000),
    ("1.250.000", False, 1250000),
    ("١٬٢٥٠٬٠٠٠", False, 1250000),
    ("1,250.75", False, 1250.75),
    ("1.250,75", False, 1250.75),
    ("7ر10", False, 10.7),
    ("6ر12", False, 12.6),
    ("٤ر١", False, 1.4),
    ("0.25", False, 0.25),
])
def test_numbers_parse_digits_every_script_and_separator(text: str, scaled: bool, value: float) -> None:
    assert parse_digits(text, scaled=scaled) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3.4x", "مليون", "1,23,4"])
def test_numbers_parse_digits_rejects_non_numbers(text: str) -> None:
    assert parse_digits(text) is None


@pytest.mark.parametrize("phrase, value", [
    ("واحد", 1),
    ("اثنان", 2),
    ("اثنتين", 2),
    ("ثلاث", 3),
    ("ثلاثة", 3),
    ("ثماني", 8),
    ("عشرة", 10),
    ("أحد عشر", 11),
    ("إحدى عشرة", 11),
    ("اثنا عشر", 12),
    ("اثنتي عشرة", 12),
    ("خمسة عشر", 15),
    ("عشرون", 20),
    ("عشرين", 20),
    ("خمسة وعشرون", 25),
    ("واحد وأربعون", 41),
    ("تسعين", 90),
    ("مئة", 100),
    ("مائة", 100),
    ("مئتان", 200),
    ("مائتي", 200),
    ("ثلاثمائة", 300),
    ("ثلاث مئة", 300),
    ("تسعمئة", 900),
    ("ثلاثمائة وخمسون", 350),
    ("ألف", 1000),
    ("ألفين", 2000),
    ("ثلاثة آلاف", 3000),
    ("ستة ألاف", 6000),
    ("عشرين ألفا", 20000),
    ("ستمائة ألف", 600000),
    ("مليون", 1_000_000),
    ("مليونين", 2_000_000),
    ("ثلاثة ملايين", 3_000_000),
    ("مليون ونصف", 1_500_000),
    ("مليونين و500 ألف", 2_500_000),
    ("41 مليار", 41_000_000_000),
    ("واحد وأربعون مليارا", 41_000_000_000),
    ("ملياري", 2_000_000_000),
    ("5 مليارات", 5_000_000_000),
    ("بليون", 1_000_000_000),
    ("تريليون", 1_000_000_000_000),
    ("1.5 مليون", 1_500_000),
    ("1,7 مليون", 1_700_000),
    ("3.500 مليون", 3_500_000),
    ("نصف", 0.5),
    ("ربع", 0.25),
    ("ثلث", 1 / 3),
    ("ثلاثة أرباع", 0.75),
    ("٤٠ مليار", 40_000_000_000),
])
def test_numbers_words_value_of_msa_forms(phrase: str, value: float) -> None:
    assert words_value(phrase) == pytest.approx(value)


@pytest.mark.parametrize("text, expected", [
    ("بين 10 و20 دولارا", [("10", 10), ("20", 20)]),
    ("ثلاثة وأربعة", [("ثلاثة", 3), ("أربعة", 4)]),
    ("200 و400 ألف درهم", [("200", 200), ("400 ألف", 400_000)]),
    ("لست أدري", []),
    ("طائرة F16 وG20", []),
    ("وبثلاثة أيام", [("ثلاثة", 3)]),
])
def test_numbers_find_numbers_splits_lists_and_keeps_offsets(text: str, expected: list[tuple[str, float]]) -> None:
    found = find_numbers(text)
    assert [(text[n.start:n.end], n.value) for n in found] == [(t, pytest.approx(v)) for t, v in expected]


@pytest.mark.parametrize("text, scale", [("400 ألف", 1000), ("41 مليار", 1e9), ("400", 1), ("مليون", 1)])
def test_numbers_closing_scale_is_kept_for_ranges(text: str, scale: float) -> None:
    assert find_numbers(text)[0].scale == scale


@pytest.mark.parametrize("text, definite", [("العواصم الثلاث", True), ("ثلاث عواصم", False), ("والمليون", True)])
def test_numbers_definite_numerals_are_marked(text: str, definite: bool) -> None:
    assert find_numbers(text)[-1].definite is definite
