"""What the entity steps share: the lexicons they load once (`EntityResources`), the `Chunk` they
pass along, the clitic-free reading of a word (`stem_of`) and the word tests several steps ask (a
title or nationality adjective, a rare word, a place cue, a surname-like word)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from marsad import resources
from marsad.recognise.crf import NerModel
from marsad.recognise.gazetteer import KnowledgeBase
from marsad.settings import EntitySettings
from marsad.text.fold import fold
from marsad.text.tokens import Token

ARTICLE = "ال"
MAX_COMPLEMENTS = 6
RARE_NAME_COUNT = 20  # cluster-corpus contexts below which a word is likelier a name than a common word
# Words with the article that never continue an organisation name (relatives, إلى, time words), folded.
NOT_COMPLEMENT = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "الي", "الا", "الان",
                            "اليوم", "الماضي", "المقبل", "الجاري", "الحالي", "القادم", "السابق", "الاسبق",
                            "الاول", "الاولي", "الثاني", "الثانيه", "الاخير", "الاخيره", "الخاص", "الخاصه",
                            "الكامل", "ايضا", "الرسمي", "الارهابي", "المتطرف", "المحظور",
                            "الحكومي", "المعني", "المختص", "المسؤول"})
FESTIVAL_DAYS = "ايام"   # أيام قرطاج السينمائية: "days" of a place, a festival's name
DIRECTIONS = frozenset({"الشمال", "الجنوب", "الشرق", "الغرب", "الوسط"})   # الجنوب التونسي: with a nisba, a region
NATIONAL = "الوطني"   # الجيش الوطني, الحرس الوطني: names a country's own body like a nationality adjective
PREPOSITIONS = frozenset({"من", "في", "علي", "عن", "الي", "مع", "ب"})
# Adverbs of place and time, folded: frequent enough in news, yet under the common-word count, so
# without this list a facility head took them as its name (مستشفى داخل السعودية, مطار خارج المدينة).
ADVERBS = frozenset({"داخل", "خارج", "قرب", "وسط", "حول", "عند", "لدي", "تحت", "فوق", "امام", "خلف", "جانب",
                     "بجانب", "قباله", "ازاء", "نحو", "عبر", "دون", "بعد", "قبل", "منذ", "خلال", "ضد", "حتي",
                     "بين", "لدن", "اثناء", "عقب", "بعيد", "قبيل", "حيث"})
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

    @classmethod
    def load(cls, settings: EntitySettings) -> EntityResources:
        return _load(settings)

    @cached_property
    def given_folded(self) -> frozenset[str]:
        """The given names folded, for matching folded words and stems."""
        return frozenset(fold(name) for name in self.given_names)

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
        frozenset(sizes) | misc_heads)


def _place_lists(rows: Sequence[dict[str, str]]) -> frozenset[str]:
    """Plural cues (kind list), and the regular plural and dual of each cue in ة (مديرية -> مديريات، مديريتي)."""
    cues = [fold(r["cue"]) for r in rows]
    return frozenset([fold(r["cue"]) for r in rows if r["kind"] == "list"]
                     + [c[:-1] + end for c in cues if c.endswith("ه") for end in ("ات", "تي")])


CONJ_PREP = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})


def bare(token: Token) -> tuple[str, int]:
    """(stem, start) of the word without a leading conjunction or preposition; the article stays."""
    stem, offset = BARE_FORMS.get(token.text) or bare_entry(token)
    return stem, token.start + offset


def bare_entry(token: Token) -> tuple[str, int]:
    """The cached (bare stem, its offset in the word) of `token`'s word form."""
    if len(BARE_FORMS) > 200_000:
        BARE_FORMS.clear()
    seg = next((s for s in token.segments[1:] if s.prefix in CONJ_PREP), None)
    entry = BARE_FORMS[token.text] = (seg.stem, seg.start - token.start) if seg else (token.norm, 0)
    return entry


BARE_FORMS: dict[str, tuple[str, int]] = {}   # word form -> (bare stem, its offset in the word)


def stem_of(token: Token) -> str:
    return (BARE_FORMS.get(token.text) or bare_entry(token))[0]


def is_rare(token: Token, common: Callable[[str], bool]) -> bool:
    return not common(token.norm) and not common(stem_of(token))


def is_descriptive(word: str, descriptive: frozenset[str]) -> bool:
    """`word` is a listed descriptive adjective, masculine, feminine or plural (المدعومين، الاستراتيجية)."""
    return word in descriptive or any(word.endswith(end) and word[:-len(end)] in descriptive
                                      for end in ("ه", "ين", "ون", "ات"))


def is_place_cue(word: str, res: EntityResources) -> bool:
    return word in res.place_cues or word in res.place_lists


def listed_place(token: Token, res: EntityResources) -> bool:
    entry = res.kb.lookup(token.norm)
    return (entry is not None and entry.type == "LOC") or res.model.lexicon.gazetteer_words.get(token.norm) == "LOC"


def very_rare(token: Token, res: EntityResources) -> bool:
    """Seldom seen in the cluster corpus: a name, even with the article (الزيتوني), not a common adjective."""
    return res.model.lexicon.counts.get(token.norm, 0) < RARE_NAME_COUNT and res.kb.country_of_nisba(token.norm) is None


def surname_like(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    word = token.norm
    if not token.is_arabic or is_cue(token, res) or word in NOT_COMPLEMENT or word in PREPOSITIONS:
        return False
    count = res.model.lexicon.counts.get(word, 0)
    if word.startswith(ARTICLE):
        return word.endswith("ي") and count < settings.common_word_count
    return (count < settings.common_place_count and not word.startswith(("و", "ي", "ت"))
            and not word.endswith(NOT_SURNAME_ENDINGS))


def not_first_name(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    entry = res.kb.lookup(stem_of(token))
    return (common_non_name(token, res, settings) or is_cue(token, res) or token.norm in NOT_COMPLEMENT
            or (entry is not None and entry.type == "LOC")
            or res.model.lexicon.gazetteer_words.get(stem_of(token)) == "LOC")


def common_non_name(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    """A frequent word that no gazetteer lists as a name (بين, الدولة; not محمد, not تونس)."""
    lexicon = res.model.lexicon
    return (lexicon.counts.get(token.norm, 0) >= settings.common_word_count
            and token.norm not in lexicon.gazetteer_words and res.kb.lookup(token.norm) is None)


def is_title(token: Token, res: EntityResources) -> bool:
    return token.norm in res.titles or stem_of(token) in res.titles


def is_cue(token: Token, res: EntityResources) -> bool:
    return is_title(token, res) or res.kb.country_of_nisba(token.norm) is not None


def rare_word(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    return (token.is_arabic and not is_cue(token, res) and token.norm not in NAME_PARTICLES
            and token.norm not in ADVERBS and res.model.lexicon.counts.get(token.norm, 0) < settings.common_word_count)


def foreign_word(token: Token, res: EntityResources, settings: EntitySettings) -> bool:
    """A rare word without the article: what a transliterated first name looks like (شي, تشيما)."""
    return rare_word(token, res, settings) and not token.norm.startswith(ARTICLE)


def stem_of_word(word: str) -> str:
    """A folded word without one leading و/ف/ب (وقرية -> قريه), for cue lookups on plain strings."""
    return word[1:] if len(word) > 3 and word[0] in "وفب" else word


def without_article(word: str) -> str:
    return word[2:] if word.startswith(ARTICLE) else word


def is_nisba(token: Token, kb: KnowledgeBase) -> bool:
    return kb.country_of_nisba(stem_of(token)) is not None and kb.lookup(stem_of(token)) is None
