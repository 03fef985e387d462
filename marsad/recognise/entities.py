"""Named entities: CRF tagging plus knowledge-base, facility and MISC patterns -> doc.spans["entities"].

`find_entities` runs these steps over each sentence, then groups and links the mentions:

1. CRF chunks (PERS/LOC/ORG/MISC from the model trained on ANERcorp), consistent across the article;
2. knowledge-base phrases (countries, cities, organisations): they fill gaps, or replace CRF
   chunks they contain (شانغهاي -> منظمة شانغهاي للتعاون), or end a CRF chunk they follow after a
   clitic preposition (نيسان لفرانس برس); then organisation heads with their complements (وزارة
   الخارجية الصينية، المجلس القومي لحقوق الإنسان), and rare words after place cues (محافظة الضالع);
3. head patterns: a facility head (مطار، سد، مصفاة ...) or a MISC head (مبادرة، مهرجان ...)
   followed by a name makes one FAC/MISC mention (مصفاة شيمكنت للنفط; not over a nationality
   adjective after a facility); person names grow to a title or a given name before them, a given
   name with a surname-like word is a person (علي الكندي), and so are two rare words after a verb
   of saying, a title or a nationality adjective (وقالت إنغريد سفينسون);
4. clean-up: nationality adjectives, titles, clitics and spans inside dates or figures are not names;
   a short quoted name takes its type from the words before it (فيلم بعنوان «...» MISC; صحيفة «...»،
   قال لـ«...» ORG) and keeps it; a person's first or last name standing alone elsewhere is that person;
5. coreference (resolve/coref.py) and linking (resolve/link.py) make the entity objects; a name of
   several entries (عمان) links to the one the article's other places and adjectives point to.

The rule-based finders of steps 2-3 (organisation heads onwards) are in `name_patterns`; the lexicons
and word tests the steps share are in `entity_lexicon`. Mention spans carry attrs {"entity": "E1"};
doc.objects["entities"] holds {id, type, name, name_en, kb_id} per entity.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any

from marsad.pipeline import stage
from marsad.recognise.entity_lexicon import (
    ARTICLE,
    BARE_FORMS,
    CONJ_PREP,
    FESTIVAL_DAYS,
    PREPOSITIONS,
    Chunk,
    EntityResources,
    bare,
    bare_entry,
    common_non_name,
    is_nisba,
    is_place_cue,
    is_rare,
    rare_word,
    stem_of,
    stem_of_word,
    without_article,
)
from marsad.recognise.features import FeatureLexicon, best_stem
from marsad.recognise.gazetteer import KbMatch, KnowledgeBase, name_key, name_start
from marsad.recognise.name_patterns import (
    apply_heads,
    blocked_tokens,
    extend_people,
    find_cast,
    find_cued_places,
    find_festival_days,
    find_foreign_names,
    find_given_names,
    find_organisations,
)
from marsad.resolve.coref import EntityGroup, Mention, group_mentions
from marsad.resolve.link import link_group, link_mention, relink_in_context
from marsad.scoring import span_chunks
from marsad.settings import EntitySettings, Settings
from marsad.text.doc import Doc, Span
from marsad.text.fold import fold
from marsad.text.tokens import Token, tokens_of

CRF_TYPES = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
QUOTES = "\"«»“”'"
DOUBLE_PARENS = re.compile(r"\(\(([^()\n]{1,80})\)\)")   # ((كازينفورم)): quotation marks in some agencies' style
OUTLET_MARK = re.compile(r"(?:^|\s)[لب]ـ*\s*$")   # قال لـ«...», في تصريح بـ "...": told to an outlet
OUTLET_REACH = 6     # words before لـ searched for a verb of saying or a statement noun
ORG_CUE_REACH = 4    # words before a quoted name searched for an organisation's kind (القناة الألمانية الرسمية «...»)
# Every quoted stretch, overlapping ones too (a closing mark may look like an opening one).
COORDINATED = re.compile(r"[\"»”')]*\s*(?:،\s*)?و\s*[\"«“'(]*")   # »، و« between two quoted names
QUOTED = re.compile(r"(?=[\"«“]([^\s\"«»“”.!?؟][^\"«»“”\n.!?؟]{0,78}[^\s\"«»“”.!?؟]|[^\s\"«»“”.!?؟])[\"»”])")
CLAUSE_OPENERS = frozenset({"ان", "لان", "بان", "وان", "كان", "لكن", "ولكن"})   # folded إن، أن، لأن ...


def crf_chunks(tags: Sequence[str]) -> list[Chunk]:
    """Chunks of a BIO tag sequence, conlleval style, with marsad's type names."""
    return [Chunk(CRF_TYPES[kind], start, end - 1) for kind, start, end in span_chunks(tags) if kind in CRF_TYPES]


