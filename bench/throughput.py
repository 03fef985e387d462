"""Throughput of the whole pipeline on the real articles, against the floor of a bare tokenisation pass.

usage: python bench/throughput.py [--passes N] [--articles PATH]

Prints articles/s (median pass, and the first pass, when every word form is new to the caches),
tokens/s, peak RSS, the pipeline/tokenisation time ratio, and seconds per stage. One process, one
core. Every issue that touches the pipeline re-runs it and reports the figures (medians over
passes; machines are noisy, so compare ratios).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = ROOT.parent / "shared" / "data" / "news" / "articles.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    args = parser.parse_args()
    if not args.articles.exists():
        print(f"throughput: {args.articles} not found (../shared is needed)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from marsad import Engine
    from marsad.text.tokens import tokenize

    items = [json.loads(line) for line in args.articles.read_text(encoding="utf-8").splitlines() if line.strip()]
    load_started = time.perf_counter()
    engine = Engine()
    engine.extract(items[0]["text"], published=items[0].get("published"))  # load models and lexicons
    load_seconds = time.perf_counter() - load_started
    n_tokens = sum(len(tokenize(item["text"])) for item in items)

    engine.pipeline.timings = {}
    pipeline_times, token_times = [], []
    for _ in range(args.passes):
        started = time.perf_counter()
        for item in items:
            engine.extract(item["text"], published=item.get("published"), id=item["id"])
        pipeline_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        for item in items:
            tokenize(item["text"])
        token_times.append(time.perf_counter() - started)

    pipeline_s, token_s = statistics.median(pipeline_times), statistics.median(token_times)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(items)} x {args.passes} passes, {n_tokens} tokens per pass")
    print(f"stages: {', '.join(engine.settings.stages)}")
    print(f"engine load + first article: {load_seconds:.2f} s")
    print(f"pipeline: {len(items) / pipeline_s:.1f} articles/s, {n_tokens / pipeline_s:,.0f} tokens/s "
          f"(median pass {pipeline_s * 1000:.0f} ms)")
    print(f"first pass (word forms new to the per-form caches): {len(items) / pipeline_times[0]:.1f} articles/s")
    print(f"bare tokenisation: {len(items) / token_s:.1f} articles/s (median pass {token_s * 1000:.0f} ms)")
    print(f"pipeline / tokenisation time ratio: {pipeline_s / token_s:.1f}")
    total = sum(engine.pipeline.timings.values())
    for name, seconds in sorted(engine.pipeline.timings.items(), key=lambda kv: -kv[1]):
        per_article = seconds / (len(items) * args.passes) * 1000
        print(f"  stage {name:10s} {per_article:7.2f} ms/article  ({seconds / total:5.1%})")
    print(f"peak RSS: {peak_rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
