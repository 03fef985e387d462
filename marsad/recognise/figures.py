"""Quantities with their units -> doc.spans["figures"].

Steps:
1. Find number phrases (marsad.text.numbers) and drop those that are not figures: inside a time
   expression (years, dates, durations), ordinals (الـ24), clock times, phone numbers, codes and
   numbers in names (المادة 5، إف-16).
2. Read the unit after each number: a percent sign or phrase, a currency (CLDR names plus
   aliases; a bare noun shared by several countries is settled by the article's country cues),
   a physical unit, or a counted noun (`count`, the noun in `about`); a currency symbol may
   stand before it.
3. Link ranges (`بين 10 و20 دولارا`, `200 و400 ألف درهم`): the first bound takes the second's
   unit and scale, and both carry a shared `range` id.
4. Add the context (resolve/figure_context.py): qualifier, about, time, change and rate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from marsad.pipeline import stage
from marsad.resolve.figure_context import FigureWords, add_context, figure_words
from marsad.resources import table
from marsad.settings import FigureSettings, Settings
from marsad.text.doc import Doc, Span
from marsad.text.fold import FoldedText, fold
from marsad.text.numbers import Number, find_numbers, number_words

UNITS_FILE = "lexicons/units.tsv"
CURRENCIES_FILE = "lexicons/currencies.tsv"
CURRENCY_ALIASES_FILE = "lexicons/currency_aliases.tsv"
MAX_UNIT_WORDS = 3
AFTER_WORDS_RE = re.compile(r"[ \t\u00a0]*[(\"'»«”“]?[ \t]*((?:[^\s]+)(?:[ \t]+[^\s]+){0,%d})" % (MAX_UNIT_WORDS + 1))
PUNCT_STRIP = "،,.;:!؟?)(»«\"'“”"
SYMBOL_BEFORE_RE = re.compile(r"(US\$|\$|€|£)\s*$")
RANGE_GAP_RE = re.compile(r"\s*(?:الي|حتي|و|-|–|او)\s*")
CLITICS_RE = re.compile(r"^[وف]?[بل]?(?=ال)")
CURRENCY_CODE_RE = re.compile(r"[A-Z]{3}")
SENTENCE_END_RE = re.compile(r"[.!?؟\n]")
PREV_WORD_RE = re.compile(r"(\w+)\W*\w*$")
NOUN_BEFORE_RE = re.compile(r"(\w+)\s+(?:ال)?$")
CLOCK_OR_CODE_RE = re.compile(r"[:/]\d|\d[:/]$|[A-Za-z\u0621-\u064a]-$")


@dataclass(frozen=True, slots=True)
class UnitSense:
    """What a unit name means: its symbol or ISO code, a scale it implies, and a country cue."""

    unit: str
    scale: float = 1.0
    cue: str = ""


@dataclass(frozen=True)
class UnitLexicon:
    """Folded unit and currency names (one to three words) -> their senses, in file order."""

    names: dict[str, tuple[UnitSense, ...]]

    def longest(self, words: list[str]) -> tuple[int, tuple[UnitSense, ...]] | None:
        """(words used, senses) of the longest unit name at the start of `words`."""
        for n in range(min(len(words), MAX_UNIT_WORDS), 0, -1):
            senses = self.names.get(" ".join(words[:n]))
            if senses:
                return n, senses
        return None


@lru_cache(maxsize=1)
def unit_lexicon() -> UnitLexicon:
    """Units, CLDR currency names and their aliases, folded."""
    names: dict[str, list[UnitSense]] = {}

    def add(name: str, sense: UnitSense) -> None:
        senses = names.setdefault(fold(name), [])
        if sense not in senses:
            senses.append(sense)
    for row in table(UNITS_FILE):
        add(row["name"], UnitSense(row["symbol"]))
    for row in table(CURRENCIES_FILE):
        add(row["name"], UnitSense(row["code"]))
    for row in table(CURRENCY_ALIASES_FILE):
        add(row["name"], UnitSense(row["code"], float(row["scale"] or 1), fold(row["cue"])))
    return UnitLexicon({k: tuple(v) for k, v in names.items()})


@lru_cache(maxsize=1)
def unit_first_words() -> frozenset[str]:
    """The first words of every unit and currency name (folded): a number before one is a quantity."""
    return frozenset(name.split()[0] for name in unit_lexicon().names)


SCALE_KINDS = frozenset({"scale", "scales", "dual_scale"})


def amount_follows(folded: str, pos: int) -> bool:
    """Whether a percent, a scale word (مليون) or a currency name follows folded offset `pos`: the
    number before it is an amount, not a year (إلى 2000 دولار، في 2015 مليار)."""
    if figure_words().percent_re.match(folded, pos):
        return True
    words, _ = _words_after(folded, pos)
    if not words:
        return False
    if number_words().get(words[0], (0, ""))[1] in SCALE_KINDS:
        return True
    found = unit_lexicon().longest(words)
    return bool(found) and any(CURRENCY_CODE_RE.fullmatch(s.unit) for s in found[1])


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure before context: original offsets of the whole expression and of its number."""

    start: int
    end: int
    value: float
    unit: str
    number: Number
    about: str | None = None
    range_id: int | None = None
    bound: str | None = None
    bare_scaled: bool = False  # `200 ألف` with nothing after: a count unless its sentence names a currency


