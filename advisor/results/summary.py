"""The top of a result: one card with the answer, and the four options side by side.

Built from what the page's other sections already worked out (the team and cost rows, the
reasons per option), so every figure on the card is the one shown further down.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.engine.costs import DEDICATED, HYBRID, IN_HOUSE, SHARED
from advisor.results.team import money

#: How much say the company keeps over the work, per option (the engine's four options).
CONTROL = {
    IN_HOUSE: gettext_lazy("Full: your own people and process"),
    DEDICATED: gettext_lazy("High: a team only for you, run by the provider"),
    HYBRID: gettext_lazy("High in business hours, the provider's after them"),
    SHARED: gettext_lazy("Low: the provider's pooled agents and process"),
}
#: Reasons the card names: the two or three that counted most for the recommendation.
CARD_REASONS = 3


def _against_others(winner: dict[str, Any], costs: list[dict[str, Any]]) -> list[dict[str, str]]:
    """What the recommendation costs a month more or less than each other option."""
    rows = []
    for other in costs:
        if other["option"] == winner["option"]:
            continue
        difference = round(winner["monthly"] - other["monthly"])
        amount = {"amount": money(abs(difference))}
        if difference > 0:
            text = _("%(amount)s more") % amount
        elif difference < 0:
            text = _("%(amount)s less") % amount
        else:
            text = _("the same")
        rows.append({"name": other["name"], "difference": text})
    return rows


def _deciding_reasons(groups: list[dict[str, Any]], winner: str) -> list[str]:
    """The winner's reasons that added most, largest first."""
    group = next((g for g in groups if g["option"] == winner), None)
    if group is None:
        return []
    adding = [r for r in group["reasons"] if not r["exclude"] and r["points"] > 0]
    adding.sort(key=lambda reason: reason["points"], reverse=True)
    return [reason["rationale"] for reason in adding[:CARD_REASONS]]


def card(context: dict[str, Any], result: dict[str, Any]) -> dict[str, Any] | None:
    """The answer in one card: people, money and the reasons that decided it."""
    winner = result.get("winner")
    team = context.get("team")
    if not winner or not team:
        return None
    costs = _costs(result, team)
    chosen = next((cost for cost in costs if cost["option"] == winner), None)
    if chosen is None:
        return None
    return {
        "people": chosen["people"],
        "monthly": chosen["total"],
        "first_year": chosen.get("first_year"),
        "per_contact": chosen.get("per_contact"),
        "against": _against_others(chosen, costs),
        "reasons": _deciding_reasons(context["reason_groups"], winner),
    }


def _costs(result: dict[str, Any], team: dict[str, Any]) -> list[dict[str, Any]]:
    """The cost rows with each option's monthly amount as a number and who does the work."""
    amounts = {cost["option"]: cost["total"] for cost in result.get("costs", [])}
    people = {row["option"]: row["team"] for row in team["teams"]}
    return [
        {**row, "monthly": amounts[row["option"]], "people": people.get(row["option"], "")}
        for row in team["costs"]
    ]


def side_by_side(context: dict[str, Any], result: dict[str, Any]) -> list[dict[str, Any]]:
    """The four options in the order they scored, with what a manager weighs them by."""
    team = context.get("team")
    if not team:
        return []
    costs = {cost["option"]: cost for cost in _costs(result, team)}
    options = result["options"]
    return [
        {
            "option": score["option"],
            "name": score["name"],
            "winner": score["option"] == result.get("winner"),
            "monthly": costs.get(score["option"], {}).get("total", "—"),
            "three_years": costs.get(score["option"], {}).get("three_years", "—"),
            "people": costs.get(score["option"], {}).get("people", "—"),
            "start_weeks": costs.get(score["option"], {}).get("start_weeks", "—"),
            "control": CONTROL.get(score["option"], "—"),
            "fit": _("ruled out") if score.get("excluded") else score["points_text"],
            "risk": next(iter(options.get(score["option"], {}).get("cons", [])), "—"),
        }
        for score in context["scores"]
    ]


#: The side-by-side table's rows: what a manager weighs options by, and whether it is text.
ROWS = (
    ("monthly", gettext_lazy("A month"), False),
    ("three_years", gettext_lazy("Three years"), False),
    ("people", gettext_lazy("People"), True),
    ("start_weeks", gettext_lazy("Weeks to start"), False),
    ("control", gettext_lazy("Control"), True),
    ("fit", gettext_lazy("Fit"), False),
    ("risk", gettext_lazy("Main risk"), True),
)


def side_by_side_rows(options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same figures a row per measure, a column per option, as the table shows them."""
    return [
        {
            "label": label,
            "text": text,
            "values": [{"name": option["name"], "value": option[key]} for option in options],
        }
        for key, label, text in ROWS
    ]
