"""HTML page -> main text, title, author and publication date, through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from marsad.errors import InputError, RejectReason


@dataclass(frozen=True)
class PageContent:
    text: str
    title: str | None
    author: str | None
    published: str | None  # YYYY-MM-DD


def extract_page(html: str, *, url: str | None = None, source: str = "") -> PageContent:
    """The article in an HTML page; InputError(not_article) when the page has no main text."""
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except (ValueError, TypeError) as exc:  # trafilatura raises these on unparsable markup
        raise InputError(RejectReason.NOT_ARTICLE, f"HTML could not be parsed: {exc}", source=source) from exc
    if doc is None or not (doc.text or "").strip():
        raise InputError(RejectReason.NOT_ARTICLE, "no main text found in the HTML page", source=source)
    title = (doc.title or "").strip() or None
    text = doc.text.strip()
    if title and text.startswith(title):  # trafilatura repeats the <h1> headline as the first line
        text = text[len(title):].lstrip()
    return PageContent(text=text or doc.text.strip(), title=title, author=(doc.author or None),
                       published=(doc.date or None))