def _words_after(folded: str, pos: int) -> tuple[list[str], list[int]]:
    """Up to four words after `pos`, stripped of punctuation, with their folded end offsets."""
    m = AFTER_WORDS_RE.match(folded, pos)
    if not m:
        return [], []
    words, ends = [], []
    for w in re.finditer(r"\S+", m.group(1)):
        word = w.group().strip(PUNCT_STRIP)
        if not word:
            break
        words.append(word)
        ends.append(m.start(1) + w.start() + len(w.group().rstrip(PUNCT_STRIP)))
        if w.group() != w.group().rstrip(PUNCT_STRIP):
            break  # a unit name does not run over punctuation
    return words, ends


class _Reader:
    """Reads units after numbers in one document (holds the folded view and country cues)."""

    def __init__(self, text: str, view: FoldedText, units: UnitLexicon, words: FigureWords) -> None:
        self.text, self.view, self.folded = text, view, view.text
        self.units, self.words = units, words
        self._cue_counts: dict[str, int] = {}

    def cue_count(self, cue: str) -> int:
        """How often the article names a country cue outside a currency name (ريال قطري counts not)."""
        if cue not in self._cue_counts:
            firsts = unit_first_words()
            count = 0
            for m in re.finditer(re.escape(cue), self.folded):
                prev = PREV_WORD_RE.search(self.folded, max(0, m.start() - 20), m.start())
                word = CLITICS_RE.sub("", prev.group(1)) if prev else ""
                count += not (word in firsts or word.removeprefix("ال") in firsts)
            self._cue_counts[cue] = count
        return self._cue_counts[cue]

    def choose(self, senses: tuple[UnitSense, ...]) -> UnitSense:
        """The sense whose country cue the article names most; the default one otherwise."""
        best = max(((self.cue_count(s.cue) if s.cue else 0, -i) for i, s in enumerate(senses)))
        return senses[-best[1]] if best[0] > 0 else senses[0]

    def folded_span(self, num: Number) -> tuple[int, int]:
        return self.view.to_folded(num.start), self.view.to_folded(num.end)

    def is_excluded(self, num: Number, times: list[Span]) -> bool:
        """Numbers that are not figures: in times, ordinals, clock times, codes, phone numbers."""
        if any(t.start < num.end and num.start < t.end for t in times):
            return True
        start, end = self.folded_span(num)
        before = self.folded[max(0, start - 30):start]
        if CLOCK_OR_CODE_RE.search(before) or CLOCK_OR_CODE_RE.match(self.folded, end):
            return True
        if re.search(r"(?<!\w)ال\W*$", before) and not num.has_words:
            return True  # الـ24
        digits = num.digits or ""
        return len(digits) >= 7 and digits.isdigit() or (len(digits) >= 3 and digits.startswith("0"))

    def after_name_cue(self, num: Number) -> bool:
        """Whether a word that names or numbers things (المادة، رقم، المرتبة) stands right before."""
        start, _ = self.folded_span(num)
        prev = PREV_WORD_RE.search(self.folded, max(0, start - 30), start)
        word = prev.group(1) if prev else ""
        return word in self.words.name_cues or word[1:] in self.words.name_cues

    def read(self, num: Number) -> Figure | None:
        """The figure a number begins, or None when no unit or counted noun follows."""
        start, end = self.folded_span(num)
        pm = self.words.percent_re.match(self.folded, end)
        if pm:
            return self._figure(num, pm.end(), 1.0, "%")
        words, ends = _words_after(self.folded, end)
        found = self.units.longest(words)
        if found:
            n, senses = found
            sense = self.choose(senses)
            return self._figure(num, ends[n - 1], sense.scale, sense.unit)
        symbol = SYMBOL_BEFORE_RE.search(self.folded, max(0, start - 4), start)
        if symbol:
            sense = self.choose(self.units.names[fold(symbol.group(1))])
            return Figure(self.view.to_original(symbol.start(), symbol.start() + 1)[0], num.end, num.value,
                          sense.unit, num)
        return self._count(num, words, ends) or self._scaled(num)

    def _scaled(self, num: Number) -> Figure | None:
        """`بلغ عدد الزيارات 200 ألف`: a scaled number with no unit still counts something."""
        if num.scale > 1 and num.kinds[0] in ("digits", "unit", "ten", "teen", "hundred"):
            return Figure(num.start, num.end, num.value, "count", num, bare_scaled=True)
        return None

    def _figure(self, num: Number, folded_end: int, scale: float, unit: str) -> Figure:
        end = self.view.to_original(folded_end - 1, folded_end)[1]
        return Figure(num.start, end, num.value * scale, unit, num)

    def _count(self, num: Number, words: list[str], ends: list[int]) -> Figure | None:
        """A count: a counted noun after the number, `N من NOUN`, or a numeral after its noun."""
        if not words:
            return self._numeral_after_noun(num)
        noun = words[0]
        if num.value < 2 or num.value != int(num.value) or self._ordinal_teen(num):
            return None  # واحدة من أهم، ثلث من: not counts
        if noun == "من" and len(words) > 1 and self._is_noun(words[1], definite_ok=True):
            return self._count_figure(num, ends[1], words[1])
        if num.definite:
            return self._numeral_after_noun(num)
        if self._is_noun(noun) and not self._has_pronoun(ends[0]):
            return self._count_figure(num, ends[0], noun)
        return self._numeral_after_noun(num)

    def _numeral_after_noun(self, num: Number) -> Figure | None:
        """`العواصم الثلاث`, `قياديين اثنين`: a word numeral that follows the noun it counts."""
        if not num.has_words or num.value < 2 or num.value != int(num.value):
            return None
        start, end = self.folded_span(num)
        m = NOUN_BEFORE_RE.search(self.folded, max(0, start - 30), start)
        if not m:
            return None
        noun = m.group(1)
        noun = noun[1:] if noun[:1] in ("و", "ف") and noun[1:3] == "ال" else noun
        if num.definite:
            ok = noun.startswith("ال") and self._is_noun(noun[2:])
        else:
            ok = self.folded[start:end] in self.words.two and self._is_noun(noun)
        if not ok:
            return None
        noun_start, noun_end = self.view.to_original(m.start(1), m.end(1))
        return Figure(noun_start, num.end, num.value, "count", num, self.text[noun_start:noun_end])

    def _has_pronoun(self, folded_end: int) -> bool:
        """Whether the word ending at `folded_end` ends in the pronoun ه (لوفاته), not ة; counted nouns never do."""
        end = self.view.to_original(folded_end - 1, folded_end)[1]
        return self.text[end - 1:end] == "ه"

    def _ordinal_teen(self, num: Number) -> bool:
        """`الدورة السابعة عشرة`: عشر/عشرة after a definite word closes an ordinal, not a count."""
        if num.kinds != ("unit",) or num.value != 10:
            return False
        start, _ = self.folded_span(num)
        prev = PREV_WORD_RE.search(self.folded, max(0, start - 20), start)
        return bool(prev) and prev.group(1).startswith("ال")

    def _count_figure(self, num: Number, folded_end: int, noun: str) -> Figure:
        end = self.view.to_original(folded_end - 1, folded_end)[1]
        about = self.text[self.view.to_original(folded_end - len(noun), folded_end)[0]:end]
        return Figure(num.start, end, num.value, "count", num, about)

    def _is_noun(self, word: str, *, definite_ok: bool = False) -> bool:
        """A plausible counted noun: an Arabic word that is no function word, number or time word."""
        if len(word) < 2 or not re.fullmatch(r"[\u0621-\u064a]+", word):
            return False
        if word.startswith("ال") and not definite_ok:
            return False
        bare = word[2:] if word.startswith("ال") else word
        unjoined = word[1:] if word[:1] in ("و", "ف", "ب", "ل", "ك") else word
        stop, numbers = self.words.stop, number_words()
        return not ({word, bare, unjoined} & stop or word in numbers or bare in numbers
                    or word in self.words.time_words)


