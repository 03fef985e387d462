"""Entity mentions seen from the tokens, and the actors of an event from the sentence around its trigger.

Quotes and events both ask "which entity does this word belong to?"; `MentionIndex` answers it
per token from the entities layer (mention spans with attrs {"entity": id}, types from
doc.objects["entities"]). When the entities stage has not run the index is empty and every
question answers None, so the recognisers degrade to text-only results.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field

from marsad.resources import table
from marsad.text.doc import Doc, Span
from marsad.text.fold import fold
from marsad.text.tokens import Token

ACTOR_TYPES = frozenset({"PER", "ORG", "LOC"})
PLACES = frozenset({"LOC", "FAC"})
# Prepositions (folded) that put the entity after them on the receiving end of an event.
TARGET_PREPOSITIONS = frozenset({"مع", "الي", "علي", "ضد", "من", "عن", "لدي", "نحو", "تجاه", "بحق", "ازاء"})
TARGET_CLITICS = ("ل", "ب", "لل")
DETACHED_CLITICS = frozenset({"ل", "ب"})  # لـ«الشرق الأوسط»: the clitic written apart with a tatweel
DIRECTIONS = frozenset({"مع", "الي", "ضد", "نحو", "تجاه"})  # reach an actor across a few words
NISBA_REACH = 6  # words between a trigger and the adjectives of nationality naming its two parties
GOVERNED_REACH = 3  # tokens between a preposition and the name it governs (مع الرئيس التركي فلان)
COORDINATOR = "و"
DEFINITE = "ال"
SUBJECT_GAP = frozenset({"قد", "فقد", "وقد"})  # الوزارة قد دعت
COMPLEMENTIZERS = frozenset({"ان", "بان", "لان", "وان"})  # أشار إلى أن المقاومة: a new clause, whose subject no preposition governs
BETWEEN = "بين"
TANWEEN_FATH = "\u064b"  # an accusative indefinite word (رتلاً) is an object, never a subject
RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})
IN = frozenset({"في", "فى"})
QUOTE_MARKS = frozenset("«»“”\"")
GOVERNING_CLITICS = ("بال", "لل")  # جمعه بالرئيس السوداني فلان: the title word carries the preposition
LOCATIVE = frozenset(fold(w) for w in ("في", "فى", "بمدينة", "مدينة", "بولاية", "ولاية", "محافظة", "بمحافظة", "قرب", "بالقرب",
                      "منطقة", "بمنطقة", "حي", "بحي", "قضاء", "بقضاء", "ناحية", "بناحية", "بلدة", "ببلدة", "قرية",
                      "بقرية", "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي",
                      "ساحة", "بساحة", "ميدان", "بميدان", "شارع", "بشارع", "العاصمة", "بالعاصمة", "عاصمة",
                      "مديرية", "بمديرية", "مخيم", "بمخيم", "مطار", "بمطار"))  # folded: مدينة -> مدينه
# Words after which any name is where something happens, not who acts (وقفة احتجاجية أمام مقر وزارة التربية).
SETTINGS = frozenset(fold(w) for w in ("أمام", "مقر", "بمقر", "لمقر"))


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention: its span, entity id and entity type."""

    start: int
    end: int
    entity: str
    type: str


