"""Page dates (declared, written in Arabic, never crawl or update dates), authors and page decoding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.errors import InputError, RejectReason
from marsad.ingest.html import decode_html, extract_page, find_arabic_dates

BODY = ("<p>قال رئيس البلدية في مؤتمر صحفي إن أعمال تأهيل الطريق الساحلي ستنتهي قبل نهاية الصيف، "
        "وإن الشركة المنفذة تعمل على ثلاث مراحل متتالية لتقليل الازدحام في وسط المدينة.</p>"
        "<p>وأضاف أن المجلس البلدي خصص مبلغا إضافيا لإنارة الشوارع الجانبية وزراعة الأشجار على جانبي الطريق، "
        "داعيا السكان إلى الصبر خلال فترة الأشغال.</p>")


def page(head: str = "", top: str = "", dateline: str = "", title: str = "تأهيل الطريق الساحلي") -> str:
    return (f'<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>{head}</head><body>'
            f"<nav>{top}</nav><article><h1>{title}</h1>{dateline}{BODY}</article></body></html>")


@pytest.mark.parametrize("text, expected", [
    ("نشر في 03 يوليو 2024", ["2024-07-03"]),
    ("الجزائر في 3 جويلية 2024", ["2024-07-03"]),
    ("الأحد 3 تموز/يوليو 2024م", ["2024-07-03"]),
    ("بيروت، 12 تشرين الأول، 2022", ["2022-10-12"]),
    ("الرباط ١٥ شتنبر ٢٠٢٣", ["2023-09-15"]),
    ("القاهرة 7 إبريل 2021 ثم 9 ابريل 2021", ["2021-04-07", "2021-04-09"]),
    ("في 1 من كانون الثاني 2020", ["2020-01-01"]),
    ("يوم 30 فبراير 2024", []),
    ("2 آب 2019 و 5 أوت 2019", ["2019-08-02", "2019-08-05"]),
    ("اتفاق 12 مايو بين الطرفين في 2019", []),
    ("رقم 123 يونيو 2024", []),
])
def test_html_find_arabic_dates(text: str, expected: list[str]) -> None:
    found = find_arabic_dates(text)
    assert [d.value.isoformat() for d in found] == expected
    for d in found:
        assert text[d.start:d.end].strip() == text[d.start:d.end]


@given(st.text(alphabet=st.sampled_from(list("0123456789٠١٢٣ يوليو تموز كانون الثاني أبريل،,/()م\n")), max_size=80))
def test_html_find_arabic_dates_never_raises_and_offsets_hold(text: str) -> None:
    for d in find_arabic_dates(text):
        assert 0 <= d.start < d.end <= len(text)
        assert str(d.value.year) in "".join(str(int(c)) if c.isdigit() else c for c in text[d.start:d.end])


@pytest.mark.parametrize("html, expected", [
    # the markup's publication date wins over an Arabic date and an update time
    (page(head='<meta property="article:published_time" content="2024-05-02T10:00:00Z">'
               '<meta property="article:modified_time" content="2024-06-01T10:00:00Z">',
          dateline="<p>نشر في 03 يوليو 2024</p>"), "2024-05-02"),
    # JSON-LD datePublished (inside @graph), not dateModified
    (page(head='<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
               '"dateModified": "2024-09-09", "datePublished": "2024-03-04T08:00:00+03:00"}]}</script>'),
     "2024-03-04"),
    # a written Arabic dateline beats an ISO update date and today's date in the navigation bar
    (page(top="الأربعاء 29 نوفمبر 2026 - آخر تحديث 2026-11-29", dateline="<p>نشر في 03 يوليو 2024</p>"),
     "2024-07-03"),
    (page(dateline="<p>الجزائر في 3 جويلية 2024</p>"), "2024-07-03"),
    (page(dateline='<p class="meta">تاريخ النشر: ١٥ أيار ٢٠٢٣ - تحديث 20 أيار 2023</p>'), "2023-05-15"),
    (page(head='<meta itemprop="datePublished" content="2022-02-22">'), "2022-02-22"),
])
def test_html_prefers_the_page_publication_date(html: str, expected: str) -> None:
    assert extract_page(html).published == expected


@pytest.mark.parametrize("head, author", [('<meta name="author" content="ليلى حسن">', "ليلى حسن"), ("", None)])
def test_html_reads_the_author(head: str, author: str | None) -> None:
    assert extract_page(page(head=head)).author == author


@pytest.mark.parametrize("encoding, content_type, meta", [
    ("utf-8", "text/html; charset=utf-8", ""),
    ("cp1256", "text/html; charset=windows-1256", ""),
    ("cp1256", "text/html", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'),
    ("iso8859_6", "text/html; charset=iso-8859-6", ""),
])
def test_html_decodes_declared_and_legacy_charsets(encoding: str, content_type: str, meta: str) -> None:
    html = page(head=meta, dateline="<p>نشر في 03 يوليو 2024</p>").replace('<meta charset="utf-8">', "")
    text = decode_html(html.encode(encoding), content_type=content_type)
    assert "الطريق الساحلي" in text
    assert extract_page(text).published == "2024-07-03"


@pytest.mark.parametrize("data, reason", [(b"", RejectReason.EMPTY), (b"\x00\x01\x02" * 50, RejectReason.BINARY)])
def test_html_decode_rejects_empty_and_binary(data: bytes, reason: RejectReason) -> None:
    with pytest.raises(InputError) as caught:
        decode_html(data, content_type="text/html; charset=utf-8")
    assert caught.value.reason is reason


@pytest.mark.parametrize("html", ["<html><body><nav>الرئيسية</nav></body></html>", "<html></html>"])
def test_html_page_without_main_text_is_not_an_article(html: str) -> None:
    with pytest.raises(InputError) as caught:
        extract_page(html)
    assert caught.value.reason is RejectReason.NOT_ARTICLE
