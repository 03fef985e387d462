"""Date and duration expressions -> doc.spans["times"], resolved against the publication date.

Steps:
1. Find the key words (month and weekday names, أمس/اليوم, period and duration words, years)
   by one pass over the words, then run each pattern of `_patterns` near its key only (month
   names of every system, weekdays, relative days and periods, quarters and halves, years,
   numeric and Hijri dates, durations); each match yields one candidate (a range yields one
   per bound, kept together).
2. Keep the longest candidates that do not overlap; a year-sized number joined to a kept year by a
   coordinator is a year too (2016 وكذلك 2020).
3. Merge a relative day, a weekday and an explicit date that name the same day side by side
   (`أمس (الثلاثاء)`, `اليوم الخميس 11 نوفمبر 2016`).
4. Resolve anaphora (`العام نفسه` = the year last named) in text order.

Values follow the gold format (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn, YYYY-Www, P3Y);
relative expressions get value None when the article has no publication date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from babel import Locale

from marsad.pipeline import stage
from marsad.resolve import calendar as cal
from marsad.resources import table
from marsad.settings import Settings
from marsad.text.doc import Doc, Span
from marsad.text.fold import FoldedText, fold, fold_with_map
from marsad.text.numbers import alternation, number_words, words_alternation, words_in, words_value

# CLDR locales whose month names differ: MSA, Levantine/Iraqi, Tunisian/Algerian, Moroccan, Mauritanian.
MONTH_LOCALES = ("ar", "ar_SY", "ar_TN", "ar_MA", "ar_MR")
TIME_WORDS_FILE = "lexicons/time_words.tsv"
MONTHS_FILE = "lexicons/months.tsv"
# Ranks for merging side-by-side names of one day: an explicit date beats a weekday beats a relative
# day (`يوم أمس الجمعة` written the day before publication still means Friday).
EXPLICIT, WEEKDAY, RELATIVE, OTHER = 3, 2, 1, 0


@dataclass(frozen=True, slots=True)
class Found:
    """One time expression in folded offsets."""

    start: int
    end: int
    type: str  # DATE | DURATION
    value: str | None
    rank: int = OTHER
    same: str | None = None  # "year"/"month": anaphoric, resolved from the last such value
    weekday: int | None = None  # for a weekday name: Monday = 0


@dataclass(frozen=True)
class Lexicon:
    """Month, weekday and time-word tables in folded form, with the regex pieces built from them."""

    months: dict[str, tuple[str, int]]
    weekdays: dict[str, int]  # stem without the article: احد -> 6
    words: dict[str, dict[str, str]]  # category -> folded word -> value
    alt: dict[str, str]  # regex alternations by name


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The time lexicon: Babel's Arabic month and day names plus data/lexicons time words."""
    months: dict[str, tuple[str, int]] = {}
    for loc in MONTH_LOCALES:
        for number, name in Locale.parse(loc).months["format"]["wide"].items():
            months.setdefault(fold(name), ("gregorian", number))
    for row in table(MONTHS_FILE):
        months.setdefault(fold(row["name"]), (row["calendar"], int(row["month"])))
    weekdays = {fold(name)[2:]: number for number, name in Locale.parse("ar").days["format"]["wide"].items()}
    words: dict[str, dict[str, str]] = {}
    for row in table(TIME_WORDS_FILE):
        words.setdefault(row["category"], {})[fold(row["word"])] = row["value"]
    units = words["unit"]
    alt = {
        "greg": alternation(k for k, v in months.items() if v[0] == "gregorian"),
        "hijri": alternation(k for k, v in months.items() if v[0] == "hijri"),
        "wd": alternation(weekdays),
        "dir": alternation(words["direction"]),
        "rel": alternation(words["relday"]),
        "daypart": alternation(words["daypart"]),
        "part": alternation(words["part"]),
        "ord": alternation(words["ordinal"]),
        "approx": alternation(words["approx"]),
        "unit": alternation(units),
        "unit1": alternation(k for k, v in units.items() if v.endswith("1") or v in ("Y10", "Y100")),
        "unit2": alternation(k for k, v in units.items() if not v.endswith("1") and v not in ("Y10", "Y100")),
        "numw": words_alternation(),
        "frac": alternation(w for w, (_, kind) in number_words().items() if kind == "fraction"),
        "year_follow": alternation(words["year_follow"]),
    }
    return Lexicon(months, weekdays, words, alt)


