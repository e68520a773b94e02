"""Dates in news text, resolved against the article's publication day, with ACLED's time_precision."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)  # fmt: skip
#: Qualifiers dateparser cannot parse ("late on Saturday"); they change the time of day, not the day.
_NOISE = re.compile(
    r"\b(late|early|earlier|later|on|in|the|of|during|by|since|until|from|morning|afternoon|evening|"
    r"night|overnight|dawn|midday|noon|hours|before|after|around|about|last|this|at|end|beginning|start|"
    r"towards?)\b",
    re.I,
)
_SAME_DAY = re.compile(r"^(today|tonight|overnight|this (morning|afternoon|evening)|earlier today)$", re.I)
_YESTERDAY = re.compile(r"^(yesterday|last night)( (morning|afternoon|evening|night))?$", re.I)


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar day and how precise it is (1 day, 2 week, 3 month)."""

    day: date
    precision: int


def _weekday_on_or_before(base: date, weekday: int) -> date:
    return base - timedelta(days=(base.weekday() - weekday) % 7)


_AGO = re.compile(r"^(?P<n>\w+) (?P<unit>days?|weeks?) ago$")


def _in_month(month_start: date, phrase: str) -> date:
    """ACLED's day for a month-precise date: the middle, or the first/last day for early/late."""
    if re.search(r"\b(early|earlier|beginning|start)\b", phrase):
        return month_start
    if re.search(r"\b(late|end)\b", phrase):
        next_month = (month_start + timedelta(days=32)).replace(day=1)
        return next_month - timedelta(days=1)
    return month_start.replace(day=15)


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: date | None) -> ResolvedDate | None:
    """Resolve a date expression ("Thursday", "late Saturday", "Feb. 24", "last week") or None."""
    phrase = re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))
    if not phrase:
        return None
    if published is not None:
        if _SAME_DAY.match(phrase):
            return ResolvedDate(published, 1)
        if _YESTERDAY.match(phrase):
            return ResolvedDate(published - timedelta(days=1), 1)
        if re.search(r"\blast week\b", phrase):
            monday = published - timedelta(days=published.weekday() + 7)
            named = [i for i, name in enumerate(WEEKDAYS) if re.search(rf"\b{name}\b", phrase)]
            if len(named) == 1:  # "on Tuesday last week": that day
                return ResolvedDate(monday + timedelta(days=named[0]), 1)
            return ResolvedDate(monday + timedelta(days=3), 2)
        if re.search(r"\b(this|the) week\b", phrase):
            monday = published - timedelta(days=published.weekday())
            if "earlier" in phrase and published.weekday() > 0:  # between Monday and yesterday
                return ResolvedDate(monday + timedelta(days=(published.weekday() - 1) // 2), 2)
            return ResolvedDate(min(monday + timedelta(days=3), published), 2)
        if re.search(r"\b(earlier|early|late|this|last) month\b", phrase):
            month_start = published.replace(day=1)
            if "last month" in phrase:
                month_start = (month_start - timedelta(days=1)).replace(day=1)
            return ResolvedDate(min(_in_month(month_start, phrase), published), 3)
        if m := _AGO.match(phrase):
            from extractors.counts import parse_count

            count = parse_count(m.group("n")) if m.group("n") not in ("a", "an") else None
            n = 1 if count is None else count.value
            if m.group("unit").startswith("day") and n <= 31:
                return ResolvedDate(published - timedelta(days=n), 1)
            if m.group("unit").startswith("week") and n <= 8:
                return ResolvedDate(published - timedelta(days=7 * n), 2)
        words = set(re.findall(r"[a-z]+", phrase))
        weekday = next((i for i, name in enumerate(WEEKDAYS) if name in words), None)
        if weekday is not None and not re.search(r"\d", phrase) and not words & set(MONTHS):
            day = _weekday_on_or_before(published, weekday)
            if "last" in words and day == published:
                day -= timedelta(days=7)
            return ResolvedDate(day, 1)
    return _explicit(phrase, published)


_RANGE_SPLIT = re.compile(r"\s*(?:\bto\b|\band\b|\bthrough\b|\buntil\b|\btill\b|[-–])\s*", re.I)
_MONTH_DAYS = re.compile(
    r"^(?P<month>[a-z]+)\.?\s+(?P<d1>\d{1,2})\s*(?:-|–|to|and|through)\s*(?P<d2>\d{1,2})(?P<year>,?\s+\d{4})?$",
    re.I,
)
_DAYS_MONTH = re.compile(
    r"^(?P<d1>\d{1,2})\s*(?:-|–|to|and)\s*(?P<d2>\d{1,2})\s+(?P<month>[a-z]+)(?P<year>,?\s+\d{4})?$", re.I
)
_PAST_DAYS = re.compile(r"^(?:over |in |during )?(?:the )?(?:past|last) (?P<n>\w+) days$", re.I)
MAX_RANGE_DAYS = 14


def resolve_range(text: str, published: date | None) -> tuple[date, ...] | None:
    """The days of a multi-day span ("from Monday to Wednesday", "March 10-12", "over the weekend")."""
    phrase = re.sub(r"\s+", " ", text.strip().lower())
    phrase = re.sub(r"^(from|between|on|since) ", "", phrase)
    if published is not None and re.fullmatch(r"(over |during |on )?(the )?weekend", phrase):
        sunday = _weekday_on_or_before(published, 6)
        return (sunday - timedelta(days=1), sunday)
    if published is not None and (m := _PAST_DAYS.match(phrase)):
        from extractors.counts import parse_count

        count = parse_count(m.group("n"))
        if count is not None and 2 <= count.value <= MAX_RANGE_DAYS:
            return tuple(published - timedelta(days=i) for i in reversed(range(count.value)))
        return None
    for pattern in (_MONTH_DAYS, _DAYS_MONTH):
        if m := pattern.match(phrase):
            year = (m.group("year") or "").strip(" ,")
            first = resolve_date(f"{m.group('month')} {m.group('d1')} {year}".strip(), published)
            last = resolve_date(f"{m.group('month')} {m.group('d2')} {year}".strip(), published)
            return _days(first, last)
    parts = _RANGE_SPLIT.split(phrase)
    if len(parts) == 2 and all(parts):
        return _days(resolve_date(parts[0], published), resolve_date(parts[1], published))
    return None


def _days(first: ResolvedDate | None, last: ResolvedDate | None) -> tuple[date, ...] | None:
    if first is None or last is None or first.precision != 1 or last.precision != 1:
        return None
    span = (last.day - first.day).days
    if not 1 <= span < MAX_RANGE_DAYS:
        return None
    return tuple(first.day + timedelta(days=i) for i in range(span + 1))


_DAY_ONLY = re.compile(r"\d{1,2}(st|nd|rd|th)")


def _month_length(day: date) -> int:
    return ((day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).day


def _day_of_month(number: int, published: date) -> ResolvedDate | None:
    """ "On the 25th": the latest such day on or before publication (the month before if it is ahead)."""
    month = published.replace(day=1)
    for _ in range(3):
        if number <= _month_length(month) and month.replace(day=number) <= published:
            return ResolvedDate(month.replace(day=number), 1)
        month = (month - timedelta(days=1)).replace(day=1)
    return None


def _explicit(phrase: str, published: date | None) -> ResolvedDate | None:
    """Calendar dates ("Feb. 24", "24 February 2026", "March 2025"), parsed by dateparser."""
    if not re.search(r"\d|\b(?:" + "|".join(rf"{m[:3]}(?:{m[3:]}|t)?" for m in MONTHS) + r")\b\.?", phrase):
        return None  # no number and no month: "a decade" holds "dec" but names no December
    if re.fullmatch(r"(aged |age |around |about |some |nearly )*\d{1,3}( years?( old)?)?", phrase):
        return None  # "men aged around 40" is no date
    cleaned = _NOISE.sub(" ", re.sub(r"\bmid-?", "", phrase)).replace(".", " ").strip(" ,")
    cleaned = re.sub(r"\s+", " ", cleaned)
    if not cleaned or re.fullmatch(r"\d{4}s?|\d+ (days?|weeks?|months?|years?)( ago)?", cleaned):
        if published is not None and (m := re.fullmatch(r"(\d+) days? ago", cleaned)):
            return ResolvedDate(published - timedelta(days=int(m.group(1))), 1)
        return None  # a bare year is vaguer than a month: ACLED does not record it
    has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", cleaned)) or bool(
        re.search(r"\b\d{4}-\d{2}-\d{2}\b", cleaned)
    )
    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "MDY"}
    base = published
    if published is not None and re.search(r"\blast year\b", phrase):
        # "March 15 last year", "in January last year": that day of the year before publication's
        base = date(published.year - 1, 12, 31)
        cleaned = re.sub(r"\byear\b", "", cleaned).strip()
    if base is not None:
        settings["RELATIVE_BASE"] = datetime.combine(base, datetime.min.time())
    if published is not None and _DAY_ONLY.fullmatch(cleaned):
        return _day_of_month(int(re.match(r"\d+", cleaned).group()), published)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if published is not None and day > published + timedelta(days=1):
        return None  # a future date is a plan or a forecast, not an event
    if has_day:
        return ResolvedDate(day, 1)
    month_day = _in_month(day.replace(day=1), phrase)
    if published is not None and month_day > published:
        month_day = max(day.replace(day=1), published)  # "late this month" cannot lie ahead
    return ResolvedDate(month_day, 3)
