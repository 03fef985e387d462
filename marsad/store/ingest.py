"""Inputs -> stored articles: extraction through the shared batch, one transaction per article."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marsad.engine import Engine
from marsad.ingest.batch import BatchSummary, extract_all
from marsad.record.article import Article, Rejected
from marsad.store.sqlite import Store


@dataclass
class IngestSummary:
    """What an ingest did: articles stored, duplicates skipped, and the batch's rejects and skips."""

    ingested: int = 0
    duplicates: int = 0
    batch: BatchSummary = field(default_factory=BatchSummary)


def ingest(paths: Iterable[str], store: Store, engine: Engine, *, published: str | None = None,
           on_result: Callable[[Article | Rejected, bool], None] | None = None) -> IngestSummary:
    """Extract every article in `paths` and save it; an article whose content is stored already is skipped.

    Each article commits on its own, so an interrupted ingest keeps what it stored and a rerun adds
    only the rest. `on_result(item, stored)` is called after each article (progress, failure lines).
    """
    summary = IngestSummary()
    for result in extract_all(paths, engine, published=published, summary=summary.batch):
        stored = isinstance(result, Article) and store.save(result)
        if stored:
            summary.ingested += 1
        elif isinstance(result, Article):
            summary.duplicates += 1
        if on_result is not None:
            on_result(result, stored)
    return summary
