"""The Spark job: inputs -> extraction per partition -> Parquet facet tables and aggregates.

Entry for `spark-submit marsad/spark/job.py INPUT... --out DIR` (or `python -m marsad.spark.job`)
and the library behind `marsad spark`. Only marsad.spark imports pyspark.

Steps:
 1. resolve the INPUT arguments on the driver (a missing one is a reject) and list their files;
 2. plan: documents, archives, Parquet tables; oversized and unsupported files are settled unread;
 3. read bytes on the executors into RawArticle | Rejected, as `marsad extract` reads them;
 4. spread articles over `partitions` and extract each partition with the executor's one Engine;
 5. hold every output row once in a cached wide frame (one struct column per table), so that
    extraction runs once however many tables are written;
 6. write each facet table partitioned by month, the rejects, and the aggregate tables.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, Callable
from urllib.parse import unquote

from pyspark import RDD, StorageLevel
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (ArrayType, BooleanType, DataType, DoubleType, LongType, StringType, StructField,
                               StructType)

from marsad.engine import Engine, default_engine
from marsad.errors import SKIP_REASONS, RejectReason, UsageError
from marsad.ingest.batch import extract_raw
from marsad.record.article import Article, Rejected
from marsad.settings import Settings
from marsad.spark.read import (InputPlan, Item, Root, local_root, plan_inputs, read_archive, read_document,
                               read_row, root_index, shown_name)
from marsad.spark.tables import FACET_TABLES, SCHEMAS, Row, article_rows, reject_row

TABLE_COLUMNS = ("text", "id", "published", "title", "url")  # read from Parquet inputs when present
PARTITIONS_PER_CORE = 4  # small tasks even out slow articles; see docs/spark.md
SHUFFLE_PER_CORE = 2     # aggregate shuffle partitions per core, unless the session sets its own
CONCURRENT_WRITES = 4    # tables and aggregates written at once (Spark jobs from driver threads)

_TYPES: dict[str, DataType] = {"string": StringType(), "long": LongType(), "double": DoubleType(),
                               "boolean": BooleanType(), "array<string>": ArrayType(StringType())}
WIDE_SCHEMA = StructType(
    [StructField("table", StringType(), False)]
    + [StructField(name, StructType([StructField(col, _TYPES[kind]) for col, kind in schema]))
       for name, schema in SCHEMAS.items()])
_POSITION = {name: index for index, name in enumerate(SCHEMAS)}


@dataclass(frozen=True)
class JobOptions:
    """How the job runs.

    Example:
        run_job(spark, ["hdfs:///news/2024"], "hdfs:///marsad/2024", JobOptions(partitions=2000))
    """

    partitions: int | None = None   # extraction partitions; None: PARTITIONS_PER_CORE per core
    published: str | None = None    # publication date for articles whose input gives none
    overwrite: bool = False         # replace the tables under `out` instead of refusing
    settings: Settings = field(default_factory=Settings)


@dataclass
class JobSummary:
    """What the job did: articles extracted, rejects by reason, files skipped, rows per table.

    As for `marsad extract`, rejects by policy (duplicate, not_arabic) are skips, not failures;
    the rejects table holds both.
    """

    extracted: int
    rejected: dict[str, int]
    skipped: int
    rows: dict[str, int]
    seconds: float

    def lines(self) -> list[str]:
        """The closing summary, one line per fact, the rejects one line per reason."""
        out = [f"{self.extracted} articles extracted in {self.seconds:.1f} s"]
        for label, by_policy in (("failed", False), ("skipped", True)):
            counts = {r: n for r, n in self.rejected.items() if (RejectReason(r) in SKIP_REASONS) is by_policy}
            if counts or not by_policy:
                out.append(f"{sum(counts.values())} {label}")
            out += [f"  {reason}: {count}" for reason, count in sorted(counts.items())]
        if self.skipped:
            out.append(f"{self.skipped} files of unsupported type skipped")
        out.append("rows: " + ", ".join(f"{name} {self.rows.get(name, 0)}" for name in FACET_TABLES))
        return out


def spark_session(master: str | None = None, *, app_name: str = "marsad",
                  config: dict[str, str] | None = None) -> SparkSession:
    """The active SparkSession, or a new one.

    Outside spark-submit the Python workers run this interpreter (PySpark would start `python3`
    from PATH, which may lack marsad); under spark-submit its configuration decides.
    """
    if "PYSPARK_GATEWAY_PORT" not in os.environ:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    return (builder.master(master) if master else builder).getOrCreate()


def run(inputs: Iterable[str], out: str, *, master: str | None = None,
        options: JobOptions | None = None) -> JobSummary:
    """Run the job in a session of its own (stopped at the end unless one was already active)."""
    active = SparkSession.getActiveSession()
    spark = spark_session(master)
    try:
        return run_job(spark, list(inputs), out, options or JobOptions())
    finally:
        if active is None:
            spark.stop()


def run_job(spark: SparkSession, inputs: list[str], out: str, options: JobOptions) -> JobSummary:
    """Extract every article in `inputs` and write the tables under `out` (see the module docstring)."""
    started = time.perf_counter()
    _check_out(spark, out, overwrite=options.overwrite)
    roots, missing = resolve_roots(spark, inputs)
    plan = plan_inputs(list_files(spark, roots), roots, options.settings.input)
    plan.rejected.extend(missing)
    partitions = options.partitions or PARTITIONS_PER_CORE * spark.sparkContext.defaultParallelism
    items = read_items(spark, plan, root_index(roots), options.settings).repartition(partitions)
    results = items.mapPartitions(partial(extract_partition, options.settings, options.published))
    summary = write_tables(spark, results, out, overwrite=options.overwrite)
    summary.skipped = len(plan.skipped)
    summary.seconds = time.perf_counter() - started
    return summary


def resolve_roots(spark: SparkSession, inputs: list[str]) -> tuple[list[Root], list[Rejected]]:
    """Each INPUT argument (a path or glob Hadoop understands) as Roots; missing ones as rejects."""
    jvm, conf = spark.sparkContext._jvm, spark.sparkContext._jsc.hadoopConfiguration()
    roots: list[Root] = []
    missing: list[Rejected] = []
    for arg in inputs:
        path = jvm.org.apache.hadoop.fs.Path(arg)
        fs = path.getFileSystem(conf)
        statuses = list(fs.globStatus(path) or [])
        if not statuses:
            missing.append(Rejected(arg, RejectReason.MISSING, "no such file or folder"))
        for status in statuses:
            uri, is_dir = status.getPath().toString(), status.isDirectory()
            shown = arg if len(statuses) == 1 else uri
            roots.append(local_root(shown, uri, is_dir=is_dir) if fs.getScheme() == "file"
                         else Root(uri=uri, shown=None, is_dir=is_dir))
    return roots, missing


def list_files(spark: SparkSession, roots: list[Root]) -> list[tuple[str, int]]:
    """(uri, size) of every file under the roots; Spark lists in parallel, without reading contents."""
    if not roots:
        return []
    frame = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load([r.uri for r in roots])
    return [(row.path, row.length) for row in frame.select("path", "length").collect()]


def read_items(spark: SparkSession, plan: InputPlan, roots: dict[str, Root], settings: Settings) -> RDD[Item]:
    """RawArticle | Rejected for every planned input, read on the executors."""
    sc = spark.sparkContext
    parts: list[RDD[Any]] = [sc.parallelize(plan.rejected, 1)]
    readers = ((plan.documents, read_document), (plan.archives, partial(read_archive, settings=settings.input)))
    for uris, reader in readers:
        if uris:
            files = spark.read.format("binaryFile").load(uris).select("path", "content")
            parts.append(files.rdd.flatMap(partial(_read_file, reader, roots)))
    if plan.tables:
        frame = spark.read.parquet(*plan.tables)
        columns = [name for name in TABLE_COLUMNS if name in frame.columns]
        rows = frame.select(*columns, F.col("_metadata.file_path").alias("_file"))
        parts.append(rows.rdd.map(partial(_read_table_row, roots)))
    return sc.union(parts)


def extract_partition(settings: Settings, published: str | None, items: Iterable[Item]) -> Iterator[Row]:
    """Wide rows for one partition, extracted with this executor's one Engine."""
    engine = engine_for(settings)
    for item in items:
        result = item if isinstance(item, Rejected) else extract_raw(engine, item, published=published)
        yield from wide_rows(result)


