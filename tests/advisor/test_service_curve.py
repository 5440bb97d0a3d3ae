"""Service level against agents for one queue, around the fewest agents who meet the target."""

from __future__ import annotations

import pytest

from advisor.engine.service_curve import ServiceCurve, service_curve

#: The textbook queue: 200 calls an hour of 3 minutes (10 erlangs), 80% answered within 20 s.
TEXTBOOK = {
    "arrivals_per_hour": 200,
    "handling_seconds": 180,
    "target_share": 0.8,
    "target_seconds": 20,
}


def levels(curve: ServiceCurve) -> dict[int, float]:
    return {point.agents: point.service_level for point in curve.points}


def test_the_textbook_queue_needs_14_agents_as_13_answer_just_under_80_percent():
    curve = service_curve(**TEXTBOOK)
    assert curve.needed == 14
    assert levels(curve)[13] == pytest.approx(0.796, abs=5e-4)
    assert levels(curve)[14] == pytest.approx(0.888, abs=5e-4)


def test_the_curve_runs_three_agents_either_side_and_only_climbs():
    curve = service_curve(**TEXTBOOK)
    assert [point.agents for point in curve.points] == list(range(11, 18))
    shares = [point.service_level for point in curve.points]
    assert shares == sorted(shares)
    assert shares[-1] < 1


def test_no_more_agents_than_erlangs_answer_no_one_in_time_without_patience():
    assert levels(service_curve(**TEXTBOOK, spread=5))[10] == 0.0


def test_callers_who_hang_up_leave_more_of_the_rest_answered_in_time():
    patient = levels(service_curve(**TEXTBOOK))
    impatient = levels(service_curve(**TEXTBOOK, patience_seconds=60))
    assert impatient[12] > patient[12]


def test_a_quiet_queue_starts_at_one_agent():
    curve = service_curve(**{**TEXTBOOK, "arrivals_per_hour": 2})
    assert curve.needed == 1
    assert [point.agents for point in curve.points] == [1, 2, 3, 4]


def test_a_queue_with_no_arrivals_has_no_curve():
    assert service_curve(**{**TEXTBOOK, "arrivals_per_hour": 0}) == ServiceCurve(0, ())
