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

Mention spans carry attrs {"entity": "E1"}; doc.objects["entities"] holds
{id, type, name, name_en, kb_id} per entity.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import Any

from marsad import resources
from marsad.pipeline import stage
from marsad.recognise.crf import NerModel
from marsad.recognise.features import FeatureLexicon, best_stem
from marsad.recognise.gazetteer import KbMatch, KnowledgeBase, name_key, name_start
from marsad.resolve.coref import EntityGroup, Mention, group_mentions
from marsad.resolve.link import link_group, link_mention, relink_in_context
from marsad.scoring import span_chunks
from marsad.settings import EntitySettings, Settings
from marsad.text.doc import Doc, Span
from marsad.text.fold import fold
from marsad.text.tokens import Token, tokens_of

CRF_TYPES = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
ARTICLE = "ال"
QUOTES = "\"«»“”'"
MAX_COMPLEMENTS = 6
DOUBLE_PARENS = re.compile(r"\(\(([^()\n]{1,80})\)\)")   # ((كازينفورم)): quotation marks in some agencies' style
OUTLET_MARK = re.compile(r"(?:^|\s)[لب]ـ*\s*$")   # قال لـ«...», في تصريح بـ "...": told to an outlet
OUTLET_REACH = 6     # words before لـ searched for a verb of saying or a statement noun
RARE_NAME_COUNT = 20  # cluster-corpus contexts below which a word is likelier a name than a common word
ORG_CUE_REACH = 4    # words before a quoted name searched for an organisation's kind (القناة الألمانية الرسمية «...»)
# Every quoted stretch, overlapping ones too (a closing mark may look like an opening one).
COORDINATED = re.compile(r"[\"»”')]*\s*(?:،\s*)?و\s*[\"«“'(]*")   # »، و« between two quoted names
QUOTED = re.compile(r"(?=[\"«“]([^\s\"«»“”.!?؟][^\"«»“”\n.!?؟]{0,78}[^\s\"«»“”.!?؟]|[^\s\"«»“”.!?؟])[\"»”])")
# Words with the article that never continue an organisation name (relatives, إلى, time words), folded.
NOT_COMPLEMENT = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "الي", "الا", "الان",
                            "اليوم", "الماضي", "المقبل", "الجاري", "الحالي", "القادم", "السابق", "الاسبق",
                            "الاول", "الاولي", "الثاني", "الثانيه", "الاخير", "الاخيره", "الخاص", "الخاصه",
                            "الكامل", "ايضا", "الرسمي", "الارهابي", "المتطرف", "المحظور",
                            "الحكومي", "المعني", "المختص", "المسؤول"})
FESTIVAL_DAYS = "ايام"   # أيام قرطاج السينمائية: "days" of a place, a festival's name
DIRECTIONS = frozenset({"الشمال", "الجنوب", "الشرق", "الغرب", "الوسط"})   # الجنوب التونسي: with a nisba, a region
NATIONAL = "الوطني"   # الجيش الوطني, الحرس الوطني: names a country's own body like a nationality adjective
CLAUSE_OPENERS = frozenset({"ان", "لان", "بان", "وان", "كان", "لكن", "ولكن"})   # folded إن، أن، لأن ...
PREPOSITIONS = frozenset({"من", "في", "علي", "عن", "الي", "مع", "ب"})
NISBA_ENDS = ("ي", "يه", "يين", "يون")   # adjectives of relation, folded (الوطني, الوطنية)
# Endings of common nouns and adjectives (ة folded to ه) and of attached pronouns, never of a surname.
NOT_SURNAME_ENDINGS = ("ه", "ها", "هم", "هما", "كم", "نا")
# Words inside names that never name a person alone (عبد الله, أبو مازن, بن سلمان), folded.
NAME_PARTICLES = frozenset({"عبد", "ابو", "ابي", "بن", "ابن", "بنت", "ام", "ال", "دي", "فان", "فون"})


@dataclass(frozen=True, slots=True)
class Chunk:
    """Tokens [first, last] (inclusive) of a sentence named as `type`; `kb` when it came from the KB,
    with `start`, where the knowledge base's name begins in the first token (after its clitics)."""

    type: str
    first: int
    last: int
    source: str = "crf"
    start: int | None = None


