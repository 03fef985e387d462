"""Reading listed files as the CLI reads them: naming, planning, bytes -> articles (no Spark)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from marsad.errors import RejectReason
from marsad.ingest.sources import read_file
from marsad.ingest.warc import iter_warc
from marsad.record.article import Rejected
from marsad.settings import InputSettings
from marsad.spark.read import (ARCHIVE_MAX_BYTES, Kind, Root, kind_of, local_root, plan_inputs, read_archive,
                               read_document, read_row, root_index, shown_name)

ARTICLE = "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في المدينة بسعة 200 سرير."


@pytest.mark.parametrize("name,kind", [("a.txt", Kind.DOCUMENT), ("A.JSONL", Kind.DOCUMENT), ("p.html", Kind.DOCUMENT),
                                       ("cc.warc.gz", Kind.ARCHIVE), ("x.arc", Kind.ARCHIVE),
                                       ("t.parquet", Kind.TABLE), ("readme.md", Kind.OTHER), ("noext", Kind.OTHER)])
def test_read_kind_of(name: str, kind: Kind) -> None:
    assert kind_of(name) is kind


@pytest.mark.parametrize("arg,uri,file,shown", [
    ("news", "file:/w/news", "file:/w/news/2024/a.txt", "news/2024/a.txt"),
    ("./news/", "file:/w/news", "file:/w/news/a.txt", "news/a.txt"),
    ("/w/news/a.txt", "file:/w/news/a.txt", "file:/w/news/a.txt", "/w/news/a.txt"),
    ("file:/w/news", "file:/w/news", "file:/w/news/a b.txt", "/w/news/a b.txt"),
    ("news", "file:/w/news", "file:/w/newsroom/a.txt", "file:/w/newsroom/a.txt"),
])
def test_read_shown_name_is_the_cli_path(arg: str, uri: str, file: str, shown: str) -> None:
    assert shown_name(file, root_index([local_root(arg, uri, is_dir=True)])) == shown


def test_read_shown_name_keeps_remote_uris() -> None:
    root = Root(uri="s3a://bucket/news", shown=None, is_dir=True)
    assert shown_name("s3a://bucket/news/a.txt", root_index([root])) == "s3a://bucket/news/a.txt"


def test_read_plan_inputs_settles_unsupported_and_oversized_files() -> None:
    roots = [local_root("news", "file:/w/news", is_dir=True), local_root("x.md", "file:/w/x.md", is_dir=False)]
    listing = [("file:/w/news/a.txt", 10), ("file:/w/news/readme.md", 5), ("file:/w/x.md", 5),
               ("file:/w/news/big.jsonl", 101), ("file:/w/news/cc.warc.gz", 101), ("file:/w/news/t.parquet", 10**12),
               ("file:/w/news/huge.warc", ARCHIVE_MAX_BYTES + 1)]
    plan = plan_inputs(listing, roots, InputSettings(max_file_bytes=100))
    assert plan.documents == ["file:/w/news/a.txt"]
    assert plan.archives == ["file:/w/news/cc.warc.gz"]
    assert plan.tables == ["file:/w/news/t.parquet"]
    assert plan.skipped == ["news/readme.md"]
    assert sorted((r.source, r.reason) for r in plan.rejected) == [
        ("news/big.jsonl", RejectReason.TOO_LARGE), ("news/huge.warc", RejectReason.TOO_LARGE),
        ("x.md", RejectReason.UNSUPPORTED)]


def _lines(*objects: object) -> bytes:
    return "\n".join(o if isinstance(o, str) else json.dumps(o, ensure_ascii=False) for o in objects).encode()


@pytest.mark.parametrize("name,data", [
    ("a.txt", ARTICLE.encode()),
    ("a.txt", ARTICLE.encode("cp1256")),
    ("a.txt", ARTICLE.encode("utf-16")),
    ("a.txt", b"\x00\x01\x02binary\x00"),
    ("a.txt", b"  \n "),
    ("b.jsonl", _lines({"id": "n1", "text": ARTICLE, "published": "2024-07-03"}, "{broken", "",
                       {"text": ARTICLE, "published": "3 July"}, ["list"], {"text": 5}, {"url": "u", "text": ARTICLE})),
    ("c.json", json.dumps([{"text": ARTICLE}, {"id": 7, "text": ARTICLE, "title": "عنوان"}]).encode()),
    ("d.json", json.dumps({"text": ARTICLE}).encode()),
    ("e.json", b"{not json"),
    ("f.html", f"<html><head><title>خبر</title></head><body><article><p>{ARTICLE}</p></article></body></html>".encode()),
])
def test_read_document_matches_the_cli_reader(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert list(read_document(str(path), data)) == list(read_file(path, InputSettings()))


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".jsonl", ".json"]))
def test_read_document_never_raises(data: bytes, suffix: str) -> None:
    for item in read_document("x" + suffix, data):
        assert isinstance(item, Rejected) or item.text.strip()


@pytest.mark.parametrize("row,reason", [
    ({"text": ARTICLE, "published": __import__("datetime").date(2024, 7, 3)}, None),
    ({"text": ARTICLE, "published": "2024-07-03T10:00:00"}, None),
    ({"text": None, "id": "x"}, RejectReason.BAD_RECORD),
    ({"text": " ", "id": "x"}, RejectReason.EMPTY),
])
def test_read_row_validates_like_json_input(row: dict, reason: RejectReason | None) -> None:
    item = read_row(row, "t.parquet")
    if reason is None:
        assert item.published == "2024-07-03" and item.source == {"path": "t.parquet"}
    else:
        assert isinstance(item, Rejected) and item.reason is reason


def test_read_archive_matches_the_cli_reader(tmp_path: Path, warc_bytes) -> None:
    page = f"<html><body><article><h1>خبر</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>".encode()
    data = warc_bytes([("https://example.org/a", page), ("https://example.org/b", page)])
    data += data[:40]  # a truncated record at the end
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    assert list(read_archive(str(path), data, InputSettings())) == list(iter_warc(path, InputSettings()))
