"""Queueing models: published Erlang figures, exact cross-checks, extremes, monotony, traps."""

from __future__ import annotations

import itertools
import math
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest

from advisor.engine import erlang_a
from advisor.engine.queueing import (
    DEFAULT_CHAT_SPEEDUP,
    QueueStats,
    agents_needed,
    chat_speedup,
    erlang_b,
    erlang_c,
    queue_stats,
    traffic_erlangs,
)

#: The worked example used across the workforce-planning literature: 100 calls in 30 minutes,
#: 3-minute handling, 80% of calls answered in 20 seconds.
EXAMPLE = {"arrivals_per_hour": 200, "handling_seconds": 180, "target_seconds": 20}
FIELDS = ("service_level", "asa_seconds", "occupancy", "wait_probability", "abandon_share")


def need(arrivals, handling, share=0.8, seconds=20, **options) -> int:
    return agents_needed(
        arrivals_per_hour=arrivals,
        handling_seconds=handling,
        target_share=share,
        target_seconds=seconds,
        **options,
    ).agents


def stats(agents, arrivals, handling, seconds=20, **options) -> QueueStats:
    return queue_stats(
        agents,
        arrivals_per_hour=arrivals,
        handling_seconds=handling,
        target_seconds=seconds,
        **options,
    )


def traffic_at(probability, agents, formula):
    """The traffic at which `formula(agents, traffic)` reaches `probability` (bisection)."""
    low, high = 0.0, float(agents)
    for _ in range(100):
        middle = (low + high) / 2
        if formula(agents, middle) < probability:
            low = middle
        else:
            high = middle
    return low


def as_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


# --- published figures ---------------------------------------------------------------------


def test_the_worked_example_matches_the_published_erlang_c_figures():
    # CRAN package ErlangC 0.1.0, README "Example" (https://CRAN.R-project.org/package=ErlangC,
    # mirrored at https://stat.ethz.ch/CRAN/web/packages/ErlangC/readme/README.html):
    # erlang_c(100 calls, 30 minutes, 180 s, 20 s, 14 agents) gives traffic 10,
    # wait_probability 0.1741319, service_level 0.88835, average_speed_of_answer
    # 7.83593701177724 s, occupancy 0.7142857, and calculate_agents(..., 0.8, ...) 14 agents.
    # (This is the Call Centre Helper worked example; its own page was not in the corpus.)
    assert traffic_erlangs(200, 180) == 10
    fourteen = stats(14, 200, 180)
    assert fourteen.wait_probability == pytest.approx(0.1741319, abs=5e-8)
    assert fourteen.service_level == pytest.approx(0.88835, abs=5e-6)
    assert fourteen.asa_seconds == pytest.approx(7.83593701177724, rel=1e-12)
    assert fourteen.occupancy == pytest.approx(0.7142857, abs=5e-8)
    assert agents_needed(**EXAMPLE, target_share=0.8) == fourteen


def test_the_erlang_uplift_example_needs_28_advisors_for_23_erlangs():
    # "Erlang uplift", http://www.jonesthenet.com/budgeting/service-levels-erlang/erlang-uplift/:
    # an average hour of 250 calls at 330 s AHT is "250 x 330 / 3600 = 22.9" erlangs, and
    # Erlang "thinks we need 28 advisors to answer 80% of calls in 30 seconds".
    assert round(traffic_erlangs(250, 330), 1) == 22.9
    assert need(250, 330, share=0.8, seconds=30) == 28


def test_erlang_b_carries_the_published_8_108_erlangs_on_15_lines_at_1_percent():
    # Westbay Erlang calculator manual, "How much traffic?",
    # https://erlang.com/calculatormanual/howmuchtrafficcanatrunkgrouphandle.htm: 15 lines at
    # one call in a hundred blocked carry "a maximum level of traffic of 8.108 Erlangs".
    assert round(traffic_at(0.01, 15, erlang_b), 3) == 8.108


