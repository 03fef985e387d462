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

from marsad.resolve.actors import MentionIndex
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
NAME_WORDS = 4  # words of a name the entities stage missed (علي أكبر صالحي)
# Words (folded) that never continue a name: relatives, particles, verbs' companions.
NOT_NAME = frozenset({"اي", "الذي", "التي", "الذين", "كان", "كانت", "هو", "هي", "ما", "لا", "لم", "لن", "كل", "بعض"})
SUBJECT_TYPES = {"m": "PER", "f": "ORG"}  # the usual subject of a masculine / feminine participle
SENTENCE_ENDS = frozenset({".", "!", "?", "؟"})
ALI = "علي"  # spelled with ي it is the name; the preposition على folds to the same letters
DESTINATIONS = frozenset({"الي", "لدي"})  # السفير لدى روسيا فلان، المبعوث إلى اليمن فلان: the post, not a party


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
    given: frozenset[str] = frozenset()   # given names that open a name (data/lexicons/person_names.tsv)
    links: frozenset[str] = frozenset()   # words after which an ال-word still belongs to the name (عبد، عز)
    person_words: dict[str, str] = field(default_factory=dict)  # last word of a person mention -> entity
    surnames: frozenset[str] = frozenset()  # last words of names found by their given name (الكندي)


def person_words(doc: Doc, mentions: MentionIndex) -> dict[str, str]:
    """The last word (folded) of every person mention, mapped to its entity (صالحي -> the entity of علي أكبر صالحي)."""
    return {fold(doc.text[m.start:m.end]).split()[-1]: m.entity for m in mentions.mentions
            if m.type == "PER" and fold(doc.text[m.start:m.end]).strip()}


def _adjunct(token: Token) -> bool:
    """An adjunct word; علي spelled with ي is the name, not the preposition على."""
    return token.norm in ADJUNCTS and not (token.norm == ALI and token.text.endswith(ALI))


def name_end(ctx: SpeakerContext, i: int, last: int) -> int:
    """Index past a person's name opening at token `i` that the entities stage missed (a given name,
    then up to three more words; a family name with ال closes it), or `i` when no name opens there."""
    tokens = ctx.tokens
    first = tokens[i] if i < last else None
    if first is None or first.kind != "word" or ctx.mentions.at(i) is not None:
        return i
    if first.norm in ctx.surnames:  # وأرجع الكندي: the family name of a person named in full before
        return i + 1
    if not _given(ctx, first):
        return i
    k = i + 1
    while k < last and k - i < NAME_WORDS:
        token, mention = tokens[k], ctx.mentions.at(k)
        if mention is not None:  # the name runs into a person mention (علي أكبر صالحي): it ends with it
            while mention.type == "PER" and k < last and ctx.mentions.at(k) == mention:
                k += 1
            break
        if (token.kind != "word" or _adjunct(token) or token.norm in NOT_NAME or token.norm.startswith("لل")
                or _noun(ctx, token)):
            break
        k += 1
        if token.norm.startswith(DEFINITE) and tokens[k - 2].norm not in ctx.links:
            break
    return k


def surnames(ctx: SpeakerContext) -> frozenset[str]:
    """The family names (folded) of the names found in the document by their given name."""
    out = set()
    given = ctx.given
    for i in [i for i, t in enumerate(ctx.tokens) if t.norm in given]:   # a set test before the call
        if _given(ctx, ctx.tokens[i]):
            end = name_end(ctx, i, len(ctx.tokens))
            if end - i >= 2 and ctx.mentions.at(end - 1) is None and ctx.tokens[end - 1].norm not in ctx.given:
                out.add(ctx.tokens[end - 1].norm)
    return frozenset(out)


def _given(ctx: SpeakerContext, token: Token) -> bool:
    """A given name; علي only when spelled with ي (the preposition على folds to the same letters)."""
    return token.norm in ctx.given and (token.norm != ALI or token.text.endswith(ALI))


def _noun(ctx: SpeakerContext, token: Token) -> bool:
    stem = token.norm[2:] if token.norm.startswith(DEFINITE) else token.norm
    return stem in ctx.nouns


