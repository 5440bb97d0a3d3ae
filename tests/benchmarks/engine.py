"""Time the engine alone: staffing and scoring, then the whole advice the way a result needs it.

- Staffing from 10 to 20,000 interactions an hour (one queue), scoring by rules.
- The whole advice for one assessment (four options, the 168 hours of the week, every
  channel and language group, shifts included) for a few realistic sets of answers, and
  "what would change the recommendation" for the same answers.
- How the whole advice grows with the month's contacts and with the languages.
- One week's hourly requirement against a peer library, pyworkforce's ErlangC, run in its own
  virtualenv (never imported here): the same 168 hours, its time against ours, hour by hour.

`make bench` (`python -m tests.benchmarks`) runs it before the load benchmark and writes its
figures to BENCHMARKS.md; `python -m tests.benchmarks.engine` runs it alone. It prints times and
how they grow; it asserts nothing, because timings belong to the machine, not to the code.

"Cold" runs forget every queue worked out so far before each timed call (the two caches of
`advisor.engine.requirement`), as the first assessment a worker makes; "warm" runs keep them,
as a worker that has already sized similar hours. The week's shape caches (open hours, email
windows) are kept in both: a server has the few openings there are after its first result.
"""

from __future__ import annotations

import functools
import json
import os
import platform
import statistics
import subprocess
import time
import timeit
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.engine import requirement, sensitivity
from advisor.engine.advice import Advice, advise
from advisor.engine.profiles import DEFAULT_PROFILES
from advisor.engine.queueing import agents_needed
from advisor.engine.scoring import Rule, assess
from advisor.engine.week import HOURS_PER_DAY, spread
from tests.answers import TYPED_ANSWERS

LOADS_PER_HOUR = (10, 100, 1_000, 5_000, 20_000)
RULE_COUNTS = (10, 100, 1_000, 10_000)


STAFFING_MODELS = (("Erlang C", None), ("Erlang A, patience 120 s", 120.0))


