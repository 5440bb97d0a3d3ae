"""Team size the way a planner works it out: hour by hour, groups of agents, shifts, people."""

from __future__ import annotations

import pytest

from advisor.engine.profiles import DEFAULT_PROFILES, FLAT
from advisor.engine.staffing import (
    THIN_LANGUAGE_GROUPS,
    THIN_LONG_HOURS,
    THIN_MINIMUM_COVER,
    StaffingAssumptions,
    plan,
    round_up,
)
from advisor.engine.week import WEEKS_PER_MONTH
from advisor.rules.defaults import ASSUMPTION_DEFAULTS

BASE = {
    "industry": "saas",
    "interactions_per_month": 6000,
    "channels": ["email", "chat", "phone"],
    "share_email_percent": 50,
    "share_chat_percent": 30,
    "share_phone_percent": 20,
    "aht_email_minutes": 8,
    "aht_chat_minutes": 10,
    "aht_phone_minutes": 6,
    "chat_concurrency": 2,
    "coverage": "extended",
    "languages": 2,
    "languages_per_agent": 1,
    "agent_channels": "all",
    "service_level_percent": 80,
    "service_level_seconds": 20,
    "first_response_hours": 24,
}
#: A week where every hour is as busy as any other: each hour gets 1/168 of the week's contacts.
FLAT_WEEK = {"other": FLAT}


def assumed(**figures: float) -> StaffingAssumptions:
    return StaffingAssumptions.from_values({**ASSUMPTION_DEFAULTS, **figures})


def team(assumptions: StaffingAssumptions | None = None, profiles=None, **changes):
    return plan({**BASE, **changes}, assumptions or assumed(), profiles)


def per_month(per_hour: float) -> float:
    """A monthly volume that puts `per_hour` contacts in every hour of a flat week."""
    return per_hour * 168 * WEEKS_PER_MONTH


def phone_line(per_hour: float, **changes):
    """One phone line, 3-minute calls, 80% answered in 20 s, on a flat week, nobody retrying."""
    return team(
        assumed(closed_retry_percent=0),
        FLAT_WEEK,
        **{
            "industry": "other",
            "channels": ["phone"],
            "aht_phone_minutes": 3,
            "languages": 1,
            "interactions_per_month": per_month(per_hour),
            **changes,
        },
    )


def test_rounding_happens_once_and_ignores_float_noise():
    assert 21 / 0.7 > 30  # the float trap itself: 30.000000000000004
    assert round_up(21 / 0.7) == 30
    assert round_up(30.2) == 31
    assert round_up(0) == 0


def test_every_hour_of_a_flat_week_needs_the_worked_examples_14_agents():
    # The textbook case: 200 calls an hour of 3 minutes is 10 erlangs; 13 agents answer
    # 79.6% in 20 seconds, 14 answer 88.8%, so 14 are needed in every open hour.
    line = phone_line(200, coverage="24_7").own_team
    assert set(line.required) == {14}
    assert min(line.service_level) == pytest.approx(0.8884, abs=1e-4)


def test_a_flat_round_the_clock_line_takes_nineteen_shifts_of_each_agent_a_week():
    # 14 agents an hour, raised to 14 x 9/8 = 15.75, so 16 at work while others take breaks.
    # 168 hours in 9-hour shifts is 19 shifts (the last overlaps the first), 16 deep: 304
    # shifts; at 5 a week that is 60.8 agents at work, / (1 - 30%) = 86.9, so 87 people,
    # and one team lead for each 12 agents: 7.
    line = phone_line(200, coverage="24_7").own_team
    assert min(line.scheduled) == 16
    assert line.agents_at_work == pytest.approx(60.8)
    assert line.agents == 87
    assert line.team_leads == 7


def test_round_the_clock_takes_about_168_over_45_times_the_agents_of_business_hours():
    # The same load in every hour: business hours are 45 hours a week, 24/7 is 168.
    weekday = phone_line(200, coverage="business_hours").own_team
    round_the_clock = phone_line(200, coverage="24_7").own_team
    assert weekday.agents_at_work == pytest.approx(16)  # 16 all day, every weekday
    ratio = round_the_clock.agents_at_work / weekday.agents_at_work
    assert 168 / 45 <= ratio <= 168 / 45 * 1.05  # 3.8: shifts overlap a little round the clock


def test_a_quiet_line_still_has_someone_in_every_open_hour():
    # One call an hour needs one agent; round the clock that is 19 nine-hour shifts a week,
    # 3.8 agents at work and 3.8 / 0.7 = 5.4, so 6 people: "one seat 24/7 is about 6 FTE".
    quiet = phone_line(1, coverage="24_7").own_team
    assert set(quiet.required) == {1}
    assert quiet.agents_at_work == pytest.approx(3.8)
    assert quiet.agents == 6
    quieter = phone_line(0.05, coverage="24_7").own_team
    assert quieter.cover_bound_hours == 168
    assert quieter.channels[0].at_floor


