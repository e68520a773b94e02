"""Counts in digits and words, and dates relative to publication: the helpers behind every event."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.counts import parse_count
from extractors.dates import resolve_date
from schemas import CountQualifier as Q


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("420", 420, Q.EXACT),
        ("some 420", 420, Q.ABOUT),
        ("39", 39, Q.EXACT),
        ("more than two dozen", 24, Q.MORE_THAN),
        ("at least thirty-nine", 39, Q.AT_LEAST),
        ("1,200", 1200, Q.EXACT),
        ("nearly 200", 200, Q.ABOUT),
        ("up to 8", 8, Q.UP_TO),
        ("one hundred and twenty", 120, Q.EXACT),
        ("a dozen", 12, Q.ABOUT),
        ("dozens", 12, Q.AT_LEAST),
        ("hundreds of", 100, Q.AT_LEAST),
        ("several", 3, Q.ABOUT),
        ("over 50", 50, Q.MORE_THAN),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_parse_count(text, value, qualifier):
    count = parse_count(text)
    assert count is not None
    assert (count.value, count.qualifier) == (value, qualifier)


@pytest.mark.parametrize("text", ["", "the", "drones", "Thursday"])
def test_parse_count_rejects_non_numbers(text):
    assert parse_count(text) is None


THURSDAY = date(2026, 2, 26)


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("Thursday", date(2026, 2, 26), 1),
        ("Wednesday", date(2026, 2, 25), 1),
        ("late Saturday", date(2026, 2, 21), 1),
        ("Sunday morning", date(2026, 2, 22), 1),
        ("overnight", date(2026, 2, 26), 1),
        ("yesterday", date(2026, 2, 25), 1),
        ("Feb. 24", date(2026, 2, 24), 1),
        ("Feb. 24, 2026", date(2026, 2, 24), 1),
        ("last week", date(2026, 2, 19), 2),
        ("earlier this month", date(2026, 2, 1), 3),  # "early" in a month: its first day (codebook §7)
        ("this month", date(2026, 2, 15), 3),
        ("late last month", date(2026, 1, 31), 3),
        ("mid-January", date(2026, 1, 15), 3),
        ("earlier this week", date(2026, 2, 24), 2),  # Monday to Wednesday, coded to its middle
        ("two days ago", date(2026, 2, 24), 1),
        ("three weeks ago", date(2026, 2, 5), 2),
        ("March 15 last year", date(2025, 3, 15), 1),
        ("the 30th", date(2026, 1, 30), 1),  # a day of the month still ahead: the month before
        ("at the end of January", date(2026, 1, 31), 3),
        ("the beginning of February", date(2026, 2, 1), 3),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_resolve_date_against_publication(text, day, precision):
    resolved = resolve_date(text, THURSDAY)
    assert resolved is not None
    assert (resolved.day, resolved.precision) == (day, precision)


@pytest.mark.parametrize(
    "text", ["2024", "four years", "the fifth year", "March 30, 2026", "a decade", "a decade ago"]
)
def test_vague_or_future_dates_are_not_resolved(text):
    # a bare year is vaguer than a month; a date after publication is a plan, not an event
    assert resolve_date(text, THURSDAY) is None
