"""Generated web fixtures for the acquisition tests and bench/warc.py: Arabic and foreign news pages,
RSS feeds, and WARC files with duplicates and broken records, all written for marsad.

Pages come from templates filled by an index, so each index gives a distinct article text.
"""

from __future__ import annotations

import gzip
from collections import Counter
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

MINISTRIES = ("الصحة", "التعليم", "الزراعة", "النقل", "الطاقة", "المالية", "الثقافة", "السياحة")
CITIES = ("عمّان", "القاهرة", "تونس", "الرباط", "بيروت", "بغداد", "الدوحة", "الجزائر", "مسقط")
SECTORS = ("المدارس الريفية", "شبكات الري", "النقل العام", "المستشفيات", "الطاقة الشمسية", "المتاحف")
MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
          "نوفمبر", "ديسمبر")
FOREIGN = (
    ("en", "The ministry of {sector} announced on Tuesday a new plan worth {n} million dollars for the region. "
           "Officials said the project would start within {k} months and employ local workers. "
           "The minister told reporters that the budget had been approved after long negotiations with lenders."),
    ("fr", "Le ministère a annoncé mardi un nouveau plan de {n} millions de dollars pour la région {sector}. "
           "Les responsables ont indiqué que le projet commencerait dans {k} mois et emploierait des travailleurs "
           "locaux. Le ministre a déclaré que le budget avait été approuvé après de longues négociations."),
)


def arabic_article(index: int) -> tuple[str, list[str]]:
    """A headline and three paragraphs in Arabic, distinct for each index."""
    ministry = MINISTRIES[index % len(MINISTRIES)]
    city = CITIES[index % len(CITIES)]
    sector = SECTORS[index % len(SECTORS)]
    amount, months = 10 + index, 2 + index % 9
    title = f"وزارة {ministry} تطلق خطة لدعم {sector} في {city} رقم {index}"
    paragraphs = [
        f"أعلنت وزارة {ministry} في {city} صباح اليوم عن خطة جديدة لدعم {sector} بقيمة {amount} مليون دولار، "
        f"وقالت في بيان رسمي إن المشروع سيبدأ خلال {months} أشهر وسيشمل عشرات القرى والبلدات المجاورة.",
        f"وأوضح المتحدث باسم الوزارة أن الخطة تتضمن تدريب {amount * 3} موظفا جديدا وتحديث المعدات القديمة، "
        "مشيرا إلى أن التمويل يأتي من الموازنة العامة ومن قروض ميسرة قدمتها مؤسسات دولية.",
        f"ورحب عدد من سكان {city} بالقرار، مؤكدين أن {sector} تعاني منذ سنوات من نقص الموارد وضعف الصيانة، "
        "وطالبوا بمتابعة التنفيذ ونشر تقارير دورية عن سير العمل.",
    ]
    return title, paragraphs


def arabic_date(index: int) -> tuple[str, str]:
    """A dateline written in Arabic and the ISO day it names."""
    day, month, year = 1 + index % 28, index % 12, 2020 + index % 5
    return f"{day:02d} {MONTHS[month]} {year}", f"{year}-{month + 1:02d}-{day:02d}"


def arabic_page(index: int, *, declared: str | None = None, nav_date: str | None = None) -> str:
    """An Arabic news page: navigation, headline, written dateline, body; `declared` adds a published meta tag."""
    title, paragraphs = arabic_article(index)
    dateline, _ = arabic_date(index)
    meta = f'<meta property="article:published_time" content="{declared}T08:00:00+03:00">' if declared else ""
    nav = f"<span>{nav_date}</span>" if nav_date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>{meta}'
            '<meta name="author" content="مراسل الموقع"></head><body>'
            f'<nav><a href="/">الرئيسية</a> <a href="/economy">اقتصاد</a> {nav}</nav>'
            f'<article><h1>{title}</h1><p class="dateline">نشر في {dateline}</p>{body}</article>'
            "<footer>جميع الحقوق محفوظة لموقع الأخبار</footer></body></html>")


def foreign_page(index: int) -> str:
    """An English or French news page (not Arabic), distinct for each index."""
    language, template = FOREIGN[index % len(FOREIGN)]
    paragraph = template.format(sector=SECTORS[index % len(SECTORS)], n=10 + index, k=2 + index % 9)
    return (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>News {index}</title>'
            f"</head><body><article><h1>News {index}</h1><p>{paragraph}</p><p>{paragraph}</p></article>"
            "</body></html>")


