"""The `marsad` command: a click group; each command lives in its own module under cli/."""

from __future__ import annotations

import click

from marsad.cli.extract import extract_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marsad")
def cli() -> None:
    """marsad: turn Arabic news articles into structured, source-grounded records.

    Entities, quotes with speakers, figures with units, dates resolved against the
    publication date, and events, with exact character offsets into the original text.
    Everything runs offline.
    """


cli.add_command(extract_command)