@lru_cache(maxsize=4)
def engine_for(settings: Settings) -> Engine:
    """One Engine per executor process and settings (the default one shared with marsad.extract)."""
    return default_engine() if settings == Settings() else Engine(settings)


def wide_rows(result: Article | Rejected) -> list[Row]:
    """Rows of the wide frame: (table, None..., row, None...) with the row in its table's column."""
    if isinstance(result, Rejected):
        return [_wide("rejects", reject_row(result))]
    try:
        return [_wide(table, row) for table, row in article_rows(result)]
    except Exception as exc:  # noqa: BLE001 - one malformed record must not fail the job; it is counted
        source = str(result.source.get("path") or result.id)
        return [_wide("rejects", reject_row(Rejected(source, RejectReason.EXTRACT_FAILED,
                                                     f"table rows: {type(exc).__name__}: {exc}")))]


def write_tables(spark: SparkSession, results: RDD[Row], out: str, *, overwrite: bool) -> JobSummary:
    """Write every table and aggregate under `out`; the summary's counts come from the cached rows.

    The writes are independent once the rows are cached, so they run as concurrent Spark jobs:
    one write's driver-side planning and commit overlap the others' tasks instead of leaving
    cores idle (most of the job's time outside extraction was such per-write overhead).
    """
    # Rows are already coerced to the column types (tables.py), so Spark need not check each one.
    wide = spark.createDataFrame(results, WIDE_SCHEMA, verifySchema=False).persist(StorageLevel.MEMORY_AND_DISK)
    shuffle = _shuffle_partitions(spark)
    try:
        counts = wide.groupBy("table", F.col("rejects.reason").alias("reason")).count().collect()
        mode = "overwrite" if overwrite else "errorifexists"
        files = spark.sparkContext.defaultParallelism  # per table and month: fewer, larger files than partitions

        def write_table(name: str) -> None:
            writer = table(wide, name).coalesce(files).write.mode(mode)
            (writer.partitionBy("month") if name in FACET_TABLES else writer).parquet(f"{out}/{name}")

        def write_aggregate(name: str, frame: DataFrame) -> None:
            frame.write.mode(mode).parquet(f"{out}/{name}")

        # Aggregates first: their shuffles are the longest chains of stages.
        writes = [partial(write_aggregate, name, frame) for name, frame in aggregates(wide).items()]
        writes += [partial(write_table, name) for name in SCHEMAS]
        with ThreadPoolExecutor(max_workers=CONCURRENT_WRITES) as pool:
            for future in [pool.submit(write) for write in writes]:
                future.result()
    finally:
        wide.unpersist()
        _restore_shuffle_partitions(spark, shuffle)
    rows: dict[str, int] = {}
    for row in counts:
        rows[row["table"]] = rows.get(row["table"], 0) + row["count"]
    return JobSummary(extracted=rows.get("articles", 0), skipped=0, rows=rows, seconds=0.0,
                      rejected={row["reason"]: row["count"] for row in counts if row["table"] == "rejects"})


