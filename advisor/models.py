"""Options, rules and assumptions that admins tune, and the assessments managers make."""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models, router
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advisor.engine import scoring
from advisor.engine.profiles import ProfileError, check_weights
from advisor.questions.definitions import PRIORITY_GROUP_CHOICES, QUESTIONS, rule_question_choices
from advisor.questions.rule_values import Operator, parse_rule_value
from advisor.translation import in_all_languages, translated_field


class Option(models.Model):
    """A way to run support that the advisor scores and may recommend."""

    slug = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("Stable short code used in exports and links; do not change it."),
    )
    name = models.CharField(
        _("name"), max_length=80, help_text=_("As managers read it, e.g. “Outsourced shared team”.")
    )
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences shown under the recommendation.")
    )
    pros = models.TextField(_("pros"), blank=True, help_text=_("One advantage per line."))
    cons = models.TextField(_("cons"), blank=True, help_text=_("One drawback per line."))
    name_ru = translated_field(name, "ru")
    name_lv = translated_field(name, "lv")
    summary_ru = translated_field(summary, "ru")
    summary_lv = translated_field(summary, "lv")
    pros_ru = translated_field(pros, "ru")
    pros_lv = translated_field(pros, "lv")
    cons_ru = translated_field(cons, "ru")
    cons_lv = translated_field(cons, "lv")
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Position in lists; on equal points the option listed first wins."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Who changed what and when, with the old values (the same on rules and assumptions);
    # `updated_at` would only repeat the date of each change.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.name

    def snapshot(self) -> dict[str, Any]:
        """The texts a result page shows, in every language, frozen into each assessment."""
        return {
            "name": in_all_languages(self, "name"),
            "summary": in_all_languages(self, "summary"),
            "pros": in_all_languages(self, "pros", lines=True),
            "cons": in_all_languages(self, "cons", lines=True),
        }