def merge_kb(chunks: list[Chunk], tokens: Sequence[Token], kb: KnowledgeBase, lexicon: FeatureLexicon,
             common: Callable[[str], bool]) -> list[Chunk]:
    """Step 2: knowledge-base phrases fill gaps and replace the CRF chunks they contain.

    On the same tokens the knowledge base's type wins: in news, مصر is the country far more often
    than the football team. A one-word city name that is also a common word (المدينة) counts only
    where the CRF saw a name.
    """
    out = list(chunks)
    matches = [m for m in kb.find(tokens) if (m.first < m.last or m.entry.kind != "city"
               or any(c.first <= m.first <= c.last for c in chunks) or is_rare(tokens[m.first], common))
               and not _wrongly_stripped(m, tokens[m.first], lexicon)]
    for match in matches:
        inside = [c for c in out if c.first <= match.last and match.first <= c.last]
        if all(match.first <= c.first and c.last <= match.last for c in inside):
            out = [c for c in out if c not in inside]
            out.append(Chunk(match.entry.type, match.first, match.last, "kb", match.start))
    for chunk in [c for c in out if c.source == "crf"]:
        parts = [m for m in matches if chunk.first <= m.first and m.last <= chunk.last]
        if len(parts) > 1 and sum(m.last - m.first + 1 for m in parts) >= chunk.last - chunk.first:
            out.remove(chunk)   # إثيوبيا والهند: two places joined by و, not one name
            out.extend(Chunk(m.entry.type, m.first, m.last, "kb", m.start) for m in parts)
    for chunk in [c for c in out if c.source == "crf"]:
        head = next((m for m in matches if m.first == chunk.first and m.last < chunk.last
                     and (m.first < m.last or m.entry.type == "ORG")   # not سالم والشيخ: a one-word place is often a name
                     and tokens[m.last + 1].norm.startswith("و") and stem_of(tokens[m.last + 1]) != tokens[m.last + 1].norm),
                    None)
        if head is not None:   # ميليشيات الحوثي وصالح: a known name and another joined by و, not one name
            out.remove(chunk)
            out.append(Chunk(head.entry.type, head.first, head.last, "kb", head.start))
    for chunk in [c for c in out if c.source == "crf"]:
        cut = next((m for m in matches if chunk.first < m.first <= chunk.last and m.start > tokens[m.first].start), None)
        if cut is not None:   # نيسان لفرانس برس: a known name after a clitic preposition ends the name before it
            out.remove(chunk)
            out.append(Chunk(chunk.type, chunk.first, cut.first - 1))
            if not any(c.first <= cut.last and cut.first <= c.last for c in out):
                out.append(Chunk(cut.entry.type, cut.first, cut.last, "kb", cut.start))
    return sorted(out, key=lambda c: c.first)


def _wrongly_stripped(match: KbMatch, token: Token, lexicon: FeatureLexicon) -> bool:
    """A one-word name read after a clitic (ك + بيرا, ب + ابل) that is likelier the whole word: a known
    name itself (بابل), or a word at least as common as the name (كبيرا)."""
    if match.first < match.last or match.start == token.start:
        return False
    stem = next((s.stem for s in token.segments if s.start == match.start), token.norm)
    whole = lexicon.counts.get(token.norm, 0)
    return token.norm in lexicon.gazetteer_words or whole >= max(1, lexicon.counts.get(stem, 0))


