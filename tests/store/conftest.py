"""Fixtures for the store tests: an in-memory store, one filled with the sample corpus, and a file of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """A database file holding the sample corpus (for the command-line tests)."""
    path = tmp_path / "kb.db"
    with Store(path) as store:
        for article in sample_corpus():
            store.save(article)
    return path