class Rule(models.Model):
    """IF question OPERATOR value THEN option gets points (or is excluded) BECAUSE rationale."""

    slug = models.SlugField(
        _("code"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Set on the default rules so reloading them never duplicates one."),
    )
    question = models.CharField(
        _("question"),
        max_length=60,
        choices=rule_question_choices,
        help_text=_("The wizard question this rule reads."),
    )
    operator = models.CharField(
        _("operator"),
        max_length=10,
        choices=Operator,
        help_text=_(
            "Numbers: less than, at most, more than, at least, between. "
            "Choices: is, is not, is one of. Channels: includes, does not include. Yes/no: is."
        ),
    )
    value = models.CharField(
        _("value"),
        max_length=500,
        help_text=_(
            "A number (100), two numbers for “between” (100, 1000), an answer code "
            "(seasonal), codes separated by commas for “is one of” (saas, fintech), "
            "or yes/no. The answer codes of every question are listed below the form."
        ),
    )
    option = models.ForeignKey(
        Option,
        on_delete=models.CASCADE,
        related_name="rules",
        verbose_name=_("option"),
        help_text=_("The option that gains or loses points when the rule applies."),
    )
    points = models.SmallIntegerField(
        _("points"),
        default=0,
        validators=[MinValueValidator(-100), MaxValueValidator(100)],
        help_text=_("Added to the option's score when the rule applies; negative to subtract."),
    )
    group = models.CharField(
        _("what it weighs"),
        max_length=20,
        choices=PRIORITY_GROUP_CHOICES,
        default="quality",
        help_text=_(
            "The priority this rule speaks to. A manager who says it matters most to them "
            "gets its points multiplied by the priority weight (an assumption)."
        ),
    )
    exclude = models.BooleanField(
        _("exclude option"),
        default=False,
        help_text=_("Rule the option out entirely when the rule applies (points are not used)."),
    )
    rationale = models.TextField(
        _("rationale"),
        help_text=_("Why, in one sentence a manager understands; shown on the result page."),
    )
    rationale_ru = translated_field(rationale, "ru")
    rationale_lv = translated_field(rationale, "lv")
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive rules are kept but never applied.")
    )
    order = models.PositiveIntegerField(
        _("order"), default=100, help_text=_("Reasons are listed in this order.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")

    def __str__(self) -> str:
        return f"{self.get_question_display()} {self.get_operator_display()} {self.value}"

    def clean(self) -> None:
        question = QUESTIONS.get(self.question)
        if question is None:
            raise ValidationError(
                {"question": _("Pick a question from the list.")}, code="unknown_question"
            )
        try:
            parse_rule_value(question, self.operator, self.value)
        except ValidationError as error:
            field = "operator" if error.code == "operator_mismatch" else "value"
            raise ValidationError({field: error}) from None
        if self.exclude and self.points:
            raise ValidationError(
                {"points": _("An excluding rule removes the option, so set its points to 0.")},
                code="points_with_exclude",
            )
        if not self.exclude and not self.points:
            raise ValidationError(
                {"points": _("A rule worth 0 points does nothing: give it points or exclude.")},
                code="no_effect",
            )

    @property
    def key(self) -> str:
        return self.slug or f"rule-{self.pk}"

    def to_engine(self, option_slug: str) -> scoring.Rule:
        """The engine's view of this rule; raises ValidationError if the rule is broken."""
        question = QUESTIONS.get(self.question)
        if question is None:
            raise ValidationError(_("Unknown question."), code="unknown_question")
        return scoring.Rule(
            key=self.key,
            question=self.question,
            operator=self.operator,
            value=parse_rule_value(question, self.operator, self.value),
            option=option_slug,
            points=0 if self.exclude else self.points,
            exclude=self.exclude,
            rationale=in_all_languages(self, "rationale"),
            group=self.group,
        )


class Assumption(models.Model):
    """A default figure (rate, salary, margin) that admins tune and the wizard may prefill."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("The figure itself, in the unit shown."),
    )
    unit = models.CharField(_("unit"), max_length=40, help_text=_("e.g. “EUR a month”."))
    help_text = models.TextField(_("explanation"), blank=True)
    name_ru = translated_field(name, "ru")
    name_lv = translated_field(name, "lv")
    unit_ru = translated_field(unit, "ru")
    unit_lv = translated_field(unit, "lv")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("assumption")
        verbose_name_plural = _("assumptions")

    def __str__(self) -> str:
        return self.name


WEEKDAYS = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)
_PROFILE_ERRORS = {
    "hours": _("A week has 168 hours; these are %(count)s numbers."),
    "not_a_number": _("%(day)s at %(hour)s:00 is not a number."),
    "negative": _("%(day)s at %(hour)s:00 must be 0 or more."),
    "all_zero": _("At least one hour must be above 0, or nobody ever contacts support."),
}


class DemandProfile(models.Model):
    """When in the week an industry's customers contact support: 168 hourly weights."""

    industry = models.CharField(
        _("industry"),
        max_length=50,
        unique=True,
        choices=QUESTIONS["industry"].choices,
        help_text=_("Managers who pick this industry get this profile."),
    )
    weights = models.JSONField(
        _("hourly weights"),
        help_text=_(
            "How busy each hour of the week is, Monday 00:00 first: 168 numbers, none below 0. "
            "Only their proportions matter: 2 is twice as busy as 1."
        ),
    )
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where the shape comes from, for the next admin.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["industry"]
        verbose_name = _("demand profile")
        verbose_name_plural = _("demand profiles")

    def __str__(self) -> str:
        return str(self.get_industry_display())

    def clean(self) -> None:
        weights = self.weights if isinstance(self.weights, list) else []
        try:
            self.weights = list(check_weights(weights))
        except ProfileError as error:
            message = _PROFILE_ERRORS[error.code]
            params = dict(error.params)
            if "hour" in params:
                day, hour = divmod(int(params["hour"]), 24)
                params = {"day": WEEKDAYS[day], "hour": hour}
            raise ValidationError(
                {"weights": ValidationError(message, error.code, params)}
            ) from error


def new_token() -> str:
    """An unguessable public id: 192 random bits, URL-safe.

    Never one that starts with "-": an export would have to mark it as text, or a spreadsheet
    would read it as a formula.
    """
    token = secrets.token_urlsafe(24)
    while token.startswith("-"):
        token = secrets.token_urlsafe(24)
    return token


class RulesSnapshot(models.Model):
    """The options' texts, the active rules and the assumptions' names, as they were.

    Stored once and shared by every assessment made with exactly these: its key is a digest of
    its content, so each assessment stores only what is its own (answers, scores, figures).
    """

    digest = models.CharField(_("digest"), max_length=64, primary_key=True, editable=False)
    options = models.JSONField(_("options"))
    rules = models.JSONField(_("rules"))
    assumption_labels = models.JSONField(_("assumption names"))
    created_at = models.DateTimeField(_("first used"), auto_now_add=True)

    class Meta:
        verbose_name = _("rules snapshot")
        verbose_name_plural = _("rules snapshots")

    def __str__(self) -> str:
        return self.digest[:12]

    @staticmethod
    def digest_of(
        *,
        options: dict[str, Any],
        rules: list[dict[str, Any]],
        assumption_labels: dict[str, dict[str, Any]],
    ) -> str:
        """The key of a snapshot with this content."""
        content = {"options": options, "rules": rules, "assumption_labels": assumption_labels}
        encoded = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(encoded.encode()).hexdigest()

    def save_once(self) -> None:
        """Store it unless the same snapshot is stored already: a small query, not its content."""
        manager = type(self).objects
        if not manager.filter(pk=self.pk).exists():
            # Two processes may store the same new snapshot at once: the second does nothing.
            manager.bulk_create([self], ignore_conflicts=True)


class Assessment(models.Model):
    """A finished wizard: the answers and a frozen copy of everything its result page shows."""

    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    answers = models.JSONField(_("answers"), blank=True)
    #: Scores, reasons, staffing, costs and the figures used; the texts are in `snapshot`.
    result = models.JSONField(_("result"))
    snapshot = models.ForeignKey(
        RulesSnapshot,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("rules used"),
        help_text=_("The options, active rules and assumptions at the time, as they were applied."),
    )
    winner = models.CharField(_("recommendation"), max_length=50, blank=True)
    #: Keyed by token, so `based_on_id` is the origin's token: its result page links to the
    #: comparison without reading the origin's row.
    based_on = models.ForeignKey(
        "self",
        to_field="token",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="variations",
        verbose_name=_("started from"),
        help_text=_("The result whose answers this one started from, if any."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return self.token

    def get_absolute_url(self) -> str:
        return reverse("advisor:result", kwargs={"token": self.token})

    def shown_result(self) -> dict[str, Any]:
        """The result as its page shows it: with the options' texts and the assumptions' names."""
        snapshot = self.snapshot
        labels = snapshot.assumption_labels
        return {
            **self.result,
            "options": snapshot.options,
            "assumptions": [
                {**figure, **labels.get(figure["slug"], {})}
                for figure in self.result.get("assumptions", [])
            ],
        }


class Revision(models.Model):
    """A stamp that changes whenever an option, rule or assumption changes.

    Every process compares it with the stamp of its cached rule set, so a change made through
    any app server reaches all of them without a shared cache. A random stamp, not a counter,
    stays correct even after a transaction that bumped it is rolled back.
    """

    stamp = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return self.stamp

    @classmethod
    def current(cls) -> str:
        """The stamp, as one plain statement: every page that scores or shows the rules reads
        it, and building the ORM's query took longer than running it."""
        connection = connections[router.db_for_read(cls)]
        table = connection.ops.quote_name(cls._meta.db_table)
        pk = connection.ops.quote_name(cls._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT stamp FROM {table} ORDER BY {pk} LIMIT 1")
            row = cursor.fetchone()
        return row[0] if row else ""

    @classmethod
    def bump(cls) -> None:
        stamp = uuid.uuid4().hex
        if not cls.objects.filter(pk=1).update(stamp=stamp):
            cls.objects.update_or_create(pk=1, defaults={"stamp": stamp})


class ClientFinishes(models.Model):
    """When one client finished its latest assessments, for the rate limit.

    `client` is a keyed hash of the client's address (`advisor.results.ratelimit`), never the
    address itself; `finished` holds the finishes still inside the window, in POSIX seconds.
    """

    client = models.CharField(_("client"), max_length=64, primary_key=True)
    finished = models.JSONField(_("finished at"), default=list)
    changed_at = models.DateTimeField(_("changed"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("assessments finished by a client")
        verbose_name_plural = _("assessments finished by clients")

    def __str__(self) -> str:
        return self.client[:12]
