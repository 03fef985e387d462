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
