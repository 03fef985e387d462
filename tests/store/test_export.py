"""Exports: JSONL round-trips the records; CSV and Parquet hold one table per facet."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from marsad.cli.main import cli
from marsad.record.article import Article
from marsad.store.export import TABLES, export
from marsad.store.sqlite import Store
from tests.store.store_records import sample_corpus


def test_export_jsonl_round_trips_every_record(db_file, tmp_path):
    out = tmp_path / "records.jsonl"
    result = CliRunner().invoke(cli, ["export", "--format", "jsonl", "--db", str(db_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [Article.from_dict(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == sample_corpus()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_tables_hold_every_facet_row(db_file, tmp_path, fmt):
    with Store(db_file) as store:
        counts = export(store, fmt, tmp_path / fmt)
        expected = {name: store.rows(f"SELECT count(*) AS n FROM {name}")[0]["n"] for name in TABLES}
    assert counts == expected
    tables = {}
    for name in TABLES:
        path = tmp_path / fmt / f"{name}.{fmt}"
        if fmt == "csv":
            with path.open(encoding="utf-8", newline="") as f:
                tables[name] = list(csv.DictReader(f))
        else:
            import pyarrow.parquet as pq
            tables[name] = pq.read_table(path).to_pylist()
        assert len(tables[name]) == expected[name]
    assert {r["article_id"] for r in tables["figures"]} == {"a-trade", "b-trade", "c-exports"}
    assert {r["text"] for r in tables["articles"]} == {a.text for a in sample_corpus()}
    # events carry their status; a record without one (a-trade) exports "asserted"
    assert sorted((r["article_id"], r["type"], r["status"]) for r in tables["events"]) == [
        ("a-trade", "CONSULT", "asserted"), ("b-trade", "ACCUSE", "asserted"), ("c-exports", "AGREE", "future")]


def test_export_unknown_format_is_refused(db_file, tmp_path):
    result = CliRunner().invoke(cli, ["export", "--format", "xml", "--db", str(db_file), "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "xml" in result.output