def test_erlang_c_matches_the_published_queueing_table():
    # J. Dunlop, D. Girma, J. Irvine, "Digital Mobile Communications and the TETRA System",
    # Appendix A.4 "Erlang C table (for blocked-calls-queued)", p. 424, as reproduced at
    # https://ro.scribd.com/document/325651828/Erlang-C-pdf: 8 channels with 5% of calls
    # delayed carry A = 3.87 erlangs; 1% delayed needs 10 channels, at A = 4.08 erlangs.
    assert round(traffic_at(0.05, 8, erlang_c), 2) == 3.87
    assert round(traffic_at(0.01, 10, erlang_c), 2) == 4.08
    assert round(traffic_at(0.01, 9, erlang_c), 2) < 3.87  # 9 channels would not do
    # The same example: at 3.87 erlangs, queued calls wait beyond one mean holding time with
    # probability 0.016 on 8 channels and 0.0022 on 10.
    for agents, published in ((8, 0.016), (10, 0.0022)):
        held = stats(agents, 3.87 * 3600 / 180, 180, seconds=180)
        beyond = (1 - held.service_level) / held.wait_probability
        assert beyond == pytest.approx(published, abs=published / 20)


# --- independent exact computations --------------------------------------------------------


def exact_erlang_c(agents: int, traffic: Fraction) -> tuple[Fraction, Fraction]:
    """Erlang B and C by the textbook factorial formulas, in exact rational arithmetic."""
    terms = [traffic**k / math.factorial(k) for k in range(agents + 1)]
    blocking = terms[-1] / sum(terms)
    top = terms[-1] * agents / (agents - traffic)
    return blocking, top / (sum(terms[:-1]) + top)


@pytest.mark.parametrize(
    ("agents", "arrivals", "handling"),
    [(1, 7, 300), (2, 50, 120), (5, 61, 222), (14, 200, 180), (30, 873, 111), (60, 1999, 97)],
)
def test_erlang_b_and_c_agree_with_exact_factorial_formulas(agents, arrivals, handling):
    traffic = Fraction(arrivals * handling, 3600)
    blocking, waiting = exact_erlang_c(agents, traffic)
    assert erlang_b(agents, float(traffic)) == pytest.approx(float(blocking), rel=1e-12)
    assert erlang_c(agents, float(traffic)) == pytest.approx(float(waiting), rel=1e-12)
    result = stats(agents, arrivals, handling, seconds=15)
    spare = float(agents - traffic)
    assert result.wait_probability == pytest.approx(float(waiting), rel=1e-12)
    assert result.service_level == pytest.approx(
        1 - float(waiting) * math.exp(-spare * 15 / handling), rel=1e-12
    )
    assert result.asa_seconds == pytest.approx(float(waiting) * handling / spare, rel=1e-12)


@pytest.mark.parametrize(("agents", "traffic"), [(3400, 3333.3), (10080, 10000.0)])
def test_erlang_b_and_c_agree_with_log_space_factorials_for_thousands_of_erlangs(agents, traffic):
    logs = [k * math.log(traffic) - math.lgamma(k + 1) for k in range(agents + 1)]
    top = max(logs)
    weights = [math.exp(value - top) for value in logs]
    blocking = weights[-1] / math.fsum(weights)
    spare = agents / (agents - traffic)
    waiting = weights[-1] * spare / (math.fsum(weights[:-1]) + weights[-1] * spare)
    assert erlang_b(agents, traffic) == pytest.approx(blocking, rel=1e-9)
    assert erlang_c(agents, traffic) == pytest.approx(waiting, rel=1e-9)


def exact_erlang_a(agents, traffic, rate, target, states=40):
    """Erlang A exactly: rational chain weights and a partial-fraction phase-type law.

    `traffic`, `rate` (handling / patience) and `target` are in handling times, as Fractions.
    A caller behind j others waits a sum of exponential stages with distinct rates
    r_i = N + i·g; its density is sum_i c_i r_i e^(-r_i s) with c_i = prod_(k != i)
    r_k / (r_k - r_i). Answered within T: the integral of that density times e^(-g s) (still
    patient) over [0, T], with the exponentials taken to 60 digits.
    """
    weights = [Fraction(1)]
    for present in range(1, agents + states + 1):
        served = min(present, agents) + max(present - agents, 0) * rate
        weights.append(weights[-1] * traffic / served)
    total = sum(weights)
    share = [weight / total for weight in weights]
    in_time = as_decimal(sum(share[:agents]))
    hang_ups, answer_wait = Fraction(0), Fraction(0)
    with localcontext() as context:
        context.prec = 60
        for ahead in range(states + 1):
            rates = [agents + i * rate for i in range(ahead + 1)]
            for i, stage in enumerate(rates):
                c = math.prod((r / (r - stage) for k, r in enumerate(rates) if k != i), start=1)
                kept = c * stage / (stage + rate)
                late = (-as_decimal((stage + rate) * target)).exp()
                in_time += as_decimal(share[agents + ahead] * kept) * (1 - late)
                answer_wait += share[agents + ahead] * kept / (stage + rate)
            hang_ups += share[agents + ahead] * ahead * rate
    abandon = hang_ups / traffic
    return {
        "service_level": float(in_time),
        "wait_probability": float(1 - sum(share[:agents])),
        "abandon_share": float(abandon),
        "asa_handlings": float(answer_wait / (1 - abandon)),
    }