class MentionIndex:
    """The entity mentions of a Doc, looked up by token index, with any `extra` mentions (collective
    actors on words no entity covers)."""

    def __init__(self, doc: Doc, tokens: list[Token], extra: Iterable[Mention] = ()) -> None:
        types = {e["id"]: e.get("type", "") for e in doc.objects.get("entities", ())}
        self.mentions = sorted(
            [*(Mention(s.start, s.end, s.attrs["entity"], types.get(s.attrs["entity"], s.label))
               for s in doc.spans.get("entities", ()) if s.attrs.get("entity") is not None), *extra],
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

    def described(self, word: str, before: int) -> Mention | None:
        """The last organisation before offset `before` whose name opens with the definite noun `word`
        (الوزارة -> وزارة الصناعة، البعثة -> البعثة الدولية لمتابعة الانتخابات)."""
        heads = (word, word[len(DEFINITE):])
        return next((m for m in reversed(self.mentions) if m.start < before and self.heads.get(m) in heads), None)

    def within(self, first: int, last: int, types: frozenset[str] = ACTOR_TYPES) -> list[Mention]:
        """Distinct mentions of `types` touching tokens first..last-1, in text order."""
        seen: list[Mention] = []
        for i in range(first, last):
            mention = self.by_token.get(i)
            if mention is not None and mention.type in types and mention not in seen:
                seen.append(mention)
        return seen


COLLECTIVE_TYPE = "ORG"
COLLECTIVE_ID = "~"  # a collective actor's id until an event names it and it becomes an entity
# Clitics a collective actor's first word may carry (folded); لل is ل + ال (للتحالف الدولي).
COLLECTIVE_CLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "لل", "ولل", "فلل"})
SWALLOWED = "لل"
READINGS_CACHE_MAX = 200_000


@dataclass(frozen=True)
class CollectiveActors:
    """Coalitions, forces, militias and blocs (data/lexicons/collective_actors.tsv) that act in the news
    but are no knowledge-base organisation, so the entities stage may leave them unnamed."""

    forms: dict[str, tuple[tuple[tuple[str, ...], int, bool], ...]]  # first word -> (words, actor, short form)
    names: tuple[str, ...]  # canonical name per actor
    shorts: tuple[tuple[tuple[str, ...], ...], ...]  # short forms per actor
    # word form -> (offset of the name in it, first word) readings that start a form; most are ()
    readings: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def load(cls) -> CollectiveActors:
        forms: dict[str, list[tuple[tuple[str, ...], int, bool]]] = {}
        names: list[str] = []
        shorts: list[tuple[tuple[str, ...], ...]] = []
        for row in table("lexicons/collective_actors.tsv"):
            full = [f for f in row["names"].split("|") if f.strip()]
            short = [f for f in row["short"].split("|") if f.strip()]
            for form, is_short in [(f, False) for f in full] + [(f, True) for f in short]:
                words = tuple(fold(form).split())
                forms.setdefault(words[0], []).append((words, len(names), is_short))
            names.append(full[0])
            shorts.append(tuple(tuple(fold(f).split()) for f in short))
        return cls({k: tuple(sorted(v, key=lambda f: -len(f[0]))) for k, v in forms.items()}, tuple(names),
                   tuple(shorts))

    def find(self, tokens: list[Token], covered: Container[int]) -> list[Mention]:
        """Mentions on tokens outside `covered` (entity mentions), one id per actor. A short form (المقاومة)
        stands for the actor whose full form the article wrote last before it, inside a name or not."""
        out: list[Mention] = []
        latest: dict[tuple[str, ...], int] = {}  # short form -> the actor last written in full
        # only words not yet known to begin no actor's name are tried (one dict lookup for the rest)
        known = self.readings.get
        free = 0
        for i in [i for i, t in enumerate(tokens) if known(t.text) != ()]:
            hit = self._match(tokens, i) if i >= free else None
            if hit is None:
                continue
            start, end, words, actor, short = hit
            if short:
                actor = latest.get(words, -1)
            else:
                latest.update((form, actor) for form in self.shorts[actor])
            if actor >= 0 and not any(j in covered for j in range(i, i + len(words))):
                out.append(Mention(start, end, f"{COLLECTIVE_ID}{actor}", COLLECTIVE_TYPE))
            free = i + len(words)
        return out

    def _match(self, tokens: list[Token], i: int) -> tuple[int, int, tuple[str, ...], int, bool] | None:
        token = tokens[i]
        readings = self.readings.get(token.text)
        if readings is None:
            readings = self._readings(token)
        for offset, word in readings:
            for words, actor, short in self.forms[word]:
                last = i + len(words)
                if last <= len(tokens) and all(tokens[i + k].norm == w for k, w in enumerate(words[1:], 1)):
                    return token.start + offset, tokens[last - 1].end, words, actor, short
        return None

    def _readings(self, token: Token) -> tuple[tuple[int, str], ...]:
        """The readings of a word form, whole or after a clitic, that begin some actor's name (cached:
        the stage looks at every token of every article)."""
        found: list[tuple[int, str]] = []
        if token.kind == "word":
            for seg in token.segments or (None,):
                if seg is None or not seg.prefix:
                    offset, word = 0, token.norm
                elif seg.prefix in COLLECTIVE_CLITICS:
                    offset = seg.start - token.start - (len(SWALLOWED) if seg.prefix.endswith(SWALLOWED) else 0)
                    word = seg.stem
                else:
                    continue
                if word in self.forms:
                    found.append((offset, word))
        if len(self.readings) > READINGS_CACHE_MAX:
            self.readings.clear()
        self.readings[token.text] = readings = tuple(found)
        return readings

    def name(self, entity: str) -> str | None:
        """The canonical name behind a collective actor's id, None for an entity id."""
        return self.names[int(entity[len(COLLECTIVE_ID):])] if entity.startswith(COLLECTIVE_ID) else None


