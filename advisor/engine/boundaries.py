"""The nearest values of one number, above and below an answer, at which the winner changes.

The search walks outwards over candidate points (rule thresholds and a ladder, or every point
of a small range) until the winner differs, then bisects on the question's grid to the edge.
Plain Python: the caller supplies `winner_at`, which runs the whole advice for one answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from advisor.engine.scoring import Rule

#: The ladder above the current value, as multiples of it (then the range's top): dense near
#: the answer, where costs that step with each agent can flip the winner in narrow windows.
_LADDER_UP = (1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.4, 1.5, 1.6, 1.8, 2, 2.5, 3, 4, 5, 7, 10, 30, 100)
#: The ladder below the current value, as fractions of it (then the range's bottom).
_LADDER_DOWN = (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1)
#: A question with at most this many values is tried at each; a larger one (languages, 1 to
#: 50) by the ladder and its rules' thresholds, then bisected: each plan of a team takes
#: milliseconds, and most of a range changes nothing.
EVERY_POINT_AT_MOST = 12
#: The precision a boundary is found to, per kind of question.
STEP = {"integer": 1, "money": 1, "number": 0.1}
_DIGITS = 6


class BudgetSpentError(Exception):
    """No more pipeline runs are allowed for this question (or for the whole search)."""


@dataclass(frozen=True)
class Change:
    """With the answer at `value`, `winner` would be recommended (None: every option ruled out)."""

    value: Any
    winner: str | None


class NumberSearch:
    """The nearest boundaries above and below one number, on the question's own grid."""

    def __init__(
        self,
        *,
        key: str,
        kind: str,
        bounds: tuple[float | None, float | None],
        value: float,
        current: str | None,
        winner_at: Callable[[Any], str | None],
        budget: int,
    ):
        """`winner_at(answer)` runs the pipeline, or raises BudgetSpentError when it may not."""
        self.key, self.kind, self.value = key, kind, value
        self.step = STEP.get(kind, 1)
        low, high = bounds
        self.low = low if low is not None else min(0, value)
        self.high = high if high is not None else max(100 * value, 100)
        self.current = current
        self.winner_at = winner_at
        self.budget = budget

    def _typed(self, number: float) -> float | int:
        number = round(number, _DIGITS)
        return int(number) if self.kind == "integer" else float(number)

    def _snap(self, number: float) -> float | int:
        return self._typed(round(number / self.step) * self.step)

    def _thresholds(self, rules: tuple[Rule, ...]) -> set[float]:
        """Each value a rule compares this answer with, and one step either side of it."""
        points: set[float] = set()
        for rule in rules:
            if rule.question != self.key:
                continue
            values = rule.value if isinstance(rule.value, list | tuple) else [rule.value]
            for threshold in values:
                points.update(threshold + offset for offset in (-self.step, 0, self.step))
        return points

    def _in_range(self, points: Iterable[float]) -> set[float | int]:
        return {self._typed(p) for p in points if self.low <= p <= self.high}

    def _every_point(self) -> set[float | int] | None:
        """The whole grid when it is small enough to try every point (chats at once)."""
        count = (self.high - self.low) / self.step + 1
        if count > min(self.budget, EVERY_POINT_AT_MOST):
            return None
        return self._in_range(self.low + index * self.step for index in range(int(count) + 1))

    def candidates_above(self, rules: tuple[Rule, ...]) -> list[float | int]:
        points = self._every_point()
        if points is None:
            base = self.value if self.value > 0 else self.step
            ladder = {self._snap(base * factor) for factor in _LADDER_UP}
            points = self._in_range({*self._thresholds(rules), *ladder, self.high})
        return sorted(p for p in points if p > self.value)

    def candidates_below(self, rules: tuple[Rule, ...]) -> list[float | int]:
        points = self._every_point()
        if points is None:
            ladder = {self._snap(self.value * fraction) for fraction in _LADDER_DOWN}
            points = self._in_range({*self._thresholds(rules), *ladder, self.low})
        return sorted((p for p in points if p < self.value), reverse=True)

    def nearest(self, candidates: list[float | int]) -> Change | None:
        """Walk outwards to the first point with another winner, then close in on the edge."""
        near = self.value
        try:
            for point in candidates:
                found = self.winner_at(point)
                if found != self.current:
                    return self._bisect(near, point, found)
                near = point
        except BudgetSpentError:
            return None
        return None

    def _bisect(self, same: float, other: float, winner: str | None) -> Change:
        """`same` keeps the current winner, `other` does not: the grid point next to the edge."""
        while (middle := self._between(same, other)) is not None:
            found = self.winner_at(middle)
            if found == self.current:
                same = middle
            else:
                other, winner = middle, found
        return Change(other, winner)

    def _between(self, a: float, b: float) -> float | int | None:
        """A grid point strictly between a and b, near the middle; None when there is none."""
        low, high = min(a, b), max(a, b)
        middle = self._snap((low + high) / 2)
        if middle <= low:
            middle = self._typed(middle + self.step)
        elif middle >= high:
            middle = self._typed(middle - self.step)
        return middle if low < middle < high else None