def test_more_volume_never_needs_fewer_agents():
    for coverage in ("business_hours", "extended", "24_7"):
        counts = [
            team(interactions_per_month=v, coverage=coverage).own_team.agents
            for v in (50, 500, 2000, 6000, 12000, 40000, 80000)
        ]
        assert counts == sorted(counts), coverage
        assert counts[0] < counts[-1]


def test_agents_who_work_every_channel_need_fewer_people_than_a_team_per_channel():
    blended = team(agent_channels="all").own_team
    separate = team(agent_channels="one").own_team
    assert blended.agents < separate.agents
    assert blended.agent_groups == 2  # one per language
    assert separate.agent_groups == 6  # a channel in a language each
    # The same contacts and work either way: only idle time differs.
    assert blended.workload_hours == pytest.approx(separate.workload_hours)
    assert blended.utilisation > separate.utilisation


def test_emails_fill_the_idle_time_of_agents_on_calls_and_chats_first():
    live_only = team(channels=["chat", "phone"], share_chat_percent=60, share_phone_percent=40)
    with_emails = team(interactions_per_month=12000)  # the same calls and chats, plus 6,000 emails
    # 6,000 eight-minute emails are 800 hours of work a month, about 4.6 people's productive
    # time; blended into the live team's idle time they add far fewer.
    added = with_emails.own_team.agents - live_only.own_team.agents
    assert 0 <= added < 800 / (40 * WEEKS_PER_MONTH * 0.7)


def test_agents_who_speak_both_languages_need_fewer_people_than_two_language_groups():
    two_groups = team(languages_per_agent=1).own_team
    one_group = team(languages_per_agent=2).own_team
    assert one_group.language_groups == 1
    assert two_groups.language_groups == 2
    assert one_group.agents < two_groups.agents
    # A typical agent speaking more languages than are asked for changes nothing.
    assert team(languages_per_agent=5).own_team.agents == one_group.agents


def test_five_languages_two_to_an_agent_make_three_groups():
    five = team(languages=5, languages_per_agent=2).own_team
    assert five.language_groups == 3  # two pairs and one language alone


def test_a_closed_weekends_emails_miss_a_24_hour_first_response_target():
    # Emails wait for the next open hour. On a flat week, each hour brings 1/168 of them.
    # - Late for sure: sent from Friday 18:00 to Sunday 8:00, they wait more than 24 hours
    #   for Monday 9:00: 6 + 24 + 9 = 39 hours' worth.
    # - Late at most also: Friday 10:00-17:00's, due on Saturday (8 hours), unless answered on
    #   Friday; Sunday 9:00-17:00's, due on Monday morning before a working day has passed
    #   (9 hours), unless answered first thing. So 39 to 56 of 168.
    staffing = team(
        assumed(),
        FLAT_WEEK,
        industry="other",
        channels=["email"],
        coverage="business_hours",
        first_response_hours=24,
    )
    assert 39 / 168 <= staffing.emails_late_share <= 56 / 168
    assert not staffing.first_response_met_when_closed
    assert staffing.closed_stretch_hours == 63  # Friday 18:00 to Monday 9:00
    # With 72 hours even the weekend's first email (63 hours' wait) is answered in time.
    relaxed = team(
        assumed(),
        FLAT_WEEK,
        industry="other",
        channels=["email"],
        coverage="business_hours",
        first_response_hours=72,
    )
    assert relaxed.emails_late_share == pytest.approx(0, abs=1e-9)
    assert relaxed.first_response_met_when_closed


def test_a_stricter_first_response_target_never_needs_fewer_agents_round_the_clock():
    agents = [
        team(channels=["email"], coverage="24_7", first_response_hours=hours).own_team.agents
        for hours in (168, 72, 24, 8, 4, 1)
    ]
    assert agents == sorted(agents)


def test_calls_while_closed_are_partly_tried_again_and_the_rest_are_lost():
    # Flat week, business hours: 123 of 168 hours are closed; half of their callers try again.
    volume = per_month(10)
    staffing = team(
        assumed(closed_retry_percent=50),
        FLAT_WEEK,
        industry="other",
        channels=["phone"],
        coverage="business_hours",
        interactions_per_month=volume,
    )
    assert staffing.closed_lost_per_month == pytest.approx(volume * 123 / 168 / 2)
    assert staffing.closed_retried_per_month == pytest.approx(volume * 123 / 168 / 2)
    phone = staffing.own_team.channels[0]
    assert phone.volume_per_month == pytest.approx(volume)
    assert phone.handled_per_month == pytest.approx(volume - staffing.closed_lost_per_month)


