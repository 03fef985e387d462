"""Tokens with offsets, and the clitic segments (و ف ب ل ك ال) an Arabic word may carry.

A token never rewrites the text: `start`/`end` index `doc.text`, `norm` is the folded form, and
`segments` lists every plausible (clitic prefix, stem) reading of the word, each as a Segment
whose offsets also index `doc.text` (made on demand from the word form's cached `readings`).
Which reading is right is the matcher's business: a gazetteer lookup tries the stems from the
longest prefix down (وكازاخستان -> كازاخستان), a CRF uses them as features.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from marsad.pipeline import stage
from marsad.settings import Settings
from marsad.text.doc import Doc
from marsad.text.fold import fold, keeps_positions

ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc"
LATIN_LETTERS = "A-Za-z\u00c0-\u024f"
DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"

TOKEN_RE = re.compile(
    rf"(?P<number>[{DIGITS}]+(?:[.,\u066b\u066c][{DIGITS}]+)*)"
    rf"|(?P<word>[{ARABIC_LETTERS}{ARABIC_MARKS}{LATIN_LETTERS}]+(?:['’][{LATIN_LETTERS}]+)?)"
    r"|(?P<punct>\S)"
)
TOKEN_TEXT_RE = re.compile(re.sub(r"\(\?P<\w+>", "(?:", TOKEN_RE.pattern))   # the same tokens, as plain strings
ARABIC_WORD_RE = re.compile(rf"[{ARABIC_LETTERS}]")

# Proclitic sequences in folded form: conjunction, then preposition, then article.
# "لل" is ل + ال with the alef swallowed (للأمم = ل + الأمم).
CONJUNCTIONS = ("", "و", "ف")
PREPOSITIONS = ("", "ب", "ل", "ك")
ARTICLE = "ال"
MIN_STEM = 2


class Segment(NamedTuple):
    """One reading of a word: `prefix` clitics (folded, '' for none) and the stem's span."""

    prefix: str
    stem: str
    start: int
    end: int


class Token(NamedTuple):
    """A word, number or punctuation mark with its offsets into the original text.

    `readings` are its word form's clitic readings, (prefix, stem, offset of the stem in the word),
    one tuple shared by every token of the form; `segments` gives them this token's offsets. They
    are made on demand: making them for every token was half the cost of tokenising, and few
    tokens are ever asked for them (the per-form caches downstream ask once per form).
    """

    start: int
    end: int
    text: str
    norm: str
    kind: str  # "word" | "number" | "punct"
    readings: tuple[tuple[str, str, int], ...]

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Every reading of an Arabic word as prefix + stem, the unsplit word first; () for others."""
        start, end = self.start, self.end
        return tuple([Segment(prefix, stem, start + cut, end) for prefix, stem, cut in self.readings])

    @property
    def stem(self) -> str:
        """The folded stem after the longest plausible prefix (the word itself if none)."""
        return self.readings[-1][1] if self.readings else self.norm

    @property
    def is_arabic(self) -> bool:
        return self.kind == "word" and bool(ARABIC_WORD_RE.match(self.norm))


def _prefix_candidates() -> list[str]:
    out = set()
    for conj in CONJUNCTIONS:
        for prep in PREPOSITIONS:
            out.add(conj + prep)
            out.add(conj + ("لل" if prep == "ل" else prep + ARTICLE))  # لل = ل + ال
    out.discard("")
    return sorted(out, key=len)


PREFIXES: tuple[str, ...] = tuple(_prefix_candidates())
PREFIX_SET = frozenset(PREFIXES)
MAX_PREFIX = max(map(len, PREFIXES))


def _original_index(token_text: str, folded_count: int) -> int:
    """Index in `token_text` just after its first `folded_count` folded characters."""
    seen = 0
    for i, ch in enumerate(token_text):
        if seen == folded_count:
            # skip marks that belong to the last prefix letter (وَ) before the stem begins
            if fold(ch):
                return i
            continue
        seen += len(fold(ch))
    return len(token_text)


@lru_cache(maxsize=200_000)
def clitic_readings(token_text: str) -> tuple[tuple[str, str, int], ...]:
    """(prefix, stem, offset of the stem in the word) for each reading of an Arabic word, the unsplit
    word first; cached per word form."""
    norm = fold(token_text)
    readings = [("", norm, 0)]
    same_length = len(norm) == len(token_text) and keeps_positions(token_text)
    for size in range(1, min(MAX_PREFIX, len(norm) - MIN_STEM) + 1):
        prefix = norm[:size]
        if prefix not in PREFIX_SET:
            continue
        stem = norm[size:]
        cut = size if same_length else _original_index(token_text, size)
        readings.append((prefix, ARTICLE + stem if prefix.endswith("لل") else stem, cut))
    return tuple(readings)


@lru_cache(maxsize=200_000)
def _form(token_text: str) -> tuple[str, str, tuple[tuple[str, str, int], ...]]:
    """(folded form, kind, clitic readings or () when not an Arabic word) of a token's text, cached.

    The kind follows from the text alone: TOKEN_RE's alternatives start with disjoint characters.
    """
    norm = fold(token_text)
    kind = TOKEN_RE.match(token_text).lastgroup or "punct"  # type: ignore[union-attr]
    arabic_word = kind == "word" and ARABIC_WORD_RE.match(norm) is not None
    return norm, kind, clitic_readings(token_text) if arabic_word else ()


def tokenize(text: str) -> list[Token]:
    """Split `text` into tokens with offsets; Arabic words carry their clitic readings.

    Only whitespace lies between tokens, so str.find from the last end gives each start without
    match objects, and one cached lookup per word form gives the rest (bare tokenisation 0.94 ->
    0.78 ms/article).
    """
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # builds the NamedTuple without its Python-level __new__ (this loop runs per token)
    find = text.find
    end = 0
    for tok_text in TOKEN_TEXT_RE.findall(text):
        start = find(tok_text, end)
        end = start + len(tok_text)
        append(new(Token, (start, end, tok_text, *_form(tok_text))))
    return tokens


def tokens_of(doc: Doc) -> list[Token]:
    """The doc's tokens, tokenising once and caching them in `doc.objects`."""
    cached = doc.objects.get("tokens")
    if cached is None:
        cached = tokenize(doc.text)  # type: ignore[assignment]
        doc.objects["tokens"] = cached  # type: ignore[assignment]
    return cached  # type: ignore[return-value]


@stage("tokens", assigns=("tokens",))
def tokens_stage(settings: Settings) -> Callable[[Doc], Doc]:
    def tokens(doc: Doc) -> Doc:
        tokens_of(doc)
        return doc
    return tokens
