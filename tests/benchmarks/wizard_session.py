"""Walk the wizard over HTTP, as a browser does, to prepare what the load runs send.

`prepare_users` starts one run per virtual user (session cookie, CSRF token, run id) by answering
its first step; `finish_one` answers every step and returns a finished result's token.
"""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.answers import ANSWERS, STEPS

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_STEP_PATH = re.compile(r"^/assess/([0-9a-f]{32})/([\w-]+)/$")


def step_fields(step: str) -> str:
    """The step's own fields, URL-encoded with the `<step>-` prefix the forms use."""
    return urlencode({f"{step}-{key}": value for key, value in ANSWERS[step].items()}, doseq=True)


def step_body(run: str, step: str, csrf: str) -> str:
    extra = urlencode({f"assessment_{run}-current_step": step, "csrfmiddlewaretoken": csrf})
    fields = step_fields(step)
    return f"{fields}&{extra}" if fields else extra


@dataclass
class Browser:
    """A minimal browser: one cookie jar, GET and form POST, no redirects followed."""

    port: int
    host: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)

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
        got, location, text = self.request(method, path, body)
        if got != status:
            raise RuntimeError(f"{method} {path}: expected {status}, got {got}\n{text[:2000]}")
        return location, text


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
    csrf = _CSRF_INPUT.search(page)
    if not csrf:
        raise RuntimeError(f"No CSRF token on {location}")
    return match.group(1), csrf.group(1)


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
        browser.expect("POST", f"/assess/{run}/{step}/", 302, step_body(run, step, csrf))
        users.append(User(browser.cookie_header(), run, csrf))
    return users


def finish_one(port: int) -> str:
    """Answer every step of one run, finish it and return the result's token."""
    browser = Browser(port)
    run, csrf = open_run(browser)
    for step in STEPS:
        path = f"/assess/{run}/{step}/"
        if step != STEPS[0]:
            _, page = browser.expect("GET", path, 200)
            csrf = _CSRF_INPUT.search(page).group(1)
        location, _ = browser.expect("POST", path, 302, step_body(run, step, csrf))
    # The review's POST stored the assessment and redirected to its result.
    match = re.match(r"^/r/([\w-]+)/$", location)
    if not match:
        raise RuntimeError(f"Finishing the wizard redirected to {location!r}, not to a result")
    browser.expect("GET", location, 200)
    return match.group(1)