def propagate_names(mentions: list[Mention], sentences: Sequence[Sequence[Token]], doc: Doc,
                    res: EntityResources, settings: EntitySettings) -> list[Mention]:
    """Step 4b: the first or last word of a person's full name, standing alone elsewhere, is that person."""
    parts = {w for m in mentions if m.type == "PER" and len(m.words) > 1 for w in (m.words[0], m.words[-1])}
    taken = [(m.start, m.end) for m in mentions]
    added = []
    if not parts:
        return mentions
    known = BARE_FORMS.get
    for token in [t for tokens in sentences for t in tokens   # a set test per token before the rest
                  if t.norm in parts or (known(t.text) or bare_entry(t))[0] in parts]:
        word, start = bare(token)
        if word not in parts and token.norm in parts:
            word, start = token.norm, token.start
        if (word in parts and rare_word(token, res, settings)
                and not any(a < token.end and start < b for a, b in taken)):
            added.append(Mention(start, token.end, "PER", doc.text[start:token.end], (word,)))
    return sorted(mentions + added, key=lambda m: m.start)


def quoted_names(doc: Doc, mentions: Sequence[Mention], res: EntityResources,
                 settings: EntitySettings) -> list[Mention]:
    """Step 4c: a short quoted name takes its type from the words before it, and keeps it (pinned).

    A work cue makes a MISC title (فيلم بعنوان «الملحن»); an organisation's kind makes an ORG without
    the kind word (صحيفة «الأيام»، مجموعة "فولفو" السويدية), and so does an outlet that was told a
    statement (قال لـ«الأيام»، في حديث لـ"الأيام": not the region in الشرق الأوسط); a quoted name right
    after an organisation's name is its short form (الهيئة العامة للطيران "الهيئة"). ((...)) counts as quotes.
    """
    text = doc.text
    org_ends = {m.end for m in mentions if m.type == "ORG"}
    stretches = sorted([(m.start(1), m.end(1)) for m in QUOTED.finditer(text)]
                       + [(m.start(1), m.end(1)) for m in DOUBLE_PARENS.finditer(text)])
    out: list[Mention] = []
    for start, end in stretches:
        name = text[start:end]
        if not 0 < len(name.split()) <= settings.max_title_words or any(o.start < end and start < o.end for o in out):
            continue
        kind = _quoted_kind(text, start, org_ends, res, settings)
        if not kind and out and COORDINATED.fullmatch(text[out[-1].end:start]):
            kind = out[-1].type   # قرية «الجنادية» و«الروضة»: a quoted name joined by و to a typed one
        if kind:
            entry = res.kb.lookup(name)
            out.append(Mention(start, end, kind, name, tuple(name_key(name).split()),
                               entry if entry is not None and entry.type == kind else None, pinned=True))
    found = {m.words: m for m in out}
    for start, end in stretches:   # the same name quoted again, with no cue, names the same thing
        words = tuple(name_key(text[start:end]).split())
        if words in found and not any(o.start < end and start < o.end for o in out):
            out.append(replace(found[words], start=start, end=end, text=text[start:end]))
    return sorted(out, key=lambda m: m.start)


