"""Properties of the numbers, times and figures recognisers on arbitrary text: never raise, valid offsets."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from marsad.recognise.figures import find_figures
from marsad.recognise.times import find_times
from marsad.text.doc import Doc
from marsad.text.numbers import find_numbers, parse_digits
from marsad.text.sentences import find_sentences

# Letters, digits of three scripts, separators and the words the recognisers key on, so that
# random text often forms numbers, units, months and relative dates.
PIECES = ["ا", "ب", "ت", "و", "ال", "ة", "ى", "ً", "ـ", " ", " ", "\n", "،", ".", "/", "-", "(", ")", "%", "٪", "$",
          "0", "1", "2", "5", "9", "٠", "٣", "٧", "۴", "٫", "٬", ",", "ر", "2015", "١٤٣٦", "مليون", "مليار", "ألف",
          "آلاف", "ثلاثة", "عشر", "عشرين", "مائة", "نصف", "و", "دولار", "ريال", "م د", "بالمئة", "في المائة", "كلم",
          "طن", "يناير", "آب", "شوال", "هـ", "أمس", "اليوم", "غدا", "الجمعة", "الأسبوع", "الماضي", "المقبل", "العام",
          "الربع", "الأول", "من", "إلى", "بين", "سنوات", "يوما", "قبل", "نحو", "أكثر من", "الـ", "رقم", "شخصا", "x",
          "عام", "ونصف", "وربع", "أولمبياد", "وكذلك", "أو", "زائد"]
mixed_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
any_text = st.one_of(mixed_text, st.text(max_size=200))
published = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


@given(any_text)
@settings(max_examples=300, deadline=None)
def test_figures_times_numbers_offsets_are_valid(text: str) -> None:
    for number in find_numbers(text):
        assert 0 <= number.start < number.end <= len(text)


@given(any_text)
@settings(max_examples=200, deadline=None)
def test_figures_times_parse_digits_never_raises(text: str) -> None:
    value = parse_digits(text)
    assert value is None or value >= 0


@given(any_text, published)
@settings(max_examples=300, deadline=None)
def test_figures_times_spans_are_valid_and_ordered(text: str, when: date | None) -> None:
    doc = Doc(text, published=when)
    doc.spans["sentences"] = find_sentences(text)
    doc.spans["times"] = find_times(text, when, folded=doc.folded)
    previous_end = 0
    for span in doc.spans["times"]:
        assert previous_end <= span.start < span.end <= len(text)
        assert span.attrs["type"] in ("DATE", "DURATION")
        assert span.attrs["value"] is None or isinstance(span.attrs["value"], str)
        previous_end = span.end
    for span in find_figures(doc):
        assert 0 <= span.start < span.end <= len(text)
        assert isinstance(span.attrs["value"], (int, float)) and span.attrs["unit"]
        assert not any(t.start < span.end and span.start < t.end for t in doc.spans["times"]
                       if t.attrs["type"] == "DURATION")


@given(st.integers(0, 999), st.integers(0, 99), st.booleans())
@settings(max_examples=200, deadline=None)
def test_figures_times_arabic_comma_between_digits_is_decimal(whole: int, frac: int, arabic_digits: bool) -> None:
    written = f"{whole}،{frac}"
    if arabic_digits:
        written = written.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    [number] = find_numbers(f"بلغت القيمة {written} مليون دولار")
    assert number.value == pytest.approx(float(f"{whole}.{frac}") * 1e6)


@given(st.integers(1900, 2099), st.integers(1900, 2099))
@settings(max_examples=100, deadline=None)
def test_figures_times_year_sized_numbers_with_an_arabic_comma_stay_apart(a: int, b: int) -> None:
    assert [n.value for n in find_numbers(f"{a}،{b}")] == [a, b]
    assert [n.value for n in find_numbers(f"{a}، {b}")] == [a, b]
