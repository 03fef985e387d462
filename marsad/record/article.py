"""The article record "marsad.article/1": the public contract every interface returns.

Facet items are plain JSON objects whose required fields are fixed by the schema
(record/article.schema.json, documented in docs/record.md); stages may add fields.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

from marsad.errors import RejectReason

SCHEMA_ID = "marsad.article/1"
FACETS = ("sentences", "entities", "quotes", "figures", "times", "events", "relations")


@dataclass
class Article:
    """One extracted article.

    Example:
        record = extract("قال الوزير ...", published="2024-07-03")
        record.to_dict()["sentences"][0]  # {"start": 0, "end": ...}
    """

    id: str
    content_hash: str
    source: dict[str, str]
    title: str | None
    published: str | None
    language: str
    text: str
    sentences: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    schema: str = SCHEMA_ID

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict, `schema` first.

        Shallow: facet items are the record's own dicts, not copies (a deep copy cost ~1 ms per
        article, more than most stages); copy.deepcopy the result before mutating it.
        """
        data = {"schema": self.schema}
        data.update((name, getattr(self, name)) for name in _FIELD_NAMES if name != "schema")
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        """Rebuild an Article from `to_dict()` output (unknown keys are ignored)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Article))


@dataclass(frozen=True)
class Rejected:
    """A document that could not be used, with a stable `reason` code and a human `detail`."""

    source: str
    reason: RejectReason
    detail: str

    def line(self) -> str:
        """One line for stderr: `source: reason: detail`."""
        return f"{self.source}: {self.reason.value}: {self.detail}"
