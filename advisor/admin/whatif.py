"""What if: how the recommendations of stored assessments would change under other rules.

Each stored assessment's answers are advised again with today's rules and assumptions (or with
one rule edited and not yet saved) and the winner compared. Nothing is saved: a shared result
stays rendered from its own snapshot. Each assessment goes through the wizard's own pipeline
(`results.service.advice_for`): the team sized hour by hour, priced, and scored with the manager's
priorities and the engine's reasons about money and time to start, so a preview scores exactly
as the wizard would. The work is bounded: only the latest `WHATIF_LIMIT` assessments are read,
in one query; the engine takes a few milliseconds for each (twice for an edit: with and without
it), so a full preview takes seconds.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from advisor.engine import scoring
from advisor.models import Assessment, Rule
from advisor.results.service import advice_for
from advisor.rules.rulebook import Rulebook, current_rulebook

logger = logging.getLogger(__name__)

#: How many of the latest assessments a preview re-scores.
WHATIF_LIMIT = 2000

#: Errors the engine may raise on answers stored by an older version of the wizard.
_ENGINE_ERRORS = (KeyError, TypeError, ValueError, ArithmeticError)


@dataclass(frozen=True)
class Change:
    """One assessment whose recommendation would change."""

    pk: int
    token: str
    created_at: datetime
    before: str
    after: str


@dataclass(frozen=True)
class Preview:
    examined: int
    limit: int
    changes: list[Change]
    #: (before, after, how many), most frequent first.
    summary: list[tuple[str, str, int]]
    #: Assessments whose stored answers the engine could not advise on again.
    failed: int


def whatif_preview(
    *,
    edited: Rule | None = None,
    replaces: str | None = None,
    limit: int = WHATIF_LIMIT,
) -> Preview:
    """Re-score the latest `limit` assessments and list those whose recommendation changes.

    Without `edited`, each assessment's stored recommendation is compared with what today's rules
    and assumptions recommend. With `edited` (a rule as typed in admin, unsaved), today's
    recommendation is compared with the one the rule set gives with that edit: `replaces` is the
    key of the saved rule it replaces, or None for a new rule. Winners are option slugs, or ""
    when every option is excluded.
    """
    rulebook = current_rulebook()
    rows = (
        Assessment.objects.order_by("-created_at", "-pk")
        .only("pk", "token", "created_at", "answers", "winner")[:limit]
        .iterator(chunk_size=500)
    )
    changed_rules = None if edited is None else with_edit(rulebook.rules, edited, replaces)
    changes: list[Change] = []
    examined = failed = 0
    for assessment in rows:
        examined += 1
        answers = answers_as_typed(assessment.answers or {})
        try:
            if changed_rules is None:
                before = assessment.winner
                after = winner_for(answers, rulebook, rulebook.rules)
            else:
                before = winner_for(answers, rulebook, rulebook.rules)
                after = winner_for(answers, rulebook, changed_rules)
        except _ENGINE_ERRORS:
            logger.info("What if: cannot advise again on assessment %s", assessment.pk)
            failed += 1
            continue
        if before != after:
            changes.append(
                Change(assessment.pk, assessment.token, assessment.created_at, before, after)
            )
    counts = Counter((change.before, change.after) for change in changes)
    summary = [(before, after, count) for (before, after), count in counts.most_common()]
    return Preview(examined, limit, changes, summary, failed)


def with_edit(
    rules: Sequence[scoring.Rule], edited: Rule, replaces: str | None
) -> tuple[scoring.Rule, ...]:
    """The active rules with `edited` in place of the rule keyed `replaces` (or added)."""
    added = (edited.to_engine(edited.option.slug),) if edited.active else ()
    keys = [rule.key for rule in rules]
    if replaces is None or replaces not in keys:
        return (*rules, *added)
    position = keys.index(replaces)
    return (*rules[:position], *added, *rules[position + 1 :])


def answers_as_typed(stored: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as the manager gave them, from the answers stored with the advice.

    The stored answers include values the engine worked out; an estimated volume must go back to
    blank so the engine estimates it again, as it did the first time.
    """
    answers = dict(stored)
    if answers.get("interactions_estimated"):
        answers["interactions_per_month"] = None
    return answers


def winner_for(
    answers: Mapping[str, Any], rulebook: Rulebook, rules: Iterable[scoring.Rule]
) -> str:
    """The option the whole advice pipeline recommends for `answers`, as the service runs it."""
    advice, _figures = advice_for(answers=answers, rulebook=rulebook, rules=rules)
    return advice.result.winner or ""