def _link_ranges(figures: list[Figure], folded: str, view: FoldedText) -> list[Figure]:
    """Bounds of a range share the unit and scale of the bound that carries them."""
    out = list(figures)
    range_id = 0
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        gap = folded[view.to_folded(a.end):view.to_folded(b.start)]
        if not RANGE_GAP_RE.fullmatch(gap) or not (a.unit in ("", b.unit)):
            continue
        range_id += 1
        value = a.value
        if not a.unit and b.number.scale > 1 and a.number.scale == 1 and a.number.kinds == ("digits",):
            value *= b.number.scale
        out[i] = replace(a, value=value, unit=b.unit, about=a.about or b.about, range_id=range_id, bound="low")
        out[i + 1] = replace(b, range_id=range_id, bound="high")
    return [f for f in out if f.unit]


def _inherit_currency(figures: list[Figure], text: str) -> list[Figure]:
    """A bare scaled number takes the currency of the figure before it in the same sentence."""
    out = list(figures)
    for i in range(1, len(out)):
        prev, fig = out[i - 1], out[i]
        if fig.bare_scaled and CURRENCY_CODE_RE.fullmatch(prev.unit) and not SENTENCE_END_RE.search(
                text, prev.end, fig.start):
            out[i] = replace(fig, unit=prev.unit)
    return out


