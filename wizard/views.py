"""The assessment wizard: one URL per step, one stored run per browser tab.

django-formtools keeps one storage per wizard class per session; here every run has its own
id in the URL and its own stored row (`wizard.storage`), so two runs side by side never mix,
and a manager who closes the tab can return to the run's URL and resume.
"""

from __future__ import annotations

import logging
import uuid
from functools import cached_property
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_cookie
from formtools.wizard.forms import ManagementForm
from formtools.wizard.views import NamedUrlWizardView

from advisor.engine.answers import derive
from advisor.models import Assessment
from advisor.questions.definitions import QUESTIONS, STEPS
from advisor.questions.display import answer_sections
from advisor.questions.forms import FORM_LIST
from advisor.questions.prefill import step_data
from advisor.results.ratelimit import assessment_allowed
from advisor.results.service import assessment_create, with_assumed_costs
from advisor.rules.rulebook import Rulebook, current_rulebook
from wizard.storage import RUN_PREFIX, RunStorage, unfinished_runs

logger = logging.getLogger(__name__)
REVIEW = "review"
STEP_TITLES = {step.key: step.title for step in STEPS}
#: What every step's page posts besides its fields: the CSRF token and the wizard's buttons.
_WIZARD_FIELDS = {"csrfmiddlewaretoken", "wizard_goto_step", "wizard_to_review"}


@vary_on_cookie
def home(request: HttpRequest) -> HttpResponse:
    """The landing page, with links back to any run this browser has not finished."""
    unfinished = [reverse("wizard:resume", kwargs={"run": run}) for run in unfinished_runs(request)]
    return render(request, "wizard/home.html", {"unfinished": unfinished})


def start(request: HttpRequest) -> HttpResponse:
    """Open a new run with its own id."""
    return redirect("wizard:step", run=uuid.uuid4().hex, step=FORM_LIST[0][0])


def _same_origin(request: HttpRequest) -> bool:
    """Whether the browser says the post came from this site (Sec-Fetch-Site, else Origin).

    A post that says neither is refused: every browser that can run the site sends one of them
    with a form's post, so only another program leaves both out.
    """
    fetched_from = request.headers.get("Sec-Fetch-Site")
    if fetched_from is not None:
        return fetched_from in ("same-origin", "none")
    origin = request.headers.get("Origin")
    own = f"{request.scheme}://{request.get_host()}"
    return origin is not None and (origin == own or origin in settings.CSRF_TRUSTED_ORIGINS)


@csrf_exempt
@require_POST
def restart(request: HttpRequest, token: str) -> HttpResponse:
    """Open a new run prefilled with a stored assessment's answers, on its review step.

    The stored assessment is only read: finishing the new run makes a second one. The result
    page carries no CSRF token, so it stays the same page for every reader (and cacheable);
    this view changes nothing stored, only adds a run to the requester's own session, and
    refuses a post that does not say it came from this site, which could otherwise replace a
    visitor's session cookie.
    """
    if not _same_origin(request):
        return render(request, "403_csrf.html", status=403)
    assessment = get_object_or_404(Assessment, token=token)
    run = uuid.uuid4().hex
    storage = RunStorage(RUN_PREFIX + run, request)
    for step, data in step_data(assessment.answers).items():
        storage.set_step_data(step, data)
    storage.current_step = REVIEW
    # The new result remembers where it came from, so its page can link to the comparison.
    storage.extra_data = {"reached_review": True, "based_on": assessment.token}
    storage.save()
    messages.info(
        request,
        _(
            "These are the answers of the result you came from. Change any of them and finish "
            "to get a new result; the original stays as it was."
        ),
    )
    return redirect("wizard:step", run=run, step=REVIEW)


