"""Random, huge, negative, non-numeric, unicode, missing and extra fields never break the wizard.

Hypothesis posts junk to every step as a browser would (Next, Back) and then tries to finish:
the manager always gets a form with messages, never a server error, and nothing is stored
from invalid answers.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.models import Assessment
from advisor.questions.forms import FORM_LIST
from tests.conftest import STEPS, WizardDriver
from wizard.models import Run

pytestmark = pytest.mark.django_db

FORMS = dict(FORM_LIST)
FIELD_NAMES = {step: sorted(form.base_fields) for step, form in FORMS.items()}

junk_value = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", " ", "-0", "1e309", "NaN", "٣", "１２", "0x1F", "1,5", "10" * 200]),
    st.just("\x00"),
)
junk_values = st.lists(junk_value, min_size=1, max_size=3)


@st.composite
def junk_steps(draw: st.DrawFn, step: str) -> dict[str, list[str]]:
    """Some of the step's own fields (others left out) and some fields the form never asked."""
    names = FIELD_NAMES[step]
    kept = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    data = {name: draw(junk_values) for name in kept}
    extra = draw(st.dictionaries(st.text(min_size=1, max_size=12), junk_values, max_size=2))
    return {**data, **{f"x-{key}": value for key, value in extra.items()}}


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    # Hypothesis finishes many runs from one address within a test.
    settings.ASSESSMENT_RATE_LIMIT = "1000000/600"


def fresh_driver() -> WizardDriver:
    driver = WizardDriver(Client())
    driver.start()
    return driver


JUNK = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("step", STEPS[:-1])
@JUNK
@given(data=st.data())
def test_junk_posted_to_a_step_shows_the_form_again_or_moves_on(step, data):
    driver = fresh_driver()
    for earlier in STEPS[: STEPS.index(step)]:
        driver.post(earlier)
    junk = data.draw(junk_steps(step))
    response = driver.post(step, junk)
    if any(key.startswith("x-") for key in junk):
        # Fields the page never sends: refused, and nothing of the post is stored.
        assert response.status_code == 400
        assert "Something was wrong with that request" in response.text
        assert not Run.objects.filter(run_id=driver.run, data__step_data__has_key=step).exists()
        return
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        form = response.context["wizard"]["form"]
        assert form.errors
        assert 'aria-invalid="true"' in response.text or "error" in response.text
    else:
        assert response.url == driver.url(STEPS[STEPS.index(step) + 1])


@JUNK
@given(data=st.data())
def test_junk_kept_by_the_back_button_never_reaches_a_stored_assessment(data):
    driver = fresh_driver()
    junk_step = data.draw(st.sampled_from(STEPS[:-2]))
    junk = data.draw(junk_steps(junk_step))
    for step in STEPS[:-1]:
        driver.post(step)
    # Back from the junk page stores what was typed, as a person's half-finished page is kept;
    # a post with fields the page never sends is refused whole.
    back = driver.post(junk_step, junk, extra={"wizard_goto_step": STEPS[0]})
    assert back.status_code == (400 if any(key.startswith("x-") for key in junk) else 302)
    before = Assessment.objects.count()
    finish = driver.post("review", {}, follow=True)
    assert finish.status_code == 200
    stored = Assessment.objects.count() - before
    form = finish.context["wizard"]["form"] if finish.context.get("wizard") else None
    if stored:
        # The junk happened to be valid, or was refused: the result page is shown.
        assert "We recommend:" in finish.text
        assert form is None
    else:
        assert form is not None and form.errors
        assert finish.context["wizard"]["steps"].current == junk_step


@JUNK
@given(junk=st.dictionaries(st.text(max_size=30), junk_values, max_size=6))
def test_junk_posted_to_the_finish_or_with_no_step_marker_is_refused_cleanly(junk):
    driver = fresh_driver()
    response = driver.client.post(driver.url("review"), junk, follow=True)
    assert response.status_code == 200
    assert Assessment.objects.count() == 0


@pytest.mark.parametrize("path", ["/admin/login/", "/assess/" + "a" * 32 + "/company/"])
def test_a_form_posted_in_another_charset_than_utf8_is_a_clear_bad_request(path):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    browser.cookies["csrftoken"] = "a" * 32
    response = browser.post(
        path, "username=ad%E9", content_type="application/x-www-form-urlencoded; charset=latin-1"
    )
    assert response.status_code == 400
    assert "Something was wrong with that request" in response.text


def test_a_run_larger_than_a_person_could_type_is_refused():
    driver = fresh_driver()
    driver.post(STEPS[0])
    typed = {"interactions_per_month": "9" * 100_000}
    fields = driver.payload(STEPS[1], typed, wizard_goto_step=STEPS[0])
    back = driver.client.post(  # as a browser posts a form: URL-encoded, not multipart
        driver.url(STEPS[1]), urlencode(fields), content_type="application/x-www-form-urlencoded"
    )
    assert back.status_code == 400
    stored = Run.objects.get().data["step_data"]
    assert STEPS[1] not in stored and STEPS[0] in stored
