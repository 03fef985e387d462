"""HTML routes: each page renders one documented context dataclass through its template."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from marsad.record.article import Article
from marsad.settings import WebSettings
from marsad.store import queries
from marsad.store.fts import QueryError
from marsad.store.queries import EntityProfile, FigureGroup, format_number
from marsad.store.sqlite import Filters, Page, Store
from marsad.web import urls
from marsad.web.markup import Mark, highlight

ENTITY_TYPES_AR = {"PER": "شخص", "ORG": "منظمة", "LOC": "مكان", "FAC": "منشأة", "MISC": "أخرى"}
EVENT_STATUSES_AR = {"asserted": "وقع", "future": "مرتقب"}  # future: announced, planned or expected, not yet done


@dataclass
class HomeContext:
    """The front page: counts, the newest articles and the most covered entities."""

    articles: Page
    entities: Page
    sources: list[dict[str, Any]]


@dataclass
class ArticleContext:
    """One article: its fields, its text as highlight nodes, and each facet listed beside it."""

    article: Article
    nodes: list[Mark | str]
    entity_ids: dict[str, int]
    entity_names: dict[str, str]


@dataclass
class EntitiesContext:
    """The entity index, filtered by a name part and a type."""

    page: Page
    q: str | None
    type: str | None


@dataclass
class EntityContext:
    """An entity's profile; `peak` scales the timeline bars."""

    profile: EntityProfile
    kb_link: str | None
    peak: int


@dataclass
class SearchContext:
    """A search: the query, the filters, the results or the reason the query was refused."""

    q: str
    filters: Filters
    page: Page | None
    error: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class FiguresContext:
    """Consistency groups (disagreements first) and the figures about a thing over time."""

    about: str | None
    groups: list[FigureGroup]
    figures: Page
    disagreements: bool
    tolerance: float


def pages_router(store: Store, settings: WebSettings, templates: Jinja2Templates) -> APIRouter:
    """The HTML routes over `store`."""
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def render(request: Request, name: str, context: Any, status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"c": context, "types": ENTITY_TYPES_AR,
                                                          "statuses": EVENT_STATUSES_AR}, status_code=status)

    @router.get(urls.home())
    def home(request: Request) -> HTMLResponse:
        return render(request, "home.html", HomeContext(store.search(None, limit=settings.page_size),
                                                        queries.entities(store, limit=settings.page_size),
                                                        queries.sources(store)))

    @router.get("/articles/{article_id:path}")
    def article(request: Request, article_id: str) -> HTMLResponse:
        record = store.get(article_id)
        if record is None:
            raise HTTPException(404, f"لا توجد مقالة بالمعرّف {article_id}")
        return render(request, "article.html", article_context(record, queries.article_entity_ids(store, record.id)))

    @router.get("/entities")
    def entities(request: Request, q: str | None = None, type: str | None = None, offset: int = 0) -> HTMLResponse:
        page = queries.entities(store, q=q, type=type or None, limit=settings.max_page_size, offset=max(offset, 0))
        return render(request, "entities.html", EntitiesContext(page, q, type))

    @router.get("/entities/{entity_id}")
    def entity(request: Request, entity_id: int) -> HTMLResponse:
        profile = queries.entity_profile(store, entity_id)
        if profile is None:
            raise HTTPException(404, f"لا يوجد كيان بالمعرّف {entity_id}")
        peak = max((row["mentions"] for row in profile.timeline), default=1)
        return render(request, "entity.html", EntityContext(profile, urls.kb_link(profile.entity["kb_id"]), peak))

    @router.get("/search")
    def search(request: Request, q: str = "", date_from: str | None = None, date_to: str | None = None,
               source: str | None = None, entity: int | None = None, event_type: str | None = None,
               event_status: str | None = None, offset: int = 0) -> HTMLResponse:
        filters = Filters(date_from or None, date_to or None, source or None, entity, event_type or None,
                          event_status or None)
        context = SearchContext(q, filters, None, sources=queries.sources(store))
        if q.strip():
            try:
                context.page = store.search(q, filters=filters, limit=settings.page_size, offset=max(offset, 0))
            except QueryError as exc:
                context.error = str(exc)
        return render(request, "search.html", context, 400 if context.error else 200)

    @router.get("/figures")
    def figures(request: Request, about: str | None = None, disagreements: bool = False,
                tolerance: float = 0.0) -> HTMLResponse:
        groups = queries.consistency_groups(store, about=about or None, tolerance=min(max(tolerance, 0.0), 1.0),
                                            disagreements_only=disagreements)
        page = queries.figures(store, about=about or None, limit=settings.max_page_size)
        return render(request, "figures.html", FiguresContext(about, groups, page, disagreements, tolerance))

    return router


def article_context(record: Article, entity_ids: dict[str, int]) -> ArticleContext:
    """The article page's context: highlight marks built from every facet of the record."""
    names = {e["id"]: e["name"] for e in record.entities}
    inner = [_entity_mark(e, m, entity_ids) for e in record.entities for m in e["mentions"]]
    inner += [Mark("figure", f["start"], f["end"], f.get("unit") or "", _figure_details(f)) for f in record.figures]
    inner += [Mark("time", t["start"], t["end"], t["type"], {"النوع": t["type"], "القيمة": t.get("value") or "—"})
              for t in record.times]
    quotes = [_quote_mark(q, names, entity_ids) for q in record.quotes]
    return ArticleContext(record, highlight(record.text, quotes, inner), entity_ids, names)


def _entity_mark(entity: dict[str, Any], mention: dict[str, Any], entity_ids: dict[str, int]) -> Mark:
    stored = entity_ids.get(entity["id"])
    details = {"النوع": ENTITY_TYPES_AR.get(entity["type"], entity["type"]), "الاسم": entity["name"],
               "بالإنجليزية": entity.get("name_en") or "—", "معرّف القاعدة": entity.get("kb_id") or "—"}
    kb = urls.kb_link(entity.get("kb_id"))
    if kb:
        details["kb"] = kb
    return Mark("entity", mention["start"], mention["end"], entity["type"], details,
                urls.entity(stored) if stored is not None else None)


def _figure_details(figure: dict[str, Any]) -> dict[str, str]:
    return {"القيمة": format_number(figure["value"]), "الوحدة": figure.get("unit") or "—",
            "عن": figure.get("about") or "—", "الفترة": figure.get("time") or "—", "التغير": figure.get("change") or "—"}


def _quote_mark(quote: dict[str, Any], names: dict[str, str], entity_ids: dict[str, int]) -> Mark:
    speaker = quote.get("speaker")
    details = {"المتحدث": names.get(speaker or "") or quote.get("speaker_text") or "غير معروف",
               "فعل القول": quote.get("cue") or "—", "مباشر": "نعم" if quote.get("direct") else "لا"}
    stored = entity_ids.get(speaker or "")
    return Mark("quote", quote["start"], quote["end"], "quote", details,
                urls.entity(stored) if stored is not None else None)
