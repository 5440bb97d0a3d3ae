"""Is the PostgreSQL server for the suite's second run reachable? Start it here if it is down.

`python -m tests.postgres URL` exits 0 when the server answers (after starting a local Debian
cluster with pg_ctlcluster if needed), 1 when there is no PostgreSQL to run the suite on.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import psycopg


def reachable(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def start_local_cluster() -> None:
    """Start the first local Debian cluster, as this project's machines run one."""
    versions = sorted(Path("/etc/postgresql").glob("*/main"))
    if not versions or shutil.which("pg_ctlcluster") is None:
        return
    version = versions[-1].parent.name
    subprocess.run(  # noqa: S603
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],  # noqa: S607
        check=False,
        capture_output=True,
    )


if __name__ == "__main__":
    url = sys.argv[1]
    if not reachable(url):
        start_local_cluster()
    sys.exit(0 if reachable(url) else 1)
