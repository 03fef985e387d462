"""create_app(store, settings) -> FastAPI: the JSON API under /api, the HTML pages, errors as JSON or pages.

No module-level state: everything a route needs hangs off the app built here, so tests build as
many apps as they like over in-memory stores.

Example:
    app = create_app(Store("out/marsad.db"), Settings())
    uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from marsad.engine import Engine
from marsad.errors import InputError, UsageError
from marsad.settings import Settings
from marsad.store.queries import format_number
from marsad.store.sqlite import Store
from marsad.web import urls
from marsad.web.api import api_router
from marsad.web.pages import pages_router

HERE = Path(__file__).parent


class LazyEngine:
    """The extraction Engine, built on the first POST /api/extract (browsing needs none)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    def get(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = Engine(self.settings)
            return self._engine


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    """The web application over `store`."""
    settings = settings or Settings()
    app = FastAPI(title="marsad", description="Arabic news knowledge base: records, search, analyst queries.",
                  version="1", docs_url="/docs", redoc_url=None)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["urls"] = urls
    templates.env.filters["number"] = format_number
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api_router(store, settings.web, LazyEngine(settings)))
    app.include_router(pages_router(store, settings.web, templates))
    _limit_body(app, settings.web.max_request_bytes)
    _errors(app, templates)
    return app


def _limit_body(app: FastAPI, limit: int) -> None:
    @app.middleware("http")
    async def body_limit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.method in ("POST", "PUT", "PATCH"):
            length = request.headers.get("content-length")
            if length is None or not length.isdigit():
                return _error(411, "length_required", "send the body with a Content-Length header")
            if int(length) > limit:
                return _error(413, "too_large", f"the request body is {length} bytes, over the limit of {limit}")
        return await call_next(request)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _errors(app: FastAPI, templates: Jinja2Templates) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith(urls.API + "/"):
            return _error(exc.status_code, "http_" + str(exc.status_code), str(exc.detail))
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "message": exc.detail},
                                          status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return _error(422, "invalid_request", problems)

    @app.exception_handler(InputError)
    async def unusable(request: Request, exc: InputError) -> Response:
        return _error(422, exc.reason.value, exc.detail)

    @app.exception_handler(UsageError)
    async def bad_usage(request: Request, exc: UsageError) -> Response:
        if request.url.path.startswith(urls.API + "/"):
            return _error(400, "bad_request", str(exc))
        return templates.TemplateResponse(request, "error.html", {"status": 400, "message": str(exc)}, status_code=400)
