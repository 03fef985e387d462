"""Rule-based name finders that run on each sentence after the CRF and the knowledge base (steps 2b-3d
of `marsad.recognise.entities`): organisations by their head words (وزارة الخارجية الصينية), places
after cues (محافظة الضالع), facility and MISC heads (مصفاة شيمكنت للنفط), film casts and festivals, and
people the CRF cut short or missed (الرئيس الصيني شي جين بينغ، وقالت إنغريد سفينسون).

Each step takes the sentence's chunks and returns them with its finds; a step whose cue words are
absent from the sentence is not called (`entities.find_entities`)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from marsad.recognise.entity_lexicon import (
    ARTICLE,
    CONJ_PREP,
    DIRECTIONS,
    FESTIVAL_DAYS,
    MAX_COMPLEMENTS,
    NAME_PARTICLES,
    NATIONAL,
    NISBA_ENDS,
    NOT_COMPLEMENT,
    NOT_SURNAME_ENDINGS,
    PREPOSITIONS,
    RARE_NAME_COUNT,
    Chunk,
    EntityResources,
    foreign_word,
    is_cue,
    is_descriptive,
    is_place_cue,
    is_title,
    listed_place,
    not_first_name,
    rare_word,
    stem_of,
    surname_like,
    very_rare,
)
from marsad.recognise.gazetteer import KnowledgeBase
from marsad.settings import EntitySettings
from marsad.text.doc import Span
from marsad.text.tokens import Token


def find_organisations(chunks: list[Chunk], tokens: Sequence[Token], stems: Sequence[str],
                       res: EntityResources, blocked: set[int]) -> list[Chunk]:
    """Step 2b: an organisation head with its definite complements is an ORG.

    وزارة الطاقة والمناجم, اللجنة العليا للانتخابات, الجيش العراقي: the head (org_heads.tsv) takes
    following words with the article (ال، وال، لل); ل + an indefinite word is left out, being far
    more often a purpose (لتحرير المدينة) than part of a name (لحقوق الإنسان). An indefinite
    head needs one such word; a definite head (الجيش) two, or one nationality adjective or الوطني, and none
    right after a title. The span replaces the chunks it covers and yields to chunks that cross it.
    """
    out = list(chunks)
    heads = res.org_heads
    free = 0   # the first token after the last organisation found
    for i in [i for i, (t, stem) in enumerate(zip(tokens, stems)) if t.norm in heads or stem in heads]:
        if i < free:
            continue
        head = tokens[i].norm if tokens[i].norm in heads else stems[i]
        definite = head.startswith(ARTICLE)
        if definite and i > 0 and is_cue(tokens[i - 1], res):
            continue   # وزير الخارجية السعودي: a title's complement, not an organisation
        last = _complements_end(tokens, i, blocked, heads, definite, head in res.lam_heads, res.descriptive)
        named_after = next((c for c in out if c.type == "PER" and c.first in (last, last + 1)), None)
        if named_after is not None and last > i and is_title(tokens[last], res):
            last = named_after.last   # جامعة الملك عبد العزيز: named after a person, title and all
        if not definite and last > i and (tokens[i + 1].norm.startswith("لل") or (
                head in res.org_min and is_place_cue(stems[i + 1], res))):
            continue   # مركز للتعليم البحري, مركز محافظة الأنبار: a centre for something or of a place
        if last - i >= res.org_min.get(head, 1) and (
                not definite or last - i >= 2 or res.kb.country_of_nisba(tokens[last].norm)
                or tokens[last].norm.removesuffix("ه") == NATIONAL):
            crossing = [c for c in out if c.first <= last and i <= c.last and not (i <= c.first and c.last <= last)]
            if not crossing:
                out = [c for c in out if not (i <= c.first and c.last <= last)] + [Chunk("ORG", i, last, "org")]
                free = last + 1
    return sorted(out, key=lambda c: c.first)


def _complements_end(tokens: Sequence[Token], i: int, blocked: set[int], heads: frozenset[str],
                     definite: bool, lam: bool = False, descriptive: frozenset[str] = frozenset()) -> int:
    j = i
    linked = False
    while j + 1 < len(tokens) and j - i < MAX_COMPLEMENTS and j + 1 not in blocked:
        word = tokens[j + 1].norm
        if (word in NOT_COMPLEMENT or word.removesuffix("ه") in NOT_COMPLEMENT or tokens[j + 1].kind != "word"
                or is_descriptive(word, descriptive)):
            break
        after = tokens[j + 2].norm if j + 2 < len(tokens) else ""
        if word.startswith("لل") and after in PREPOSITIONS:
            break   # وزارة الصناعة للحد من: a purpose clause, not part of the name
        if j == i and not definite and j + 2 not in blocked and _genitive_link(word, after):
            j, linked = j + 2, True   # مجلس محافظة الأنبار: a noun and the definite genitive after it
            continue
        if lam and j > i and j + 2 not in blocked and _name_lam_phrase(word, after) and word[1:] not in heads:
            j += 2   # المجلس القومي لحقوق الإنسان: after such a head's complement, a ل-phrase is part of the name
            continue
        if not word.startswith(("ال", "وال", "لل")) or (word.startswith("و") and (definite or linked or word[1:] in heads)):
            break   # الجيش الوطني والمقاومة الشعبية: a second organisation, not more of the first
        if linked and not word.endswith(NISBA_ENDS):
            break   # ناقش مجلس محافظة البصرة الميزانية: after a whole genitive, only adjectives go on
        j += 1
    return j


def _name_lam_phrase(word: str, after: str) -> bool:
    """ل + an indefinite noun (not a verb: ليشمل) + a definite genitive: لحقوق الإنسان, لصناعة الورق."""
    return (word.startswith("ل") and not word.startswith(("لل", "لي", "لا")) and len(word) > 3
            and after.startswith(ARTICLE) and after not in NOT_COMPLEMENT)


def _genitive_link(word: str, after: str) -> bool:
    """An indefinite noun right after an indefinite head, its definite genitive next (مجلس نواب الشعب);
    not a verb (يضم, تدعو) nor a ل-phrase, far more often a purpose (القوات العراقية لتحرير المدينة)."""
    return (after.startswith(ARTICLE) and after not in NOT_COMPLEMENT and len(word) >= 3
            and not word.startswith((ARTICLE, "و", "ي", "ت", "ل")))


def blocked_tokens(tokens: Sequence[Token], blocked: Sequence[Span]) -> set[int]:
    """Indexes of tokens inside date or figure spans."""
    if not tokens:
        return set()
    starts = [t.start for t in tokens]
    out: set[int] = set()
    for span in blocked:
        if span.end > starts[0] and span.start <= starts[-1]:
            out.update(range(bisect_left(starts, span.start), bisect_left(starts, span.end)))
    return out


def find_cued_places(chunks: list[Chunk], tokens: Sequence[Token], stems: Sequence[str], res: EntityResources,
                     settings: EntitySettings) -> list[Chunk]:
    """Step 2c: a rare word right after a place cue is a place: محافظة الضالع, مدينة قعطبة.

    Small towns are in no gazetteer and unknown to the CRF; the cue word (place_cues.tsv) stays out
    of the name. One word only: a second rare word is more often not part of it (الضالع بجميع).
    """
    covered = {i for c in chunks for i in range(c.first, c.last + 1)}
    places = {c.first: c for c in chunks if c.type == "LOC"}
    out = list(chunks)
    cues = res.place_cues | res.place_lists
    for i in [i for i, (t, stem) in enumerate(zip(tokens[:-1], stems)) if t.norm in cues or stem in cues]:
        plural = tokens[i].norm in res.place_lists or stems[i] in res.place_lists
        person = next((c for c in out if c.first == i + 1 and c.type == "PER" and c.source == "crf"), None)
        if person is not None and i not in covered:   # مديريات زنقرة وبرطاس: after a place cue, places
            out.remove(person)
            covered.difference_update(range(person.first, person.last + 1))
        j, joined = i + 1, False
        while j < len(tokens):   # مديريات قعطبة ودمت ومريس: after a plural cue, places joined by و go on
            if j in places:
                j = places[j].last
            elif j in covered or not _rare_place_word(tokens[j], res, settings, stem_of(tokens[j]) if joined else None):
                break
            else:
                last = j + 1 if not joined and _construct_place(tokens, j, covered, places, res, settings) else j
                if last > j and j + 1 in places:   # مديرية حزم العدين: the CRF's العدين is the name's end
                    out.remove(places[j + 1])
                out.append(Chunk("LOC", j, last, "conj" if joined else "cue"))
                j = last
            if (not plural or j + 1 >= len(tokens) or not tokens[j + 1].norm.startswith("و")
                    or stem_of(tokens[j + 1]) == tokens[j + 1].norm):
                break
            j, joined = j + 1, True
    for i in [i for i, (t, stem) in enumerate(zip(tokens[:-1], stems)) if t.norm in res.place_names or stem in res.place_names]:
        name = next((c for c in out if c.first == i + 1 and c.type == "LOC"), None)
        if i not in covered and name is not None and name.last == i + 1:
            out[out.index(name)] = Chunk("LOC", i, i + 1, "head")   # ساحة التحرير: the square's name has its cue
    for i in [i for i, stem in enumerate(stems[:-1]) if stem in DIRECTIONS]:
        if i not in covered and i + 1 not in covered and res.kb.country_of_nisba(tokens[i + 1].norm) is not None:
            out.append(Chunk("LOC", i, i + 1, "cue"))   # بالجنوب التونسي: a country's region
    return sorted(out, key=lambda c: c.first)


def _construct_place(tokens: Sequence[Token], j: int, covered: set[int], places: dict[int, Chunk],
                     res: EntityResources, settings: EntitySettings) -> bool:
    """An indefinite first word of a place name with a rare definite word after it, its genitive:
    حزم العدين، رأس الخير، عين الحلوة (not an adjective: مدينة قعطبة الجبلية)."""
    if j + 1 >= len(tokens) or tokens[j].norm.startswith(ARTICLE):
        return False
    nxt = tokens[j + 1].norm
    one_place = j + 1 in places and places[j + 1].last == j + 1
    return (nxt.startswith(ARTICLE) and (one_place or j + 1 not in covered) and not nxt.endswith(("ي", "يه"))
            and not (nxt.startswith("الم") and nxt.endswith(("ين", "ون")))   # سد حديثة الموجودين: a participle
            and nxt not in NOT_COMPLEMENT and not is_descriptive(nxt, res.descriptive)
            and res.model.lexicon.counts.get(nxt, 0) < settings.common_word_count and tokens[j + 1].is_arabic)


def _rare_place_word(token: Token, res: EntityResources, settings: EntitySettings, stem: str | None = None) -> bool:
    """A rare word (`stem`: the word after و in a list of places) that no clause or adjective starts."""
    word = stem or token.norm
    return (token.is_arabic and res.model.lexicon.counts.get(word, 0) < settings.common_place_count
            and res.kb.country_of_nisba(word) is None and word not in NOT_COMPLEMENT
            and not word.startswith(("و", "ت", "ي"))   # ومواقع, تسير, يدعى: a clause goes on
            and not _indefinite_adjective(word))


def _indefinite_adjective(word: str) -> bool:
    """An indefinite nisba or participle in ة that agrees with the cue (منطقة صناعية، مناطق محيطة)."""
    return not word.startswith(ARTICLE) and (word.endswith("يه") or (
        len(word) >= 5 and word.startswith("م") and word.endswith("ه")))


def find_cast(chunks: list[Chunk], tokens: Sequence[Token], stems: Sequence[str], res: EntityResources,
              settings: EntitySettings) -> list[Chunk]:
    """Step 2d: after a credits word (بطولة، إخراج) come people's names joined by و, not an event's name:
    فيلم من بطولة جيك جيلنهال وكيرا نايتلي. Each name has two words or more, or is a listed given
    name; بطولة العالم (the article) or بطولة ويمبلدون (one word) stays a championship."""
    out = list(chunks)
    cues = res.cast_cues
    for i in [i for i, (t, stem) in enumerate(zip(tokens[:-1], stems)) if t.norm in cues or stem in cues]:
        names = _cast_names(tokens, i + 1, res, settings)
        if not names:
            continue
        people = [c for c in out if c.type == "PER" and c.first > i and c.first <= names[-1][1]]
        out = [c for c in out if c.last < i or c.first > names[-1][1]]   # the CRF's بطولة جيك (MISC) goes
        for k, (a, b) in enumerate(names):   # a person the CRF found may be longer (عادل إمام)
            a, b = min([a, *(c.first for c in people if c.first <= b and a <= c.last)]), \
                max([b, *(c.last for c in people if c.first <= b and a <= c.last)])
            out.append(Chunk("PER", a, b, "conj" if k else "cast"))
    return sorted(out, key=lambda c: c.first)


def _cast_names(tokens: Sequence[Token], i: int, res: EntityResources, settings: EntitySettings) -> list[tuple[int, int]]:
    """[first, last] of each name in the list that starts at token `i` (empty when it is no list of names)."""
    names: list[tuple[int, int]] = []
    counts = res.model.lexicon.counts
    j = i
    while j < len(tokens):
        k = j
        while k < len(tokens) and k - j < 4 and _cast_word(tokens[k], k == j and j > i, k > j and tokens[k - 1], res, settings):
            k += 1
        words = [stem_of(tokens[j]) if j > i else tokens[j].norm, *(t.norm for t in tokens[j + 1:k])]
        if k == j or (k - j < 2 and words[0] not in res.given_folded) or not any(
                w in res.given_folded or counts.get(w, 0) < RARE_NAME_COUNT for w in words):
            break   # وكذلك فيلم: no given name and no rare word, so no name
        names.append((j, k - 1))
        if k >= len(tokens) or not tokens[k].norm.startswith("و"):
            break
        j = k
    return names


def _cast_word(token: Token, joined: bool, before: Token | bool, res: EntityResources, settings: EntitySettings) -> bool:
    """A word of a person's name in a credits list: no article unless after عبد/أبو, not a fairly common
    word unless a given name or a particle (عبد); the first word of a later name carries و (joined)."""
    if token.kind != "word" or not token.is_arabic or (token.norm.startswith("و") and not joined and before):
        return False
    word = stem_of(token) if joined else token.norm
    if joined and word == token.norm:
        return False
    if word.startswith(ARTICLE) and not (isinstance(before, Token) and before.norm in NAME_PARTICLES):
        return False
    return (word in res.given_folded or word in NAME_PARTICLES
            or res.model.lexicon.counts.get(word, 0) < settings.common_place_count) \
        and not is_cue(token, res) and word not in PREPOSITIONS and word not in NOT_COMPLEMENT \
        and res.kb.lookup(word) is None


def apply_heads(chunks: list[Chunk], tokens: Sequence[Token], stems: Sequence[str], res: EntityResources,
                settings: EntitySettings) -> list[Chunk]:
    """Step 3: a facility or MISC head directly before a name absorbs it (a MISC head leaves organisations be)."""
    by_first = {c.first: c for c in chunks}
    out: list[Chunk] = []
    consumed: set[int] = set()
    words = res.head_words
    for i in [i for i, (t, stem) in enumerate(zip(tokens, stems)) if t.norm in words or stem in words]:
        kind, size = _head_at(tokens, i, stems[i], res)
        if not kind:
            continue
        own = by_first.get(i)
        if own is not None and own.type == kind and own.last >= i + size:   # the CRF's ببطولة العالم: its ل-phrase too
            last = _complement_end(tokens, own.last, settings.max_complement, res.kb if kind == "FAC" else None,
                                   res.descriptive)
            if last > own.last:
                out.append(Chunk(kind, i, last, "head"))
                consumed.update(k for k, c in enumerate(chunks) if i <= c.first and c.last <= last)
            continue
        name = by_first.get(i + size)
        if name is None and kind == "FAC" and i + size < len(tokens) and rare_word(tokens[i + size], res, settings) \
                and (not tokens[i + size].norm.startswith(ARTICLE) or very_rare(tokens[i + size], res)):
            name = Chunk("FAC", i + size, i + size)   # مصنع صندرلاند, قاعة الزيتوني: an unknown word after the head
        if name is None and kind == "MISC" and i + size < len(tokens) and listed_place(tokens[i + size], res):
            name = Chunk("LOC", i + size, i + size)   # مهرجان البندقية: a place no other step named
        if name is None or (kind == "MISC" and name.type in ("ORG", "PER")):
            continue   # قمة منظمة شانغهاي, بطولة جيك جيلنهال: organisations and people stay themselves
        last = _complement_end(tokens, name.last, settings.max_complement, res.kb if kind == "FAC" else None,
                               res.descriptive)
        out.append(Chunk(kind, i, last, "head"))
        consumed.update(k for k, c in enumerate(chunks) if i <= c.first and c.last <= last)
    kept = [c for k, c in enumerate(chunks) if k not in consumed
            and not any(h.first <= c.last and c.first <= h.last for h in out)]
    return sorted(kept + out, key=lambda c: c.first)


def find_festival_days(chunks: list[Chunk], tokens: Sequence[Token], stems: Sequence[str],
                       res: EntityResources) -> list[Chunk]:
    """Step 3a: أيام + a place + a definite adjective is a festival's name (أيام قرطاج المسرحية), MISC."""
    out = list(chunks)
    for i in [i for i, (t, stem) in enumerate(zip(tokens[:-2], stems)) if stem == FESTIVAL_DAYS or t.norm == FESTIVAL_DAYS]:
        place = next((c for c in out if c.first == i + 1), None)
        if place is None and not listed_place(tokens[i + 1], res):
            continue
        end = place.last if place is not None else i + 1
        if place is not None and place.type != "LOC" or end + 1 >= len(tokens):
            continue
        adjective = tokens[end + 1].norm
        if adjective.startswith(ARTICLE) and adjective.endswith(("يه", "ي")) and res.kb.country_of_nisba(adjective) is None:
            out = [c for c in out if c.last < i or c.first > end + 1] + [Chunk("MISC", i, end + 1, "head")]
    return sorted(out, key=lambda c: c.first)


