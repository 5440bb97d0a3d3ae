"""Erlang A (M/M/N+M): a queue whose callers hang up after an exponential patience.

The chain is walked in log space from the first state that carries weight, or, for queues too
long to walk, integrated over the virtual waiting time; see the notes below.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from advisor.engine.erlang import Load, QueueStats, idle_stats

#: Queue states whose weight is below e^-60 of the largest one are left out.
_NEGLIGIBLE_LOG = 60.0
_EXP_LIMIT = 700.0
#: Longest queue walked state by state; longer ones are integrated instead (see below).
_MAX_QUEUE_STATES = 250_000
#: Simpson intervals across a virtual-wait density, and bisections to find where it ends.
_SIMPSON_INTERVALS = 4096
_BISECTIONS = 200
#: Terms of a harmonic sum added one by one before the Euler-Maclaurin formula takes over.
_DIRECT_TERMS = 1000
#: A survival probability this small (past the mode) is rounding noise.
_SURVIVAL_FLOOR = 1e-15

# Time is measured in handling times, so agents serve at rate 1, callers arrive at rate A (the
# traffic) and each waiting caller hangs up at rate g = handling / patience. In the birth-death
# chain with k contacts present the death rate is min(k, N) + max(k - N, 0)·g. Relative to
# state N:
#   * the states below N weigh 1/B(N, A) - 1 together (B is Erlang B), so they need no walk;
#   * state N + j (j waiting) weighs t_j = prod_{i=1..j} A / (N + i·g).
# A caller arriving behind j others passes j + 1 stages, the one with i ahead ending at rate
# N + i·g, while hanging up at rate g. Stage rates plus g are N + g, N + 2g, ..., so:
#   * P(answered | j) = N / (N + (j + 1)·g);
#   * E[wait | answered, j] = sum_{i=1..j+1} 1 / (N + i·g);
#   * P(answered within T | j) = P(answered | j) · P(M > j), where M counts the service
#     completions by T and is negative binomial: size N/g + 1, success share 1 - e^(-g·T).
# (The last is the phase-type distribution in closed form: the stage lengths are an
# exponential sum with evenly spaced rates, whose density is proportional to
# e^(-N·s)·(1 - e^(-g·s))^j, an incomplete beta function after u = 1 - e^(-g·s).)


def erlang_a_stats(agents: int, load: Load, blocking: float) -> QueueStats:
    if agents == 0:
        return _nobody_answers()
    if blocking == 0.0:  # underflow: the queue is empty to float precision
        return replace(idle_stats(agents), occupancy=load.traffic / agents)
    walk = _QueueWalk(agents, load.traffic, load.abandon_rate)
    if walk.states > _MAX_QUEUE_STATES:
        sums, with_idle = _virtual_wait_sums(agents, load), True
    else:
        sums, with_idle = walk.sums(load.target_in_handlings), walk.start == 0
    # Weight of the states with a free agent, on the scale of the sums.
    idle = 0.0
    if with_idle and blocking < 1.0:
        log_idle = math.log1p(-blocking) - math.log(blocking)
        idle = math.exp(min(log_idle - sums.log_scale, _EXP_LIMIT))
    return sums.stats(agents, load, idle)


def _nobody_answers() -> QueueStats:
    return QueueStats(
        0,
        service_level=0.0,
        asa_seconds=math.inf,
        occupancy=1.0,
        wait_probability=1.0,
        abandon_share=1.0,
    )


@dataclass
class _QueueSums:
    """Sums over waiting states j of w_j = t_j · e^(-log_scale) times what j implies."""

    log_scale: float = 0.0
    queued: float = 0.0  # sum of w_j
    waiting: float = 0.0  # sum of j·w_j
    answered: float = 0.0  # sum of w_j · P(answered | j)
    in_time: float = 0.0  # sum of w_j · P(answered within the target | j)
    answer_wait: float = 0.0  # sum of w_j · E[wait; answered | j]

    def add(
        self, ahead: int, log_weight: float, answered: float, in_time: float, wait: float
    ) -> None:
        weight = math.exp(log_weight - self.log_scale)
        self.queued += weight
        self.waiting += ahead * weight
        answered_weight = weight * answered
        self.answered += answered_weight
        self.in_time += answered_weight * in_time
        self.answer_wait += answered_weight * wait

    def stats(self, agents: int, load: Load, idle: float) -> QueueStats:
        """Stats when the states with a free agent weigh `idle` on the same scale."""
        traffic = load.traffic
        total = idle + self.queued
        abandon = min(1.0, load.abandon_rate * self.waiting / (traffic * total))
        return QueueStats(
            agents,
            service_level=min(1.0, (idle + self.in_time) / total),
            asa_seconds=load.handling * self.answer_wait / (idle + self.answered),
            occupancy=min(1.0, traffic * (1.0 - abandon) / agents),
            wait_probability=self.queued / total,
            abandon_share=abandon,
        )


class _QueueWalk:
    """The waiting states of the Erlang A chain that carry weight, for N agents.

    The weights t_j rise while A / (N + j·g) >= 1, up to the mode, then fall. Below
    mode - spread they are under e^-60 of the top (the log-weights are concave with
    curvature at most -g/A), so a walk starting there loses nothing. When it does not start
    at 0, the top outweighs t_0 = 1 by e^60 while the states with a free agent weigh at most
    N / (A - N) < spread / 120, so those are left out too. From the first state walked the
    weights rise by at most about e^121 (e^60 past a skipped start; at most A/g <= 120 from
    j = 0), far inside float range, so they need no rescaling.
    """

    def __init__(self, agents: int, traffic: float, abandon_rate: float):
        self.agents, self.traffic, self.rate = agents, traffic, abandon_rate
        spread = math.sqrt(2 * _NEGLIGIBLE_LOG * traffic / abandon_rate) + 1
        crowd = max(0.0, (traffic - agents) / abandon_rate)
        after = spread
        if agents > traffic:
            after = min(spread, _NEGLIGIBLE_LOG / math.log(agents / traffic) + 1)
        self.states = min(crowd, spread) + after
        if self.states > _MAX_QUEUE_STATES:
            return  # too long to walk: the caller integrates instead
        self.mode = math.floor(crowd)
        self.start = max(0, self.mode - math.ceil(spread))

    def sums(self, target: float) -> _QueueSums:
        """Walk from `start` until the rest of the queue is negligible."""
        agents, traffic, rate = self.agents, self.traffic, self.rate
        completions = _ServiceCompletions(agents, rate, target)
        wait = _harmonic(agents, rate, self.start)
        sums = _QueueSums()
        log_weight = top = 0.0
        for ahead in range(self.start, self.start + 4 * math.ceil(self.states) + 100):
            if ahead > self.start:
                log_weight += math.log(traffic / (agents + ahead * rate))
                top = max(top, log_weight)
            exit_rate = agents + (ahead + 1) * rate
            wait += 1.0 / exit_rate
            sums.add(ahead, log_weight, agents / exit_rate, completions.beyond(ahead), wait)
            if ahead >= self.mode and _rest_negligible(log_weight - top, traffic / exit_rate):
                break
        return sums


def _rest_negligible(log_weight: float, ratio: float) -> bool:
    """Whether a geometric tail falling from this weight (relative to the top) is negligible."""
    return ratio < 1.0 and log_weight + math.log(ratio / (1.0 - ratio)) < -_NEGLIGIBLE_LOG


class _ServiceCompletions:
    """P(M > j) for the negative binomial count M of service completions by the target.

    pmf q_m = Gamma(b + m) / (Gamma(b) m!) · (1 - x)^b · x^m with b = N/g + 1 and
    x = 1 - e^(-g·T), built term by term in log space (q_0 = e^(-(N + g)·T) may underflow
    while later terms do not).
    """

    def __init__(self, agents: int, rate: float, target: float):
        self.size = agents / rate + 1.0
        self.count = -1
        self.survival = 1.0
        self.log_term = -(agents + rate) * target
        self.exhausted = target == 0.0  # nobody who waits is answered within no time
        if self.exhausted:
            self.survival = 0.0
            return
        self.log_share = math.log(-math.expm1(-rate * target))

    def beyond(self, completions: int) -> float:
        while self.count < completions and not self.exhausted:
            self._advance()
        return max(0.0, self.survival)

    def _advance(self) -> None:
        self.count += 1
        step = 0.0
        if self.count:
            step = self.log_share + math.log((self.size + self.count - 1) / self.count)
            self.log_term += step
        self.survival -= math.exp(self.log_term)
        if self.survival < _SURVIVAL_FLOOR and step < 0:  # past the mode: only noise is left
            self.survival = 0.0
            self.exhausted = True


def _harmonic(agents: int, rate: float, count: int) -> float:
    """sum_{i=1..count} 1 / (N + i·g): directly for the first terms, then Euler-Maclaurin."""
    direct = min(count, _DIRECT_TERMS)
    total = math.fsum(1.0 / (agents + i * rate) for i in range(1, direct + 1))
    if count > direct:
        total += _euler_maclaurin(agents, rate, direct + 1, count)
    return total


def _euler_maclaurin(agents: int, rate: float, first: int, last: int) -> float:
    """sum_{i=first..last} 1 / (N + i·g) for slowly changing terms (i > 1000).

    The integral, the two half ends and the first-derivative correction; the next term is
    below 1e-11 of the sum because g / (N + i·g) < 1/1000.
    """
    low, high = agents + first * rate, agents + last * rate
    integral = math.log1p((last - first) * rate / low) / rate
    ends = (1 / low + 1 / high) / 2
    slope = (rate / low**2 - rate / high**2) / 12
    return integral + ends + slope


# --- Erlang A for queues too long to walk ---------------------------------------------------
#
# When callers are patient for months against the load, the walk would visit millions of
# states. The same sums then come from the virtual wait x (in handling times) of an arrival
# who finds every agent busy: relative to state N's weight its density is N·e^h(x), with
# h(x) = A·(1 - e^(-g·x)) / g - N·x. Such an arrival is answered if its patience outlasts x
# (probability e^(-g·x)), within the target if also x <= T. h is concave, so the integrands
# are smooth and single-peaked, and Simpson's rule over the span where they matter is exact
# to about 1e-10.


def _virtual_wait_sums(agents: int, load: Load) -> _QueueSums:
    traffic, rate, target = load.traffic, load.abandon_rate, load.target_in_handlings

    def log_density(x: float) -> float:
        return math.log(agents) - traffic * math.expm1(-rate * x) / rate - agents * x

    peak = math.log(traffic / agents) / rate if traffic > agents else 0.0
    top = log_density(peak)
    low = _where_density_falls(log_density, top, peak, 0.0)
    high = _where_density_falls(log_density, top, peak, math.inf)
    sums = _QueueSums(log_scale=top)
    for weight, x in _simpson_nodes(low, high):
        density = weight * math.exp(log_density(x) - top)
        answered = density * math.exp(-rate * x)
        sums.queued += density
        sums.waiting -= density * math.expm1(-rate * x) * traffic / rate
        sums.answered += answered
        sums.answer_wait += answered * x
    for weight, x in _simpson_nodes(low, max(low, min(high, target))):
        sums.in_time += weight * math.exp(log_density(x) - top - rate * x)
    return sums


def _where_density_falls(
    log_density: Callable[[float], float], top: float, peak: float, toward: float
) -> float:
    """The point between the peak and `toward` where the density falls e^-60 below its top."""
    floor = top - _NEGLIGIBLE_LOG
    if toward <= peak:
        if log_density(toward) >= floor:
            return toward
        inside, outside = peak, toward
    else:
        inside, step = peak, 1.0
        while log_density(peak + step) >= floor:
            inside, step = peak + step, step * 2
        outside = peak + step
    for _ in range(_BISECTIONS):
        middle = (inside + outside) / 2
        if log_density(middle) >= floor:
            inside = middle
        else:
            outside = middle
    return outside


def _simpson_nodes(low: float, high: float) -> list[tuple[float, float]]:
    """Weights and points of Simpson's rule on [low, high] (an even number of intervals)."""
    width = (high - low) / _SIMPSON_INTERVALS
    nodes = []
    for i in range(_SIMPSON_INTERVALS + 1):
        factor = 1 if i in {0, _SIMPSON_INTERVALS} else 4 if i % 2 else 2
        nodes.append((factor * width / 3, low + i * width))
    return nodes
