"""PLOVER events: who did what to whom, from trigger words and the sentence around them.

The cascade, one function per step:
1. `find_triggers`: words from data/lexicons/plover_triggers.tsv (bare, after و/ف, as a clitic stem
   such as بزيارة, or with the future prefix س), with any further pattern words in order close after;
2. `modality`: the words just before a trigger (data/lexicons/event_modality.tsv, and the prefix
   س) mark it negated, hypothetical or future; negated and hypothetical events are left out, a
   future one (announced, planned, expected) is kept with `status` "future", the rest are "asserted";
3. `event_actors` (resolve/actors.py): source and target entity ids from the clause. Inside a
   direct quotation the clause ends at the quotation marks; a first-person verb (اتفقنا، ندين) or a
   circumstantial participle (مشيدا، مطالبا) takes the speaker from the quotes layer as its source,
   when that layer is there, and so does a trigger that opens a speaker's words (أعلنت X قطع
   العلاقات); aid named from the receiving end (حصل على منحة) turns the roles round; a sanction
   given with its grounds (بسبب ...) is also an accusation, and what an accusation, demand or
   threat is about (اتهمه باغتيال، طالب بالإفراج) is no event of its own; coalitions, forces and
   militias the entities stage left unnamed (التحالف الدولي، المقاومة الشعبية) act too, and become
   entities when an event names them; two states named by nationality after a meeting or accord
   (القمة الروسية التركية) are its parties; an attack with no other target lands on the place of its
   clause (وفي تعز قصفت ...); a verb that opens its sentence with no subject of its own (... . ودعا إلى)
   takes the speaker quoted just before; an arrest (mode arrest) takes people and organisations only;
4. location (a place after في in the sentence), date (the sentence's DATE, else the publication
   date), and the sentence as evidence;
5. one event per (type, source, target) in a document: an article names the same visit many times;
   an event without a target gives way to the same act of the same source with one.
An event needs a source, and a target unless its type may stand alone (REQUEST, PROTEST, ...).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from marsad.pipeline import stage
from marsad.recognise.gazetteer import KnowledgeBase
from marsad.resolve.actors import (
    COLLECTIVE_ID,
    QUOTE_MARKS,
    Actors,
    CollectiveActors,
    Mention,
    MentionIndex,
    actor_tokens,
    event_actors,
    nisba_parties,
    register_collective,
)
from marsad.resources import table
from marsad.settings import EventSettings, Settings
from marsad.text.doc import Doc, Span
from marsad.text.fold import fold
from marsad.text.tokens import Token, tokens_of

CONJUNCTIONS = ("و", "ف")
OPENERS = frozenset({"و", "ف", "كما", "ثم"})  # words before a sentence-opening verb whose subject is dropped
DEFINITE = "ال"
# Words that may follow a verb whose subject was dropped: prepositions, adverbs, quantified objects (ودعا إلى،
# وطالب بالمناسبة، ودعت كل المنظمات); any other word after the verb may be its own subject.
AFTER_DROPPED = frozenset(fold(w) for w in ("إلى", "الى", "على", "في", "من", "عن", "مع", "كل", "كافة", "جميع", "أيضا",
                                            "كذلك", "مجددا", "بدوره", "بدورها"))
FUTURE_PREFIX = "س"
PRESENT_PREFIXES = "يتن"
ACCUSATIVE = "ا"
MIN_CLITIC_STEM = 3
HITS_CACHE_MAX = 200_000
IN = frozenset({"في", "فى"})
# Types that may stand without a target: a demand, protest or condemnation is news on its own, while a
# rejection or a show of support names what (whom) it answers.
ALONE = frozenset({"REQUEST", "PROTEST", "MOBILIZE", "RETREAT", "THREATEN", "ACCUSE"})
ASSERTED = "asserted"
KEPT = frozenset({ASSERTED, "future"})  # negated and hypothetical events did not happen
FIRST_PLURAL_PAST = "نا"  # اتفقنا -> اتفق
FIRST_PLURAL_PRESENT = ("ن", "ي")  # ندين -> يدين
PARTICIPLE = "participle"  # the lexicon's form for مشيدا، مطالبا: the clause's subject acts
GROUNDS = frozenset({"بسبب", "لسبب", "بتهمة", "بتهم", "بدعوى", "بحجة", "لاتهامها", "لاتهامه"})
GROUNDED = frozenset({"SANCTION"})  # a sanction with its grounds accuses the target of them
CLAIMS = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT"})
CONTENT_CLITIC = "ب"  # اتهمه باغتيال، طالب بالإفراج، هدد بقصف
CONTENT_WORDS = frozenset({"الي", "ب"})  # دعا إلى وقف
PAIR = "pair"  # the lexicon's form for القمة، انعقاد: an event only with two parties named by nationality after it
RECEIVED = "received"  # the lexicon's form for حصل على منحة: the subject receives from the actor after
QUOTED_TERM_WORDS = 4
CLAUSE_ENDS = frozenset({"،", ",", "؛", ";", "."})
PLACE_TARGETS = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})  # force lands on a place: قصف حلب، حاصر المدينة
SETTING_TARGETS = frozenset({"ASSAULT"})  # وفي تعز قصفت الميليشيات أحياء سكنية: the attack lands on the place
MUTUAL = frozenset({"AGREE", "COOPERATE"})  # X agrees with Y is Y agrees with X
PAIRED = MUTUAL | {"CONSULT"}  # may name both parties after بين
ALONE_SOURCES = frozenset({"PER", "ORG"})
ARREST = "arrest"  # the lexicon's mode for arrests and prison sentences: only people and organisations are taken
PEOPLE = frozenset({"PER", "ORG"})
OFFICES = frozenset({"office", "royal", "military"})  # titles of those who call, demand and condemn (not الصحفي)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger: the type, mode, and the words after the anchor (folded)."""

    type: str
    mode: str | None
    rest: tuple[str, ...]
    form: str = ""