Handler = Callable[[re.Match[str], "Context"], list[Found]]


def _patterns(lex: Lexicon) -> list[tuple[re.Pattern[str], Handler, str]]:
    """(pattern, handler, key) triples; a pattern runs only near a match of its key (see `_windows`)."""
    a = lex.alt
    # A word start and its proclitics (و ف ب ل), which `_candidates` cuts off the span; one cheap
    # look-behind lets the engine drop positions inside words at once.
    b = r"(?<!\w)(?P<cl>[وف]??[بل]??)"
    e = r"(?!\w)"
    month = rf"(?:شهر\s+)?(?P<m>{a['greg']}){e}(?:\s*[/(]\s*{a['greg']}\s*\)?)?"
    year = r"(?P<y>1[6-9]\d\d|20\d\d)(?!\d)(?:\s?م(?!\w))?"
    direction = rf"(?:\s*[,،]?\s*(?P<dir>{a['dir']}){e})?"
    lead_day = rf"(?:(?:{a['daypart']})\s+)?"
    num = rf"(?:\(?\d+(?:[.,]\d+|،\d{{1,2}}(?!\d))?\)?|(?:{a['numw']})(?:\s+و?(?:{a['numw']}))*)"
    period = r"(?:ال|(?<=ل)ل)(?P<p>اسبوع|شهر|عام|سنه|يوم)"  # للعام: ل swallows the alef
    # ونصف after a unit adds half of it (ثلاث سنوات ونصف، عام ونصف العام), unless a definite noun
    # follows (عام ونصف الأعضاء: half of the members).
    # قبل ثلاث سنوات is a date; قبل أكثر من عامين keeps the length (the approximation is the duration's).
    ago = r"(?:(?P<before>قبل)\s+)?"
    frac = rf"\s+(?P<frac>و\s?(?:{a['frac']})){e}(?:\s+ال(?:{a['unit']}){e})?(?!\s+ال)"
    year_expr = (rf"(?P<yx>(?:(?:عام|العام|سنه|السنه)\s*)?(?:1[6-9]\d\d|20\d\d)(?!\d)|(?:هذا|هذه)\s+(?:العام|السنه)"
                 rf"|(?:العام|السنه)(?:\s+{a['dir']})?{e})")
    return [
        (re.compile(rf"{b}{lead_day}(?:(?P<wd>ال{a['wd']})\s*[,،]?\s*)?(?P<d>\d{{1,2}})\s*(?:من\s+)?{month}"
                    rf"\s*[,،]?\s*{year}"), _full_date, "greg"),
        (re.compile(rf"{b}(?P<d>\d{{1,2}})\s+(?P<hm>{a['hijri']}){e}\s*[,،]?\s*(?P<y>1[3-5]\d\d)(?!\d)"
                    rf"(?:\s*(?:ه|هجري|هجريه|للهجره){e})?"), _hijri_date, "hijri"),
        (re.compile(rf"{b}(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<mo>\d{{1,2}})\s*(?P=sep)\s*(?P<y>(?:19|20)\d\d)(?!\d)"
                    rf"(?:\s?م(?!\w))?"), _numeric_dmy, "numeric"),
        (re.compile(rf"{b}(?P<y>(?:19|20)\d\d)\s*(?P<sep>[/.-])\s*(?P<mo>\d{{1,2}})\s*(?P=sep)\s*(?P<d>\d{{1,2}})(?!\d)"),
         _numeric_dmy, "numeric"),
        (re.compile(rf"{b}(?:(?:من|بين)\s+)?(?P<d1>\d{{1,2}})\s*(?:الي|حتي|و|-|–)\s*(?P<d2>\d{{1,2}})\s+(?:من\s+)?{month}"
                    rf"(?:\s*[,،]?\s*{year})?{direction}"), _day_range, "greg"),
        (re.compile(rf"{b}{lead_day}(?P<d>\d{{1,2}})\s+(?:من\s+)?{month}{direction}"), _day_month, "greg"),
        (re.compile(rf"{b}{month}\s*[,،]?\s*{year}"), _month_year, "greg"),
        (re.compile(rf"(?:(?<!\w)(?P<lead>\w+)\s+)?{b}(?P<body>{month}{direction})"), _month, "greg"),
        (re.compile(rf"{b}(?:(?P<lead>عام|العام|سنه|السنه|للعام|لعام|بعام|بالعام|عامي)\s*[,،]?\s*)?{year}"), _year, "year"),
        (re.compile(rf"{b}{lead_day}(?P<rel>{a['rel']}){e}(?:\s+(?P<after>\w+))?"), _relday, "rel"),
        (re.compile(rf"{b}{lead_day}(?:[وف]?ب?ال|[وف]?لل)(?P<wd>{a['wd']}){e}(?:\s+(?P<dir>{a['dir']}){e})?"), _weekday, "wd"),
        (re.compile(rf"{b}(?:(?P<this>هذا|هذه)\s+)?{period}{e}"
                    rf"(?:\s+(?P<dir>{a['dir']}){e})?"), _relative_period, "period"),
        (re.compile(rf"{b}(?:نفس)\s+{period}{e}"), _same_period, "period"),
        (re.compile(rf"{b}(?P<q>الربع|النصف)\s+(?P<o>{a['ord']}){e}(?:\s+(?:من\s+)?{year_expr})?"),
         _quarter, "quarter"),
        (re.compile(rf"{b}(?:{a['part']})\s+{period}{e}(?:\s+(?P<dir>{a['dir']}){e})?"), _part_period, "period"),
        (re.compile(rf"{b}(?P<before>قبل|منذ\s+)?\s*(?P<n1>{num})\s*(?:الي|حتي|و|-|–|او)\s*(?P<n>{num})\s+"
                    rf"(?P<u>{a['unit']}){e}"), _duration_range, "unit"),
        (re.compile(rf"(?:{b}|(?<=[^\W\d])(?=\d)){ago}(?P<n>{num})\s+(?P<u>{a['unit']}){e}(?:{frac})?"),
         _duration, "unit"),
        (re.compile(rf"{b}{ago}(?P<u>{a['unit2']}){e}(?:{frac})?"), _duration, "unit"),
        (re.compile(rf"{b}{ago}(?P<u>{a['unit1']}){e}{frac}"), _duration, "unit"),
        (re.compile(rf"{b}(?:{a['approx']})\s+(?P<u>{a['unit1']}){e}(?:{frac})?"), _duration, "unit"),
        (re.compile(rf"{b}(?P<definite>ال)(?P<u>{a['unit']})\s+ال(?P<n>{a['numw']}){e}"), _duration, "unit"),
        (re.compile(rf"{b}(?P<definite>ال)(?P<n>{a['numw']})\s+(?:ال)?(?P<u>{a['unit']}){e}"), _duration, "unit"),
    ]


