"""WARC/ARC ingest: generated archives with Arabic and foreign pages, duplicates and broken records."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.cli.main import cli
from marsad.engine import Engine
from marsad.ingest.sources import RawArticle, iter_inputs
from marsad.ingest.warc import iter_warc
from marsad.record.article import Rejected
from marsad.settings import FetchSettings, InputSettings, Settings
from marsad.store.ingest import ingest
from marsad.store.sqlite import Store
from tests.ingest.webfixtures import arabic_page, arc_file, build_warc, foreign_page, http_response, warc_record

LIGHT = Settings(stages=("sentences", "tokens"))  # the reader is under test here, not recognition


def split(items: list[RawArticle | Rejected]) -> tuple[list[str], Counter[str]]:
    """The article ids in order, and the rejects counted by reason."""
    ids = [item.id for item in items if isinstance(item, RawArticle)]
    return ids, Counter(item.reason.value for item in items if isinstance(item, Rejected))


def page_record(index: int, *, foreign: bool = False) -> bytes:
    body = foreign_page(index) if foreign else arabic_page(index)
    return warc_record(f"http://news.example/{index}", http_response(body.encode("utf-8")))


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_reader_counts_every_record(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("big.warc.gz" if gzipped else "big.warc")
    plan = build_warc(path, pages=640 if gzipped else 200, gzipped=gzipped)
    assert plan.records >= (1000 if gzipped else 300)
    ids, reasons = split(list(iter_warc(path)))
    assert ids == plan.arabic  # every Arabic page once, in archive order
    assert reasons == plan.expected


def test_warc_ingest_stores_each_arabic_article_once(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    plan = build_warc(path, pages=640)
    engine = Engine(LIGHT)
    with Store(tmp_path / "kb.db") as store:
        first = ingest([str(path)], store, engine)
        assert (first.ingested, store.count()) == (len(plan.arabic), len(plan.arabic))
        assert first.batch.reasons() == dict(plan.expected)
        assert {store.get(uri).source["url"] for uri in plan.arabic[:50]} == set(plan.arabic[:50])
        again = ingest([str(path)], store, engine)  # the store counts what it already holds
        assert (again.ingested, again.duplicates, store.count()) == (0, len(plan.arabic), len(plan.arabic))


def test_warc_ingest_command_end_to_end(tmp_path: Path) -> None:
    """The default pipeline on a small archive, through `marsad ingest`, with the closing summary."""
    path = tmp_path / "small.warc.gz"
    plan = build_warc(path, pages=40)
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(tmp_path / "kb.db"), "--no-progress"])
    assert result.exit_code == 1  # broken records are failures; foreign pages and repeats are skips
    skips = {r: n for r, n in plan.expected.items() if r in {"duplicate", "not_arabic"}}
    failures = {r: n for r, n in plan.expected.items() if r not in skips}
    assert f"{len(plan.arabic)} ingested" in result.output
    assert f"{sum(failures.values())} failed ({', '.join(f'{n} {r}' for r, n in sorted(failures.items()))})" \
        in result.output
    assert f"{sum(skips.values())} skipped ({', '.join(f'{n} {r}' for r, n in sorted(skips.items()))})" \
        in result.output
    assert "not_arabic:" not in result.output  # skips are counted, not listed line by line
    with Store(tmp_path / "kb.db") as store:
        record = store.get(plan.arabic[0])
    assert record is not None and record.published == "2020-01-01" and record.meta["crawled"].startswith("2024")


BROKEN = {
    "truncated member": lambda: gzip.compress(page_record(1)[:300]),
    "junk member": lambda: gzip.compress(b"garbage, not a record\r\n" * 4),
    "corrupt gzip data": lambda: gzip.compress(page_record(1))[:60] + b"\x00" * 40 + gzip.compress(page_record(1))[100:],
    "wrong length": lambda: gzip.compress(page_record(1).replace(b"Content-Length: ", b"Content-Length: 9", 1)),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_warc_resumes_after_a_broken_record(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(gzip.compress(page_record(10)) + BROKEN[kind]() + gzip.compress(page_record(12)))
    ids, reasons = split(list(iter_warc(path)))
    assert ids == ["http://news.example/10", "http://news.example/12"]
    assert reasons == Counter({"bad_record": 1})


@pytest.mark.parametrize("cut", [200, 900])
def test_warc_truncated_file_keeps_what_came_before(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "cut.warc"
    path.write_bytes(page_record(10) + page_record(11)[:cut])
    ids, reasons = split(list(iter_warc(path)))
    assert ids == ["http://news.example/10"] and reasons == Counter({"bad_record": 1})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=300), where=st.integers(min_value=0, max_value=4000))
def test_warc_never_raises_on_damaged_archives(tmp_path: Path, junk: bytes, where: int) -> None:
    data = page_record(10) + page_record(11) + page_record(12)
    path = tmp_path / "damaged.warc"
    path.write_bytes(data[:where] + junk + data[where:])
    items = list(iter_warc(path, InputSettings(fetch=FetchSettings(max_page_bytes=100_000))))
    assert all(isinstance(item, (RawArticle, Rejected)) for item in items)
    ids = [item.id for item in items if isinstance(item, RawArticle)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("records", [3])
def test_warc_whole_file_gzip_is_read_too(tmp_path: Path, records: int) -> None:
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(b"".join(page_record(n) for n in range(records))))
    ids, reasons = split(list(iter_warc(path)))
    assert ids == [f"http://news.example/{n}" for n in range(records)] and not reasons


def test_warc_arc_files_are_read(tmp_path: Path) -> None:
    path = tmp_path / "old.arc"
    path.write_bytes(arc_file([(f"http://news.example/{n}", http_response(arabic_page(n).encode())) for n in (1, 2)]))
    ids, reasons = split(list(iter_warc(path)))
    assert ids == ["http://news.example/1", "http://news.example/2"] and not reasons


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc", "sub/crawl.arc"])
def test_warc_archives_are_found_in_folders(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    record = (arc_file([("http://news.example/3", http_response(arabic_page(3).encode()))]) if ".arc" in name
              else page_record(3))
    path.write_bytes(gzip.compress(record) if name.endswith(".gz") else record)
    items = list(iter_inputs([str(tmp_path)]))
    assert [item.id for item in items if isinstance(item, RawArticle)] == ["http://news.example/3"]
