"""Romanise Arabic names for entities the knowledge base does not know (name_en).

Letter rules over folded text, with a table of common name words that the rules would spell
badly (محمد -> Muhammad). Short vowels are not written in Arabic, so the result is a readable key
for English-language users, not a scholarly transliteration: ي and و between consonants read as
long vowels (i, u), word-initially as consonants (y, w); the article ال becomes "al-"; final ة
and ى read "a"; a final نغ reads "ng" (the usual spelling of Chinese syllables).
"""

from __future__ import annotations

from functools import lru_cache

from marsad import resources
from marsad.text.fold import fold

VOWEL_LETTERS = {"ا": "a", "و": "u", "ي": "i"}
LATIN_VOWELS = frozenset("aeiou")
KEEP = str.maketrans({"ة": "\x01", "ى": "\x02"})
RESTORE = str.maketrans({"\x01": "ة", "\x02": "ى"})


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    letters, words = {}, {}
    for row in resources.table("lexicons/transliteration.tsv"):
        (letters if len(row["arabic"]) == 1 else words)[row["arabic"]] = row["latin"]
    return letters, words


def transliterate(name: str) -> str:
    """A Latin spelling of an Arabic name (ASCII letters, spaces, hyphens and apostrophes).

    Example:
        transliterate("شي جين بينغ")  # "Shi Jin Bing"
    """
    return " ".join(filter(None, (_word(w) for w in name.split())))


@lru_cache(maxsize=100_000)
def _word(original: str) -> str:
    letters, words = _table()
    if not any("\u0621" <= ch <= "\u064a" for ch in original):
        return original
    # fold() would turn ة into ه and ى into ي, losing the final vowel: keep them through it
    word = fold(original.translate(KEEP)).translate(RESTORE)
    if word in words:
        return words[word]
    article = ""
    if word.startswith("ال") and len(word) > 3:
        rest = word[2:]
        article = "al-"
        word = rest
        if word in words:
            return article + words[word]
    if word.endswith("نغ"):
        word = word[:-2] + "\x00"   # placeholder for "ng"
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch == "\x00":
            out.append("ng")
        elif ch in "ةى" and i == len(word) - 1:
            out.append("a")
        elif ch in VOWEL_LETTERS and i > 0 and not (out and out[-1][-1:] in LATIN_VOWELS):
            out.append(VOWEL_LETTERS[ch])
        elif ch == "ا" and i == 0:
            out.append("a")
        else:
            out.append(letters.get(ch, ""))
    latin = "".join(out).strip("'")
    return article + latin[:1].upper() + latin[1:] if latin else ""
