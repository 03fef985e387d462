"""Numbers in Arabic text -> values with offsets: digits in every script and MSA number words.

Shared by the figures and times recognisers. Everything works on the folded view of the text
(Arabic-Indic and Persian digits become 0-9, ٫ becomes '.', ٬ becomes ',') and maps back to
code-point offsets of the original; a digit string written with the unambiguous Arabic marks
(٫ decimal, ٬ thousands) is read from the original. A number is a *phrase* of atoms: digit strings
(41، 1.5، 10.000، 1،5 = 1.5 with the Arabic comma between digits, the Maghrebi 7ر10 = 10.7) and
number words from
data/lexicons/number_words.tsv (ثلاثة، عشرين، ثلاثمائة، مليارا، مليونين، نصف), joined by the
rules of MSA compounds: `41 مليار`، `ستمائة ألف`، `واحد وأربعون`، `مليونين و500 ألف`،
`مليون ونصف`، `ثلاثة أرباع`. Two digit strings never join (`10 و20` is a list or a range).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from marsad.resources import table
from marsad.text.fold import FoldedText, fold, fold_with_map

NUMBER_WORDS_FILE = "lexicons/number_words.tsv"
# The Arabic comma between digits, with no space, is a decimal mark (1،5 مليون); a year-sized
# group or a run of them (2016،2017 or 3،4،5) is a list.
DIGITS_RE = re.compile(r"\d+ر\d+|(?<!\d،)\d{1,3}،\d{1,3}(?!\d|،\d)|\d+(?:[.,]\d+)*")
SEPARATORS = ".,،"
MAGHREBI_RE = re.compile(r"(\d+)ر(\d+)")
# Word atoms may carry the conjunction و/ف, the preposition ب and the article ال (بثلاثة، والثلاث).
WORD_PREFIX = r"(?P<pre>[وف]??[بل]??(?:ال)??)"  # lazy: واحد is a word, not و + أحد
# Kinds that take a following و-joined smaller number (ثلاثمائة وخمسون، مليون ونصف).
SCALES = frozenset({"scale", "scales", "dual_scale"})
PLAIN = frozenset({"digits", "unit", "one", "ten", "teen", "hundred"})


@dataclass(frozen=True, slots=True)
class Atom:
    """One digit string or number word, in folded offsets."""

    lead: int  # where its clitic prefix starts
    start: int
    end: int
    kind: str  # digits | one | unit | teen | ten | hundred | scale | dual_scale | fraction | fractions
    value: float
    conj: bool  # preceded by the conjunction و
    definite: bool  # carries the article ال (الثلاث، المليون)
    text: str


@dataclass(frozen=True, slots=True)
class Number:
    """A number phrase: offsets into the original text, its value and how it was written."""

    start: int
    end: int
    value: float
    kinds: tuple[str, ...]
    scale: float  # the scale word that closes the phrase (1000 in `400 ألف`), else 1
    definite: bool
    digits: str | None  # the digit string when the phrase is one bare digit atom

    @property
    def has_words(self) -> bool:
        return any(k != "digits" for k in self.kinds)


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[float, str]]:
    """Folded number word -> (value, kind), from data/lexicons/number_words.tsv."""
    return {fold(row["word"]): (float(row["value"]), row["kind"]) for row in table(NUMBER_WORDS_FILE)}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of folded words, longest first; a space inside a word matches any white space."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


@lru_cache(maxsize=1)
def words_alternation() -> str:
    """A regex alternation of every folded number word, longest first (teens before units)."""
    return alternation(number_words())


DIGIT_ATOM_RE = re.compile(rf"(?P<digits>{DIGITS_RE.pattern})(?!\d)")
NOT_BEFORE_DIGITS = frozenset("0123456789.,") | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
WORD_RE = re.compile(r"\w+")
PREFIXES = [c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل") for a in ("", "ال")]


@lru_cache(maxsize=8)
def words_in(folded: str) -> frozenset[str]:
    """The distinct words of a folded text, cached: the times and figures stages both look up
    their key words in the same article's set (0.19 ms/article to build)."""
    return frozenset(WORD_RE.findall(folded))


