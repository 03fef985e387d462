"""The `marsad` command: a click group; each command lives in its own module under cli/."""

from __future__ import annotations

import click

from marsad.cli.evaluate import evaluate_command
from marsad.cli.extract import extract_command
from marsad.cli.entity import entity_command
from marsad.cli.export import export_command
from marsad.cli.figures import figures_command
from marsad.cli.ingest import ingest_command
from marsad.cli.search import search_command
from marsad.cli.serve import serve_command
from marsad.cli.spark import spark_command
from marsad.cli.train import train_command
from marsad.cli.watch import watch_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marsad")
def cli() -> None:
    """marsad: turn Arabic news articles into structured, source-grounded records.

    Entities, quotes with speakers, figures with units, dates resolved against the
    publication date, and events, with exact character offsets into the original text.
    Everything runs offline.
    """


cli.add_command(extract_command)
cli.add_command(spark_command)
cli.add_command(ingest_command)
cli.add_command(search_command)
cli.add_command(entity_command)
cli.add_command(figures_command)
cli.add_command(serve_command)
cli.add_command(export_command)
cli.add_command(watch_command)
cli.add_command(train_command)
cli.add_command(evaluate_command)
