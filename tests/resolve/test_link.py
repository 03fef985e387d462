"""Linking: knowledge-base ids and English names, transliteration for the rest (issue 4)."""

from __future__ import annotations

import pytest

from marsad.recognise.gazetteer import KnowledgeBase, name_key
from marsad.resolve.coref import EntityGroup, Mention
from marsad.resolve.link import link_group, link_mention, relink_in_context


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def mention(text: str, kind: str) -> Mention:
    return Mention(0, len(text), kind, text, tuple(name_key(text).split()))


@pytest.mark.parametrize("text, kind, kb_id, name_en", [
    ("الصين", "LOC", "Q148", "China"),
    ("كازاخستان", "LOC", "Q232", "Kazakhstan"),
    ("المملكة العربية السعودية", "LOC", "Q851", "Saudi Arabia"),
    ("للأمم المتحدة", "ORG", "Q1065", "United Nations"),
    ("أوبك", "ORG", "Q7795", "OPEC"),
    ("صندوق النقد الدولي", "ORG", "Q7804", "International Monetary Fund"),
])
def test_link_known_entities(kb: KnowledgeBase, text: str, kind: str, kb_id: str, name_en: str) -> None:
    link = link_group(EntityGroup([link_mention(mention(text, kind), kb)]))
    assert (link.kb_id, link.name_en) == (kb_id, name_en)


@pytest.mark.parametrize("text, kind", [
    ("عمان", "PER"),            # a person named like the city is not the city
    ("جولنار شيميرجينوفا", "PER"),
])
def test_link_unknown_entities_get_romanised_names(kb: KnowledgeBase, text: str, kind: str) -> None:
    link = link_group(EntityGroup([link_mention(mention(text, kind), kb)]))
    assert link.kb_id is None
    assert link.name_en and link.name_en.isascii()


@pytest.mark.parametrize("adjective, name_en", [
    ("الصيني", "China"), ("الصينية", "China"), ("السعوديين", "Saudi Arabia"), ("الأمريكيون", "United States"),
    ("وزير", None),
])
def test_link_nisba_to_country(kb: KnowledgeBase, adjective: str, name_en: str | None) -> None:
    country = kb.country_of_nisba(adjective)
    assert (country.name_en if country else None) == name_en


@pytest.mark.parametrize("others, adjectives, name_en", [
    ([], [], "Oman"),                       # no context: the country, listed first
    (["الأردن"], [], "Amman"),              # Jordan named elsewhere: its capital
    ([], ["JO"], "Amman"),                  # ... or a Jordanian adjective (الأردنية)
    (["الأردن"], ["OM"], "Oman"),           # an Omani adjective too: the first reading again
])
def test_link_shared_name_follows_context(kb: KnowledgeBase, others: list[str], adjectives: list[str],
                                          name_en: str) -> None:
    groups = [EntityGroup([link_mention(mention(t, "LOC"), kb)]) for t in ["عمان", *others]]
    relink_in_context(groups, kb, lambda: adjectives)
    assert link_group(groups[0]).name_en == name_en