def _shuffle_partitions(spark: SparkSession) -> str | None:
    """Unless the session was given spark.sql.shuffle.partitions, shuffle the aggregates over SHUFFLE_PER_CORE per core.

    Spark's default of 200 shuffle partitions costs seconds of scheduling per aggregate on a
    few cores; the output rows are few (one per entity and day, pair, figure group). Returns
    the value to restore.
    """
    key = "spark.sql.shuffle.partitions"
    if spark.sparkContext.getConf().contains(key):
        return None
    previous = spark.conf.get(key)
    spark.conf.set(key, str(SHUFFLE_PER_CORE * spark.sparkContext.defaultParallelism))
    return previous


def _restore_shuffle_partitions(spark: SparkSession, previous: str | None) -> None:
    if previous is not None:
        spark.conf.set("spark.sql.shuffle.partitions", previous)


def table(wide: DataFrame, name: str) -> DataFrame:
    """One table's rows out of the wide frame."""
    return wide.where(F.col("table") == name).select(f"{name}.*")


def aggregates(wide: DataFrame) -> dict[str, DataFrame]:
    """Entity mentions per day, entity co-occurrence (articles naming both), figure consistency groups."""
    entities, mentions, figures = (table(wide, name) for name in ("entities", "mentions", "figures"))
    names = entities.groupBy("entity_key").agg(F.mode("name").alias("name"), F.mode("type").alias("type"))
    daily = (mentions.where(F.length("published") >= 10)
             .groupBy("entity_key", F.substring("published", 1, 10).alias("day"))
             .agg(F.count("*").alias("mentions"), F.countDistinct("article_id").alias("articles"))
             .join(names, "entity_key", "left"))
    pairs = entities.select("article_id", "entity_key").distinct()
    a, b = pairs.alias("a"), pairs.alias("b")
    cooccurrence = (a.join(b, (F.col("a.article_id") == F.col("b.article_id"))
                           & (F.col("a.entity_key") < F.col("b.entity_key")))
                    .groupBy(F.col("a.entity_key").alias("entity_a"), F.col("b.entity_key").alias("entity_b"))
                    .agg(F.count("*").alias("articles"))
                    .join(_renamed(names, "a"), "entity_a", "left").join(_renamed(names, "b"), "entity_b", "left"))
    return {"entity_mentions_daily": daily, "entity_cooccurrence": cooccurrence,
            "figure_groups": figure_groups(figures)}


