"""The Spark job's Parquet output -> Article records, for `marsad ingest --parquet DIR`.

Reads only `articles.record_json` (the full record as the CLI would print it), with pyarrow and
without Spark, so a cluster run ends in the same knowledge base on one machine.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow.dataset as ds

from marsad.errors import UsageError
from marsad.record.article import Article
from marsad.store.ingest import IngestSummary
from marsad.store.sqlite import Store

BATCH_ROWS = 1024  # record_json holds whole articles; small batches keep memory flat


def iter_parquet_records(folder: str | Path) -> Iterator[Article]:
    """Every article record in the job output `folder` (its `articles` table, all months)."""
    table = Path(folder) / "articles"
    if not table.is_dir():
        raise UsageError(f"{folder} holds no articles table: is it the --out folder of `marsad spark`?")
    dataset = ds.dataset(table, format="parquet", partitioning="hive")
    for batch in dataset.to_batches(columns=["record_json"], batch_size=BATCH_ROWS):
        for text in batch.column(0).to_pylist():
            yield Article.from_dict(json.loads(text))


def ingest_parquet(folder: str | Path, store: Store, summary: IngestSummary,
                   on_result: Callable[[Article, bool], None] | None = None) -> None:
    """Save every record of the job output `folder` in `store`, counted into `summary` as `marsad ingest` counts.

    A record whose content is stored already is a duplicate, so loading twice adds nothing.
    """
    for article in iter_parquet_records(folder):
        stored = store.save(article)
        summary.ingested += stored
        summary.duplicates += not stored
        if on_result is not None:
            on_result(article, stored)