@dataclass(frozen=True)
class EntityResources:
    """What the stage loads once: model, knowledge base and head/title lexicons (folded)."""

    model: NerModel
    kb: KnowledgeBase
    titles: frozenset[str]
    facility_heads: dict[str, tuple[int, ...]]   # first word of a head -> head lengths, longest first
    facility_phrases: frozenset[tuple[str, ...]]
    misc_heads: frozenset[str]
    org_heads: frozenset[str]
    lam_heads: frozenset[str]       # organisation heads whose names go on over a ل-phrase (org_heads.tsv lam=yes)
    org_min: dict[str, int]         # complements a head with a common meaning needs (مركز: 2; org_heads.tsv min)
    work_cues: dict[str, str]       # folded cue before a quoted name -> MISC | ORG | SAY (work_cues.tsv)
    speech_verbs: frozenset[str]    # folded verbs of saying, bare or after و/ف (quotes' speech_verbs.tsv)
    currencies: frozenset[str]      # folded currency nouns (figures' lexicons): الدولار is not a MISC name
    place_cues: frozenset[str]
    place_lists: frozenset[str]     # plural place cues (قرى، مديريات، ولايتي): places joined by و go on after them
    place_names: frozenset[str]     # place cues that are part of the name (ساحة التحرير)
    descriptive: frozenset[str]     # folded adjectives no name goes on over (work_cues.tsv type DESC)
    given_names: frozenset[str]     # as written (علي, not the folded على): person_names.tsv, kind given
    kin_cues: frozenset[str]        # folded kinship/role words before a name (صهره): person_names.tsv, kind kin
    cast_cues: frozenset[str]       # folded words opening a list of names in credits (بطولة): kind cast
    head_words: frozenset[str]      # first words of facility and MISC heads, to skip other tokens fast
    given_folded: frozenset[str] = frozenset()   # given_names folded

    @classmethod
    def load(cls, settings: EntitySettings) -> EntityResources:
        return _load(settings)

    @cached_property
    def place_words(self) -> frozenset[str]:
        """Every word step 2c starts from: place cues, plural cues, cues inside names, directions."""
        return self.place_cues | self.place_lists | self.place_names | DIRECTIONS


@lru_cache(maxsize=2)
def _load(settings: EntitySettings) -> EntityResources:
    phrases = frozenset(tuple(fold(r["head"]).split()) for r in resources.table("lexicons/facility_heads.tsv"))
    misc_heads = frozenset(fold(r["head"]) for r in resources.table("lexicons/misc_heads.tsv"))
    sizes: dict[str, set[int]] = {}
    for phrase in phrases:
        sizes.setdefault(phrase[0], set()).add(len(phrase))
    return EntityResources(
        NerModel.load(resources.data_path(settings.model_dir)),
        KnowledgeBase.load(),
        frozenset(fold(r["title"]) for r in resources.table("lexicons/titles.tsv")),
        {w: tuple(sorted(n, reverse=True)) for w, n in sizes.items()},
        phrases,
        misc_heads,
        frozenset(fold(r["head"]) for r in resources.table("lexicons/org_heads.tsv")),
        frozenset(fold(r["head"]) for r in resources.table("lexicons/org_heads.tsv") if r["lam"] == "yes"),
        {fold(r["head"]): int(r["min"]) for r in resources.table("lexicons/org_heads.tsv") if r["min"]},
        {fold(r["cue"]): r["type"] for r in resources.table("lexicons/work_cues.tsv") if r["type"] != "DESC"},
        frozenset(c + fold(r["form"]) for r in resources.table("lexicons/speech_verbs.tsv") for c in ("", "و", "ف")),
        frozenset(fold(r["name"]) for path in ("lexicons/currencies.tsv", "lexicons/currency_aliases.tsv")
                  for r in resources.table(path)),
        frozenset(fold(r["cue"]) for r in resources.table("lexicons/place_cues.tsv")),
        _place_lists(resources.table("lexicons/place_cues.tsv")),
        frozenset(fold(r["cue"]) for r in resources.table("lexicons/place_cues.tsv") if r["kind"] == "name"),
        frozenset(fold(r["cue"]) for r in resources.table("lexicons/work_cues.tsv") if r["type"] == "DESC"),
        frozenset(r["name"] for r in resources.table("lexicons/person_names.tsv") if r["kind"] == "given"),
        frozenset(fold(r["name"]) for r in resources.table("lexicons/person_names.tsv") if r["kind"] == "kin"),
        frozenset(fold(r["name"]) for r in resources.table("lexicons/person_names.tsv") if r["kind"] == "cast"),
        frozenset(sizes) | misc_heads,
        frozenset(fold(r["name"]) for r in resources.table("lexicons/person_names.tsv") if r["kind"] == "given"))


