"""What readers produce before extraction: an article's text with what its input said about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawArticle:
    """An article's text and what the input said about it, before extraction."""

    id: str
    text: str
    source: dict[str, Any]
    title: str | None = None
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Skipped:
    """A file inside a folder that marsad does not read (not an error)."""

    path: str
