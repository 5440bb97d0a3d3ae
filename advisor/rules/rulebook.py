"""The active rule set, read once per change and cached in every process."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from advisor.engine import scoring
from advisor.models import Assumption, DemandProfile, Option, Revision, Rule, RulesSnapshot
from advisor.rules.defaults import ASSUMPTION_DEFAULTS
from advisor.translation import in_all_languages

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rulebook:
    """Everything scoring needs, as plain data, plus the texts frozen into each assessment."""

    stamp: str
    options: dict[str, dict[str, Any]]
    rules: tuple[scoring.Rule, ...]
    assumptions: dict[str, float]
    #: Each assumption's name and unit, as admins wrote them.
    assumption_labels: dict[str, dict[str, str]]
    #: Hourly demand profiles by industry (168 weights each).
    profiles: dict[str, tuple[float, ...]] = field(default_factory=dict)
    #: The rules as plain data, as each assessment's snapshot keeps them.
    rules_data: list[dict[str, Any]] = field(init=False, repr=False, compare=False)
    #: The digest that names this rule set's snapshot.
    digest: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rules_data = [rule.as_dict() for rule in self.rules]
        digest = RulesSnapshot.digest_of(
            options=self.options, rules=rules_data, assumption_labels=self.assumption_labels
        )
        object.__setattr__(self, "rules_data", rules_data)
        object.__setattr__(self, "digest", digest)

    @property
    def option_order(self) -> list[str]:
        return list(self.options)

    def snapshot(self) -> RulesSnapshot:
        """The texts and rules every assessment made with this rule set refers to, not saved.

        A new instance each time: the rule set is shared by threads, a model instance is not.
        """
        return RulesSnapshot(
            digest=self.digest,
            options=self.options,
            rules=self.rules_data,
            assumption_labels=self.assumption_labels,
        )

    def figures_shown(self, figures: dict[str, float]) -> list[dict[str, Any]]:
        """The assumptions used that admins named; the snapshot holds their names."""
        return [
            {"slug": slug, "value": figures[slug]}
            for slug in self.assumption_labels
            if slug in figures
        ]


_lock = threading.Lock()
_cached: Rulebook | None = None


def current_rulebook() -> Rulebook:
    """The active options, rules and assumptions; one small query when nothing has changed."""
    global _cached  # noqa: PLW0603 - a per-process cache, checked against the stamp
    stamp = Revision.current()
    cached = _cached
    if cached is not None and cached.stamp == stamp:
        return cached
    with _lock:
        _cached = _load(stamp)
        return _cached


def invalidate_rulebook(**_signal: Any) -> None:
    """Mark every process's cached rule set stale after an option, rule, assumption or demand
    profile changed."""
    Revision.bump()


def _load(stamp: str) -> Rulebook:
    options = {option.slug: option.snapshot() for option in Option.objects.all()}
    rules = []
    for rule in Rule.objects.filter(active=True).select_related("option"):
        try:
            rules.append(rule.to_engine(rule.option.slug))
        except ValidationError as error:
            # A rule broken outside admin must not break every assessment: skip and say so.
            logger.warning("Skipping invalid rule %s: %s", rule.key, error.messages)
    rows = list(Assumption.objects.all())
    assumptions = {**ASSUMPTION_DEFAULTS, **{a.slug: _number(a.value) for a in rows}}
    labels = {
        a.slug: {"name": in_all_languages(a, "name"), "unit": in_all_languages(a, "unit")}
        for a in rows
    }
    profiles = {p.industry: tuple(p.weights) for p in DemandProfile.objects.all()}
    return Rulebook(stamp, options, tuple(rules), assumptions, labels, profiles)


def _number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)
