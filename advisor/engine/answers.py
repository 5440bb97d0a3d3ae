"""Complete a manager's answers with the values the rules also read but nobody typed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def derive(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Return the answers plus derived values.

    - `interactions_per_month`: when left blank, estimated as customers x monthly contact rate
      (the share of customers who contact support in a month); `interactions_estimated` says so.
    - `has_existing_team`: whether the company already employs support agents.
    - `team_and_more_to_cover`: whether it has a team and also evenings, nights, weekends or
      peaks to cover, the case the source material gives a hybrid for.
    """
    derived = dict(answers)
    typed = answers.get("interactions_per_month")
    customers = answers.get("customers")
    rate = answers.get("contact_rate_percent")
    derived["interactions_estimated"] = typed is None
    if typed is None and customers is not None and rate is not None:
        derived["interactions_per_month"] = round(customers * rate / 100)
    agents = answers.get("existing_team_agents")
    derived["has_existing_team"] = None if agents is None else agents > 0
    more_to_cover = (
        answers.get("coverage") in _LONG_HOURS or answers.get("demand_pattern") in _FLUCTUATING
    )
    derived["team_and_more_to_cover"] = bool(derived["has_existing_team"]) and more_to_cover
    return derived


_LONG_HOURS = ("extended", "24_7")
_FLUCTUATING = ("seasonal", "spiky")