@pytest.mark.parametrize(
    ("agents", "arrivals", "handling", "target", "patience"),
    [(2, 40, 180, 60, 360), (3, 60, 120, 20, 60), (1, 15, 240, 30, 120)],
)
def test_erlang_a_agrees_with_an_exact_rational_computation(
    agents, arrivals, handling, target, patience
):
    exact = exact_erlang_a(
        agents,
        traffic=Fraction(arrivals * handling, 3600),
        rate=Fraction(handling, patience),
        target=Fraction(target, handling),
    )
    result = stats(agents, arrivals, handling, seconds=target, patience_seconds=patience)
    assert result.service_level == pytest.approx(exact["service_level"], abs=1e-12)
    assert result.wait_probability == pytest.approx(exact["wait_probability"], abs=1e-12)
    assert result.abandon_share == pytest.approx(exact["abandon_share"], abs=1e-12)
    assert result.asa_seconds / handling == pytest.approx(exact["asa_handlings"], rel=1e-10)


def virtual_wait_erlang_a(agents, arrivals, handling, target, patience, *, steps=20_000):
    """Erlang A from the density of the virtual wait x of a caller finding all agents busy.

    Relative to state N it is N·exp(h(x)), h(x) = A(1 - e^(-g x)) / g - N x; the states with
    a free agent weigh sum_(k<N) A^k/k! / (A^N/N!). Integrated with Simpson's rule, split at
    the peak of h.
    """
    traffic, rate, tau = arrivals * handling / 3600, handling / patience, target / handling
    logs = [k * math.log(traffic) - math.lgamma(k + 1) for k in range(agents + 1)]
    idle_log = math.log(math.fsum(math.exp(value - logs[-1]) for value in logs[:-1]))

    def h(x):
        return -traffic * math.expm1(-rate * x) / rate - agents * x

    peak = max(0.0, math.log(traffic / agents) / rate)
    end = peak + 1.0
    while h(end) > h(peak) - 60:
        end = peak + 2 * (end - peak)

    def integral(f, low, high):
        points = sorted({low, high, min(max(peak, low), high)})
        total = 0.0
        for a, b in itertools.pairwise(points):
            width = (b - a) / steps
            inner = sum((4 if i % 2 else 2) * f(a + i * width) for i in range(1, steps))
            total += (f(a) + f(b) + inner) * width / 3
        return total

    def density(x):
        return math.exp(h(x) - h(peak))

    queued = integral(density, 0, end)
    lost = integral(lambda x: -density(x) * math.expm1(-rate * x), 0, end)
    in_time = integral(lambda x: density(x) * math.exp(-rate * x), 0, min(tau, end))
    answer_wait = integral(lambda x: x * density(x) * math.exp(-rate * x), 0, end)
    idle = math.exp(min(idle_log - math.log(agents) - h(peak), 700))
    total = idle + queued
    return {
        "service_level": (idle + in_time) / total,
        "wait_probability": queued / total,
        "abandon_share": lost / total,
        "asa_seconds": handling * answer_wait / (total - lost),
    }


