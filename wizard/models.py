"""The wizard's runs: each browser tab's answers, kept in the database under their owner."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Run(models.Model):
    """One run of the wizard in one browser: its answers until finished, then its result.

    `owner` is a random id kept in the visitor's session (`wizard.storage`): only that session
    finds the run, and it stays with the session when a login gives the session a new key.
    `data` is formtools' storage (current step, each step's posted fields, extra data). A run
    unchanged for the session's lifetime is no longer found; `manage.py clear_runs` deletes it.
    """

    owner = models.CharField(_("owner"), max_length=32)
    run_id = models.CharField(_("run id"), max_length=32)
    data = models.JSONField(_("answers"), default=dict)
    result_token = models.CharField(_("result"), max_length=40, blank=True, default="")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("wizard run")
        verbose_name_plural = _("wizard runs")
        constraints = [
            models.UniqueConstraint(fields=["owner", "run_id"], name="wizard_run_per_owner")
        ]

    def __str__(self) -> str:
        return self.run_id
