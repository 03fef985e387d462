"""Ingest speed of the store beyond extraction, and database size per article.

usage: python bench/ingest.py [--articles PATH] [--target N] [--db FILE]

Extracts ../shared/data/news/articles.jsonl once, then saves copies of those records (each
with its own id and content hash, so none is skipped as a duplicate) until `--target`
articles (default 10,000) are stored, one transaction per article as `marsad ingest` does.
Prints the save rate (articles/s), a re-save rate (all duplicates: the cost of an idempotent
rerun), search latency, and the database size per article, as one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = ROOT.parent / "shared" / "data" / "news" / "articles.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--target", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="database file to fill (default: a temporary one, removed after)")
    args = parser.parse_args()
    if not args.articles.exists():
        print(f"ingest bench: {args.articles} not found (../shared is needed)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from marsad import Engine
    from marsad.ingest.batch import extract_all
    from marsad.record.article import Article
    from marsad.store.sqlite import Store

    started = time.perf_counter()
    records = [r for r in extract_all([str(args.articles)], Engine()) if isinstance(r, Article)]
    extract_seconds = time.perf_counter() - started
    copies = [replace(r, id=f"{r.id}#{k}", content_hash="sha256:" + hashlib.sha256(f"{r.content_hash}#{k}".encode()).hexdigest())
              for k in range(-(-args.target // len(records))) for r in records][:args.target]

    with tempfile.TemporaryDirectory() as scratch:
        path = args.db or Path(scratch) / "bench.db"
        with Store(path) as store:
            started = time.perf_counter()
            for record in copies:
                store.save(record)
            save_seconds = time.perf_counter() - started
            started = time.perf_counter()
            skipped = sum(not store.save(record) for record in copies[:1000])
            resave_seconds = time.perf_counter() - started
            started = time.perf_counter()
            queries = ("الاقتصاد", '"الأمم المتحدة"', "الصين OR روسيا", "وزير*")
            hits = [store.search(q, limit=20).total for q in queries]
            search_ms = (time.perf_counter() - started) * 1000 / len(queries)
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            count = store.count()
            facets = {t: store.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"]
                      for t in ("entities", "mentions", "quotes", "figures", "times", "events")}
        size = sum(os.path.getsize(p) for p in (str(path), f"{path}-wal") if os.path.exists(p))
    text_bytes = sum(len(r.text.encode("utf-8")) for r in copies)
    print(json.dumps({
        "articles": count, "distinct_texts": len(records),
        "extract_articles_per_s": round(len(records) / extract_seconds, 1),
        "save_articles_per_s": round(len(copies) / save_seconds, 1),
        "resave_duplicates_per_s": round(skipped / resave_seconds, 1),
        "search_ms_per_query": round(search_ms, 2), "search_hits": dict(zip(queries, hits)),
        "db_bytes": size, "db_bytes_per_article": round(size / count),
        "text_bytes_per_article": round(text_bytes / len(copies)), "facet_rows": facets,
    }, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
