"""Fixtures for the store tests: an in-memory store, and one filled with the sample corpus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from marsad.store.sqlite import Store
from tests.store.store_records import sample_corpus


@pytest.fixture
def fresh_store() -> Iterator[Store]:
    """An empty in-memory store, closed after the test."""
    store = Store(":memory:")
    yield store
    store.close()


@pytest.fixture
def filled_store(fresh_store: Store) -> Store:
    """The in-memory store holding the four sample articles."""
    for article in sample_corpus():
        fresh_store.save(article)
    return fresh_store
