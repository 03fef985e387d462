"""Linking: each entity gets a knowledge-base id and an English name, or a romanised name.

The knowledge base (marsad/data/gazetteer) answers for countries, regions, major cities,
international organisations and prominent people; every other entity keeps `kb_id` null and gets `name_en` from
`transliterate`.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.recognise.gazetteer import KbEntry, KnowledgeBase
from marsad.resolve.coref import EntityGroup, Mention
from marsad.resolve.transliterate import transliterate


@dataclass(frozen=True, slots=True)
class Link:
    kb_id: str | None
    name_en: str


def link_mention(mention: Mention, kb: KnowledgeBase) -> Mention:
    """`mention` with its knowledge-base entry filled in when its text names one."""
    entry = kb.lookup(mention.text)
    if entry is None or not _compatible(mention.type, entry):
        return mention
    return Mention(mention.start, mention.end, mention.type, mention.text, mention.words, entry)


def link_group(group: EntityGroup) -> Link:
    """The entity's id and English name."""
    entry = group.entry
    if entry is not None:
        return Link(entry.id, entry.name_en)
    return Link(None, transliterate(group.name))


def _compatible(mention_type: str, entry: KbEntry) -> bool:
    """A person links only to a person, and only a person to one (عمان the city is not a man)."""
    return (mention_type == "PER") == (entry.type == "PER")