def _head_at(tokens: Sequence[Token], i: int, stem: str, res: EntityResources) -> tuple[str, int]:
    for word in (tokens[i].norm, stem):
        for size in res.facility_heads.get(word, ()):
            if (word, *(t.norm for t in tokens[i + 1:i + size])) in res.facility_phrases:
                return "FAC", size
        if word in res.misc_heads:
            return "MISC", 1
    return "", 0


def _complement_end(tokens: Sequence[Token], last: int, limit: int, kb: KnowledgeBase | None = None,
                    descriptive: frozenset[str] = frozenset()) -> int:
    """Extend a facility/MISC name over a following لل-complement and adjectives (للطاقة الكهرومائية);
    with `kb`, not over a nationality adjective, which describes a facility (مصنع صندرلاند البريطاني);
    never over a descriptive one (معسكر الصدرين الاستراتيجي)."""
    j = last
    while j + 1 < len(tokens) and j - last < limit:
        nxt = tokens[j + 1].norm
        if (kb is not None and kb.country_of_nisba(nxt) is not None) or is_descriptive(nxt, descriptive):
            break
        after = tokens[j + 2].norm if j + 2 < len(tokens) else ""
        if kb is None and j == last and nxt.startswith("ل") and not nxt.startswith(("لل", "لي")) and len(nxt) > 3 \
                and after.startswith(ARTICLE) and after not in NOT_COMPLEMENT and j + 2 - last <= limit:
            j += 2   # بطولة العالم لألعاب القوى: a MISC name's ل-phrase with its genitive
        elif nxt.startswith("لل") and j == last or nxt.startswith(ARTICLE) and nxt.endswith(("يه", "ي")):
            j += 1
        else:
            break
    return j


