"""Web pages -> RawArticle or Rejected: fetch politely, keep HTML, extract the article, keep Arabic only.

`article_from_page` is shared by URLs, feed items and WARC records, so a page is judged alike
whichever way it arrived.
"""

from __future__ import annotations

from typing import Any

from marsad.errors import InputError, RejectReason
from marsad.ingest.fetch import Fetcher
from marsad.ingest.html import decode_html, extract_page
from marsad.ingest.raw import RawArticle
from marsad.record.article import Rejected
from marsad.settings import FetchSettings
from marsad.text.language import detect_language

HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_url(argument: str) -> bool:
    """Whether a command-line input names a web page rather than a file."""
    return argument.lower().startswith(("http://", "https://"))


def read_url(url: str, fetcher: Fetcher) -> RawArticle | Rejected:
    """The article at `url` (its id is the URL), or why it could not be used."""
    fetched = fetcher.get(url)
    if isinstance(fetched, Rejected):
        return fetched
    return article_from_page(fetched.content, content_type=fetched.headers.get("content-type"), url=url,
                             where=url, source={"url": url})


def article_from_page(data: bytes, *, content_type: str | None, url: str | None, where: str,
                      source: dict[str, Any], meta: dict[str, Any] | None = None) -> RawArticle | Rejected:
    """An HTML page's article: non-HTML is unsupported, a page without main text not_article, other languages not_arabic."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        return Rejected(where, RejectReason.UNSUPPORTED, f"content type {media_type}, not an HTML page")
    try:
        page = extract_page(decode_html(data, content_type=content_type, source=where), url=url, source=where)
    except InputError as exc:
        return Rejected(where, exc.reason, exc.detail)
    if detect_language(page.text) != "ar":
        return Rejected(where, RejectReason.NOT_ARABIC, "the page's main text is not Arabic")
    meta = {**(meta or {}), **({"author": page.author} if page.author else {})}
    return RawArticle(id=url or where, text=page.text, source=source, title=page.title, published=page.published,
                      meta=meta)


class UrlReader:
    """`read_url` over one Fetcher, made on first use, so that URLs given together share robots and rate limits.

    Example:
        with UrlReader(FetchSettings()) as read:
            article = read("https://example.com/news/1")
    """

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings
        self._fetcher: Fetcher | None = None

    def __call__(self, url: str) -> RawArticle | Rejected:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings)
        return read_url(url, self._fetcher)

    def __enter__(self) -> UrlReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