def name_entity(ctx: SpeakerContext, first: int, end: int) -> str | None:
    """The person entity a found name belongs to, by its last word (علي أكبر صالحي -> صالحي)."""
    return ctx.person_words.get(ctx.tokens[end - 1].norm) if end > first else None


def phrase_end(ctx: SpeakerContext, first: int, last: int) -> int:
    """Index just past the speaker phrase that opens tokens first..last-1 (first when it is empty)."""
    return _phrase(ctx, first, last)[0]


def _phrase(ctx: SpeakerContext, first: int, last: int) -> tuple[int, int | None]:
    """The end of the speaker phrase, and where a name it ends with starts (a name closes a phrase)."""
    i = first
    while i < last and not _ends_phrase(ctx, i, i == first):
        end = name_end(ctx, i, last)
        if end > i:
            return end, i
        i += 1
    return i, None


def _ends_phrase(ctx: SpeakerContext, i: int, opening: bool) -> bool:
    """True when token `i` is no part of a speaker phrase: punctuation, an adjunct, a time."""
    token = ctx.tokens[i]
    if ctx.mentions.at(i) is not None:
        return False
    if token.kind in ("punct", "number") or any(t.start <= token.start < t.end for t in ctx.times):
        return True
    if _adjunct(token):
        return opening or token.norm not in ("في", "فى") or ctx.mentions.at(i + 1) is None
    return False


def speaker_in(ctx: SpeakerContext, first: int, last: int, gender: str, history: SpeakerHistory) -> Speaker | None:
    """The speaker named by the phrase opening tokens first..last-1, or None if there is no phrase."""
    first = _after_addressee(ctx, first, last)
    end, name = _phrase(ctx, first, last)
    if end == first or ctx.tokens[first].norm in DEMONSTRATIVES:  # نفي هذه الاتهامات: an object, not a speaker
        return None
    text = ctx.doc.text[ctx.tokens[first].start:ctx.tokens[end - 1].end]
    found = ctx.mentions.within(first, end)
    person = next((m for m in found if m.type == "PER"), None)
    opener = ctx.mentions.at(first)
    if person is not None:
        return Speaker(person.entity, text, gender)
    if name is not None:  # a name the entities stage missed: قال السفير علي قوطالي
        return Speaker(name_entity(ctx, name, end), text, gender)
    if opener is not None and opener.type != "PER" and opener in found:
        return Speaker(opener.entity, text, gender)
    org = found[0].entity if found else None
    placed = all(m.type == "LOC" for m in found)  # المبعوث الأممي لليمن: a place qualifies the title
    if placed and (ctx.tokens[first].stem in ctx.titles or ctx.tokens[first].norm in ctx.titles):
        named = _name_after_title(ctx, end, last)
        if named is not None:  # قال السفير التونسي لدى روسيا علي قوطالي في حديث ...
            return Speaker(named[0], ctx.doc.text[ctx.tokens[first].start:named[1]], gender)
    head = _definite_head(ctx, first, end) if placed else None
    if opener is None:
        titled = titled_person(ctx, first, end, head)
        if titled is not None:
            return Speaker(titled[0], text if titled[0] else titled[1], gender)
    if head is not None:
        earlier = history.antecedent(head)
        if earlier is not None:
            return replace(earlier, gender=gender)
    return Speaker(None, text, gender, org)


def _name_after_title(ctx: SpeakerContext, end: int, last: int) -> tuple[str | None, int] | None:
    """(entity, end offset) of the first person named after a title phrase and its adjuncts, unless a
    preposition such as مع makes them someone else (قال الوزير في لقاء مع الرئيس فلان)."""
    for i in range(end, last):
        named = _name_at(ctx, i, last)
        if named is not None:
            return named
        token, mention = ctx.tokens[i], ctx.mentions.at(i)
        post = token.norm in DESTINATIONS and _place(ctx, i + 1)
        if (token.norm in OTHER_PARTY and not post) or (
                mention is None and any(seg.prefix == "ب" for seg in token.segments)):
            return None
    return None


