"""Listed files and their bytes -> RawArticle | Rejected, read the way `marsad extract` reads them.

The Spark job lists its inputs on the driver and reads their bytes on the executors (so any
path Spark understands works: local, HDFS, S3). This module, free of pyspark, decides what
each listed file is (`plan_inputs`) and turns bytes into articles with the CLI's own decoding
and validation (text.decode.decode_bytes, ingest.sources.from_object), so that the records
and reject reasons match the single-machine CLI's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from pathlib import Path, PurePath, PurePosixPath
from tempfile import TemporaryDirectory
from typing import Any

from marsad.errors import InputError, RejectReason
from marsad.ingest.html import extract_page
from marsad.ingest.warc import is_archive, iter_warc
from marsad.ingest.sources import (HTML_SUFFIXES, JSON_SUFFIXES, LINES_SUFFIXES, SUPPORTED, RawArticle,
                                   from_object)
from marsad.record.article import Rejected
from marsad.settings import InputSettings
from marsad.text.decode import decode_bytes

TABLE_SUFFIXES = (".parquet",)
# Spark reads a whole file into one byte array, which cannot exceed 2 GiB; CC-NEWS files are ~1 GB.
ARCHIVE_MAX_BYTES = 2_000_000_000

Item = RawArticle | Rejected


class Kind(str, Enum):
    """What a listed file holds, by its name."""

    DOCUMENT = "document"  # .txt .html .json .jsonl: read as the CLI reads them
    ARCHIVE = "archive"    # WARC/ARC, plain or gzipped
    TABLE = "table"        # Parquet with text/id/published/title columns
    OTHER = "other"


def kind_of(name: str) -> Kind:
    """The Kind of a file, from its (lower-cased) suffix."""
    lower = name.lower()
    if is_archive(lower):
        return Kind.ARCHIVE
    if lower.endswith(TABLE_SUFFIXES):
        return Kind.TABLE
    return Kind.DOCUMENT if PurePosixPath(lower).suffix in SUPPORTED else Kind.OTHER


@dataclass(frozen=True)
class Root:
    """One INPUT argument as Spark qualifies it (`uri`) and as the CLI would print paths under it.

    `shown` is None for non-local inputs (HDFS, S3): their files are named by their full URI.
    """

    uri: str
    shown: str | None
    is_dir: bool


def local_root(arg: str, uri: str, *, is_dir: bool) -> Root:
    """A Root for a local argument: files under it are shown as pathlib joins them for the CLI."""
    path = arg[len("file:"):] if arg.startswith("file:") else arg
    return Root(uri=uri, shown=str(PurePath(path)), is_dir=is_dir)


def shown_name(uri: str, roots: dict[str, Root]) -> str:
    """The name the CLI gives the file at `uri` (its path under the argument as given), else the URI.

    The innermost root holding the file wins; lookups walk up the URI's folders, so planning
    stays linear in the number of files however many roots a glob expanded to. `roots` comes
    from `root_index`.
    """
    prefix = uri
    while prefix:
        root = roots.get(prefix)
        if root is not None:
            if root.shown is None:
                return uri
            rest = uri[len(prefix):].lstrip("/")
            return str(PurePath(root.shown, rest)) if rest else root.shown
        prefix = prefix.rstrip("/").rpartition("/")[0]
    return uri


def root_index(roots: Iterable[Root]) -> dict[str, Root]:
    """Roots by their URI without a trailing slash, for `shown_name`."""
    return {root.uri.rstrip("/"): root for root in roots}


@dataclass
class InputPlan:
    """The listed files split by how they are read; oversized and unsupported files are settled here."""

    documents: list[str] = field(default_factory=list)
    archives: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def plan_inputs(listing: Iterable[tuple[str, int]], roots: list[Root], settings: InputSettings) -> InputPlan:
    """Sort (uri, size) pairs into an InputPlan, with the CLI's rules for size and unsupported types.

    A file of unsupported type inside a folder is skipped (not an error); named explicitly it is
    rejected, as by `marsad extract`.
    """
    plan = InputPlan()
    explicit = {root.uri for root in roots if not root.is_dir}
    index = root_index(roots)
    for uri, size in listing:
        kind = kind_of(uri)
        name = shown_name(uri, index)
        limit = ARCHIVE_MAX_BYTES if kind is Kind.ARCHIVE else settings.max_file_bytes
        if kind is Kind.OTHER:
            if uri in explicit:
                plan.rejected.append(Rejected(name, RejectReason.UNSUPPORTED,
                                              f"unsupported file type {PurePosixPath(uri).suffix or '(none)'}"))
            else:
                plan.skipped.append(name)
        elif size > limit and kind is not Kind.TABLE:
            plan.rejected.append(Rejected(name, RejectReason.TOO_LARGE, f"{size} bytes, over the limit of {limit}"))
        else:
            {Kind.DOCUMENT: plan.documents, Kind.ARCHIVE: plan.archives, Kind.TABLE: plan.tables}[kind].append(uri)
    return plan


def read_document(name: str, data: bytes) -> Iterator[Item]:
    """The articles in one .txt/.html/.json/.jsonl file's bytes, as `marsad extract` reads them."""
    try:
        text, encoding = decode_bytes(data, source=name)
    except InputError as exc:
        yield Rejected(name, exc.reason, exc.detail)
        return
    suffix = PurePosixPath(name).suffix.lower()
    stem = PurePosixPath(name).stem
    if suffix in LINES_SUFFIXES:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield _from_json_line(line, where=f"{name}:{number}", default_id=f"{stem}:{number}",
                                      source={"path": name, "line": number})
    elif suffix in JSON_SUFFIXES:
        yield from _from_json_file(name, stem, text)
    elif suffix in HTML_SUFFIXES:
        yield _from_html(name, stem, text)
    else:
        yield RawArticle(id=stem, text=text, source={"path": name}, meta={"encoding": encoding})


