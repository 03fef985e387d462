"""Token features for the NER CRF, shared by training (`marsad train ner`) and the entities stage.

A token's features are its word form's own, its neighbours' view of it and its gazetteer-phrase
tag, so the entities stage sums each word form's weights once (`crf.Decoder`); the feature lists
below are built in full for training:

1. the word: folded form, clitic prefix and stem (from `Token.segments`), affixes, shape, and how
   name-like its letters look (`name_likeness`, a table trained with the model and kept beside it);
2. its word clusters (coarse and fine, learned from raw text by training/build_clusters.py);
3. knowledge: gazetteer membership per type, trigger words (titles, organisation heads, place cues,
   facility and MISC heads, nationality adjectives);
4. a short view of the neighbours at -1 and +1 (word bigrams and the ±2 neighbours scored no
   better on held-out ANERcorp and cost time);
5. per position, the type of the longest gazetteer phrase covering the token (B-/I-).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from marsad import resources
from marsad.recognise.name_likeness import NameLikeness
from marsad.text.fold import fold
from marsad.text.tokens import ARABIC_WORD_RE, Token, clitic_readings

WINDOW = (-1, 1)
ARTICLE = "ال"
# Lexicons of trigger words: feature name -> (file, column).
TRIGGERS = {"title": ("lexicons/titles.tsv", "title"), "orghead": ("lexicons/org_heads.tsv", "head"),
            "placecue": ("lexicons/place_cues.tsv", "cue"), "fachead": ("lexicons/facility_heads.tsv", "head"),
            "mischead": ("lexicons/misc_heads.tsv", "head")}
MAX_PHRASE = 6


@dataclass(frozen=True)
class FeatureLexicon:
    """Everything the features look up, loaded once from marsad/data."""

    clusters: dict[str, tuple[str, str]]
    counts: dict[str, int]
    triggers: dict[str, str]             # folded word -> trigger kind
    gazetteer_words: dict[str, str]      # folded word -> "|"-joined gazetteer types it belongs to
    phrases: dict[str, tuple[tuple[int, dict[tuple[str, ...], str]], ...]]  # first word -> (length, rest -> type), longest first
    likeness: NameLikeness | None = None   # the model's own table (crf.NerModel.load attaches it)
    views: dict[str, WordView] = field(init=False, default_factory=dict, compare=False)   # word form -> its view

    @classmethod
    def load(cls) -> FeatureLexicon:
        return _load_lexicon()

    def known(self, word: str) -> bool:
        return word in self.clusters or word in self.gazetteer_words


@lru_cache(maxsize=1)
def _load_lexicon() -> FeatureLexicon:
    clusters, counts = {}, {}
    for row in resources.table("models/word_clusters.tsv"):
        clusters[row["word"]] = (row["c64"], row["c512"])
        counts[row["word"]] = int(row["contexts"])
    triggers = {}
    for kind, (path, column) in TRIGGERS.items():
        for row in resources.table(path):
            triggers.setdefault(fold(row[column]).split()[0], kind)
    for row in resources.table("gazetteer/places.tsv"):
        for nisba in filter(None, row["nisba"].split("|")):
            triggers.setdefault(fold(nisba).split()[0], "nisba")
    phrase_types: dict[tuple[str, ...], set[str]] = {}
    for kind, name in gazetteer_names():
        phrase_types.setdefault(tuple(name.split()), set()).add(kind)
    words: dict[str, set[str]] = {}
    phrases: dict[str, dict[int, dict[tuple[str, ...], str]]] = {}
    for phrase, kinds in phrase_types.items():
        kind = min(kinds) if len(kinds) == 1 else "AMB"
        # A word is a gazetteer word when it is a whole name, or part of a person's name; parts of
        # place and organisation names (دولة, مجلس) are common words and fire only in phrases.
        for word in phrase if len(phrase) == 1 or "PERS" in kinds else ():
            words.setdefault(word, set()).update(kinds & {"PERS"} if len(phrase) > 1 else kinds)
        if len(phrase) <= MAX_PHRASE:
            phrases.setdefault(phrase[0], {}).setdefault(len(phrase), {})[phrase[1:]] = kind
    return FeatureLexicon(
        clusters, counts, triggers,
        {w: "|".join(sorted(k)) for w, k in words.items()},
        {w: tuple(sorted(p.items(), reverse=True)) for w, p in phrases.items()})


def gazetteer_names() -> list[tuple[str, str]]:
    """(type, folded name) for every name in the shipped gazetteer files."""
    out = [(row["type"], row["name"]) for row in resources.table("gazetteer/names.tsv")]
    for row in resources.table("gazetteer/places.tsv"):
        out.extend(("LOC", fold(n)) for n in row["names"].split("|") if n)
    for row in resources.table("gazetteer/orgs.tsv"):
        kind = {"ORG": "ORG", "MISC": "MISC", "FAC": "LOC"}[row["type"]]
        out.extend((kind, fold(n)) for n in row["names"].split("|") if n)
    return out


def feature_rows(name_lists: Sequence[Sequence[str]], index: dict[str, int],
                 unknown: int) -> tuple[list[int], list[int]]:
    """The rows of every list's feature names in a model's table (`unknown` for names it lacks), end
    to end, and where each list starts: one gather then sums every list (`crf.Decoder`, `convnet`)."""
    rows: list[int] = []
    starts = []
    get = index.get
    for names in name_lists:
        starts.append(len(rows))
        rows += [get(name, unknown) for name in names]
    return rows, starts


def tokens_from_words(words: Sequence[str]) -> list[Token]:
    """Tokens for pre-tokenised corpus words (offsets count as if words were joined by spaces)."""
    tokens = []
    pos = 0
    for word in words:
        norm = fold(word)
        if ARABIC_WORD_RE.match(norm):
            tokens.append(Token(pos, pos + len(word), word, norm, "word", clitic_readings(word)))
        else:
            kind = "number" if norm[:1].isdigit() else "word" if norm[:1].isalpha() else "punct"
            tokens.append(Token(pos, pos + len(word), word, norm, kind, ()))
        pos += len(word) + 1
    return tokens


def best_stem(token: Token, lexicon: FeatureLexicon) -> tuple[str, str]:
    """(prefix, stem): the longest clitic reading whose stem is a known word, else the word itself.

    A word that is itself known and more frequent than the stripped stem stays whole (ليبيا is
    not ل + يبيا).
    """
    norm = token.norm
    whole = lexicon.counts.get(norm, 0)
    for seg in reversed(token.segments[1:]):
        stem = seg.stem
        if lexicon.known(stem) and lexicon.counts.get(stem, 1) > whole:
            return seg.prefix, stem
    return "", norm


def _shape(token: Token) -> str:
    if token.kind != "word":
        return token.kind
    if not token.is_arabic:
        return "latin"
    return "ar" + ("1" if len(token.norm) <= 2 else "2" if len(token.norm) <= 4 else "3")


@dataclass(frozen=True, slots=True)
class WordView:
    """A word type's own features, and its short view as seen from the tokens before and after it."""

    own: tuple[str, ...]
    seen_from: tuple[tuple[str, ...], ...]   # in WINDOW order
    stem: str


