"""Sentence boundaries for Arabic and Latin news text -> doc.spans["sentences"].

A sentence ends at a line break, or at . ! ? ؟ … (and any closing quotation marks or brackets
right after them) followed by white space, unless the dot closes a number (3.5), an initial
(د. / J.) or a listed abbreviation (data/lexicons/abbreviations.txt). Sentences are trimmed of
surrounding white space; text that is only white space or punctuation belongs to no sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from marsad.pipeline import stage
from marsad.resources import word_list
from marsad.settings import Settings
from marsad.text.doc import Doc, Span
from marsad.text.fold import fold

CLOSERS = "\"'»”’)]}›"
TERMINAL_RE = re.compile(rf"(?:[.!?؟…]+|\.\.\.)[{re.escape(CLOSERS)}]*(?=\s|$)|\n")
WORD_BEFORE_RE = re.compile(r"(\S+)$")
CONTENT_RE = re.compile(r"\w")
ABBREVIATION_WINDOW = 24  # longest abbreviation looked at, in characters


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """True when the dot at `dot` closes an initial or an abbreviation, not a sentence."""
    m = WORD_BEFORE_RE.search(text, max(0, dot - ABBREVIATION_WINDOW), dot)
    if not m:
        return False
    word = fold(m.group(1)).lstrip("(«\"'")
    if len(word) == 1 and word.isalpha():
        return True
    return word in abbreviations or word.rstrip(".") in abbreviations


def find_sentences(text: str) -> list[Span]:
    """Sentence spans over `text`, trimmed, in order, never overlapping."""
    abbreviations = word_list("lexicons/abbreviations.txt")
    spans: list[Span] = []
    start = 0
    for m in TERMINAL_RE.finditer(text):
        if m.group() != "\n" and m.group()[0] == "." and len(m.group().rstrip(CLOSERS)) == 1:
            if _is_abbreviation(text, m.start(), abbreviations):
                continue
        _append_trimmed(text, start, m.end(), spans)
        start = m.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and CONTENT_RE.search(text, start, end):
        spans.append(Span(start, end, "sentence"))


@stage("sentences", assigns=("sentences",))
def sentences_stage(settings: Settings) -> Callable[[Doc], Doc]:
    def sentences(doc: Doc) -> Doc:
        doc.spans["sentences"] = find_sentences(doc.text)
        return doc
    return sentences