@pytest.mark.parametrize(
    ("agents", "arrivals", "handling", "target", "patience"),
    [
        (14, 200, 180, 20, 60),  # the worked example with impatient callers
        (8, 200, 180, 20, 60),  # fewer agents than erlangs
        (3, 20, 180, 20, 30),
        (50, 2000, 180, 20, 120),  # twice the load the agents could carry
        (10, 20000, 180, 20, 60),  # a long queue whose quiet start the walk skips
        (10, 20000, 180, 20, 600),  # ... thousands of states in
        (100, 20000, 180, 600, 300),  # ... and where some callers still make the target
        (10, 200, 180, 20, 1e6),  # patience of 11 days at exactly the traffic
        (900, 20000, 180, 3600, 1800),
    ],
)
def test_erlang_a_agrees_with_the_virtual_wait_integral(
    agents, arrivals, handling, target, patience
):
    expected = virtual_wait_erlang_a(agents, arrivals, handling, target, patience)
    result = stats(agents, arrivals, handling, seconds=target, patience_seconds=patience)
    for field, value in expected.items():
        assert getattr(result, field) == pytest.approx(value, rel=1e-8, abs=1e-12), field


@pytest.mark.parametrize(
    "case",
    [
        (14, 200, 180, 20, 60),
        (8, 200, 180, 20, 60),
        (11, 200, 180, 20, 1e7),
        (5, 1000, 360, 10, 36),
    ],
)
def test_a_queue_too_long_to_walk_is_integrated_to_the_same_answer(monkeypatch, case):
    agents, arrivals, handling, target, patience = case
    walked = stats(agents, arrivals, handling, seconds=target, patience_seconds=patience)
    monkeypatch.setattr(erlang_a, "_MAX_QUEUE_STATES", 0)
    integrated = stats(agents, arrivals, handling, seconds=target, patience_seconds=patience)
    for field in FIELDS:
        assert getattr(integrated, field) == pytest.approx(
            getattr(walked, field), rel=1e-6, abs=1e-12
        ), field


# --- very small and very large loads ------------------------------------------------------


@pytest.mark.parametrize("patience", [None, 60])
def test_one_arrival_an_hour_needs_one_agent_who_is_mostly_idle(patience):
    result = agents_needed(
        arrivals_per_hour=1,
        handling_seconds=180,
        target_share=0.8,
        target_seconds=20,
        patience_seconds=patience,
    )
    assert result.agents == 1
    assert 0.045 < result.occupancy <= 0.05  # 1 x 180 s an hour; impatient callers lighten it
    assert 0.95 < result.service_level < 1
    assert 0 < result.asa_seconds < 10
    assert result.wait_probability < 0.06


@pytest.mark.parametrize("handling", [300, 600])
def test_twenty_thousand_arrivals_an_hour_need_barely_more_agents_than_erlangs(handling):
    traffic = traffic_erlangs(20_000, handling)
    result = agents_needed(
        arrivals_per_hour=20_000, handling_seconds=handling, target_share=0.8, target_seconds=20
    )
    assert traffic < result.agents < traffic * 1.02  # pooling: a big queue runs hot
    assert result.occupancy > 0.98
    assert 0.8 <= result.service_level < 0.81


@pytest.mark.parametrize(("handling", "patience"), [(300, 120), (600, 120), (600, 1800)])
def test_twenty_thousand_impatient_arrivals_an_hour_get_a_finite_sane_answer(handling, patience):
    result = agents_needed(
        arrivals_per_hour=20_000,
        handling_seconds=handling,
        target_share=0.8,
        target_seconds=20,
        patience_seconds=patience,
    )
    assert all(math.isfinite(getattr(result, field)) for field in FIELDS)
    assert traffic_erlangs(20_000, handling) * 0.8 < result.agents <= need(20_000, handling)
    assert 0.8 <= result.service_level < 0.81
    assert 0 < result.abandon_share < 0.2


def test_queues_of_ten_thousand_erlangs_stay_finite_around_the_traffic():
    # Patience of 30 years makes the queues near 10,000 agents too long to walk.
    for agents, patience in itertools.product([5000, 9999, 10000, 10001, 10300], [None, 300, 1e9]):
        result = stats(agents, 20_000, 1800, patience_seconds=patience)
        values = [getattr(result, field) for field in FIELDS]
        assert not any(math.isnan(value) for value in values)
        assert all(0 <= getattr(result, field) <= 1 for field in FIELDS if field != "asa_seconds")
        if patience:
            assert math.isfinite(result.asa_seconds)


