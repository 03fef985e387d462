"""Romanise Arabic names for entities the knowledge base does not know (name_en).

Letter rules over folded text, with a table of name words in their usual English press spelling
(محمد -> Muhammad, الشمري -> al-Shammari, عبد الله -> Abdullah). Short vowels are not written in
Arabic, so the letter rules give a readable key for English-language users, not a scholarly
transliteration: ي and و between consonants read as long vowels (i, u), word-initially as
consonants (y, w); the article ال becomes "al-" (a name that opens with it is capitalised, "Al-");
initial إ and إي read "i", initial أو "o", initial ع before a consonant "a"; final ة and ى read "a"; a
final نغ reads "ng" (the usual spelling of Chinese syllables).
"""

from __future__ import annotations

from functools import lru_cache

from marsad import resources
from marsad.text.fold import fold

VOWEL_LETTERS = {"ا": "a", "و": "u", "ي": "i"}
LATIN_VOWELS = frozenset("aeiou")
KEEP = str.maketrans({"ة": "\x01", "ى": "\x02"})
RESTORE = str.maketrans({"\x01": "ة", "\x02": "ى"})
NOT_ARTICLE = frozenset("أإآ")   # أل / إل open a word (أليكس، إلياس) but are no article
HAMZA_ALEFS = frozenset("أإ")


def _key(word: str) -> str:
    """Folded, but keeping ة and ى: سلمى (Salma) is not the nisba سلمي (al-Salmi)."""
    return fold(word.translate(KEEP)).translate(RESTORE)


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Letters; name words by key (a two-word key also matches written joined); and the hamza
    alef (أ or إ) a word row opens with, so that إم (a letter name) is not أم (Umm)."""
    letters, words, hamza = {}, {}, {}
    for row in resources.table("lexicons/transliteration.tsv"):
        arabic, latin = row["arabic"], row["latin"]
        if len(arabic) == 1:
            letters[arabic] = latin
            continue
        key = _key(arabic)
        words[key] = latin
        if arabic[0] in HAMZA_ALEFS:
            hamza[key] = arabic[0]
        if " " in key:
            words.setdefault(key.replace(" ", ""), latin)   # عبدالله as well as عبد الله
    return letters, words, hamza


def _lookup(original: str, key: str) -> str | None:
    """The table's spelling of a word, also when ة was written ه (حمزه); None when not listed."""
    _, words, hamza = _table()
    if original[:1] in HAMZA_ALEFS and hamza.get(key, original[0]) != original[0]:
        return None
    known = words.get(key)
    if known is None and key.endswith("ه"):
        known = words.get(key[:-1] + "ة")
    return known


def transliterate(name: str) -> str:
    """A Latin spelling of an Arabic name (ASCII letters, spaces, hyphens and apostrophes).

    Example:
        transliterate("عبد الله الشمري")  # "Abdullah al-Shammari"
    """
    words = _table()[1]
    parts = name.split()
    out: list[str] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts):
            pair = words.get(_key(parts[i]) + " " + _key(parts[i + 1]))
            if pair is not None:
                out.append(pair)
                i += 2
                continue
        out.append(_word(parts[i]))
        i += 1
    latin = " ".join(filter(None, out))
    return latin[:1].upper() + latin[1:]


@lru_cache(maxsize=100_000)
def _word(original: str) -> str:
    letters = _table()[0]
    if not any("\u0621" <= ch <= "\u064a" for ch in original):
        return original
    # fold() would turn ة into ه and ى into ي, losing the final vowel: keep them through it
    word = _key(original)
    known = _lookup(original, word)
    if known is not None:
        return known
    article = ""
    if word.startswith("ال") and len(word) > 3 and original[:1] not in NOT_ARTICLE:
        article = "al-"
        word = word[2:]
        known = _lookup(word, word)
        if known is not None:
            return article + known
    if word.endswith("نغ"):
        word = word[:-2] + "\x00"   # placeholder for "ng"
    initial_i = not article and original[:1] == "إ"
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch == "\x00":
            out.append("ng")
        elif i == 0 and ch == "ا":
            out.append("i" if initial_i else "o" if word[1:2] == "و" else "a")
        elif i == 1 and word[0] == "ا" and ch == ("ي" if initial_i else "و"):
            continue   # أو- opens foreign names as "O" (أوباما), إي- as "I" (إيرنست)
        elif i == 0 and ch == "ع":
            out.append("" if word[1:2] in VOWEL_LETTERS else "a")
        elif ch in "ةى" and i == len(word) - 1:
            out.append("a")
        elif ch in VOWEL_LETTERS and i > 0 and not (out and out[-1][-1:] in LATIN_VOWELS):
            out.append(VOWEL_LETTERS[ch])
        else:
            out.append(letters.get(ch, ""))
    latin = "".join(out).strip("'")
    return article + latin[:1].upper() + latin[1:] if latin else ""
