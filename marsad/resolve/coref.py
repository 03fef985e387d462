"""In-document coreference: mentions -> entities (شي جين بينغ … شي; أوبك ↔ منظمة الدول المصدرة للنفط).

Mentions are joined (union-find) when any rule says they name the same thing:

1. they link to the same knowledge-base entry (an acronym and its full name);
2. they have the same folded words;
3. a person mention is the first or last words of a longer person mention (the nearest earlier
   one, else the nearest later one): شي ~ شي جين بينغ, توكاييف ~ قاسم جومارت توكاييف;
4. one follows the other in parentheses: الوكالة الدولية للطاقة (IEA).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from marsad.recognise.gazetteer import KbEntry

OPEN_PAREN = "(["


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a name: offsets, CRF/pattern type, folded words, knowledge-base entry."""

    start: int
    end: int
    type: str
    text: str
    words: tuple[str, ...]
    entry: KbEntry | None = None


@dataclass
class EntityGroup:
    """Mentions of one real-world entity, in text order."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def entry(self) -> KbEntry | None:
        return next((m.entry for m in self.mentions if m.entry is not None), None)

    @property
    def type(self) -> str:
        """The knowledge base's type when linked, else the commonest mention type (earliest on ties)."""
        entry = self.entry
        if entry is not None:
            return entry.type
        counts = Counter(m.type for m in self.mentions)
        return max(counts, key=lambda t: (counts[t], -[m.type for m in self.mentions].index(t)))

    @property
    def name(self) -> str:
        """The canonical name: the longest mention (in words, then characters), earliest on ties.

        A form after the preposition ل (للأمم المتحدة) is chosen only when there is no other.
        """
        best = max(self.mentions, key=lambda m: (not m.words[0].startswith("لل"), len(m.words), len(m.text),
                                                 -m.start))
        return best.text


def group_mentions(mentions: Sequence[Mention], text: str) -> list[EntityGroup]:
    """Entities for `mentions` (sorted by start), ordered by first mention."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first_with: dict[object, int] = {}
    for i, m in enumerate(mentions):
        for key in ((m.entry.id,) if m.entry else ()) + (m.words,):
            if key in first_with:
                union(first_with[key], i)
            else:
                first_with[key] = i
    _join_partial_names(mentions, union)
    _join_parenthesised(mentions, text, union)
    groups: dict[int, EntityGroup] = {}
    for i, m in enumerate(mentions):
        groups.setdefault(find(i), EntityGroup()).mentions.append(m)
    return list(groups.values())


def _join_partial_names(mentions: Sequence[Mention], union: Callable[[int, int], None]) -> None:
    people = [i for i, m in enumerate(mentions) if m.type == "PER"]
    for i in people:
        short = mentions[i].words
        candidates = [j for j in people if len(mentions[j].words) > len(short)
                      and (mentions[j].words[:len(short)] == short or mentions[j].words[-len(short):] == short)]
        if not candidates:
            continue
        earlier = [j for j in candidates if j < i]
        union(i, max(earlier) if earlier else min(candidates))


def _join_parenthesised(mentions: Sequence[Mention], text: str, union: Callable[[int, int], None]) -> None:
    for i in range(len(mentions) - 1):
        between = text[mentions[i].end:mentions[i + 1].start].strip()
        if between and between in OPEN_PAREN and mentions[i].type == mentions[i + 1].type:
            union(i, i + 1)
