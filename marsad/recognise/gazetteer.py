"""The offline knowledge base (places, regions, organisations, people, nisba adjectives) and phrase matching over tokens.

Names are matched in folded form, token by token: the first token of a phrase may carry clitics
(وكازاخستان, للأمم), so every clitic reading of it is tried; the longest phrase wins. Entries carry
stable ids (Wikidata QIDs, GeoNames ids, ISO codes) and English names for linking.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from marsad import resources
from marsad.text.fold import fold
from marsad.text.tokens import Token

ARTICLE = "ال"
NOT_NAME = re.compile(r"[^\w ]+")
NISBA_ENDINGS = ("يين", "يون", "يه", "ين", "ون", "ا")   # folded plural, feminine, accusative endings after ي


@dataclass(frozen=True, slots=True)
class KbEntry:
    """One real-world entity of the knowledge base."""

    id: str
    type: str          # PER ORG LOC FAC MISC
    kind: str          # country, region, city, org, ...
    name_en: str
    country: str = ""  # ISO code for places


@dataclass(frozen=True, slots=True)
class KbMatch:
    """A knowledge-base phrase found over tokens [first, last] (inclusive), starting at `start`."""

    first: int
    last: int
    start: int
    entry: KbEntry


def name_key(text: str) -> str:
    """A name folded for comparison: no punctuation or quotes, single spaces."""
    return " ".join(NOT_NAME.sub(" ", fold(text)).split())


def name_start(token: Token, prefix: str) -> int:
    """Where a name begins in `token` read as `prefix` + stem: after و ف ب ل ك, before ال.

    The article stays with the name (وبالصين -> الصين); ل + ال (للأمم) stays as written, since the
    swallowed alif leaves no clitic-free form in the text.
    """
    strip = prefix[:-2] if prefix.endswith(("لل", ARTICLE)) else prefix
    for seg in token.segments:
        if seg.prefix == strip:
            return seg.start
    return token.start


@dataclass(frozen=True)
class KnowledgeBase:
    """Folded name -> entry, nisba stem -> country, and the phrases indexed by first word."""

    names: dict[str, KbEntry]
    nisba: dict[str, KbEntry]
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    readings: dict[str, tuple[KbEntry, ...]] = field(default_factory=dict)   # folded name -> every entry so named, when several
    _nisba_cache: dict[str, KbEntry | None] = field(default_factory=dict, compare=False, repr=False)
    _readings_cache: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, compare=False, repr=False)
    _lookup_cache: dict[str, KbEntry | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls) -> KnowledgeBase:
        return _load_kb()

    def lookup(self, text: str) -> KbEntry | None:
        """The entry named `text`, trying the forms with and without the article (للأمم ~ الأمم)."""
        cache = self._lookup_cache
        if text not in cache:
            if len(cache) > 200_000:
                cache.clear()
            cache[text] = self._lookup(text)
        return cache[text]

    def _lookup(self, text: str) -> KbEntry | None:
        key = name_key(text)
        if key.startswith("لل"):
            key = ARTICLE + key[2:]
        for form in (key, key[2:] if key.startswith(ARTICLE) else ARTICLE + key):
            entry = self.names.get(form)
            if entry is not None:
                return entry
        return None

    def country_of_nisba(self, word: str) -> KbEntry | None:
        """The country a nationality adjective refers to (الصينية -> China), or None (also for سوريا itself)."""
        if word not in self._nisba_cache:
            if len(self._nisba_cache) > 100_000:
                self._nisba_cache.clear()
            self._nisba_cache[word] = self._country_of_nisba(word)
        return self._nisba_cache[word]

    def _country_of_nisba(self, word: str) -> KbEntry | None:
        if self.lookup(word) is not None:
            return None
        stem = fold(word)
        if stem.startswith(ARTICLE):
            stem = stem[2:]
        for ending in NISBA_ENDINGS:
            if stem.endswith(ending) and stem[:-len(ending)].endswith("ي"):
                stem = stem[:-len(ending)]
                break
            if stem.endswith(ending) and ending == "يه":
                stem = stem[:-1]
                break
        return self.nisba.get(stem)

    def find(self, tokens: Sequence[Token]) -> list[KbMatch]:
        """Longest knowledge-base phrases over `tokens`, left to right, not overlapping."""
        out: list[KbMatch] = []
        cache = self._readings_cache
        if len(cache) > 200_000:
            cache.clear()
        free = 0
        norms: tuple[str, ...] = ()
        for i, token in enumerate(tokens):
            readings = cache.get(token.text)
            if readings is None:
                readings = cache[token.text] = self._readings(token)
            if readings and i >= free:
                norms = norms or tuple(t.norm for t in tokens)
                match = self._match_at(tokens, norms, i, readings)
                if match is not None:
                    out.append(match)
                    free = match.last + 1
        return out

    def _readings(self, token: Token) -> tuple[tuple[str, str], ...]:
        """(first word, clitic prefix) of each reading of `token` that starts a knowledge-base phrase."""
        phrases = self.phrases
        readings = [(s.stem, s.prefix) for s in token.segments[1:] if s.stem in phrases]
        if token.norm in phrases:
            readings.insert(0, (token.norm, ""))
        return tuple(readings)

    def _match_at(self, tokens: Sequence[Token], norms: tuple[str, ...], i: int,
                  readings: Sequence[tuple[str, str]]) -> KbMatch | None:
        """The longest phrase at token i; a phrase's later words are compared as one tuple slice of
        the tokens' folded forms (`norms`)."""
        token = tokens[i]
        phrases = self.phrases
        best: KbMatch | None = None
        for first, prefix in readings:
            for words in phrases[first]:
                last = i + len(words) - 1
                if last >= len(tokens) or (best is not None and last <= best.last):
                    continue
                if norms[i + 1:last + 1] == words[1:]:
                    best = KbMatch(i, last, name_start(token, prefix), self.names[" ".join(words)])
        return best