def _place_lists(rows: Sequence[dict[str, str]]) -> frozenset[str]:
    """Plural cues (kind list), and the regular plural and dual of each cue in ة (مديرية -> مديريات، مديريتي)."""
    cues = [fold(r["cue"]) for r in rows]
    return frozenset([fold(r["cue"]) for r in rows if r["kind"] == "list"]
                     + [c[:-1] + end for c in cues if c.endswith("ه") for end in ("ات", "تي")])


CONJ_PREP = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})


def bare(token: Token) -> tuple[str, int]:
    """(stem, start) of the word without a leading conjunction or preposition; the article stays."""
    stem, offset = _BARE.get(token.text) or bare_entry(token)
    return stem, token.start + offset


def bare_entry(token: Token) -> tuple[str, int]:
    """The cached (bare stem, its offset in the word) of `token`'s word form."""
    if len(_BARE) > 200_000:
        _BARE.clear()
    seg = next((s for s in token.segments[1:] if s.prefix in CONJ_PREP), None)
    entry = _BARE[token.text] = (seg.stem, seg.start - token.start) if seg else (token.norm, 0)
    return entry


_BARE: dict[str, tuple[str, int]] = {}   # word form -> (bare stem, its offset in the word)


def stem_of(token: Token) -> str:
    return (_BARE.get(token.text) or bare_entry(token))[0]


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
               or any(c.first <= m.first <= c.last for c in chunks) or _rare(tokens[m.first], common))
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


def _rare(token: Token, common: Callable[[str], bool]) -> bool:
    return not common(token.norm) and not common(stem_of(token))


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
        if definite and i > 0 and _is_cue(tokens[i - 1], res):
            continue   # وزير الخارجية السعودي: a title's complement, not an organisation
        last = _complements_end(tokens, i, blocked, heads, definite, head in res.lam_heads, res.descriptive)
        named_after = next((c for c in out if c.type == "PER" and c.first in (last, last + 1)), None)
        if named_after is not None and last > i and _is_title(tokens[last], res):
            last = named_after.last   # جامعة الملك عبد العزيز: named after a person, title and all
        if not definite and last > i and (tokens[i + 1].norm.startswith("لل") or (
                head in res.org_min and _place_cue(stems[i + 1], res))):
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
                or _descriptive(word, descriptive)):
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


def _descriptive(word: str, descriptive: frozenset[str]) -> bool:
    """`word` is a listed descriptive adjective, masculine, feminine or plural (المدعومين، الاستراتيجية)."""
    return word in descriptive or any(word.endswith(end) and word[:-len(end)] in descriptive
                                      for end in ("ه", "ين", "ون", "ات"))


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
            and nxt not in NOT_COMPLEMENT and not _descriptive(nxt, res.descriptive)
            and res.model.lexicon.counts.get(nxt, 0) < settings.common_word_count and tokens[j + 1].is_arabic)


def _place_cue(word: str, res: EntityResources) -> bool:
    return word in res.place_cues or word in res.place_lists


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
        and not _is_cue(token, res) and word not in PREPOSITIONS and word not in NOT_COMPLEMENT \
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
        if name is None and kind == "FAC" and i + size < len(tokens) and _rare_word(tokens[i + size], res, settings) \
                and (not tokens[i + size].norm.startswith(ARTICLE) or _very_rare(tokens[i + size], res)):
            name = Chunk("FAC", i + size, i + size)   # مصنع صندرلاند, قاعة الزيتوني: an unknown word after the head
        if name is None and kind == "MISC" and i + size < len(tokens) and _listed_place(tokens[i + size], res):
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


def _listed_place(token: Token, res: EntityResources) -> bool:
    entry = res.kb.lookup(token.norm)
    return (entry is not None and entry.type == "LOC") or res.model.lexicon.gazetteer_words.get(token.norm) == "LOC"


def find_festival_days(chunks: list[Chunk], tokens: Sequence[Token], stems: Sequence[str],
                       res: EntityResources) -> list[Chunk]:
    """Step 3a: أيام + a place + a definite adjective is a festival's name (أيام قرطاج المسرحية), MISC."""
    out = list(chunks)
    for i in [i for i, (t, stem) in enumerate(zip(tokens[:-2], stems)) if stem == FESTIVAL_DAYS or t.norm == FESTIVAL_DAYS]:
        place = next((c for c in out if c.first == i + 1), None)
        if place is None and not _listed_place(tokens[i + 1], res):
            continue
        end = place.last if place is not None else i + 1
        if place is not None and place.type != "LOC" or end + 1 >= len(tokens):
            continue
        adjective = tokens[end + 1].norm
        if adjective.startswith(ARTICLE) and adjective.endswith(("يه", "ي")) and res.kb.country_of_nisba(adjective) is None:
            out = [c for c in out if c.last < i or c.first > end + 1] + [Chunk("MISC", i, end + 1, "head")]
    return sorted(out, key=lambda c: c.first)


