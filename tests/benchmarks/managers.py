"""Managers doing whole wizard runs at once, every request timed: what users feel.

wrk's Lua cannot time single requests, so this load driver is Python. `run` spreads the
managers over a few processes, as threads in each (so that the client's own interpreter lock
does not hold them up); each manager has its own browser (cookie jar) and walks whole runs
(`wizard_session.walk_run`) again and again until the time is up, pausing on each page
before answering it for `THINK_SECONDS` (a person takes ten times longer). Every
request is timed on the client, from connecting to the last byte of the answer
(`time.perf_counter`), and recorded under its page kind, so each kind's p95 is known. A request
answered with another status than the walk expects counts as an error of its page kind, and
its manager starts again in a new browser.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import random
import re
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .wizard_session import DONE_STEP, STEPS, Browser, TimeUp, walk_run

if TYPE_CHECKING:
    from multiprocessing.queues import Queue
    from multiprocessing.synchronize import Barrier

#: The page kinds of a wizard run, in the order a manager meets them: key, label.
PAGE_KINDS = (
    ("start", "start (GET /assess/, 302)"),
    ("step_get", "step GET"),
    ("step_post", "step POST (302)"),
    ("review_get", "review GET"),
    ("review_post", "review POST (302 to done)"),
    ("done", "done GET (stores, 302 to result)"),
    ("result", "result page GET"),
)
#: GET /assess/, each step's GET and POST, the done URL and the result page.
REQUESTS_PER_RUN = 1 + 2 * len(STEPS) + 2
REVIEW = STEPS[-1]
_WIZARD_PAGE = re.compile(r"^/assess/[0-9a-f]{32}/([\w-]+)/$")
_RESULT_PAGE = re.compile(r"^/r/[\w-]+/$")
#: Error messages kept as examples for the report, at most.
EXAMPLES = 3
#: How long after the time is up a manager who has finished no run may still walk.
FIRST_RUN_GRACE = 60.0
#: Seconds a manager spends on a page before answering it, drawn evenly from this range.
THINK_SECONDS = (1.0, 3.0)
#: How long client processes may take to start, at most.
START_TIMEOUT = 60.0


def page_kind(method: str, path: str) -> str:
    """The page kind of a request a manager sends (a key of PAGE_KINDS)."""
    if method == "GET" and path == "/assess/":
        return "start"
    if method == "GET" and _RESULT_PAGE.match(path):
        return "result"
    match = _WIZARD_PAGE.match(path)
    step = match.group(1) if match else None
    if step == DONE_STEP and method == "GET":
        return "done"
    if step is not None and method in ("GET", "POST"):
        return f"{'review' if step == REVIEW else 'step'}_{method.lower()}"
    raise ValueError(f"{method} {path} is not a page of a wizard run")


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of `values`, `share` from 0 to 1.

    The smallest value that at least `share` of them do not exceed: the p95 of 20 values is
    the second largest.
    """
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = math.ceil(round(share * len(ordered), 9))
    return ordered[max(rank, 1) - 1]


@dataclass
class PageTimes:
    """One page kind's request times in milliseconds, and how many answered unexpectedly."""

    milliseconds: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def requests(self) -> int:
        return len(self.milliseconds)

    def percentile(self, share: float) -> float:
        return percentile(self.milliseconds, share)

    @property
    def median(self) -> float:
        return self.percentile(0.50)

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    @property
    def p99(self) -> float:
        return self.percentile(0.99)

    @property
    def max(self) -> float:
        return max(self.milliseconds, default=math.nan)


def _empty_pages() -> dict[str, PageTimes]:
    return {key: PageTimes() for key, _ in PAGE_KINDS}


