"""Exports of the knowledge base: JSONL (one record per article), or CSV/Parquet (one table per facet)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from marsad.errors import UsageError
from marsad.store.sqlite import Store

Format = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")

# One table per facet; article and entity references are the record's article id and the store's entity id.
TABLES: dict[str, str] = {
    "articles": "SELECT id, content_hash, title, published, source, url, language, text FROM articles",
    "entities": "SELECT id, type, name, name_en, kb_id FROM entities",
    "mentions": 'SELECT a.id AS article_id, x.entity AS entity_id, x.start, x."end", x.text FROM mentions x',
    "quotes": 'SELECT a.id AS article_id, x.speaker AS speaker_id, x.speaker_text, x.cue, x.text, x.direct,'
              ' x.start, x."end" FROM quotes x',
    "figures": 'SELECT a.id AS article_id, x.value, x.unit, x.text, x.about, x.time, x.change, x.start, x."end"'
               ' FROM figures x',
    "times": 'SELECT a.id AS article_id, x.text, x.type, x.value, x.start, x."end" FROM times x',
    "events": 'SELECT a.id AS article_id, x.type, x.mode, x.status, x.source AS source_id, x.target AS target_id,'
              ' x.location AS location_id, x.date, x.start, x."end" FROM events x',
    "relations": 'SELECT a.id AS article_id, x.type, x.subject AS subject_id, x.object AS object_id, x.role,'
                 ' x.start, x."end" FROM relations x',
}


def export(store: Store, fmt: Format, path: str | Path) -> dict[str, int]:
    """Write the store to `path` (a file for jsonl, a folder for csv and parquet); returns rows per table."""
    if fmt not in FORMATS:
        raise UsageError(f"export format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    target = Path(path)
    if fmt == "jsonl":
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as out:
            count = 0
            for record in store.records():
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        return {"articles": count}
    target.mkdir(parents=True, exist_ok=True)
    write = _write_csv if fmt == "csv" else _write_parquet
    return {name: write(target / f"{name}.{fmt}", *_table(store, name)) for name in TABLES}


def _table(store: Store, name: str) -> tuple[list[str], Iterator[tuple[object, ...]]]:
    sql = TABLES[name]
    if sql.endswith(" x"):  # a facet: joined to its article for the article's id
        sql += " JOIN articles a ON a.rowid = x.article ORDER BY x.article, x.rowid"
    cursor = store.conn.execute(sql)
    return [d[0] for d in cursor.description], (tuple(row) for row in cursor)


def _write_csv(path: Path, columns: list[str], rows: Iterator[tuple[object, ...]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_parquet(path: Path, columns: list[str], rows: Iterator[tuple[object, ...]]) -> int:
    import pyarrow as pa  # imported where used: only parquet exports need it
    import pyarrow.parquet as pq
    data = list(rows)
    table = pa.table({c: [r[i] for r in data] for i, c in enumerate(columns)})
    pq.write_table(table, path)
    return table.num_rows

