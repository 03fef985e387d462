"""Arabic folding for matching: one character table, applied as a derived view of the text.

Folding removes diacritics, tatweel and invisible direction/zero-width marks, unifies alef
forms (أ إ آ ٱ -> ا), alef maqsura (ى -> ي), ta marbuta (ة -> ه), Persian letters and digits,
Arabic-Indic digits, presentation forms, and lowercases ASCII. It never touches the stored
text: `fold_with_map` returns the folded string plus, for each folded character, the index of
the original character it came from, so a match in folded text maps back to exact offsets.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass


def _build_table() -> dict[str, str]:
    table: dict[str, str] = {}
    deleted = [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE),
               0x0640, 0x061C, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A),
               0xFEFF, 0x00AD]
    for cp in deleted:
        table[chr(cp)] = ""
    for src, dst in {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                     "ی": "ي", "ي": "ي", "ک": "ك", "ە": "ه", "ۀ": "ه"}.items():
        table[src] = dst
    for i in range(10):
        table[chr(0x0660 + i)] = str(i)
        table[chr(0x06F0 + i)] = str(i)
    for i in range(26):
        table[chr(0x41 + i)] = chr(0x61 + i)
    table["\u066b"] = "."   # Arabic decimal separator
    table["\u066c"] = ","   # Arabic thousands separator
    table["\u00a0"] = " "
    # Presentation forms (ﻻ ﷲ ...) decompose under NFKC; fold the result too.
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]:
        ch = chr(cp)
        decomposed = unicodedata.normalize("NFKC", ch)
        if decomposed != ch:
            table[ch] = "".join(table.get(c, c) for c in decomposed).strip()
    return table


FOLD_TABLE: dict[str, str] = _build_table()
_TRANSLATE = str.maketrans({k: (v if v else None) for k, v in FOLD_TABLE.items()})
_LENGTH_CHANGING = re.compile("[" + "".join(re.escape(k) for k, v in FOLD_TABLE.items() if len(v) != 1) + "]")


_DELETED = "".join(re.escape(k) for k, v in FOLD_TABLE.items() if not v)
_KEPT_RUN = re.compile(f"[^{_DELETED}]+")
_EXPANDING = re.compile("[" + "".join(re.escape(k) for k, v in FOLD_TABLE.items() if len(v) > 1) + "]")


def keeps_positions(text: str) -> bool:
    """True when folding `text` maps each character to exactly one character (offsets unchanged)."""
    return not _LENGTH_CHANGING.search(text)


def fold(text: str) -> str:
    """Fold `text` for matching (lexicon keys, search queries); lengths may change."""
    return text.translate(_TRANSLATE)


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A folded view of a text: `text`, and `origin[i]` = original index of folded char i.

    `origin` is None when folding kept every position (the common fast case).
    """

    text: str
    origin: tuple[int, ...] | None
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded range [start, end) to the original text's range that produced it."""
        if self.origin is None:
            return start, end
        if start >= len(self.origin):
            return self.original_length, self.original_length
        o_start = self.origin[start]
        o_end = self.origin[end - 1] + 1 if end > start else o_start
        return o_start, o_end

    def to_folded(self, offset: int) -> int:
        """The folded index of the first folded character at or after original `offset`."""
        if self.origin is None:
            return offset
        return bisect_left(self.origin, offset)


def fold_with_map(text: str) -> FoldedText:
    """Fold `text` and keep the offset map back to it."""
    if not _LENGTH_CHANGING.search(text):
        return FoldedText(text.translate(_TRANSLATE), None, len(text))
    if not _EXPANDING.search(text):
        # Only deletions (diacritics, tatweel, controls): the map is the positions of the kept runs.
        kept: list[int] = []
        for run in _KEPT_RUN.finditer(text):
            kept.extend(range(run.start(), run.end()))
        return FoldedText(text.translate(_TRANSLATE), tuple(kept), len(text))
    pieces: list[str] = []
    origin = []
    get = FOLD_TABLE.get
    for i, ch in enumerate(text):
        out = get(ch, ch)
        if out:
            pieces.append(out)
            origin.extend([i] * len(out))
    return FoldedText("".join(pieces), tuple(origin), len(text))
