"""Team size: busy-hour load, coverage, shrinkage, floors, pooling, rounding once."""

from __future__ import annotations

import pytest

from advisor.defaults import ASSUMPTION_DEFAULTS
from advisor.engine.staffing import (
    Demand,
    StaffingAssumptions,
    plan,
    round_up,
    team_plan,
)

ASSUMED = StaffingAssumptions.from_values(ASSUMPTION_DEFAULTS)

BASE = {
    "interactions_per_month": 6000,
    "channels": ["email", "chat", "phone"],
    "share_email_percent": 50,
    "share_chat_percent": 30,
    "share_phone_percent": 20,
    "aht_email_minutes": 8,
    "aht_chat_minutes": 10,
    "aht_phone_minutes": 6,
    "chat_concurrency": 2,
    "coverage": "business_hours",
    "languages": 1,
    "service_level_percent": 80,
    "service_level_seconds": 20,
    "first_response_hours": 24,
}


def team(**changes):
    return plan({**BASE, **changes}, ASSUMED)


def test_rounding_happens_once_and_ignores_float_noise():
    assert 21 / 0.7 > 30  # the float trap itself: 30.000000000000004
    assert round_up(21 / 0.7) == 30
    assert round_up(168 / 40 / 0.7) == 6
    assert round_up(30.2) == 31
    assert round_up(0) == 0


def test_a_ticket_workload_follows_the_worked_example():
    # 4,000 emails x 6 minutes = 400 hours of work a month. Weekday business hours are
    # 45 h a week = 195 h a month, so 400 / 195 / 0.85 = 2.41 agents must be on duty;
    # x 45 open hours / 40-hour weeks / (1 - 0.30 shrinkage) = 3.88, so 4 agents.
    demand = Demand(volume_by_channel={"email": 4000}, handling_seconds={"email": 360})
    own = team_plan(demand, ASSUMED, hours_per_week=45)
    assert own.workload_hours == pytest.approx(400)
    assert own.positions == pytest.approx(400 / (45 * 52 / 12) / 0.85)
    assert own.agents == 4
    assert own.team_leads == 0  # one lead per 12 agents; 4 report to the support manager


def test_live_channels_are_staffed_for_the_busiest_hour_with_erlang():
    own = team().own_team
    phone = next(need for need in own.channels if need.channel == "phone")
    average_hour = 1200 / (45 * 52 / 12)
    assert phone.busy_hour_arrivals == pytest.approx(average_hour * 1.5)
    assert phone.queue["service_level"] >= 0.8
    assert phone.queue["occupancy"] <= 0.85
    assert phone.positions == phone.queue["agents"]


def test_round_the_clock_needs_several_times_the_agents_of_business_hours_for_the_same_peak():
    weekday = team(channels=["phone"], interactions_per_month=4000)
    same_peak = team(channels=["phone"], coverage="24_7", interactions_per_month=4000 * 168 / 45)
    assert weekday.own_team.positions == same_peak.own_team.positions
    assert same_peak.own_team.agents >= 3 * weekday.own_team.agents


def test_a_quiet_channel_still_needs_one_person_whenever_it_is_open():
    quiet = team(channels=["phone"], interactions_per_month=30, coverage="24_7")
    phone = quiet.own_team.channels[0]
    assert phone.positions == 1
    assert phone.at_floor
    assert quiet.own_team.agents == round_up(168 / 40 / 0.7) == 6
    assert quiet.shared_hours == pytest.approx(30 * 6 / 60)


def test_one_pool_of_two_queues_needs_fewer_agents_than_two_queues_apart():
    pooling = team(channels=["phone"], interactions_per_month=900).pooling
    assert pooling["channel"] == "phone"
    assert pooling["pooled_two"] < 2 * pooling["alone"]


def test_more_volume_never_needs_fewer_agents():
    counts = [team(interactions_per_month=v).own_team.agents for v in (100, 1000, 5000, 20000)]
    assert counts == sorted(counts)
    assert counts[0] < counts[-1]


def test_a_stricter_service_level_never_needs_fewer_agents():
    loose = team(service_level_percent=70, service_level_seconds=60).own_team.agents
    strict = team(service_level_percent=95, service_level_seconds=10).own_team.agents
    assert strict >= loose


def test_two_chats_at_once_need_fewer_agents_but_not_half():
    one = team(channels=["chat"], chat_concurrency=1, interactions_per_month=20000)
    two = team(channels=["chat"], chat_concurrency=2, interactions_per_month=20000)
    assert two.own_team.positions < one.own_team.positions
    assert two.own_team.positions > one.own_team.positions / 2
    assert two.shared_hours == pytest.approx(one.shared_hours / 1.7)


def test_each_language_is_its_own_queue():
    one = team(channels=["phone"], interactions_per_month=3000).own_team.positions
    three = team(channels=["phone"], interactions_per_month=3000, languages=3).own_team.positions
    assert three > one


def test_callers_who_hang_up_need_no_more_agents_than_erlang_c_counts():
    patient = team(channels=["phone"], interactions_per_month=8000)
    impatient = team(channels=["phone"], interactions_per_month=8000, patience_seconds=60)
    assert impatient.own_team.positions <= patient.own_team.positions
    assert impatient.own_team.channels[0].queue["abandon_share"] > 0


def test_shrinkage_and_hours_turn_positions_into_people():
    own = team().own_team
    expected = own.positions * 45 / 40 / 0.7
    assert own.agents == round_up(expected)
    assert own.team_leads == own.agents // 12


def test_a_short_first_response_target_needs_someone_watching_the_ticket_queue():
    relaxed = team(channels=["email"], interactions_per_month=50, first_response_hours=24)
    urgent = team(channels=["email"], interactions_per_month=50, first_response_hours=1)
    assert relaxed.own_team.positions < 1
    assert urgent.own_team.positions == 1
    assert urgent.own_team.channels[0].at_floor


def test_emails_arriving_after_hours_can_miss_a_first_response_target():
    assert not team(first_response_hours=24).first_response_met_when_closed
    assert team(first_response_hours=72).first_response_met_when_closed
    assert team(coverage="24_7", first_response_hours=1).first_response_met_when_closed


def test_a_hybrid_core_works_business_hours_and_the_shared_team_takes_the_rest():
    weekday = team()
    assert weekday.hybrid_core.hours_per_week == 45
    assert weekday.hybrid_shared_hours == pytest.approx(weekday.shared_hours * 0.15)
    round_the_clock = team(coverage="24_7")
    core_share = 45 / 168 * 0.85
    assert round_the_clock.hybrid_shared_hours == pytest.approx(
        round_the_clock.shared_hours * (1 - core_share)
    )
    assert round_the_clock.hybrid_core.agents < round_the_clock.own_team.agents


def test_channel_shares_are_scaled_over_the_channels_in_use():
    demand = Demand.from_answers({**BASE, "channels": ["email", "phone"]})
    assert demand.volume_by_channel == pytest.approx(
        {"email": 6000 * 50 / 70, "phone": 6000 * 20 / 70}
    )
    no_shares = Demand.from_answers({"interactions_per_month": 90, "channels": ["chat", "phone"]})
    assert no_shares.volume_by_channel == {"chat": 45, "phone": 45}


def test_no_volume_still_gives_a_sane_plan():
    empty = team(interactions_per_month=0)
    assert empty.shared_hours == 0
    assert empty.own_team.agents >= 0
