"""`marsad serve`: the REST API and the web explorer over a knowledge base."""

from __future__ import annotations

import click

from marsad.cli.ingest import DB_OPTION
from marsad.settings import Settings
from marsad.store.sqlite import Store, default_db_path


@click.command("serve")
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve_command(db: str | None, host: str, port: int) -> None:
    """Serve the JSON API (/api, documented at /docs) and the Arabic web explorer.

    Example: marsad serve --db out/marsad.db --port 8000
    """
    import uvicorn  # imported where used: only serving needs it

    from marsad.web.app import create_app

    with Store(db or default_db_path()) as store:
        click.echo(f"marsad: serving {store.count()} articles from {store.path} at http://{host}:{port}/"
                   f" (API docs at /docs)", err=True)
        uvicorn.run(create_app(store, Settings()), host=host, port=port, log_level="warning")