def figure_groups(figures: DataFrame) -> DataFrame:
    """Figures from two or more articles with the same folded `about`, unit and time; differing values flagged.

    `spread` is (max - min) / the larger magnitude, so 41 vs 40.8 billion is 0.005 and a reader can
    tell rounding from contradiction.
    """
    low, high = F.col("min_value"), F.col("max_value")
    return (figures.where(F.col("about_key").isNotNull() & F.col("unit").isNotNull()
                          & F.col("time").isNotNull() & F.col("value").isNotNull())
            .groupBy("about_key", "unit", "time")
            .agg(F.mode("about").alias("about"), F.countDistinct("article_id").alias("articles"),
                 F.count("*").alias("figures"), F.min("value").alias("min_value"), F.max("value").alias("max_value"),
                 F.sort_array(F.collect_set("value")).alias("values"),
                 F.sort_array(F.collect_set("article_id")).alias("article_ids"))
            .where(F.col("articles") >= 2)
            .withColumn("disagree", low != high)
            .withColumn("spread", _spread(low, high)))


def _spread(low: Column, high: Column) -> Column:
    scale = F.greatest(F.abs(low), F.abs(high))
    return F.when(scale > 0, (high - low) / scale).otherwise(F.lit(0.0))


def _renamed(names: DataFrame, side: str) -> DataFrame:
    return names.select(F.col("entity_key").alias(f"entity_{side}"), F.col("name").alias(f"name_{side}"),
                        F.col("type").alias(f"type_{side}"))


def _wide(name: str, row: Row) -> Row:
    cells: list[Any] = [None] * len(SCHEMAS)
    cells[_POSITION[name]] = row
    return (name, *cells)


def _read_file(reader: Callable[[str, bytes], Iterator[Item]], roots: dict[str, Root], row: Any) -> Iterator[Item]:
    name = shown_name(row.path, roots)
    try:
        yield from reader(name, bytes(row.content))
    except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not fail the job; it is counted
        yield Rejected(name, RejectReason.EXTRACT_FAILED, f"reading: {type(exc).__name__}: {exc}")


def _read_table_row(roots: dict[str, Root], row: Any) -> Item:
    data = row.asDict()
    return read_row(data, shown_name(unquote(data.pop("_file")), roots))  # _metadata.file_path is a URI


def _check_out(spark: SparkSession, out: str, *, overwrite: bool) -> None:
    jvm, conf = spark.sparkContext._jvm, spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(out)
    fs = path.getFileSystem(conf)
    if not overwrite and fs.exists(path) and len(fs.listStatus(path)) > 0:
        raise UsageError(f"{out} exists and is not empty; pass --overwrite to replace its tables")


def main(argv: list[str] | None = None) -> None:
    """spark-submit entry: the `marsad spark` command line."""
    from marsad.cli.spark import spark_command
    spark_command.main(args=argv, prog_name="marsad.spark.job")


if __name__ == "__main__":
    main()
