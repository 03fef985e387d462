"""WARC ingest throughput (records/s) on a generated, CC-NEWS-like archive.

usage: python bench/warc.py [--pages N] [--plain] [--no-store]

Builds a record-compressed WARC from the test fixtures (tests/ingest/webfixtures.py): per 20 page
slots, 12 Arabic articles with their request records, 3 English/French pages, a re-archived
duplicate, a 404, an image, a binary page and a broken record (`--pages` slots, default 2,000,
about 3,200 records). Then times, on one core:
  read    the reader alone (iter_warc: parse records, decode, main text, page date, language,
          dedup), records/s and MB/s;
  ingest  `marsad ingest` as a library call with the default pipeline into a fresh SQLite
          store (skipped with --no-store), records/s and stored articles/s.
Prints one JSON object. Other processes on the machine lower the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--plain", action="store_true", help="an uncompressed .warc instead of .warc.gz")
    parser.add_argument("--no-store", dest="store", action="store_false", help="time the reader only")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.ingest.webfixtures import build_warc

    from marsad.engine import Engine
    from marsad.ingest.raw import RawArticle
    from marsad.ingest.warc import iter_warc
    from marsad.store.ingest import ingest
    from marsad.store.sqlite import Store

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / ("bench.warc" if args.plain else "bench.warc.gz")
        plan = build_warc(path, pages=args.pages, gzipped=not args.plain)
        report: dict[str, object] = {"records": plan.records, "bytes": path.stat().st_size,
                                     "arabic_articles": len(plan.arabic)}

        started = time.perf_counter()
        items = list(iter_warc(path))
        seconds = time.perf_counter() - started
        articles = sum(1 for item in items if isinstance(item, RawArticle))
        report["read"] = {"seconds": round(seconds, 2), "records_per_s": round(plan.records / seconds, 1),
                          "mb_per_s": round(path.stat().st_size / seconds / 1e6, 2), "articles": articles,
                          "rejected": dict(Counter(item.reason.value for item in items
                                                   if not isinstance(item, RawArticle)))}
        if args.store:
            engine = Engine()
            with Store(Path(scratch) / "bench.db") as store:
                started = time.perf_counter()
                summary = ingest([str(path)], store, engine)
                seconds = time.perf_counter() - started
            report["ingest"] = {"seconds": round(seconds, 2), "records_per_s": round(plan.records / seconds, 1),
                                "stored": summary.ingested,
                                "articles_per_s": round(summary.ingested / seconds, 1)}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
