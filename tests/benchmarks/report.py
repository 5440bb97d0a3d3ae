"""Targets, the printed summary and BENCHMARKS.md.

The targets: every page kind of a wizard run at p95 < 100 ms while the managers walk whole runs
at once, each web worker under 100 MB, and the engine's own. The wrk table of single pages
gives each page's throughput as a share of the trivial view's, without targets.
"""

from __future__ import annotations

import datetime
import math
import os
import platform
import subprocess
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from advisor.engine.sensitivity import SECONDS as CHANGES_SECONDS

from . import engine as engine_bench
from .engine import EngineResult, GrowthRow, growth
from .load import WRK_PAGES, DatabaseRun, Settings
from .managers import PAGE_KINDS, REQUESTS_PER_RUN, ManagersResult, PageTimes

BENCHMARKS_MD = Path(__file__).resolve().parents[2] / "BENCHMARKS.md"
FINDINGS_MD = Path(__file__).resolve().parent / "findings.md"
#: Every page kind of a wizard run, while the managers walk whole runs at once.
P95_MS = 100.0
RSS_MB = 100.0
SCORING_RULES, SCORING_MS = 1_000, 1.0
#: The whole advice for one assessment, cold median; what would change it, cold median.
ADVICE_MS, CHANGES_MS = 10.0, 300.0


@dataclass
class Check:
    target: str
    met: bool
    why: str = ""

    @property
    def cell(self) -> str:
        return "met" if self.met else f"**missed** ({self.why})"


def page_kind_check(times: PageTimes) -> Check:
    """p95 under the target, and no request of the kind answered unexpectedly."""
    misses = []
    if not times.requests:
        misses.append("not measured")
    elif not times.p95 < P95_MS:
        misses.append(f"p95 {times.p95:.0f} ms")
    if times.errors:
        misses.append(f"{times.errors} errors")
    return Check(f"p95 < {P95_MS:g} ms", not misses, "; ".join(misses))


def rss_check(run: DatabaseRun) -> Check:
    biggest = max(run.worker_rss_mb, default=0.0)
    return Check(f"worker RSS < {RSS_MB:g} MB", 0 < biggest < RSS_MB, f"{biggest:.1f} MB")


def scoring_check(engine: EngineResult) -> Check:
    seconds = engine.scoring_seconds(SCORING_RULES)
    met = seconds is not None and seconds * 1e3 < SCORING_MS
    took = f"{seconds * 1e3:.3f} ms" if seconds is not None else "not measured"
    return Check(f"scoring {SCORING_RULES:,} rules < {SCORING_MS:g} ms", met, took)


def advice_check(row: engine_bench.AdviceRow) -> Check:
    took = row.cold.median * 1e3
    return Check(f"cold median ≤ {ADVICE_MS:g} ms", took <= ADVICE_MS, f"{took:.2f} ms")


def changes_check(row: engine_bench.ExploreRow) -> Check:
    took = row.timings.median * 1e3
    return Check(f"cold median ≤ {CHANGES_MS:g} ms", took <= CHANGES_MS, f"{took:.0f} ms")


