"""Fixtures for the acquisition tests: a local web site on 127.0.0.1 serving pages and feeds we write."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0


@dataclass
class Site:
    """Pages served on 127.0.0.1 by path; every request is logged as (path, headers)."""

    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def add(self, path: str, body: str | bytes, **options: object) -> str:
        """Serve `body` at `path` and return its URL."""
        self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, **options)  # type: ignore[arg-type]
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for requested, _ in self.requests if requested == path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server hook name
            site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(self.path)
            if route is None:
                self._answer(404, b"<html><body>not found</body></html>", "text/html")
                return
            time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._answer(304, b"", route.content_type, etag=route.etag)
                return
            self._answer(route.status, route.body, route.content_type, etag=route.etag)

        def _answer(self, status: int, body: bytes, content_type: str, *, etag: str | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
                pass

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence the access log
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    """A web site on 127.0.0.1 (never another address) with a robots.txt that disallows /private/."""
    served = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    served.port = server.server_address[1]
    served.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield served
    server.shutdown()
    server.server_close()
