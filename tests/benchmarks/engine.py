"""Time the engine alone: staffing from 10 to 20,000 interactions an hour, scoring by rules.

`make bench` (`python -m tests.benchmarks`) runs it before the load benchmark and writes its
figures to BENCHMARKS.md; `python -m tests.benchmarks.engine` runs it alone. It prints times and
how they grow; it asserts nothing, because timings belong to the machine, not to the code.
"""

from __future__ import annotations

import platform
import timeit
from dataclasses import dataclass

from advisor.engine.queueing import agents_needed
from advisor.engine.scoring import Rule, assess

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


@dataclass
class EngineResult:
    """Staffing rows per model (load, agents, seconds) and scoring rows (rules, seconds)."""

    staffing: dict[str, list[tuple[int, int, float]]]
    scoring: list[tuple[int, float]]

    def scoring_seconds(self, rules: int) -> float | None:
        return next((seconds for count, seconds in self.scoring if count == rules), None)


def measure(repeat: int = 3) -> EngineResult:
    staffing = {label: staffing_rows(patience, repeat) for label, patience in STAFFING_MODELS}
    return EngineResult(staffing, scoring_rows(repeat))


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


def main() -> None:
    print(f"Engine benchmark on {platform.node()} (Python {platform.python_version()})\n")
    print_result(measure())


if __name__ == "__main__":
    main()
