"""`marsad entity`: an entity's profile (or the entities whose name matches)."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from marsad.cli.ingest import DB_OPTION
from marsad.cli.report import EXIT_USAGE
from marsad.store import queries
from marsad.store.sqlite import Store, default_db_path

PLANNED = " [planned]"  # an event announced, planned or expected (status "future"), not reported as done


@click.command("entity")
@click.argument("name_or_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
def entity_command(name_or_id: str, db: str | None, as_json: bool) -> None:
    """Show the profile of an entity: mentions over time, co-occurring entities, quotes, roles, events.

    NAME_OR_ID is a stored entity id or part of a name (the best-covered match is shown).

    Example: marsad entity كازاخستان
    """
    with Store(db or default_db_path()) as store:
        entity_id = int(name_or_id) if name_or_id.isdigit() else None
        if entity_id is None:
            found = queries.entities(store, q=name_or_id, limit=1).items
            entity_id = found[0]["id"] if found else None
        profile = queries.entity_profile(store, entity_id) if entity_id is not None else None
    if profile is None:
        click.echo(f"marsad: no entity matches {name_or_id!r}", err=True)
        raise SystemExit(EXIT_USAGE)
    if as_json:
        click.echo(json.dumps(asdict(profile), ensure_ascii=False, indent=2))
        return
    e = profile.entity
    click.echo(f"{e['name']} ({e['type']}; id {e['id']}{'; ' + e['kb_id'] if e['kb_id'] else ''}"
               f"{'; ' + e['name_en'] if e['name_en'] else ''}): {profile.mentions} mentions in {profile.articles} articles")
    for title, rows, fmt in (
            ("mentions over time", profile.timeline, "{period}: {mentions} mentions in {articles} articles"),
            ("co-occurring", profile.cooccurring, "{name} ({type}, id {id}): {articles} articles"),
            ("quotes by", profile.quotes_by, "«{text}» ({article_id})"),
            ("quotes about", profile.quotes_about, "{speaker_text}: «{text}» ({article_id})"),
            ("roles", profile.roles, "{role} {object_name} ({article_id})"),
            ("events as source", profile.events_as_source, "{type}{planned} -> {target_name} ({article_id})"),
            ("events as target", profile.events_as_target, "{source_name} {type}{planned} ({article_id})")):
        if rows:
            click.echo(f"\n{title}:")
            for row in rows:
                click.echo("  " + fmt.format(**row, planned=PLANNED if row.get("status") == "future" else ""))
