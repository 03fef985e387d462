"""Who is speaking: the speaker phrase next to a cue verb, or the last speaker of the same gender.

A speaker is read from the words between a verb of saying and its complement (قال وزير الخارجية
سامح شكري إن ...), or from the words that open the clause before the verb (الوزارة أكدت أن ...).
The phrase is trimmed of adjuncts (في بيان، أمس، لفرانس برس); a person mention inside it is the
speaker, else an organisation or place that opens it; an unnamed speaker (مصدر مسؤول) keeps its
phrase and links the organisation it names. A verb with no subject (وأضاف أن ...) takes the last
speaker whose verb had the same gender (أضافت -> the last feminine speaker).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from marsad.resolve.actors import Mention, MentionIndex
from marsad.text.doc import Doc, Span
from marsad.text.fold import fold
from marsad.text.tokens import Token

# Words (folded) that end a speaker phrase: places and times of the statement, not the speaker.
ADJUNCTS = frozenset({
    "في", "فى", "لدي", "خلال", "عقب", "اثناء", "امام", "امس", "اليوم", "مساء", "صباح", "ايضا", "كذلك",
    "بدوره", "بدورها", "يوم", "ردا", "تعليقا", "حسب", "وفق", "وفقا", "قد", "عبر", "عند", "بعد", "قبل",
    "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "ان", "انه", "انها",
    "الي", "علي", "عن", "من", "مع", "ب", "بان", "بانه",
})
# Words (folded) that may open a clause before its subject (وكان الوزير قد قال).
CLAUSE_OPENERS = frozenset({"و", "كان", "وكان", "كما", "فيما", "حيث", "ثم", "وقد", "قد", "بينما", "لكن", "ولكن"})
DEFINITE = "ال"
DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هؤلاء", "هذين", "هاتين"})
QUOTE_MARKS = frozenset("\"“”«»’‘")
OTHER_PARTY = frozenset({"مع", "الي", "علي", "عن", "من", "بين", "و"})
MAX_DESCRIPTION = 3  # words of a description that may refer back to a named speaker
TITLE_REACH = 8  # tokens from a title to the name it introduces (المبعوث الأممي لليمن إسماعيل ...)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: entity id (None when unnamed), its phrase, the cue's gender, a linked org."""

    entity: str | None
    text: str | None
    gender: str
    org: str | None = None

    @property
    def folded(self) -> str:
        return fold(self.text or "")


@dataclass
class SpeakerHistory:
    """The speakers met so far in a document, newest last."""

    speakers: list[Speaker] = field(default_factory=list)

    def remember(self, speaker: Speaker) -> None:
        self.speakers.append(speaker)

    def recall(self, gender: str) -> Speaker | None:
        """The last speaker introduced by a verb of the same gender."""
        return next((s for s in reversed(self.speakers) if s.gender == gender), None)

    def antecedent(self, noun: str) -> Speaker | None:
        """The last speaker whose longer phrase contains `noun` (الوزير -> وزير الصناعة زكرياء حمد)."""
        return next((s for s in reversed(self.speakers)
                     if s.text and noun in s.folded and len(s.folded) > len(noun) + 3), None)


@dataclass(frozen=True)
class SpeakerContext:
    """What speaker resolution reads for one document."""

    doc: Doc
    tokens: list[Token]
    mentions: MentionIndex
    nouns: frozenset[str]
    titles: frozenset[str]
    times: tuple[Span, ...]


def phrase_end(ctx: SpeakerContext, first: int, last: int) -> int:
    """Index just past the speaker phrase that opens tokens first..last-1 (first when it is empty)."""
    i = first
    while i < last and not _ends_phrase(ctx, i, i == first):
        i += 1
    return i


def _ends_phrase(ctx: SpeakerContext, i: int, opening: bool) -> bool:
    """True when token `i` is no part of a speaker phrase: punctuation, an adjunct, a time."""
    token = ctx.tokens[i]
    if ctx.mentions.at(i) is not None:
        return False
    if token.kind in ("punct", "number") or any(t.start <= token.start < t.end for t in ctx.times):
        return True
    if token.norm in ADJUNCTS:
        return opening or token.norm not in ("في", "فى") or ctx.mentions.at(i + 1) is None
    return False


