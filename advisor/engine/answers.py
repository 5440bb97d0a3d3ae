"""Complete a manager's answers with the values the rules also read but nobody typed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def derive(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Return the answers plus derived values.

    - `interactions_per_month`: when left blank, estimated as customers x monthly contact rate
      (the share of customers who contact support in a month); `interactions_estimated` says so.
    - `has_existing_team`: whether the company already employs support agents.
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
    return derived
