"""Production behaviour: security headers, the health check and what crawlers may read."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from tests.test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db

HEADERS_SCRIPT = """
import json
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
client = Client(HTTP_HOST="advisor.example.com")
plain = client.get("/")
page = client.get("/robots.txt", secure=True)
start = client.get("/assess/", secure=True)["Location"]
run = start.strip("/").split("/")[1]
client.post(start, {f"assessment_{run}-current_step": "company", "company-industry": "saas",
    "company-product_type": "standard", "company-customers": "100"}, secure=True)
client.get("/language/lv/", secure=True)
print(json.dumps({
    "redirect": [plain.status_code, plain.get("Location")],
    "status": page.status_code,
    "headers": dict(page.headers),
    "cookies": {name: dict(morsel) for name, morsel in client.cookies.items()},
}))
"""


def production_response() -> dict:
    """The home page as a production server (HTTPS on, DEBUG off) answers it."""
    result = manage("shell", "-c", HEADERS_SCRIPT, **PRODUCTION, DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_every_security_header_and_redirects_to_https():
    response = production_response()
    headers = response["headers"]
    assert response["redirect"] == [301, "https://advisor.example.com/"]
    assert response["status"] == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_production_cookies_are_secure_and_hidden_from_scripts():
    cookies = production_response()["cookies"]
    assert {"sessionid", "django_language"} <= set(cookies)
    for name, cookie in cookies.items():
        assert cookie["secure"], name
        assert cookie["httponly"], name


def test_every_page_forbids_inline_script_and_framing(client, wizard):
    for url in ("/", "/r/" + "a" * 43 + "/", "/robots.txt"):
        response = client.get(url)
        assert "script-src 'self'" in response["Content-Security-Policy"], url
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
    wizard.start()
    step = wizard.get("company")
    assert "<script>" not in step.text and "style=" not in step.text
    assert step["Content-Security-Policy"]


def test_health_check_answers_ok_when_the_database_does():
    response = Client(HTTP_HOST="not-in-allowed-hosts.internal").get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok\n"


def test_health_check_fails_when_the_database_does_not(client):
    with mock.patch("advisor.middleware.connection.cursor", side_effect=OperationalError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert "database" in response.text


def test_crawlers_are_kept_off_results_the_wizard_and_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    for path in ("/r/", "/assess/", "/admin/"):
        assert f"Disallow: {path}" in response.text