WORD_BEFORE_RE = re.compile(r"(\w+)\W*$")
AGO_OF_RE = re.compile(r"\s+(?:فقط\s+)?من\s")  # قبل 3 أسابيع (فقط) من الحدث: a length before an event
YEAR_AFTER_RE = re.compile(r"\s*(?:$|[^\w\s]|م(?!\w)|و?\s*(?:19|20)\d\d)")


@dataclass
class Context:
    """What a pattern handler needs: the anchor date and the lexicon."""

    anchor: date | None
    lex: Lexicon
    folded: str

    def word_before(self, pos: int) -> str:
        """The folded word that ends just before `pos` (skipping white space)."""
        m = WORD_BEFORE_RE.search(self.folded, max(0, pos - 40), pos)
        return m.group(1) if m else ""

    def after_word_in(self, pos: int, category: str) -> bool:
        """Whether the word before `pos`, with or without a leading و/ف, is in a time-word category."""
        word, words = self.word_before(pos), self.lex.words[category]
        return word in words or (word[:1] in ("و", "ف") and word[1:] in words)

    def direction(self, m: re.Match[str]) -> int | str:
        word = m.groupdict().get("dir")
        value = self.lex.words["direction"].get(fold(word or ""), "0") if word else "0"
        return value if value == "same" else int(value)

    def month(self, m: re.Match[str], group: str = "m") -> int:
        return self.lex.months[re.sub(r"\s+", " ", m.group(group))][1]


