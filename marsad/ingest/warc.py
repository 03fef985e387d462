"""WARC and ARC files (Common Crawl's CC-NEWS among them) -> RawArticle or Rejected per page.

Steps for each record:
 1. only HTTP responses (and `resource` records) are pages; requests, metadata, warcinfo and
    revisits are passed over silently, as are redirects (their target is archived separately);
 2. an HTTP error status is fetch_failed, a non-HTML payload unsupported, an oversized one too_large;
 3. the page goes through `urls.article_from_page` (decode, main text, title, author, page date;
    not_article, not_arabic);
 4. a text already seen in this file is a duplicate (content hash), so a crawl that archived a
    page twice yields it once.

A broken or truncated record is a Rejected(bad_record) and reading resumes at the next record
start (the next gzip member, or the next `WARC/1.x` line), so one bad record never ends the run.
The WARC-Date is the crawl date: it goes to `meta["crawled"]`, never to `published`.
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from marsad.errors import RejectReason
from marsad.ingest.dedup import content_hash
from marsad.ingest.raw import RawArticle
from marsad.ingest.urls import article_from_page
from marsad.record.article import Rejected
from marsad.settings import InputSettings

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
PAGE_RECORD_TYPES = frozenset({"response", "resource"})
RECORD_START = {  # where a record can begin, for resuming after a broken one
    "gzip": re.compile(rb"\x1f\x8b\x08"),
    "warc": re.compile(rb"WARC/1\.[01]\r?\n[A-Za-z-]+:"),  # a cut record can run straight into the next one
    "arc": re.compile(rb"(?:https?|dns|filedesc|ftp)://\S+ [\d.]+ \d{14} "),
}
# warcio raises the last three on some damaged headers (a missing URI, a missing length)
READ_ERRORS = (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, IndexError, AttributeError, TypeError,
               KeyError)
SCAN_CHUNK = 1 << 20


class _QuietArchiveIterator(ArchiveIterator):
    """warcio's iterator without its stderr warning on a bad Content-Length: marsad reports the record itself."""

    INC_RECORD = ""


class _Broken(Exception):
    """A record that parsed but cannot be trusted (truncated, or its length is wrong)."""


@dataclass
class _Entry:
    """A record read from the archive: its payload already read, or why it could not be."""

    offset: int
    record: ArcWarcRecord | None
    payload: bytes | None = None
    reason: RejectReason | None = None
    detail: str = ""


def is_archive(path: str) -> bool:
    """Whether a path names a WARC or ARC file (plain or gzipped)."""
    return path.lower().endswith(WARC_SUFFIXES)


def iter_warc(path: Path, settings: InputSettings | None = None) -> Iterator[RawArticle | Rejected]:
    """Every page article in the archive at `path`, or a Rejected value for each record that is not one."""
    settings = settings or InputSettings()
    seen: dict[str, str] = {}
    try:
        stream, record_start = _open(path)
    except OSError as exc:
        yield Rejected(str(path), RejectReason.UNREADABLE, exc.strerror or str(exc))
        return
    with stream:
        for entry in _entries(stream, record_start, settings.fetch.max_page_bytes):
            where = f"{path}@{entry.offset}"
            if entry.reason is not None:
                yield Rejected(where, entry.reason, entry.detail)
                continue
            result = _page(entry, path, where, settings.fetch.max_page_bytes)
            if isinstance(result, RawArticle):
                result = _unless_seen(result, seen, where)
            if result is not None:
                yield result


def _page(entry: _Entry, path: Path, where: str, limit: int) -> RawArticle | Rejected | None:
    """Steps 1-3 for one record; None for records that are not pages."""
    record = entry.record
    if record is None or entry.payload is None:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if len(entry.payload) > limit:
        return Rejected(where, RejectReason.TOO_LARGE, f"payload over {limit} bytes ({uri})")
    content_type = record.http_headers.get_header("Content-Type") if record.http_headers else \
        record.rec_headers.get_header("Content-Type")
    meta = {"warc_offset": entry.offset, "crawled": record.rec_headers.get_header("WARC-Date") or ""}
    return article_from_page(entry.payload, content_type=content_type, url=uri or None, where=where,
                             source={"path": str(path), "url": uri} if uri else {"path": str(path)}, meta=meta)


def _unless_seen(raw: RawArticle, seen: dict[str, str], where: str) -> RawArticle | Rejected:
    """Step 4: the first record with a text passes, the later ones are duplicates."""
    key = content_hash(raw.text)
    if key in seen:
        return Rejected(where, RejectReason.DUPLICATE, f"same text as {seen[key]}")
    seen[key] = raw.id
    return raw


