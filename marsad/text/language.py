"""Is this text Arabic? A script-share test, used to label records and by ingest to skip others."""

from __future__ import annotations

import re

# Runs rather than single letters: findall then builds one string per word, not per letter
# (0.40 -> 0.18 ms/article on the real articles).
ARABIC_LETTER_RE = re.compile("[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]+")
LATIN_LETTER_RE = re.compile("[A-Za-z\u00c0-\u024f]+")
LETTER_RE = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 4000  # the opening of an article decides; counting a whole book's letters is wasted work
ARABIC_SHARE = 0.5  # of all letters; news with Latin names and acronyms stays well above it


def detect_language(text: str) -> str:
    """'ar' when Arabic letters are at least half the letters, else 'und' (BCP 47: undetermined)."""
    sample = text[:SAMPLE_CHARS]
    arabic = sum(map(len, ARABIC_LETTER_RE.findall(sample)))
    latin = sum(map(len, LATIN_LETTER_RE.findall(sample)))
    others = sum(map(len, LETTER_RE.findall(sample))) - arabic - latin
    total = arabic + latin + max(0, others)
    return "ar" if total and arabic / total >= ARABIC_SHARE else "und"
