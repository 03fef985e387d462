"""Pure date arithmetic: partial and relative dates -> the ISO values of the `times` facet.

Values: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-Qn`, `YYYY-Hn`, `YYYY-Www` (ISO week) and ISO 8601
durations (`P3Y`, `PT48H`). Every function takes the anchor date explicitly (no clock), so
the times recogniser stays testable and a missing publication date simply yields None.
"""

from __future__ import annotations

from datetime import date, timedelta

from hijridate import Hijri

PERIODS = ("day", "week", "month", "year")


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(d: date) -> str:
    """The ISO week containing `d` (2016-11-10 -> 2016-W45)."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_value(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def half_value(year: int, half: int) -> str:
    return f"{year:04d}-H{half}"


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the parts name no real day (31 February, year 0)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def shift_months(year: int, month: int, offset: int) -> tuple[int, int]:
    """(year, month) `offset` months away."""
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def relative_period(anchor: date, period: str, offset: int) -> str:
    """The value of the period `offset` steps from the one holding `anchor` (الشهر الماضي = -1)."""
    if period == "day":
        return day_value(anchor + timedelta(days=offset))
    if period == "week":
        return week_value(anchor + timedelta(weeks=offset))
    if period == "month":
        return month_value(*shift_months(anchor.year, anchor.month, offset))
    if period == "year":
        return f"{anchor.year + offset:04d}"
    raise ValueError(f"unknown period {period!r}; known: {', '.join(PERIODS)}")


def weekday_date(anchor: date, weekday: int, direction: int = -1) -> date:
    """The weekday (Monday = 0) nearest `anchor`: on or before it, or after it when direction > 0."""
    if direction > 0:
        return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def nearest_weekday(anchor: date, weekday: int) -> date:
    """The weekday (Monday = 0) within three days of `anchor` (يوم أمس الجمعة when أمس is Saturday)."""
    return anchor + timedelta(days=(weekday - anchor.weekday() + 3) % 7 - 3)


def month_year(anchor: date, month: int, direction: int = 0) -> int:
    """The year of a month named without one: this year, or the last/next such month when told."""
    if direction < 0 and month >= anchor.month:
        return anchor.year - 1
    if direction > 0 and month <= anchor.month:
        return anchor.year + 1
    return anchor.year


def day_month_year(anchor: date, month: int, day: int, direction: int = 0) -> int:
    """The year of a day and month named without one (`3 ماي المنقضي`, `20 أغسطس الحالي`)."""
    this_year = safe_date(anchor.year, month, day)
    if this_year is None:
        return anchor.year
    if direction < 0 and this_year > anchor:
        return anchor.year - 1
    if direction > 0 and this_year < anchor:
        return anchor.year + 1
    return anchor.year


# A fraction of a unit is written in the next smaller one (عام ونصف = P1Y6M); weeks go whole to days.
SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
DATE_PARTS, TIME_PARTS = ("Y", "M", "W", "D"), ("H", "MIN", "S")


def ago(anchor: date, amount: float, unit: str) -> str | None:
    """The date `amount` units before `anchor` at the unit's precision (قبل سنتين -> the year); a
    fraction counts in the next smaller unit, at its precision (قبل عام ونصف -> 18 months -> the month)."""
    if amount != int(amount):
        if unit not in ("Y", "M", "W"):
            return None
        smaller, times = SMALLER[unit]
        amount, unit = round(amount * times, 6), smaller
        if amount != int(amount):
            return None
    amount = int(amount)
    if unit == "Y":
        return f"{anchor.year - amount:04d}"
    if unit == "M":
        return month_value(*shift_months(anchor.year, anchor.month, -amount))
    if unit == "W":
        return week_value(anchor - timedelta(weeks=amount))
    if unit == "D":
        return day_value(anchor - timedelta(days=amount))
    return None


def duration_value(amount: float, unit: str) -> str:
    """ISO 8601 duration: (3, 'Y') -> P3Y, (48, 'H') -> PT48H, (0.5, 'Y') -> P6M, (3.5, 'Y') -> P3Y6M.

    A fraction that is no whole number of the next smaller unit stays a decimal (P1.5W).
    """
    parts = {unit: amount}
    if amount != int(amount) and unit in SMALLER:
        smaller, times = SMALLER[unit]
        whole = int(amount) if unit != "W" else 0
        rest = round((amount - whole) * times, 6)
        if rest == int(rest):
            parts = {unit: whole, smaller: rest}
    date_part = "".join(f"{_n(parts[u])}{u}" for u in DATE_PARTS if parts.get(u))
    time_part = "".join(f"{_n(parts[u])}{u[0]}" for u in TIME_PARTS if parts.get(u))
    if not date_part and not time_part:
        return f"P0{unit}" if unit in DATE_PARTS else f"PT0{unit[0]}"
    return "P" + date_part + ("T" + time_part if time_part else "")


def _n(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of an Umm al-Qura date; None outside the calendar's range or for a bad day."""
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
