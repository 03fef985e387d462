"""An article's text as a tree of highlights: quotes outside, entity/figure/time marks inside.

The text is never rewritten: nodes carry slices of it, and the templates escape every slice.
Overlapping marks follow one policy: quotes are outer and may not overlap each other; inner marks
are chosen longest first (then entity, figure, time); a mark crossing a quote's edge is left out
of the text (it still appears in the article's side lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INNER_PRIORITY = {"entity": 0, "figure": 1, "time": 2}


@dataclass
class Mark:
    """One highlighted span: `kind` (quote, entity, figure, time), offsets and what to show on hover."""

    kind: str
    start: int
    end: int
    label: str = ""
    details: dict[str, str] = field(default_factory=dict)
    href: str | None = None
    children: list["Mark | str"] = field(default_factory=list)


def highlight(text: str, quotes: list[Mark], inner: list[Mark]) -> list[Mark | str]:
    """The text as strings and Marks, nesting the chosen inner marks inside the chosen quotes."""
    outer = _non_overlapping(quotes, key=lambda m: (m.start - m.end, m.start))
    chosen = [m for m in _non_overlapping(inner, key=lambda m: (m.start - m.end, INNER_PRIORITY.get(m.kind, 9), m.start))
              if not any(q.start < m.end and m.start < q.end and not (q.start <= m.start and m.end <= q.end)
                         for q in outer)]
    for quote in outer:
        quote.children = _interleave(text, [m for m in chosen if quote.start <= m.start and m.end <= quote.end],
                                     quote.start, quote.end)
    top = sorted(outer + [m for m in chosen if not any(q.start <= m.start and m.end <= q.end for q in outer)],
                 key=lambda m: m.start)
    return _interleave(text, top, 0, len(text))


def _non_overlapping(marks: list[Mark], *, key: Any) -> list[Mark]:
    taken: list[Mark] = []
    for mark in sorted(marks, key=key):
        if mark.end > mark.start and not any(t.start < mark.end and mark.start < t.end for t in taken):
            taken.append(mark)
    return sorted(taken, key=lambda m: m.start)


def _interleave(text: str, marks: list[Mark], start: int, end: int) -> list[Mark | str]:
    """Text pieces between sorted, non-overlapping marks within [start, end)."""
    out: list[Mark | str] = []
    position = start
    for mark in marks:
        if mark.start > position:
            out.append(text[position:mark.start])
        if not mark.children:
            mark.children = [text[mark.start:mark.end]]
        out.append(mark)
        position = mark.end
    if position < end:
        out.append(text[position:end])
    return out
