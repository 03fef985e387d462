"""`marsad ingest`: articles in, stored in the SQLite knowledge base."""

from __future__ import annotations

import sys

import click

from marsad.cli.options import PROGRESS_OPTION, PUBLISHED_OPTION
from marsad.cli.report import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    progress,
    report_rejected,
    summary_parts,
)
from marsad.engine import Engine
from marsad.record.article import Article, Rejected
from marsad.store.ingest import IngestSummary, ingest
from marsad.store.sqlite import Store, default_db_path

DB_OPTION = click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
                         help="The SQLite database (default: $MARSAD_DB, else ./marsad.db).")


@click.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path())
@DB_OPTION
@click.option("--parquet", "parquet", metavar="DIR", type=click.Path(file_okay=False, exists=True),
              help="Also load the records of a `marsad spark` output folder (needs the spark extra).")
@PUBLISHED_OPTION
@PROGRESS_OPTION
def ingest_command(paths: tuple[str, ...], db: str | None, parquet: str | None, published: str | None,
                   show_progress: bool) -> None:
    """Extract the articles in PATHS and store them in the knowledge base.

    Takes the same inputs as `marsad extract`. An article whose content is already stored is
    skipped, so ingesting again (or after an interruption) adds only what is missing.

    Example: marsad ingest examples/ --db out/marsad.db
    """
    if not paths and not parquet:
        raise click.UsageError("give PATHS to extract, or --parquet DIR to load")
    with Store(db or default_db_path()) as store, progress(total=None, unit="article", enabled=show_progress) as bar:
        def step(item: Article | Rejected, stored: bool) -> None:
            bar.update(1)
            if isinstance(item, Rejected):
                report_rejected(item)
        summary = ingest(paths, store, Engine(), published=published,
                         on_result=step)
        if parquet:
            from marsad.spark.load import ingest_parquet
            ingest_parquet(parquet, store, summary, on_result=step)
        total = store.count()
    sys.exit(report_ingest(summary, total=total, db=store.path))


def report_ingest(summary: IngestSummary, *, total: int, db: str) -> int:
    """Print the closing summary on stderr and return the exit status."""
    parts = [f"{summary.ingested} ingested", f"{summary.duplicates} skipped as duplicates",
             *summary_parts(summary.batch)]
    click.echo(f"marsad: {'; '.join(parts)}; {total} articles in {db}", err=True)
    return EXIT_SOME_FAILED if summary.batch.failed else EXIT_OK
