"""PLOVER events: who did what to whom, from trigger words and the sentence around them.

The cascade, one function per step:
1. `find_triggers`: words from data/lexicons/plover_triggers.tsv (bare, after و/ف, as a clitic stem
   such as بزيارة, or with the future prefix س), with any further pattern words in order close after;
2. `modality`: the words just before a trigger (data/lexicons/event_modality.tsv, and the prefix
   س) mark it negated, hypothetical or future; such events are left out of the record;
3. `event_actors` (resolve/actors.py): source and target entity ids from the clause;
4. location (a place after في in the sentence), date (the sentence's DATE, else the publication
   date), and the sentence as evidence;
5. one event per (type, source, target) in a document: an article names the same visit many times.
An event needs a source, and a target unless its type may stand alone (REQUEST, PROTEST, ...).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from marsad.pipeline import stage
from marsad.resolve.actors import Actors, MentionIndex, event_actors
from marsad.resources import table
from marsad.settings import EventSettings, Settings
from marsad.text.doc import Doc, Span
from marsad.text.fold import fold
from marsad.text.tokens import Token, tokens_of

CONJUNCTIONS = ("و", "ف")
FUTURE_PREFIX = "س"
PRESENT_PREFIXES = "يتن"
ACCUSATIVE = "ا"
MIN_CLITIC_STEM = 3
HITS_CACHE_MAX = 200_000
IN = frozenset({"في", "فى"})
ALONE = frozenset({"REQUEST", "PROTEST", "MOBILIZE", "RETREAT", "THREATEN", "ACCUSE", "REJECT", "SUPPORT"})
ASSERTED = "asserted"
MUTUAL = frozenset({"AGREE", "COOPERATE"})  # X agrees with Y is Y agrees with X
PAIRED = MUTUAL | {"CONSULT"}  # may name both parties after بين
ALONE_SOURCES = frozenset({"PER", "ORG"})


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger: the type, mode, and the words after the anchor (folded)."""

    type: str
    mode: str | None
    rest: tuple[str, ...]


@dataclass(frozen=True)
class EventLexicon:
    """Triggers by anchor word and the modality words, loaded once per process."""

    anchors: dict[str, tuple[Pattern, ...]]
    modality: dict[str, str]
    _hits: dict[str, tuple[tuple[str, bool], ...]] = field(default_factory=dict, compare=False, repr=False)

    def hits(self, token: Token) -> tuple[tuple[str, bool], ...]:
        """The anchor keys a token's forms hit, cached by folded form (most words hit none)."""
        found = self._hits.get(token.norm)
        if found is None:
            found = tuple(k for k in _anchor_keys(token) if k[0] in self.anchors)
            if len(self._hits) >= HITS_CACHE_MAX:  # a long-running worker meets an open vocabulary
                self._hits.clear()
            self._hits[token.norm] = found
        return found

    @classmethod
    def load(cls) -> EventLexicon:
        anchors: dict[str, list[Pattern]] = {}
        for row in table("lexicons/plover_triggers.tsv"):
            words = fold(row["pattern"]).split()
            anchors.setdefault(words[0], []).append(Pattern(row["type"], row["mode"] or None, tuple(words[1:])))
        # longer patterns first: "قصف جوي" (aerial) wins over "قصف"
        ordered = {k: tuple(sorted(v, key=lambda p: -len(p.rest))) for k, v in anchors.items()}
        modality = {fold(r["word"]): r["status"] for r in table("lexicons/event_modality.tsv")}
        return cls(ordered, modality)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A matched trigger: token range, pattern, and whether the س prefix made it future."""

    first: int
    last: int
    pattern: Pattern
    future: bool


def _anchor_keys(token: Token) -> list[tuple[str, bool]]:
    """The folded forms under which a token may be a trigger anchor, with a future flag."""
    keys = [(token.norm, False)]
    if token.norm[:1] in CONJUNCTIONS:
        keys.append((token.norm[1:], False))
    for seg in token.segments[1:]:  # بزيارة -> زيارة, بالزيارة -> الزيارة: a definite noun is never a bare verb
        # لدعم، كدعم: a purpose, not an event; بحث is not ب + حث: a verb takes no clitic, short stems are verbs
        if "ل" not in seg.prefix.replace("ال", "") and "ك" not in seg.prefix and len(seg.stem) >= MIN_CLITIC_STEM:
            keys.append((seg.stem if "ال" not in seg.prefix or seg.stem.startswith("ال") else "ال" + seg.stem, False))
    for norm, _ in list(keys[:2]):
        if norm[:1] == FUTURE_PREFIX and norm[1:2] in PRESENT_PREFIXES:
            keys.append((norm[1:], True))
        if norm.endswith(ACCUSATIVE) and len(norm) > 3:  # حصارا، هجوما، اتفاقا
            keys.append((norm[:-1], False))
    return keys


def find_triggers(tokens: list[Token], lexicon: EventLexicon, gap: int,
                  inside: frozenset[int] = frozenset()) -> list[Trigger]:
    """Every trigger among the tokens (but those at indices `inside`, which are parts of names).

    Pattern words after the anchor may be up to `gap` tokens apart.
    """
    found: list[Trigger] = []
    consumed: set[int] = set()  # words of a longer trigger (شنت ... غارات) trigger nothing on their own
    for i, token in enumerate(tokens):
        if token.kind != "word" or i in inside or i in consumed:
            continue
        for key, future in lexicon.hits(token):
            match = _match(tokens, i, lexicon.anchors[key], gap)
            if match is not None:
                found.append(Trigger(i, match[1], match[0], future))
                consumed.update(range(i, match[1]))
                break
    return found


def _match(tokens: list[Token], i: int, patterns: tuple[Pattern, ...], gap: int) -> tuple[Pattern, int] | None:
    for pattern in patterns:
        k, ok = i, True
        for word in pattern.rest:
            k = next((j for j in range(k + 1, min(k + 1 + gap, len(tokens)))
                      if word in (tokens[j].norm, tokens[j].stem)), -1)
            if k < 0:
                ok = False
                break
        if ok:
            return pattern, k + 1
    return None


def modality(tokens: list[Token], trigger: Trigger, first: int, lexicon: EventLexicon, reach: int) -> str:
    """asserted, or negated / hypothetical / future from the words just before the trigger."""
    if trigger.future:
        return "future"
    for j in range(trigger.first - 1, max(first, trigger.first - reach) - 1, -1):
        status = lexicon.modality.get(tokens[j].norm) or lexicon.modality.get(tokens[j].norm[1:])
        if status is not None:
            return status
    return ASSERTED


@dataclass(frozen=True)
class Sentence:
    """A sentence's span and token range."""

    start: int
    end: int
    first: int
    last: int