def test_a_short_first_response_target_needs_someone_watching_the_ticket_queue():
    relaxed = team(channels=["email"], interactions_per_month=50, first_response_hours=24)
    urgent = team(channels=["email"], interactions_per_month=50, first_response_hours=1)
    assert (
        min(
            r
            for r, o in zip(relaxed.own_team.required, relaxed.own_team.open_hours, strict=True)
            if o
        )
        < 1
    )
    assert all(
        r >= 1
        for r, o in zip(urgent.own_team.required, urgent.own_team.open_hours, strict=True)
        if o
    )


def test_a_hybrid_core_works_business_hours_and_the_shared_team_takes_the_other_hours():
    # Flat week round the clock: the core's 45 business hours keep 45/168 of the calls (no
    # hour is busier than another, so none overflow); the shared team takes the other 123.
    volume = per_month(20)
    staffing = phone_line(20, coverage="24_7")
    assert staffing.hybrid_core.hours_per_week == 45
    assert staffing.hybrid_shared_volume == pytest.approx(volume * 123 / 168)
    assert staffing.hybrid_shared_hours == pytest.approx(volume * 123 / 168 * 3 / 60)
    assert staffing.hybrid_core.agents < staffing.own_team.agents


def test_a_hybrid_core_hands_its_busiest_hours_overflow_to_the_shared_team():
    staffing = team(coverage="business_hours", channels=["phone"])
    core, own = staffing.hybrid_core, staffing.own_team
    assert core.hours_per_week == own.hours_per_week == 45
    assert 0 < staffing.hybrid_shared_volume < 0.2 * staffing.volume_per_month
    assert core.agents <= own.agents


def test_an_own_team_busy_too_little_says_why():
    thin = team(interactions_per_month=300, coverage="24_7", languages=3).own_team
    assert thin.utilisation < 0.5
    assert {THIN_MINIMUM_COVER, THIN_LANGUAGE_GROUPS, THIN_LONG_HOURS} <= set(thin.thin_reasons)
    busy = team(interactions_per_month=40000, languages_per_agent=2).own_team
    assert busy.utilisation >= 0.5
    assert busy.thin_reasons == []


@pytest.mark.parametrize("industry", sorted(DEFAULT_PROFILES))
@pytest.mark.parametrize("coverage", ["business_hours", "extended", "24_7"])
def test_from_a_few_thousand_contacts_agents_are_busy_half_their_time_or_the_plan_says_why(
    industry, coverage
):
    for volume in (3000, 10000, 50000):
        for channels in (["email"], ["chat", "phone"], ["email", "chat", "phone"]):
            own = team(
                industry=industry,
                coverage=coverage,
                interactions_per_month=volume,
                channels=channels,
                languages=1,
            ).own_team
            assert own.utilisation >= 0.5 or own.thin_reasons, (volume, channels)
            assert own.utilisation <= 0.95


def test_the_week_is_kept_hour_by_hour_for_the_picture():
    staffing = team()
    for plan_ in (staffing.own_team, staffing.hybrid_core):
        assert len(plan_.required) == len(plan_.scheduled) == len(plan_.service_level) == 168
        for need, at_work, is_open in zip(
            plan_.required, plan_.scheduled, plan_.open_hours, strict=True
        ):
            assert at_work >= need - 1e-9
            assert is_open or at_work == 0
    open_levels = [s for s in staffing.own_team.service_level if s is not None]
    assert min(open_levels) >= 0.8


def test_a_team_big_enough_delivers_the_target_and_says_how_many_are_spare():
    needed = team().own_team.agents
    today = team(existing_team_agents=needed + 3).today
    assert today.spare_agents == 3
    assert today.uncovered_hours == 0
    assert today.service_level >= 0.8


def test_a_team_too_small_leaves_quiet_hours_uncovered_and_misses_the_target():
    needed = team().own_team.agents
    today = team(existing_team_agents=needed // 2).today
    assert today.spare_agents == 0
    assert today.share_of_plan == pytest.approx(needed // 2 * 0.7 / team().own_team.agents_at_work)
    assert today.uncovered_hours > 0
    assert today.service_level < 0.8
    assert team(existing_team_agents=0).today is None


def test_no_volume_still_gives_a_sane_plan():
    empty = team(interactions_per_month=0)
    assert empty.shared_hours == 0
    assert empty.own_team.agents >= 0
