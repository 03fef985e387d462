"""`marsad spark`: extract a whole archive on Apache Spark into Parquet tables."""

from __future__ import annotations

import click

from marsad.cli.options import PUBLISHED_OPTION
from marsad.cli.report import EXIT_USAGE
from marsad.errors import UsageError


@click.command("spark")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, metavar="DIR", help="Folder (any path Spark writes to) for the Parquet tables.")
@click.option("--master", metavar="URL",
              help="Spark master, e.g. local[2] or yarn (default: spark-submit's, else local[*]).")
@click.option("--partitions", type=click.IntRange(min=1),
              help="Extraction partitions (default: 4 per core of the cluster).")
@PUBLISHED_OPTION
@click.option("--overwrite", is_flag=True, help="Replace the tables in --out instead of refusing a non-empty folder.")
def spark_command(inputs: tuple[str, ...], out: str, master: str | None, partitions: int | None,
                  published: str | None, overwrite: bool) -> None:
    """Extract INPUTS (text folders, JSON Lines, WARC, Parquet; local, HDFS or S3) into Parquet tables.

    Writes one table per facet under --out (articles, entities, mentions, quotes, figures, times,
    events, relations; partitioned by publication month), the rejects with their reason codes,
    and aggregates: entity mentions per day, entity co-occurrence, figure consistency groups.
    Needs the spark extra (pip install 'marsad[spark]') and Java 17.

    Example: marsad spark news/ cc-news/*.warc.gz --out tables/ --master local[4]
    """
    try:
        from marsad.spark.job import JobOptions, run
    except ImportError as exc:
        raise click.ClickException(f"{exc}; install the spark extra: pip install 'marsad[spark]'") from exc
    try:
        summary = run(inputs, out, master=master, options=JobOptions(
            partitions=partitions, published=published, overwrite=overwrite))
    except UsageError as exc:
        click.echo(f"marsad: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    for line in summary.lines():
        click.echo(f"marsad: {line}", err=True)