@dataclass(frozen=True)
class EventLexicon:
    """Triggers by anchor word and the modality words, loaded once per process."""

    anchors: dict[str, tuple[Pattern, ...]]
    modality: dict[str, str]
    collective: CollectiveActors | None = None
    kb: KnowledgeBase | None = None  # adjectives of nationality (الروسية) -> countries
    titles: frozenset[str] = frozenset()  # الوزير، الرئيس: a subject that names the speaker by office
    _hits: dict[str, tuple[tuple[str, bool, bool], ...]] = field(default_factory=dict, compare=False, repr=False)

    def hits(self, tokens: Sequence[Token]) -> list[tuple[tuple[str, bool, bool], ...]]:
        """The anchor keys each token's forms hit, cached by folded form (most words hit none: one
        lookup each, and one call for all the tokens of an article)."""
        known = self._hits.get
        return [found if (found := known(t.norm)) is not None else self._new_hits(t) for t in tokens]

    def _new_hits(self, token: Token) -> tuple[tuple[str, bool, bool], ...]:
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
            anchors.setdefault(words[0], []).append(
                Pattern(row["type"], row["mode"] or None, tuple(words[1:]), row.get("form") or ""))
        # longer patterns first: "قصف جوي" (aerial) wins over "قصف"
        ordered = {k: tuple(sorted(v, key=lambda p: -len(p.rest))) for k, v in anchors.items()}
        modality = {fold(r["word"]): r["status"] for r in table("lexicons/event_modality.tsv")}
        titles = frozenset(fold(r["title"]) for r in table("lexicons/titles.tsv") if r["kind"] in OFFICES)
        return cls(ordered, modality, CollectiveActors.load(), KnowledgeBase.load(), titles)

    def country_of(self, word: str) -> str | None:
        """The country id of an adjective of nationality (folded), if it is one."""
        entry = self.kb.country_of_nisba(word) if self.kb else None
        return entry.id if entry else None


@dataclass(frozen=True, slots=True)
class Trigger:
    """A matched trigger: token range, pattern, whether the س prefix made it future, and whether
    it is a first-person verb (اتفقنا، ندين), whose subject is the speaker."""

    first: int
    last: int
    pattern: Pattern
    future: bool
    first_person: bool = False


