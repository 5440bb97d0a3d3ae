"""Walk the wizard over HTTP, as a browser does, to prepare and to drive the load runs.

`prepare_users` starts one run per virtual user (session cookie, CSRF token, run id) by answering
its first step, for wrk's step pages; `walk_run` answers every step of a new run, finishes it
and opens its result, checking each answer on the way, as each manager of the 32-manager run
does again and again; `finish_one` walks one run and returns its result's token.
"""

from __future__ import annotations

import http.client
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.answers import ANSWERS, STEPS

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_STEP_PATH = re.compile(r"^/assess/([0-9a-f]{32})/([\w-]+)/$")
_RESULT_PATH = re.compile(r"^/r/([\w-]+)/$")
#: formtools' done step: the review's POST redirects there, and its GET stores the result.
DONE_STEP = "done"

#: Told of each request a browser sent: method, path, seconds and whether it answered as
#: expected.
RequestHook = Callable[[str, str, float, bool], None]


class TimeUp(Exception):  # noqa: N818 - not an error: the load run is over
    """The browser's time is up: it sends nothing more."""


def step_fields(step: str) -> str:
    """The step's own fields, URL-encoded with the `<step>-` prefix the forms use."""
    return urlencode({f"{step}-{key}": value for key, value in ANSWERS[step].items()}, doseq=True)


def step_body(run: str, step: str, csrf: str) -> str:
    extra = urlencode({f"assessment_{run}-current_step": step, "csrfmiddlewaretoken": csrf})
    fields = step_fields(step)
    return f"{fields}&{extra}" if fields else extra


def step_path(run: str, step: str) -> str:
    return f"/assess/{run}/{step}/"


def csrf_token(path: str, page: str) -> str:
    """The CSRF token of the form on `page`."""
    match = _CSRF_INPUT.search(page)
    if not match:
        raise RuntimeError(f"No CSRF token on {path}")
    return match.group(1)


@dataclass
class Browser:
    """A minimal browser: one cookie jar, GET and form POST, no redirects followed.

    `on_request`, if set, is told of every request `expect` sends; from `stop_at` (a
    `time.monotonic()` reading) on, `expect` sends nothing and raises `TimeUp`. `think` is
    how long a person spends on a page before answering it (none by default).
    """

    port: int
    host: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)
    on_request: RequestHook | None = None
    stop_at: float = math.inf
    think: Callable[[], float] = lambda: 0.0

    def request(self, method: str, path: str, body: str = "") -> tuple[int, str, str]:
        """Status, Location header and body text."""
        headers = {"Cookie": self.cookie_header()} if self.cookies else {}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            conn.request(method, path, body.encode() if body else None, headers)
            response = conn.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.getheader("Location", ""), response.read().decode()
        finally:
            conn.close()

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def expect(self, method: str, path: str, status: int, body: str = "") -> tuple[str, str]:
        """Location and body of a request that must answer `status`; else RuntimeError."""
        if time.monotonic() >= self.stop_at:
            raise TimeUp
        started = time.perf_counter()
        try:
            got, location, text = self.request(method, path, body)
        except (OSError, http.client.HTTPException) as error:  # refused, reset, timed out
            self._tell(method, path, started, ok=False)
            raise RuntimeError(f"{method} {path}: {error!r}") from error
        self._tell(method, path, started, ok=got == status)
        if got != status:
            raise RuntimeError(f"{method} {path}: expected {status}, got {got}\n{text[:2000]}")
        return location, text

    def _tell(self, method: str, path: str, started: float, *, ok: bool) -> None:
        if self.on_request is not None:
            self.on_request(method, path, time.perf_counter() - started, ok)


@dataclass(frozen=True)
class User:
    """A visitor on a run's first step: what each of its requests carries."""

    cookie: str
    run: str
    csrf: str


def open_run(browser: Browser) -> tuple[str, str]:
    """GET /assess/ and its first step; the run id and the form's CSRF token."""
    location, _ = browser.expect("GET", "/assess/", 302)
    match = _STEP_PATH.match(location)
    if not match or match.group(2) != STEPS[0]:
        raise RuntimeError(f"/assess/ redirected to {location!r}, not to a first step")
    _, page = browser.expect("GET", location, 200)
    return match.group(1), csrf_token(location, page)


def prepare_users(port: int, count: int) -> list[User]:
    """`count` visitors, each with its own session and a run started by answering its first step.

    Nothing is stored for a run before its first answer, so a visitor who only opened it
    would have no session for the step pages to read.
    """
    users = []
    for _ in range(count):
        browser = Browser(port)
        run, csrf = open_run(browser)
        step = STEPS[0]
        browser.expect("POST", step_path(run, step), 302, step_body(run, step, csrf))
        users.append(User(browser.cookie_header(), run, csrf))
    return users


def walk_run(browser: Browser) -> str:
    """Answer every step of a new run, finish it, open its result; the result's token.

    The requests a manager's browser sends: GET /assess/ (302 to the first step), then each
    step's GET and POST (302 to the next step; the review's to formtools' done URL), the done
    URL (which stores the assessment: 302 to its result) and the result page.
    """
    run, csrf = open_run(browser)
    following = [*STEPS[1:], DONE_STEP]
    for step, next_step in zip(STEPS, following, strict=True):
        path = step_path(run, step)
        if step != STEPS[0]:
            _, page = browser.expect("GET", path, 200)
            csrf = csrf_token(path, page)
        time.sleep(browser.think())  # the manager reads the page and answers it
        location, _ = browser.expect("POST", path, 302, step_body(run, step, csrf))
        if location != step_path(run, next_step):
            raise RuntimeError(f"POST {path} redirected to {location!r}, not to {next_step}")
    done = step_path(run, DONE_STEP)
    location, _ = browser.expect("GET", done, 302)
    match = _RESULT_PATH.match(location)
    if not match:
        raise RuntimeError(f"GET {done} redirected to {location!r}, not to a result")
    browser.expect("GET", location, 200)
    return match.group(1)


def finish_one(port: int) -> str:
    """Answer every step of one run, finish it and return the result's token."""
    return walk_run(Browser(port))
