"""Entity mentions seen from the tokens, and the actors of an event from the sentence around its trigger.

Quotes and events both ask "which entity does this word belong to?"; `MentionIndex` answers it
per token from the entities layer (mention spans with attrs {"entity": id}, types from
doc.objects["entities"]). When the entities stage has not run the index is empty and every
question answers None, so the recognisers degrade to text-only results.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from marsad.text.doc import Doc
from marsad.text.fold import fold
from marsad.text.tokens import Token

ACTOR_TYPES = frozenset({"PER", "ORG", "LOC"})
# Prepositions (folded) that put the entity after them on the receiving end of an event.
TARGET_PREPOSITIONS = frozenset({"مع", "الي", "علي", "ضد", "من", "عن", "لدي", "نحو", "تجاه", "بحق", "ازاء"})
TARGET_CLITICS = ("ل", "ب", "لل")
GOVERNED_REACH = 3  # tokens between a preposition and the name it governs (مع الرئيس التركي فلان)
COORDINATOR = "و"
LOCATIVE = frozenset({"في", "فى", "بمدينة", "مدينة", "بولاية", "ولاية", "محافظة", "بمحافظة"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention: its span, entity id and entity type."""

    start: int
    end: int
    entity: str
    type: str


class MentionIndex:
    """The entity mentions of a Doc, looked up by token index."""

    def __init__(self, doc: Doc, tokens: list[Token]) -> None:
        types = {e["id"]: e.get("type", "") for e in doc.objects.get("entities", ())}
        self.mentions = sorted(
            (Mention(s.start, s.end, s.attrs["entity"], types.get(s.attrs["entity"], s.label))
             for s in doc.spans.get("entities", ()) if s.attrs.get("entity") is not None),
            key=lambda m: m.start)
        self.by_token: dict[int, Mention] = {}
        starts = [t.start for t in tokens]
        for mention in self.mentions:
            first = max(bisect_right(starts, mention.start) - 1, 0)
            last = bisect_left(starts, mention.end)
            for i in range(first, last):
                if tokens[i].end > mention.start:
                    self.by_token.setdefault(i, mention)

    def at(self, i: int) -> Mention | None:
        """The mention covering token `i`, if any."""
        return self.by_token.get(i)

    def within(self, first: int, last: int, types: frozenset[str] = ACTOR_TYPES) -> list[Mention]:
        """Distinct mentions of `types` touching tokens first..last-1, in text order."""
        seen: list[Mention] = []
        for i in range(first, last):
            mention = self.by_token.get(i)
            if mention is not None and mention.type in types and mention not in seen:
                seen.append(mention)
        return seen


@dataclass(frozen=True, slots=True)
class Actors:
    """Who acted (`source`) on whom (`target`), as entity ids."""

    source: str | None
    target: str | None
    partners: tuple[str, ...] = ()  # entities joined to the source by و: each of them acts too


def event_actors(tokens: list[Token], mentions: MentionIndex, trigger: int, first: int, last: int) -> Actors:
    """The source and target of the event triggered at token `trigger` in the clause first..last-1.

    Steps: 1. the source is the first actor after the trigger that no preposition governs
    (verb-subject order), else the nearest actor before it (subject-verb order, or a noun trigger
    after its subject); two actors before and none after are source and target (وقعت مصر والأردن
    اتفاقية); 2. the target is the first actor after a target preposition (مع، إلى، ل...، على، ضد)
    or, failing that, the next actor after the trigger that is a different entity. Places after
    في are settings, and an organisation that only qualifies the person after it gives way to him.
    """
    after = _headed(tokens, _actor_tokens(tokens, mentions, trigger + 1, last))
    before = [m for _, m in _actor_tokens(tokens, mentions, first, trigger)]
    source: Mention | None = None
    target: Mention | None = None
    for i, mention in after:
        if _governed(tokens, mentions, i, mention):
            if target is None and mention != source:
                target = mention
        elif source is None and target is None:
            source = mention
    if source is None and target is None and len(before) >= 2 and not after:
        source, target = before[-2], before[-1]  # وقعت مصر والأردن ... اتفاقية: both parties come first
    if source is None and before:
        source = before[-1]
    if target is None:
        target = next((m for _, m in after if m != source), None)
    partners = tuple(m.entity for m in coordinated(tokens, mentions, source, first, last)
                     if target is None or m.entity != target.entity) if source else ()
    return Actors(source.entity if source else None,
                  target.entity if target and (source is None or target.entity != source.entity) else None,
                  partners)