def _one(m: re.Match[str], kind: str, value: str | None, rank: int = OTHER) -> list[Found]:
    return [Found(m.start(), m.end(), kind, value, rank)]


def _full_date(m: re.Match[str], ctx: Context) -> list[Found]:
    d = cal.safe_date(int(m.group("y")), ctx.month(m), int(m.group("d")))
    return _one(m, "DATE", d.isoformat(), EXPLICIT) if d else []


def _hijri_date(m: re.Match[str], ctx: Context) -> list[Found]:
    d = cal.hijri_to_gregorian(int(m.group("y")), ctx.month(m, "hm"), int(m.group("d")))
    return _one(m, "DATE", d.isoformat(), EXPLICIT) if d else []


def _numeric_dmy(m: re.Match[str], ctx: Context) -> list[Found]:
    d = cal.safe_date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    return _one(m, "DATE", d.isoformat(), EXPLICIT) if d else []


def _day_in_month(ctx: Context, m: re.Match[str], day: int) -> str | None:
    month = ctx.month(m)
    if m.groupdict().get("y"):
        year = int(m.group("y"))
    elif ctx.anchor is None:
        return None
    else:
        direction = ctx.direction(m)
        year = cal.day_month_year(ctx.anchor, month, day, direction if isinstance(direction, int) else 0)
    d = cal.safe_date(year, month, day)
    return d.isoformat() if d else None


def _day_range(m: re.Match[str], ctx: Context) -> list[Found]:
    first, second = _day_in_month(ctx, m, int(m.group("d1"))), _day_in_month(ctx, m, int(m.group("d2")))
    if not (first and second) or first >= second:
        return []
    return [Found(m.start(), m.end("d1"), "DATE", first, EXPLICIT), Found(m.start("d2"), m.end(), "DATE", second, EXPLICIT)]


def _day_month(m: re.Match[str], ctx: Context) -> list[Found]:
    value = _day_in_month(ctx, m, int(m.group("d")))
    return _one(m, "DATE", value, EXPLICIT) if value or ctx.anchor is None else []


def _month_year(m: re.Match[str], ctx: Context) -> list[Found]:
    return _one(m, "DATE", cal.month_value(int(m.group("y")), ctx.month(m)))


def _month(m: re.Match[str], ctx: Context) -> list[Found]:
    name = re.sub(r"\s+", " ", m.group("m"))
    body = m.group("body")
    lead = fold(m.group("lead") or "")
    lead = lead if lead in ctx.lex.words["month_lead"] or lead[:1] not in "وف" else lead[1:]
    has_context = bool(m.group("dir")) or "/" in body or "(" in body or lead == "شهر" or body.startswith("شهر")
    if name in ctx.lex.words["strict_month"] and not has_context:
        return []  # آب alone is also إب (a city) or أب (father)
    if name in ctx.lex.words["ambiguous_month"] and not has_context and lead not in ctx.lex.words["month_lead"]:
        return []
    value = None
    if ctx.anchor is not None:
        direction = ctx.direction(m)
        year = cal.month_year(ctx.anchor, ctx.month(m), direction if isinstance(direction, int) else 0)
        value = cal.month_value(year, ctx.month(m))
    return [Found(m.start("body"), m.end(), "DATE", value)]


def _year(m: re.Match[str], ctx: Context) -> list[Found]:
    """A year: after عام/سنة, a time preposition or a clitic و, after the name of an event or plan
    (أولمبياد 2020، رؤية 2030), or standing before punctuation or a connective (2016 وكذلك).

    A bare four-digit number followed by a word is more often a quantity (`2000 ريال`), and one
    followed by a currency, a scale word or a percent is one even after a preposition (إلى 2000 دولار).
    """
    if m.group("lead"):
        return _one(m, "DATE", m.group("y"))
    before = ctx.word_before(m.start())
    attached = m.start() > 0 and ctx.folded[m.start() - 1] in "وب"
    if not (attached or ctx.after_word_in(m.start(), "year_lead") or _after_year_name(before, ctx)
            or re.fullmatch(r"(?:19|20)\d\d", before) or YEAR_AFTER_RE.match(ctx.folded, m.end("y"))
            or year_follow_re().match(ctx.folded, m.end())):
        return []
    if quantity_follows(ctx.folded, m.end()):
        return []
    return _one(m, "DATE", m.group("y"))


