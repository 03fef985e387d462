"""Fixtures for the browser tests: the explorer served on 127.0.0.1 and headless Debian Chromium."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


from marsad.settings import Settings
from marsad.store.sqlite import Store
from marsad.web.app import create_app
from tests.store.store_records import sample_corpus  # the store tests' hand-written records

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The explorer over a file database holding the sample corpus; yields its base URL (127.0.0.1 only)."""
    import uvicorn

    store = Store(tmp_path_factory.mktemp("kb") / "kb.db")
    for article in sample_corpus():
        store.save(article)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store, Settings()), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        pytest.fail("the explorer did not start within 30 s")
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (CI installs the chromium package)."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    """A fresh page whose console errors and dialogs are collected in `page.problems`."""
    context = browser.new_context(base_url=server, viewport={"width": 1366, "height": 900}, locale="ar")
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda msg: tab.problems.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.problems.append(str(exc)))
    tab.on("dialog", lambda dialog: (tab.problems.append("dialog: " + dialog.message), dialog.dismiss()))
    yield tab
    context.close()
