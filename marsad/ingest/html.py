"""HTML page -> main text, title, author and publication date, through trafilatura.

The page date is the date the article was published, never a crawl or modification date:
 1. the publication date the markup declares (meta tags, JSON-LD `datePublished`, `itemprop`,
    `<time pubdate>`); modification dates are ignored;
 2. an Arabic date written in the page ("03 يوليو 2024", "3 جويلية 2024", "الأحد 3 تموز 2024"),
    which htmldate does not read: the first one after a publication cue (نشر، بتاريخ) if any,
    else the first one from the headline on (a date in the navigation bar is today's, not the article's);
 3. htmldate through trafilatura, asked for the original date without free-text guessing
    (URL path, `abbr` and `time` elements).
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from marsad.errors import InputError, RejectReason
from marsad.recognise.times import lexicon
from marsad.text.decode import decode_bytes
from marsad.text.fold import fold

PUBLISHED_META_KEYS = frozenset({
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "publish_date", "date", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.issued",
    "sailthru.date", "parsely-pub-date", "article.published", "published_time", "original-publish-date",
})
ISO_DAY_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
PUBLISHED_CUE_RE = re.compile(r"(?:نُ?شِ?رَ?|تاريخ النشر|بتاريخ|published)[^\d\n]{0,20}$", re.IGNORECASE)
CUE_WINDOW = 30        # characters before a date searched for a publication cue
PAGE_TEXT_CHARS = 100_000  # page text searched for a written date; datelines sit near the top
LOOSE_LETTERS = {"ا": "[اأإآ]", "ي": "[يى]", "ه": "[هة]"}  # folded letter -> the written forms folding merges
MIN_ARTICLE_CHARS = 40     # less main text than this is a menu or an error page (a one-line brief has more)
CHARSET_HEADER_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
CHARSET_META_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class PageContent:
    text: str
    title: str | None
    author: str | None
    published: str | None  # YYYY-MM-DD


@dataclass(frozen=True)
class PageDate:
    """A date written in text: `text[start:end]` is the expression, `value` the day it names."""

    start: int
    end: int
    value: date


def extract_page(html: str, *, url: str | None = None, source: str = "") -> PageContent:
    """The article in an HTML page; InputError(not_article) when the page has no main text."""
    tree = load_html(html)
    if tree is None:
        raise InputError(RejectReason.NOT_ARTICLE, "HTML could not be parsed", source=source)
    declared = declared_date(tree)
    page_text = _visible_text(tree)
    try:
        doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False,
                                          date_extraction_params={"original_date": True, "extensive_search": False})
    except (ValueError, TypeError) as exc:  # trafilatura raises these on unparsable markup
        raise InputError(RejectReason.NOT_ARTICLE, f"HTML could not be parsed: {exc}", source=source) from exc
    if doc is None or len((doc.text or "").strip()) < MIN_ARTICLE_CHARS:
        raise InputError(RejectReason.NOT_ARTICLE, "no main text found in the HTML page", source=source)
    title = (doc.title or "").strip() or None
    text = doc.text.strip()
    if title and text.startswith(title):  # trafilatura repeats the <h1> headline as the first line
        text = text[len(title):].lstrip()
    written = written_date(page_text, headline=title)
    published = declared or (written.isoformat() if written else None) or (doc.date or None)
    return PageContent(text=text or doc.text.strip(), title=title, author=(doc.author or None), published=published)


def decode_html(data: bytes, *, content_type: str | None = None, source: str = "") -> str:
    """Page bytes -> str: binary and empty pages are rejected as for files; UTF-8 when valid, else the charset
    the header or a <meta> declares, else the legacy Arabic code page guessed from the bytes."""
    text, encoding = decode_bytes(data, source=source)
    if encoding.startswith("utf"):
        return text
    header = CHARSET_HEADER_RE.search(content_type or "")
    meta = CHARSET_META_RE.search(data[:4096])
    for declared in (header.group(1) if header else None, meta.group(1).decode("ascii", "ignore") if meta else None):
        if declared and _known_codec(declared):
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                continue
    return text


def declared_date(tree: HtmlElement) -> str | None:
    """The publication day the markup declares (meta, itemprop, <time pubdate>, JSON-LD), as YYYY-MM-DD."""
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in PUBLISHED_META_KEYS and (day := iso_day(meta.get("content"))):
            return day
    for element in tree.xpath('//*[@itemprop="datePublished"] | //time[@pubdate]'):
        if day := iso_day(element.get("content") or element.get("datetime") or element.text_content()):
            return day
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        if day := iso_day(_json_published(data)):
            return day
    return None


def iso_day(value: str | None) -> str | None:
    """The first YYYY-MM-DD (or YYYY/MM/DD) day in `value` that is a real date, else None."""
    match = ISO_DAY_RE.search(value or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None


def find_arabic_dates(text: str) -> list[PageDate]:
    """Every "day month-name year" date written in Arabic in `text`, in order; impossible days are left out.

    Month names (MSA, Levantine, Maghrebi, Egyptian spellings) come from the times lexicon. The pattern
    runs on the text as written, its letters loosened to the spellings folding would merge, so no
    folded copy of a long page is made; digits may be Arabic-Indic.
    """
    months = lexicon().months
    found = []
    for match in _date_pattern().finditer(text):
        month = months.get(re.sub(r"\s+", " ", fold(match.group("month"))))
        try:
            value = date(int(match.group("year")), month[1], int(match.group("day"))) if month else None
        except ValueError:
            continue
        if value is not None:
            found.append(PageDate(match.start(), match.end(), value))
    return found


def written_date(page_text: str, *, headline: str | None = None) -> date | None:
    """The publication date written in a page: after a publication cue first, else the first from the headline on."""
    dates = find_arabic_dates(page_text)
    for found in dates:
        if PUBLISHED_CUE_RE.search(page_text[max(0, found.start - CUE_WINDOW):found.start]):
            return found.value
    top = page_text.find(headline) if headline else -1
    later = [found for found in dates if found.start >= top]
    return later[0].value if later else None


@lru_cache(maxsize=1)
def _date_pattern() -> re.Pattern[str]:
    """Day, Gregorian month name (optionally a second name after "/" or in brackets), year."""
    names = sorted((name for name, (calendar, _) in lexicon().months.items() if calendar == "gregorian"),
                   key=len, reverse=True)
    month = "(?:" + "|".join("".join(LOOSE_LETTERS.get(ch, re.escape(ch)) for ch in name).replace(r"\ ", r"\s+")
                             for name in names) + ")"
    return re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?:من\s+)?(?P<month>{month})(?![\u0621-\u064a])"
                      rf"(?:\s*[/(]\s*{month}\s*\)?)?[\s،,]+(?P<year>\d{{4}})(?!\d)")


def _visible_text(tree: HtmlElement) -> str:
    """The page's text without scripts and styles, up to PAGE_TEXT_CHARS."""
    parts = tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    return " ".join(str(part) for part in parts)[:PAGE_TEXT_CHARS]


def _json_published(data: Any) -> str | None:
    """`datePublished` anywhere in a JSON-LD value (objects, lists, @graph)."""
    if isinstance(data, dict):
        value = data.get("datePublished")
        if isinstance(value, str):
            return value
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            if isinstance(item, (dict, list)) and (found := _json_published(item)):
                return found
    return None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
