"""Abuse and faults at the finish: too many assessments, a failing database, a stale form."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client

from advisor.models import Assessment, ClientFinishes
from tests.conftest import ANSWERS, STEPS, WizardDriver

pytestmark = pytest.mark.django_db


def test_a_client_finishing_too_many_assessments_is_refused_while_others_are_not(settings):
    settings.ASSESSMENT_RATE_LIMIT = "2/600"
    robot = WizardDriver(Client(REMOTE_ADDR="203.0.113.7"))
    for _ in range(2):
        robot.run = ""
        robot.complete()
    robot.run = ""
    refused = robot.complete()
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"
    assert "Too many assessments from your connection" in refused.text
    assert Assessment.objects.count() == 2

    manager = WizardDriver(Client(REMOTE_ADDR="198.51.100.20"))
    assert manager.complete().status_code == 200
    assert Assessment.objects.count() == 3


def test_the_limit_is_exact_across_workers_that_each_keep_their_own_cache(settings):
    """Each worker's cache is its own without Redis: the count must not live there."""
    settings.ASSESSMENT_RATE_LIMIT = "2/600"
    robot = WizardDriver(Client(REMOTE_ADDR="203.0.113.7"))
    for _ in range(2):
        robot.run = ""
        assert robot.complete().status_code == 200
        cache.clear()  # the next finish reaches another worker, with an empty cache
    robot.run = ""
    assert robot.complete().status_code == 429
    counted = ClientFinishes.objects.get()
    assert "203.0.113.7" not in counted.client and len(counted.client) == 64
    assert len(counted.finished) == 2


def test_behind_two_trusted_proxies_the_limit_counts_the_address_the_nearest_one_added(settings):
    """A client writes what it likes into X-Forwarded-For; only the proxies' entries count."""
    settings.ASSESSMENT_RATE_LIMIT = "1/600"
    settings.TRUSTED_PROXIES = 2
    first = WizardDriver(Client(HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.1"))
    second = WizardDriver(Client(HTTP_X_FORWARDED_FOR="198.51.100.20, 10.0.0.1"))
    assert first.complete().status_code == 200
    assert second.complete().status_code == 200
    forged = WizardDriver(Client(HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7, 10.0.0.1"))
    assert forged.complete().status_code == 429  # the client's own entry is not read


def test_without_trusted_proxies_a_forwarded_address_is_ignored(settings):
    settings.ASSESSMENT_RATE_LIMIT = "1/600"
    first = WizardDriver(Client(HTTP_X_FORWARDED_FOR="203.0.113.7"))
    assert first.complete().status_code == 200
    other = WizardDriver(Client(HTTP_X_FORWARDED_FOR="198.51.100.20"))
    assert other.complete().status_code == 429  # both came from the same peer


def test_a_database_failure_at_the_finish_saves_nothing_and_keeps_the_answers(wizard):
    wizard.start()
    for step in STEPS[:-1]:
        wizard.post(step)
    with mock.patch("advisor.models.Assessment.save", side_effect=OperationalError("gone")):
        failed = wizard.post("review", follow=True)
    assert failed.status_code == 503
    assert "We could not save your assessment" in failed.text
    assert "Your answers are kept" in failed.text
    assert Assessment.objects.count() == 0

    retried = wizard.get("done", follow=True)
    assessment = Assessment.objects.get()
    assert retried.request["PATH_INFO"] == f"/r/{assessment.token}/"
    assert assessment.answers["customers"] == int(ANSWERS["company"]["customers"])


def test_a_form_posted_with_a_stale_security_token_explains_itself(wizard):
    wizard.client = Client(enforce_csrf_checks=True)
    wizard.start()
    wizard.get("company")
    response = wizard.post("company", extra={"csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403
    assert "This form has expired" in response.text
    assert "Nothing was saved" in response.text
