"""`marsad figures`: figures about a thing over time, and cross-source consistency groups."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from marsad.cli.ingest import DB_OPTION
from marsad.store import queries
from marsad.store.sqlite import Store, default_db_path


@click.command("figures")
@click.argument("about", required=False)
@DB_OPTION
@click.option("--groups", is_flag=True,
              help="Group figures about the same thing and period from different articles; flag disagreements.")
@click.option("--disagreements", is_flag=True, help="With --groups: only groups whose values disagree.")
@click.option("--tolerance", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="With --groups: relative difference tolerated before values disagree (0.01 = 1%).")
@click.option("-n", "--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def figures_command(about: str | None, db: str | None, groups: bool, disagreements: bool, tolerance: float,
                    limit: int, as_json: bool) -> None:
    """List figures (about ABOUT, when given) in time order with their article and sentence.

    Example: marsad figures "حجم التبادل التجاري" --groups
    """
    with Store(db or default_db_path()) as store:
        if groups:
            found = queries.consistency_groups(store, about=about, tolerance=tolerance,
                                               disagreements_only=disagreements)[:limit]
            rows = [asdict(g) for g in found]
        else:
            rows = queries.figures(store, about=about, limit=limit).items
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif groups:
        for g in rows:
            flag = {"disagree": "DISAGREE by", "agree": "agree,", "unrelated": "likely unrelated, apart by"}[g["status"]]
            flag += f" {g['relative_difference']:.2%}"
            click.echo(f"{g['about']} [{g['unit'] or '-'}] {g['time']}: {flag}; {g['articles']} articles")
            for f in g["figures"]:
                click.echo(f"    {queries.format_number(f['value'])}\t{f['article_id']}\t{f['text']}")
    else:
        for f in rows:
            click.echo(f"{f['time'] or f['article_published'] or '-'}\t{queries.format_number(f['value'])} {f['unit'] or ''}\t"
                       f"{f['about'] or ''}\t{f['article_id']}\n    {f['sentence']}")