@lru_cache(maxsize=1)
def _load_kb() -> KnowledgeBase:
    names: dict[str, KbEntry] = {}
    nisba: dict[str, KbEntry] = {}
    readings: dict[str, list[KbEntry]] = {}
    for row in resources.table("gazetteer/places.tsv"):
        entry = KbEntry(row["id"], "LOC", row["kind"], row["name_en"], row["country"])
        for name in filter(None, row["names"].split("|")):
            first = names.setdefault(name_key(name), entry)
            if first != entry:   # عمان: the country (listed first) wins a lookup; the city is another reading
                readings.setdefault(name_key(name), [first]).append(entry)
        for adjective in filter(None, row["nisba"].split("|")):
            nisba.setdefault(fold(adjective), entry)
    for row in resources.table("gazetteer/admin_regions.tsv"):   # after the cities: a city keeps its name
        entry = KbEntry(row["id"], "LOC", "region", row["name_en"], row["country"])
        for name in filter(None, row["names"].split("|")):
            first = names.setdefault(name_key(name), entry)
            if first != entry:   # القنيطرة: Kenitra (Morocco) and Quneitra (Syria), told apart by the article's country
                readings.setdefault(name_key(name), [first]).append(entry)
    for path, kind, default_type in (("gazetteer/orgs.tsv", "org", ""), ("gazetteer/people.tsv", "person", "PER"),
                                     ("gazetteer/regions.tsv", "region", "LOC")):
        for row in resources.table(path):
            entry = KbEntry(row["id"], row.get("type") or default_type, kind, row["name_en"])
            for name in filter(None, row["names"].split("|")):
                names.setdefault(name_key(name), entry)
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for key in names:
        words = tuple(key.split())
        if words:
            phrases.setdefault(words[0], []).append(words)
    return KnowledgeBase(names, nisba, {k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()},
                         {k: tuple(v) for k, v in readings.items()})
