"""Quotes: statements attributed to a speaker, direct (in quotation marks) or reported (قال ... إن).

The cascade, one function per step:
1. `quote_pairs`: pair the quotation marks “…” «…» "…" ’…’ of each paragraph;
2. `blocks`: sentences rejoined where a line break wraps a sentence (the quote runs to its end);
3. `find_cues`: verbs of saying from data/lexicons/speech_verbs.tsv, in any form, bare or after و/ف,
   and the verbal noun قوله/بالقول whose speaker stands before it (نقلت الصحيفة عن الوزير قوله إن);
   regular forms the lexicon leaves out are derived (يؤكدان، ليؤكد، مؤكدين); none right after a preposition;
4. `read_cue`: what follows each cue: the speaker phrase, then إن/أن, a colon, quotation marks or
   (for verbs such as أكد، دعا) a noun phrase; or quotation marks just before it ("..."، قال);
5. `find_quotes`: in text order, resolve each speaker (resolve/speakers.py) and write one quote
   per cue, then the quotation marks no cue claimed (speaker: the last one met).
A quote span is the quoted content; attrs: speaker (entity id or None), speaker_text, cue, text,
direct, and speaker_org (the organisation an unnamed speaker speaks for). The "cues" layer
holds the cue words. Speakers are linked through the entities layer; on a Doc without entity
mentions every quote keeps its speaker phrase and a null speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from marsad.pipeline import stage
from marsad.resolve.actors import MentionIndex
from marsad.resolve.speakers import (
    Speaker,
    SpeakerContext,
    SpeakerHistory,
    chanted,
    group_before,
    object_start,
    opens_phrase,
    person_words,
    phrase_end,
    relative_antecedent,
    reported_speaker,
    sentence_subject,
    speaker_in,
    subject_before,
    surnames,
)
from marsad.resources import table
from marsad.settings import QuoteSettings, Settings
from marsad.text.doc import Doc, Span
from marsad.text.fold import fold
from marsad.text.tokens import Token, tokens_of

OPENERS = {"“": "”", "«": "»", "„": "“", "‹": "›"}
SYMMETRIC = "\"’‘"
MARKS_RE = re.compile("[“”«»„‹›\"’‘]")
PARAGRAPH_RE = re.compile(r"(?<=[.!?؟:»”\"])[ \t\u00a0]*\n|\n[ \t\u00a0]*\n")
TERMINAL = ".!?؟…:»”\"’)"
COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "انهما", "انني", "اني", "اننا", "انهن",
                             "بان", "بانه", "بانها", "بانهم", "وان", "وانه", "وانها"})
NOT_COMPLEMENTIZER_AFTER = frozenset({"بعد", "قبل", "منذ", "دون", "بدون", "بدل", "الا", "حتي", "لاجل", "يمكن", "يجب"})
CONJUNCTIONS = ("و", "ف")
NEAR_WINDOW = 2  # words a "near" verb (بين) may have before its إن/أن
MIN_DIRECT_WORDS = 2  # quotation marks right after a cue with fewer words are a name (كشفت "ويندوز")
NP_NAME_REACH = 7  # tokens of title (and quotation marks) before the name of the subject of أكد/أعلن + noun phrase
PREPOSITIONS = frozenset({"الي", "علي", "عن", "ب"})
NOUN_PREPOSITIONS = frozenset({"الي", "علي", "عن", "في", "فى", "حول", "مع", "ب", "ل", "لدي", "نحو"})  # not من: also "who"
ALI_NAME = "علي"
MIN_OBJECT_STEM = 4  # بتوفير is ب + an object; بائع is a word that happens to start with ب
CONTENT_TRIM = " \t\n\u00a0.,،:;؛-–—"
SAID = "said"          # the complement of قوله/بالقول: its speaker stands before it
SAID_WINDOW = 3        # words between قوله and its إن/أن, colon or quotation marks (قوله في بيان إن)
VERB_GENDER = "v"      # بالقول takes the gender of the clause's verb (اختتمت ... بالقول)
PLURAL = "p"
NOT_SPEAKER_KINDS = frozenset({"chant", "quantity"})  # looked for around plural cues, never a speaker head
CLAUSE_VERB_REACH = 14  # tokens back from بالقول to its clause's verb
WEAK_ENDINGS = ("ى", "ا", "ي", "و")  # نفى، دعا، ينفي، يدعو: irregular endings the lexicon spells out
PRESENT_M, PRESENT_F = "ي", "ت"
FULL_PARADIGM = 3  # forms a verb needs in the lexicon before its regular forms are derived
PURPOSE = "ل"  # ليؤكد أن ...: "then stated", a new statement by the sentence's subject


@dataclass(frozen=True, slots=True)
class Verb:
    """One form of a verb of saying."""

    lemma: str
    gender: str       # m | f | p
    complement: str   # that | near | np | in
    participle: bool  # مشيرا، مؤكدة: the speaker is the subject of the sentence, never a phrase after it


@dataclass(frozen=True, slots=True)
class Cue:
    """A verb of saying at token `index`."""

    index: int
    verb: Verb


@dataclass(frozen=True, slots=True)
class Claim:
    """What a cue says: its content span, whether it is direct, and where the speaker phrase lies."""

    cue: Cue
    start: int
    end: int
    direct: bool
    region: tuple[int, int]          # token range after the cue that may name the speaker
    pair: tuple[int, int] | None     # the quotation marks it used


@dataclass(frozen=True)
class QuoteLexicon:
    """Verb forms (folded) and speaker head nouns, loaded once per process."""

    verbs: dict[str, Verb]
    nouns: frozenset[str]
    titles: frozenset[str]
    given: frozenset[str]
    links: frozenset[str]
    groups: frozenset[str] = frozenset()
    chants: frozenset[str] = frozenset()
    quantities: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> QuoteLexicon:
        verbs = {}
        rows = table("lexicons/speech_verbs.tsv")
        listed = {(r["lemma"], r["form"]) for r in rows}
        for row in rows:
            verb = Verb(row["lemma"], row["gender"], row["complement"], row["participle"] == "yes")
            for form, shape in ((row["form"], verb), *inflections(row["lemma"], row["form"], verb, listed)):
                for conjunction in ("", *CONJUNCTIONS):  # قال، وقال، فقال
                    verbs.setdefault(conjunction + fold(form), shape)
        rows = table("lexicons/speaker_nouns.tsv")
        nouns = frozenset(fold(r["noun"]) for r in rows if r["kind"] not in NOT_SPEAKER_KINDS)
        titles = frozenset(fold(r["noun"]) for r in rows if r["kind"] == "person")
        names = table("lexicons/person_names.tsv")

        def kind(name: str) -> frozenset[str]:
            return frozenset(fold(r["noun"]) for r in rows if r["kind"] == name)
        return cls(verbs, nouns, titles, frozenset(fold(r["name"]) for r in names if r["kind"] == "given"),
                   frozenset(fold(r["name"]) for r in names if r["kind"] == "link"),
                   kind("group"), kind("chant"), kind("quantity"))


def inflections(lemma: str, form: str, verb: Verb, listed: set[tuple[str, str]]) -> list[tuple[str, Verb]]:
    """The regular forms the lexicon leaves out, from the ones it lists: duals (يؤكدان، تؤكدان، أكدتا),
    ل with the present (ليؤكد، لتضيف، ليؤكدوا) and the plural participle (مؤكدين). Weak verbs ending
    in ى/ا, and verbs listed in fewer than FULL_PARADIGM forms (زاد، جاء: rarely verbs of saying), are left
    to the lexicon; a listed form always wins over a derived one."""
    if sum(1 for other, _ in listed if other == lemma) < FULL_PARADIGM:
        return []
    plural = replace(verb, gender=PLURAL)
    if verb.participle:  # مؤكدا -> مؤكدين
        return [(form[:-1] + "ين", plural)] if verb.gender == "m" and form.endswith("ا") else []
    if verb.complement == SAID or form.endswith(WEAK_ENDINGS):
        return []
    out: list[tuple[str, Verb]] = []
    if form == lemma and verb.gender == "m":  # the past: أكد -> أكدت، أكدوا، أكدتا
        out += [(form + "ت", replace(verb, gender="f")), (form + "وا", plural), (form + "تا", plural)]
    present = form[0] == PRESENT_M or (form[0] == PRESENT_F and (lemma, PRESENT_M + form[1:]) in listed)
    if present and form != lemma:
        if verb.gender == "m":  # يؤكد -> يؤكدان، تؤكدان
            out += [(form + "ان", plural), (PRESENT_F + form[1:] + "ان", plural)]
        if verb.gender == PLURAL and form.endswith("ون"):  # ليؤكدوا
            out.append((PURPOSE + form[:-1] + "ا", verb))
        else:
            out.append((PURPOSE + form, verb))
    return out


def quote_pairs(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Offsets (open, close) of matched quotation marks, paired within each paragraph."""
    pairs: list[tuple[int, int]] = []
    start = 0
    for m in [*PARAGRAPH_RE.finditer(text), None]:
        end = m.end() if m else len(text)
        _pair_marks(text, start, end, max_chars, pairs)
        start = end
    return sorted(pairs)


