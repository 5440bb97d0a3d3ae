"""Shifts against the optimum: the greedy schedule takes at most 5% more agents than HiGHS finds.

The integer program is the one `shifts.schedule` answers. Each open hour needs whole agents at
work, breaks included; a shift is `shift_hours` in a row inside one open stretch (a shorter
stretch is one shift as long as it; round the clock shifts wrap over Sunday midnight); y_s
shifts start at each allowed hour s; W agents at work must cover both the busiest day's shifts
(counted on the day they start) and all shifts over `working_days` each. Minimise W.
"""

from __future__ import annotations

import highspy
import pytest

from advisor.engine.profiles import DEFAULT_PROFILES, FLAT
from advisor.engine.shifts import ShiftRules, schedule, whole_agents
from advisor.engine.week import (
    BUSINESS_HOURS,
    DAYS_PER_WEEK,
    EXTENDED,
    HOURS_PER_DAY,
    HOURS_PER_WEEK,
    ROUND_THE_CLOCK,
    open_stretches,
    opening,
)

FIGURES = {
    "business_day_start": 9,
    "business_day_end": 18,
    "extended_day_start": 8,
    "extended_day_end": 22,
}
RULES = ShiftRules(shift_hours=9, working_days=5, paid_hours=8)
FLOOR = 1
COVERAGES = (BUSINESS_HOURS, EXTENDED, ROUND_THE_CLOCK)
#: How far above the optimum the greedy schedule may land.
SLACK = 1.05


def scaled(weights: tuple[float, ...], peak: float) -> list[float]:
    """Agents each hour needs when the busiest hour needs `peak` and the rest follow the shape."""
    busiest = max(weights)
    return [weight / busiest * peak for weight in weights]


def realistic_needs() -> dict[str, list[float]]:
    """Each default shape (industries sharing one are named together), and a flat week, at a
    small, a mid-sized and a large peak; and a quiet week needing one agent throughout."""
    industries: dict[tuple[float, ...], list[str]] = {}
    for industry, weights in DEFAULT_PROFILES.items():
        industries.setdefault(weights, []).append(industry)
    shapes = {"+".join(names): weights for weights, names in industries.items()}
    shapes["flat"] = FLAT
    needs = {
        f"{name}-{peak}": scaled(weights, peak)
        for name, weights in shapes.items()
        for peak in (3, 12, 40)
    }
    needs["quiet"] = [1.0] * HOURS_PER_WEEK
    return needs


NEEDS = realistic_needs()


def whole_need(need: list[float], open_hours: tuple[bool, ...]) -> list[int]:
    """Whole agents at work each hour needs, breaks included (0 while closed)."""
    return [
        whole_agents(RULES.with_breaks(n, FLOOR)) if is_open else 0
        for n, is_open in zip(need, open_hours, strict=True)
    ]


def allowed_shifts(open_hours: tuple[bool, ...]) -> list[tuple[int, list[int]]]:
    """Every shift `schedule` may use, as (start hour, hours it covers)."""
    shifts = []
    for first, length in open_stretches(open_hours):
        hours = min(RULES.shift_hours, length)
        starts = length if length == HOURS_PER_WEEK else length - hours + 1
        for offset in range(starts):
            start = (first + offset) % HOURS_PER_WEEK
            shifts.append((start, [(start + i) % HOURS_PER_WEEK for i in range(hours)]))
    return shifts


def fewest_agents(need: list[float], open_hours: tuple[bool, ...]) -> float:
    """The optimum W of the integer program, solved by HiGHS and checked to cover the need."""
    whole = whole_need(need, open_hours)
    shifts = allowed_shifts(open_hours)
    agents = len(shifts)  # the column of W, after one column per shift
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("mip_rel_gap", 0.0)
    infinity = highspy.kHighsInf
    for _ in range(agents + 1):
        solver.addVar(0, infinity)
    solver.changeColCost(agents, 1.0)
    solver.changeColsIntegrality(agents, list(range(agents)), [1] * agents)

    def at_least(lower: float, columns: list[int], values: list[float]) -> None:
        solver.addRow(lower, infinity, len(columns), columns, values)

    for hour in range(HOURS_PER_WEEK):
        if whole[hour]:
            covering = [s for s, (_, hours) in enumerate(shifts) if hour in hours]
            at_least(whole[hour], covering, [1.0] * len(covering))
    for day in range(DAYS_PER_WEEK):
        starting = [s for s, (start, _) in enumerate(shifts) if start // HOURS_PER_DAY == day]
        at_least(0, [agents, *starting], [1.0] + [-1.0] * len(starting))
    at_least(0, [agents, *range(agents)], [float(RULES.working_days)] + [-1.0] * agents)
    solver.run()
    assert solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
    counts = [round(y) for y in solver.getSolution().col_value[:agents]]
    at_work = [0] * HOURS_PER_WEEK
    for count, (_, hours) in zip(counts, shifts, strict=True):
        for hour in hours:
            at_work[hour] += count
    assert all(a >= w for a, w in zip(at_work, whole, strict=True))
    return solver.getInfo().objective_function_value


@pytest.mark.parametrize(
    ("coverage", "need", "optimum"),
    [
        # Weekdays 9-18: one 9-hour shift a day, five shifts, one agent.
        (BUSINESS_HOURS, [1.0] * HOURS_PER_WEEK, 1.0),
        # Every day 8-22: two shifts a day for 14 hours, 14 shifts over 5 days each.
        (EXTENDED, [1.0] * HOURS_PER_WEEK, 2.8),
        # Round the clock: 168 hours are 19 shifts at least (18 leave 6 hours bare).
        (ROUND_THE_CLOCK, [1.0] * HOURS_PER_WEEK, 3.8),
        # Two free agents at work take three with breaks: 15 shifts, three a weekday.
        (BUSINESS_HOURS, [2.0] * HOURS_PER_WEEK, 3.0),
    ],
)
def test_the_integer_program_finds_the_optimum_worked_out_by_hand(coverage, need, optimum):
    assert fewest_agents(need, opening(coverage, FIGURES)) == pytest.approx(optimum, abs=1e-9)


@pytest.mark.parametrize("need_name", NEEDS)
@pytest.mark.parametrize("coverage", COVERAGES)
def test_the_greedy_shifts_take_at_most_five_percent_more_agents_than_the_optimum(
    coverage, need_name
):
    open_hours = opening(coverage, FIGURES)
    need = NEEDS[need_name]
    greedy = schedule(need, open_hours, RULES, FLOOR)
    optimum = fewest_agents(need, open_hours)
    whole = whole_need(need, open_hours)
    assert all(a >= w for a, w in zip(greedy.at_work, whole, strict=True))
    assert greedy.agents >= optimum - 1e-6
    assert greedy.agents <= optimum * SLACK, f"greedy {greedy.agents} agents, optimum {optimum}"
