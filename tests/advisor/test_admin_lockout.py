"""Admin login is throttled: five wrong passwords pause it for 15 minutes, an admin can unlock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"
RIGHT = "correct-horse-battery"


@pytest.fixture
def grace() -> User:
    return User.objects.create_superuser("grace", "grace@example.com", RIGHT)


def log_in(client: Client, password: str, username: str = "grace"):
    return client.post(LOGIN, {"username": username, "password": password})


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_a_clear_page(grace):
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(4):
        assert log_in(guesser, "wrong").status_code == 200  # the form, with its error
    locked = log_in(guesser, "wrong")
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.text
    assert log_in(guesser, RIGHT).status_code == 429
    assert log_in(Client(REMOTE_ADDR="198.51.100.20"), RIGHT).status_code == 429  # per user
    other = User.objects.create_superuser("ada", "ada@example.com", RIGHT)
    assert log_in(guesser, RIGHT, other.username).status_code == 429  # and per address


def test_an_admin_unlocks_a_locked_out_colleague(grace, staff_client):
    for _ in range(5):
        log_in(Client(), "wrong")
    attempts = staff_client.get("/admin/axes/accessattempt/")
    assert attempts.status_code == 200 and "grace" in attempts.text
    attempt = AccessAttempt.objects.get(username="grace")
    staff_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert log_in(Client(), RIGHT).status_code == 302


def test_the_pause_ends_after_fifteen_minutes_and_a_right_password_resets_the_count(grace):
    for _ in range(5):
        log_in(Client(), "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(Client(), RIGHT).status_code == 302
    assert not AccessAttempt.objects.exists()
