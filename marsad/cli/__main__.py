"""`python -m marsad.cli` runs the marsad command."""

from marsad.cli.main import cli

cli()
