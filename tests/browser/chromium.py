"""Find the Chromium the browser tests drive; `python -m tests.browser.chromium` prints it.

The system's Chromium comes first (Playwright's browser download does not work everywhere);
CHROMIUM_PATH overrides the search. None means "use Playwright's own Chromium", which exists
only after `playwright install chromium`.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def playwright_chromium() -> str | None:
    """Playwright's downloaded Chromium, if `playwright install chromium` has run."""
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache/ms-playwright"))
    found = sorted(cache.glob("chromium-*/chrome-linux*/chrome"))
    return str(found[-1]) if found else None


if __name__ == "__main__":
    executable = find_chromium() or playwright_chromium()
    if executable is None:
        sys.exit("No Chromium found: install the chromium package or run `playwright install`.")
    print(executable)