def _anchor_keys(token: Token) -> list[tuple[str, bool, bool]]:
    """The folded forms under which a token may be a trigger anchor, with future and first-person flags."""
    keys = [(token.norm, False, False)]
    if token.norm[:1] in CONJUNCTIONS:
        keys.append((token.norm[1:], False, False))
    for seg in token.segments[1:]:  # بزيارة -> زيارة, بالزيارة -> الزيارة: a definite noun is never a bare verb
        # لدعم، كدعم: a purpose, not an event; بحث is not ب + حث: a verb takes no clitic, short stems are verbs
        if "ل" not in seg.prefix.replace("ال", "") and "ك" not in seg.prefix and len(seg.stem) >= MIN_CLITIC_STEM:
            keys.append((seg.stem if "ال" not in seg.prefix or seg.stem.startswith("ال") else "ال" + seg.stem,
                         False, False))
    for norm, _, _ in list(keys[:2]):
        if norm[:1] == FUTURE_PREFIX and norm[1:2] in PRESENT_PREFIXES:
            keys.append((norm[1:], True, False))
        if norm.endswith(ACCUSATIVE) and len(norm) > 3:  # حصارا، هجوما، اتفاقا
            keys.append((norm[:-1], False, False))
        if norm.endswith(FIRST_PLURAL_PAST) and len(norm) > 4:  # اتفقنا، رفضنا، ناقشنا
            keys.append((norm[:-2], False, True))
        if norm[:1] == FIRST_PLURAL_PRESENT[0] and len(norm) > 3:  # ندين، نرفض، نطالب
            keys.append((FIRST_PLURAL_PRESENT[1] + norm[1:], False, True))
    return keys


def find_triggers(tokens: list[Token], lexicon: EventLexicon, gap: int,
                  inside: frozenset[int] = frozenset()) -> list[Trigger]:
    """Every trigger among the tokens (but those at indices `inside`, which are parts of names).

    Pattern words after the anchor may be up to `gap` tokens apart.
    """
    found: list[Trigger] = []
    consumed: set[int] = set()  # words of a longer trigger (شنت ... غارات) trigger nothing on their own
    hits = lexicon.hits(tokens)
    for i in [i for i, keys in enumerate(hits) if keys]:
        if tokens[i].kind != "word" or i in inside or i in consumed:
            continue
        if found and found[-1].last == i:
            continue  # اتفاقية شراكة، طالب بالإفراج: a trigger's complement names its content, not a new event
        for key, future, first_person in hits[i]:
            match = _match(tokens, i, lexicon.anchors[key], gap)
            if match is not None:
                found.append(Trigger(i, match[1], match[0], future, first_person))
                consumed.update(range(i, match[1]))
                break
    return found