def _after_year_name(word: str, ctx: Context) -> bool:
    """Whether `word` names an event or plan by its year, with or without proclitics (لأولمبياد)."""
    names = ctx.lex.words["year_name"]
    return any(word[len(p):] in names for p in PROCLITICS if word.startswith(p))


@lru_cache(maxsize=1)
def year_follow_re() -> re.Pattern[str]:
    return re.compile(rf"\s+[وف]?(?:{lexicon().alt['year_follow']})(?!\w)")


def quantity_follows(folded: str, pos: int) -> bool:
    """Whether a currency, a scale word (مليون) or a percent follows `pos`: the number is an amount."""
    from marsad.recognise.figures import amount_follows  # lazy: figure_context imports times lazily too
    return amount_follows(folded, pos)


def _relday(m: re.Match[str], ctx: Context) -> list[Found]:
    rel = re.sub(r"\s+", " ", m.group("rel"))
    after = m.group("after") or ""
    if rel == "اليوم" and (ctx.word_before(m.start()) == "في" or after.startswith("ال")
                           and after[2:] not in ctx.lex.weekdays and after not in ("التي", "الذي")):
        return []  # في اليوم (per day), اليوم الوطني، اليوم التالي: not today
    if rel == "غد" and not m.group(0).startswith("يوم"):
        return []  # bare غد is rare as a date; يوم غد and بعد غد are not
    offset = int(ctx.lex.words["relday"][rel])
    value = cal.relative_period(ctx.anchor, "day", offset) if ctx.anchor else None
    return [Found(m.start(), m.end("rel"), "DATE", value, RELATIVE)]


def _weekday(m: re.Match[str], ctx: Context) -> list[Found]:
    direction = ctx.direction(m)
    value = None
    if ctx.anchor is not None:
        step = direction if isinstance(direction, int) else 0
        value = cal.weekday_date(ctx.anchor, ctx.lex.weekdays[m.group("wd")], step).isoformat()
    return [Found(m.start(), m.end(), "DATE", value, WEEKDAY, weekday=ctx.lex.weekdays[m.group("wd")])]


PERIOD_NAMES = {"يوم": "day", "اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year"}


def _relative_period(m: re.Match[str], ctx: Context) -> list[Found]:
    period = PERIOD_NAMES[m.group("p")]
    direction = ctx.direction(m)
    if direction == "same":
        return [Found(m.start(), m.end(), "DATE", None, OTHER, period)]
    if not m.group("this") and not m.group("dir"):
        return []
    value = cal.relative_period(ctx.anchor, period, int(direction)) if ctx.anchor else None
    return _one(m, "DATE", value)


def _same_period(m: re.Match[str], ctx: Context) -> list[Found]:
    period = PERIOD_NAMES[m.group("p")]
    if period == "week":
        return []
    return [Found(m.start(), m.end(), "DATE", None, OTHER, period)]


def _year_of(expr: str | None, ctx: Context) -> int | None:
    """The year of a year expression (عام 2015، هذا العام، العام الماضي), or the anchor's year."""
    digits = re.search(r"\d{4}", expr or "")
    if digits:
        return int(digits.group())
    if ctx.anchor is None:
        return None
    word = re.search(ctx.lex.alt["dir"], expr or "")
    offset = ctx.lex.words["direction"].get(word.group(), "0") if word else "0"
    return ctx.anchor.year + (int(offset) if offset != "same" else 0)


def _quarter(m: re.Match[str], ctx: Context) -> list[Found]:
    year = _year_of(m.group("yx"), ctx)
    ordinal = ctx.lex.words["ordinal"][m.group("o")]
    if m.group("q") == "الربع":
        n = 4 if ordinal == "last" else int(ordinal)
        return _one(m, "DATE", cal.quarter_value(year, n) if year else None) if n <= 4 else []
    n = 2 if ordinal == "last" else int(ordinal)
    return _one(m, "DATE", cal.half_value(year, n) if year else None) if n <= 2 else []