def word_view(token: Token, lexicon: FeatureLexicon, cache: dict[str, WordView]) -> WordView:
    """The cached WordView of `token`'s word form."""
    view = cache.get(token.text)
    if view is not None:
        return view
    prefix, stem = best_stem(token, lexicon)
    norm = token.norm
    bare = stem[len(ARTICLE):] if stem.startswith(ARTICLE) and len(stem) > 4 else stem
    c64, c512 = lexicon.clusters.get(norm) or lexicon.clusters.get(stem) or ("-", "-")
    gaz = lexicon.gazetteer_words.get(stem) or lexicon.gazetteer_words.get(bare) or "-"
    trig = lexicon.triggers.get(stem) or lexicon.triggers.get(bare) or "-"
    own = ("bias", f"w={norm}", f"s={stem}", f"p={prefix}", f"x2={stem[-2:]}", f"x3={stem[-3:]}", f"a3={bare[:3]}",
           f"sh={_shape(token)}", f"c64={c64}", f"c512={c512}", f"gz={gaz}", f"tr={trig}", f"c512|tr={c512}|{trig}")
    if lexicon.likeness is not None and token.is_arabic and token.kind == "word":
        own += lexicon.likeness.features(stem)
    near = (f"s={stem}", f"c512={c512}", f"gz={gaz}", f"tr={trig}")   # what a neighbour sees
    seen_from = tuple(tuple(f"{off}{f}" for f in near) for off in WINDOW)
    view = WordView(own, seen_from, stem)
    if len(cache) < 500_000:
        cache[token.text] = view
    return view


def phrase_matches(stems: Sequence[str], lexicon: FeatureLexicon) -> list[tuple[int, int, str]]:
    """(start, length, type) of the longest gazetteer phrases over `stems`, left to right."""
    phrases = lexicon.phrases
    out = []
    end = 0
    for i in [i for i, stem in enumerate(stems) if stem in phrases]:
        if i < end:
            continue
        for n, rests in phrases[stems[i]]:
            kind = rests.get(tuple(stems[i + 1:i + n]))
            if kind is not None:
                out.append((i, n, kind))
                end = i + n
                break
    return out


def phrase_tags(stems: Sequence[str], lexicon: FeatureLexicon) -> list[str]:
    """Per position, B-/I- type of the longest gazetteer phrase starting at or covering it."""
    tags = ["O"] * len(stems)
    for i, n, kind in phrase_matches(stems, lexicon):
        tags[i:i + n] = ["B-" + kind] + ["I-" + kind] * (n - 1)
    return tags


def sentence_features(tokens: Sequence[Token], lexicon: FeatureLexicon) -> list[list[str]]:
    """The CRF feature lists of a sentence's tokens (tuple concatenation: this runs per token)."""
    views = [word_view(t, lexicon, lexicon.views) for t in tokens]
    stems = [v.stem for v in views]
    phrases = phrase_tags(stems, lexicon)
    n = len(tokens)
    edge = [(f"{off}BOUND",) for off in WINDOW]
    out = []
    for i, view in enumerate(views):
        out.append([
            *view.own, "ph=" + phrases[i],
            *(views[i - 1].seen_from[0] if i else edge[0]),
            *(views[i + 1].seen_from[1] if i + 1 < n else edge[1])])
    return out