def speaker_in(ctx: SpeakerContext, first: int, last: int, gender: str, history: SpeakerHistory) -> Speaker | None:
    """The speaker named by the phrase opening tokens first..last-1, or None if there is no phrase."""
    first = _after_addressee(ctx, first, last)
    end = phrase_end(ctx, first, last)
    if end == first or ctx.tokens[first].norm in DEMONSTRATIVES:  # نفي هذه الاتهامات: an object, not a speaker
        return None
    text = ctx.doc.text[ctx.tokens[first].start:ctx.tokens[end - 1].end]
    found = ctx.mentions.within(first, end)
    person = next((m for m in found if m.type == "PER"), None)
    opener = ctx.mentions.at(first)
    if person is not None:
        return Speaker(person.entity, text, gender)
    if opener is not None and opener.type != "PER" and opener in found:
        return Speaker(opener.entity, text, gender)
    org = found[0].entity if found else None
    if not found and (ctx.tokens[first].stem in ctx.titles or ctx.tokens[first].norm in ctx.titles):
        named = _name_after_title(ctx, end, last)
        if named is not None:  # قال السفير التونسي لدى روسيا علي قوطالي في حديث ...
            return Speaker(named.entity, ctx.doc.text[ctx.tokens[first].start:named.end], gender)
    head = _definite_head(ctx, first, end)
    if not found and head is not None:
        titled = titled_person(ctx, head, first)
        if titled is not None:
            return Speaker(titled, text, gender)
        earlier = history.antecedent(head)
        if earlier is not None:
            return replace(earlier, gender=gender)
    return Speaker(None, text, gender, org)


def _name_after_title(ctx: SpeakerContext, end: int, last: int) -> Mention | None:
    """The first person named after a title phrase and its adjuncts, unless a preposition such as مع
    makes them someone else (قال الوزير في لقاء مع الرئيس فلان)."""
    for i in range(end, last):
        mention = ctx.mentions.at(i)
        if mention is not None and mention.type == "PER":
            return mention
        token = ctx.tokens[i]
        if token.norm in OTHER_PARTY or (mention is None and any(seg.prefix == "ب" for seg in token.segments)):
            return None
    return None


def _definite_head(ctx: SpeakerContext, first: int, end: int) -> str | None:
    """The noun heading a short definite description (المبعوث الدولي، رئيس الحكومة), which refers back."""
    if end - first > MAX_DESCRIPTION:
        return None
    head = ctx.tokens[first]
    if head.norm.startswith(DEFINITE) and head.norm[2:] in ctx.nouns:
        return head.norm[2:]
    if head.norm in ctx.titles and end - first >= 2 and ctx.tokens[first + 1].norm.startswith(DEFINITE):
        return head.norm
    return None


def _after_addressee(ctx: SpeakerContext, first: int, last: int) -> int:
    """Skip a leading addressee (قال لـ"الاقتصادية" مسؤول، مضيفا لشبكة "سكاي نيوز")."""
    tokens = ctx.tokens
    if first >= last or ctx.mentions.at(first) is not None:
        return first
    token = tokens[first]
    i = first + 1
    quoted = i < last and tokens[i].text in QUOTE_MARKS
    if token.norm.startswith("لل") or token.norm == "ل" or (quoted and token.norm.startswith("ل")):
        if quoted:  # the addressee's name in quotation marks
            i += 1
            while i < last and tokens[i].text not in QUOTE_MARKS:
                i += 1
            i += 1
        elif token.norm == "ل":
            i += 1
        return min(i, last)
    return first


def titled_person(ctx: SpeakerContext, noun: str, before: int) -> str | None:
    """The person last named right after the title `noun` before token `before` (المبعوث -> his name)."""
    if noun not in ctx.titles:
        return None
    for i in range(before - 1, -1, -1):
        token = ctx.tokens[i]
        if noun in (token.norm, token.stem, token.norm[2:]):
            for j in range(i + 1, min(i + TITLE_REACH, before)):
                mention = ctx.mentions.at(j)
                if mention is not None and mention.type == "PER":
                    return mention.entity
    return None


def opens_phrase(ctx: SpeakerContext, i: int) -> bool:
    """True when token `i` opens a speaker phrase: a mention, or a speaker noun with or without ال."""
    token = ctx.tokens[i]
    if ctx.mentions.at(i) is not None:
        return True
    stem = token.norm[2:] if token.norm.startswith(DEFINITE) else token.norm
    return stem in ctx.nouns or token.stem in ctx.nouns


def subject_before(ctx: SpeakerContext, cue: int, limit: int, gender: str,
                   history: SpeakerHistory) -> Speaker | None:
    """The subject opening the clause before the cue (الوزارة أكدت أن), when one is there."""
    first = cue
    while first > 0 and cue - first < limit and ctx.tokens[first - 1].kind != "punct":
        first -= 1
    while first < cue and ctx.tokens[first].norm in CLAUSE_OPENERS:
        first += 1
    if first >= cue or not opens_phrase(ctx, first):
        return None
    end = cue
    while end > first and ctx.tokens[end - 1].norm in CLAUSE_OPENERS:
        end -= 1
    return speaker_in(ctx, first, end, gender, history)
