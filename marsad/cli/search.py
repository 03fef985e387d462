"""`marsad search`: full-text search of the knowledge base with Arabic folding."""

from __future__ import annotations

import json

import click

from marsad.cli.ingest import DB_OPTION
from marsad.cli.report import EXIT_USAGE
from marsad.errors import UsageError
from marsad.store.sqlite import EVENT_STATUSES, Filters, Store, default_db_path


@click.command("search")
@click.argument("query")
@DB_OPTION
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Published on or after this day.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Published on or before this day.")
@click.option("--source", help="Only articles from this source (site host or file name).")
@click.option("--entity", type=int, help="Only articles mentioning this entity id.")
@click.option("--event-type", help="Only articles with an event of this PLOVER type (e.g. CONSULT).")
@click.option("--event-status", type=click.Choice(EVENT_STATUSES),
              help="Only articles with an event reported as done (asserted) or announced, planned or expected"
                   " (future); with --event-type, an event of that type.")
@click.option("-n", "--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def search_command(query: str, db: str | None, date_from: str | None, date_to: str | None, source: str | None,
                   entity: int | None, event_type: str | None, event_status: str | None, limit: int,
                   as_json: bool) -> None:
    """Search stored articles for QUERY.

    Words match whatever their diacritics, hamza forms or attached article (الاقتصاد finds
    والاقتصاد). "Quoted words" match as a phrase, OR gives alternatives, -word excludes,
    word* matches a prefix.

    Example: marsad search '"منظمة شانغهاي" OR بريكس' --from 2024-01-01
    """
    filters = Filters(date_from, date_to, source, entity, event_type, event_status)
    with Store(db or default_db_path()) as store:
        try:
            page = store.search(query, filters=filters, limit=limit)
        except UsageError as exc:
            click.echo(f"marsad: {exc}", err=True)
            raise SystemExit(EXIT_USAGE) from exc
    if as_json:
        click.echo(json.dumps({"total": page.total, "items": page.items}, ensure_ascii=False, indent=2))
        return
    click.echo(f"{page.total} articles match")
    for item in page.items:
        click.echo(f"{item['id']}\t{item['published'] or '-'}\t{item['title'] or ''}\n    {item['snippet']}")