@lru_cache(maxsize=1)
def word_atom_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){WORD_PREFIX}(?P<word>{words_alternation()})(?!\w)")


@lru_cache(maxsize=1)
def prefixed_words() -> frozenset[str]:
    """Every whole word that may open a word atom: a number word's first word with its proclitics."""
    return frozenset(p + w.split()[0] for w in number_words() for p in PREFIXES)


def parse_digits(text: str, *, scaled: bool = False) -> float | None:
    """The value of a digit string in any script; None if it is not one.

    `scaled` says a scale word follows (`3.500 مليون`), which makes a lone separator decimal;
    otherwise one separator before exactly three digits groups thousands (`10.000` = 10000).
    """
    explicit = _explicit_marks(text)
    if explicit is not None:
        return explicit
    s = fold(text).strip()
    m = MAGHREBI_RE.fullmatch(s)
    if m:  # 7ر10: the fraction is written first
        return float(f"{m.group(2)}.{m.group(1)}")
    if not DIGITS_RE.fullmatch(s):
        return None
    seps = [c for c in s if c in SEPARATORS]
    if not seps:
        return float(s)
    if len(set(seps)) == 2:
        decimal = seps[-1]
        return float(s.replace("," if decimal == "." else ".", "").replace(decimal, "."))
    sep = seps[0]
    groups = s.split(sep)
    if len(seps) > 1:
        return float("".join(groups)) if all(len(g) == 3 for g in groups[1:]) else None
    if not scaled and len(groups[1]) == 3:
        return float("".join(groups))
    return float(".".join(groups))


_EXPLICIT_RE = re.compile(r"\d{1,3}(?:\u066c\d{3})*(?:\u066b\d+)?|\d+\u066b\d+")
_DIGITS_ONLY = str.maketrans({chr(base + i): str(i) for base in (0x0660, 0x06F0) for i in range(10)})


def _explicit_marks(text: str) -> float | None:
    """The value of a digit string written with the Arabic marks (١٬٢٠٠ = 1200, ٢٫٥٠٠ = 2.5) whatever
    follows it; None when it has neither mark or uses them otherwise (the folded rules apply then)."""
    if "\u066b" not in text and "\u066c" not in text:
        return None
    s = text.strip().translate(_DIGITS_ONLY)
    if not _EXPLICIT_RE.fullmatch(s):
        return None
    return float(s.replace("\u066c", "").replace("\u066b", "."))


def _atoms(folded: str) -> list[Atom]:
    """Digit and word atoms in order. Words are found by set lookup, then matched in place:
    a regex alternation of 150 number words scanned over a whole article is ten times slower."""
    out = []
    for m in DIGIT_ATOM_RE.finditer(folded):
        if m.start() and folded[m.start() - 1] in NOT_BEFORE_DIGITS:
            continue
        value = parse_digits(m.group(), scaled=_scale_follows(folded, m.end()))
        if value is not None:
            out.append(Atom(m.start(), m.start(), m.end(), "digits", value, False, False, m.group()))
    words, pattern = number_words(), word_atom_re()
    for token in prefixed_words() & words_in(folded):
        pos = folded.find(token)
        while pos >= 0:
            end = pos + len(token)
            m = pattern.match(folded, pos) if not (pos and folded[pos - 1].isalnum()) else None
            if m and (end == len(folded) or not folded[end].isalnum()):
                pre, word = m.group("pre") or "", re.sub(r"\s+", " ", m.group("word"))
                if not (pre.endswith("ل") and word == "ست"):  # لست: "I am not"
                    value, kind = words[word]
                    out.append(Atom(pos, m.start("word"), m.end(), kind, value, "و" in pre, pre.endswith("ال"), word))
            pos = folded.find(token, end)
    out.sort(key=lambda a: a.lead)
    return [a for i, a in enumerate(out) if not i or a.lead >= out[i - 1].end]