def find_figures(doc: Doc, *, settings: FigureSettings | None = None) -> list[Span]:
    """Figure spans of `doc` with {value, unit, about, time, change, qualifier, rate, range}."""
    units, words = unit_lexicon(), figure_words()
    view = doc.folded
    reader = _Reader(doc.text, view, units, words)
    times = doc.spans.get("times", [])
    figures: list[Figure] = []
    for num in find_numbers(doc.text, view):
        if figures and num.start < figures[-1].end or num.kinds == ("scales",) or reader.is_excluded(num, times):
            continue  # inside the last figure (في المائة), vague (آلاف من), or not a figure
        fig = reader.read(num)
        if (fig is None or fig.unit == "count") and reader.after_name_cue(num):
            continue  # المادة 12، القرار رقم 2216: a name or code, unless a unit follows
        if fig is None:
            fig = Figure(num.start, num.end, num.value, "", num)  # may still be the low bound of a range
        figures.append(fig)
    figures = _inherit_currency(_link_ranges(figures, view.text, view), doc.text)
    return add_context(doc, figures, words, settings or FigureSettings())


@stage("figures", requires=("tokens", "times"), assigns=("figures",))
def figures_stage(settings: Settings) -> Callable[[Doc], Doc]:
    unit_lexicon()
    figure_words()

    def figures(doc: Doc) -> Doc:
        doc.spans["figures"] = find_figures(doc, settings=settings.figures)
        return doc
    return figures