def _very_rare(token: Token, res: EntityResources) -> bool:
    """Seldom seen in the cluster corpus: a name, even with the article (الزيتوني), not a common adjective."""
    return res.model.lexicon.counts.get(token.norm, 0) < RARE_NAME_COUNT and res.kb.country_of_nisba(token.norm) is None


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
        if (kb is not None and kb.country_of_nisba(nxt) is not None) or _descriptive(nxt, descriptive):
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
    a title or nationality adjective.

    The CRF often misses a short first word of a foreign name (الرئيس الصيني شي جين بينغ -> جين بينغ).
    """
    covered = {i for c in chunks for i in range(c.first, c.last + 1)}
    out = []
    for chunk in chunks:
        first = chunk.first
        while chunk.type == "PER" and first < chunk.last and _not_first_name(tokens[first], res, settings):
            first += 1   # بين ترامب, الأنبار مهدي: a common word, place or title is not a first name
        if chunk.type == "PER" and first == chunk.first:
            for k in range(chunk.first - 1, max(0, chunk.first - 1 - settings.max_name_growth), -1):
                if k in covered or not _foreign_word(tokens[k], res, settings):
                    break
                if _is_cue(tokens[k - 1], res):
                    first = k
            if first > 0 and first - 1 not in covered and tokens[first - 1].text in res.given_names:
                first -= 1   # رائد عبدالسلام: a given name before the surname the CRF found
        out.append(Chunk(chunk.type, first, chunk.last, chunk.source))
    return out


def find_given_names(chunks: list[Chunk], tokens: Sequence[Token], res: EntityResources,
                     settings: EntitySettings) -> list[Chunk]:
    """Step 3c: a given name (person_names.tsv, as written) and a surname-like word after it are a person
    the CRF missed: علي الكندي, سيرين قنون. A surname is a rare word, or a family nisba (ال...ي) that
    names no country."""
    covered = {i for c in chunks for i in range(c.first, c.last + 1)}
    out = list(chunks)
    given = res.given_names
    for i in [i for i, t in enumerate(tokens[:-1]) if t.text in given]:
        if i not in covered and i + 1 not in covered and _surname_like(tokens[i + 1], res, settings):
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
            and not _is_cue(token, res) and res.kb.lookup(word) is None)


def _introduces_person(token: Token, res: EntityResources) -> bool:
    """A verb of saying, a title, a nationality adjective or a kinship word (صهره) right before a name."""
    return token.norm in res.speech_verbs or _is_cue(token, res) or stem_of(token) in res.kin_cues


def _surname_like(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    word = token.norm
    if not token.is_arabic or _is_cue(token, res) or word in NOT_COMPLEMENT or word in PREPOSITIONS:
        return False
    count = res.model.lexicon.counts.get(word, 0)
    if word.startswith(ARTICLE):
        return word.endswith("ي") and count < settings.common_word_count
    return (count < settings.common_place_count and not word.startswith(("و", "ي", "ت"))
            and not word.endswith(NOT_SURNAME_ENDINGS))


def _not_first_name(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    entry = res.kb.lookup(stem_of(token))
    return (_common_non_name(token, res, settings) or _is_cue(token, res) or token.norm in NOT_COMPLEMENT
            or (entry is not None and entry.type == "LOC")
            or res.model.lexicon.gazetteer_words.get(stem_of(token)) == "LOC")


def _common_non_name(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    """A frequent word that no gazetteer lists as a name (بين, الدولة; not محمد, not تونس)."""
    lexicon = res.model.lexicon
    return (lexicon.counts.get(token.norm, 0) >= settings.common_word_count
            and token.norm not in lexicon.gazetteer_words and res.kb.lookup(token.norm) is None)


def _is_title(token: Token, res: EntityResources) -> bool:
    return token.norm in res.titles or stem_of(token) in res.titles


def _is_cue(token: Token, res: EntityResources) -> bool:
    return _is_title(token, res) or res.kb.country_of_nisba(token.norm) is not None


def _rare_word(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    return (token.is_arabic and not _is_cue(token, res) and token.norm not in NAME_PARTICLES
            and res.model.lexicon.counts.get(token.norm, 0) < settings.common_word_count)


def _foreign_word(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    """A rare word without the article: what a transliterated first name looks like (شي, تشيما)."""
    return _rare_word(token, res, settings) and not token.norm.startswith(ARTICLE)


def propagate_names(mentions: list[Mention], sentences: Sequence[Sequence[Token]], doc: Doc,
                    res: EntityResources, settings: EntitySettings) -> list[Mention]:
    """Step 4b: the first or last word of a person's full name, standing alone elsewhere, is that person."""
    parts = {w for m in mentions if m.type == "PER" and len(m.words) > 1 for w in (m.words[0], m.words[-1])}
    taken = [(m.start, m.end) for m in mentions]
    added = []
    if not parts:
        return mentions
    for tokens in sentences:
        for token in tokens:
            if token.norm not in parts and (_BARE.get(token.text) or bare_entry(token))[0] not in parts:
                continue
            word, start = bare(token)
            if word not in parts and token.norm in parts:
                word, start = token.norm, token.start
            if (word in parts and _rare_word(token, res, settings)
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


def stem_of_word(word: str) -> str:
    """A folded word without one leading و/ف/ب (وقرية -> قريه), for cue lookups on plain strings."""
    return word[1:] if len(word) > 3 and word[0] in "وفب" else word


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
                _is_nisba(span_tokens[0], res.kb) or _common_non_name(span_tokens[0], res, settings)
                or _without_article(stem_of(span_tokens[0])) in res.currencies
                or (chunk.type == "LOC" and _unlisted_common_place(span_tokens[0], res, settings))
                or _without_article(stem_of(span_tokens[0])) in res.place_cues
                or stem_of(span_tokens[0]) in res.org_heads or _without_article(stem_of(span_tokens[0])) in res.org_heads):
            continue   # الصيني, الدولة, الدولار, مدينة, البورصة: an adjective, a common word, a currency or a kind alone is not a name
        start = _mention_start(span_tokens[0], chunk, res)
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


