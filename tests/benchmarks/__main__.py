"""`make bench`: time the engine, load the app under gunicorn, write BENCHMARKS.md.

    python -m tests.benchmarks            # the full run (about five minutes), writes BENCHMARKS.md
    python -m tests.benchmarks --quick    # a smoke run: 1-2 s per page, SQLite only, writes nothing

For each database: wrk on single pages (ratios to a trivial view, no targets), then 32
managers doing whole wizard runs at once, each request timed by page kind (target: every
page kind at p95 < 100 ms), and the web workers' memory (target: < 100 MB each).
Prints every figure and which targets are missed; asserts nothing (exit status 0 either way).
Environment: BENCH_WORKERS (gunicorn workers; default, as `advisor/start.sh`, one more than the
cores), BENCH_DURATION (seconds of wrk per page), BENCH_MANAGER_SECONDS (seconds the managers
walk).
"""

from __future__ import annotations

import argparse
import os
import platform

from . import engine as engine_bench
from . import load, report


def settings_from(args: argparse.Namespace) -> load.Settings:
    workers = int(os.environ.get("BENCH_WORKERS") or (os.process_cpu_count() or 1) + 1)
    settings = load.Settings(workers=workers, connections=args.connections)
    if args.quick:
        settings.duration, settings.manager_seconds, settings.drain_seconds = 1.0, 2.0, 5.0
    else:
        settings.duration = float(os.environ.get("BENCH_DURATION") or settings.duration)
        seconds = os.environ.get("BENCH_MANAGER_SECONDS")
        settings.manager_seconds = float(seconds or settings.manager_seconds)
    return settings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1-2 s per page, SQLite only")
    parser.add_argument("--no-engine", action="store_true", help="skip the engine timings")
    parser.add_argument("--no-load", action="store_true", help="skip the load runs")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    args = parser.parse_args(argv)
    settings = settings_from(args)
    load_before = os.getloadavg()[0]

    engine = None
    if not args.no_engine:
        print(f"Engine benchmark (Python {platform.python_version()})\n", flush=True)
        engine = engine_bench.measure(repeat=1 if args.quick else 3)
        engine_bench.print_result(engine)
    runs = [] if args.no_load else load.run(settings, postgres=not args.quick)

    for run in runs:
        print("\n" + "\n".join(report.database_section(run, settings)), end="")
    misses = report.missed(runs, engine)
    print("\nTargets missed:" if misses else "\nEvery target measured is met.")
    for line in misses:
        print(f"  - {line}")
    if args.quick or args.no_engine or args.no_load:
        print("\nA partial run: BENCHMARKS.md left as it was.")
    else:
        report.write(report.markdown(runs, engine, settings, load_before))


if __name__ == "__main__":
    main()