def rss_feed(title: str, items: list[tuple[str, str, datetime]]) -> str:
    """An RSS 2.0 feed of (title, link, published) items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate></item>" for t, link, when in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://127.0.0.1/</link><description>أخبار</description>{entries}</channel></rss>")


def http_response(body: bytes, *, status: str = "200 OK", content_type: str = "text/html; charset=utf-8") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
            .encode("ascii") + body)


def warc_record(uri: str, block: bytes, *, kind: str = "response",
                content_type: str = "application/http; msgtype=response", length: int | None = None) -> bytes:
    """One WARC/1.0 record; `length` overrides the declared Content-Length (to make broken records)."""
    when = datetime(2024, 7, 3, 12, 0, tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    header = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:marsad:{abs(hash((uri, kind, block)))}>\r\n"
              f"WARC-Target-URI: {uri}\r\nWARC-Date: {when}\r\nContent-Type: {content_type}\r\n"
              f"Content-Length: {len(block) if length is None else length}\r\n\r\n")
    return header.encode("utf-8") + block + b"\r\n\r\n"


@dataclass
class ArchivePlan:
    """What a generated WARC holds: the unique Arabic URIs and how many records of each other kind."""

    arabic: list[str] = field(default_factory=list)
    expected: Counter[str] = field(default_factory=Counter)  # reject reason -> count
    records: int = 0


def build_warc(path: Path, *, pages: int, gzipped: bool = True) -> ArchivePlan:
    """A WARC of `pages` page slots cycling through: Arabic article, its request record, a foreign page,
    a re-archived Arabic duplicate, a 404, an image, a binary page, and a truncated record or junk between records."""
    plan, chunks = ArchivePlan(), []

    def add(record: bytes) -> None:
        chunks.append(gzip.compress(record, compresslevel=1) if gzipped else record)
        plan.records += 1

    for index in range(pages):
        uri = f"http://news.example/ar/{index}"
        slot = index % 20
        if slot < 12 or index < 1:
            add(warc_record(uri, f"GET /ar/{index} HTTP/1.1\r\n\r\n".encode(), kind="request",
                            content_type="application/http; msgtype=request"))
            add(warc_record(uri, http_response(arabic_page(index).encode("utf-8"))))
            plan.arabic.append(uri)
        elif slot < 15:
            add(warc_record(f"http://news.example/en/{index}", http_response(foreign_page(index).encode())))
            plan.expected["not_arabic"] += 1
        elif slot == 15:
            add(warc_record(f"http://mirror.example/ar/{index}", http_response(arabic_page(index - 15).encode())))
            plan.expected["duplicate"] += 1
        elif slot == 16:
            add(warc_record(f"http://news.example/gone/{index}", http_response(b"<html>gone</html>",
                                                                                status="404 Not Found")))
            plan.expected["fetch_failed"] += 1
        elif slot == 17:
            add(warc_record(f"http://news.example/img/{index}.jpg",
                            http_response(b"\xff\xd8\xff\xe0" + bytes(range(256)), content_type="image/jpeg")))
            plan.expected["unsupported"] += 1
        elif slot == 18:
            add(warc_record(f"http://news.example/bin/{index}", http_response(b"\x00\x01\x02" * 300)))
            plan.expected["binary"] += 1
        elif index // 20 % 2:
            add(b"this is not a WARC record\r\n" * 3)
            plan.expected["bad_record"] += 1
        else:
            block = http_response(arabic_page(index).encode("utf-8"))
            add(warc_record(f"http://news.example/cut/{index}", block, length=len(block) + 5000)[:400])
            plan.expected["bad_record"] += 1
    path.write_bytes(b"".join(chunks))
    return plan


def arc_file(records: list[tuple[str, bytes]]) -> bytes:
    """An ARC v1 file (the format before WARC) holding (url, HTTP response) records."""
    desc = b"1 0 marsad\nURL IP-address Archive-date Content-type Archive-length\n"
    parts = [f"filedesc://fixture.arc 0.0.0.0 20240703120000 text/plain {len(desc)}\n".encode() + desc + b"\n"]
    for url, block in records:
        parts.append(f"{url} 127.0.0.1 20240703120000 text/html {len(block)}\n".encode() + block + b"\n")
    return b"".join(parts)
