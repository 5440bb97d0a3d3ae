"""The load benchmark's harness works: a short run yields a row for every page (about 12 s).

It proves the plumbing (gunicorn, wrk, the Lua scripts, the wizard walk, the report), never
a speed: timings belong to the machine and are written by `make bench`, not asserted.
"""

from __future__ import annotations

import pytest

from tests.benchmarks import load, report, wrk


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