def coordinated(tokens: list[Token], mentions: MentionIndex, mention: Mention, first: int, last: int) -> list[Mention]:
    """Actors of the same type joined to `mention` by و within first..last-1, the mention excluded
    (أعلنت السعودية والإمارات والبحرين ومصر: each country acts)."""
    at = [i for i in range(first, last) if mentions.at(i) == mention]
    if not at:
        return []
    out: list[Mention] = []
    for step in (1, -1):
        i, current = (at[-1] + 1, mention) if step == 1 else (at[0] - 1, mention)
        while first <= i < last:
            joined = tokens[i].norm.startswith(COORDINATOR) if step == 1 else _joined(tokens, mentions, current, i + 1)
            nxt = mentions.at(i)
            if nxt is None and tokens[i].norm == COORDINATOR and step == 1 and i + 1 < last:
                i, nxt, joined = i + 1, mentions.at(i + 1), True
            if nxt is None or nxt == current or nxt.type != mention.type or not joined:
                break
            out.append(nxt)
            current = nxt
            while first <= i < last and mentions.at(i) == nxt:
                i += step
    return [m for m in dict.fromkeys(out) if m.entity != mention.entity]


def _joined(tokens: list[Token], mentions: MentionIndex, later: Mention, i: int) -> bool:
    """True when the mention `later`, starting at or after token `i`, is joined to what precedes it by و."""
    while i < len(tokens) and mentions.at(i) != later:
        i += 1
    return i < len(tokens) and (tokens[i].norm.startswith(COORDINATOR) or tokens[i - 1].norm == COORDINATOR)


def _headed(tokens: list[Token], actors: list[tuple[int, Mention]]) -> list[tuple[int, Mention]]:
    """Drop an organisation or place that only qualifies the person named right after it
    (رئيس منظمة الطاقة الذرية علي صالحي: the actor is the person)."""
    out = []
    for n, (i, mention) in enumerate(actors):
        nxt = actors[n + 1] if n + 1 < len(actors) else None
        if (nxt is not None and mention.type != "PER" and nxt[1].type == "PER"
                and mention.start <= tokens[nxt[0] - 1].start < mention.end):
            continue
        out.append((i, mention))
    return out


def _actor_tokens(tokens: list[Token], mentions: MentionIndex, first: int, last: int) -> list[tuple[int, Mention]]:
    """Actor mentions in first..last-1 with the token each starts at; places after في are settings, not actors."""
    out: list[tuple[int, Mention]] = []
    previous: Mention | None = None
    for i in range(first, last):
        mention = mentions.at(i)
        if mention is None or mention == previous:
            continue
        previous = mention
        before = tokens[i - 1].norm if i > 0 else ""
        locative = mention.type == "LOC" and (before in LOCATIVE or before[1:] in LOCATIVE and before[:1] in "وف")
        if mention.type in ACTOR_TYPES and not locative:
            out.append((i, mention))
    return out


def _governed(tokens: list[Token], mentions: MentionIndex, i: int, mention: Mention) -> bool:
    """True when a target preposition governs the mention starting at token `i`."""
    token = tokens[i]
    if mention.start > token.start:  # a clitic before the name inside the token: لكازاخستان، بالصين
        prefix = fold(token.text[: mention.start - token.start]).lstrip("وف")
        if prefix.startswith(TARGET_CLITICS):
            return True
    for j in range(i - 1, max(i - 1 - GOVERNED_REACH, -1), -1):  # مع الرئيس فلان: a title may come between
        if tokens[j].norm in TARGET_PREPOSITIONS:
            return True
        if tokens[j].kind != "word" or mentions.at(j) is not None:
            return False
    return False
