"""No page but admin's rule import takes a file, and no multipart post is bigger than a form."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory

pytestmark = pytest.mark.django_db

STEP = "/assess/" + "a" * 32 + "/company/"
IMPORT = "/admin/advisor/rule/import/"


def multipart(size: int) -> bytes:
    part = b"x" * size
    return (
        b'--B\r\nContent-Disposition: form-data; name="f"; filename="big.bin"\r\n\r\n'
        + part
        + b"\r\n--B--\r\n"
    )


def test_a_multipart_body_bigger_than_a_form_is_refused_unread():
    response = Client().generic(
        "POST", STEP, multipart(200 * 1024), content_type="multipart/form-data; boundary=B"
    )
    assert response.status_code == 413
    assert "Something was wrong with that request" in response.text


def test_a_file_sent_to_a_wizard_step_is_skipped_but_the_rule_import_gets_its_file():
    upload = {"f": SimpleUploadedFile("rules.json", b"{}"), "field": "kept"}
    step = RequestFactory().post(STEP, upload)
    assert not step.FILES and step.POST["field"] == "kept"
    rules = RequestFactory().post(IMPORT, {"f": SimpleUploadedFile("rules.json", b"{}")})
    assert rules.FILES["f"].read() == b"{}"


def test_the_rule_import_may_carry_a_rules_file_of_a_few_megabytes(staff_client):
    body = multipart(2 * 1024 * 1024)
    response = staff_client.generic(
        "POST", IMPORT, body, content_type="multipart/form-data; boundary=B"
    )
    assert response.status_code != 413
