"""The benchmark's harness works: a short run yields a row for every page (about 12 s), and the
engine's figures reach the report.

It proves the plumbing (gunicorn, wrk, the Lua scripts, the wizard walk, the engine's cases,
the report), never a speed: timings belong to the machine and are written by `make bench`,
not asserted.
"""

from __future__ import annotations

import pytest

from tests.benchmarks import engine, load, report, wrk


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
wizard completions: 7
wizard failures: 0
"""
    result = wrk.parse(output)
    assert (result.requests, result.requests_per_second) == (1234, 1221.78)
    assert (result.median_ms, result.p99_ms) == (pytest.approx(0.85), pytest.approx(1050))
    assert (result.non_2xx_3xx, result.socket_errors, result.errors) == (5, 3, 8)
    assert result.extra == {"completions": 7, "failures": 0}


@pytest.mark.skipif(not wrk.installed(), reason="wrk is not installed (apt-get install wrk)")
def test_a_quick_run_measures_every_page():
    settings = load.Settings(duration=1, wizard_duration=1, connections=4)
    (run,) = load.run(settings, postgres=False)

    assert run.name == "SQLite"
    assert list(run.results) == [key for key, _ in load.PAGES]
    for key, result in run.results.items():
        assert result.requests_per_second > 0, key
        assert result.errors == 0, (key, result.output)
    assert run.results["wizard"].extra["failures"] == 0
    assert len(run.worker_rss_mb) == settings.workers
    assert "| result JSON |" in report.markdown([run], None, settings)


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
    assert any("made up" in line for line in report.missed([], result, load.Settings()))
