"""Figures: currencies, percentages, physical units, counts, non-figures, ranges and context."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from marsad.recognise.figures import find_figures
from marsad.recognise.times import find_times
from marsad.text.doc import Doc
from marsad.text.sentences import find_sentences

PUBLISHED = date(2024, 7, 3)


def _figures(text: str) -> list[dict[str, Any]]:
    doc = Doc(text, published=PUBLISHED)
    doc.spans["sentences"] = find_sentences(text)
    doc.spans["times"] = find_times(text, PUBLISHED, folded=doc.folded)
    return [{"text": text[s.start:s.end], **s.attrs} for s in find_figures(doc)]


def _value_units(text: str) -> list[tuple[float, str]]:
    return [(f["value"], f["unit"]) for f in _figures(text)]


@pytest.mark.parametrize("text, value, unit", [
    ("بلغ حجم التبادل التجاري 41 مليار دولار أمريكي.", 41e9, "USD"),
    ("خصصت الحكومة 500 ألف دولار للمشروع.", 500_000, "USD"),
    ("تبلغ قيمة الصفقة 1.5 مليون دولار.", 1.5e6, "USD"),
    ("دفع المستثمر 20 دولارا للسهم.", 20, "USD"),
    ("بلغ سعر البرميل 84 دولارًا.", 84, "USD"),
    ("تلقى كل مستفيد مئتي دولار.", 200, "USD"),
    ("وصلت الاستثمارات إلى واحد وأربعين مليار دولار.", 41e9, "USD"),
    ("بلغت الميزانية 483 مليار ريال.", 483e9, "SAR"),
    ("بيع العقار بـ 6700 ريال سعودي.", 6700, "SAR"),
    ("بلغ الراتب 9000 ريال شهريا.", 9000, "SAR"),
    ("بلغت المنحة ١٢ مليار ريال.", 12e9, "SAR"),
    ("تصل الغرامة إلى 10.000 ريال.", 10_000, "SAR"),
    ("رصدت الوزارة 42 مليون دينار تونسي.", 42e6, "TND"),
    ("بلغت الكلفة 6ر12 م د.", 12.6e6, "TND"),
    ("بلغت الكلفة 175 م د في تونس.", 175e6, "TND"),
    ("صرف البنك 7.5 مليون جنيه مصري.", 7.5e6, "EGP"),
    ("بلغت التبرعات مليونين و500 ألف جنيه في مصر.", 2.5e6, "EGP"),
    ("ارتفع سعر الدرهم الإماراتي إلى 400 ألف درهم.", 400_000, "AED"),
    ("بلغ التمويل عشرة آلاف يورو.", 10_000, "EUR"),
    ("بلغت المبيعات 300 مليون يوان.", 300e6, "CNY"),
    ("خسرت الشركة 100 جنيه إسترليني للسهم.", 100, "GBP"),
    ("بلغ سعر الصرف 100 ليرة تركية.", 100, "TRY"),
    ("بلغت الودائع 500 ألف ريال قطري.", 500_000, "QAR"),
    ("جمعت الحملة $250 من المتبرعين.", 250, "USD"),
    ("بلغ الدعم 3 ملايين روبل روسي.", 3e6, "RUB"),
    ("بلغ الاستثمار المليون دولار.", 1e6, "USD"),
    ("بلغ الإنفاق ستة ألاف دولار.", 6000, "USD"),
    ("قدرت الخسائر بـ 3.500 مليون ريال.", 3.5e6, "SAR"),
    ("وصل الإنتاج إلى 1,7 مليون دولار.", 1.7e6, "USD"),
])
def test_figures_currencies(text: str, value: float, unit: str) -> None:
    assert (pytest.approx(value), unit) in _value_units(text)


@pytest.mark.parametrize("text, value", [
    ("ارتفعت الصادرات بنسبة 32 بالمئة.", 32),
    ("تراجع العجز 4.2 بالمائة.", 4.2),
    ("بلغت نسبة التغطية 79 في المائة.", 79),
    ("انخفض التضخم إلى 3 في المئة.", 3),
    ("ارتفعت الأسعار 17%.", 17),
    ("بلغت النسبة ٪12.", None),
    ("ارتفعت الأرباح 25٪ خلال الفصل.", 25),
    ("زادت المبيعات ١٠بالمئة.", 10),
    ("نما الناتج عشرة بالمئة.", 10),
])
def test_figures_percentages(text: str, value: float | None) -> None:
    got = [v for v, unit in _value_units(text) if unit == "%"]
    assert got == ([pytest.approx(value)] if value is not None else [])


@pytest.mark.parametrize("text, value, unit", [
    ("تمتد الطريق على 125 كلم.", 125, "km"),
    ("يبلغ طول الخط 160 كيلومترا.", 160, "km"),
    ("ركض العداء 800 متر.", 800, "m"),
    ("صادرت الشرطة 145 طنًا من المخدرات.", 145, "t"),
    ("ينتج الحقل مليوني برميل يوميا.", 2e6, "bbl"),
    ("تبلغ قدرة المحطة 50 ميغاواط.", 50, "MW"),
    ("تستهلك الأسرة 300 كيلوواط ساعة.", 300, "kWh"),
    ("زرعت الوزارة 2000 هكتار.", 2000, "ha"),
    ("وزع الهلال الأحمر 500 لتر من الماء.", 500, "l"),
    ("بلغ وزن السبيكة 50 جراما.", 50, "g"),
    ("اشترت العائلة ربع كيلو من الذهب.", 0.25, "kg"),
    ("وفر السد 7ر2 مليون متر مكعب.", 2.7e6, "m³"),
    ("بلغت الشحنة 20 كيلوغراما.", 20, "kg"),
])
def test_figures_physical_units(text: str, value: float, unit: str) -> None:
    assert (pytest.approx(value), unit) in _value_units(text)


@pytest.mark.parametrize("text, value, about", [
    ("شارك في المهرجان 62 عملا مسرحيا.", 62, "عملا"),
    ("قتل 12 شخصا في الهجوم.", 12, "شخصا"),
    ("وقع البلدان عشرين اتفاقية.", 20, "اتفاقية"),
    ("استقبلت المدينة 600 ألف زائر.", 600_000, "زائر"),
    ("أصيب ثلاثة جنود في الانفجار.", 3, "جنود"),
    ("اعتقلت الشرطة اثنين من المشتبه بهم.", 2, "المشتبه"),
    ("قتل عشرة من المسلحين.", 10, "المسلحين"),
    ("أفرج عن قياديين اثنين.", 2, "قياديين"),
    ("زار الوزير العواصم الثلاث.", 3, "العواصم"),
    ("عرضت الأفلام الستة في الافتتاح.", 6, "الأفلام"),
    ("يقطن البلد 20.3 مليون طفل.", 20.3e6, "طفل"),
    ("تضم القائمة 1707 مرضى.", 1707, "مرضى"),
    ("شارك \"600\" شخص في المسيرة.", 600, "شخص"),
    ("أحصت اللجنة ٧٢ مصنعا.", 72, "مصنعا"),
    ("وصل إلى المطار خمسة آلاف حاج.", 5000, "حاج"),
])
def test_figures_counts_carry_their_noun(text: str, value: float, about: str) -> None:
    counts = [f for f in _figures(text) if f["unit"] == "count"]
    assert [(pytest.approx(f["value"]), f["about"]) for f in counts] == [(pytest.approx(value), about)]


def test_figures_bare_scaled_number_is_a_count() -> None:
    assert _value_units("بلغ عدد الزيارات في الاتجاهين 200 ألف، بحسب البيان.") == [(200_000, "count")]


def test_figures_bare_scaled_number_takes_the_currency_before_it() -> None:
    text = "ارتفع التبديل إلى 500 ألف ريال قطري بعد أن كان لا يتجاوز 100 ألف."
    assert _value_units(text) == [(500_000, "QAR"), (100_000, "QAR")]


@pytest.mark.parametrize("text", [
    "عقد الاجتماع الـ24 لمجلس الرؤساء.",
    "هذه هي الزيارة الخامسة للرئيس.",
    "تأسست الشركة عام 2014.",
    "وصل الوفد في 12 يناير 2023.",
    "استمرت المفاوضات ثلاث سنوات.",
    "تمتد الهدنة 48 ساعة.",
    "يبدأ الاجتماع الساعة 10:30 صباحا.",
    "للاستفسار اتصلوا على الرقم 0551234567.",
    "نصت المادة 12 من الدستور على ذلك.",
    "حلقت طائرات إف-16 فوق المدينة.",
    "تعد المدينة واحدة من أهم المراكز.",
    "خرج آلاف من المواطنين إلى الشوارع.",
    "احتلت الشركة المرتبة 5 عالميا.",
    "لست أدري ماذا حدث.",
    "أصدرت المحكمة القرار رقم 2216.",
    "افتتحت الدورة السابعة عشرة من المهرجان.",
    "",
])
def test_figures_non_figures_are_left_out(text: str) -> None:
    assert _figures(text) == []


@pytest.mark.parametrize("text, expected", [
    ("تراوح السعر بين 10 و20 دولارا.", [(10, "USD"), (20, "USD")]),
    ("بلغ التبديل ما بين 200 و400 ألف درهم.", [(200_000, "AED"), (400_000, "AED")]),
    ("ارتفع التبديل من مليون إلى مليوني يورو.", [(1e6, "EUR"), (2e6, "EUR")]),
    ("تراوحت النسبة بين 15 و25%.", [(15, "%"), (25, "%")]),
    ("يكلف المشروع من 5 إلى 7 ملايين دولار.", [(5e6, "USD"), (7e6, "USD")]),
])
def test_figures_ranges_give_one_figure_per_bound(text: str, expected: list[tuple[float, str]]) -> None:
    figures = _figures(text)
    assert [(pytest.approx(f["value"]), f["unit"]) for f in figures] == [(pytest.approx(v), u) for v, u in expected]
    assert figures[0]["range"] == figures[1]["range"] is not None
    assert [f["bound"] for f in figures] == ["low", "high"]


@pytest.mark.parametrize("text, qualifier", [
    ("قتل نحو 20 شخصا.", "approx"),
    ("شارك أكثر من 75 ألف متظاهر.", "more_than"),
    ("بلغت الخسائر أقل من 50 دولارا.", "less_than"),
    ("أنقذ ما يقارب 20 مليون طفل.", "approx"),
    ("وصل حوالي 300 حاج.", "approx"),
    ("نفذ الجيش ما لا يقل عن 12 غارة.", "at_least"),
    ("قتل 20 شخصا.", None),
])
def test_figures_qualifier_keeps_value(text: str, qualifier: str | None) -> None:
    [figure] = _figures(text)
    assert figure["qualifier"] == qualifier


def test_figures_context_of_a_trade_sentence() -> None:
    text = ("ارتفع حجم التبادل التجاري بين البلدين بنسبة 32 بالمئة ليصل إلى 41 مليار دولار أمريكي في 2023. "
            "وتراجعت الصادرات في الربع الأول من هذا العام بنسبة 5 بالمئة.")
    rate, amount, drop = _figures(text)
    assert (rate["value"], rate["unit"], rate["change"], rate["rate"], rate["time"]) == (32, "%", "increase", True, "2023")
    assert rate["about"] == "حجم التبادل التجاري"
    assert (amount["value"], amount["unit"], amount["time"]) == (41_000_000_000, "USD", "2023")
    assert (drop["change"], drop["time"], drop["rate"]) == ("decrease", "2024-Q1", True)


@pytest.mark.parametrize("text, about", [
    ("وقال الوزير إن حجم التبادل التجاري ارتفع بنسبة 12 بالمئة.", "حجم التبادل التجاري"),
    ("وأكد أن الاستثمارات الأجنبية ارتفعت إلى 3 مليارات دولار.", "الاستثمارات الأجنبية"),
    ("الصادرات النفطية تراجعت بنسبة 5 بالمئة.", "الصادرات النفطية"),
    ("وأضاف، أن البطالة انخفضت بنسبة 2 بالمئة.", "البطالة"),
])
def test_figures_about_from_a_subject_before_the_verb(text: str, about: str) -> None:
    [figure] = _figures(text)
    assert figure["about"] == about


@pytest.mark.parametrize("text, change", [
    ("ارتفعت الصادرات إلى 41 مليار دولار.", "increase"),
    ("قفزت المبيعات 12 بالمئة.", "increase"),
    ("نما الاقتصاد بنسبة 3 في المئة.", "increase"),
    ("تراجعت الأسهم 2 في المائة.", "decrease"),
    ("انخفض عدد الزوار إلى 300 ألف زائر.", "decrease"),
    ("هبط سعر النفط إلى 50 دولارا.", "decrease"),
    ("بلغت الصادرات 41 مليار دولار.", None),
])
def test_figures_change_from_the_clause(text: str, change: str | None) -> None:
    [figure] = _figures(text)
    assert figure["change"] == change


@pytest.mark.parametrize("text, dinar", [
    ("قال وزير المالية التونسي إن العجز بلغ 42 مليون دينار.", "TND"),
    ("أعلنت الكويت أن الفائض بلغ 42 مليون دينار.", "KWD"),
    ("أعلن الأردن أن الدعم بلغ 42 مليون دينار.", "JOD"),
    ("بلغ العجز 42 مليون دينار.", "KWD"),
])
def test_figures_bare_currency_noun_settled_by_country_cues(text: str, dinar: str) -> None:
    assert _value_units(text) == [(42_000_000, dinar)]


def test_figures_explicit_currency_name_is_not_a_country_cue() -> None:
    text = "بلغ سعر الريال القطري 1.02 ريال في الرياض، وبيع الذهب بسعر 200 ريال للغرام في السعودية."
    assert _value_units(text)[-1] == (200, "SAR")


def test_figures_spans_cover_number_and_unit() -> None:
    text = "خصصت الحكومة 500 ألف دولار للمشروع."
    [figure] = _figures(text)
    assert figure["text"] == "500 ألف دولار"


@pytest.mark.parametrize("text, value, unit", [
    ("منحت الهيئة قرضا بقيمة 2،5 مليون دولار للبلدية.", 2.5e6, "USD"),
    ("ارتفع التضخم بنسبة 4،2 في المائة.", 4.2, "%"),
    ("بلغ ثمن الكيلو في تونس 12،75 دينارا.", 12.75, "TND"),
    ("باع مزارع في المغرب محصوله بـ 3،500 درهم.", 3500, "MAD"),
    ("بلغت قيمة العقد ٢٫٥٠٠ دولار.", 2.5, "USD"),
    ("يبلغ عدد سكان المدينة ١٬٢٠٠ ألف نسمة.", 1.2e6, "count"),
    ("ارتفع سعر الأوقية إلى ٢٬٣٤٠٫٥ دولار.", 2340.5, "USD"),
])
def test_figures_arabic_decimal_and_thousands_marks(text: str, value: float, unit: str) -> None:
    """The Arabic comma between digits with no space is a decimal mark (or groups three digits);
    ٫ is always decimal and ٬ always groups thousands, whatever follows."""
    assert (pytest.approx(value), unit) in _value_units(text)


def test_figures_arabic_comma_with_a_space_separates_a_list() -> None:
    text = "فاز الفريق بالدوري في موسمي 2014، 2015 ودفع 3، 4 ملايين دولار للاعبين."
    assert (pytest.approx(4e6), "USD") in _value_units(text)
    assert all(f["value"] not in (2014.2015, 2014, 2015, 3.4e6) for f in _figures(text))


@pytest.mark.parametrize("text", [
    "استعد المنتخب لمونديال 2026 بمعسكر مغلق.",
    "أطلقت الحكومة رؤية 2035 للتنمية الشاملة.",
    "فاز النادي بلقب 2019 وكذلك 2021 لبطولة القارة.",
    "نالت المدينة شرف تنظيم أولمبياد 2032 لأستراليا.",
    "تفاوضت إيران مع مجموعة خمسة زائد واحد.",
])
def test_figures_years_and_numbers_in_names_are_left_out(text: str) -> None:
    assert _figures(text) == []


@pytest.mark.parametrize("text, value, unit", [
    ("ارتفع الراتب الشهري إلى 2000 دولار.", 2000, "USD"),
    ("تراجعت الأرباح إلى 1990 مليون درهم.", 1.99e9, "AED"),
    ("وصلت التكلفة في النهاية إلى 2015 ريالا سعوديا.", 2015, "SAR"),
])
def test_figures_a_year_sized_amount_after_a_preposition_keeps_its_currency(text: str, value: float, unit: str) -> None:
    assert _value_units(text) == [(pytest.approx(value), unit)]
