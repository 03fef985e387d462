"""Decoding article bytes: every supported encoding round-trips, bad input is a clear InputError."""

from __future__ import annotations

import codecs

import pytest

from marsad.errors import InputError, RejectReason
from marsad.text.decode import decode_bytes

ARTICLE = ("أعلنت وزارة المالية، الثلاثاء، أن عجز الموازنة تراجع إلى 4.2 بالمئة من الناتج المحلي، "
           "وقال الوزير إن الإصلاحات «بدأت تؤتي ثمارها».\nوأضاف أن الإيرادات ارتفعت بنسبة 11 بالمئة.\n")


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""),
    ("utf-16-be", b""),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("cp1256", b""),
    ("iso8859_6", b""),
    ("mac_arabic", b""),
])
def test_decode_round_trips_every_encoding(encoding: str, prefix: bytes) -> None:
    text = ARTICLE if encoding not in ("iso8859_6", "mac_arabic") else ARTICLE.replace("«", '"').replace("»", '"')
    decoded, name = decode_bytes(prefix + text.encode(encoding))
    assert decoded == text
    assert name.replace("-", "").replace("_", "") .startswith(encoding.replace("-", "").replace("_", "")[:5])


@pytest.mark.parametrize("data, reason", [
    (b"", RejectReason.EMPTY),
    (b"   \n\t  \r\n", RejectReason.EMPTY),
    (codecs.BOM_UTF8, RejectReason.EMPTY),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", RejectReason.BINARY),
    (bytes(range(256)) * 8, RejectReason.BINARY),
    (b"%PDF-1.4\n\x00\x01\x02\x03\x04\x05\x06\x07\x08" * 20, RejectReason.BINARY),
])
def test_decode_rejects_empty_and_binary(data: bytes, reason: RejectReason) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, source="x.txt")
    assert caught.value.reason is reason
    assert "x.txt" in str(caught.value)


def test_decode_latin_text_stays_readable() -> None:
    text = "Le ministre a déclaré que la croissance atteindra 3 % en 2025."
    assert decode_bytes(text.encode("utf-8"))[0] == text
