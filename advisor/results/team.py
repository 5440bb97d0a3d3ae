"""The "Team and cost" section of a result, read from the assessment's snapshot."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from advisor.engine.costs import DEDICATED, HYBRID, IN_HOUSE, SHARED
from advisor.questions.definitions import QUESTIONS
from advisor.questions.display import format_number, with_unit
from advisor.results.staffing_notes import hourly_notes

ITEM_LABELS = {
    "agent_salaries": gettext_lazy("Agents' salaries"),
    "team_lead_salaries": gettext_lazy("Team leads' salaries"),
    "seat_overhead": gettext_lazy("Office, equipment and software per person"),
    "hiring_and_training": gettext_lazy("Hiring and training new people, spread over a year"),
    "dedicated_agents": gettext_lazy("Dedicated agents"),
    "dedicated_team_leads": gettext_lazy("Dedicated team leads"),
    "dedicated_setup": gettext_lazy("Set-up fee, spread over a year"),
    "shared_hours": gettext_lazy("Hours of work by the shared team"),
    "shared_interactions": gettext_lazy("Interactions handled by the shared team"),
    "support_manager_salary": gettext_lazy("Support manager's salary"),
    "employer_charges": gettext_lazy("Employer taxes and social charges on salaries"),
    "out_of_hours_premium": gettext_lazy("Extra pay for nights and weekends"),
    "desks": gettext_lazy("Desks for the most people at work at once"),
    "tools": gettext_lazy("Tools and licences per person"),
    "replacing_leavers": gettext_lazy("Replacing agents who leave"),
    "hiring": gettext_lazy("Hiring new people"),
    "training": gettext_lazy("Paying new agents while they train"),
    "dedicated_out_of_hours": gettext_lazy("Provider's premium for nights and weekends"),
    "dedicated_languages": gettext_lazy("Provider's premium for less common languages"),
    "dedicated_management": gettext_lazy("Provider's management fee"),
    "shared_out_of_hours": gettext_lazy("Surcharge for nights and weekends"),
    "shared_languages": gettext_lazy("Surcharge for less common languages"),
    "shared_minimum_fee": gettext_lazy("Up to the provider's minimum monthly fee"),
    "severance": gettext_lazy("Letting your team go"),
    "knowledge_transfer": gettext_lazy("Your team teaching the provider's agents"),
}


def money(amount: float) -> str:
    return f"{format_number(round(amount))} {settings.ADVISOR_CURRENCY}"


#: Lines whose unit price is a share of their quantity (an amount of money), not a price.
_SHARE_LINES = {
    "employer_charges",
    "dedicated_out_of_hours",
    "dedicated_languages",
    "dedicated_management",
    "shared_out_of_hours",
    "shared_languages",
}


def _quantity(line: dict[str, Any], spread: bool) -> str:
    quantity = format_number(round(line["quantity"], 1))
    price = f"{format_number(line['unit_price'], money=True)} {settings.ADVISOR_CURRENCY}"
    if line["item"] in _SHARE_LINES:
        return f"{format_number(round(100 * line['unit_price'], 1))}% × {money(line['quantity'])}"
    if line["one_off"] and not spread:
        return _("%(quantity)s × %(price)s once") % {"quantity": quantity, "price": price}
    if line["one_off"]:
        return _("%(quantity)s × %(price)s once ÷ 12 months") % {
            "quantity": quantity,
            "price": price,
        }
    if line["item"] == "shared_hours":
        return _("%(quantity)s hours × %(price)s") % {"quantity": quantity, "price": price}
    return f"{quantity} × {price}"


def cost_rows(result: dict[str, Any], names: Any) -> list[dict[str, Any]]:
    """Every option's monthly total with its itemised lines.

    Results made since costs are counted over time carry one-off lines at their full amount
    and the first-year and three-year totals; older ones spread one-offs over a year.
    """
    return [
        {
            "option": cost["option"],
            "name": names(cost["option"]),
            "total": money(cost["total"]),
            **_over_time(cost),
            "lines": [
                {
                    "label": ITEM_LABELS.get(line["item"], line["item"]),
                    "quantity": _quantity(line, spread="first_year" not in cost),
                    "amount": money(line["amount"]),
                    "one_off": line["one_off"] and "first_year" in cost,
                }
                for line in cost["lines"]
                if line["quantity"] and line["amount"]
            ],
        }
        for cost in result.get("costs", [])
    ]


def _priced_over_time(result: dict[str, Any]) -> bool:
    costs = result.get("costs") or [{}]
    return "first_year" in costs[0]


def _over_time(cost: dict[str, Any]) -> dict[str, Any]:
    if "first_year" not in cost:
        return {}
    return {
        "first_year": money(cost["first_year"]),
        "three_years": money(cost["three_years"]),
        "per_contact": f"{format_number(cost['per_contact'], money=True)} "
        f"{settings.ADVISOR_CURRENCY}",
        "start_weeks": format_number(round(cost["start_weeks"])),
    }


def _channel_label(code: str) -> str:
    return QUESTIONS["channels"].choice_label(code)


def channel_rows(staffing: dict[str, Any]) -> list[dict[str, Any]]:
    """What each channel needs from an own team that covers every open hour."""
    rows = []
    for need in staffing["own_team"]["channels"]:
        queue = need["queue"]
        rows.append(
            {
                "channel": _channel_label(need["channel"]),
                "volume": format_number(round(need["volume_per_month"])),
                "busiest_hour": format_number(round(need["busy_hour_arrivals"], 1)),
                "on_duty": format_number(round(need["positions"], 1)),
                "at_floor": need["at_floor"],
                "service_level": _percent(queue["service_level"]) if queue else "",
                "wait": format_number(round(queue["asa_seconds"])) if queue else "",
                "occupancy": _percent(queue["occupancy"]) if queue else "",
                "abandon": _percent(queue["abandon_share"]) if queue else "",
            }
        )
    return rows


def _percent(share: float) -> str:
    return f"{format_number(round(100 * share, 1))}%"


def people(agents: int, leads: int) -> str:
    """ "12 agents and 1 team lead", with plurals right in every language."""
    agents_text = ngettext("%(count)s agent", "%(count)s agents", agents) % {"count": agents}
    if not leads:
        return agents_text
    leads_text = ngettext("%(count)s team lead", "%(count)s team leads", leads) % {"count": leads}
    return _("%(agents)s and %(leads)s") % {"agents": agents_text, "leads": leads_text}


def _kept(needed: int, leads: int, existing: int) -> str:
    """People an own team employs: every agent of a team the company keeps, if more."""
    text = people(max(needed, existing), leads)
    if existing > needed:
        text = _("%(people)s (your team of %(existing)s kept; %(needed)s would do)") % {
            "people": text,
            "existing": existing,
            "needed": needed,
        }
    return text


def team_rows(
    staffing: dict[str, Any], names: Any, hybrid_core: str, existing: int = 0
) -> list[dict[str, Any]]:
    """Who works for each option: people to employ or pay for, or hours bought."""
    own, core = staffing["own_team"], staffing["hybrid_core"]
    hours = format_number(round(staffing["shared_hours"]))
    hybrid_hours = format_number(round(staffing["hybrid_shared_hours"]))
    core_name = names(hybrid_core)
    core_existing = existing if hybrid_core == IN_HOUSE else 0
    return [
        {
            "option": IN_HOUSE,
            "name": names(IN_HOUSE),
            "team": _kept(own["agents"], own["team_leads"], existing),
        },
        {
            "option": DEDICATED,
            "name": names(DEDICATED),
            "team": people(own["agents"], own["team_leads"]),
        },
        {
            "option": SHARED,
            "name": names(SHARED),
            "team": _("%(hours)s hours of work a month") % {"hours": hours},
        },
        {
            "option": HYBRID,
            "name": names(HYBRID),
            "team": _(
                "%(people)s (%(core)s, business hours) plus %(hours)s hours of work a month "
                "from an outsourced shared team"
            )
            % {
                "people": _kept(core["agents"], core["team_leads"], core_existing),
                "core": core_name.lower(),
                "hours": hybrid_hours,
            },
        },
    ]


def notes(staffing: dict[str, Any], answers: dict[str, Any], figures: dict[str, float]) -> list:
    """Plain sentences on how agents were counted and what drives the numbers."""
    if "required" in staffing["own_team"]:  # sized hour by hour
        return [*hourly_notes(staffing, answers, figures), *_floor_and_pooling(staffing)]
    return _busy_hour_notes(staffing, answers, figures)


def _busy_hour_notes(
    staffing: dict[str, Any], answers: dict[str, Any], figures: dict[str, float]
) -> list:
    """The sentences of results made when a team was sized for one busy hour."""
    method = (
        _("Erlang A, counting callers who hang up after %(patience)s seconds on average")
        % {"patience": answers["patience_seconds"]}
        if answers.get("patience_seconds")
        else _("Erlang C")
    )
    found = [
        _(
            "How agents were counted: calls and chats with %(method)s for the busiest hour "
            "(%(peak)s times the average hour), emails and tickets with a workload model; then "
            "people on duty × %(hours)s open hours a week ÷ %(week)s-hour weeks ÷ "
            "(1 − %(shrinkage)s%% shrinkage for holidays, sickness and training), rounded up once."
        )
        % {
            "method": method,
            "peak": format_number(figures.get("peak_hour_factor", 1.5)),
            "hours": format_number(staffing["own_team"]["hours_per_week"]),
            "week": format_number(figures.get("agent_hours_per_week", 40)),
            "shrinkage": format_number(figures.get("shrinkage_percent", 30)),
        }
    ]
    found.extend(_floor_and_pooling(staffing))
    if not staffing["first_response_met_when_closed"]:
        found.append(
            _(
                "Emails that arrive when support is closed wait up to %(closed)s hours for a "
                "first reply, longer than your target of %(target)s hours: only longer hours, or "
                "a shared team at night, can meet it."
            )
            % {
                "closed": format_number(staffing["closed_stretch_hours"]),
                "target": format_number(answers.get("first_response_hours") or 0),
            }
        )
    return found


def _floor_and_pooling(staffing: dict[str, Any]) -> list[str]:
    found = []
    floored = [n for n in staffing["own_team"]["channels"] if n["at_floor"]]
    if floored:
        found.append(
            _(
                "At your volume one agent on %(channels)s would be idle most of the time, but "
                "someone must be there whenever it is open. That floor makes a small or "
                "round-the-clock own team dear, and is why a shared team or a hybrid wins there."
            )
            % {"channels": ", ".join(_channel_label(n["channel"]).lower() for n in floored)}
        )
    pooling = staffing.get("pooling")
    if pooling and pooling["pooled_two"] < 2 * pooling["alone"]:
        found.append(
            _(
                "Pooling: your %(channel)s queue alone needs %(alone)s agents in its busiest "
                "hour; one shared pool serving two such queues needs %(pooled)s, not %(double)s. "
                "That is why a shared team costs less at low volume."
            )
            % {
                "channel": _channel_label(pooling["channel"]).lower(),
                "alone": pooling["alone"],
                "pooled": pooling["pooled_two"],
                "double": 2 * pooling["alone"],
            }
        )
    return found


def team_and_cost(assessment_result: dict[str, Any], answers: dict[str, Any], names: Any):
    """Everything the "Team and cost" section shows; None for results made before it existed."""
    staffing = assessment_result.get("staffing")
    if not staffing:
        return None
    assumptions = assessment_result.get("assumptions", [])
    figures = {a["slug"]: a["value"] for a in assumptions}
    return {
        "costs": cost_rows(assessment_result, names),
        "teams": team_rows(
            staffing,
            names,
            assessment_result["hybrid_core"],
            # Results made before costs counted a kept team in full priced the need only.
            int(answers.get("existing_team_agents") or 0)
            if _priced_over_time(assessment_result)
            else 0,
        ),
        "channels": channel_rows(staffing),
        "at_floor": any(need["at_floor"] for need in staffing["own_team"]["channels"]),
        "notes": notes(staffing, answers, figures),
        "assumptions": [
            {"name": a["name"], "value": with_unit(format_number(a["value"]), a["unit"])}
            for a in assumptions
        ],
    }