def register_collective(doc: Doc, mentions: list[Mention], used: set[str], actors: CollectiveActors) -> dict[str, str]:
    """Make the collective actors that events name entities of the Doc (type ORG, every mention), so that
    event sources and targets stay entity ids; returns the id each got."""
    objects = doc.objects.setdefault("entities", [])
    taken = {e["id"] for e in objects}
    ids: dict[str, str] = {}
    n = len(objects)
    for mention in mentions:
        if mention.entity in used and mention.entity not in ids:
            n += 1
            while f"E{n}" in taken:
                n += 1
            ids[mention.entity] = f"E{n}"
            objects.append({"id": ids[mention.entity], "type": COLLECTIVE_TYPE, "name": actors.name(mention.entity),
                            "name_en": None, "kb_id": None})
    if ids:
        added = [Span(m.start, m.end, COLLECTIVE_TYPE, {"entity": ids[m.entity]}) for m in mentions if m.entity in ids]
        doc.spans["entities"] = sorted([*doc.spans.get("entities", ()), *added], key=lambda s: (s.start, s.end))
    return ids


@dataclass(frozen=True, slots=True)
class Actors:
    """Who acted (`source`) on whom (`target`), as entity ids."""

    source: str | None
    target: str | None
    partners: tuple[str, ...] = ()  # entities joined to the source by و: each of them acts too


