"""The wizard's runs: each browser tab's answers, kept in the database under its session."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db import models
from django.utils.translation import gettext_lazy as _


class Run(models.Model):
    """One run of the wizard in one browser session: its answers until finished, then its result.

    `data` is formtools' storage (current step, each step's posted fields, extra data). A run
    lives as long as its session: the database deletes it with the session (expired and
    cleared, or flushed), and a session's new key takes its runs along (`advisor.sessions`).
    """

    session = models.ForeignKey(
        Session,
        on_delete=models.DB_CASCADE,
        related_name="wizard_runs",
        db_column="session_key",
        db_index=False,  # the unique constraint's index serves the lookups by session
        verbose_name=_("session"),
    )
    run_id = models.CharField(_("run id"), max_length=32)
    data = models.JSONField(_("answers"), default=dict)
    result_token = models.CharField(_("result"), max_length=40, blank=True, default="")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        verbose_name = _("wizard run")
        verbose_name_plural = _("wizard runs")
        constraints = [
            models.UniqueConstraint(fields=["session", "run_id"], name="wizard_run_per_session")
        ]

    def __str__(self) -> str:
        return self.run_id