def _best_of(function, repeat: int = 3) -> float:
    """Best time of one call in seconds, over `repeat` rounds sized to last about 0.2 s."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def staffing_rows(patience: float | None, repeat: int = 3) -> list[tuple[int, int, float]]:
    rows = []
    for arrivals in LOADS_PER_HOUR:

        def staff(arrivals=arrivals):
            return agents_needed(
                arrivals_per_hour=arrivals,
                handling_seconds=300,
                target_share=0.8,
                target_seconds=20,
                max_occupancy=0.85,
                patience_seconds=patience,
            )

        rows.append((arrivals, staff().agents, _best_of(staff, repeat)))
    return rows


def scoring_rows(repeat: int = 3) -> list[tuple[int, float]]:
    answers = {f"q{i}": i for i in range(100)}
    rows = []
    for count in RULE_COUNTS:
        rules = [
            Rule(
                key=f"r{i}",
                question=f"q{i % 100}",
                operator="gte",
                value=i % 7,
                option="a",
                points=1,
            )
            for i in range(count)
        ]
        rows.append(
            (count, _best_of(lambda rules=rules: assess(answers, rules, ["a", "b"]), repeat))
        )
    return rows


# --- the whole advice ----------------------------------------------------------------------

#: What every case answers alike: the wizard's handling times, channel shares and costs.
_COMMON: dict[str, Any] = {**TYPED_ANSWERS, "channels": ["email", "chat", "phone"]}


@dataclass(frozen=True)
class Case:
    """One realistic set of answers, as the wizard hands them to the engine."""

    label: str
    answers: Mapping[str, Any]


MID_SAAS = Case(
    "mid-size SaaS: 6,000/month, extended hours, 2 languages",
    {**_COMMON, "industry": "saas", "customers": 20_000, "interactions_per_month": 6_000,
     "coverage": "extended", "languages": 2},
)  # fmt: skip
FINTECH = Case(
    "fintech: 40,000/month, 24/7, 5 languages, one each",
    {**_COMMON, "industry": "fintech", "customers": 400_000, "interactions_per_month": 40_000,
     "coverage": "24_7", "languages": 5},
)  # fmt: skip
FINTECH_PATIENCE = Case(
    "fintech as above, callers' patience 120 s (Erlang A)",
    {**FINTECH.answers, "patience_seconds": 120},
)
SMALL_SHOP = Case(
    "small shop: 1,200/month, business hours, email and chat",
    {**_COMMON, "industry": "ecommerce", "customers": 2_000, "interactions_per_month": 1_200,
     "channels": ["email", "chat"], "coverage": "business_hours", "languages": 1},
)  # fmt: skip
CASES = (MID_SAAS, FINTECH, FINTECH_PATIENCE, SMALL_SHOP)
#: Contacts a month tried on the mid-size SaaS answers, and languages on the fintech ones.
VOLUMES = (10, 100, 1_000, 10_000, 100_000, 1_000_000)
LANGUAGES = (1, 2, 3, 5, 10)


@dataclass(frozen=True)
class AdvisorInputs:
    """What the app hands the engine on a fresh install: default rules, options, figures, and
    every question asked as a dial (`advisor.questions.definitions.SENSITIVITY_DIALS`)."""

    rules: tuple[Rule, ...]
    options: tuple[str, ...]
    figures: Mapping[str, float]
    dials: tuple[sensitivity.Dial, ...]

    @property
    def close_margin(self) -> int:
        return int(self.figures.get("close_call_margin", 2))


@functools.cache
def advisor_inputs() -> AdvisorInputs:
    """The default rules and questions; they name their texts through Django's translation.

    `make bench` runs without the app's environment, so unless Django is already set up (the
    test suite), a bare configuration without translation stands in: nothing here reads a
    setting or a database.
    """
    from django.conf import settings  # noqa: PLC0415 - Django only for the texts' sake

    if not settings.configured:
        settings.configure(USE_I18N=False)
    # Both need the settings above.
    from advisor.questions.definitions import SENSITIVITY_DIALS  # noqa: PLC0415
    from advisor.rules import defaults  # noqa: PLC0415

    rules = tuple(defaults.engine_rules())
    dials = SENSITIVITY_DIALS
    options = tuple(defaults.OPTION_ORDER)
    return AdvisorInputs(rules, options, dict(defaults.ASSUMPTION_DEFAULTS), dials)


def advice_for(answers: Mapping[str, Any]) -> Advice:
    """The whole advice, as a finished assessment gets it (hour by hour, shifts included)."""
    inputs = advisor_inputs()
    return advise(
        answers,
        inputs.rules,
        inputs.options,
        inputs.figures,
        close_margin=inputs.close_margin,
    )


def changes_for(answers: Mapping[str, Any], seconds: float | None) -> sensitivity.Sensitivity:
    """What would change the recommendation, with every dial the app tries."""
    inputs = advisor_inputs()
    return sensitivity.explore(
        answers,
        inputs.rules,
        inputs.options,
        inputs.figures,
        inputs.dials,
        close_margin=inputs.close_margin,
        seconds=seconds,
    )


def cold_caches() -> None:
    """Forget every queue sized so far: the next call works out each hour's agents afresh."""
    requirement._fewest_agents.cache_clear()
    requirement._stats.cache_clear()


@dataclass(frozen=True)
class Timings:
    """Seconds taken by each run of one measurement."""

    seconds: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p90(self) -> float:
        if len(self.seconds) < 2:
            return self.seconds[0]
        return statistics.quantiles(self.seconds, n=10, method="inclusive")[-1]


def timed(function: Callable[[], object], runs: int, *, cold: bool) -> Timings:
    """Each of `runs` calls timed alone; cold: with the queue caches emptied before each,
    warm: after one call that fills them."""
    if not cold:
        function()
    seconds = []
    for _ in range(runs):
        if cold:
            cold_caches()
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return Timings(tuple(seconds))


@dataclass(frozen=True)
class AdviceRow:
    """One case's whole advice: what it decides, and how long it takes cold and warm."""

    label: str
    winner: str | None
    agents: int
    agent_groups: int
    open_hours: int
    cold: Timings
    warm: Timings


@dataclass(frozen=True)
class ExploreRow:
    """One case's "what would change the recommendation", with no time limit, cold.

    `complete` is from one more cold run with the app's own time limit (`sensitivity.SECONDS`):
    False when the app would stop before trying every answer.
    """

    label: str
    winner: str | None
    findings: int
    timings: Timings
    complete: bool