def _quoted_kind(text: str, start: int, org_ends: set[int], res: EntityResources, settings: EntitySettings) -> str:
    """MISC, ORG or "" for the quoted name at `start`, from what stands before its opening mark."""
    raw = text[max(0, start - 80):start]
    before = raw.rstrip(QUOTES + "( ")
    if start - (len(raw) - len(before)) in org_ends:
        return "ORG"
    words = fold(before).replace("،", " ").split()
    mark = OUTLET_MARK.search(before)
    if mark:   # قال لـ«...», في تصريح لـ/بـ«...»; not وصف الخطة بـ«الطموحة», where بـ gives a description
        near = words[-(OUTLET_REACH + 1):-1]
        if any(res.work_cues.get(w) == "SAY" or (w in res.speech_verbs and "ل" in mark.group()) for w in near):
            return "ORG"
    if words and (words[-1] in res.place_cues or stem_of_word(words[-1]) in res.place_cues):
        return "LOC"   # قرية «الجنادية»، حي "الروضة"
    for back, word in enumerate(reversed(words[-ORG_CUE_REACH:])):
        kind = res.work_cues.get(word) or res.work_cues.get(word[1:]) or res.work_cues.get(word[2:])
        if kind == "MISC" and back < settings.title_cue_reach:
            return "MISC"
        if kind == "ORG" and all(w.startswith(ARTICLE) for w in words[len(words) - back:]) and not (
                word.startswith(ARTICLE) and len(words) > back + 1 and words[-back - 2] in CLAUSE_OPENERS):
            return "ORG"   # not إن الوكالة «قلقة جدا»: there the quote says what the subject is
    return ""


def to_mentions(chunks: Sequence[Chunk], tokens: Sequence[Token], doc: Doc, res: EntityResources,
                blocked: Sequence[Span], settings: EntitySettings) -> list[Mention]:
    """Step 4: chunks as clitic- and title-free mentions; adjectives and dates/figures dropped."""
    out = []
    for chunk in chunks:
        first = chunk.first
        while chunk.type == "PER" and first < chunk.last and tokens[first].norm in res.titles:
            first += 1
        span_tokens = tokens[first:chunk.last + 1]
        if not any(t.kind == "word" for t in span_tokens):
            continue
        if chunk.source == "crf" and len(span_tokens) == 1 and (
                is_nisba(span_tokens[0], res.kb) or common_non_name(span_tokens[0], res, settings)
                or without_article(stem_of(span_tokens[0])) in res.currencies
                or (chunk.type == "LOC" and _unlisted_common_place(span_tokens[0], res, settings))
                or without_article(stem_of(span_tokens[0])) in res.place_cues
                or stem_of(span_tokens[0]) in res.org_heads or without_article(stem_of(span_tokens[0])) in res.org_heads):
            continue   # الصيني, الدولة, الدولار, مدينة, البورصة: an adjective, a common word, a currency or a kind alone is not a name
        if chunk.source == "crf" and _blessing(span_tokens):
            continue
        start = _mention_start(span_tokens[0], chunk, res, tokens[first - 1] if first else None,
                               tokens[chunk.last + 1] if chunk.last + 1 < len(tokens) else None)
        end = span_tokens[-1].end
        while end > start and doc.text[end - 1] in QUOTES + ".,،:؛)(":
            end -= 1
        while start < end and doc.text[start] in QUOTES + "(":
            start += 1
        if end <= start or any(b.start <= start and end <= b.end for b in blocked):
            continue
        text = doc.text[start:end]
        out.append(link_mention(Mention(start, end, chunk.type, text, tuple(name_key(text).split())), res.kb))
    return out


def _blessing(tokens: Sequence[Token]) -> bool:
    """A verb with an attached pronoun and الله: a formula of blessing (حفظه الله، رحمه الله، أيده الله),
    not an organisation; names (عبد الله، حزب الله، آية الله) have no pronoun before الله."""
    return len(tokens) == 2 and tokens[1].norm == "الله" and tokens[0].text.endswith(("ه", "ها", "هم"))


