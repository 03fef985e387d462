"""`marsad watch`: poll RSS/Atom feeds and store each new article."""

from __future__ import annotations

import sys

import click

from marsad.cli.ingest import DB_OPTION, report_ingest
from marsad.cli.options import PROGRESS_OPTION
from marsad.cli.report import progress, report_rejected
from marsad.engine import Engine
from marsad.ingest.feeds import FeedState, watch
from marsad.ingest.fetch import Fetcher
from marsad.record.article import Article, Rejected
from marsad.store.ingest import IngestSummary
from marsad.store.sqlite import Store, default_db_path


@click.command("watch")
@click.argument("feeds", nargs=-1, required=True)
@DB_OPTION
@click.option("--interval", type=click.FloatRange(min=1), default=900, show_default=True,
              help="Seconds between two polls of the feeds.")
@click.option("--once", is_flag=True, help="Poll each feed once, store what is new, and stop.")
@PROGRESS_OPTION
def watch_command(feeds: tuple[str, ...], db: str | None, interval: float, once: bool,
                  show_progress: bool) -> None:
    """Poll the RSS/Atom FEEDS and store every new article they link to.

    Runs until Ctrl-C (or one pass with --once), then prints a summary. What was seen is kept
    in the database, so a restart fetches no page twice. Fetching is polite: robots.txt,
    one request per host per second, retries with backoff.

    Example: marsad watch https://example.com/rss.xml --db news.db --interval 600
    """
    engine = Engine()
    summary = IngestSummary()
    path = db or default_db_path()
    with Store(path) as store, FeedState(path) as state, Fetcher(engine.settings.input.fetch) as fetcher, \
            progress(total=None, unit="article", enabled=show_progress) as bar:
        def step(item: Article | Rejected, stored: bool) -> None:
            bar.update(1)
            if isinstance(item, Rejected):
                report_rejected(item)
        try:
            watch(feeds, save=store.save, engine=engine, fetcher=fetcher, state=state, interval=interval,
                  once=once, summary=summary, on_result=step)
        except KeyboardInterrupt:
            click.echo("marsad: interrupted", err=True)
        total = store.count()
    sys.exit(report_ingest(summary, total=total, db=path))