@dataclass
class Tally:
    """What some managers saw: times per page kind, completed runs and errors.

    `seconds` is how long they walked and `cpu_seconds` the CPU their process used meanwhile.
    """

    pages: dict[str, PageTimes] = field(default_factory=_empty_pages)
    completed_runs: int = 0
    error_examples: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    def record(self, method: str, path: str, seconds: float, ok: bool) -> None:
        """A browser's `on_request`: one request's time under its page kind."""
        times = self.pages[page_kind(method, path)]
        times.milliseconds.append(seconds * 1e3)
        times.errors += not ok

    def note(self, error: Exception) -> None:
        if len(self.error_examples) < EXAMPLES:
            self.error_examples.append(str(error).splitlines()[0][:200])

    @property
    def errors(self) -> int:
        return sum(times.errors for times in self.pages.values())

    @classmethod
    def merged(cls, tallies: Iterable[Tally]) -> Tally:
        """One tally of several: times and counts added, the longest walk, CPU added."""
        total = cls()
        for tally in tallies:
            for key, times in tally.pages.items():
                total.pages[key].milliseconds += times.milliseconds
                total.pages[key].errors += times.errors
            total.completed_runs += tally.completed_runs
            total.error_examples += tally.error_examples[: EXAMPLES - len(total.error_examples)]
            total.seconds = max(total.seconds, tally.seconds)
            total.cpu_seconds += tally.cpu_seconds
        return total


@dataclass
class ManagersResult:
    """One run of `managers` managers over `processes` client processes."""

    managers: int
    processes: int
    tally: Tally

    @property
    def runs_per_second(self) -> float:
        return self.tally.completed_runs / self.tally.seconds if self.tally.seconds else 0.0

    @property
    def client_cpu_share(self) -> float:
        """The client's CPU time as a share of all the machine's cores over the run."""
        cores = os.cpu_count() or 1
        return self.tally.cpu_seconds / (self.tally.seconds * cores) if self.tally.seconds else 0.0


def _browser(port: int, tally: Tally) -> Browser:
    """A new browser whose every request is timed, and whose person reads before answering."""
    pause = random.Random()
    return Browser(port, on_request=tally.record, think=lambda: pause.uniform(*THINK_SECONDS))


def _manager(port: int, stop_at: float, tally: Tally) -> None:
    """Walk whole runs until the time is up; after an error, start again in a new browser.

    A manager who has finished no run when the time is up finishes the one it is in (for at
    most `FIRST_RUN_GRACE` seconds more), so that a short run still times every page kind.
    """
    browser = _browser(port, tally)
    while True:
        browser.stop_at = stop_at if tally.completed_runs else stop_at + FIRST_RUN_GRACE
        try:
            walk_run(browser)
        except TimeUp:
            return
        except RuntimeError as error:
            tally.note(error)
            browser = _browser(port, tally)
        else:
            tally.completed_runs += 1


def _drive(port: int, managers: int, seconds: float, barrier: Barrier, results: Queue) -> None:
    """One client process: its managers start with every other process's, and walk `seconds`."""
    barrier.wait(timeout=START_TIMEOUT)
    started, cpu_before = time.monotonic(), time.process_time()
    tallies = [Tally() for _ in range(managers)]
    threads = [
        threading.Thread(target=_manager, args=(port, started + seconds, tally))
        for tally in tallies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Tally.merged(tallies)
    total.seconds = time.monotonic() - started
    total.cpu_seconds = time.process_time() - cpu_before
    results.put(total)


def shares(managers: int, processes: int) -> list[int]:
    """`managers` spread as evenly as can be over `processes` (none left empty)."""
    processes = max(1, min(processes, managers))
    each, more = divmod(managers, processes)
    return [each + (index < more) for index in range(processes)]


def run(
    port: int, *, managers: int = 32, processes: int = 4, seconds: float = 20.0
) -> ManagersResult:
    """`managers` managers walking whole runs on the server at `port` for `seconds`."""
    context = multiprocessing.get_context("spawn")
    counts = shares(managers, processes)
    barrier = context.Barrier(len(counts))
    results = context.Queue()
    workers = [
        context.Process(target=_drive, args=(port, count, seconds, barrier, results), daemon=True)
        for count in counts
    ]
    for worker in workers:
        worker.start()
    try:
        tallies = [
            results.get(timeout=START_TIMEOUT + seconds + FIRST_RUN_GRACE + 60) for _ in workers
        ]
    finally:
        for worker in workers:
            worker.join(timeout=10)
    return ManagersResult(managers, len(counts), Tally.merged(tallies))
