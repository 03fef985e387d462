"""Doc: the original text, never mutated, with annotations as stand-off spans in named layers.

Every recogniser reads `doc.text` (or the folded view, which maps back) and writes Spans whose
`start`/`end` are code-point offsets into `doc.text`. Layers are plain lists keyed by name
(``doc.spans["times"]``); objects that are not spans (entities grouping several mentions) live
in ``doc.objects``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from marsad.text.fold import FoldedText, fold_with_map


@dataclass(slots=True)
class Span:
    """A labelled range [start, end) of the original text with free-form attributes."""

    start: int
    end: int
    label: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    def text(self, doc: "Doc") -> str:
        return doc.text[self.start:self.end]


@dataclass
class Doc:
    """One article under analysis.

    Example:
        doc = Doc("قال الوزير ...", published=date(2024, 7, 3))
        doc.spans["sentences"]  # filled by the sentences stage
    """

    text: str
    published: date | None = None
    title: str | None = None
    spans: dict[str, list[Span]] = field(default_factory=dict)
    objects: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @cached_property
    def folded(self) -> FoldedText:
        """The text folded for matching, with a map back to original offsets (computed once)."""
        return fold_with_map(self.text)

