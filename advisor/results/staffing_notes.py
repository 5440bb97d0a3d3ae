"""Plain sentences on how a team was sized hour by hour, for results made since it is done so.

Results made before keep the sentences they were made with (see `team.notes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from advisor.questions.display import format_number

#: What would raise a thin plan's utilisation, for each reason the engine gives.
_THIN_REASONS = {
    "minimum_cover": gettext_lazy(
        "someone is at work in every open hour, however quiet (a shared team for quiet hours "
        "would help)"
    ),
    "language_groups": gettext_lazy(
        "each group of languages has its own agents (agents who speak more of your languages "
        "would help)"
    ),
    "separate_channels": gettext_lazy(
        "agents keep to one channel (agents who work every channel would help)"
    ),
    "long_hours": gettext_lazy(
        "long opening hours spread the contacts thin (a shared team for evenings, nights and "
        "weekends would help)"
    ),
    "busiest_day": gettext_lazy(
        "the busiest day sets the team (part-time agents for the busiest days would help)"
    ),
}


#: A share of late emails below this (half a percent) rounds to nothing on the page.
_WORTH_SAYING = 0.005


def percent(share: float) -> str:
    return f"{format_number(round(100 * share))}%"


def hourly_notes(
    staffing: Mapping[str, Any], answers: Mapping[str, Any], figures: Mapping[str, float]
) -> list[str]:
    """How the team was counted, what makes it thin, what closing time costs, today's team."""
    own = staffing["own_team"]
    found = [_method(own, answers, figures)]
    factor = staffing.get("peak_month_factor", 1)
    if factor != 1:
        found.append(
            _("An own team is sized for your busiest month, %(factor)s times the average one.")
            % {"factor": format_number(factor)}
        )
    found.append(_utilisation(own, staffing.get("utilisation_floor", 0)))
    found.extend(_closed_hours(staffing, answers))
    today = staffing.get("today")
    if today:
        found.append(_today(today, answers))
    return found


def _method(own: Mapping[str, Any], answers: Mapping[str, Any], figures: Mapping[str, float]):
    method = (
        _("Erlang A, counting callers who hang up after %(patience)s seconds on average")
        % {"patience": answers["patience_seconds"]}
        if answers.get("patience_seconds")
        else _("Erlang C")
    )
    return _(
        "How agents were counted: your contacts hour by hour over a typical week in your "
        "industry; calls and chats in each open hour with %(method)s; emails in agents' quiet "
        "moments first; %(shift)s-hour shifts, %(days)s a week, with %(at_work)s agents at "
        "work, are %(people)s people after %(shrinkage)s%% shrinkage (holidays, sickness, "
        "training)."
    ) % {
        "method": method,
        "shift": format_number(figures.get("shift_hours", 9)),
        "days": format_number(figures.get("working_days_per_week", 5)),
        "at_work": format_number(round(own["agents_at_work"], 1)),
        "shrinkage": format_number(figures.get("shrinkage_percent", 30)),
        "people": own["agents"],
    }


def _utilisation(own: Mapping[str, Any], floor: float) -> str:
    busy = _("An own team's agents would spend %(share)s of their time at work on contacts.") % {
        "share": percent(own["utilisation"])
    }
    reasons = [str(_THIN_REASONS[code]) for code in own.get("thin_reasons", [])]
    if not reasons:
        return busy
    return _("%(busy)s That is below %(floor)s because %(reasons)s.") % {
        "busy": busy,
        "floor": percent(floor),
        "reasons": "; ".join(reasons),
    }


def _closed_hours(staffing: Mapping[str, Any], answers: Mapping[str, Any]) -> list[str]:
    found = []
    lost = round(staffing.get("closed_lost_per_month", 0))
    if lost:
        found.append(
            _(
                "About %(closed)s calls and chats a month come while support is closed: "
                "%(retried)s try again when it opens, %(lost)s are lost."
            )
            % {
                "closed": format_number(lost + round(staffing["closed_retried_per_month"])),
                "retried": format_number(round(staffing["closed_retried_per_month"])),
                "lost": format_number(lost),
            }
        )
    late = staffing.get("emails_late_share", 0)
    if late >= _WORTH_SAYING:
        found.append(
            _(
                "%(share)s of emails get their first reply later than %(target)s hours, as "
                "they come or fall due while support is closed: longer hours, or a shared team "
                "when you are closed, would answer them in time."
            )
            % {
                "share": percent(late),
                "target": format_number(answers.get("first_response_hours") or 0),
            }
        )
    return found


def _today(today: Mapping[str, Any], answers: Mapping[str, Any]) -> str:
    agents = today["agents"]
    if today["share_of_plan"] >= 1 and not today["spare_agents"]:
        return _("Your team of %(agents)s covers every hour at your service level.") % {
            "agents": agents
        }
    if today["spare_agents"]:
        return ngettext(
            "Your team of %(agents)s covers every hour at your service level, with "
            "%(spare)s agent to spare.",
            "Your team of %(agents)s covers every hour at your service level, with "
            "%(spare)s agents to spare.",
            today["spare_agents"],
        ) % {"agents": agents, "spare": today["spare_agents"]}
    if today["service_level"] is None:  # emails only
        return _(
            "Your team of %(agents)s on the same shifts is short of what the plan needs; "
            "%(empty)s open hours a week have nobody where someone is needed."
        ) % {"agents": agents, "empty": today["uncovered_hours"]}
    return _(
        "Your team of %(agents)s on the same shifts answers %(share)s of calls and chats in "
        "time (the target is %(target)s); %(empty)s open hours a week have nobody where "
        "someone is needed, and %(short)s miss the target."
    ) % {
        "agents": agents,
        "share": percent(today["service_level"]),
        "target": f"{format_number(answers.get('service_level_percent') or 80)}%",
        "empty": today["uncovered_hours"],
        "short": today["hours_below_target"],
    }
