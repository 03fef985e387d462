"""In-document coreference: mentions -> entities (شي جين بينغ … شي; أوبك ↔ منظمة الدول المصدرة للنفط).

Mentions are joined (union-find) when any rule says they name the same thing:

1. they link to the same knowledge-base entry (an acronym and its full name);
2. they have the same folded words;
3. a person mention is the first or last words of a longer person mention (the nearest earlier
   one, else the nearest later one): شي ~ شي جين بينغ, توكاييف ~ قاسم جومارت توكاييف;
4. one follows the other in parentheses or quotation marks: الوكالة الدولية للطاقة (IEA);
5. spellings of one name (الأمريكية ~ الأميركية) share a skeleton without long vowels (not for people);
6. an organisation named by the first words of a longer one's name (الشركة التونسية ~ الشركة
   التونسية لصناعة الورق), or by its definite head alone when no other has it (المقاومة);
7. a pinned mention (its type set by context, صحيفة «الأيام») groups with its own words apart from
   knowledge-base readings, and takes in unlinked mentions of the same words;
8. an organisation or MISC name with its kind (وكالة فرانس برس، مهرجان أيام قرطاج) and the same name
   without it (فرانس برس، أيام قرطاج, whatever non-person type the CRF gave it), when that is no other
   known entry.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.recognise.gazetteer import KbEntry

OPEN_MARKS = "([\"«“"   # a name, then its short form in parentheses or quotation marks
SPELLING_VARIANTS = re.compile("[اوي]")
MIN_SKELETON = 4   # letters a one-word skeleton needs to join spellings: شكري، شاكر share 3


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a name: offsets, CRF/pattern type, folded words, knowledge-base entry."""

    start: int
    end: int
    type: str
    text: str
    words: tuple[str, ...]
    entry: KbEntry | None = None
    pinned: bool = False     # the type comes from context stronger than the name (صحيفة «...»): it wins


@dataclass
class EntityGroup:
    """Mentions of one real-world entity, in text order."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def entry(self) -> KbEntry | None:
        return next((m.entry for m in self.mentions if m.entry is not None), None)

    @property
    def type(self) -> str:
        """A pinned mention's type, else the knowledge base's type when linked, else the commonest mention type (earliest on ties)."""
        pinned = next((m.type for m in self.mentions if m.pinned), None)
        if pinned is not None:
            return pinned
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


def group_mentions(mentions: Sequence[Mention], text: str, heads: frozenset[str] = frozenset()) -> list[EntityGroup]:
    """Entities for `mentions` (sorted by start), ordered by first mention; `heads` are folded organisation
    and MISC head words (وكاله، مهرجان) for rule 8."""
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
        for key in _keys(m):
            if key in first_with:
                union(first_with[key], i)
            else:
                first_with[key] = i
    for i, m in enumerate(mentions):   # a pinned name takes in the same words read as a name of no known entry
        if not m.pinned and m.entry is None and ("pinned", m.words) in first_with:
            union(first_with["pinned", m.words], i)
    _join_partial_names(mentions, union)
    _join_organisation_prefixes(mentions, union)
    _join_organisation_kinds(mentions, union, heads)
    _join_parenthesised(mentions, text, union)
    groups: dict[int, EntityGroup] = {}
    for i, m in enumerate(mentions):
        groups.setdefault(find(i), EntityGroup()).mentions.append(m)
    return list(groups.values())


def _keys(m: Mention) -> tuple[object, ...]:
    """What joins `m` to earlier mentions: its entry, its words (kept apart when pinned), and its spelling
    skeleton (الأمريكية ~ الأميركية، يونيسيف ~ يونسيف, whatever type the CRF gave each) for names that
    are neither pinned nor people's: a person's skeleton is too often another person's name (محمد، محمود)."""
    keys: tuple[object, ...] = (m.entry.id,) if m.entry else ()
    keys += (("pinned", m.words),) if m.pinned else (m.words,)
    if m.type != "PER" and not m.pinned:
        skeleton = tuple(_skeleton(w) for w in m.words)
        if len(m.words) > 1 or len(skeleton[0]) >= MIN_SKELETON:
            keys += (("skeleton", skeleton),)
    return keys


@lru_cache(maxsize=50_000)
def _skeleton(word: str) -> str:
    """A folded word without its inner long vowels and final ه, the letters spellings of one name vary in
    (الاميركيه، الامريكيه; ترامب، ترمب)."""
    return word[0] + SPELLING_VARIANTS.sub("", word[1:].removesuffix("ه")) if word else word


def _join_organisation_prefixes(mentions: Sequence[Mention], union: Callable[[int, int], None]) -> None:
    """An organisation (or MISC name) named by the first words of a longer one's name is that organisation,
    the nearest earlier one else the nearest later: الشركة التونسية ~ الشركة التونسية لصناعة الورق; so is its
    definite head alone when only one organisation of the article has that head (المقاومة ~ المقاومة
    الشعبية; not الجيش when الجيش العراقي and الجيش الأمريكي both occur)."""
    for kind in ("ORG", "MISC"):   # مهرجان البندقية ~ مهرجان البندقية السينمائي الدولي
        _join_prefixes([i for i, m in enumerate(mentions) if m.type == kind and not m.pinned], mentions, union)


def _join_prefixes(orgs: Sequence[int], mentions: Sequence[Mention], union: Callable[[int, int], None]) -> None:
    by_prefix: dict[tuple[str, ...], list[int]] = {}
    for j in orgs:
        for size in range(2, len(mentions[j].words)):
            by_prefix.setdefault(mentions[j].words[:size], []).append(j)
    heads: dict[str, set[tuple[str, ...]]] = {}
    for j in orgs:
        if len(mentions[j].words) > 1:
            heads.setdefault(mentions[j].words[0], set()).add(mentions[j].words)
    for i in orgs:
        words = mentions[i].words
        longer = by_prefix.get(words)
        if len(words) == 1 and words[0].startswith("ال") and len(heads.get(words[0], ())) == 1:
            longer = [j for j in orgs if len(mentions[j].words) > 1 and mentions[j].words[0] == words[0]]
        if longer:
            earlier = [j for j in longer if j < i]
            union(i, max(earlier) if earlier else min(longer))


def _join_organisation_kinds(mentions: Sequence[Mention], union: Callable[[int, int], None],
                             heads: frozenset[str]) -> None:
    """Rule 8: شركة سوخوي ~ سوخوي, مهرجان أيام قرطاج المسرحية ~ أيام قرطاج المسرحية; not بنك الصين ~
    الصين, a place the knowledge base knows."""
    named = {}
    for j, m in enumerate(mentions):
        if m.type in ("ORG", "MISC") and len(m.words) > 1 and m.words[0] in heads:
            named.setdefault(m.words[1:], j)
    if not named:
        return
    for i, m in enumerate(mentions):
        j = named.get(m.words)
        if j is not None and m.type != "PER" and (m.entry is None or m.entry.type == "ORG"):
            union(i, j)


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
    """A short form in parentheses or quotes right after a name; of another type only when it is not a
    known entry nor a person (منظمة الأمم المتحدة للطفولة (يونيسيف), read as MISC by the CRF)."""
    for i in range(len(mentions) - 1):
        between = text[mentions[i].end:mentions[i + 1].start].strip()
        second = mentions[i + 1]
        if between and all(c in OPEN_MARKS for c in between) and (
                mentions[i].type == second.type or (second.entry is None and "PER" not in (mentions[i].type, second.type))):
            union(i, i + 1)
