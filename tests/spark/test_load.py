"""Loading the job's Parquet output: records back from record_json, and into the knowledge base."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from marsad.errors import UsageError
from marsad.record.article import Article
from marsad.spark.load import ingest_parquet, iter_parquet_records
from marsad.store.ingest import IngestSummary
from marsad.store.sqlite import Store

TEXTS = ["قالت الوزارة إن المشروع سينتهي العام المقبل.", "افتتح المحافظ معرض الكتاب بمشاركة 300 دار نشر."]


@pytest.fixture
def job_output(tmp_path: Path, engine) -> tuple[Path, list[Article]]:
    """A job output folder as Spark lays it out: articles/month=.../part-*.parquet plus _SUCCESS."""
    records = [engine.extract(text, published=day, id=f"n{i}")
               for i, (text, day) in enumerate(zip(TEXTS, ["2024-07-03", None]))]
    for record in records:
        folder = tmp_path / "articles" / f"month={record.published[:7] if record.published else 'unknown'}"
        folder.mkdir(parents=True)
        pq.write_table(pa.table({"id": [record.id], "record_json": [record.to_json()]}), folder / "part-0.parquet")
    (tmp_path / "articles" / "_SUCCESS").write_text("")
    return tmp_path, records


def test_load_records_round_trip(job_output: tuple[Path, list[Article]]) -> None:
    folder, records = job_output
    assert sorted(iter_parquet_records(folder), key=lambda a: a.id) == records


def test_load_ingest_parquet_is_idempotent(job_output: tuple[Path, list[Article]], tmp_path: Path) -> None:
    folder, records = job_output
    with Store(str(tmp_path / "kb.db")) as store:
        first, second = IngestSummary(), IngestSummary()
        ingest_parquet(folder, store, first)
        ingest_parquet(folder, store, second)
        assert (first.ingested, first.duplicates, second.ingested, second.duplicates) == (2, 0, 0, 2)
        assert store.get("n0") == records[0]


def test_load_refuses_a_folder_without_articles(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        list(iter_parquet_records(tmp_path))