def extend_people(chunks: list[Chunk], tokens: Sequence[Token], res: EntityResources,
                  settings: EntitySettings) -> list[Chunk]:
    """Step 3b: a person chunk loses leading common words, or grows leftwards over rare words up to
    a title or nationality adjective; a name ending in a given name takes the given
    names and then the surname after it.

    The CRF often misses a short first word of a foreign name (الرئيس الصيني شي جين بينغ -> جين بينغ).
    """
    covered = {i for c in chunks for i in range(c.first, c.last + 1)}
    out = []
    for chunk in chunks:
        first = chunk.first
        while chunk.type == "PER" and first < chunk.last and not_first_name(tokens[first], res, settings):
            first += 1   # بين ترامب, الأنبار مهدي: a common word, place or title is not a first name
        if chunk.type == "PER" and first == chunk.first:
            for k in range(chunk.first - 1, max(0, chunk.first - 1 - settings.max_name_growth), -1):
                if k in covered or not foreign_word(tokens[k], res, settings):
                    break
                if is_cue(tokens[k - 1], res):
                    first = k
            if first > 0 and first - 1 not in covered and tokens[first - 1].text in res.given_names:
                first -= 1   # رائد عبدالسلام: a given name before the surname the CRF found
        last = _given_names_end(chunk.last, tokens, covered, res, settings) if chunk.type == "PER" else chunk.last
        out.append(Chunk(chunk.type, first, last, chunk.source))
    return out


