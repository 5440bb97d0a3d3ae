"""When in the week customers contact support: 168 hourly weights, one shape per industry.

A weight is how busy an hour is relative to the others; only their proportions matter. The
default shapes are a day's curve times a weekday factor, drawn from published contact-centre
volume patterns: Monday 1.2-1.4 times the average weekday, Friday 1.0-1.2, a weekend day
0.5-0.8 of a weekday, the busiest half-hour 2.5-4 times the quietest open one; gaming peaks
from 18:00 to 22:00 and at weekends (see DESIGN.md). Admins edit the copies stored in the
database; these are what a fresh install starts from and what an industry without its own
profile uses.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from advisor.engine.week import HOURS_PER_WEEK

#: A day's curve, 00:00 to 23:00, for each shape.
_OFFICE_DAY = (
    0.5, 0.3, 0.2, 0.2, 0.2, 0.4, 1, 3, 6, 9, 10, 10,
    8.5, 9, 10, 9.5, 8.5, 7, 4.5, 3, 2.5, 2, 1.5, 1,
)  # fmt: skip
_CONSUMER_DAY = (
    1.5, 0.8, 0.5, 0.4, 0.4, 0.6, 1.2, 2.5, 4.5, 6.5, 8, 9,
    9, 8.5, 8, 7.5, 7.5, 8, 9, 9.5, 9, 7.5, 5, 3,
)  # fmt: skip
_GAMING_DAY = (
    6, 4.5, 3, 2, 1.5, 1, 1, 1.5, 2, 2.5, 3, 3.5,
    4, 4.5, 5, 5.5, 6.5, 7.5, 9, 10, 10, 10, 9.5, 8,
)  # fmt: skip
_FINANCE_DAY = (
    2.5, 2, 1.5, 1.5, 1.5, 2, 3, 4.5, 7, 8.5, 9.5, 10,
    9.5, 9.5, 9.5, 9, 8.5, 8, 7, 6.5, 6, 5, 4, 3,
)  # fmt: skip

#: Monday to Sunday.
_OFFICE_WEEK = (1.3, 1.15, 1.1, 1.05, 0.95, 0.35, 0.3)
_CONSUMER_WEEK = (1.2, 1.0, 1.0, 1.0, 1.05, 0.8, 0.75)
_GAMING_WEEK = (0.9, 0.85, 0.85, 0.9, 1.05, 1.3, 1.25)
_FINANCE_WEEK = (1.2, 1.05, 1.0, 1.0, 1.05, 0.75, 0.7)


def _shape(day: Sequence[float], week: Sequence[float]) -> tuple[float, ...]:
    return tuple(round(factor * weight, 3) for factor in week for weight in day)


OFFICE = _shape(_OFFICE_DAY, _OFFICE_WEEK)
CONSUMER = _shape(_CONSUMER_DAY, _CONSUMER_WEEK)
GAMING = _shape(_GAMING_DAY, _GAMING_WEEK)
FINANCE = _shape(_FINANCE_DAY, _FINANCE_WEEK)
FLAT = (1.0,) * HOURS_PER_WEEK

#: The shape each industry answer starts from, and what each shape is called.
DEFAULT_PROFILES: dict[str, tuple[float, ...]] = {
    "consumer_goods": CONSUMER,
    "ecommerce": CONSUMER,
    "saas": OFFICE,
    "fintech": FINANCE,
    "gaming": GAMING,
    "other_it": OFFICE,
    "other": CONSUMER,
}
#: The profile used when an industry has none of its own.
FALLBACK = "other"


class ProfileError(ValueError):
    """Weights that cannot describe a week: `code` says what is wrong, `params` where."""

    def __init__(self, code: str, **params: object):
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params


def check_weights(weights: Sequence[float]) -> tuple[float, ...]:
    """The weights as floats, or ProfileError: 168 finite numbers, none negative, not all 0.

    Codes: "hours" (not 168 of them), "not_a_number", "negative" (or not finite), "all_zero".
    """
    if len(weights) != HOURS_PER_WEEK:
        raise ProfileError("hours", count=len(weights))
    numbers = []
    for hour, weight in enumerate(weights):
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise ProfileError("not_a_number", hour=hour)
        if not math.isfinite(weight) or weight < 0:
            raise ProfileError("negative", hour=hour)
        numbers.append(float(weight))
    if not any(numbers):
        raise ProfileError("all_zero")
    return tuple(numbers)


def profile_for(industry: str | None, profiles: dict[str, Sequence[float]]) -> Sequence[float]:
    """The weights for an industry answer, from `profiles` (the admin's) or the defaults."""
    for key in (industry, FALLBACK):
        if key in profiles:
            return profiles[key]
        if key in DEFAULT_PROFILES:
            return DEFAULT_PROFILES[key]
    return FLAT
