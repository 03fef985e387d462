"""Spark scaling: articles/s of the whole job at local[1] and local[2], against the single-process CLI loop.

usage: python bench/spark_scaling.py [--articles PATH] [--count N] [--cores 1,2]

The real articles are repeated, each copy with its own id, to `--count` articles (default 5,000)
in one JSON Lines file. The baseline is one process calling Engine.extract on each article (what
`marsad extract` does, without writing). Each Spark run gets its own local[N] session, a warm-up
job on a few articles (JVM, Python workers, one Engine per worker), then the timed job: read,
extract, write every table and aggregate. Reports articles/s, scaling efficiency
rate(2) / (2 * rate(1)) (target >= 0.8) and per-core throughput relative to the CLI loop.
Other processes sharing the cores lower the wall-time figures; the articles per CPU-second
(this process, the JVM and the Python workers, from /proc) show the work itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = ROOT.parent / "shared" / "data" / "news" / "articles.jsonl"
WARMUP_ARTICLES = 100


def repeated(source: Path, count: int, target: Path) -> int:
    """Write `count` articles cycling through `source`, the k-th copy of an article with id `<id>~k`."""
    items = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with target.open("w", encoding="utf-8") as out:
        for n in range(count):
            item = dict(items[n % len(items)])
            item["id"] = f"{item.get('id', n)}~{n // len(items)}"
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return count


def cli_rate(path: Path) -> tuple[float, float]:
    """Articles/s and articles per CPU-second of one process extracting every article of `path`."""
    from marsad import Engine
    from marsad.ingest.batch import extract_all
    engine = Engine()
    engine.extract("قال الوزير إن الاجتماع انتهى.")
    started, cpu = time.perf_counter(), time.process_time()
    done = sum(1 for _ in extract_all([str(path)], engine))
    return done / (time.perf_counter() - started), done / (time.process_time() - cpu)


def tree_cpu_seconds() -> float:
    """CPU seconds used so far by this process and its descendants (the JVM and the Python workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    usage: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        children.setdefault(int(fields[1]), []).append(pid)
        usage[pid] = (int(fields[11]) + int(fields[12])) / ticks
    total, stack = 0.0, [os.getpid()]
    while stack:
        pid = stack.pop()
        total += usage.get(pid, 0.0)
        stack.extend(children.get(pid, ()))
    return total


def spark_rate(path: Path, warmup: Path, cores: int, work: Path) -> tuple[float, float, int]:
    """Articles/s of the whole job at local[cores] after a warm-up job, articles per CPU-second, articles extracted.

    The CPU figure counts this process, the JVM and the Python workers: unlike wall time, other
    load on the machine barely moves it.
    """
    from marsad.spark.job import JobOptions, run_job, spark_session
    spark = spark_session(f"local[{cores}]", app_name=f"marsad-bench-{cores}",
                          config={"spark.ui.showConsoleProgress": "false"})
    spark.sparkContext.setLogLevel("ERROR")
    try:
        options = JobOptions(overwrite=True)
        run_job(spark, [str(warmup)], str(work / f"warmup{cores}"), options)
        started, cpu = time.perf_counter(), tree_cpu_seconds()
        summary = run_job(spark, [str(path)], str(work / f"out{cores}"), options)
        seconds, cpu = time.perf_counter() - started, tree_cpu_seconds() - cpu
        return summary.extracted / seconds, summary.extracted / cpu, summary.extracted
    finally:
        spark.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--cores", default="1,2", help="comma-separated local[N] core counts; 1 must be among them")
    args = parser.parse_args()
    if not args.articles.exists():
        print(f"spark_scaling: {args.articles} not found (../shared is needed)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    cores = sorted({int(c) for c in args.cores.split(",")} | {1})
    work = Path(tempfile.mkdtemp(prefix="marsad-spark-bench-"))
    try:
        path, warmup = work / "articles.jsonl", work / "warmup.jsonl"
        repeated(args.articles, args.count, path)
        repeated(args.articles, WARMUP_ARTICLES, warmup)
        from marsad.settings import Settings
        baseline, baseline_cpu = cli_rate(path)
        print(f"articles: {args.count} ({args.articles.name} repeated); stages: {', '.join(Settings().stages)}")
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"single-process CLI loop: {baseline:.1f} articles/s, {baseline_cpu:.1f} per CPU-second")
        rates = {}
        for n in cores:
            rates[n], per_cpu, extracted = spark_rate(path, warmup, n, work)
            print(f"spark local[{n}]: {rates[n]:.1f} articles/s ({extracted} extracted), "
                  f"{rates[n] / n:.1f} per core = {rates[n] / n / baseline:.2f} x the CLI loop; "
                  f"{per_cpu:.1f} per CPU-second = {per_cpu / baseline_cpu:.2f} x the CLI loop")
        for n in cores[1:]:
            print(f"scaling efficiency local[{n}]: {rates[n] / (n * rates[1]):.2f} (target >= 0.8)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