def _unlisted_common_place(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    """A fairly common word that no gazetteer knows as a place (دولة, البحري): places are well listed."""
    word = stem_of(token)
    return (res.model.lexicon.counts.get(word, 0) >= settings.common_place_count
            and "LOC" not in res.model.lexicon.gazetteer_words.get(word, "") and res.kb.lookup(word) is None)


def _without_article(word: str) -> str:
    return word[2:] if word.startswith(ARTICLE) else word


def _is_nisba(token: Token, kb: KnowledgeBase) -> bool:
    return kb.country_of_nisba(stem_of(token)) is not None and kb.lookup(stem_of(token)) is None


def _mention_start(token: Token, chunk: Chunk, res: EntityResources) -> int:
    """Where the name starts in its first token: after the clitics when the bare form is the likelier word.

    A head word (مطار) always sheds them, and so does an organisation's head word (لوكالة, common as
    a whole word); a knowledge-base name sheds them when the whole word is not itself a name
    (وكازاخستان); other words as the CRF features read them (best_stem).
    """
    if chunk.source in ("head", "conj"):
        return bare(token)[1]
    if chunk.start is not None and chunk.start >= token.start:
        rival = next((seg for seg in token.segments[1:] if chunk.start == token.start and seg.prefix in CONJ_PREP
                      and (entry := res.kb.lookup(seg.stem)) is not None and entry.type == chunk.type), None)
        # لحج، بابل، واس: the knowledge base read the whole word (not ل + حج, ب + ابل); but وجدة in a
        # Saudi article is و + جدة: when the clitic reading is a known name of the same type, it wins
        return name_start(token, rival.prefix) if rival is not None else chunk.start
    if chunk.type == "PER":
        return _person_start(token, res)
    for seg in reversed(token.segments[1:]):
        if (res.kb.lookup(seg.stem) is not None and res.kb.lookup(token.norm) is None) or (
                seg.prefix in CONJ_PREP and seg.stem in res.org_heads):
            return name_start(token, seg.prefix)   # لوكالة فرانس برس: the name starts at its head word
    return name_start(token, best_stem(token, res.model.lexicon)[0])


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
        stems = [(_BARE.get(t.text) or bare_entry(t))[0] for t in part]   # stem_of, inlined: it runs per token
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
        objects.append({"id": entity_id, "type": group.type, "name": group.name, "name_en": link.name_en,
                        "kb_id": link.kb_id})
        spans.extend(Span(m.start, m.end, group.type, {"entity": entity_id}) for m in group.mentions)
    spans.sort(key=lambda s: s.start)
    return spans, objects


@stage("entities", requires=("sentences", "tokens"), assigns=("entities",))
def entities_stage(settings: Settings) -> Callable[[Doc], Doc]:
    res = EntityResources.load(settings.entities)

    def entities(doc: Doc) -> Doc:
        doc.spans["entities"], doc.objects["entities"] = find_entities(doc, res, settings.entities)
        return doc
    return entities