def _part_period(m: re.Match[str], ctx: Context) -> list[Found]:
    period = PERIOD_NAMES[m.group("p")]
    direction = ctx.direction(m)
    offset = direction if isinstance(direction, int) else 0
    return _one(m, "DATE", cal.relative_period(ctx.anchor, period, offset) if ctx.anchor else None)


def _amount(m: re.Match[str], group: str) -> float | None:
    """The number written before a unit word; 1 when there is none (أكثر من شهر)."""
    text = m.groupdict().get(group)
    return words_value(text.strip("()")) if text else 1.0


def _duration_parts(m: re.Match[str], ctx: Context, group: str = "n") -> tuple[float, str] | None:
    """(amount, ISO unit letter): a dual word counts two (يومين), a decade ten years (العقود الثلاثة = 30),
    and ونصف after the unit adds half of one (عامين ونصف = 2.5 years, عقد ونصف = 15)."""
    unit = ctx.lex.words["unit"][re.sub(r"\s+", " ", m.group("u"))]
    code, mult = re.fullmatch(r"([A-Z]+)(\d+)", unit).groups()  # type: ignore[union-attr]
    amount = _amount(m, group)
    if amount is None or amount <= 0:
        return None
    if not m.groupdict().get(group) or int(mult) >= 10:
        amount *= int(mult)
    frac = m.groupdict().get("frac")
    if frac:
        one = int(mult) if unit.endswith("1") or unit in ("Y10", "Y100") else int(mult) / 2  # a dual names two
        amount += number_words()[re.sub(r"^و\s?", "", frac)][0] * one
    return amount, code


def _duration(m: re.Match[str], ctx: Context) -> list[Found]:
    parts = _duration_parts(m, ctx)
    if parts is None or ctx.word_before(m.start()) == "كل":
        return []  # كل عامين: a frequency, not a length
    amount, code = parts
    if m.groupdict().get("definite") and (amount < 2 or (m.group("u") == "يوم" and m.group("n") == "اثنين")):
        return []  # اليوم الأحد، اليوم الواحد; اليوم الاثنين is Monday, not two days
    whole = amount == int(amount) or code in ("Y", "M")  # قبل عام ونصف: 18 months back; no day has a half
    if m.groupdict().get("before") and whole and not AGO_OF_RE.match(ctx.folded, m.end()):
        return _one(m, "DATE", cal.ago(ctx.anchor, amount, code) if ctx.anchor else None)
    return _one(m, "DURATION", cal.duration_value(amount, code))


def _duration_range(m: re.Match[str], ctx: Context) -> list[Found]:
    low, high = _duration_parts(m, ctx, "n1"), _duration_parts(m, ctx, "n")
    if low is None or high is None or m.group("before") or not 1 <= low[0] < high[0]:
        return []
    return [Found(m.start("n1"), m.end("n1"), "DURATION", cal.duration_value(*low)),
            Found(m.start("n"), m.end(), "DURATION", cal.duration_value(*high))]


@lru_cache(maxsize=1)
def compiled_patterns() -> tuple[tuple[re.Pattern[str], Handler, str], ...]:
    return tuple(_patterns(lexicon()))


@lru_cache(maxsize=1)
def key_words() -> dict[str, frozenset[str]]:
    """Folded key word -> the pattern keys it wakes: every time expression holds one key word.

    The full patterns open with look-behinds and long alternations that the regex engine tries
    at every position (~0.6 ms an article each); one pass over the words finds the few places
    worth trying. A multi-word name is keyed by its word that stands alone in the same table
    (أول من أمس -> أمس), else by its first word (كانون الثاني -> كانون).
    """
    lex = lexicon()
    groups = {"greg": [k for k, v in lex.months.items() if v[0] == "gregorian"],
              "hijri": [k for k, v in lex.months.items() if v[0] == "hijri"],
              "rel": list(lex.words["relday"]), "wd": ["ال" + w for w in lex.weekdays],
              "period": ["ال" + w for w in PERIOD_NAMES], "quarter": ["الربع", "النصف"],
              "unit": list(lex.words["unit"])}
    keys: dict[str, set[str]] = {}
    for key, entries in groups.items():
        singles = {e for e in entries if " " not in e}
        for entry in entries:
            parts = entry.split()
            word = next((w for w in parts if w in singles), parts[0])
            for form in {word, word[2:] if word.startswith("ال") else word}:
                keys.setdefault(form, set()).add(key)
    return {k: frozenset(v) for k, v in keys.items()}


