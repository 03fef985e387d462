"""Precision, recall and F1 over labelled spans, per type and micro-averaged.

Chunks follow conlleval semantics: a chunk starts at every `B-X`, and at an `I-X` whose previous
tag is not `B-X`/`I-X` of the same type; tags that do not start with `B-` or `I-` are O. A
predicted chunk counts only when type, start and end all agree with a gold chunk.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


def span_chunks(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, start, end) chunks of a BIO tag sequence, conlleval style (end exclusive)."""
    chunks: list[tuple[str, int, int]] = []
    kind: str | None = None
    start = last = 0
    for i in [i for i, tag in enumerate(tags) if tag != "O"]:   # O tags only close chunks: skip them fast
        prefix, _, label = tags[i].partition("-")
        inside = prefix == "I" and label == kind and i == last + 1
        if kind is not None and not inside:
            chunks.append((kind, start, last + 1))
            kind = None
        if prefix == "B" or (prefix == "I" and not inside):
            kind, start = label, i
        last = i
    if kind is not None:
        chunks.append((kind, start, last + 1))
    return chunks


@dataclass(frozen=True)
class PRF:
    """Counts and the scores they give."""

    true_pos: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_pos / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SpanScorer:
    """Accumulates predicted and gold (type, start, end) spans, document by document.

    Example:
        scorer = SpanScorer()
        scorer.add(span_chunks(pred_tags), span_chunks(gold_tags))
        scorer.micro().f1
    """

    true_pos: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)

    def add(self, predicted: Iterable[tuple[str, int, int]], gold: Iterable[tuple[str, int, int]]) -> None:
        pred_set, gold_set = set(predicted), set(gold)
        for kind, *_ in pred_set:
            self.predicted[kind] += 1
        for kind, *_ in gold_set:
            self.gold[kind] += 1
        for kind, *_ in pred_set & gold_set:
            self.true_pos[kind] += 1

    def per_type(self) -> dict[str, PRF]:
        kinds = sorted(set(self.predicted) | set(self.gold))
        return {k: PRF(self.true_pos[k], self.predicted[k], self.gold[k]) for k in kinds}

    def micro(self) -> PRF:
        return PRF(sum(self.true_pos.values()), sum(self.predicted.values()), sum(self.gold.values()))
