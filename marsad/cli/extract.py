"""`marsad extract`: articles in, one record per article out."""

from __future__ import annotations

import json
import sys
from typing import IO

import click

from marsad.cli.options import PROGRESS_OPTION, PUBLISHED_OPTION
from marsad.cli.report import EXIT_USAGE, progress, report_rejected, report_summary
from marsad.engine import Engine
from marsad.ingest.batch import BatchSummary, extract_all
from marsad.record.article import Rejected


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="Write the records here (default: standard output).")
@PUBLISHED_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one record per line; json: one indented JSON array.")
@PROGRESS_OPTION
def extract_command(paths: tuple[str, ...], output: str, published: str | None, fmt: str,
                    show_progress: bool) -> None:
    """Extract records from PATHS: .txt, .html, .json, .jsonl, .warc[.gz] files, folders of them, or URLs.

    A .jsonl file holds one article per line: "text" and optional "id", "title",
    "published", "url". A URL is fetched politely (robots.txt, rate limit, size cap).
    Inputs that cannot be read are reported on stderr, one line each; the others are
    still processed and the exit status is 1.

    Example: marsad extract articles.jsonl -o records.jsonl
    """
    engine = Engine()
    summary = BatchSummary()
    out: IO[str]
    with click.open_file(output, "w", encoding="utf-8") as out, progress(total=None, unit="article", enabled=show_progress) as bar:
        first = True
        if fmt == "json":
            out.write("[")
        for result in extract_all(paths, engine, published=published,
                                  summary=summary):
            bar.update(1)
            if isinstance(result, Rejected):
                report_rejected(result)
                continue
            if fmt == "json":
                out.write(("\n" if first else ",\n") + json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            else:
                out.write(result.to_json() + "\n")
            first = False
        if fmt == "json":
            out.write("\n]\n")
    status = report_summary(summary)
    if summary.extracted == 0 and not summary.rejected:
        click.echo("marsad: no articles found in the given paths", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(status)
