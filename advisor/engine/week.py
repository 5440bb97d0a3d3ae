"""The week as 168 hours: when support is open, and how a month's contacts spread over it.

Hour 0 is Monday 00:00-01:00, hour 167 Sunday 23:00-24:00. A week wraps around: the hour after
Sunday 23:00 is Monday 00:00, so a night that starts on Sunday ends on Monday morning.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

HOURS_PER_DAY = 24
DAYS_PER_WEEK = 7
HOURS_PER_WEEK = HOURS_PER_DAY * DAYS_PER_WEEK
WEEKS_PER_MONTH = 52 / 12
WEEKDAYS = range(5)
BUSINESS_HOURS, EXTENDED, ROUND_THE_CLOCK = "business_hours", "extended", "24_7"


NIGHT_ENDS, NIGHT_STARTS = 6, 22
#: Nights (22:00 to 6:00) and weekends: the hours staff are paid extra for, and providers charge
#: more for.
OUT_OF_HOURS = tuple(
    day >= len(WEEKDAYS) or hour < NIGHT_ENDS or hour >= NIGHT_STARTS
    for day in range(DAYS_PER_WEEK)
    for hour in range(HOURS_PER_DAY)
)


def hour_of_week(day: int, hour: int) -> int:
    return day * HOURS_PER_DAY + hour


def opening(coverage: str, figures: Mapping[str, float]) -> tuple[bool, ...]:
    """Which of the 168 hours support is open for a coverage answer.

    Business hours: weekdays from `business_day_start` to `business_day_end`; extended
    hours: every day from `extended_day_start` to `extended_day_end`; 24/7: every hour.
    """
    if coverage == ROUND_THE_CLOCK:
        return (True,) * HOURS_PER_WEEK
    if coverage == EXTENDED:
        days = range(DAYS_PER_WEEK)
        start, end = figures["extended_day_start"], figures["extended_day_end"]
    else:
        days = WEEKDAYS
        start, end = figures["business_day_start"], figures["business_day_end"]
    return _daily_window(days, int(start), int(end))


def _daily_window(days: range, start: int, end: int) -> tuple[bool, ...]:
    open_hours = {hour_of_week(day, hour) for day in days for hour in range(start, end)}
    return tuple(h in open_hours for h in range(HOURS_PER_WEEK))


def core_opening(coverage: str, figures: Mapping[str, float]) -> tuple[bool, ...]:
    """The hours a hybrid's core team works: business hours, within the coverage asked."""
    asked = opening(coverage, figures)
    business = opening(BUSINESS_HOURS, figures)
    return tuple(a and b for a, b in zip(asked, business, strict=True))


def spread(volume_per_month: float, weights: Sequence[float]) -> list[float]:
    """Contacts arriving in each hour of an average week of a month with this volume."""
    total = sum(weights)
    per_week = volume_per_month / WEEKS_PER_MONTH
    return [per_week * weight / total for weight in weights]


def longest_closed_stretch(open_hours: Sequence[bool]) -> int:
    """The most hours in a row support is closed (Friday evening to Monday morning, say)."""
    if all(open_hours):
        return 0
    if not any(open_hours):
        return HOURS_PER_WEEK
    longest = run = 0
    for is_open in list(open_hours) * 2:  # twice round, so a stretch over Sunday night counts
        run = 0 if is_open else run + 1
        longest = max(longest, run)
    return longest


# The week's shape is asked for again and again with the same few openings: keep the answers.
@functools.lru_cache(maxsize=64)
def hours_until_open(open_hours: tuple[bool, ...]) -> tuple[int, ...]:
    """For each hour, how many hours until support is next open (0 when it is open)."""
    waits = [0] * HOURS_PER_WEEK
    if not any(open_hours):
        return (HOURS_PER_WEEK,) * HOURS_PER_WEEK
    wait = 0
    for h in reversed(range(2 * HOURS_PER_WEEK)):  # twice round, so Sunday sees Monday
        wait = 0 if open_hours[h % HOURS_PER_WEEK] else wait + 1
        if h < HOURS_PER_WEEK:
            waits[h] = wait
    return tuple(waits)


@functools.lru_cache(maxsize=64)
def open_stretches(open_hours: tuple[bool, ...]) -> tuple[tuple[int, int], ...]:
    """Each run of open hours as (first hour, length); a run over Sunday midnight is one run.

    Round the clock is one stretch of 168 hours starting at hour 0 (it has no edge).
    """
    if all(open_hours):
        return ((0, HOURS_PER_WEEK),)
    first_closed = open_hours.index(False)
    stretches = []
    start, length = None, 0
    for offset in range(1, HOURS_PER_WEEK + 1):
        h = (first_closed + offset) % HOURS_PER_WEEK
        if open_hours[h]:
            start = h if start is None else start
            length += 1
        elif start is not None:
            stretches.append((start, length))
            start, length = None, 0
    return tuple(stretches)
