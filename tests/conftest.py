"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the checkout (CI always has it); skips when absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent: real articles and corpora are read only from there")
    return SHARED


@pytest.fixture(scope="session")
def news_articles(shared: Path) -> list[dict]:
    """The real articles of ../shared/data/news/articles.jsonl as dicts."""
    import json
    path = shared / "data" / "news" / "articles.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def engine():
    """One Engine with the default pipeline for the whole session."""
    from marsad import Engine
    return Engine()


@pytest.fixture(scope="session")
def example_records() -> list[dict]:
    """The project's own example articles (examples/*.json) as input objects."""
    import json
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]