def read_archive(name: str, data: bytes, settings: InputSettings) -> Iterator[Item]:
    """The page articles in one WARC/ARC file's bytes, read by marsad.ingest.warc as the CLI reads them.

    warc.iter_warc reads a path, so the bytes go to a temporary file of the same name; the
    sources then name the archive as given (`name@offset`), as `marsad extract` does.
    """
    with TemporaryDirectory(prefix="marsad-warc-") as folder:
        copy = Path(folder) / PurePosixPath(name).name
        copy.write_bytes(data)
        for item in iter_warc(copy, settings):
            yield _renamed(item, str(copy), name)


def read_row(row: dict[str, Any], name: str) -> Item:
    """An article from one Parquet row (text, id, published, title, url columns), validated like JSON input.

    Parquet may type `published` as a date or timestamp; it is given to validation as YYYY-MM-DD.
    """
    published = row.get("published")
    if isinstance(published, date):
        row = {**row, "published": published.isoformat()[:10]}
    # No default id: without an `id` or `url` column the engine names the article by its content hash.
    return from_object(row, where=name, default_id="", source={"path": name})


def _renamed(item: Item, old: str, new: str) -> Item:
    if isinstance(item, Rejected):
        return replace(item, source=new + item.source[len(old):]) if item.source.startswith(old) else item
    if item.source.get("path") == old:
        item.source = {**item.source, "path": new}
    return item


def _from_json_line(line: str, *, where: str, default_id: str, source: dict[str, Any]) -> Item:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejected(where, RejectReason.BAD_RECORD, f"not JSON: {exc.msg} at column {exc.colno}")
    return from_object(obj, where=where, default_id=default_id, source=source)


def _from_json_file(name: str, stem: str, text: str) -> Iterator[Item]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(name, RejectReason.BAD_RECORD, f"not JSON: {exc.msg} at line {exc.lineno}")
        return
    objects = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(objects):
        single = len(objects) == 1
        yield from_object(item, where=name if single else f"{name}[{index}]",
                          default_id=stem if single else f"{stem}:{index}", source={"path": name})


def _from_html(name: str, stem: str, html: str) -> Item:
    try:
        page = extract_page(html, source=name)
    except InputError as exc:
        return Rejected(name, exc.reason, exc.detail)
    meta = {"author": page.author} if page.author else {}
    return RawArticle(id=stem, text=page.text, source={"path": name}, title=page.title,
                      published=page.published, meta=meta)
