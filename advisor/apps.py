from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class AdvisorConfig(AppConfig):
    name = "advisor"
    verbose_name = _("Support model advisor")

    def ready(self) -> None:
        from advisor.models import Assumption, DemandProfile, Option, Rule
        from advisor.rules.rulebook import invalidate_rulebook

        # The only signals here: they tell every process that its cached rule set is stale.
        for model in (Option, Rule, Assumption, DemandProfile):
            name = model.__name__
            post_save.connect(invalidate_rulebook, sender=model, dispatch_uid=f"save-{name}")
            post_delete.connect(invalidate_rulebook, sender=model, dispatch_uid=f"delete-{name}")
