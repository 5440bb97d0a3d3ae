"""Production settings plus one trivial view, for the load benchmark only (never deployed)."""

from advisor.settings import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.urls"
