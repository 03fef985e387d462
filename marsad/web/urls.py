"""The only place URLs are built: routes register these paths and templates call these functions."""

from __future__ import annotations

from urllib.parse import quote, urlencode

API = "/api"
KB_LINKS = {"Q": "https://www.wikidata.org/wiki/{}"}  # KB id prefix -> public page


def _with_query(path: str, params: dict[str, object]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(kept)}" if kept else path


def home() -> str:
    return "/"


def article(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def entities(**params: object) -> str:
    return _with_query("/entities", params)


def entity(entity_id: int) -> str:
    return f"/entities/{entity_id}"


def search(**params: object) -> str:
    return _with_query("/search", params)


def figures(**params: object) -> str:
    return _with_query("/figures", params)


def static(name: str) -> str:
    return "/static/" + name


def api(name: str, **params: object) -> str:
    """An API URL: api("articles"), api("search", q="...")."""
    return _with_query(f"{API}/{name}", params)


def api_article(article_id: str) -> str:
    return f"{API}/articles/" + quote(article_id, safe="")


def kb_link(kb_id: str | None) -> str | None:
    """A public page for a KB id (Wikidata Q-ids), or None when marsad knows none."""
    if not kb_id:
        return None
    template = KB_LINKS.get(kb_id[:1])
    return template.format(kb_id) if template and kb_id[1:].isdigit() else None
