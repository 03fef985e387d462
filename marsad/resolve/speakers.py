"""Who is speaking: the speaker phrase next to a cue verb, or the last speaker of the same gender.

A speaker is read from the words between a verb of saying and its complement (قال وزير الخارجية
سامح شكري إن ...), or from the words that open the clause before the verb (الوزارة أكدت أن ...).
The phrase is trimmed of adjuncts (في بيان، أمس، لفرانس برس); a person mention inside it is the
speaker, else an organisation or place that opens it; an unnamed speaker (مصدر مسؤول) keeps its
phrase and links the organisation it names. A verb with no subject (وأضاف أن ...) takes the last
speaker whose verb had the same gender (أضافت -> the last feminine speaker). The verbal noun قوله
names its speaker before it (نقلت الصحيفة عن الوزير قوله، اختتم الوزير كلمته بالقول); a relative
(فلان، الذي قال) points back to its antecedent; a plural verb with no subject takes the group the
sentence named (تجمع المتظاهرون ... وطالبوا), and so does a slogan (رددوا شعارات تطالب).
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
EMPHATICS = frozenset({"نفسه", "نفسها", "نفسهم", "ذاته", "ذاتها", "كلاهما", "كلتاهما", "جميعا", "جميعهم"})
NOT_NAME = frozenset({"اي", "الذي", "التي", "الذين", "كان", "كانت", "هو", "هي", "ما", "لا", "لم", "لن", "كل", "بعض"})
SUBJECT_TYPES = {"m": "PER", "f": "ORG"}  # the usual subject of a masculine / feminine participle
SENTENCE_ENDS = frozenset({".", "!", "?", "؟"})
ALI = "علي"  # spelled with ي it is the name; the preposition على folds to the same letters
DESTINATIONS = frozenset({"الي", "لدي"})  # السفير لدى روسيا فلان، المبعوث إلى اليمن فلان: the post, not a party
RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "والذي", "والتي"})
REPORTED_FROM = frozenset({"عن", "الي"})  # نقل عن فلان قوله، نسب إلى فلان قوله: the speaker follows
REPORTED_FROM_PRONOUNS = frozenset({"عنه", "عنها", "عنهم", "عنهما", "اليه", "اليها", "اليهم", "اليهما"})
POSSESSIVES = ("ه", "ها", "هم", "هما")  # raw endings of كلمته، حديثها: an object (ة is no pronoun)
COMPLEMENTS = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "وان"})
NOMINATIVE_PLURAL = "ون"  # المتظاهرون: a subject, and its adjectives agree (المتظاهرون الغاضبون)
MIN_PLURAL = 8  # letters of المحتجون; القانون، الزيتون are shorter
OBJECT_PLURAL = "ين"  # المتظاهرين: genitive or accusative, rarely the subject of a verb
QUANTITY_OF = "من"    # آلاف من المحتجين
CLAUSE_REACH = 14     # tokens back from قوله to the start of its clause
GROUP_REACH = 30      # tokens back from a plural cue searched for the group that speaks


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
    groups: frozenset[str] = frozenset()    # plural and collective speaker nouns (المتظاهرون، الوزراء)
    chants: frozenset[str] = frozenset()    # what a crowd carries or shouts (شعارات، لافتات)
    quantities: frozenset[str] = frozenset()  # nouns that open a crowd (آلاف، مئات)


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
        if i > first and ctx.tokens[i].norm in ("في", "فى"):  # قيادة الفرقة في الجيش العراقي: ends with the place
            mention = ctx.mentions.at(i + 1)
            i += 1
            while i < last and ctx.mentions.at(i) == mention:
                i += 1
            return i, None
        if _closed_plural(ctx, i, last):  # طالب المحتجون الحكومة بـ: the object follows the plural subject
            return i + 1, None
        i += 1
    return i, None


def object_start(ctx: SpeakerContext, first: int, end: int) -> int:
    """Where the object of a verb such as أكد/نفى starts inside the speaker phrase first..end-1: an
    indefinite word right after a definite one (يؤكد الخبراء أهمية ...، نفت الوزارة صحة ...،
    المتحدث باسم الجيش وجود ...). A definite noun takes no genitive, so that word cannot extend the
    phrase; names, titles, prepositional words (باسم) and emphatics (نفسه) may. `end` when none is."""
    tokens = ctx.tokens
    for i in range(first + 1, end):
        token, before = tokens[i], tokens[i - 1]
        if (token.kind != "word" or ctx.mentions.at(i) is not None or not _definite(ctx, i - 1)
                or before.kind != "word" or _definite(ctx, i) or _adjunct(token) or token.norm in EMPHATICS
                or _given(ctx, token) or token.norm in ctx.surnames or token.norm in ctx.titles
                or any(seg.prefix in ("ب", "ل", "لل", "بال") for seg in token.segments)):
            continue
        return i
    return end


def _definite(ctx: SpeakerContext, i: int) -> bool:
    """A word with the article (الوزير، والوزارة، للجيش) or part of a name."""
    token = ctx.tokens[i]
    return ctx.mentions.at(i) is not None or any(seg.prefix.endswith(DEFINITE) or seg.prefix == "لل"
                                                 for seg in token.segments) or token.norm.startswith(DEFINITE)


def _closed_plural(ctx: SpeakerContext, i: int, last: int) -> bool:
    """True when token `i` is a definite nominative plural (المحتجون) and the next word does not agree with it."""
    token = ctx.tokens[i]
    if not (token.norm.startswith(DEFINITE) and token.norm.endswith(NOMINATIVE_PLURAL)) or i + 1 >= last:
        return False
    after = ctx.tokens[i + 1]
    return (after.kind == "word" and ctx.mentions.at(i) is None and ctx.mentions.at(i + 1) is None
            and not after.norm.endswith(NOMINATIVE_PLURAL) and not _adjunct(after))


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
    return (stem in ctx.nouns or token.stem in ctx.nouns or token.norm in ctx.surnames
            or _nominative_plural(token))


def _nominative_plural(token: Token) -> bool:
    """A definite masculine plural in the nominative (المعتصمون، الفلسطينيون): human, and a subject."""
    return token.norm.startswith(DEFINITE) and token.norm.endswith(NOMINATIVE_PLURAL) and len(token.norm) >= MIN_PLURAL


def subject_before(ctx: SpeakerContext, cue: int, limit: int, gender: str,
                   history: SpeakerHistory) -> Speaker | None:
    """The subject opening the clause before the cue (الوزارة أكدت أن), when one is there."""
    first = cue
    while first > 0 and cue - first < limit and ctx.tokens[first - 1].kind != "punct":
        first -= 1
    while first < cue and ctx.tokens[first].norm in CLAUSE_OPENERS:
        first += 1
    that = next((k for k in range(cue - 1, first - 1, -1) if ctx.tokens[k].norm in COMPLEMENTS), None)
    if that is not None:  # أوضح أن الطرفين يؤكدون: the subject of the reported clause
        first = that + 1
    if first >= cue or not opens_phrase(ctx, first):
        return None
    end = cue
    while end > first and ctx.tokens[end - 1].norm in CLAUSE_OPENERS:
        end -= 1
    return speaker_in(ctx, first, end, gender, history)


def _clause_start(ctx: SpeakerContext, i: int, reach: int) -> int:
    """The first token of the clause holding token `i`: after punctuation (not a quotation mark), within reach."""
    start = i
    while start > 0 and i - start < reach:
        token = ctx.tokens[start - 1]
        if token.kind == "punct" and token.text not in QUOTE_MARKS:
            break
        start -= 1
    return start


def reported_speaker(ctx: SpeakerContext, cue: int, gender: str, history: SpeakerHistory) -> Speaker | None:
    """The speaker of the verbal noun قوله/بالقول at `cue`: the phrase after عن/إلى (نقلت الوكالة عن
    الوزير قوله، نسبت إلى الأمير قوله), else the subject after the clause's verb (اختتم الوزير كلمته
    بالقول); the last speaker of the gender for a pronoun (نقل عنه قوله، وختم حديثه بقوله)."""
    tokens = ctx.tokens
    start = _clause_start(ctx, cue, CLAUSE_REACH)
    while start < cue and tokens[start].norm in CLAUSE_OPENERS:
        start += 1
    for j in range(start, cue):
        if ctx.mentions.at(j) is not None:
            continue
        if tokens[j].norm in REPORTED_FROM_PRONOUNS:
            return history.recall(gender)
        if tokens[j].norm in REPORTED_FROM:
            return speaker_in(ctx, j + 1, cue, gender, history) or history.recall(gender)
    first = start + 1  # after the verb (اختتم، علق، تحدث)
    end = first
    while end < cue and (ctx.mentions.at(end) is not None or not _possessed(tokens[end])):
        end += 1
    speaker = speaker_in(ctx, first, end, gender, history) if end > first else None
    return speaker or history.recall(gender)


def _possessed(token: Token) -> bool:
    """A word with a possessive pronoun (كلمته، حديثها), the object of the verb rather than its subject."""
    return token.kind == "word" and len(token.text) > 3 and token.text.endswith(POSSESSIVES)


def relative_antecedent(ctx: SpeakerContext, cue: int, gender: str) -> Speaker | None:
    """The named antecedent of a relative right before the cue (الوزير فلان، الذي قال إن ...)."""
    if cue < 2 or ctx.tokens[cue - 1].norm not in RELATIVES:
        return None
    j = cue - 2
    if ctx.tokens[j].text in "،,":
        j -= 1
    mention = ctx.mentions.at(j) if j >= 0 else None
    if mention is None or mention.type not in ("PER", "ORG"):
        return None
    opening = j
    while opening > 0 and ctx.mentions.at(opening - 1) == mention:
        opening -= 1
    before = ctx.tokens[opening - 1] if opening > 0 else None
    if before is not None and (before.norm in OTHER_PARTY or _adjunct(before)):  # مع وكالة X الذي: ambiguous
        return None
    return Speaker(mention.entity, ctx.doc.text[mention.start:mention.end], gender)


def chanted(ctx: SpeakerContext, cue: int) -> bool:
    """True when the cue's subject is a slogan (رددوا شعارات تطالب، رفعوا لافتات تدعو): the crowd speaks."""
    if cue < 1:
        return False
    token = ctx.tokens[cue - 1]
    return not token.norm.startswith(DEFINITE) and (token.norm in ctx.chants or token.stem in ctx.chants)