def _place(ctx: SpeakerContext, i: int) -> bool:
    mention = ctx.mentions.at(i)
    return mention is not None and mention.type == "LOC"


def _name_at(ctx: SpeakerContext, i: int, last: int) -> tuple[str | None, int] | None:
    """(entity, end offset) of a person mention or a name the entities stage missed at token `i`."""
    mention = ctx.mentions.at(i)
    if mention is not None:
        return (mention.entity, mention.end) if mention.type == "PER" else None
    end = name_end(ctx, i, last)
    return (name_entity(ctx, i, end), ctx.tokens[end - 1].end) if end > i else None


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


def titled_person(ctx: SpeakerContext, first: int, end: int, noun: str | None) -> tuple[str | None, str] | None:
    """(entity, phrase) of the person last named right after the description at first..end-1 before
    it (رئيس الحكومة -> رئيس الحكومة يوسف الشاهد), else after its first two words (المتحدث باسم
    المؤسسة العامة ... -> المتحدث باسم المؤسسة فلان), else after its title noun alone (المبعوث -> his name)."""
    words = [_bare(t.norm) for t in ctx.tokens[first:end]]
    shapes = ([words] if len(words) > 1 else []) + ([words[:2]] if len(words) > 2 else [])
    for shape in shapes:
        for i in range(first - 1, -1, -1):
            token = ctx.tokens[i]
            if (token.norm.endswith(shape[0]) and _bare(token.norm) == shape[0]
                    and [_bare(t.norm) for t in ctx.tokens[i + 1:i + len(shape)]] == shape[1:]):
                named = _named_after(ctx, i, i + len(shape), first)
                if named is not None:
                    return named
    if noun in ctx.titles:
        for i in range(first - 1, -1, -1):
            token = ctx.tokens[i]
            if noun in (token.norm, token.stem, token.norm[2:]):
                named = _named_after(ctx, i, i + 1, first)
                if named is not None:
                    return named
    return None


def _named_after(ctx: SpeakerContext, title: int, start: int, before: int) -> tuple[str | None, str] | None:
    """(entity, phrase from the title) of a person named within reach after token `start`."""
    for j in range(start, min(title + TITLE_REACH, before)):
        named = _name_at(ctx, j, before)
        if named is not None:
            return named[0], ctx.doc.text[ctx.tokens[title].start:named[1]]
        stop = ctx.tokens[j]
        post = stop.norm in DESTINATIONS and _place(ctx, j + 1)
        if (stop.norm in OTHER_PARTY and not post) or (stop.kind == "punct" and stop.text not in QUOTE_MARKS):
            return None
    return None


def sentence_subject(ctx: SpeakerContext, cue: int, gender: str) -> Speaker | None:
    """The first person (masculine cue) or organisation (feminine cue) named in the sentence before a
    participle cue: the subject it hangs on (أفاد رئيس الحكومة فلان ...، مشيرا إلى أن)."""
    kind = SUBJECT_TYPES.get(gender)
    i = cue - 1
    while i > 0 and ctx.tokens[i - 1].text not in SENTENCE_ENDS:
        i -= 1
    for j in range(i, cue):
        mention = ctx.mentions.at(j)
        if mention is not None and mention.type == kind:
            return Speaker(mention.entity, ctx.doc.text[mention.start:mention.end], gender)
    return None


def _bare(norm: str) -> str:
    """A word without its article and conjunction, for comparing descriptions (والمبعوث ~ مبعوث)."""
    norm = norm[1:] if norm[:1] in "وف" and len(norm) > 3 else norm
    return norm[2:] if norm.startswith(DEFINITE) else norm


def opens_phrase(ctx: SpeakerContext, i: int) -> bool:
    """True when token `i` opens a speaker phrase: a mention, or a speaker noun with or without ال."""
    token = ctx.tokens[i]
    if ctx.mentions.at(i) is not None:
        return True
    stem = token.norm[2:] if token.norm.startswith(DEFINITE) else token.norm
    return stem in ctx.nouns or token.stem in ctx.nouns or token.norm in ctx.surnames


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
