"""Run wrk on loopback and read its `--latency` report."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LUA = Path(__file__).resolve().parent / "lua"
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}
_TIME = r"([\d.]+)(us|ms|s|m|h)"


@dataclass
class Result:
    """One wrk run: throughput, latency in milliseconds and errors."""

    requests: int
    seconds: float
    requests_per_second: float
    median_ms: float
    p99_ms: float
    non_2xx_3xx: int = 0
    socket_errors: int = 0
    output: str = ""

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + self.socket_errors


def installed() -> bool:
    return shutil.which("wrk") is not None


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNITS[unit]


def parse(output: str) -> Result:
    """Read wrk's text report (the `Latency Distribution` block needs `--latency`)."""
    total = re.search(r"(\d+) requests in " + _TIME, output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    median = re.search(r"^\s+50%\s+" + _TIME, output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+" + _TIME, output, re.MULTILINE)
    if not (total and rate):
        raise RuntimeError(f"Could not read wrk's report:\n{output}")
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Result(
        requests=int(total.group(1)),
        seconds=_ms(total.group(2), total.group(3)) / 1e3,
        requests_per_second=float(rate.group(1)),
        median_ms=_ms(*median.groups()) if median else float("nan"),
        p99_ms=_ms(*p99.groups()) if p99 else float("nan"),
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in socket.groups()) if socket else 0,
        output=output,
    )


def run(
    url: str,
    *,
    duration: float,
    connections: int = 16,
    threads: int = 2,
    script: str | None = None,
    args: list[str] | tuple[str, ...] = (),
) -> Result:
    """Load `url` for `duration` seconds and return wrk's figures."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",  # wrk takes whole seconds
        "--timeout",
        "5s",
        "--latency",
    ]
    if script:
        command += ["-s", str(LUA / script)]
    command.append(url)
    if args:
        command += ["--", *args]
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=duration + 60
    )
    if done.returncode:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return parse(done.stdout)