def group_before(ctx: SpeakerContext, cue: int, gender: str, history: SpeakerHistory) -> Speaker | None:
    """The nearest group named before a plural cue in its sentence (تجمع المتظاهرون في الساحة
    وطالبوا، اجتمع وزراء الخارجية وأكدوا): its phrase is the speaker."""
    tokens = ctx.tokens
    for j in range(cue - 1, max(cue - GROUP_REACH, 0) - 1, -1):
        token = tokens[j]
        if token.text in SENTENCE_ENDS:
            return None
        if ctx.mentions.at(j) is not None or token.kind != "word":
            continue
        stem = token.norm[2:] if token.norm.startswith(DEFINITE) else token.norm
        quantity = _quantity(ctx, token)
        if stem not in ctx.groups and not quantity and _bare(token.norm) in ctx.groups:
            continue  # والعمال: the last of a list whose head comes first
        if j >= 2 and tokens[j - 1].norm == QUANTITY_OF and _quantity(ctx, tokens[j - 2]):
            continue  # آلاف من الطلاب: the crowd opens with its quantity
        if quantity and j + 2 < cue and tokens[j + 1].norm == QUANTITY_OF:
            end = j + 3  # آلاف من الناشطين والمواطنين
            while end < cue and _plural_of(ctx, tokens[end]):
                end += 1
            return Speaker(None, ctx.doc.text[token.start:tokens[end - 1].end], gender)
        if (stem in ctx.groups or _nominative_plural(token)) and not token.norm.endswith(OBJECT_PLURAL):
            end = next((k for k in range(j + 1, cue) if _adjunct(tokens[k]) or tokens[k].kind == "punct"), cue)
            return speaker_in(ctx, j, end, gender, history)
    return None


def _quantity(ctx: SpeakerContext, token: Token) -> bool:
    """آلاف، الآلاف، وآلاف (آلاف folds to الاف, which only looks definite)."""
    norm = token.norm
    return any(form in ctx.quantities for form in (norm, norm[2:], norm[1:], norm[3:]))


def _plural_of(ctx: SpeakerContext, token: Token) -> bool:
    """A conjoined plural after a crowd (والمواطنين، والعمال)."""
    return token.norm[:1] == "و" and (_bare(token.norm) in ctx.groups
                                      or token.norm.endswith(("ين", "ون")) and len(token.norm) > 5)
