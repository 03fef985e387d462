"""Inputs -> RawArticle or Rejected, never an exception.

An input is a path (.txt, .html, .json, .jsonl, a WARC/ARC archive), a folder of them, or an
http(s) URL (fetched politely, see ingest/fetch.py). Folders are walked recursively in name
order; inside a folder only the supported suffixes are read and the other files are reported
as skipped (a README beside the articles is not an error). A file named explicitly with an
unsupported suffix is rejected.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.engine import parse_published
from marsad.errors import InputError, RejectReason, UsageError
from marsad.ingest.html import extract_page
from marsad.ingest.raw import RawArticle, Skipped
from marsad.ingest.urls import UrlReader, is_url
from marsad.ingest.warc import is_archive, iter_warc
from marsad.record.article import Rejected
from marsad.settings import InputSettings
from marsad.text.decode import decode_bytes

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
LINES_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + LINES_SUFFIXES + JSON_SUFFIXES


Item = RawArticle | Rejected | Skipped


def iter_inputs(paths: Iterable[str], settings: InputSettings | None = None) -> Iterator[Item]:
    """Every article in `paths`, or a Rejected/Skipped value for what could not be used."""
    settings = settings or InputSettings()
    with UrlReader(settings.fetch) as read_url:
        for raw in paths:
            path = Path(raw)
            if is_url(raw):
                yield read_url(raw)
            elif is_archive(raw) and path.is_file():
                yield from iter_warc(path, settings)
            elif path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    if child.name.startswith("."):
                        continue
                    if is_archive(child.name):
                        yield from iter_warc(child, settings)
                    elif child.suffix.lower() in SUPPORTED:
                        yield from read_file(child, settings)
                    else:
                        yield Skipped(str(child))
            elif path.exists():
                yield from read_file(path, settings)
            else:
                yield Rejected(str(path), RejectReason.MISSING, "no such file or folder")


def read_file(path: Path, settings: InputSettings) -> Iterator[RawArticle | Rejected]:
    """The articles in one file."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Rejected(str(path), RejectReason.UNSUPPORTED,
                       f"unsupported file type {suffix or '(none)'}; marsad reads {', '.join(SUPPORTED)}")
        return
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            yield Rejected(str(path), RejectReason.TOO_LARGE, f"{size} bytes, over the limit of {settings.max_file_bytes}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejected(str(path), RejectReason.UNREADABLE, exc.strerror or str(exc))
        return
    try:
        text, encoding = decode_bytes(data, source=str(path))
    except InputError as exc:
        yield Rejected(str(path), exc.reason, exc.detail)
        return
    if suffix in LINES_SUFFIXES:
        yield from _from_json_lines(path, text)
    elif suffix in JSON_SUFFIXES:
        yield from _from_json(path, text)
    elif suffix in HTML_SUFFIXES:
        yield _from_html(path, text)
    else:
        yield RawArticle(id=path.stem, text=text, source={"path": str(path)}, meta={"encoding": encoding})


def _from_html(path: Path, html: str) -> RawArticle | Rejected:
    try:
        page = extract_page(html, source=str(path))
    except InputError as exc:
        return Rejected(str(path), exc.reason, exc.detail)
    meta = {"author": page.author} if page.author else {}
    return RawArticle(id=path.stem, text=page.text, source={"path": str(path)}, title=page.title,
                      published=page.published, meta=meta)


def _from_json_lines(path: Path, text: str) -> Iterator[RawArticle | Rejected]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(where, RejectReason.BAD_RECORD, f"not JSON: {exc.msg} at column {exc.colno}")
            continue
        yield from_object(obj, where=where, default_id=f"{path.stem}:{number}", source={"path": str(path), "line": number})


def _from_json(path: Path, text: str) -> Iterator[RawArticle | Rejected]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(str(path), RejectReason.BAD_RECORD, f"not JSON: {exc.msg} at line {exc.lineno}")
        return
    objects = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(objects):
        default_id = path.stem if len(objects) == 1 else f"{path.stem}:{index}"
        yield from_object(item, where=f"{path}[{index}]" if len(objects) > 1 else str(path),
                          default_id=default_id, source={"path": str(path)})


def from_object(obj: Any, *, where: str, default_id: str, source: dict[str, Any]) -> RawArticle | Rejected:
    """An article from a JSON object with `text` and optional `id`, `title`, `published`, `url`."""
    if not isinstance(obj, dict):
        return Rejected(where, RejectReason.BAD_RECORD, f"expected a JSON object, found {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        return Rejected(where, RejectReason.BAD_RECORD, "no \"text\" string in the object")
    if not text.strip():
        return Rejected(where, RejectReason.EMPTY, "\"text\" is empty")
    published = obj.get("published")
    try:
        day = parse_published(published) if isinstance(published, str) or published is None else None
    except UsageError as exc:
        return Rejected(where, RejectReason.BAD_RECORD, str(exc))
    if published is not None and not isinstance(published, str):
        return Rejected(where, RejectReason.BAD_RECORD, "\"published\" must be a string YYYY-MM-DD")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    article_id = obj.get("id")
    article_id = str(article_id) if isinstance(article_id, (str, int)) and str(article_id) else (url or default_id)
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    return RawArticle(id=article_id, text=text, source={**source, "url": url} if url else source,
                      title=title, published=day.isoformat() if day else None)
