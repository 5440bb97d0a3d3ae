"""Time the engine alone: staffing from 10 to 20,000 interactions an hour, scoring by rules.

Run with `make bench` (or `python -m tests.benchmarks.engine`). It prints times; it asserts
nothing, because timings belong to the machine, not to the code's correctness.
"""

from __future__ import annotations

import platform
import timeit

from advisor.engine.queueing import agents_needed
from advisor.engine.scoring import Rule, assess

LOADS_PER_HOUR = (10, 100, 1_000, 5_000, 20_000)
RULE_COUNTS = (10, 100, 1_000, 10_000)


def _best_of(function, repeat: int = 5) -> float:
    """Best time of one call in seconds, over `repeat` rounds sized to last about 0.2 s."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def staffing_rows(patience: float | None) -> list[tuple[int, int, float]]:
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

        rows.append((arrivals, staff().agents, _best_of(staff)))
    return rows


def scoring_rows() -> list[tuple[int, float]]:
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
        rows.append((count, _best_of(lambda rules=rules: assess(answers, rules, ["a", "b"]))))
    return rows


def main() -> None:
    print(f"Engine benchmark on {platform.node()} (Python {platform.python_version()})\n")
    for label, patience in (("Erlang C", None), ("Erlang A, patience 120 s", 120.0)):
        print(f"Staffing, {label}: handling 300 s, 80% in 20 s, occupancy cap 85%")
        print(f"{'interactions/hour':>18} {'agents':>8} {'time':>12}")
        for arrivals, agents, seconds in staffing_rows(patience):
            print(f"{arrivals:>18,} {agents:>8,} {seconds * 1e3:>9.3f} ms")
        print()
    print("Scoring")
    print(f"{'rules':>18} {'time':>12} {'per rule':>12}")
    for count, seconds in scoring_rows():
        print(f"{count:>18,} {seconds * 1e3:>9.3f} ms {seconds / count * 1e6:>9.3f} µs")


if __name__ == "__main__":
    main()