_SCALE_AFTER_RE = re.compile(r"\s*(\S+)")


def _scale_follows(folded: str, pos: int) -> bool:
    m = _SCALE_AFTER_RE.match(folded, pos)
    return bool(m) and number_words().get(m.group(1), (0, ""))[1] in SCALES


_GAP_RE = re.compile(r"\s*(?:و\s*)?")


def _joins(a: Atom, b: Atom, gap: str) -> bool:
    """Whether atom `b` continues the phrase that ends with atom `a` (MSA compound rules)."""
    bare_conj = gap.strip() == "و"
    if not _GAP_RE.fullmatch(gap) or (bare_conj and b.conj) or b.definite:
        return False
    conj = bare_conj or b.conj
    if not conj:
        if b.kind in ("scale", "scales"):
            return a.kind in PLAIN | {"fractions"} and not gap.count("\n")
        if b.kind == "hundred" and b.value == 100:
            return a.kind == "unit"
        return b.kind == "fractions" and a.kind in ("unit", "digits")
    if a.kind in SCALES:
        return b.kind in PLAIN | {"fraction"}
    if a.kind == "hundred":
        return b.kind in ("unit", "one", "ten", "teen")
    return a.kind in ("unit", "one") and b.kind == "ten"


def phrase_value(atoms: list[Atom]) -> tuple[float, float]:
    """(value, closing scale) of a joined run of atoms."""
    total = group = 0.0
    last_scale = closing = 1.0
    for i, atom in enumerate(atoms):
        closing = 1.0
        if atom.kind == "hundred" and atom.value == 100 and 0 < group < 10 and not atom.conj:
            group *= 100
        elif atom.kind == "fractions":
            group = (group or 1) * atom.value
        elif atom.kind == "fraction" and i and atoms[i - 1].kind in SCALES:
            total += atom.value * last_scale
        elif atom.kind in ("scale", "scales"):
            zero = i and atoms[i - 1].kind == "digits"  # 0 مليون is nought; a bare مليون is one
            total += (group or (0 if zero else 1)) * atom.value
            group, last_scale = 0.0, atom.value
            closing = atom.value if i else 1.0
        elif atom.kind == "dual_scale":
            total += 2 * atom.value
            last_scale = atom.value
        else:
            group += atom.value
    return total + group, closing


def _marked(atom: Atom, text: str, view: FoldedText) -> Atom:
    """A digit atom re-read from the original when it was written with ٫ or ٬ (folding loses which)."""
    if atom.kind != "digits" or not ("." in atom.text or "," in atom.text):
        return atom
    start, end = view.to_original(atom.start, atom.end)
    value = _explicit_marks(text[start:end])
    return atom if value is None else replace(atom, value=value)


def find_numbers(text: str, folded: FoldedText | None = None) -> list[Number]:
    """Every number phrase in `text`, in order, with offsets into `text`."""
    view = folded or fold_with_map(text)
    f = view.text
    atoms = _atoms(f)
    if "\u066b" in text or "\u066c" in text:
        atoms = [_marked(a, text, view) for a in atoms]
    out: list[Number] = []
    i = 0
    while i < len(atoms):
        j = i + 1
        while j < len(atoms) and _joins(atoms[j - 1], atoms[j], f[atoms[j - 1].end:atoms[j].lead]):
            j += 1
        run = atoms[i:j]
        value, scale = phrase_value(run)
        start, end = view.to_original(run[0].start, run[-1].end)
        digits = run[0].text if len(run) == 1 and run[0].kind == "digits" else None
        out.append(Number(start, end, value, tuple(a.kind for a in run), scale, run[0].definite, digits))
        i = j
    return out


def words_value(phrase: str) -> float | None:
    """The value of a phrase that is one whole number (`واحد وأربعون`, `1.5 مليون`), else None."""
    found = find_numbers(phrase)
    if len(found) != 1 or phrase[:found[0].start].strip(" وب") or phrase[found[0].end:].strip():
        return None
    return found[0].value