@pytest.mark.parametrize("patience", [None, 60])
def test_far_more_agents_than_a_tiny_load_needs_leave_no_queue(patience):
    for agents in range(150, 200, 3):  # Erlang B runs into float underflow on the way
        result = stats(agents, 20, 180, patience_seconds=patience)
        assert result.service_level == 1.0
        assert result.wait_probability < 1e-250
        assert result.asa_seconds < 1e-250
        assert result.occupancy == pytest.approx(1 / agents)


def test_a_huge_headcount_stops_erlang_b_once_it_underflows():
    # Ten million recursion steps would take seconds; `make bench` shows the speed.
    assert erlang_b(10_000_000, 1.0) == 0.0
    assert stats(10_000_000, 200, 180, patience_seconds=60).wait_probability == 0.0


def test_erlang_c_without_enough_agents_reports_an_endless_queue():
    for agents in (0, 5, 10):
        assert stats(agents, 200, 180) == QueueStats(
            agents, service_level=0.0, asa_seconds=math.inf, occupancy=1.0, wait_probability=1.0
        )
    assert erlang_c(10, 10.0) == 1.0
    assert erlang_c(9, 10.0) == 1.0
    assert erlang_c(11, 10.0) < 1.0


def test_no_arrivals_need_no_agents():
    result = agents_needed(
        arrivals_per_hour=0, handling_seconds=180, target_share=0.8, target_seconds=20
    )
    assert result == QueueStats(
        0, service_level=1.0, asa_seconds=0.0, occupancy=0.0, wait_probability=0.0
    )
    assert need(0, 180, patience_seconds=60) == 0


# --- monotony over a grid --------------------------------------------------------------------

GRID = list(itertools.product([60, 300, 900], [None, 45, 300]))
VOLUMES = [1, 4, 15, 40, 90, 200, 500, 1200]


@pytest.mark.parametrize(("handling", "patience"), GRID)
def test_more_volume_never_needs_fewer_agents(handling, patience):
    agents = [need(volume, handling, patience_seconds=patience) for volume in VOLUMES]
    assert agents == sorted(agents)
    assert agents[-1] > agents[0]


@pytest.mark.parametrize(("handling", "patience"), GRID)
def test_a_stricter_target_never_needs_fewer_agents(handling, patience):
    for volume in (4, 90, 1200):
        by_share = [
            need(volume, handling, share=share, patience_seconds=patience)
            for share in (0.5, 0.7, 0.8, 0.9, 0.95)
        ]
        by_seconds = [
            need(volume, handling, seconds=seconds, patience_seconds=patience)
            for seconds in (120, 60, 30, 20, 10, 0)
        ]
        assert by_share == sorted(by_share)
        assert by_seconds == sorted(by_seconds)
    assert by_share[-1] > by_share[0]
    assert by_seconds[-1] > by_seconds[0]


@pytest.mark.parametrize(("handling", "patience"), GRID)
def test_a_lower_occupancy_cap_never_needs_fewer_agents(handling, patience):
    for volume in (4, 90, 1200):
        agents = [
            need(volume, handling, share=0.5, max_occupancy=cap, patience_seconds=patience)
            for cap in (1.0, 0.9, 0.85, 0.7, 0.5)
        ]
        assert agents == sorted(agents)
    result = agents_needed(
        arrivals_per_hour=1200,
        handling_seconds=handling,
        target_share=0.5,
        target_seconds=20,
        max_occupancy=0.7,
        patience_seconds=patience,
    )
    assert result.occupancy <= 0.7


@pytest.mark.parametrize(("handling", "patience"), GRID)
def test_more_agents_never_lower_the_service_level(handling, patience):
    for volume in (15, 200):
        traffic = traffic_erlangs(volume, handling)
        results = [
            stats(agents, volume, handling, patience_seconds=patience)
            for agents in range(0, math.ceil(traffic * 1.5) + 3)
        ]
        levels = [result.service_level for result in results]
        assert levels == sorted(levels)
        assert levels[-1] > 0.8
        occupancies = [result.occupancy for result in results[1:]]
        assert occupancies == sorted(occupancies, reverse=True)


# --- chat concurrency ------------------------------------------------------------------------