def _given_names_end(last: int, tokens: Sequence[Token], covered: set[int], res: EntityResources,
                     settings: EntitySettings) -> int:
    """Where a person's name that ends in a given name at `last` ends: over the given names after it
    (محمد | علي), then its surname (محمد جواد ظريف, عز الدين قنون), but not an indefinite accusative
    (مديرا، مانعا) nor ل + article (للإبداع)."""
    def free_after_given(k: int) -> bool:
        return k + 1 < len(tokens) and k + 1 not in covered and tokens[k].text in res.given_names

    while free_after_given(last) and tokens[last + 1].text in res.given_names:
        last += 1
    if free_after_given(last):     # the next word is free and no given name
        after = tokens[last + 1]
        if (surname_like(after, res, settings) and not _clitic_word(after, res)
                and not after.norm.startswith("لل") and not after.norm.endswith("ا")):
            last += 1
    return last


def _clitic_word(token: Token, res: EntityResources) -> bool:
    """A clitic and a word the cluster corpus knows (للضرب، بجروح), not a name that happens to start with
    ب or ل (بوتفليقة)."""
    counts = res.model.lexicon.counts
    return any(seg.prefix in CONJ_PREP and seg.stem in counts for seg in token.segments[1:])


def find_given_names(chunks: list[Chunk], tokens: Sequence[Token], res: EntityResources,
                     settings: EntitySettings) -> list[Chunk]:
    """Step 3c: a given name (person_names.tsv, as written) and a surname-like word after it are a person
    the CRF missed: علي الكندي, سيرين قنون. A surname is a rare word, or a family nisba (ال...ي) that
    names no country."""
    covered = {i for c in chunks for i in range(c.first, c.last + 1)}
    out = list(chunks)
    given = res.given_names
    for i in [i for i, t in enumerate(tokens[:-1]) if t.text in given]:
        if i not in covered and i + 1 not in covered and surname_like(tokens[i + 1], res, settings):
            out.append(Chunk("PER", i, i + 1, "given"))
            covered.update((i, i + 1))
    return sorted(out, key=lambda c: c.first)


