"""How name-like a word looks from its letters alone: character n-gram naive Bayes over word types.

Half the person names in ANERcorp's test split are made of words its training split never has,
mostly transliterated foreign names (جوهانسون، أدريانز); their letter sequences still look like
names and unlike Arabic common words. The classifier learns that from the training split's word
types (each with its most frequent entity type, or O) and the gazetteer's names, and the CRF sees
its verdict as a feature (`features.word_view`).

It is always asked leave-one-out: a word's own entry is taken out of the counts first, so a word
of the training split looks to the CRF exactly as an unseen word will at run time (otherwise the
CRF would learn to trust a verdict that is only right on words it has already seen).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from marsad.errors import ResourceError

CLASSES = ("O", "PERS", "LOC", "ORG", "MISC")
MAX_GRAM = 5          # n-grams of 2..5 letters with word-edge marks (5 scored 1 point above 4 on held-out ANERcorp)
ALPHA = 0.1           # additive smoothing
FILE = "name_likeness.tsv"
HEADER = ("kind", "item", *CLASSES)


def char_grams(word: str) -> list[str]:
    """The letter n-grams of `word` between edge marks (^جو ... سون$)."""
    marked = f"^{word}$"
    return [marked[i:i + n] for n in range(2, MAX_GRAM + 1) for i in range(len(marked) - n + 1)]


@dataclass(frozen=True)
class NameLikeness:
    """N-gram counts per class and the class each counted word type had.

    Example:
        likeness = NameLikeness.build({"جونسون": "PERS", "الكتاب": "O", ...})
        likeness.features("جوهانسون")   # ('nl=PERS3', 'nlname=3')
    """

    grams: Mapping[str, tuple[int, ...]]
    words: Mapping[str, int]                 # word -> index into CLASSES
    totals: list[int] = field(init=False)    # n-gram occurrences per class
    types: list[int] = field(init=False)     # word types per class
    cache: dict[str, tuple[str, ...]] = field(init=False, default_factory=dict, compare=False)
    gram_scores: dict[str, tuple[float, ...]] = field(init=False, default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        totals = [0] * len(CLASSES)
        for counts in self.grams.values():
            for k, n in enumerate(counts):
                totals[k] += n
        types = [0] * len(CLASSES)
        for k in self.words.values():
            types[k] += 1
        object.__setattr__(self, "totals", totals)
        object.__setattr__(self, "types", types)

    @classmethod
    def build(cls, labelled: Mapping[str, str]) -> NameLikeness:
        """From word -> class (one of CLASSES)."""
        index = {c: k for k, c in enumerate(CLASSES)}
        words = {w: index[c] for w, c in labelled.items()}
        counts: dict[str, list[int]] = {}
        for word, k in words.items():
            for gram in char_grams(word):
                counts.setdefault(gram, [0] * len(CLASSES))[k] += 1
        return cls({g: tuple(c) for g, c in counts.items()}, words)

    def posterior(self, word: str) -> tuple[float, ...]:
        """P(class | letters of `word`), with `word`'s own counts left out."""
        own = self.words.get(word)
        if own is None:   # nothing to leave out: per-gram log-likelihoods computed once serve every word
            cached = self.gram_scores
            scores = [cached.get(g) or self._gram_scores(g) for g in char_grams(word)]
            return _normalise([p + sum(column) for p, column in zip(self._log_prior, zip(*scores))])
        grams = Counter(char_grams(word))
        known = [(self.grams.get(g), n) for g, n in grams.items()]
        types = sum(self.types) - (own is not None)
        vocabulary = len(self.grams) - (own is not None and sum(sum(c) == n for c, n in known if c is not None))
        log_p = []
        for k in range(len(CLASSES)):
            mine = k == own
            total = self.totals[k] - (sum(n for _, n in known) if mine else 0)
            score = math.log((self.types[k] - mine + 1) / (types + len(CLASSES)))
            denominator = math.log(total + ALPHA * vocabulary)
            for counts, n in known:
                count = counts[k] - (n if mine else 0) if counts is not None else 0
                score += n * (math.log(count + ALPHA) - denominator)
            log_p.append(score)
        return _normalise(log_p)

    @cached_property
    def _log_prior(self) -> tuple[float, ...]:
        types = sum(self.types)
        return tuple(math.log((n + 1) / (types + len(CLASSES))) for n in self.types)

    @cached_property
    def _log_denominators(self) -> tuple[float, ...]:
        return tuple(math.log(t + ALPHA * len(self.grams)) for t in self.totals)

    def _gram_scores(self, gram: str) -> tuple[float, ...]:
        counts = self.grams.get(gram) or (0,) * len(CLASSES)
        scores = tuple(math.log(c + ALPHA) - d for c, d in zip(counts, self._log_denominators))
        if len(self.gram_scores) < 1_000_000:
            self.gram_scores[gram] = scores
        return scores

    def features(self, word: str) -> tuple[str, ...]:
        """The best class with its confidence, and how likely any name class is, as bucketed features."""
        cached = self.cache.get(word)
        if cached is not None:
            return cached
        post = self.posterior(word)
        best = max(range(len(CLASSES)), key=post.__getitem__)
        p = post[best]
        name = 1.0 - post[0]
        out = (f"nl={CLASSES[best]}{3 if p > 0.95 else 2 if p > 0.8 else 1 if p > 0.5 else 0}",
               f"nlname={3 if name > 0.9 else 2 if name > 0.6 else 1 if name > 0.3 else 0}")
        if len(self.cache) < 500_000:
            self.cache[word] = out
        return out

    def save(self, path: Path) -> Path:
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write("# Character n-gram counts per class and the class of each counted word "
                    "(marsad/recognise/name_likeness.py); built by `marsad train ner`.\n")
            rows = [HEADER, *(("gram", g, *c) for g, c in sorted(self.grams.items())),
                    *(("word", w, *(int(j == k) for j in range(len(CLASSES)))) for w, k in sorted(self.words.items()))]
            f.writelines("\t".join(map(str, row)) + "\n" for row in rows)
        return path

    @classmethod
    def load(cls, path: Path) -> NameLikeness:
        if not path.exists():
            raise ResourceError(f"missing {path}: the NER model's name-likeness table (rebuild with `marsad train ner`)")
        grams: dict[str, tuple[int, ...]] = {}
        words: dict[str, int] = {}
        with path.open(encoding="utf-8") as f:
            rows = (line.rstrip("\n").split("\t") for line in f if not line.startswith("#"))
            if tuple(next(rows, ())) != HEADER:
                raise ValueError(f"{path}: not a name-likeness table")
            for kind, item, *counts in rows:
                values = tuple(map(int, counts))
                if kind == "gram":
                    grams[item] = values
                else:
                    words[item] = values.index(1)
        return cls(grams, words)


def _normalise(log_p: Sequence[float]) -> tuple[float, ...]:
    top = max(log_p)
    exp = [math.exp(s - top) for s in log_p]
    z = sum(exp)
    return tuple(e / z for e in exp)


def labelled_words(pairs: Iterable[tuple[str, str]], names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each word's most frequent class over (word, class) corpus pairs; gazetteer (class, name) words
    the corpus lacks take their most frequent gazetteer class. Ties go to the first class in CLASSES."""
    order = {c: k for k, c in enumerate(CLASSES)}

    def majority(counts: Mapping[str, Counter[str]]) -> dict[str, str]:
        return {w: min(c.items(), key=lambda kv: (-kv[1], order[kv[0]]))[0] for w, c in counts.items()}

    corpus: dict[str, Counter[str]] = {}
    for word, kind in pairs:
        corpus.setdefault(word, Counter())[kind] += 1
    gazetteer: dict[str, Counter[str]] = {}
    for kind, name in names:
        for word in name.split():
            if word not in corpus and kind in order:
                gazetteer.setdefault(word, Counter())[kind] += 1
    return majority(corpus) | majority(gazetteer)
