"""What each option costs a month, item by item, from the staffing plan and the rates.

Every line is quantity x unit price; one-off costs are spread over the first year. Line codes
(`item`) are plain words; the result page turns them into sentences in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from .staffing import Staffing, TeamPlan

IN_HOUSE = "in_house"
DEDICATED = "outsourced_dedicated"
SHARED = "outsourced_shared"
HYBRID = "hybrid"
MONTHS_TO_SPREAD_ONE_OFF_COSTS = 12


@dataclass(frozen=True)
class Rates:
    """Prices and salaries a month unless named otherwise (admin defaults or the manager's)."""

    inhouse_agent_salary: float
    inhouse_lead_salary: float
    seat_overhead: float
    hiring_cost_per_person: float
    dedicated_agent_rate: float
    dedicated_lead_rate: float
    dedicated_setup_fee: float
    shared_hourly_rate: float
    #: When above zero, a shared team bills per interaction instead of per hour.
    shared_price_per_interaction: float

    @classmethod
    def from_values(cls, values: Mapping[str, float]) -> Rates:
        """Build from values keyed like the fields (Assumption slugs; every one is needed)."""
        return cls(**{name: float(values[name]) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class CostLine:
    item: str
    quantity: float
    unit_price: float
    amount: float
    one_off: bool = False


@dataclass
class OptionCost:
    option: str
    lines: list[CostLine] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(line.amount for line in self.lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "option": self.option,
            "total": self.total,
            "lines": [asdict(x) for x in self.lines],
        }


def _line(item: str, quantity: float, unit_price: float) -> CostLine:
    return CostLine(item, quantity, unit_price, quantity * unit_price)


def _spread(item: str, quantity: float, one_off_price: float) -> CostLine:
    monthly = one_off_price / MONTHS_TO_SPREAD_ONE_OFF_COSTS
    return CostLine(item, quantity, one_off_price, quantity * monthly, one_off=True)


def in_house_lines(team: TeamPlan, rates: Rates, *, existing_agents: int = 0) -> list[CostLine]:
    """Salaries, team leads, a seat each, and hiring and training (of the people the company
    does not employ yet) spread over a year."""
    people = team.agents + team.team_leads
    return [
        _line("agent_salaries", team.agents, rates.inhouse_agent_salary),
        _line("team_lead_salaries", team.team_leads, rates.inhouse_lead_salary),
        _line("seat_overhead", people, rates.seat_overhead),
        _spread(
            "hiring_and_training", max(0, people - existing_agents), rates.hiring_cost_per_person
        ),
    ]


def dedicated_lines(team: TeamPlan, rates: Rates) -> list[CostLine]:
    """The provider's fee per agent and per team lead, and its set-up fee over a year."""
    return [
        _line("dedicated_agents", team.agents, rates.dedicated_agent_rate),
        _line("dedicated_team_leads", team.team_leads, rates.dedicated_lead_rate),
        _spread("dedicated_setup", 1 if team.agents else 0, rates.dedicated_setup_fee),
    ]


def shared_lines(hours: float, interactions: float, rates: Rates) -> list[CostLine]:
    """Hours of work actually done (not seats), or interactions, at the provider's price."""
    if rates.shared_price_per_interaction > 0:
        return [_line("shared_interactions", interactions, rates.shared_price_per_interaction)]
    return [_line("shared_hours", hours, rates.shared_hourly_rate)]


def hybrid_core(existing_agents: int) -> str:
    """A hybrid keeps the company's own team as its core, or builds a dedicated one."""
    return IN_HOUSE if existing_agents > 0 else DEDICATED


def price(staffing: Staffing, rates: Rates, *, existing_agents: int = 0) -> list[OptionCost]:
    """Monthly cost of every option.

    A hybrid's core is the company's own team when it already has one, otherwise a dedicated
    team; either way it works business hours and the shared team takes the rest.
    """
    core = staffing.hybrid_core
    core_lines = (
        in_house_lines(core, rates, existing_agents=existing_agents)
        if hybrid_core(existing_agents) == IN_HOUSE
        else dedicated_lines(core, rates)
    )
    hybrid_shared = shared_lines(staffing.hybrid_shared_hours, staffing.hybrid_shared_volume, rates)
    return [
        OptionCost(
            IN_HOUSE, in_house_lines(staffing.own_team, rates, existing_agents=existing_agents)
        ),
        OptionCost(DEDICATED, dedicated_lines(staffing.own_team, rates)),
        OptionCost(SHARED, shared_lines(staffing.shared_hours, staffing.volume_per_month, rates)),
        OptionCost(HYBRID, [*core_lines, *hybrid_shared]),
    ]


def figures_for_rules(staffing: Staffing, costs: list[OptionCost]) -> dict[str, Any]:
    """Staffing and cost figures that rules can test like answers."""
    cheapest = min(costs, key=lambda cost: cost.total)
    dearest = max(costs, key=lambda cost: cost.total)
    saving = 100 * (1 - cheapest.total / dearest.total) if dearest.total else 0.0
    return {
        "agents_needed": staffing.own_team.agents,
        "cheapest_option": cheapest.option,
        "cost_saving_percent": round(saving, 1),
    }