def find_foreign_names(chunks: list[Chunk], tokens: Sequence[Token], res: EntityResources) -> list[Chunk]:
    """Step 3d: two or three rare words without the article, one of them unknown to the cluster corpus,
    after a verb of saying, a title or a nationality adjective, are a person the CRF missed (وقالت
    إنغريد سفينسون، الممثلة النرويجية ليف أولمان); so are they after a person and و (جيك جيلنهال
    وكيرا نايتلي). Transliterated names are rare words; Arabic words seldom come two rare in a row."""
    counts = res.model.lexicon.counts
    unknown = [i for i, t in enumerate(tokens) if t.norm not in counts and t.kind == "word"]   # cheap test first
    if not unknown:
        return chunks
    covered = {i for c in chunks for i in range(c.first, c.last + 1)}
    person_ends = {c.last for c in chunks if c.type == "PER"}
    out = list(chunks)
    free = 1
    for i in sorted({k for z in unknown for k in (z - 1, z) if 1 <= k < len(tokens) - 1}):
        if i < free or i in covered or i + 1 in covered:
            continue
        joined = i - 1 in person_ends and tokens[i].norm.startswith("و")
        if not (joined or _introduces_person(tokens[i - 1], res)):
            continue
        first = stem_of(tokens[i]) if joined else tokens[i].norm
        if (not _foreign_name_word(tokens[i], res, first) or not _foreign_name_word(tokens[i + 1], res, tokens[i + 1].norm)
                or min(counts.get(first, 0), counts.get(tokens[i + 1].norm, 0)) > 0):
            continue
        last = i + 1
        if i + 2 < len(tokens) and i + 2 not in covered and _foreign_name_word(tokens[i + 2], res, tokens[i + 2].norm):
            last = i + 2
        out.append(Chunk("PER", i, last, "conj" if first != tokens[i].norm else "foreign"))
        person_ends.add(last)
        free = last + 1
    return sorted(out, key=lambda c: c.first)


def _foreign_name_word(token: Token, res: EntityResources, word: str) -> bool:
    """A rare word with no article, clitic reading or attached pronoun that makes it a common one."""
    counts = res.model.lexicon.counts
    return (token.is_arabic and token.kind == "word" and len(word) > 1 and not word.startswith(ARTICLE)
            and counts.get(word, 0) < RARE_NAME_COUNT and counts.get(stem_of(token), 0) < RARE_NAME_COUNT
            and not word.endswith(NOT_SURNAME_ENDINGS) and word not in NAME_PARTICLES
            and not is_cue(token, res) and res.kb.lookup(word) is None)


def _introduces_person(token: Token, res: EntityResources) -> bool:
    """A verb of saying, a title, a nationality adjective or a kinship word (صهره) right before a name."""
    return token.norm in res.speech_verbs or is_cue(token, res) or stem_of(token) in res.kin_cues