def _pair_marks(text: str, start: int, end: int, max_chars: int, pairs: list[tuple[int, int]]) -> None:
    stack: list[tuple[str, int]] = []
    open_symmetric: dict[str, int] = {}
    for m in MARKS_RE.finditer(text, start, end):
        ch, at = m.group(), m.start()
        if ch in SYMMETRIC and not _apostrophe(text, at):
            if ch in open_symmetric:
                opened = open_symmetric.pop(ch)
                if at - opened <= max_chars:
                    pairs.append((opened, at))
            else:
                open_symmetric[ch] = at
        elif ch in OPENERS and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append((ch, at))
        else:
            for depth in range(len(stack) - 1, -1, -1):
                if OPENERS[stack[depth][0]] == ch:
                    if at - stack[depth][1] <= max_chars:
                        pairs.append((stack[depth][1], at))
                    del stack[depth:]
                    break


def _apostrophe(text: str, at: int) -> bool:
    """A ’ or ' between two Latin letters is an apostrophe (O’Neill), not a mark."""
    return (text[at] != "\"" and 0 < at < len(text) - 1
            and text[at - 1].isascii() and text[at - 1].isalpha() and text[at + 1].isascii() and text[at + 1].isalpha())


def blocks(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans, rejoined where a sentence was cut by a line break inside it."""
    out: list[tuple[int, int]] = []
    for sent in doc.spans.get("sentences", ()):
        if out and doc.text[out[-1][1] - 1] not in TERMINAL and doc.text.count("\n", out[-1][1], sent.start) == 1:
            out[-1] = (out[-1][0], sent.end)
        else:
            out.append((sent.start, sent.end))
    return out or [(0, len(doc.text))]


def find_cues(tokens: list[Token], lexicon: QuoteLexicon) -> list[Cue]:
    """Every verb of saying among the tokens."""
    verbs = lexicon.verbs
    return [Cue(i, verbs[t.norm]) for i, t in enumerate(tokens) if t.norm in verbs and not _after_preposition(tokens, i)]


def _after_preposition(tokens: list[Token], i: int) -> bool:
    """A word right after a preposition is a noun, never a verb: إلى نفي الشائعات، على نفي التهم (the
    verbal noun نفي folds like the verb نفى). علي spelled with ي is the name (قال علي إن)."""
    if i == 0:
        return False
    before = tokens[i - 1]
    return before.norm in NOUN_PREPOSITIONS and not (before.norm == ALI_NAME and before.text.endswith(ALI_NAME))


@dataclass(frozen=True)
class Reader:
    """The per-document view `read_cue` works on."""

    doc: Doc
    tokens: list[Token]
    starts: list[int]
    blocks: list[tuple[int, int]]
    block_starts: list[int]
    pairs_by_open: dict[int, tuple[int, int]]
    pairs_by_close: dict[int, tuple[int, int]]
    cue_at: dict[int, Cue]
    cue_indices: list[int]
    settings: QuoteSettings
    ctx: SpeakerContext

    def block_end(self, offset: int) -> int:
        return self.blocks[max(bisect_right(self.block_starts, offset) - 1, 0)][1]

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect_right(self.starts, offset - 1)

    def words_in(self, pair: tuple[int, int]) -> int:
        """Words between a pair of quotation marks."""
        first, last = self.token_at(pair[0] + 1), self.token_at(pair[1])
        return sum(1 for t in self.tokens[first:last] if t.kind == "word")


def read_cue(r: Reader, cue: Cue) -> Claim | None:
    """The content and speaker region of one cue, or None when it introduces no statement."""
    tokens, i = r.tokens, cue.index
    block_end = r.block_end(tokens[i].start)
    first = i + 1
    if cue.verb.complement == "in":
        if first >= len(tokens) or tokens[first].norm not in ("في", "فى"):
            return None
        first += 1
    if cue.verb.complement == "np" and _object_first(r, first):
        return _noun_phrase(r, cue, first, block_end)
    window = {"near": NEAR_WINDOW, SAID: SAID_WINDOW}.get(cue.verb.complement, r.settings.speaker_window)
    k, words = first, 0
    while k < len(tokens) and tokens[k].start < block_end and words <= window:
        token = tokens[k]
        pair = r.pairs_by_open.get(token.start)
        if pair is not None and cue.verb.complement != "near":
            least = MIN_DIRECT_WORDS if k == first else r.settings.min_free_quote_words
            if r.words_in(pair) >= least and not _is_name(r, pair):
                return Claim(cue, pair[0] + 1, pair[1], True, (first, k), pair)
            k = r.token_at(pair[1] + 1)  # a name in quotation marks: part of the speaker phrase
            words += 1
            continue
        if token.text == ":":
            return _after_colon(r, cue, first, k, block_end)
        if _complementizer(tokens, k):
            obj = _object_in(r, first, k) if cue.verb.complement == "np" else None
            if obj is not None:  # شدد الوزير على أهمية ... أن: the object comes first
                return _claim(r, cue, tokens[obj].start, _clause_end(r, obj, block_end), (first, obj))
            return _reported(r, cue, first, k, k + 1, block_end)
        if k > first and (k in r.cue_at or token.text in ".!?؟"):
            break
        words += token.kind != "punct"
        k += 1
    if cue.verb.complement in ("near", SAID):
        return None
    before = _pair_closing_before(r, i)
    if before is not None:
        return Claim(cue, before[0] + 1, before[1], True, (first, k), before)
    if cue.verb.complement != "np":
        return None
    return _noun_phrase(r, cue, first, block_end)


def _is_name(r: Reader, pair: tuple[int, int]) -> bool:
    """True when quotation marks hold a name (كشف المبعوث "إسماعيل ولد الشيخ أحمد"), not a statement."""
    inside = [m for m in r.ctx.mentions.mentions if pair[0] < m.start and m.end <= pair[1]]
    return sum(m.end - m.start for m in inside) * 2 >= pair[1] - pair[0] - 1


def _object_first(r: Reader, first: int) -> bool:
    """True when token `first` opens a prepositional object (طالبوا بتوفير، دعا إلى الحوار), not إلى أن."""
    if (first + 1 >= len(r.tokens) or r.ctx.mentions.at(first) is not None
            or _complementizer(r.tokens, first) or _complementizer(r.tokens, first + 1)):
        return False
    token = r.tokens[first]
    return token.norm in PREPOSITIONS or any(
        seg.prefix == "بال" or (seg.prefix == "ب" and len(seg.stem) >= MIN_OBJECT_STEM) for seg in token.segments)


def _object_in(r: Reader, first: int, k: int) -> int | None:
    """The token opening a prepositional object between the speaker phrase and the complementizer at `k`."""
    start = phrase_end(r.ctx, first, k)
    return next((j for j in range(max(start, first), k - 1) if _object_first(r, j)), None)


def _complementizer(tokens: list[Token], k: int) -> bool:
    return tokens[k].norm in COMPLEMENTIZERS and (k == 0 or tokens[k - 1].norm not in NOT_COMPLEMENTIZER_AFTER)


def _after_colon(r: Reader, cue: Cue, first: int, colon: int, block_end: int) -> Claim | None:
    nxt = colon + 1
    if nxt < len(r.tokens) and r.tokens[nxt].start in r.pairs_by_open:
        pair = r.pairs_by_open[r.tokens[nxt].start]
        return Claim(cue, pair[0] + 1, pair[1], True, (first, colon), pair)
    if nxt < len(r.tokens) and _complementizer(r.tokens, nxt):
        return _reported(r, cue, first, colon, nxt + 1, block_end)
    claim = _reported(r, cue, first, colon, nxt, block_end)
    return Claim(claim.cue, claim.start, claim.end, True, claim.region, None) if claim else None


def _reported(r: Reader, cue: Cue, first: int, region_end: int, content_first: int, block_end: int) -> Claim | None:
    """Reported speech from token `content_first` to the end of the clause (or its quotation marks)."""
    tokens = r.tokens
    if content_first >= len(tokens) or tokens[content_first].start >= block_end:
        return None
    opening = tokens[content_first].start
    if opening in r.pairs_by_open:
        pair = r.pairs_by_open[opening]
        after = r.token_at(pair[1] + 1)
        while after < len(tokens) and tokens[after].kind == "punct" and tokens[after].start < block_end:
            after += 1
        if after >= len(tokens) or tokens[after].start >= block_end or r.cue_at.get(after):
            return Claim(cue, pair[0] + 1, pair[1], True, (first, region_end), pair)
    end = _clause_end(r, content_first, block_end)
    return _claim(r, cue, opening, end, (first, region_end))


def _noun_phrase(r: Reader, cue: Cue, first: int, block_end: int) -> Claim | None:
    """أكد الوزير أهمية ...: the object after the speaker phrase (after the verb when it has none)."""
    tokens = r.tokens
    if first >= len(tokens) or tokens[first].start >= block_end or tokens[first].kind == "punct":
        return None
    end = _clause_end(r, first, block_end)
    named = r.ctx.mentions.within(first, min(first + NP_NAME_REACH, len(tokens)))
    person = next((m for m in named if m.type == "PER"), None)
    opener = r.ctx.mentions.at(first)
    if cue.verb.participle:
        region_end = first
    elif person is not None or opener is not None:  # أعلن قائمقام المدينة دلف الكبيسي توغل ...: after the name
        region_end = r.token_at((person or opener).end)
    elif opens_phrase(r.ctx, first):  # يؤكد الخبراء أهمية ...: the object opens where the phrase cannot go on
        end_of_phrase = phrase_end(r.ctx, first, len(tokens))
        region_end = object_start(r.ctx, first, end_of_phrase)
    else:
        region_end = first
    if region_end >= len(tokens) or tokens[region_end].start >= end:
        return _claim(r, cue, tokens[first].start, end, (first, region_end))  # subject and object run together
    return _claim(r, cue, tokens[region_end].start, _clause_end(r, region_end, block_end), (first, region_end))


def _claim(r: Reader, cue: Cue, start: int, end: int, region: tuple[int, int]) -> Claim | None:
    text = r.doc.text
    while start < end and text[start] in CONTENT_TRIM:
        start += 1
    while end > start and text[end - 1] in CONTENT_TRIM:
        end -= 1
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return Claim(cue, start, end, text[start] in OPENERS or text[start] in SYMMETRIC, region, None)


def _clause_break(r: Reader, k: int) -> bool:
    """True when token `k` opens a new statement: a cue after a comma or with و/ف."""
    cue = r.cue_at.get(k)
    if cue is None:
        return False
    token = r.tokens[k]
    return token.norm[:1] in CONJUNCTIONS or (k > 0 and r.tokens[k - 1].kind == "punct")


def _said_clause(r: Reader, k: int, first: int) -> int | None:
    """The token opening the clause of the verbal noun at `k` (ونقلت الصحيفة عن الوزير قوله), after `first`:
    the word with و/ف nearest before it, or the one after a punctuation mark."""
    for j in range(k - 1, max(first, k - CLAUSE_VERB_REACH) - 1, -1):
        token = r.tokens[j]
        if token.kind == "punct":
            return j + 1 if j + 1 < k else None
        if token.norm[:1] in CONJUNCTIONS and len(token.norm) > 3 and r.ctx.mentions.at(j) is None:
            return j
    return None


def _clause_end(r: Reader, first: int, block_end: int) -> int:
    """Where the statement starting at token `first` ends: the next clause-opening cue, or the block end."""
    for k in r.cue_indices[bisect_right(r.cue_indices, first):]:
        if r.tokens[k].start >= block_end:
            break
        if r.cue_at[k].verb.complement == SAID:
            opening = _said_clause(r, k, first + 1)
            if opening is not None:
                return r.tokens[opening].start
        elif _clause_break(r, k):
            return r.tokens[k].start
    return block_end


def _pair_closing_before(r: Reader, i: int) -> tuple[int, int] | None:
    """Quotation marks that close just before the cue ("..."، قال الوزير)."""
    for back in (1, 2):
        if i - back < 0:
            return None
        token = r.tokens[i - back]
        if token.start in r.pairs_by_close:
            return r.pairs_by_close[token.start]
        if token.text not in "،,":
            return None
    return None


def find_quotes(doc: Doc, lexicon: QuoteLexicon, settings: QuoteSettings) -> list[Span]:
    """Quote spans (content) with speaker, speaker_text, cue, text and direct."""
    tokens = tokens_of(doc)
    pairs = quote_pairs(doc.text, settings.max_quote_chars)
    cues = find_cues(tokens, lexicon)
    reader = _reader(doc, tokens, pairs, cues, lexicon, settings)
    ctx = reader.ctx
    long_pairs = [p for p in pairs if reader.words_in(p) >= settings.min_free_quote_words and not _is_name(reader, p)]
    read = [(cue, read_cue(reader, cue)) for cue in cues if not _inside(tokens[cue.index].start, long_pairs)]
    claims = _one_claim_per_pair([c for _, c in read if c is not None])
    items: list[tuple[int, Claim | Cue | tuple[int, int]]] = [(tokens[c.cue.index].start, c) for c in claims]
    items += [(tokens[cue.index].start, cue) for cue, c in read if c is None]
    covered = [(c.start, c.end) for c in claims]
    items += [(p[0], p) for p in long_pairs if not _inside(p[0] + 1, covered) and not _covers(p, covered)]
    history = SpeakerHistory()
    spans = []
    for _, item in sorted(items, key=lambda x: x[0]):
        if isinstance(item, Claim):
            speaker = _resolve(ctx, item, settings, history)
            spans.append(_quote_span(doc, item.start, item.end, speaker, tokens[item.cue.index], item.direct))
        elif isinstance(item, Cue):
            _remember_unquoted(ctx, item, settings, history)
        else:
            last = history.speakers[-1] if history.speakers else None
            spans.append(_quote_span(doc, item[0] + 1, item[1], last, None, True))
    return spans


def _reader(doc: Doc, tokens: list[Token], pairs: list[tuple[int, int]], cues: list[Cue],
            lexicon: QuoteLexicon, settings: QuoteSettings) -> Reader:
    parts = blocks(doc)
    mentions = MentionIndex(doc, tokens)
    ctx = SpeakerContext(doc, tokens, mentions, lexicon.nouns, lexicon.titles, tuple(doc.spans.get("times", ())),
                         lexicon.given, lexicon.links, person_words(doc, mentions),
                         groups=lexicon.groups, chants=lexicon.chants, quantities=lexicon.quantities)
    ctx = replace(ctx, surnames=surnames(ctx))
    return Reader(doc, tokens, [t.start for t in tokens], parts, [b[0] for b in parts],
                  {p[0]: p for p in pairs}, {p[1]: p for p in pairs}, {c.index: c for c in cues},
                  [c.index for c in cues], settings, ctx)


def _resolve(ctx: SpeakerContext, claim: Claim, settings: QuoteSettings, history: SpeakerHistory) -> Speaker | None:
    """Speaker phrase after the cue, else the subject before it, else the last speaker of its gender."""
    verb, cue = claim.cue.verb, claim.cue.index
    gender = _clause_gender(ctx, cue) if verb.gender == VERB_GENDER else verb.gender
    if verb.complement == SAID:
        speaker = reported_speaker(ctx, cue, gender, history)
        if speaker is not None:
            history.remember(speaker)
        return speaker
    if chanted(ctx, cue):  # رددوا شعارات تطالب: the crowd that chants
        return group_before(ctx, cue, PLURAL, history) or history.recall(PLURAL)
    speaker = None if verb.participle else speaker_in(ctx, claim.region[0], claim.region[1], gender, history)
    if speaker is None and not verb.participle:
        speaker = (relative_antecedent(ctx, cue, gender)
                   or subject_before(ctx, cue, settings.max_left_subject, gender, history))
    if speaker is None and gender == PLURAL:
        speaker = group_before(ctx, cue, gender, history)
    if speaker is None:
        # The last speaker of the cue's gender, else the subject the sentence began with
        # (وصل فلان ...، وقال إن); on the dev gold the reverse order loses 0.026 quotes F1.
        found = history.recall(gender) or sentence_subject(ctx, claim.cue.index, gender)
        if found is None and verb.participle and gender == PLURAL and history.speakers:
            return history.speakers[-1]  # نتطلع ...، مؤكدين: a speaker who speaks for a delegation ("we")
        return found
    history.remember(speaker)
    return speaker


def _clause_gender(ctx: SpeakerContext, cue: int) -> str:
    """The gender of the verb opening the clause of بالقول (اختتمت الوزيرة كلمتها بالقول -> f)."""
    start = cue
    while start > 0 and cue - start < CLAUSE_VERB_REACH and ctx.tokens[start - 1].kind != "punct":
        start -= 1
    verb = ctx.tokens[start].text if start < cue else ""
    return PLURAL if verb.endswith("وا") else "f" if verb.endswith("ت") else "m"


def _remember_unquoted(ctx: SpeakerContext, cue: Cue, settings: QuoteSettings, history: SpeakerHistory) -> None:
    """A cue whose statement we cannot delimit (قال لـ"الاقتصادية" الصراف X ارتفعت ...) still names its speaker."""
    first = cue.index + 1
    last = min(first + settings.max_unquoted_speaker, len(ctx.tokens))
    if cue.verb.complement in ("near", SAID):  # بين تونس والسودان: "between", not "showed"
        return
    if first >= last or not (opens_phrase(ctx, first) or ctx.tokens[first].norm.startswith("ل")):
        return
    speaker = speaker_in(ctx, first, last, cue.verb.gender, history)
    if speaker is not None and phrase_end(ctx, first, last) < last:  # a phrase that ends, not a whole clause
        history.remember(speaker)


def _quote_span(doc: Doc, start: int, end: int, speaker: Speaker | None, cue: Token | None, direct: bool) -> Span:
    return Span(start, end, "quote", {
        "speaker": speaker.entity if speaker else None,
        "speaker_text": speaker.text if speaker else None,
        "speaker_org": speaker.org if speaker else None,
        "cue": cue.text if cue else None,
        "text": doc.text[start:end],
        "direct": direct,
        "_cue": (cue.start, cue.end) if cue else None,
    })


def _one_claim_per_pair(claims: list[Claim]) -> list[Claim]:
    """A pair of quotation marks is one statement: the first cue that claims it keeps it."""
    seen: set[tuple[int, int]] = set()
    out = []
    for claim in claims:
        if claim.pair is not None:
            if claim.pair in seen:
                continue
            seen.add(claim.pair)
        out.append(claim)
    return out


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < offset < b for a, b in ranges)


def _covers(pair: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(pair[0] < a and b <= pair[1] + 1 for a, b in ranges)


@stage("quotes", requires=("sentences", "tokens", "entities"), assigns=("quotes", "cues"))
def quotes_stage(settings: Settings) -> Callable[[Doc], Doc]:
    lexicon = QuoteLexicon.load()

    def quotes(doc: Doc) -> Doc:
        found = find_quotes(doc, lexicon, settings.quotes)
        doc.spans["quotes"] = found
        doc.spans["cues"] = [Span(*q.attrs["_cue"], "cue") for q in found if q.attrs["_cue"]]
        return doc
    return quotes
