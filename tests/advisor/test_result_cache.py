"""A stored result is served like a static answer: cached, revalidated by ETag, per language."""

from __future__ import annotations

import pytest
from django.test import Client

from advisor.models import Assessment
from advisor.results.service import assessment_create
from tests.advisor.test_scoring import BASE

pytestmark = [pytest.mark.django_db, pytest.mark.worked_out]


@pytest.fixture
def stored() -> Assessment:
    return assessment_create(answers={**BASE, "interactions_per_month": 80})


@pytest.mark.parametrize("suffix", ["/", ".json"])
def test_a_result_read_again_needs_no_database_query(
    client, stored, suffix, django_assert_num_queries
):
    url = f"/r/{stored.token}{suffix}"
    first = client.get(url)
    with django_assert_num_queries(0):
        again = Client().get(url)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("suffix", ["/", ".json"])
def test_a_reader_who_has_the_result_gets_not_modified(
    client, stored, suffix, django_assert_num_queries
):
    url = f"/r/{stored.token}{suffix}"
    first = client.get(url)
    assert first["ETag"]
    assert first["Last-Modified"]
    assert "max-age=86400" in first["Cache-Control"]
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in first["Vary"].split(",")}
    with django_assert_num_queries(0):
        revalidated = client.get(url, headers={"if-none-match": first["ETag"]})
    assert revalidated.status_code == 304
    assert revalidated["ETag"] == first["ETag"]
    assert revalidated.content == b""


def test_each_language_has_its_own_cached_page(stored):
    english = Client().get(f"/r/{stored.token}/")
    latvian = Client(headers={"accept-language": "lv"}).get(f"/r/{stored.token}/")
    assert english["ETag"] != latvian["ETag"]
    assert '<html lang="en">' in english.text
    assert '<html lang="lv">' in latvian.text
    again = Client().get(f"/r/{stored.token}/")
    assert '<html lang="en">' in again.text


def test_an_unknown_result_is_never_cached(client, django_assert_num_queries):
    url = "/r/" + "b" * 43 + "/"
    assert client.get(url).status_code == 404
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 404


def test_one_visitors_pending_message_is_never_baked_into_the_shared_page(client, stored):
    lost = client.get("/assess/" + "c" * 32 + "/demand/")
    assert lost.status_code == 302  # a warning now waits in this visitor's session
    page = client.get(f"/r/{stored.token}/")
    assert "We could not find your earlier answers" not in page.text
    assert (
        "We could not find your earlier answers" not in Client().get(page.request["PATH_INFO"]).text
    )
    assert "We could not find your earlier answers" in client.get(lost.url).text