def event_actors(tokens: list[Token], mentions: MentionIndex, trigger: int, first: int, last: int,
                 mutual: bool = False, paired: bool = False, limit: int | None = None,
                 places: bool = False) -> Actors:
    """The source and target of the event triggered at token `trigger` in the clause first..last-1.

    Steps: 1. the source is the first actor after the trigger that no preposition governs
    (verb-subject order), else the nearest actor before it (subject-verb order, or a noun trigger
    after its subject); two actors before and none after are source and target (وقعت مصر والأردن
    اتفاقية); 2. the target is the first actor after a target preposition (مع، إلى، ل...، على، ضد)
    or, failing that, the next actor after the trigger that is a different entity. Places after
    في are settings, and an organisation that only qualifies the person after it gives way to him.
    Actors joined to the source by و act with it (`partners`), unless the event is `mutual`
    (اتفقت روسيا وتركيا: one party with the other); a `paired` event (a meeting, an accord) may
    name both parties after بين; any other event does not act on the parties of a بين phrase (يدعم
    السلام بين إسرائيل والفلسطينيين). When a long subject after the trigger fills the clause, the
    target may follow it a few words past `last`, up to `limit` (the sentence's end). With `places`
    (force used on a place: قصف، حاصر) a place after the trigger is the target when no actor is.
    """
    after = _headed(tokens, actor_tokens(tokens, mentions, trigger + 1, last))
    if not paired:
        after = [(i, m) for i, m in after if not _between_party(tokens, mentions, i)]
    before_at = actor_tokens(tokens, mentions, first, trigger)
    before = [m for _, m in before_at]
    source: Mention | None = _subject(tokens, mentions, before_at, trigger, first)
    target: Mention | None = None
    between = _between(tokens, mentions, after) if paired else None
    if between is not None:  # مذكرة تفاهم بين الجامعة والشركة: the two parties, in order
        return Actors(between[0].entity, between[1].entity)
    object_first = trigger + 1 < last and TANWEEN_FATH in tokens[trigger + 1].text  # قصف رتلاً لـ...: no subject after
    for i, mention in after:
        if (_governed(tokens, mentions, i, mention) or (source is None and _directed(tokens, mentions, trigger, i))
                or _relative(tokens, trigger, i) or object_first):
            if target is None and mention != source:
                target = mention
        elif source is None and target is None:
            source = mention
    if target is None and len(before) >= 2 and not after and (
            (source is None and (paired or _acts_on(tokens, mentions, before_at))) or (source == before[-1] and before[-2] in coordinated(tokens, mentions, source, first, trigger))):
        source, target = before[-2], before[-1]  # وقعت مصر والأردن ... اتفاقية: both parties come first
        # (for other events only when a preposition marks the second: نفذت قوات التحالف ضد داعش ضربات;
        # قوات فلان وفلان التي سيطرت عليها names co-actors)
    if source is None and before and not _governed(tokens, mentions, before_at[-1][0], before[-1]):
        source = before[-1]
    if target is None:
        target = next((m for _, m in after if source is None or m.entity != source.entity), None)
    if source is None and not after and trigger + 1 < last:
        source = _described_after(tokens, mentions, trigger + 1)
    if target is None and source is not None and after and after[-1][1] == source and limit is not None:
        target = _past_subject(tokens, mentions, after[-1][0], source, last, limit)
    joined = coordinated(tokens, mentions, source, first, last) if source else []
    if target is not None and not mutual and target in joined:
        target = None  # رحبت باريس ولندن: both welcomed
    if target is None and places:
        target = next((m for i, m in _places(tokens, mentions, trigger + 1, last)
                       if source is None or m.entity != source.entity), None)
    if target is None and mutual and joined:
        target = joined[0]  # تعتزم روسيا وتونس التوقيع على اتفاقية: one party with the other
    partners = tuple(m.entity for m in joined if target is None or m.entity != target.entity)
    return Actors(source.entity if source else None,
                  target.entity if target and (source is None or target.entity != source.entity) else None,
                  partners)


def nisba_parties(tokens: list[Token], first: int, last: int, country_of: Callable[[str], str | None],
                  by_country: dict[str, str]) -> tuple[str, str] | None:
    """Two countries named by adjectives of nationality side by side after a trigger (القمة الروسية التركية،
    انعقاد اللجنة المشتركة التونسية السودانية), as the article's entities for them; `country_of` maps a
    folded word to a country id, `by_country` a country id to the entity. None unless both are entities."""
    found: list[str] = []
    for i in range(first, min(last, first + NISBA_REACH)):
        token = tokens[i]
        if token.kind != "word":
            return None
        country = country_of(token.norm) or (country_of(token.norm[1:]) if found and token.norm[:1] == COORDINATOR
                                             else None)
        if country is None:
            if found:
                return None  # the adjectives stand together
            continue
        entity = by_country.get(country)
        if entity is None:
            return None
        if entity not in found:
            found.append(entity)
        if len(found) == 2:
            return found[0], found[1]
    return None


def _acts_on(tokens: list[Token], mentions: MentionIndex, before: list[tuple[int, Mention]]) -> bool:
    """True when of the last two actors before a trigger only the second is governed by a preposition."""
    (i, first), (j, second) = before[-2], before[-1]
    return _governed(tokens, mentions, j, second) and not _governed(tokens, mentions, i, first)


