"""Fixtures for the web tests: an app over the sample corpus and its TestClient."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from marsad.settings import Settings, WebSettings
from marsad.store.sqlite import Store
from marsad.web.app import create_app
from tests.store.store_records import sample_corpus  # the store tests' hand-written records


@pytest.fixture
def store() -> Iterator[Store]:
    """An in-memory store holding the sample corpus."""
    with Store(":memory:") as kb:
        for article in sample_corpus():
            kb.save(article)
        yield kb


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    """A TestClient for the app over `store`, with a small page size and request limit."""
    settings = Settings(web=WebSettings(max_request_bytes=20_000, page_size=2, max_page_size=50))
    with TestClient(create_app(store, settings)) as test_client:
        yield test_client
