"""Options several commands share, defined once so their parsing and help read alike."""

from __future__ import annotations

import sys

import click

from marsad.engine import parse_published
from marsad.errors import UsageError


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The --published value as YYYY-MM-DD, or a usage error naming the option."""
    try:
        day = parse_published(value)
    except UsageError as exc:
        raise click.BadParameter(str(exc)) from exc
    return day.isoformat() if day else None


def _progress(ctx: click.Context, param: click.Parameter, value: bool | None) -> bool:
    """Whether to draw the progress bar: as asked, else when stderr is a terminal."""
    return sys.stderr.isatty() if value is None else value


PUBLISHED_OPTION = click.option(
    "--published", metavar="YYYY-MM-DD", callback=_published,
    help="Publication date for articles whose input gives none; relative dates resolve against it.")
PROGRESS_OPTION = click.option(
    "--progress/--no-progress", "show_progress", default=None, callback=_progress,
    help="Show a progress bar on stderr (default: when stderr is a terminal).")
