"""`marsad export`: the knowledge base as JSONL, CSV or Parquet."""

from __future__ import annotations

import click

from marsad.cli.ingest import DB_OPTION
from marsad.store.export import FORMATS, export
from marsad.store.sqlite import Store, default_db_path


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="jsonl: one record per article in the file PATH; csv, parquet: one table per facet in the folder PATH.")
@DB_OPTION
@click.option("-o", "--output", "path", type=click.Path(), required=True, help="The file (jsonl) or folder to write.")
def export_command(fmt: str, db: str | None, path: str) -> None:
    """Export the stored articles and their facets.

    Example: marsad export --format parquet -o out/tables
    """
    with Store(db or default_db_path()) as store:
        counts = export(store, fmt, path)  # type: ignore[arg-type]
    click.echo("marsad: wrote " + ", ".join(f"{n} {name}" for name, n in counts.items()) + f" to {path}", err=True)
