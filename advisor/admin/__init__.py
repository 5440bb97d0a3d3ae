"""Django admin for the people who tune options, rules and assumptions without a deploy."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from advisor.admin import assessments, profiles, rules

__all__ = ["assessments", "profiles", "rules"]

admin.site.site_header = _("Support Model Advisor administration")
admin.site.site_title = _("Support Model Advisor")
admin.site.index_title = _("Options, rules, assumptions and demand profiles")
admin.site.enable_nav_sidebar = False
