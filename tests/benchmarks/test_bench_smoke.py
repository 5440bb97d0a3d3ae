"""The benchmark's harness works: a short run yields a row for every page and every page kind
(about half a minute), the managers' figures are classified and judged as they should be, and the
engine's figures reach the report.

It proves the plumbing (gunicorn, wrk, the Lua script, the managers' wizard walk, the engine's
cases, the report), never a speed: timings belong to the machine and are written by
`make bench`, not asserted.
"""

from __future__ import annotations

import math

import pytest

from tests.benchmarks import engine, load, managers, report, wrk

RUN = "0123456789abcdef0123456789abcdef"


def test_wrk_report_is_read():
    output = """Running 1s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Latency Distribution
     50%  850.00us
     75%    1.20ms
     90%    2.00ms
     99%    1.05s
  1234 requests in 1.01s, 1.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 5
Requests/sec:   1221.78
"""
    result = wrk.parse(output)
    assert (result.requests, result.requests_per_second) == (1234, 1221.78)
    assert (result.median_ms, result.p99_ms) == (pytest.approx(0.85), pytest.approx(1050))
    assert (result.non_2xx_3xx, result.socket_errors, result.errors) == (5, 3, 8)


def test_percentiles_are_the_nearest_rank():
    values = [float(n) for n in range(100, 0, -1)]

    assert [managers.percentile(values, share) for share in (0.5, 0.95, 0.99, 1.0)] == [
        50,
        95,
        99,
        100,
    ]
    assert managers.percentile([7.0], 0.95) == 7.0
    assert managers.percentile([1.0, 2.0], 0.5) == 1.0
    assert math.isnan(managers.percentile([], 0.95))


def test_each_request_of_a_wizard_run_is_counted_under_its_page_kind():
    kinds = {
        ("GET", "/assess/"): "start",
        ("GET", f"/assess/{RUN}/company/"): "step_get",
        ("POST", f"/assess/{RUN}/costs/"): "step_post",
        ("GET", f"/assess/{RUN}/review/"): "review_get",
        ("POST", f"/assess/{RUN}/review/"): "review_post",
        ("GET", f"/assess/{RUN}/done/"): "done",
        ("GET", "/r/Ab3-x_9/"): "result",
    }
    for (method, path), kind in kinds.items():
        assert managers.page_kind(method, path) == kind, path
    assert set(kinds.values()) == {key for key, _ in managers.PAGE_KINDS}
    for method, path in (("GET", "/r/Ab3.json"), ("GET", "/healthz"), ("POST", "/assess/")):
        with pytest.raises(ValueError, match="not a page of a wizard run"):
            managers.page_kind(method, path)


def test_managers_are_spread_evenly_over_the_client_processes():
    assert managers.shares(32, 4) == [8, 8, 8, 8]
    assert managers.shares(5, 2) == [3, 2]
    assert managers.shares(2, 4) == [1, 1]


def _made_up_run(p95_ms: dict[str, float]) -> load.DatabaseRun:
    """A SQLite run whose page kinds took 20 requests each, the second slowest (their p95) at `p95_ms`."""
    tally = managers.Tally(completed_runs=20, seconds=10.0, cpu_seconds=1.0)
    for key, p95 in p95_ms.items():
        tally.pages[key].milliseconds = [5.0] * 18 + [p95, 300.0]
    run = load.DatabaseRun(name="SQLite", worker_rss_mb=[60.0, 61.0], connection="a file")
    run.managers = managers.ManagersResult(managers=32, processes=4, tally=tally)
    return run


def test_a_page_kind_at_p95_120_ms_is_missed_and_at_80_ms_met():
    p95 = {key: 80.0 for key, _ in managers.PAGE_KINDS} | {"review_post": 120.0}
    run = _made_up_run(p95)
    table = "\n".join(report.managers_table(run.managers))

    assert (
        "| review POST (302 to done) | 20 | 5.0 ms | 120.0 ms | 300.0 ms | 300.0 ms | 0 " in table
    )
    assert "| p95 < 100 ms | **missed** (p95 120 ms) |" in table
    assert (
        "| result page GET | 20 | 5.0 ms | 80.0 ms | 300.0 ms | 300.0 ms | 0 | p95 < 100 ms | met |"
        in table
    )
    assert report.missed([run], None) == [
        "SQLite: review POST (302 to done): p95 < 100 ms with 32 managers: p95 120 ms"
    ]


def test_errors_and_big_workers_are_missed_targets_too():
    run = _made_up_run({key: 80.0 for key, _ in managers.PAGE_KINDS})
    run.managers.tally.pages["done"].errors = 2
    run.worker_rss_mb = [99.0, 101.5]

    assert report.missed([run], None) == [
        "SQLite: done GET (stores, 302 to result): p95 < 100 ms with 32 managers: 2 errors",
        "SQLite: worker RSS < 100 MB: 101.5 MB",
    ]


@pytest.mark.skipif(not wrk.installed(), reason="wrk is not installed (apt-get install wrk)")
def test_a_quick_run_measures_every_page_and_every_page_kind():
    settings = load.Settings(
        duration=1,
        connections=4,
        managers=4,
        manager_processes=2,
        manager_seconds=1,
        drain_seconds=0,
    )
    (run,) = load.run(settings, postgres=False)

    assert run.name == "SQLite"
    assert list(run.results) == [key for key, _ in load.WRK_PAGES]
    for key, result in run.results.items():
        assert result.requests_per_second > 0, key
        assert result.errors == 0, (key, result.output)
    tally = run.managers.tally
    assert tally.errors == 0, tally.error_examples
    assert tally.completed_runs >= settings.managers
    for key, times in tally.pages.items():
        assert times.requests >= settings.managers, key
    assert len(run.worker_rss_mb) == settings.workers
    text = report.markdown([run], None, settings)
    assert "| result JSON |" in text
    assert "| result page GET |" in text


def test_the_engine_report_shows_the_whole_advice_beside_its_targets(monkeypatch):
    monkeypatch.setenv(engine.PEER_PYTHON, "/nowhere/bin/python")
    result = engine.EngineResult(
        staffing={},
        scoring=[(report.SCORING_RULES, 0.0005)],
        advice=engine.advice_rows(runs=1),
        # The real search takes seconds a case: its row is made up here.
        exploring=[engine.ExploreRow("made up", "in_house", 2, engine.Timings((0.4,)), False)],
        volume_growth=engine.growth_rows(
            engine.SMALL_SHOP, "interactions_per_month", (10, 100), runs=1
        ),
        language_growth=engine.growth_rows(engine.SMALL_SHOP, "languages", (1, 2), runs=1),
        peer=engine.peer_rows(runs=1),
    )
    text = "\n".join(report.engine_section(result))

    for case in engine.CASES:
        assert f"| {case.label} |" in text
    assert all(row.winner and row.agents > 0 for row in result.advice)
    assert f"cold median ≤ {report.ADVICE_MS:g} ms" in text
    assert (
        f"| made up | 400 ms | 400 ms | 2 | **no** | cold median ≤ {report.CHANGES_MS:g} ms" in text
    )
    assert "| 100 | " in text and "| 2 | " in text
    assert text.count("peer library not installed") == len(engine.PEER_VOLUMES)
    assert any("made up" in line for line in report.missed([], result))
