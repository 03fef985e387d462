"""Highlight nesting: quotes outside, one inner mark per character, text never lost or rewritten."""

from __future__ import annotations

import pytest

from marsad.web.markup import Mark, highlight

TEXT = "قال الوزير: إن مصر صدرت 41 طنا عام 2023."


def flatten(nodes):
    return "".join(n if isinstance(n, str) else flatten(n.children) for n in nodes)


def marks(nodes, depth=0):
    for node in nodes:
        if isinstance(node, Mark):
            yield node, depth
            yield from marks(node.children, depth + 1)


def at(kind, surface, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(surface, start + 1)
    return Mark(kind, start, start + len(surface))


@pytest.mark.parametrize("quotes, inner, expected", [
    ([], [at("entity", "مصر"), at("figure", "41 طنا")], [("entity", 0), ("figure", 0)]),
    ([at("quote", "إن مصر صدرت 41 طنا")], [at("entity", "مصر")], [("quote", 0), ("entity", 1)]),
    ([], [at("entity", "مصر صدرت"), at("time", "صدرت 41")], [("entity", 0)]),            # overlap: longest kept
    ([], [at("time", "عام 2023"), at("figure", "2023")], [("time", 0)]),
    ([at("quote", "إن مصر")], [at("entity", "مصر صدرت")], [("quote", 0)]),               # crosses the quote's edge
    ([at("quote", "إن مصر"), at("quote", "مصر صدرت")], [], [("quote", 0)]),
    ([], [Mark("entity", 3, 3)], []),                                                   # empty span dropped
])
def test_markup_nesting_and_overlaps(quotes, inner, expected):
    nodes = highlight(TEXT, quotes, inner)
    assert flatten(nodes) == TEXT
    assert [(m.kind, d) for m, d in marks(nodes)] == expected
    for mark, _ in marks(nodes):
        assert flatten(mark.children) == TEXT[mark.start:mark.end]
