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
DIRECTIONS = frozenset({"مع", "الي", "ضد", "نحو", "تجاه"})  # reach an actor across a few words
GOVERNED_REACH = 3  # tokens between a preposition and the name it governs (مع الرئيس التركي فلان)
COORDINATOR = "و"
DEFINITE = "ال"
SUBJECT_GAP = frozenset({"قد", "فقد", "وقد"})  # الوزارة قد دعت
BETWEEN = "بين"
GOVERNING_CLITICS = ("بال", "لل")  # جمعه بالرئيس السوداني فلان: the title word carries the preposition
LOCATIVE = frozenset({"في", "فى", "بمدينة", "مدينة", "بولاية", "ولاية", "محافظة", "بمحافظة", "قرب", "بالقرب",
                      "منطقة", "بمنطقة", "حي", "بحي", "قضاء", "بقضاء", "ناحية", "بناحية", "بلدة", "ببلدة", "قرية",
                      "بقرية", "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي"})


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
        self.heads = {m: fold(doc.text[m.start:m.end]).split()[0] for m in self.mentions
                      if m.type == "ORG" and fold(doc.text[m.start:m.end]).strip()}
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

    def described(self, head: str, before: int) -> Mention | None:
        """The last organisation before offset `before` whose name opens with `head` (الوزارة -> وزارة الصناعة)."""
        return next((m for m in reversed(self.mentions) if m.start < before and self.heads.get(m) == head), None)

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


def event_actors(tokens: list[Token], mentions: MentionIndex, trigger: int, first: int, last: int,
                 mutual: bool = False, paired: bool = False) -> Actors:
    """The source and target of the event triggered at token `trigger` in the clause first..last-1.

    Steps: 1. the source is the first actor after the trigger that no preposition governs
    (verb-subject order), else the nearest actor before it (subject-verb order, or a noun trigger
    after its subject); two actors before and none after are source and target (وقعت مصر والأردن
    اتفاقية); 2. the target is the first actor after a target preposition (مع، إلى، ل...، على، ضد)
    or, failing that, the next actor after the trigger that is a different entity. Places after
    في are settings, and an organisation that only qualifies the person after it gives way to him.
    Actors joined to the source by و act with it (`partners`), unless the event is `mutual`
    (اتفقت روسيا وتركيا: one party with the other); a `paired` event (a meeting, an accord) may
    name both parties after بين.
    """
    after = _headed(tokens, _actor_tokens(tokens, mentions, trigger + 1, last))
    before_at = _actor_tokens(tokens, mentions, first, trigger)
    before = [m for _, m in before_at]
    source: Mention | None = _subject(tokens, mentions, before_at, trigger, first)
    target: Mention | None = None
    between = _between(tokens, mentions, after) if paired else None
    if between is not None:  # مذكرة تفاهم بين الجامعة والشركة: the two parties, in order
        return Actors(between[0].entity, between[1].entity)
    for i, mention in after:
        if _governed(tokens, mentions, i, mention) or (source is None and _directed(tokens, mentions, trigger, i)):
            if target is None and mention != source:
                target = mention
        elif source is None and target is None:
            source = mention
    if target is None and len(before) >= 2 and not after and (
            source is None or (source == before[-1] and before[-2] in coordinated(tokens, mentions, source, first, trigger))):
        source, target = before[-2], before[-1]  # وقعت مصر والأردن ... اتفاقية: both parties come first
    if source is None and before:
        source = before[-1]
    if target is None:
        target = next((m for _, m in after if m != source), None)
    joined = coordinated(tokens, mentions, source, first, last) if source else []
    if target is not None and not mutual and target in joined:
        target = None  # رحبت باريس ولندن: both welcomed
    partners = tuple(m.entity for m in joined if target is None or m.entity != target.entity)
    return Actors(source.entity if source else None,
                  target.entity if target and (source is None or target.entity != source.entity) else None,
                  partners)


def _subject(tokens: list[Token], mentions: MentionIndex, before: list[tuple[int, Mention]],
             trigger: int, first: int) -> Mention | None:
    """The actor right before the trigger, its subject (إسرائيل قصفت غزة); a definite noun there names
    an organisation met before (الوزارة دعت الشركة -> وزارة ...)."""
    j = trigger - 1
    while j > first and tokens[j].norm in SUBJECT_GAP:
        j -= 1
    if j < first:
        return None
    if before and mentions.at(j) == before[-1][1] and not _governed(tokens, mentions, before[-1][0], before[-1][1]):
        return before[-1][1]
    word = tokens[j].norm
    if word.startswith(DEFINITE) and mentions.at(j) is None:
        return mentions.described(word[2:], tokens[j].start)
    return None


def _between(tokens: list[Token], mentions: MentionIndex,
             after: list[tuple[int, Mention]]) -> tuple[Mention, Mention] | None:
    """The two parties of بين X و Y right after a trigger (الاتفاق بين إيران والسداسية)."""
    if not after:
        return None
    i, mention = after[0]
    if not any(tokens[j].norm == BETWEEN for j in range(max(i - GOVERNED_REACH, 0), i)):
        return None
    partner = coordinated(tokens, mentions, mention, i, len(tokens))
    return (mention, partner[0]) if partner else None


def coordinated(tokens: list[Token], mentions: MentionIndex, mention: Mention, first: int, last: int) -> list[Mention]:
    """Actors of the same type joined by و to `mention` (seen within first..last-1), the mention
    excluded (أعلنت السعودية والإمارات والبحرين ومصر: each country acts)."""
    at = [i for i in range(first, last) if mentions.at(i) == mention]
    if not at:
        return []
    out: list[Mention] = []
    for step in (1, -1):
        i, current = (at[-1] + 1, mention) if step == 1 else (at[0] - 1, mention)
        while 0 <= i < len(tokens):  # a list of actors may run past the clause window
            joined = tokens[i].norm.startswith(COORDINATOR) if step == 1 else _joined(tokens, mentions, current, i + 1)
            nxt = mentions.at(i)
            if nxt is None and tokens[i].norm == COORDINATOR and step == 1 and i + 1 < len(tokens):
                i, nxt, joined = i + 1, mentions.at(i + 1), True
            if nxt is None or nxt == current or nxt.type != mention.type or not joined:
                break
            out.append(nxt)
            current = nxt
            while 0 <= i < len(tokens) and mentions.at(i) == nxt:
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


def _directed(tokens: list[Token], mentions: MentionIndex, trigger: int, i: int) -> bool:
    """True when a preposition of direction lies between the trigger and the actor at token `i`
    with words only between (بزيارة إلى دول المنطقة تشمل الكويت: the visited, not the visitor)."""
    for j in range(i - 1, trigger, -1):
        if tokens[j].norm in DIRECTIONS:
            return True
        if tokens[j].kind != "word" or mentions.at(j) is not None:
            return False
    return False


def _governed(tokens: list[Token], mentions: MentionIndex, i: int, mention: Mention) -> bool:
    """True when a target preposition governs the mention starting at token `i`."""
    token = tokens[i]
    if mention.start > token.start:  # a clitic before the name inside the token: لكازاخستان، بالصين
        prefix = fold(token.text[: mention.start - token.start]).lstrip("وف")
        if prefix.startswith(TARGET_CLITICS):
            return True
    for j in range(i - 1, max(i - 1 - GOVERNED_REACH, -1), -1):  # مع الرئيس فلان: a title may come between
        if tokens[j].norm in TARGET_PREPOSITIONS or tokens[j].norm.startswith(GOVERNING_CLITICS):
            return True
        if tokens[j].kind != "word" or mentions.at(j) is not None:
            return False
    return False