# Characters a pattern may reach before and after its key word (the longest lead and tail each
# key's patterns allow, with slack); tests/recognise/test_times.py covers the longest forms.
KEY_REACH = {"greg": (40, 45), "hijri": (8, 30), "numeric": (15, 15), "year": (20, 8), "rel": (15, 20),
             "wd": (20, 20), "period": (25, 25), "quarter": (5, 50), "unit": (50, 25)}
WORD_TAIL_RE = re.compile(r"\w*")
DIGIT_KEYS = {"year": re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)"), "numeric": re.compile(r"\d\s*[/.-]\s*\d")}
PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")


@lru_cache(maxsize=1)
def keyed_forms() -> dict[str, frozenset[str]]:
    """Every key word with the article and proclitics it may carry, -> its keys."""
    out: dict[str, set[str]] = {}
    for word, keys in key_words().items():
        stem = word[2:] if word.startswith("ال") else word
        # بالأمس، والعقود، للجمعة (ل swallows the article's alef)
        forms = {p + w for p in PROCLITICS for w in (word, "ال" + stem, "لل" + stem)}
        for form in forms:
            out.setdefault(form, set()).update(keys)
    return {k: frozenset(v) for k, v in out.items()}


def _key_hits(folded: str) -> dict[str, list[tuple[int, int]]]:
    """Where each pattern key occurs: set intersection of the text's words, then str.find."""
    forms = keyed_forms()
    hits: dict[str, list[tuple[int, int]]] = {}
    for word in forms.keys() & words_in(folded):
        start = folded.find(word)
        while start >= 0:
            end = start + len(word)
            if (start == 0 or not folded[start - 1].isalnum()) and (end == len(folded) or not folded[end].isalnum()):
                for key in forms[word]:
                    hits.setdefault(key, []).append((start, end))
            start = folded.find(word, end)
    for key, pattern in DIGIT_KEYS.items():
        spans = [m.span() for m in pattern.finditer(folded)]
        if spans:
            hits[key] = spans
    for spans in hits.values():
        spans.sort()
    return hits


def _windows(spans: list[tuple[int, int]], folded: str, key: str) -> list[tuple[int, int]]:
    """Merged ranges around key words, widened to whole words at the end."""
    out: list[tuple[int, int]] = []
    before, after = KEY_REACH[key]
    for start, end in spans:
        lo = max(0, start - before)
        hi = WORD_TAIL_RE.match(folded, min(len(folded), end + after)).end()  # type: ignore[union-attr]
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _candidates(folded: str, ctx: Context) -> Iterator[list[Found]]:
    hits = _key_hits(folded)
    windows: dict[str, list[tuple[int, int]]] = {}
    for pattern, handler, key in compiled_patterns():
        if key not in windows:
            windows[key] = _windows(hits.get(key, []), folded, key)
        for lo, hi in windows[key]:
            for m in pattern.finditer(folded, lo, hi):
                found = handler(m, ctx)
                clitic = m.group("cl")
                if found and clitic and found[0].start == m.start():
                    found[0] = replace(found[0], start=m.start() + len(clitic))
                if found:
                    yield found


def _select(groups: list[list[Found]]) -> list[Found]:
    """The longest non-overlapping candidate groups (a range's bounds stay together)."""
    taken: list[tuple[int, int]] = []
    out: list[Found] = []
    for group in sorted(groups, key=lambda g: (-(g[-1].end - g[0].start), g[0].start)):
        lo, hi = group[0].start, group[-1].end
        if any(lo < e and s < hi for s, e in taken):
            continue
        taken.append((lo, hi))
        out.extend(group)
    return sorted(out, key=lambda f: f.start)


