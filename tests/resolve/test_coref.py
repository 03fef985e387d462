"""Coreference: mentions -> one group per real-world entity (issue 4)."""

from __future__ import annotations

import re

import pytest

from marsad.recognise.gazetteer import KbEntry, name_key
from marsad.resolve.coref import Mention, group_mentions

OPEC = KbEntry("Q7795", "ORG", "org", "OPEC")


def mentions_in(text: str, names: list[tuple[str, str, KbEntry | None]]) -> list[Mention]:
    """A Mention at each whole-word occurrence of each (name, type, entry) outside earlier names."""
    out: list[Mention] = []
    for name, kind, entry in names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(o.start < m.end() and m.start() < o.end for o in out):
                out.append(Mention(m.start(), m.end(), kind, name, tuple(name_key(name).split()), entry))
    return sorted(out, key=lambda m: m.start)


@pytest.mark.parametrize("text, names, groups", [
    ("التقى شي جين بينغ نظيره. وقال شي إن", [("شي جين بينغ", "PER", None), ("شي", "PER", None)], 1),
    ("قال ترامب إن الاتفاق انتهى، ورد بايدن بأنه باق", [("ترامب", "PER", None), ("بايدن", "PER", None)], 2),
    ("قررت أوبك ... منظمة الدول المصدرة للنفط", [("أوبك", "ORG", OPEC), ("منظمة الدول المصدرة للنفط", "ORG", OPEC)], 1),
    ("الوكالة الدولية للطاقة (IEA) قالت", [("الوكالة الدولية للطاقة", "ORG", None), ("IEA", "ORG", None)], 1),
    ("زار محمد علي ثم محمد صالح", [("محمد علي", "PER", None), ("محمد صالح", "PER", None)], 2),
    # spellings of one name: long vowels and ة/ه differ, whatever type the CRF gave each
    ("قالت البحرية الأمريكية ثم أكدت البحرية الأميركية", [("البحرية الأمريكية", "ORG", None),
                                                         ("البحرية الأميركية", "ORG", None)], 1),
    ("وكالة يونيسيف ثم يونسيف", [("يونيسيف", "ORG", None), ("يونسيف", "LOC", None)], 1),
    ("التقى محمود ثم محمد", [("محمود", "PER", None), ("محمد", "PER", None)], 2),   # people: never by skeleton
    # the first words of a longer organisation's name
    ("أعلنت الهيئة الوطنية لمكافحة الفساد ثم أكدت الهيئة الوطنية", [("الهيئة الوطنية لمكافحة الفساد", "ORG", None),
                                                                  ("الهيئة الوطنية", "ORG", None)], 1),
    # a short form in quotation marks, or in parentheses even when the CRF typed it otherwise
    ('شركة الخطوط الجوية المغربية "لارام" ثم لارام', [("شركة الخطوط الجوية المغربية", "ORG", None),
                                                       ("لارام", "ORG", None)], 1),
    ("منظمة الصحة العالمية (هووو) قالت", [("منظمة الصحة العالمية", "ORG", None), ("هووو", "MISC", None)], 1),
])
def test_coref_groups(text: str, names: list[tuple[str, str, KbEntry | None]], groups: int) -> None:
    assert len(group_mentions(mentions_in(text, names), text)) == groups


@pytest.mark.parametrize("first, later, nearest", [
    (["عبد الله بن زايد", "عبد الله الثاني"], "عبد الله", "عبد الله الثاني"),
])
def test_coref_partial_name_joins_nearest_earlier(first: list[str], later: str, nearest: str) -> None:
    text = " و ".join(first) + " ثم " + later + " فقط"
    mentions = mentions_in(text, [(n, "PER", None) for n in [*first, later]])
    start = text.rfind(later)
    groups = group_mentions(mentions, text)
    group = next(g for g in groups if any(m.start == start for m in g.mentions))
    assert group.name == nearest


@pytest.mark.parametrize("texts, expected", [
    (["للأمم المتحدة", "الأمم المتحدة"], "الأمم المتحدة"),
    (["ترامب", "دونالد ترامب"], "دونالد ترامب"),
])
def test_coref_canonical_name(texts: list[str], expected: str) -> None:
    text = " ، ".join(texts)
    entry = KbEntry("X", "ORG", "org", "X")
    mentions = mentions_in(text, [(t, "ORG", entry) for t in sorted(texts, key=len, reverse=True)])
    assert [g.name for g in group_mentions(mentions, text)] == [expected]


def test_coref_pinned_type_wins_and_stays_apart_from_other_readings() -> None:
    region = KbEntry("Q7204", "LOC", "region", "Middle East")
    text = "قال لـ«الشرق الأوسط» إن الشرق الأوسط يتغير، وكتبت «الشرق الأوسط» ذلك"
    quoted = [m.start() for m in re.finditer("الشرق الأوسط", text) if text[m.start() - 1] == "«"]
    mentions = [Mention(m.start(), m.end(), "LOC", m.group(), ("الشرق", "الاوسط"), region,
                        pinned=m.start() in quoted)
                for m in re.finditer("الشرق الأوسط", text)]
    mentions = [m if not m.pinned else Mention(m.start, m.end, "ORG", m.text, m.words, None, pinned=True)
                for m in mentions]
    groups = group_mentions(mentions, text)
    assert sorted((g.type, len(g.mentions)) for g in groups) == [("LOC", 1), ("ORG", 2)]


CHINA = KbEntry("Q148", "LOC", "country", "China")
HEADS = frozenset({"شركه", "وكاله", "بنك", "مهرجان"})


@pytest.mark.parametrize("text, names, groups", [
    # an organisation or festival with its kind word, and the same name without it
    ("أعلنت شركة بيلاترو أرباحها وقالت بيلاترو إن", [("شركة بيلاترو", "ORG", None), ("بيلاترو", "MISC", None)], 1),
    ("افتتح مهرجان أيام صفاقس المسرحية ثم أيام صفاقس المسرحية",
     [("مهرجان أيام صفاقس المسرحية", "MISC", None), ("أيام صفاقس المسرحية", "MISC", None)], 1),
    # not a place the knowledge base knows: the bank of China is not China
    ("موّل بنك الصين المشروع وزار الصين", [("بنك الصين", "ORG", None), ("الصين", "LOC", CHINA)], 2),
    # a definite head alone is the one organisation of the article with that head
    ("تقدمت المقاومة الشعبية ثم انسحبت المقاومة", [("المقاومة الشعبية", "ORG", None), ("المقاومة", "ORG", None)], 1),
    ("قاتل الجيش العراقي مع الجيش الأمريكي ثم الجيش", [("الجيش العراقي", "ORG", None), ("الجيش الأمريكي", "ORG", None),
                                                  ("الجيش", "ORG", None)], 3),
    # a MISC name by the first words of a longer one
    ("مهرجان البندقية السينمائي الدولي ثم مهرجان البندقية", [("مهرجان البندقية السينمائي الدولي", "MISC", None),
                                                           ("مهرجان البندقية", "MISC", None)], 1),
])
def test_coref_kinds_heads_and_prefixes(text: str, names: list[tuple[str, str, KbEntry | None]], groups: int) -> None:
    assert len(group_mentions(mentions_in(text, names), text, HEADS)) == groups
