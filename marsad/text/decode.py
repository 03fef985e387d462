"""bytes -> str for article files: BOMs, UTF-8, UTF-16/32, and legacy Arabic code pages.

Steps:
 1. a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
 2. UTF-16 without a BOM is recognised by its zero bytes on alternate positions;
 3. any other zero byte or a high share of control bytes means binary -> InputError("binary");
 4. strict UTF-8;
 5. the legacy Arabic code pages (Windows-1256, ISO-8859-6, CP720, CP864, Mac Arabic) are each
    tried and the one yielding the most Arabic letters wins;
 6. failing that, charset-normalizer's best guess, else binary.
Empty input, or input that is only white space after decoding, is InputError("empty").
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from marsad.errors import InputError, RejectReason

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
LEGACY_ARABIC = ("cp1256", "iso8859_6", "cp720", "cp864", "mac_arabic")
ARABIC_LETTER_RE = re.compile("[\u0621-\u064a]")
CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c")
MIN_ARABIC_SHARE = 0.3  # of non-space characters; below it a legacy guess is not trusted


def decode_bytes(data: bytes, *, source: str = "") -> tuple[str, str]:
    """Decode article bytes; returns (text, encoding name). Raises InputError on empty or binary."""
    text, encoding = _decode(data, source)
    if not text.strip():
        raise InputError(RejectReason.EMPTY, "no text (empty or only white space)", source=source)
    return text, encoding


def _decode(data: bytes, source: str) -> tuple[str, str]:
    if not data:
        raise InputError(RejectReason.EMPTY, "empty file", source=source)
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(RejectReason.BINARY, f"broken {name} after its byte-order mark: {exc.reason}",
                                 source=source) from exc
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if b"\x00" in data or _control_share(data) > 0.05:
        raise InputError(RejectReason.BINARY, "binary data, not text", source=source)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    legacy = _best_legacy_arabic(data)
    if legacy:
        return legacy
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    raise InputError(RejectReason.BINARY, "not text in any supported encoding", source=source)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even_zeros = data[0::2].count(0) / (len(data) / 2)
    odd_zeros = data[1::2].count(0) / (len(data) / 2)
    for name, zeros, other in (("utf-16-le", odd_zeros, even_zeros), ("utf-16-be", even_zeros, odd_zeros)):
        # Latin text in UTF-16 has zeros in every high byte; Arabic (U+06xx) has 0x06 there, so
        # also accept a text whose high bytes are mostly 0x06 or 0x00.
        high = data[1::2] if name == "utf-16-le" else data[0::2]
        arabic_like = sum(1 for b in high if b in (0x00, 0x06)) / len(high)
        if (zeros > 0.3 and other < 0.05) or (arabic_like > 0.9 and other < 0.05 and high.count(6) > 0):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                continue
    return None


def _control_share(data: bytes) -> float:
    sample = data[:65536]
    return sum(sample.count(b) for b in CONTROL_BYTES) / max(1, len(sample))


def _best_legacy_arabic(data: bytes) -> tuple[str, str] | None:
    best: tuple[float, str, str] | None = None
    for name in LEGACY_ARABIC:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        letters = len(text) - text.count(" ") - text.count("\n")
        share = len(ARABIC_LETTER_RE.findall(text)) / max(1, letters)
        if best is None or share > best[0]:
            best = (share, text, name)
    if best and best[0] >= MIN_ARABIC_SHARE:
        return best[1], best[2]
    return None