def _relative(tokens: list[Token], trigger: int, i: int) -> bool:
    """True when a relative pronoun lies between the trigger and token `i` (أشاد بالجهود التي بذلها فلان):
    the actor belongs to the relative clause, so it is what the act is about, not who acts."""
    return any(tokens[j].norm in RELATIVES for j in range(trigger + 1, i))


def _places(tokens: list[Token], mentions: MentionIndex, first: int, last: int) -> list[tuple[int, Mention]]:
    """Places in first..last-1 not named right after في (a setting: الهجوم هو الأعنف في بريطانيا)."""
    out: list[tuple[int, Mention]] = []
    for i in range(first, last):
        mention = mentions.at(i)
        if (mention is not None and mention.type in PLACES and (not out or out[-1][1] != mention)
                and (i == 0 or tokens[i - 1].norm not in IN)):
            out.append((i, mention))
    return out


def _described_after(tokens: list[Token], mentions: MentionIndex, i: int) -> Mention | None:
    """A definite noun right after a noun trigger that names an organisation met before (طلب البعثة)."""
    word = tokens[i].norm
    if not word.startswith(DEFINITE) or mentions.at(i) is not None:
        return None
    return mentions.described(word, tokens[i].start)


def _past_subject(tokens: list[Token], mentions: MentionIndex, i: int, source: Mention, last: int,
                  limit: int) -> Mention | None:
    """The first actor within a few words after the subject starting at token `i` (طالب ممثل المرجعية في
    كربلاء فلان الجمعة فلانا), when the clause window ended too soon to see it."""
    end = i
    while end < len(tokens) and mentions.at(end) == source:
        end += 1
    if end + 1 + GOVERNED_REACH <= last:
        return None
    found = actor_tokens(tokens, mentions, end, min(limit, end + 1 + GOVERNED_REACH))
    return next((m for _, m in found if m != source), None)


def _between_party(tokens: list[Token], mentions: MentionIndex, i: int) -> bool:
    """True when بين governs the actor at token `i` (or the first of a pair joined by و before it)."""
    for j in range(i - 1, max(i - 1 - 2 * GOVERNED_REACH, -1), -1):
        if tokens[j].norm == BETWEEN:
            return True
        mention = mentions.at(j)
        if tokens[j].kind == "punct" and tokens[j].text in QUOTE_MARKS:
            continue  # بين "إسرائيل" والفلسطينيين
        if tokens[j].kind != "word":
            return False
        if mention is not None and not tokens[i].norm.startswith(COORDINATOR):
            return False
    return False


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
        return mentions.described(word, tokens[j].start)
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


def actor_tokens(tokens: list[Token], mentions: MentionIndex, first: int, last: int) -> list[tuple[int, Mention]]:
    """Actor mentions in first..last-1 with the token each starts at; places after في and any name after أمام or
    مقر are settings, not actors."""
    out: list[tuple[int, Mention]] = []
    previous: Mention | None = None
    for i in range(first, last):
        mention = mentions.at(i)
        if mention is None or mention == previous:
            continue
        previous = mention
        before = tokens[i - 1].norm if i > 0 else ""
        locative = ((mention.type == "LOC" and (before in LOCATIVE or before[1:] in LOCATIVE and before[:1] in "وف"))
                    or before in SETTINGS or before[1:] in SETTINGS and before[:1] in "وف")
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
        norm = tokens[j].norm
        if norm in COMPLEMENTIZERS:
            return False
        if norm in TARGET_PREPOSITIONS or norm in DETACHED_CLITICS or norm.startswith(GOVERNING_CLITICS):
            return True
        if tokens[j].kind == "punct" and tokens[j].text in QUOTE_MARKS:
            continue
        if tokens[j].kind != "word" or mentions.at(j) is not None:
            return False
    return False