@dataclass(frozen=True)
class GrowthRow:
    """The whole advice for one size (contacts a month, or languages), median of cold runs."""

    size: int
    agents: int
    agent_groups: int
    timings: Timings


def advice_rows(runs: int) -> list[AdviceRow]:
    rows = []
    for case in CASES:
        advice = advice_for(case.answers)
        team = advice.staffing.own_team
        rows.append(
            AdviceRow(
                case.label,
                advice.result.winner,
                team.agents,
                team.agent_groups,
                int(team.hours_per_week),
                timed(lambda case=case: advice_for(case.answers), runs, cold=True),
                timed(lambda case=case: advice_for(case.answers), runs, cold=False),
            )
        )
    return rows


def explore_rows(runs: int) -> list[ExploreRow]:
    rows = []
    for case in CASES:
        cold_caches()
        within_limit = changes_for(case.answers, sensitivity.SECONDS)
        found: list[sensitivity.Sensitivity] = []
        timings = timed(
            lambda case=case, found=found: found.append(changes_for(case.answers, None)),
            runs,
            cold=True,
        )
        rows.append(
            ExploreRow(
                case.label,
                found[-1].winner,
                len(found[-1].findings),
                timings,
                within_limit.complete,
            )
        )
    return rows


def growth_rows(base: Case, key: str, sizes: tuple[int, ...], runs: int) -> list[GrowthRow]:
    rows = []
    for size in sizes:
        answers = {**base.answers, key: size}
        team = advice_for(answers).staffing.own_team
        timings = timed(lambda answers=answers: advice_for(answers), runs, cold=True)
        rows.append(GrowthRow(size, team.agents, team.agent_groups, timings))
    return rows


# --- against a peer library ----------------------------------------------------------------

#: The python of a virtualenv outside the project with pyworkforce installed
#: (`python3.12 -m venv /tmp/pwf && /tmp/pwf/bin/pip install pyworkforce`).
PEER_PYTHON = "PYWORKFORCE_PYTHON"
PEER_PYTHON_DEFAULT = "/tmp/pwf/bin/python"
PEER_PROFILE = "fintech"
PEER_VOLUMES = (40_000, 1_000_000)
PEER_HANDLING = 300.0
PEER_TARGET = requirement.LiveTarget(target_share=0.8, target_seconds=20, max_occupancy=0.85)
PEER_TIMEOUT = 300
#: Run by the peer's python: reads the week as JSON, sizes each hour `runs` times with
#: ErlangC (minutes, an interval of 60, no shrinkage), writes agents and seconds per week.
_PEER_SCRIPT = """
import importlib.metadata, json, sys, time
from pyworkforce.queuing import ErlangC

job = json.load(sys.stdin)
aht, asa = job["handling_seconds"] / 60, job["target_seconds"] / 60

def week():
    return [
        ErlangC(transactions=a, aht=aht, asa=asa, interval=60, shrinkage=0.0)
        .required_positions(service_level=job["share"], max_occupancy=job["occupancy"])
        ["raw_positions"] if a > 0 else 0
        for a in job["arrivals"]
    ]

seconds = []
for _ in range(job["runs"]):
    start = time.perf_counter()
    agents = week()
    seconds.append(time.perf_counter() - start)
json.dump({"agents": agents, "seconds": seconds,
           "version": importlib.metadata.version("pyworkforce")}, sys.stdout)
"""


@dataclass(frozen=True)
class PeerRow:
    """One week's hourly requirement for calls, ours against the peer library's."""

    volume: int
    arrivals: tuple[float, ...]
    agents: tuple[int, ...]
    ours: Timings
    their_agents: tuple[int, ...] = ()
    theirs: Timings | None = None
    #: The peer library and its version, or why it did not run.
    peer: str = ""

    @property
    def agree(self) -> int:
        return sum(a == b for a, b in zip(self.agents, self.their_agents, strict=False))

    def differences(self) -> list[tuple[int, float, int, int]]:
        """(hour, arrivals, ours, theirs) for each hour where the agents differ."""
        return [
            (hour, arrivals, ours, theirs)
            for hour, (arrivals, ours, theirs) in enumerate(
                zip(self.arrivals, self.agents, self.their_agents, strict=False)
            )
            if ours != theirs
        ]