class AssessmentWizard(NamedUrlWizardView):
    """formtools' wizard with a run id in every URL; it overrides only formtools' hooks.

    `get` and `post` first send a finished run to its result and an unknown run to the
    first step; `post` explains a page posted without its step marker instead of failing.
    """

    storage_name = "wizard.storage.RunStorage"
    form_list = FORM_LIST
    template_name = "wizard/step.html"

    def get_prefix(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        self.run = kwargs["run"]
        return RUN_PREFIX + self.run

    def get_step_url(self, step: str) -> str:
        return reverse(self.url_name, kwargs={"run": self.run, "step": step})

    def get_template_names(self) -> list[str]:
        return ["wizard/review.html" if self.steps.current == REVIEW else self.template_name]

    def _elsewhere(self, step: str | None) -> HttpResponse | None:
        """Where to send a visitor whose run is finished, or was not started in this browser."""
        if self.storage.result_token:
            return redirect("advisor:result", token=self.storage.result_token)
        if not self.storage.stored and step not in (None, FORM_LIST[0][0]):
            messages.warning(
                self.request,
                _(
                    "We could not find your earlier answers for this assessment: they are kept "
                    "in this browser for two weeks, or may have been lost with your session. "
                    "Please start again from the first step."
                ),
            )
            return redirect("wizard:step", run=self.run, step=FORM_LIST[0][0])
        return None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        step = kwargs.get("step")
        elsewhere = self._elsewhere(step)
        if elsewhere is not None:
            return elsewhere
        if step == REVIEW and not self._reached_review():
            # From now on each step offers to save and return here.
            self.storage.extra_data = {**self.storage.extra_data, "reached_review": True}
        return super().get(request, *args, **kwargs)

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        elsewhere = self._elsewhere(kwargs.get("step"))
        if elsewhere is not None:
            return elsewhere
        posted_step = self._posted_step()
        if posted_step is not None and self._unexpected_fields(posted_step):
            return render(self.request, "400.html", status=400)
        if posted_step is None:
            messages.error(
                self.request,
                _("This page was out of date, so nothing was saved. Please check it and continue."),
            )
            return redirect(self.get_step_url(self.steps.current))
        return super().post(*args, **kwargs)

    def _unexpected_fields(self, step: str) -> set[str]:
        """Fields the page of `step` never sends: a browser posts only the form's own."""
        form = self.get_form(step)
        expected = {form.add_prefix(name) for name in form.fields} | _WIZARD_FIELDS
        expected.add(f"{self.prefix}-current_step")
        return set(self.request.POST) - expected

    def _posted_step(self) -> str | None:
        """The step the page was posted from, from formtools' management form, if valid."""
        management = ManagementForm(self.request.POST, prefix=self.prefix)
        if not management.is_valid():
            return None
        step = management.cleaned_data["current_step"]
        return step if step in self.get_form_list() else None

    @cached_property
    def rulebook(self) -> Rulebook:
        """The active rule set, checked for freshness once per request."""
        return current_rulebook()

    def get_form_initial(self, step: str) -> dict[str, Any]:
        if step != "costs":
            return super().get_form_initial(step)
        assumed = self.rulebook.assumptions
        return {q.key: assumed.get(q.assumption) for q in QUESTIONS.values() if q.step == "costs"}

    def process_step(self, form: Any) -> dict[str, list[str]]:
        """The step's own fields as posted (not the CSRF token, buttons or anything else).

        A value with a NUL character is left out: no person types one, no answer may hold
        one, and PostgreSQL's JSON cannot store it.
        """
        own = {form.add_prefix(name) for name in form.fields}
        return {
            key: values
            for key, values in form.data.lists()
            if key in own and "\x00" not in "".join(values)
        }

    def get_next_step(self, step: str | None = None) -> str | None:
        """The step after `step`, or the review when the visitor came from it."""
        if "wizard_to_review" in self.request.POST:
            return REVIEW
        return super().get_next_step(step)

    def render_goto_step(self, goto_step: str, **kwargs: Any) -> HttpResponse:
        """Going back keeps what was typed on this page (formtools drops it, issue #284)."""
        posted_step = self._posted_step()
        if posted_step is not None:
            form = self.get_form(posted_step, data=self.request.POST)
            self.storage.set_step_data(posted_step, self.process_step(form))
        return super().render_goto_step(goto_step, **kwargs)

    def render_revalidation_failure(self, failed_step: str, form: Any, **kwargs: Any):
        messages.error(
            self.request,
            _("Please complete “%(step)s” before you finish.")
            % {"step": STEP_TITLES.get(failed_step, failed_step)},
        )
        return super().render_revalidation_failure(failed_step, form, **kwargs)

    def get_context_data(self, form: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        current = self.steps.current
        context["progress"] = self._progress(current)
        context["step_title"] = STEP_TITLES.get(current, _("Review"))
        context["step_intro"] = next((s.intro for s in STEPS if s.key == current), "")
        context["can_return_to_review"] = self._reached_review()
        if current == REVIEW:
            context.update(self._review_context())
        return context

    def _reached_review(self) -> bool:
        return self.storage.extra_data.get("reached_review", False)

    def _progress_states(self, current: str) -> list[tuple[str, str, bool]]:
        """Each step's name, its state and whether the progress list links to it."""
        stored = self.storage.data[self.storage.step_data_key]
        names = list(self.get_form_list())
        position = names.index(current)
        return [
            (
                name,
                "current" if name == current else ("done" if name in stored else "todo"),
                name in stored or index <= position,
            )
            for index, name in enumerate(names)
        ]

    def _progress(self, current: str) -> list[dict[str, Any]]:
        return [
            {
                "title": STEP_TITLES.get(name, _("Review")),
                "number": index,
                "state": state,
                "url": self.get_step_url(name) if linked else "",
            }
            for index, (name, state, linked) in enumerate(self._progress_states(current), start=1)
        ]

    def _valid_answers(self) -> tuple[dict[str, Any], list[str]]:
        """Cleaned answers of every valid question step, and the steps still to complete."""
        answers: dict[str, Any] = {}
        incomplete = []
        for name in self.get_form_list():
            if name == REVIEW:
                continue
            form = self.get_form(name, data=self.storage.get_step_data(name))
            if form.is_bound and form.is_valid():
                answers.update(form.cleaned_data)
            else:
                incomplete.append(name)
        return answers, incomplete

    def _review_context(self) -> dict[str, Any]:
        answers, incomplete = self._valid_answers()
        shown = derive(with_assumed_costs(answers, self.rulebook))
        sections = [
            {**section, "url": self.get_step_url(section["step"].key)}
            for section in answer_sections(shown)
        ]
        return {
            "sections": sections,
            "incomplete": [
                {"title": STEP_TITLES[name], "url": self.get_step_url(name)} for name in incomplete
            ],
        }

    def _not_saved(self, heading: str, explanation: str, *, status: int) -> HttpResponse:
        context = {
            "heading": heading,
            "explanation": explanation,
            "retry_url": self.get_step_url(self.done_step_name),
            "review_url": self.get_step_url(REVIEW),
        }
        response = render(self.request, "wizard/not_saved.html", context, status=status)
        if status == 429:  # noqa: PLR2004 - HTTP's "too many requests"
            response["Retry-After"] = "600"
        return response

    def _too_many(self) -> HttpResponse:
        return self._not_saved(
            _("Too many assessments from your connection"),
            _(
                "You finished more assessments in the last few minutes than a person "
                "could. Please wait a few minutes, then try again."
            ),
            status=429,
        )

    def done(self, form_list: Any, form_dict: dict[str, Any], **kwargs: Any) -> HttpResponse:
        """Store the assessment and mark the run finished with it, in one transaction.

        A refusal (too many assessments) or a database failure keeps the answers: the page
        then offers to try again.
        """
        answers: dict[str, Any] = {}
        for form in form_list:
            answers.update(form.cleaned_data)
        try:
            with transaction.atomic():
                if not assessment_allowed(self.request):
                    return self._too_many()
                # The rule set this request already read for the costs step's defaults.
                assessment = assessment_create(
                    answers=answers,
                    rulebook=self.rulebook,
                    based_on=self.storage.extra_data.get("based_on"),
                )
                # The run keeps only the result's token: a replayed finish opens the result.
                finished = self.storage.finish(assessment.token)
                if not finished:
                    transaction.set_rollback(True)  # another request finished this run first
        except DatabaseError:
            logger.exception("Could not store an assessment")
            return self._not_saved(
                _("We could not save your assessment"),
                _("Our database did not answer. Nothing was saved half-way; please try again."),
                status=503,
            )
        if not finished:
            return redirect(self.get_step_url(self.done_step_name))  # to that request's result
        return redirect(assessment)
