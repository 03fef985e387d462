"""Every data file shipped under marsad/data is listed in NOTICE.md with its source and licence."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_notice_lists_every_shipped_data_file() -> None:
    notice = (ROOT / "NOTICE.md").read_text(encoding="utf-8")
    shipped = sorted(p for p in (ROOT / "marsad" / "data").rglob("*") if p.is_file() and p.name != "README.md")
    assert shipped
    missing = [str(p.relative_to(ROOT)) for p in shipped if p.name not in notice]
    assert not missing, f"add these to NOTICE.md: {missing}"
