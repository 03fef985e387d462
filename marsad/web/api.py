"""JSON routes under /api: records, facets, search and extraction, all paginated alike."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal, Protocol

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from marsad.engine import Engine
from marsad.settings import WebSettings
from marsad.store import queries
from marsad.store.sqlite import Filters, Page, Store
from marsad.web import urls


EventStatus = Literal["asserted", "future"]  # store.sqlite.EVENT_STATUSES; "future": announced, planned, expected


class EngineSource(Protocol):
    def get(self) -> Engine: ...


class ExtractRequest(BaseModel):
    """POST /api/extract body."""

    text: str = Field(description="The article text.")
    published: str | None = Field(None, description="Publication date YYYY-MM-DD; relative dates resolve against it.")
    title: str | None = None


def page_json(page: Page, name: str, params: dict[str, Any]) -> dict[str, Any]:
    """A page of results with the URL of the next page (None on the last)."""
    following = page.offset + page.limit
    return {"total": page.total, "offset": page.offset, "limit": page.limit, "items": page.items,
            "next": urls.api(name, **params, offset=following, limit=page.limit) if following < page.total else None}


def api_router(store: Store, settings: WebSettings, engine: EngineSource) -> APIRouter:
    """The /api routes over `store`."""
    router = APIRouter(prefix=urls.API, tags=["api"])
    Limit = Query(settings.page_size, ge=1, le=settings.max_page_size)  # noqa: N806 - a shared parameter spec
    Offset = Query(0, ge=0)  # noqa: N806

    @router.post("/extract", summary="Extract the record of one article (nothing is stored)")
    def extract(body: ExtractRequest) -> dict[str, Any]:
        return engine.get().extract(body.text, published=body.published, title=body.title,
                                    source={"path": "<api>"}).to_dict()

    @router.get("/articles", summary="Stored articles, newest first, with filters")
    def articles(limit: int = Limit, offset: int = Offset, date_from: str | None = None, date_to: str | None = None,
                 source: str | None = None, entity: int | None = None, event_type: str | None = None,
                 event_status: EventStatus | None = None) -> dict[str, Any]:
        filters = Filters(date_from, date_to, source, entity, event_type, event_status)
        return page_json(store.search(None, filters=filters, limit=limit, offset=offset), "articles", asdict(filters))

    @router.get("/articles/{article_id:path}", summary="One stored record")
    def article(article_id: str) -> dict[str, Any]:
        record = store.get(article_id)
        if record is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return record.to_dict()

    @router.get("/search", summary="Full-text search with Arabic folding, phrases, OR, -exclusion, prefix*")
    def search(q: str, limit: int = Limit, offset: int = Offset, date_from: str | None = None,
               date_to: str | None = None, source: str | None = None, entity: int | None = None,
               event_type: str | None = None, event_status: EventStatus | None = None) -> dict[str, Any]:
        filters = Filters(date_from, date_to, source, entity, event_type, event_status)
        page = store.search(q, filters=filters, limit=limit, offset=offset)
        return page_json(page, "search", {"q": q, **asdict(filters)})

    @router.get("/entities", summary="Entities by number of articles; q matches names")
    def entities(q: str | None = None, type: str | None = None, limit: int = Limit,
                 offset: int = Offset) -> dict[str, Any]:
        return page_json(queries.entities(store, q=q, type=type, limit=limit, offset=offset), "entities",
                         {"q": q, "type": type})

    @router.get("/entities/{entity_id}", summary="An entity's profile")
    def entity(entity_id: int) -> dict[str, Any]:
        profile = queries.entity_profile(store, entity_id)
        if profile is None:
            raise HTTPException(404, f"no entity with id {entity_id}")
        return asdict(profile)

    @router.get("/quotes", summary="Quotes, optionally by one speaker (entity id) or in one article")
    def quotes(speaker: int | None = None, article: str | None = None, limit: int = Limit,
               offset: int = Offset) -> dict[str, Any]:
        return page_json(queries.quotes(store, speaker=speaker, article=article, limit=limit, offset=offset),
                         "quotes", {"speaker": speaker, "article": article})

    @router.get("/figures", summary="Figures in time order with article and sentence")
    def figures(about: str | None = None, unit: str | None = None, limit: int = Limit,
                offset: int = Offset) -> dict[str, Any]:
        return page_json(queries.figures(store, about=about, unit=unit, limit=limit, offset=offset), "figures",
                         {"about": about, "unit": unit})

    @router.get("/figures/groups", summary="Cross-source consistency: same thing, unit and period; disagreements flagged")
    def figure_groups(about: str | None = None, tolerance: float = Query(0.0, ge=0, le=1),
                      max_spread: float = Query(queries.MAX_SPREAD, ge=0, le=1),
                      disagreements: bool = False) -> dict[str, Any]:
        groups = queries.consistency_groups(store, about=about, tolerance=tolerance, max_spread=max_spread,
                                            disagreements_only=disagreements)
        return {"total": len(groups), "items": [asdict(g) for g in groups]}

    @router.get("/events", summary="Events, optionally of one PLOVER type, one status or with an actor")
    def events(type: str | None = None,
               status: EventStatus | None = Query(None, description='"asserted" (reported as done) or "future"'
                                                  " (announced, planned, expected)"),
               source: int | None = None, target: int | None = None, limit: int = Limit,
               offset: int = Offset) -> dict[str, Any]:
        page = queries.events(store, type=type, status=status, source=source, target=target, limit=limit,
                              offset=offset)
        return page_json(page, "events", {"type": type, "status": status, "source": source, "target": target})

    return router
