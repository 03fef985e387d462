"""Span scoring: conlleval chunks and precision/recall/F1 (issue 4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.scoring import SpanScorer, span_chunks


@pytest.mark.parametrize("tags, chunks", [
    (["B-PERS", "I-PERS", "O", "B-LOC"], [("PERS", 0, 2), ("LOC", 3, 4)]),
    (["I-ORG", "I-ORG", "O"], [("ORG", 0, 2)]),                       # I- without B- opens a chunk
    (["B-LOC", "I-PERS", "I-PERS"], [("LOC", 0, 1), ("PERS", 1, 3)]),  # a type change opens one too
    (["B-LOC", "B-LOC"], [("LOC", 0, 1), ("LOC", 1, 2)]),
    (["O", "weird", "O"], []),
    (["B-LOC", "O", "I-LOC", "o", "I-LOC"], [("LOC", 0, 1), ("LOC", 2, 3), ("LOC", 4, 5)]),
])
def test_scoring_span_chunks(tags: list[str], chunks: list[tuple[str, int, int]]) -> None:
    assert span_chunks(tags) == chunks


@given(st.lists(st.sampled_from(["O", "B-LOC", "I-LOC", "B-PERS", "I-PERS", "x"]), max_size=30))
def test_scoring_span_chunks_cover_exactly_the_tagged_runs(tags: list[str]) -> None:
    """Chunks are ordered and disjoint, each a B-/I- opening then I- of its type, and every B-/I- tag is in one."""
    chunks = span_chunks(tags)
    covered = [i for _, start, end in chunks for i in range(start, end)]
    assert covered == sorted(set(covered))
    assert covered == [i for i, tag in enumerate(tags) if tag[:2] in ("B-", "I-")]
    for kind, start, end in chunks:
        assert tags[start] in (f"B-{kind}", f"I-{kind}") and all(t == f"I-{kind}" for t in tags[start + 1:end])


@pytest.mark.parametrize("pred, gold, micro", [
    ([("PERS", 0, 2)], [("PERS", 0, 2)], (1.0, 1.0, 1.0)),
    ([("PERS", 0, 1)], [("PERS", 0, 2)], (0.0, 0.0, 0.0)),              # boundaries must agree
    ([("PERS", 0, 2), ("LOC", 3, 4)], [("PERS", 0, 2)], (0.5, 1.0, 2 / 3)),
    ([], [("ORG", 0, 1)], (0.0, 0.0, 0.0)),
])
def test_scoring_micro(pred: list[tuple[str, int, int]], gold: list[tuple[str, int, int]],
                       micro: tuple[float, float, float]) -> None:
    scorer = SpanScorer()
    scorer.add(pred, gold)
    result = scorer.micro()
    assert (result.precision, result.recall, result.f1) == pytest.approx(micro)


def test_scoring_per_type_counts() -> None:
    scorer = SpanScorer()
    scorer.add([("LOC", 0, 1), ("ORG", 2, 3)], [("LOC", 0, 1), ("PERS", 4, 5)])
    per_type = scorer.per_type()
    assert {k: (v.true_pos, v.predicted, v.gold) for k, v in per_type.items()} == {
        "LOC": (1, 1, 1), "ORG": (0, 1, 0), "PERS": (0, 0, 1)}