def _unlisted_common_place(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    """A fairly common word that no gazetteer knows as a place (دولة, البحري): places are well listed."""
    word = stem_of(token)
    return (res.model.lexicon.counts.get(word, 0) >= settings.common_place_count
            and "LOC" not in res.model.lexicon.gazetteer_words.get(word, "") and res.kb.lookup(word) is None)


def _mention_start(token: Token, chunk: Chunk, res: EntityResources, before: Token | None = None,
                   after: Token | None = None) -> int:
    """Where the name starts in its first token: after the clitics when the bare form is the likelier word.

    A head word (مطار) always sheds them, and so does an organisation's head word (لوكالة, common as
    a whole word); a knowledge-base name sheds them when the whole word is not itself a name
    (وكازاخستان); other words as the CRF features read them (best_stem). `before` and `after` are the
    tokens around the chunk.
    """
    if chunk.source in ("head", "conj"):
        return bare(token)[1]
    if chunk.start is not None and chunk.start >= token.start:
        rival = next((seg for seg in token.segments[1:] if chunk.start == token.start and seg.prefix in CONJ_PREP
                      and (entry := res.kb.lookup(seg.stem)) is not None and entry.type == chunk.type), None)
        # لحج، بابل، واس: the knowledge base read the whole word (not ل + حج, ب + ابل); but وجدة in a
        # Saudi article is و + جدة: when the clitic reading is a known name of the same type, it wins,
        # unless the context wants the whole word (مدينة وجدة المغربية)
        if rival is None or _whole_word_context(token, before, after, res):
            return chunk.start
        return name_start(token, rival.prefix)
    if chunk.type == "PER":
        return _person_start(token, res)
    for seg in reversed(token.segments[1:]):
        if (res.kb.lookup(seg.stem) is not None and res.kb.lookup(token.norm) is None) or (
                seg.prefix in CONJ_PREP and seg.stem in res.org_heads):
            return name_start(token, seg.prefix)   # لوكالة فرانس برس: the name starts at its head word
    return name_start(token, best_stem(token, res.model.lexicon)[0])


def _whole_word_context(token: Token, before: Token | None, after: Token | None, res: EntityResources) -> bool:
    """Whether the words around a name that could be conjunction + name read it whole: no conjunction
    follows a preposition or a place cue (في وجدة، مدينة وجدة), and a nationality adjective after it
    names the whole word's country (وجدة المغربية)."""
    if before is not None and (before.norm in PREPOSITIONS or is_place_cue(stem_of(before), res)):
        return True
    whole = res.kb.lookup(token.norm)
    country = res.kb.country_of_nisba(after.norm) if after is not None else None
    return whole is not None and country is not None and whole.country == country.country


def _person_start(token: Token, res: EntityResources) -> int:
    """Where a person's name starts in its first token. Frequencies mislead here (و + يد is likelier
    than وليد as two words, ف + ال + يري than فاليري): a given name keeps its letters (وليد، فهد)
    or is found after a clitic (لمحمد); otherwise only و, the conjunction, is shed, unless the whole
    word is the commoner one (ولد، وليم) or, neither being known, ا/ي follows و: a W-name (ويلسون),
    since a vowel after the conjunction is written with hamza (وأوباما). Other first letters stay
    (لانس، فاليري)."""
    if token.text in res.given_names:
        return token.start
    segments = [seg for seg in token.segments[1:] if seg.prefix in CONJ_PREP]
    given = next((seg for seg in segments if seg.stem in res.given_folded), None)
    if given is not None:
        return given.start
    counts = res.model.lexicon.counts
    after_wa = next((seg for seg in segments if seg.prefix == "و" and len(seg.stem) > 1), None)
    if after_wa is None:
        return token.start
    whole, bare_count = counts.get(token.norm, 0), counts.get(after_wa.stem, 0)
    if bare_count > whole or (bare_count == whole and token.text[1:2] not in "اي"):
        return after_wa.start   # ولافروف، وجنبلاط، وأوباما
    return token.start


def sentence_tokens(doc: Doc) -> list[list[Token]]:
    """The doc's tokens cut at sentence boundaries (one list when there is no sentence layer)."""
    tokens = tokens_of(doc)
    starts = [t.start for t in tokens]
    cuts = [0, *(bisect_left(starts, s.end) for s in doc.spans.get("sentences", ())), len(tokens)]
    return [tokens[a:b] for a, b in pairwise(cuts) if a < b]


def find_entities(doc: Doc, res: EntityResources, settings: EntitySettings) -> tuple[list[Span], list[dict[str, Any]]]:
    """Mention spans and entity objects for `doc` (steps 1-5 of the module docstring)."""
    blocked = [*doc.spans.get("times", ()), *doc.spans.get("figures", ())]
    mentions: list[Mention] = []
    sentences = sentence_tokens(doc)
    counts = res.model.lexicon.counts

    def common(word: str) -> bool:
        return counts.get(word, 0) >= settings.common_word_count
    parts = [part for tokens in sentences for part in _parts(tokens, settings.max_sentence_tokens)]
    for part, tags in zip(parts, res.model.tag_document(parts)):
        stems = [(BARE_FORMS.get(t.text) or bare_entry(t))[0] for t in part]   # stem_of, inlined: it runs per token
        words = {t.norm for t in part}.union(stems)   # a step whose cue words are absent leaves the chunks as they are
        chunks = crf_chunks(tags)
        chunks = merge_kb(chunks, part, res.kb, res.model.lexicon, common)
        if not words.isdisjoint(res.org_heads):
            chunks = find_organisations(chunks, part, stems, res, blocked_tokens(part, blocked))
        if not words.isdisjoint(res.place_words):
            chunks = find_cued_places(chunks, part, stems, res, settings)
        if not words.isdisjoint(res.cast_cues):
            chunks = find_cast(chunks, part, stems, res, settings)
        if FESTIVAL_DAYS in words:
            chunks = find_festival_days(chunks, part, stems, res)
        if not words.isdisjoint(res.head_words):
            chunks = apply_heads(chunks, part, stems, res, settings)
        if any(c.type == "PER" for c in chunks):
            chunks = extend_people(chunks, part, res, settings)
        chunks = find_given_names(chunks, part, res, settings)
        chunks = find_foreign_names(chunks, part, res)
        mentions.extend(to_mentions(chunks, part, doc, res, blocked, settings))
    titles = quoted_names(doc, mentions, res, settings)
    mentions = [m for m in mentions if not any(t.start < m.end and m.start < t.end for t in titles)] + titles
    mentions = propagate_names(sorted(mentions, key=lambda m: m.start), sentences, doc, res, settings)
    groups = group_mentions(mentions, doc.text, res.org_heads | res.misc_heads)
    relink_in_context(groups, res.kb, lambda: (e.country for tokens in sentences for t in tokens
                                               if (e := res.kb.country_of_nisba(t.norm)) is not None))
    return entity_layers(groups)


def _parts(tokens: list[Token], size: int) -> list[list[Token]]:
    return [tokens[i:i + size] for i in range(0, len(tokens), size)]


def entity_layers(groups: Sequence[EntityGroup]) -> tuple[list[Span], list[dict[str, Any]]]:
    """Step 5: entity ids in order of first mention, their spans and their objects."""
    spans: list[Span] = []
    objects: list[dict[str, Any]] = []
    for n, group in enumerate(sorted(groups, key=lambda g: g.mentions[0].start), start=1):
        entity_id = f"E{n}"
        link = link_group(group)
        kind = group.type   # a property that counts the group's mentions: asked once, not per mention
        objects.append({"id": entity_id, "type": kind, "name": group.name, "name_en": link.name_en,
                        "kb_id": link.kb_id})
        spans.extend(Span(m.start, m.end, kind, {"entity": entity_id}) for m in group.mentions)
    spans.sort(key=lambda s: s.start)
    return spans, objects


@stage("entities", requires=("sentences", "tokens"), assigns=("entities",))
def entities_stage(settings: Settings) -> Callable[[Doc], Doc]:
    res = EntityResources.load(settings.entities)

    def entities(doc: Doc) -> Doc:
        doc.spans["entities"], doc.objects["entities"] = find_entities(doc, res, settings.entities)
        return doc
    return entities