def test_two_concurrent_chats_need_fewer_agents_but_not_half():
    one, two, three = (need(120, 480, seconds=30, concurrency=chats) for chats in (1, 2, 3))
    assert (one, two, three) == (20, 13, 9)
    assert one / 2 < two < one
    assert three < two


def test_the_speedup_table_divides_the_handling_time():
    assert chat_speedup(1) == 1.0
    assert chat_speedup(2) == 1.7  # not 2: two chats at once are not twice the work rate
    assert chat_speedup(3) == 2.5
    assert chat_speedup(7) == DEFAULT_CHAT_SPEEDUP[3]  # above the table: its largest key
    assert chat_speedup(3, {1: 1.0, 2: 1.5}) == 1.5
    for chats, factor in ((2, 1.7), (3, 2.5), (5, 2.5)):
        assert stats(9, 120, 480, seconds=30, concurrency=chats) == stats(
            9, 120, 480 / factor, seconds=30
        )
    custom = {1: 1.0, 2: 1.2}
    assert stats(9, 120, 480, seconds=30, concurrency=2, speedup=custom) == stats(
        9, 120, 480 / 1.2, seconds=30
    )
    assert need(120, 480, seconds=30, concurrency=2, speedup=custom) > 13


@pytest.mark.parametrize("chats", [0, -1, 1.5])
def test_a_concurrency_that_is_not_a_whole_number_of_chats_is_refused(chats):
    with pytest.raises(ValueError, match="concurrency"):
        chat_speedup(chats)
    with pytest.raises(ValueError, match="concurrency"):
        need(120, 480, concurrency=chats)


# --- Erlang A ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("volume", "patience"), list(itertools.product([40, 200, 1500], [20, 90, 600]))
)
def test_the_abandon_share_stays_a_share_and_falls_with_more_agents(volume, patience):
    traffic = traffic_erlangs(volume, 180)
    shares = [
        stats(agents, volume, 180, patience_seconds=patience).abandon_share
        for agents in range(1, math.ceil(traffic * 1.4) + 2)
    ]
    assert all(0 < share < 1 for share in shares)
    assert shares == sorted(shares, reverse=True)
    assert shares[0] > 0.5
    assert shares[-1] < shares[0] / 5


def test_erlang_a_converges_to_erlang_c_as_patience_grows():
    plain = stats(14, 200, 180)
    gaps = []
    for patience in (60, 600, 6_000, 60_000, 1e6, 1e8, 1e10, 1e12):
        result = stats(14, 200, 180, patience_seconds=patience)
        shares = [abs(getattr(result, f) - getattr(plain, f)) for f in FIELDS if f != "asa_seconds"]
        gaps.append(max(*shares, abs(result.asa_seconds / plain.asa_seconds - 1)))
    assert gaps == sorted(gaps, reverse=True)
    assert gaps[-1] < 1e-9  # the gap shrinks like 1 / patience
    assert need(200, 180, patience_seconds=1e10) == need(200, 180) == 14
    assert need(20_000, 1800, patience_seconds=1e12) == need(20_000, 1800)  # 10,000 erlangs


def test_erlang_a_answers_steadily_when_agents_do_not_exceed_the_traffic():
    traffic = traffic_erlangs(200, 180)  # 10 erlangs
    for agents, patience in itertools.product([1, 5, 8, 10], [1, 10, 60, 600, 1e12]):
        result = stats(agents, 200, 180, patience_seconds=patience)
        assert all(math.isfinite(getattr(result, field)) for field in FIELDS)
        assert 0 <= result.service_level <= 1
        assert result.occupancy <= 1
        # The agents carry at most their number in erlangs; the rest must hang up.
        assert result.abandon_share >= 1 - agents / traffic - 1e-12
        # Callers find every agent busy at least as often as when nobody could wait.
        assert result.wait_probability >= erlang_b(agents, traffic)


def test_erlang_a_needs_no_more_agents_than_erlang_c_when_callers_outwait_the_target():
    for volume, handling, patience, seconds, share in itertools.product(
        [5, 120, 3000], [60, 240, 900], [30, 120, 600], [10, 20, 30], [0.7, 0.8, 0.9]
    ):
        plain = need(volume, handling, share, seconds)
        assert need(volume, handling, share, seconds, patience_seconds=patience) <= plain