def _entries(stream: IO[bytes], record_start: re.Pattern[bytes], limit: int) -> Iterator[_Entry]:
    """The archive's records with page payloads read; after a broken record, resume at the next record start.

    A record is broken when warcio cannot parse it, when its payload stops short of its Content-Length,
    or when no blank line follows it (its Content-Length was wrong). Failures while resuming (a false
    record start inside compressed data) are not reported again.
    """
    floor, resuming = 0, False  # floor: where reading last (re)started; the search for a restart goes past it
    while True:
        records = _QuietArchiveIterator(stream, arc2warc=True, check_digests=False)
        start = records.offset  # where the record being read starts
        try:
            for record in records:
                entry = _read(record, start, limit, None if record_start is RECORD_START["gzip"] else record_start)
                errors = records.err_count
                records.read_to_end()
                if records.err_count > errors:
                    raise _Broken(f"Content-Length {record.length} does not end the record")
                resuming = False
                yield entry
                start = records.offset
            left = _bytes_left(stream, records.offset)
            if left and not resuming:
                yield _Entry(records.offset, None, reason=RejectReason.BAD_RECORD,
                             detail=f"the file ends inside a record ({left} bytes left unread)")
            return
        except (_Broken, *READ_ERRORS) as exc:
            if not resuming:
                yield _Entry(start, None, reason=RejectReason.BAD_RECORD, detail=_describe(exc))
            restart = _next_start(stream, max(start, floor) + 1, record_start)
        if restart is None:
            return
        stream.seek(restart)
        floor, resuming = restart, True


def _read(record: ArcWarcRecord, offset: int, limit: int, nested: re.Pattern[bytes] | None) -> _Entry:
    """Step 1 and the payload of a page record (up to `limit` + 1 bytes, enough to tell it is too large).

    In an uncompressed archive a record whose Content-Length is too large swallows the records after it;
    `nested` (the record start pattern) finds them inside its payload.
    """
    if record.rec_type not in PAGE_RECORD_TYPES:
        return _Entry(offset, None)
    status = record.http_headers.get_statuscode() if record.http_headers else "200"
    if not status.isdigit():
        raise _Broken(f"malformed HTTP status {status!r}")
    if 300 <= int(status) < 400:
        return _Entry(offset, None)
    if int(status) >= 400:
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        return _Entry(offset, None, reason=RejectReason.FETCH_FAILED, detail=f"HTTP {status} in the archive ({uri})")
    payload = record.content_stream().read(limit + 1)
    missing = getattr(record.raw_stream, "limit", 0)  # what the declared Content-Length still promises
    if len(payload) <= limit and missing > 0:
        raise _Broken(f"the record ends {missing} bytes short of its Content-Length")
    if nested is not None and nested.search(payload):
        raise _Broken("the record runs into the next one (its Content-Length is too large)")
    return _Entry(offset, record, payload=payload)


def _next_start(stream: IO[bytes], position: int, record_start: re.Pattern[bytes]) -> int | None:
    """The position of the next record start at or after `position`, or None at the end of the file."""
    overlap = 64
    while True:
        stream.seek(position)
        chunk = stream.read(SCAN_CHUNK)
        if not chunk:
            return None
        match = record_start.search(chunk)
        if match:
            return position + match.start()
        if len(chunk) < SCAN_CHUNK:
            return None
        position += len(chunk) - overlap


def _open(path: Path) -> tuple[IO[bytes], re.Pattern[bytes]]:
    """The archive as a stream, and the pattern of a record start in it.

    A .gz archive should hold one gzip member per record; one compressed as a whole (some tools
    write these) is read decompressed, as an uncompressed archive, so a broken record can be skipped;
    offsets in its rejects are then positions in the decompressed stream.
    """
    warcio_log = logging.getLogger("warcio")  # its warnings on damaged headers reach stderr only if logging is set up
    if not any(isinstance(handler, logging.NullHandler) for handler in warcio_log.handlers):
        warcio_log.addHandler(logging.NullHandler())
    plain = RECORD_START["arc" if ".arc" in path.name.lower() else "warc"]
    stream: IO[bytes] = path.open("rb")
    if not path.name.lower().endswith(".gz") or _member_per_record(stream, plain):
        return stream, (RECORD_START["gzip"] if path.name.lower().endswith(".gz") else plain)
    stream.close()
    return gzip.open(path, "rb"), plain


def _member_per_record(stream: IO[bytes], record_start: re.Pattern[bytes]) -> bool:
    """Whether the first gzip member ends before a second record starts (then the file is record-compressed)."""
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
    seen = b""
    try:
        while not inflate.eof and (chunk := stream.read(1 << 16)):
            seen = (seen + inflate.decompress(chunk))[-(1 << 20):]
            if len(record_start.findall(seen)) > 1:
                return False
    except zlib.error:
        pass  # damaged from the start: the record-by-record reader reports it
    finally:
        stream.seek(0)
    return True


def _bytes_left(stream: IO[bytes], position: int) -> int:
    """How many bytes other than white space follow `position` (a record cut off at the end of the file)."""
    stream.seek(max(position, 0))
    return len(stream.read(SCAN_CHUNK).strip())


def _describe(exc: BaseException) -> str:
    """A one-line reason: ours as written, warcio's first line with its error type."""
    if isinstance(exc, _Broken):
        return f"broken record: {exc}"
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"unreadable record: {type(exc).__name__}{': ' + lines[0][:120] if lines else ''}"
