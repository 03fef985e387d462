"""Linking: each entity gets a knowledge-base id and an English name, or a romanised name.

The knowledge base (marsad/data/gazetteer) answers for countries, regions, major cities,
international organisations and prominent people; every other entity keeps `kb_id` null and gets `name_en` from
`transliterate`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from marsad.recognise.gazetteer import KbEntry, KnowledgeBase, name_key
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


def relink_in_context(groups: Sequence[EntityGroup], kb: KnowledgeBase,
                      adjective_countries: Callable[[], Iterable[str]]) -> None:
    """A name of several entries (عمان: Oman, Amman) links to the first whose country the article names
    elsewhere, by a place or a nationality adjective (الأردن، الأردنية -> Amman); else to the first entry.

    `adjective_countries` gives the country codes of the article's nationality adjectives; it is called
    only when some entity has such a name.
    """
    ambiguous = [g for g in groups if g.entry is not None and all(name_key(m.text) in kb.readings for m in g.mentions)]
    if not ambiguous:
        return
    adjectives = set(adjective_countries())
    for group in ambiguous:
        named = adjectives | {g.entry.country for g in groups if g is not group and g.entry is not None}
        readings = kb.readings[name_key(group.mentions[0].text)]
        chosen = next((r for r in readings if r.country in named), readings[0])
        if chosen != group.entry:
            group.mentions = [replace(m, entry=chosen) for m in group.mentions]


def _compatible(mention_type: str, entry: KbEntry) -> bool:
    """A person links only to a person, and only a person to one (عمان the city is not a man)."""
    return (mention_type == "PER") == (entry.type == "PER")