def test_callers_who_hang_up_at_once_make_erlang_a_a_loss_system():
    # With no patience, a caller finding every agent busy is lost: Erlang B.
    for agents in (8, 10, 14):
        blocking = erlang_b(agents, 10.0)
        result = stats(agents, 200, 180, patience_seconds=1e-4)
        assert result.wait_probability == pytest.approx(blocking, rel=1e-5)
        assert result.abandon_share == pytest.approx(blocking, rel=1e-5)
        assert result.service_level == pytest.approx(1 - blocking, rel=1e-5)
        assert result.occupancy == pytest.approx(10 * (1 - blocking) / agents, rel=1e-5)
        assert result.asa_seconds < 1e-3


def test_erlang_a_service_level_counts_early_hang_ups_as_misses():
    result = stats(10, 200, 180, seconds=600, patience_seconds=30)
    answered = 1 - result.abandon_share
    assert result.service_level <= answered
    assert result.service_level == pytest.approx(answered, rel=1e-6)  # 600 s: late answers rare
    assert result.occupancy == pytest.approx(10 * answered / 10)


# --- float traps -----------------------------------------------------------------------------


def test_an_occupancy_exactly_on_the_cap_does_not_add_an_agent():
    # 153 calls of 180 s are 7.65 erlangs: 9 agents are busy exactly 85% of the time, which
    # floats compute as 0.8500000000000001.
    nine = stats(9, 153, 180, seconds=60)
    assert nine.occupancy > 0.85
    assert need(153, 180, share=0.6, seconds=60, max_occupancy=0.85) == 9


def test_a_service_level_exactly_on_the_target_does_not_add_an_agent():
    # 100 calls an hour of 180 s, 7 agents: the exact service level in 30 s, from rational
    # Erlang C and a 40-digit exponential, rounds a hair above the float computation.
    traffic = Fraction(100 * 180, 3600)
    _, waiting = exact_erlang_c(7, traffic)
    with localcontext() as context:
        context.prec = 40
        late = as_decimal(waiting) * (-as_decimal((7 - traffic) * Fraction(30, 180))).exp()
        exact = float(1 - late)
    computed = stats(7, 100, 180, seconds=30).service_level
    assert abs(computed - exact) < 1e-15
    assert need(100, 180, share=exact, seconds=30) == 7
    assert need(100, 180, share=math.nextafter(computed, 1), seconds=30) == 7
    assert need(100, 180, share=computed + 1e-6, seconds=30) == 8  # a real shortfall still counts


# --- input checks ----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-1, -1e-9, math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("field", ["arrivals_per_hour", "handling_seconds", "target_seconds"])
def test_negative_or_non_finite_inputs_are_refused(field, bad):
    inputs = {**EXAMPLE, field: bad}
    with pytest.raises(ValueError, match=field):
        agents_needed(**inputs, target_share=0.8)
    with pytest.raises(ValueError, match=field):
        queue_stats(14, **inputs)


@pytest.mark.parametrize("share", [0, 1, 1.2, -0.1, math.nan])
def test_a_target_share_outside_zero_to_one_is_refused(share):
    with pytest.raises(ValueError, match="target_share"):
        agents_needed(**EXAMPLE, target_share=share)


@pytest.mark.parametrize("cap", [0, 1.01, -0.5, math.nan])
def test_an_occupancy_cap_outside_zero_to_one_is_refused(cap):
    with pytest.raises(ValueError, match="max_occupancy"):
        agents_needed(**EXAMPLE, target_share=0.8, max_occupancy=cap)


@pytest.mark.parametrize("patience", [0, -5, math.nan])
def test_a_patience_that_is_not_positive_is_refused(patience):
    with pytest.raises(ValueError, match="patience_seconds"):
        queue_stats(14, **EXAMPLE, patience_seconds=patience)


@pytest.mark.parametrize("agents", [-1, 2.5, True])
def test_a_headcount_must_be_a_whole_number(agents):
    with pytest.raises(ValueError, match="agents"):
        queue_stats(agents, **EXAMPLE)
    with pytest.raises(ValueError, match="agents"):
        erlang_b(agents, 1.0)


def test_an_endless_patience_is_erlang_c():
    assert queue_stats(14, **EXAMPLE, patience_seconds=math.inf) == queue_stats(14, **EXAMPLE)