def hour_name(hour: int) -> str:
    day, hour = divmod(hour, HOURS_PER_DAY)
    return f"{('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')[day]} {hour:02d}:00"


def our_week(arrivals: tuple[float, ...]) -> tuple[int, ...]:
    return tuple(requirement.live_agents(a, PEER_HANDLING, PEER_TARGET) for a in arrivals)


def their_week(
    arrivals: tuple[float, ...], runs: int
) -> tuple[tuple[int, ...], Timings | None, str]:
    """The peer's agents and times, run with its own python; or no times and why not."""
    python = os.environ.get(PEER_PYTHON) or PEER_PYTHON_DEFAULT
    if not Path(python).exists():
        return (), None, f"peer library not installed ({python} not found; see {PEER_PYTHON})"
    job = {
        "arrivals": arrivals,
        "handling_seconds": PEER_HANDLING,
        "target_seconds": PEER_TARGET.target_seconds,
        "share": PEER_TARGET.target_share,
        "occupancy": PEER_TARGET.max_occupancy,
        "runs": runs,
    }
    try:
        done = subprocess.run(
            [python, "-c", _PEER_SCRIPT],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            timeout=PEER_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return (), None, f"peer library did not run: {error}"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no error output"])[-1]
        if "ModuleNotFoundError" in last:
            return (), None, f"peer library not installed ({python}: {last})"
        return (), None, f"peer library failed: {last}"
    answer = json.loads(done.stdout)
    return (
        tuple(answer["agents"]),
        Timings(tuple(answer["seconds"])),
        f"pyworkforce {answer['version']}",
    )


def peer_rows(runs: int) -> list[PeerRow]:
    rows = []
    for volume in PEER_VOLUMES:
        arrivals = tuple(spread(volume, DEFAULT_PROFILES[PEER_PROFILE]))
        agents = our_week(arrivals)
        ours = timed(lambda arrivals=arrivals: our_week(arrivals), runs, cold=True)
        their_agents, theirs, peer = their_week(arrivals, runs)
        rows.append(PeerRow(volume, arrivals, agents, ours, their_agents, theirs, peer))
    return rows


@dataclass
class EngineResult:
    """Staffing rows per model (load, agents, seconds) and scoring rows (rules, seconds); then
    the whole advice per case, what would change it, its growth, and the peer comparison."""

    staffing: dict[str, list[tuple[int, int, float]]]
    scoring: list[tuple[int, float]]
    advice: list[AdviceRow] = field(default_factory=list)
    exploring: list[ExploreRow] = field(default_factory=list)
    volume_growth: list[GrowthRow] = field(default_factory=list)
    language_growth: list[GrowthRow] = field(default_factory=list)
    peer: list[PeerRow] = field(default_factory=list)

    def scoring_seconds(self, rules: int) -> float | None:
        return next((seconds for count, seconds in self.scoring if count == rules), None)


def measure(repeat: int = 3) -> EngineResult:
    """Every figure; `repeat` 1 is a quick run (fewer runs of each measurement)."""
    staffing = {label: staffing_rows(patience, repeat) for label, patience in STAFFING_MODELS}
    return EngineResult(
        staffing,
        scoring_rows(repeat),
        advice=advice_rows(runs=40 * repeat + 1),
        exploring=explore_rows(runs=repeat),
        volume_growth=growth_rows(MID_SAAS, "interactions_per_month", VOLUMES, 10 * repeat + 1),
        language_growth=growth_rows(FINTECH, "languages", LANGUAGES, 10 * repeat + 1),
        peer=peer_rows(runs=10 * repeat + 1),
    )


def growth(sizes: list[int], seconds: list[float]) -> list[str]:
    """How each time compares with the previous one: "×9.8 for ×10 the size"."""
    return [""] + [
        f"×{seconds[index] / seconds[index - 1]:.1f} for "
        f"×{sizes[index] / sizes[index - 1]:g} the size"
        for index in range(1, len(sizes))
    ]


def print_result(result: EngineResult) -> None:
    for label, rows in result.staffing.items():
        print(f"Staffing, {label}: handling 300 s, 80% in 20 s, occupancy cap 85%")
        print(f"{'interactions/hour':>18} {'agents':>8} {'time':>12}  growth")
        grown = growth([row[0] for row in rows], [row[2] for row in rows])
        for (arrivals, agents, seconds), grew in zip(rows, grown, strict=True):
            print(f"{arrivals:>18,} {agents:>8,} {seconds * 1e3:>9.3f} ms  {grew}")
        print()
    print("Scoring")
    print(f"{'rules':>18} {'time':>12} {'per rule':>12}  growth")
    grown = growth([row[0] for row in result.scoring], [row[1] for row in result.scoring])
    for (count, seconds), grew in zip(result.scoring, grown, strict=True):
        print(f"{count:>18,} {seconds * 1e3:>9.3f} ms {seconds / count * 1e6:>9.3f} µs  {grew}")
    print()
    _print_advice(result)
    _print_growth(result)
    _print_peer(result)


def _print_advice(result: EngineResult) -> None:
    if result.advice:
        runs = len(result.advice[0].cold.seconds)
        print(
            "Whole advice for one assessment (4 options, 168 hours, shifts), "
            f"{runs} run{'' if runs == 1 else 's'} each"
        )
        print(
            f"{'case':<56} {'agents':>6} {'groups':>6} {'cold median':>12} {'cold p90':>10} "
            f"{'warm median':>12}  winner"
        )
        for row in result.advice:
            print(
                f"{row.label:<56} {row.agents:>6,} {row.agent_groups:>6} "
                f"{row.cold.median * 1e3:>9.2f} ms {row.cold.p90 * 1e3:>7.2f} ms "
                f"{row.warm.median * 1e3:>9.2f} ms  {row.winner}"
            )
        print()
    if result.exploring:
        runs = len(result.exploring[0].timings.seconds)
        print(
            '"What would change the recommendation", every dial, no time limit, cold, '
            f"{runs} run{'' if runs == 1 else 's'} each"
        )
        print(
            f"{'case':<56} {'median':>10} {'slowest':>10} {'findings':>8}  "
            f"complete within the app's {sensitivity.SECONDS:g} s"
        )
        for row in result.exploring:
            print(
                f"{row.label:<56} {row.timings.median * 1e3:>7.0f} ms "
                f"{max(row.timings.seconds) * 1e3:>7.0f} ms {row.findings:>8}  "
                f"{'yes' if row.complete else 'no'}"
            )
        print()


def _print_growth(result: EngineResult) -> None:
    tables = (
        (f"contacts/month ({MID_SAAS.label.split(':')[0]})", result.volume_growth),
        (f"languages, one each ({FINTECH.label.split(':')[0]})", result.language_growth),
    )
    for label, rows in tables:
        if not rows:
            continue
        print(f"Whole advice, cold median, by {label}")
        print(f"{'size':>18} {'agents':>8} {'groups':>6} {'time':>12}  growth")
        grown = growth([row.size for row in rows], [row.timings.median for row in rows])
        for row, grew in zip(rows, grown, strict=True):
            print(
                f"{row.size:>18,} {row.agents:>8,} {row.agent_groups:>6} "
                f"{row.timings.median * 1e3:>9.2f} ms  {grew}"
            )
        print()


def _print_peer(result: EngineResult) -> None:
    for row in result.peer:
        print(
            f"Hourly requirement for one week ({PEER_PROFILE}, {row.volume:,}/month, calls of "
            f"{PEER_HANDLING:g} s, 80% in 20 s, occupancy cap 85%), cold, median of "
            f"{len(row.ours.seconds)} runs"
        )
        print(f"  ours: {row.ours.median * 1e3:.3f} ms a week, {max(row.agents)} agents at peak")
        if row.theirs is None:
            print(f"  {row.peer}")
            print()
            continue
        print(
            f"  {row.peer} ErlangC: {row.theirs.median * 1e3:.3f} ms a week "
            f"(theirs / ours: ×{row.theirs.median / row.ours.median:.1f})"
        )
        print(f"  hours whose agents agree: {row.agree} of {len(row.agents)}")
        for hour, arrivals, ours, theirs in row.differences():
            print(f"    {hour_name(hour)}: {arrivals:.2f} calls, ours {ours}, theirs {theirs}")
        print()


def main() -> None:
    print(f"Engine benchmark on {platform.node()} (Python {platform.python_version()})\n")
    print_result(measure())


if __name__ == "__main__":
    main()