def _sentences(doc: Doc, tokens: list[Token]) -> list[Sentence]:
    starts = [t.start for t in tokens]
    out, i = [], 0
    for sent in doc.spans.get("sentences", ()) or [Span(0, len(doc.text))]:
        first = bisect_left(starts, sent.start, i)
        i = bisect_left(starts, sent.end, first)
        out.append(Sentence(sent.start, sent.end, first, i))
    return out


def find_events(doc: Doc, lexicon: EventLexicon, settings: EventSettings) -> list[Span]:
    """Event spans (the sentence) with type, mode, source, target, location and date."""
    tokens = tokens_of(doc)
    mentions = MentionIndex(doc, tokens)
    if not mentions.mentions:
        return []
    triggers = find_triggers(tokens, lexicon, settings.pattern_gap, frozenset(mentions.by_token))
    states = _states(doc)
    types = {m.entity: m.type for m in mentions.mentions}
    seen: set[tuple[str, str | None, str | None]] = set()
    spans = []
    sentences = _sentences(doc, tokens)
    s = 0
    for trigger in triggers:
        while s < len(sentences) - 1 and sentences[s].last <= trigger.first:
            s += 1
        sent = sentences[s]
        if modality(tokens, trigger, sent.first, lexicon, settings.modality_reach) != ASSERTED:
            continue
        first = max(sent.first, trigger.first - settings.actor_window)
        last = min(sent.last, trigger.last + settings.actor_window)
        kind = trigger.pattern.type
        found = event_actors(tokens, mentions, trigger.first, first, last, kind in MUTUAL, kind in PAIRED)
        for actors in (found, *(Actors(p, found.target) for p in found.partners)):
            key = _key(trigger.pattern.type, actors)
            if not _complete(trigger.pattern.type, actors, types) or key in seen:
                continue
            seen.add(key)
            spans.append(Span(sent.start, sent.end, "event", {
                "type": trigger.pattern.type,
                "mode": trigger.pattern.mode,
                "source": actors.source,
                "target": actors.target,
                "source_state": states.get(actors.source or ""),
                "target_state": states.get(actors.target or ""),
                "location": _location(tokens, mentions, sent, actors),
                "date": _date(doc, sent),
                "trigger": doc.text[tokens[trigger.first].start:tokens[trigger.last - 1].end],
            }))
    return spans


def _key(kind: str, actors: Actors) -> tuple[str, str | None, str | None]:
    """What makes an event new in a document: its type and actors, unordered for mutual types."""
    pair = (actors.source, actors.target)
    if kind in MUTUAL:
        pair = tuple(sorted(pair, key=str))  # type: ignore[assignment]
    return (kind, *pair)


def _complete(kind: str, actors: Actors, types: dict[str, str]) -> bool:
    """A source and a target; or, for a type that may stand alone, a person or organisation as source."""
    if actors.source is None:
        return False
    return actors.target is not None or (kind in ALONE and types.get(actors.source) in ALONE_SOURCES)


def _states(doc: Doc) -> dict[str, str]:
    """Person id -> the organisation or country they hold a role in (from the roles stage)."""
    return {r.attrs["subject"]: r.attrs["object"] for r in doc.spans.get("relations", ())
            if r.attrs.get("type") == "role" and r.attrs.get("subject") and r.attrs.get("object")}


def _location(tokens: list[Token], mentions: MentionIndex, sent: Sentence, actors: Actors) -> str | None:
    """A place named after في in the sentence that is not one of the actors."""
    for i in range(sent.first, sent.last):
        mention = mentions.at(i)
        if (mention is not None and mention.type == "LOC" and mention.entity not in (actors.source, actors.target)
                and i > 0 and tokens[i - 1].norm in IN):
            return mention.entity
    return None


def _date(doc: Doc, sent: Sentence) -> str | None:
    """The first DATE value in the sentence, else the publication date."""
    for time in doc.spans.get("times", ()):
        if sent.start <= time.start < sent.end and time.attrs.get("type") == "DATE" and time.attrs.get("value"):
            return str(time.attrs["value"])
    return doc.published.isoformat() if doc.published else None


@stage("events", requires=("sentences", "tokens", "entities", "times"), assigns=("events",))
def events_stage(settings: Settings) -> Callable[[Doc], Doc]:
    lexicon = EventLexicon.load()

    def events(doc: Doc) -> Doc:
        doc.spans["events"] = find_events(doc, lexicon, settings.events)
        return doc
    return events