def _match(tokens: list[Token], i: int, patterns: tuple[Pattern, ...], gap: int) -> tuple[Pattern, int] | None:
    for pattern in patterns:
        k, ok = i, True
        for word in pattern.rest:
            k = next((j for j in range(k + 1, min(k + 1 + gap, len(tokens)))
                      if word in (tokens[j].norm, tokens[j].stem) or tokens[j].norm == word + ACCUSATIVE), -1)
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
        if tokens[j].text in CLAUSE_ENDS:  # لن تسكت، متوعدا: the negation is another clause's
            break
        norm = tokens[j].norm
        status = lexicon.modality.get(norm) or (lexicon.modality.get(norm[1:]) if norm[:1] in CONJUNCTIONS else None)
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


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote from the quotes layer: its content range, speaker entity, cue start, and whether direct."""

    start: int
    end: int
    speaker: str | None
    cue: int
    direct: bool


def _quotes(doc: Doc) -> list[Quote]:
    out = []
    for q in doc.spans.get("quotes", ()):
        cue = q.attrs.get("_cue")
        out.append(Quote(q.start, q.end, q.attrs.get("speaker"), cue[0] if cue else q.start, bool(q.attrs.get("direct"))))
    return out


def _quote_at(quotes: list[Quote], at: int) -> Quote | None:
    """The innermost quote whose content holds offset `at`."""
    inside = [q for q in quotes if q.start <= at < q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


def _speaker(quotes: list[Quote], at: int, sent: Sentence, participle: bool) -> str | None:
    """Who speaks at offset `at`: the speaker of the quote around it, or for a participle (قال ...
    مشيدا) the speaker of the nearest cue before it in the sentence."""
    quote = _quote_at(quotes, at)
    if quote is not None and quote.speaker:
        return quote.speaker
    if participle:
        before = [q for q in quotes if sent.start <= q.cue < at and q.speaker]
        if before:
            return max(before, key=lambda q: q.cue).speaker
    return None


def _clause(tokens: list[Token], mentions: MentionIndex, quotes: list[Quote], sent: Sentence, trigger: Trigger,
            window: int) -> tuple[int, int]:
    """The tokens searched for actors: `window` tokens either side of the trigger in its sentence, inside
    a direct quotation no further than its quotation marks (the speaker's words name their own actors),
    inside reported speech not back before its content (قال X لوكالة Y إن ...), and outside a quotation
    not back across a quotation mark (« ... »، ودعاه: the quoted words are another clause)."""
    first = max(sent.first, trigger.first - window)
    last = min(sent.last, trigger.last + window)
    at = tokens[trigger.first].start
    quote = _quote_at(quotes, at)
    if quote is not None:  # reported speech (قال إن ...) names its actors inside too
        while first < trigger.first and tokens[first].start < quote.start:
            first += 1
        while quote.direct and last > trigger.last and tokens[last - 1].end > quote.end:
            last -= 1
    for j in range(trigger.first - 1, first - 1, -1):
        if (tokens[j].kind == "punct" and tokens[j].text in QUOTE_MARKS and not _quoted_name(tokens, mentions, j)
                and not (j == trigger.first - 1 and trigger.last < len(tokens) and tokens[trigger.last].text in QUOTE_MARKS)):
            return j + 1, last  # (a trigger in quotation marks of its own, «تشهيرا», is no quotation)
    return first, last


def _quoted_name(tokens: list[Token], mentions: MentionIndex, j: int) -> bool:
    """True when the quotation mark at token `j` closes marks around a name alone («حماس») or a term."""
    mention = mentions.at(j - 1) if j > 0 else None
    if mention is None:
        return _quoted_term(tokens, mentions, j)
    i = j - 1
    while i > 0 and mentions.at(i - 1) == mention:
        i -= 1
    return i > 0 and tokens[i - 1].text in QUOTE_MARKS


def _quoted_term(tokens: list[Token], mentions: MentionIndex, j: int) -> bool:
    """True when the quotation mark at token `j` closes a few words without a name (a title or a term:
    فيلم "على حلة عيني"), which are no clause of their own."""
    for i in range(j - 1, max(j - 2 - QUOTED_TERM_WORDS, -1), -1):
        if tokens[i].text in QUOTE_MARKS:
            return i < j - 1
        if tokens[i].kind != "word" or mentions.at(i) is not None:
            return False
    return False


def _content_of(tokens: list[Token], claim: Trigger, trigger: Trigger, sent: Sentence, window: int) -> bool:
    """True when `trigger` states what the earlier `claim` accuses of, demands or threatens (اتهمت X باغتيال
    Y، دعا إلى وقف القصف): introduced by ب or إلى within a few words, it is a claim, not a fact."""
    if not (sent.first <= claim.first and trigger.first - claim.last <= window):
        return False
    token = tokens[trigger.first]
    return (any(seg.prefix.startswith(CONTENT_CLITIC) for seg in token.segments[1:])
            or tokens[trigger.first - 1].norm in CONTENT_WORDS)


def _recipient(tokens: list[Token], mentions: MentionIndex, trigger: Trigger, first: int) -> str | None:
    """Who received: the subject after the verb (حصلت الجمعية على منحة), else the nearest actor before
    it (فيلم فلانة الذي حصل على منحة)."""
    found = actor_tokens(tokens, mentions, trigger.first + 1, trigger.last) or \
        actor_tokens(tokens, mentions, first, trigger.first)[-1:]
    return found[0][1].entity if found else None


def _announcer(tokens: list[Token], quotes: list[Quote], trigger: Trigger, first: int) -> str | None:
    """The speaker whose words open with the trigger (أعلنت البحرين قطع العلاقات، أكد الوزير دعمه): the
    act is the speaker's own."""
    quote = _quote_at(quotes, tokens[trigger.first].start)
    if quote is None or any(tokens[j].kind == "word" for j in range(first, trigger.first)):
        return None
    return quote.speaker


def _dropped_subject(tokens: list[Token], quotes: list[Quote], trigger: Trigger, sent: Sentence,
                     previous: int, lexicon: EventLexicon) -> str | None:
    """The speaker just quoted, for a verb that opens its sentence with no subject of its own (وقال الوزير
    إن ... . ودعا الحكومة إلى ...): Arabic drops a subject the reader already knows, and in the news that
    is the person whose words the article is giving. `previous` is where the sentence before begins."""
    if any(tokens[j].norm not in OPENERS for j in range(sent.first, trigger.first)):
        return None
    token = tokens[trigger.first]
    if token.norm.startswith(DEFINITE) or any(seg.prefix.strip("وف") for seg in token.segments[1:]):
        return None  # a noun (الزيارة، بزيارة), not a verb
    nxt = tokens[trigger.last] if trigger.last < len(tokens) else None
    if nxt is not None and nxt.kind == "word" and not (
            nxt.norm in AFTER_DROPPED or nxt.norm in lexicon.titles
            or any(seg.prefix.replace(DEFINITE, "")[-1:] in ("ب", "ل") for seg in nxt.segments[1:])):
        return None  # ويطالب النواب، وأدان داعمون: a subject of its own, unnamed (a title is the speaker: دعا الوزير)
    at = token.start
    before = [q for q in quotes if previous <= q.cue < at and q.speaker]
    return max(before, key=lambda q: q.cue).speaker if before else None


def _object(tokens: list[Token], mentions: MentionIndex, trigger: Trigger, last: int, source: str | None) -> str | None:
    """The first actor after the trigger that is not the source, up to `last` or the next comma: what a
    speaker's act is about (مشيدا بالنتائج التي حققها سلفه فلان، ...)."""
    end = next((j for j in range(trigger.last, last) if tokens[j].text in CLAUSE_ENDS), last)
    return next((m.entity for _, m in actor_tokens(tokens, mentions, trigger.last, end) if m.entity != source), None)


def _named_by_place(mentions: MentionIndex, trigger: Trigger, source: str) -> bool:
    """True when the source is a place right after the trigger that names the attack (هجوم مانشستر)."""
    mention = mentions.at(trigger.last)
    return mention is not None and mention.entity == source and mention.type == "LOC"


def _setting(tokens: list[Token], mentions: MentionIndex, first: int, last: int, source: str) -> str | None:
    """The place an attack with no other target lands on: the first named after في in its clause
    (وفي تعز قصفت الميليشيات أحياء سكنية، شن التنظيم هجوما على مواقع في الرمادي)."""
    for i in range(max(first, 1), last):
        mention = mentions.at(i)
        norm = tokens[i - 1].norm
        if (mention is not None and mention.type == "LOC" and mention.entity != source and mention.start >= tokens[i].start
                and (norm in IN or norm[:1] in CONJUNCTIONS and norm[1:] in IN)):
            return mention.entity
    return None


def _grounded(tokens: list[Token], trigger: Trigger, sent: Sentence) -> bool:
    """True when the sentence gives grounds for the act after its trigger (قطعت العلاقات ... بسبب دعمها)."""
    return any(tokens[j].norm in GROUNDS for j in range(trigger.last, sent.last))


def find_events(doc: Doc, lexicon: EventLexicon, settings: EventSettings) -> list[Span]:
    """Event spans (the sentence) with type, mode, status, source, target, location and date."""
    tokens = tokens_of(doc)
    named = MentionIndex(doc, tokens)
    collective = lexicon.collective.find(tokens, named.by_token) if lexicon.collective else []
    mentions = MentionIndex(doc, tokens, collective) if collective else named
    if not mentions.mentions:
        return []
    triggers = find_triggers(tokens, lexicon, settings.pattern_gap, frozenset(mentions.by_token))
    states = _states(doc)
    quotes = _quotes(doc)
    types = {m.entity: m.type for m in mentions.mentions}
    by_country = {e["kb_id"]: e["id"] for e in doc.objects.get("entities", ()) if e.get("kb_id")}
    seen: set[tuple[str, str | None, str | None]] = set()
    spans = []
    sentences = _sentences(doc, tokens)
    s = 0
    claim: Trigger | None = None  # the last accusation, demand or threat: what follows may be its content
    for trigger in triggers:
        while s < len(sentences) - 1 and sentences[s].last <= trigger.first:
            s += 1
        sent = sentences[s]
        previous = sentences[s - 1].start if s else sent.start
        if claim is not None and _content_of(tokens, claim, trigger, sent, settings.actor_window):
            continue
        claim = trigger if trigger.pattern.type in CLAIMS else None
        status = modality(tokens, trigger, sent.first, lexicon, settings.modality_reach)
        if status not in KEPT:
            continue
        first, last = _clause(tokens, mentions, quotes, sent, trigger, settings.actor_window)
        kind = trigger.pattern.type
        participle = trigger.pattern.form == PARTICIPLE
        speaker = _speaker(quotes, tokens[trigger.first].start, sent, participle) \
            if trigger.first_person or participle else None
        if trigger.pattern.form == RECEIVED:
            found = Actors(_object(tokens, mentions, trigger, last, None),
                           _recipient(tokens, mentions, trigger, max(sent.first, first - settings.actor_window)))
        elif trigger.first_person or (participle and speaker is not None):
            reach = min(sent.last, trigger.last + 2 * settings.actor_window)  # the source is known: look further
            found = Actors(speaker, _object(tokens, mentions, trigger, reach, speaker))
        else:
            found = event_actors(tokens, mentions, trigger.first, first, last, kind in MUTUAL, kind in PAIRED, sent.last,
                                 kind in PLACE_TARGETS)
            if found.source is None:
                found = Actors(_announcer(tokens, quotes, trigger, first), found.target, found.partners)
            if found.source is None:
                found = Actors(_dropped_subject(tokens, quotes, trigger, sent, previous, lexicon), found.target,
                               found.partners)
            pair = trigger.pattern.form == PAIR
            if pair or (kind in PAIRED and (found.source is None or found.target is None)):
                parties = nisba_parties(tokens, trigger.last, last, lexicon.country_of, by_country)
                if parties is None and pair:
                    continue
                if parties is not None:
                    found = Actors(*parties)
            if (found.target is None and found.source is not None and kind in SETTING_TARGETS
                    and not _named_by_place(mentions, trigger, found.source)):
                found = Actors(found.source, _setting(tokens, mentions, first, last, found.source),
                               found.partners)
        if trigger.pattern.mode == ARREST and found.target is not None and types.get(found.target) not in PEOPLE:
            found = Actors(found.source, None, found.partners)  # arrested in a place, not the place arrested
        kinds = (kind, "ACCUSE") if kind in GROUNDED and found.target and _grounded(tokens, trigger, sent) else (kind,)
        for event_type in kinds:
            for actors in (found, *(Actors(p, found.target) for p in found.partners)):
                key = _key(event_type, actors)
                if not _complete(event_type, actors, types) or key in seen:
                    continue
                seen.add(key)
                spans.append(Span(sent.start, sent.end, "event", {
                    "type": event_type,
                    "mode": trigger.pattern.mode if event_type == kind else None,
                    "status": status,
                    "source": actors.source,
                    "target": actors.target,
                    "source_state": states.get(actors.source or ""),
                    "target_state": states.get(actors.target or ""),
                    "location": _location(tokens, mentions, sent, actors),
                    "date": _date(doc, sent),
                    "trigger": doc.text[tokens[trigger.first].start:tokens[trigger.last - 1].end],
                }))
    spans = _without_repeats(spans)
    if collective and lexicon.collective:
        _name_collective(doc, spans, collective, lexicon.collective)
    return spans


def _name_collective(doc: Doc, spans: list[Span], collective: list[Mention], actors: CollectiveActors) -> None:
    """Collective actors that events name become entities of the Doc; the events take their ids."""
    used = {v for s in spans for k in ("source", "target") if (v := s.attrs[k]) and v.startswith(COLLECTIVE_ID)}
    ids = register_collective(doc, collective, used, actors)
    for span in spans:
        for side in ("source", "target"):
            if span.attrs[side] in ids:
                span.attrs[side] = ids[span.attrs[side]]


def _without_repeats(spans: list[Span]) -> list[Span]:
    """Drop an event without a target when the article also gives the same act of the same source with
    one (طالب فلان العبادي ... ودعاه: one demand, told twice)."""
    targeted = {(s.attrs["type"], s.attrs["source"]) for s in spans if s.attrs["target"] is not None}
    return [s for s in spans if s.attrs["target"] is not None or (s.attrs["type"], s.attrs["source"]) not in targeted]


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