def managers_table(result: ManagersResult) -> list[str]:
    lines = [
        "| page | requests | median | p95 | p99 | max | errors | target | met? |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for key, label in PAGE_KINDS:
        times = result.tally.pages[key]
        check = page_kind_check(times)
        figures = " | ".join(
            _ms(value) for value in (times.median, times.p95, times.p99, times.max)
        )
        lines.append(
            f"| {label} | {times.requests:,} | {figures} | {times.errors} | {check.target} "
            f"| {check.cell} |"
        )
    return lines


def _ms(value: float) -> str:
    """Milliseconds for a table cell; a dash when nothing was measured."""
    return "—" if math.isnan(value) else f"{value:.1f} ms"


def wrk_table(run: DatabaseRun) -> list[str]:
    lines = [
        "| page | req/s | median | p99 | ratio to trivial | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key, label in WRK_PAGES:
        result = run.results[key]
        lines.append(
            f"| {label} | {result.requests_per_second:,.1f} | {result.median_ms:.2f} ms "
            f"| {result.p99_ms:.2f} ms | {run.ratio(key) or 0.0:.0%} | {result.errors} |"
        )
    return lines


def database_section(run: DatabaseRun, settings: Settings) -> list[str]:
    lines = [f"## Load: {run.name}", ""]
    if run.skipped:
        return [*lines, f"{run.skipped.capitalize()}.", ""]
    lines += [f"The app reached the database through {run.connection}.", ""]
    if run.managers is not None:
        lines += managers_section(run, run.managers, settings)
    return [*lines, *wrk_section(run, settings)]


def managers_section(run: DatabaseRun, result: ManagersResult, settings: Settings) -> list[str]:
    tally = result.tally
    rss = rss_check(run)
    examples = "; ".join(f"`{example}`" for example in tally.error_examples)
    return [
        f"### {result.managers} managers doing whole wizard runs at once",
        "",
        *managers_table(result),
        "",
        f"- **{result.runs_per_second:.1f} completed runs/s**: {tally.completed_runs:,} runs "
        f"of {REQUESTS_PER_RUN} requests in {tally.seconds:.1f} s; {tally.errors} errors"
        + (f", for example {examples}." if examples else "."),
        f"- The load driver ({result.managers} managers in {result.processes} processes) used "
        f"{tally.cpu_seconds:.1f} CPU-seconds: {result.client_cpu_share:.0%} of the machine's "
        f"{os.cpu_count()} cores over the run.",
        _analyses_line(run, settings.drain_seconds),
        f"- Worker memory after the managers (VmRSS): "
        f"{', '.join(f'{mb:.1f} MB' for mb in run.worker_rss_mb)}; "
        f"target < {RSS_MB:g} MB: {rss.cell}.",
        "",
    ]


def wrk_section(run: DatabaseRun, settings: Settings) -> list[str]:
    return [
        f"### Single pages with wrk ({settings.connections} connections, no targets)",
        "",
        *wrk_table(run),
        "",
        "- Trivial view, measured first and again last: "
        f"{' and '.join(f'{rate:,.1f}' for rate in run.trivial_runs)} req/s; "
        "the table keeps the higher, the ceiling every ratio divides by.",
        "",
    ]


def _analyses_line(run: DatabaseRun, drain_seconds: float) -> str:
    if run.analyses_drained_seconds is not None:
        drained = f"the task worker worked them out in {run.analyses_drained_seconds:.1f} s"
    else:
        drained = f"{run.analyses_left} were still queued {drain_seconds:g} s later"
    return (
        f'- "What would change the recommendation" is worked out by the low-priority task '
        f"worker, not in the finishing request: {run.analyses_queued} were still queued when "
        f"the managers stopped; {drained}."
    )


def engine_section(engine: EngineResult) -> list[str]:
    lines = ["## Engine alone", ""]
    for label, rows in engine.staffing.items():
        lines += [
            f"Staffing, {label} (handling 300 s, 80% in 20 s, occupancy cap 85%):",
            "",
            "| interactions/hour | agents | time | growth |",
            "|---:|---:|---:|---|",
        ]
        grown = growth([row[0] for row in rows], [row[2] for row in rows])
        for (arrivals, agents, seconds), grew in zip(rows, grown, strict=True):
            lines.append(f"| {arrivals:,} | {agents:,} | {seconds * 1e3:.3f} ms | {grew} |")
        lines.append("")
    scoring = scoring_check(engine)
    lines += ["Scoring:", "", "| rules | time | per rule | growth |", "|---:|---:|---:|---|"]
    grown = growth([row[0] for row in engine.scoring], [row[1] for row in engine.scoring])
    for (count, seconds), grew in zip(engine.scoring, grown, strict=True):
        lines.append(
            f"| {count:,} | {seconds * 1e3:.3f} ms | {seconds / count * 1e6:.2f} µs | {grew} |"
        )
    lines += ["", f"Target: {scoring.target}: {scoring.cell}.", ""]
    lines += advice_table(engine) + changes_table(engine) + growth_tables(engine)
    return lines + peer_table(engine)


def advice_table(engine: EngineResult) -> list[str]:
    if not engine.advice:
        return []
    lines = [
        "Whole advice for one assessment (`advise`: four options, the 168 hours of the week, "
        "every channel and language group, shifts included, with the default rules and "
        f"figures), {_runs(engine.advice[0].cold)} each. Cold: the queue caches "
        "emptied before each run, as a worker's first assessment; warm: kept.",
        "",
        "| answers | agents | agent groups | cold median | cold p90 | warm median | winner "
        "| target | met? |",
        "|---|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for row in engine.advice:
        check = advice_check(row)
        lines.append(
            f"| {row.label} | {row.agents:,} | {row.agent_groups} "
            f"| {row.cold.median * 1e3:.2f} ms | {row.cold.p90 * 1e3:.2f} ms "
            f"| {row.warm.median * 1e3:.2f} ms | {row.winner} | {check.target} | {check.cell} |"
        )
    return [*lines, ""]


def changes_table(engine: EngineResult) -> list[str]:
    if not engine.exploring:
        return []
    lines = [
        '"What would change the recommendation" (`explore` with every question as a dial, no '
        f"time limit, cold), {_runs(engine.exploring[0].timings)} each. Complete: "
        f"whether one more cold run within the app's own limit ({CHANGES_SECONDS:g} s) "
        "tried every answer.",
        "",
        "| answers | median | slowest | changes found | complete | target | met? |",
        "|---|---:|---:|---:|---|---|---|",
    ]
    for row in engine.exploring:
        check = changes_check(row)
        lines.append(
            f"| {row.label} | {row.timings.median * 1e3:.0f} ms "
            f"| {max(row.timings.seconds) * 1e3:.0f} ms | {row.findings} "
            f"| {'yes' if row.complete else '**no**'} | {check.target} | {check.cell} |"
        )
    return [*lines, ""]


def _runs(timings: engine_bench.Timings) -> str:
    count = len(timings.seconds)
    return f"{count} run" if count == 1 else f"{count} runs"


def growth_tables(engine: EngineResult) -> list[str]:
    tables = (
        ("contacts a month", engine_bench.MID_SAAS, engine.volume_growth),
        ("languages, one each", engine_bench.FINTECH, engine.language_growth),
    )
    lines = []
    for size, case, rows in tables:
        if rows:
            lines += [
                f"Whole advice by {size} (the {case.label.split(':')[0]} answers otherwise), "
                f"cold median of {_runs(rows[0].timings)}:",
                "",
                *_growth_table(size, rows),
                "",
            ]
    return lines


def _growth_table(size: str, rows: list[GrowthRow]) -> list[str]:
    lines = [f"| {size} | agents | agent groups | time | growth |", "|---:|---:|---:|---:|---|"]
    grown = growth([row.size for row in rows], [row.timings.median for row in rows])
    for row, grew in zip(rows, grown, strict=True):
        lines.append(
            f"| {row.size:,} | {row.agents:,} | {row.agent_groups} "
            f"| {row.timings.median * 1e3:.2f} ms | {grew} |"
        )
    return lines


def peer_table(engine: EngineResult) -> list[str]:
    if not engine.peer:
        return []
    lines = [
        "Hourly requirement for one week against a peer library, pyworkforce's `ErlangC` "
        "(run with its own python, `PYWORKFORCE_PYTHON`, timed inside that process): the same "
        f"168 hourly arrivals ({engine_bench.PEER_PROFILE} profile), calls of "
        f"{engine_bench.PEER_HANDLING:g} s, 80% answered in 20 s, occupancy cap 85%, "
        "60-minute intervals, no shrinkage; ours is `requirement.live_agents` for each hour, "
        f"cold. Median of {_runs(engine.peer[0].ours)}.",
        "",
        "| contacts a month | agents at peak | ours | peer | theirs / ours | hours agreeing |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for row in engine.peer:
        if row.theirs is None:
            lines.append(
                f"| {row.volume:,} | {max(row.agents):,} | {row.ours.median * 1e3:.3f} ms "
                "| not run | | |"
            )
            notes.append(f"- {row.volume:,} a month: {row.peer}.")
            continue
        lines.append(
            f"| {row.volume:,} | {max(row.agents):,} | {row.ours.median * 1e3:.3f} ms "
            f"| {row.theirs.median * 1e3:.3f} ms ({row.peer}) "
            f"| ×{row.theirs.median / row.ours.median:.1f} | {row.agree} of {len(row.agents)} |"
        )
        notes += [
            f"- {row.volume:,} a month, {engine_bench.hour_name(hour)}: {arrivals:.2f} calls, "
            f"ours {ours} agents, theirs {theirs}."
            for hour, arrivals, ours, theirs in row.differences()
        ]
    return [*lines, "", *notes, *([""] if notes else [])]


def missed(runs: list[DatabaseRun], engine: EngineResult | None) -> list[str]:
    """One line per target missed, for the summary."""
    lines = []
    for run in runs:
        if not run.skipped:
            lines += _load_misses(run)
    if engine is not None:
        lines += _engine_misses(engine)
    return lines


def _load_misses(run: DatabaseRun) -> list[str]:
    lines = []
    if run.managers is not None:
        under = f"with {run.managers.managers} managers"
        for key, label in PAGE_KINDS:
            check = page_kind_check(run.managers.tally.pages[key])
            if not check.met:
                lines.append(f"{run.name}: {label}: {check.target} {under}: {check.why}")
    rss = rss_check(run)
    if not rss.met:
        lines.append(f"{run.name}: {rss.target}: {rss.why}")
    return lines


def _engine_misses(engine: EngineResult) -> list[str]:
    checks = [("", scoring_check(engine))]
    checks += [(f"whole advice, {row.label}: ", advice_check(row)) for row in engine.advice]
    checks += [
        (f"what would change the recommendation, {row.label}: ", changes_check(row))
        for row in engine.exploring
    ]
    return [f"Engine: {what}{check.target}: {check.why}" for what, check in checks if not check.met]


def machine(load_before: float | None = None) -> list[str]:
    cpu, cores = "unknown CPU", os.cpu_count()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    first = (wrk_version.stdout or wrk_version.stderr).splitlines()
    return [
        f"- CPU: {cpu}, {cores} cores",
        f"- Python {platform.python_version()}, Django {version('django')}, "
        f"gunicorn {version('gunicorn')}, whitenoise {version('whitenoise')}, "
        f"{first[0].split(' Copyright')[0] if first else 'wrk'}",
        f"- Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "- Command: `make bench` (`.venv/bin/python -m tests.benchmarks`)",
        *(
            [
                f"- Load average (1 min) when the run began: {load_before:.2f}, after: "
                f"{os.getloadavg()[0]:.2f} (other work on the machine lowers every figure; "
                "the ratios less so)"
            ]
            if load_before is not None
            else []
        ),
        *(
            [
                "- **The machine was busy with other work during this run (load average above "
                "its cores): the figures are lower and noisier than on a quiet machine. Run "
                "`make bench` again on a quiet one before judging a target.**"
            ]
            # Only the load before the run: the run itself keeps the cores busy.
            if (load_before or 0.0) > (cores or 1)
            else []
        ),
    ]


def how_it_is_measured(settings: Settings) -> list[str]:
    return [
        f"- gunicorn, {settings.workers} workers of 4 threads (as `advisor/start.sh`), production "
        "settings (DEBUG and HTTPS off, a generated SECRET_KEY, ALLOWED_HOSTS=127.0.0.1) plus "
        "one trivial view (`tests/benchmarks/settings.py`), on a loopback port. A fresh SQLite "
        "file, then a fresh PostgreSQL database (`advisor_bench`, dropped afterwards, reached "
        "through the server's Unix socket when it has one here, else over TCP), both "
        "without Redis (the cache in each process, as by default); "
        "then PostgreSQL again with `REDIS_URL` (the cache, and sessions read through it, in "
        "Redis database 15, emptied before and after), as recommended for several app "
        "servers. Each database is migrated (which loads the default rules). "
        "As deployed, gunicorn also runs the task worker at the lowest CPU priority "
        "(`advisor/gunicorn_hooks.py`), which works out each result's \"what would change the "
        'recommendation" after the finish.',
        f"- **Managers** (`managers.py`): {settings.managers} managers walk whole wizard runs "
        f"at once for {settings.manager_seconds:g} s, all starting together, spread over "
        f"{settings.manager_processes} client processes of threads on the same machine. Each "
        "has its own cookie jar and walks run after run, spending 1 to 3 s on each page before "
        "answering it (a person takes ten times longer): GET /assess/ (302 to "
        "a new run), each step's GET and POST (302 to the next step; the review's POST to "
        "formtools' done URL), the done URL's GET (stores the assessment, 302 to its result) "
        f"and the result page: {REQUESTS_PER_RUN} requests a run. Every request is timed on "
        "the client, from connecting to the last byte of the answer, under its page kind. "
        f"Target: every page kind at p95 < {P95_MS:g} ms, with no error (a status the walk "
        "did not expect, or no answer; its manager then starts again in a new browser). The "
        'result page is its first view, while its "what would change" is still being '
        "worked out; the static files a browser would fetch (and then keep) are left out. "
        "The client shares the cores with the server: its own CPU share is given.",
        f"- **Single pages** with wrk, {settings.connections} connections, "
        f"{settings.duration:g} s per page, no targets. wrk and the server share the cores, "
        "so absolute figures say little: each page is read as a share of the trivial view's "
        "throughput in the same run (the ceiling of Django, middleware and gunicorn here).",
        "- Wizard step GET and POST (wrk): the first step (company), spread over "
        f"{settings.connections} prepared visitors, each with its own session, CSRF token "
        "and run, started by answering that step once (`lua/step.lua`); a valid POST answers "
        "302 to the next step.",
        "- Result page and JSON (wrk): plain GETs of one stored result, complete (its analysis "
        "worked out), without If-None-Match, so the full 200 response is measured.",
        "- Worker memory: VmRSS of each web worker of the gunicorn master, right after the "
        f"managers. Target: < {RSS_MB:g} MB each.",
        "- Once the managers stop, the task worker gets up to "
        f"{settings.drain_seconds:g} s to work out the analyses they left queued.",
    ]


def markdown(
    runs: list[DatabaseRun],
    engine: EngineResult | None,
    settings: Settings,
    load_before: float | None = None,
) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench`; every figure below comes from one run on the machine named. "
        "The benchmark asserts nothing: it measures, compares with the targets and says which "
        "are met.",
        "",
        "## Machine",
        "",
        *machine(load_before),
        "",
        "## How it is measured",
        "",
        *how_it_is_measured(settings),
        "",
    ]
    for run in runs:
        lines += database_section(run, settings)
    if engine is not None:
        lines += engine_section(engine)
    misses = missed(runs, engine)
    lines += ["## Targets missed", ""]
    lines += [f"- {line}" for line in misses] if misses else ["None."]
    # Profiles, fixes and before/after figures are written by hand and kept across runs.
    lines += ["", *FINDINGS_MD.read_text().splitlines()]
    return "\n".join(lines) + "\n"


def write(text: str, path: Path = BENCHMARKS_MD) -> None:
    path.write_text(text)
    print(f"\nWrote {path}")
