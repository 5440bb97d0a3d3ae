"""The money in words: what a reason about cost or time to start says, what the manager's
priorities weighed, and what the recommendation costs against the other options."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from advisor.engine.decision import CHEAPEST, START_WEEKS
from advisor.questions.definitions import QUESTIONS
from advisor.questions.display import format_number
from advisor.results.team import money

#: How many of the winner's own reasons say what its premium buys.
_PREMIUM_REASONS = 3


def engine_reason(fired: Mapping[str, Any], names: Callable[[str], str]) -> str | None:
    """The sentence of a reason the engine worked out (None for a rule's own reason)."""
    answer = fired["answer"]
    if fired["question"] == CHEAPEST and fired["value"] == fired["option"]:
        return _("The cheapest option over three years, one-off costs included.")
    if fired["question"] == CHEAPEST:
        return _(
            "Costs %(difference)s a month more than the cheapest option, %(cheapest)s, over "
            "three years with one-off costs (%(premium)s more)."
        ) % {
            "difference": money(answer["difference"]),
            "cheapest": names(fired["value"]),
            "premium": f"{format_number(round(100 * answer['premium']))}%",
        }
    if fired["question"] == START_WEEKS:
        return _("Takes about %(weeks)s weeks to start; you need support within %(deadline)s.") % {
            "weeks": format_number(round(answer["weeks"])),
            "deadline": _weeks(answer["deadline"]),
        }
    return None


def _weeks(deadline: float) -> str:
    return _("%(weeks)s weeks") % {"weeks": format_number(round(deadline))}


def weights_used(result: Mapping[str, Any]) -> list[str]:
    """The priorities the manager chose and their weight, as "Cost (×2)"."""
    labels = dict(QUESTIONS["priorities"].choices)
    return [
        f"{labels.get(group, group)} (×{format_number(weight)})"
        for group, weight in (result.get("weights") or {}).items()
        if weight != 1
    ]


def money_sentence(result: Mapping[str, Any], names: Callable[[str], str]) -> str | None:
    """The recommendation's cost against the cheapest option, or what it saves, in a sentence."""
    costs = {cost["option"]: cost["total"] for cost in result.get("costs", [])}
    winner = result.get("winner")
    if winner not in costs or "first_year" not in result["costs"][0]:
        return None
    cheapest = min(costs, key=costs.get)
    if cheapest != winner:
        bought = _premium_reasons(result, winner)
        text = _(
            "It costs %(difference)s a month more than the cheapest option, %(cheapest)s "
            "(%(cheapest_total)s a month)."
        ) % {
            "difference": money(costs[winner] - costs[cheapest]),
            "cheapest": names(cheapest),
            "cheapest_total": money(costs[cheapest]),
        }
        if bought:
            text += " " + _("The premium buys: %(reasons)s") % {"reasons": " ".join(bought)}
        return text
    others = sorted((total, option) for option, total in costs.items() if option != winner)
    if not others:
        return None
    runner_total, runner = others[0]
    return _("It is also the cheapest: %(saving)s a month less than the next option, %(next)s.") % {
        "saving": money(runner_total - costs[winner]),
        "next": names(runner),
    }


def _premium_reasons(result: Mapping[str, Any], winner: str) -> list[str]:
    """The winner's strongest reasons that are not about money."""
    own = [
        fired
        for fired in result["fired"]
        if fired["option"] == winner
        and fired.get("group") != "cost"
        and fired["points"] * fired.get("weight", 1) > 0
        and isinstance(fired.get("rationale"), str)
        and fired["rationale"]
    ]
    own.sort(key=lambda fired: -fired["points"] * fired.get("weight", 1))
    return [fired["rationale"] for fired in own[:_PREMIUM_REASONS]]


def break_even_sentences(result: Mapping[str, Any], names: Callable[[str], str]) -> list[str]:
    """Where another option becomes the cheapest, as the volume grows, in sentences."""
    outlook = result.get("cost_outlook") or {}
    return [
        _("From %(volume)s contacts a month, %(cheaper)s costs less a month than %(before)s.")
        % {
            "volume": format_number(point["volume"]),
            "cheaper": names(point["cheaper"]),
            "before": names(point["before"]),
        }
        for point in outlook.get("break_evens", [])
    ]