_JOIN_RE = re.compile(r"[\s(),،]*")


def _merge_days(found: list[Found], folded: str) -> list[Found]:
    """Fold side-by-side names of one day into one span, keeping the most explicit value."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev and prev.rank and f.rank and _JOIN_RE.fullmatch(folded, prev.end, f.start):
            best = _agree(prev, f)
            closes = "(" in folded[prev.end:f.start] and folded.startswith(")", f.end)
            out[-1] = replace(best, start=prev.start, end=f.end + closes)
            continue
        out.append(f)
    return out


def _agree(a: Found, b: Found) -> Found:
    """The one value of two names of a day: the explicit date, or the weekday nearest the relative day."""
    best, other = (a, b) if a.rank >= b.rank else (b, a)
    if best.rank == WEEKDAY and other.rank == RELATIVE and other.value and best.weekday is not None:
        near = cal.nearest_weekday(date.fromisoformat(other.value), best.weekday)
        return replace(best, value=near.isoformat())
    return best


YEAR_AND_RE = re.compile(r"\s*[,،]?\s*(\w+)\s+((?:19|20)\d\d)(?!\d)")
YEAR_END_RE = re.compile(r"(?:19|20)\d\d(?:\s?م)?$")


def _coordinated_years(found: list[Found], ctx: Context) -> list[Found]:
    """A year-sized number joined by a coordinator to a year found is a year too (أولمبياد 2016
    وكذلك 2020، في 2012 أو 2013); not when an amount follows it (2015 أو 2016 دولار)."""
    out = list(found)
    coordinators = ctx.lex.words["year_and"]
    for f in found:
        if f.type != "DATE" or not YEAR_END_RE.search(ctx.folded, f.start, f.end):
            continue
        m = YEAR_AND_RE.match(ctx.folded, f.end)
        word = m.group(1) if m else ""
        if not (word in coordinators or (word[:1] in ("و", "ف") and word[1:] in coordinators)):
            continue
        start, end = m.span(2)  # type: ignore[union-attr]
        if any(o.start < end and start < o.end for o in out) or quantity_follows(ctx.folded, end):
            continue
        out.append(Found(start, end, "DATE", m.group(2)))  # type: ignore[union-attr]
    return sorted(out, key=lambda f: f.start) if len(out) > len(found) else found


def _resolve_same(found: list[Found]) -> list[Found]:
    """`العام نفسه`, `نفس الشهر`: the value of the last year or month named before."""
    out = []
    last: dict[str, str] = {}
    for f in found:
        if f.same:
            value = last.get(f.same)
            if value is None:
                continue
            f = replace(f, value=value, same=None)
        if f.type == "DATE" and f.value:
            if re.fullmatch(r"\d{4}", f.value[:4]):
                last["year"] = f.value[:4]
            if re.fullmatch(r"\d{4}-\d{2}", f.value[:7]):
                last["month"] = f.value[:7]
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", f.value):
                last["day"] = f.value
        out.append(f)
    return out


def find_times(text: str, published: date | None, *, folded: FoldedText | None = None) -> list[Span]:
    """Time spans over `text` with {"type", "value"}, in order, never overlapping.

    `folded` is the text's folded view when the caller has it (Doc.folded), to fold only once.
    """
    view = folded or fold_with_map(text)
    ctx = Context(published, lexicon(), view.text)
    found = _coordinated_years(_select(list(_candidates(view.text, ctx))), ctx)
    found = _resolve_same(_merge_days(found, view.text))
    spans = []
    for f in found:
        start, end = view.to_original(f.start, f.end)
        start, end = _trim(text, start, end)
        if end > start:
            spans.append(Span(start, end, "time", {"type": f.type, "value": f.value}))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "(،,"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "،,"):
        end -= 1
    return start, end


@stage("times", requires=("tokens",), assigns=("times",))
def times_stage(settings: Settings) -> Callable[[Doc], Doc]:
    compiled_patterns()  # build the lexicon, patterns and keys once, with the pipeline
    key_words()

    def times(doc: Doc) -> Doc:
        doc.spans["times"] = find_times(doc.text, doc.published, folded=doc.folded)
        return doc
    return times
