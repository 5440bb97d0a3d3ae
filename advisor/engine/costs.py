"""What each option costs: every month, once at the start, over the first year and three years.

Every line is quantity x unit price, from the staffing plan and the figures admins tune (the
manager may override the main rates). Monthly lines are the steady cost; one-off lines (hiring,
training, set-up, severance, handing knowledge over) are paid once at the start. Line codes
(`item`) are plain words; the result page turns them into sentences in the reader's language.

- In-house: salaries plus employer charges, team leads and a manager, a desk for each person at
  work at the busiest hour (not for each person employed), tools for each person, replacing
  those who leave, a premium for night and weekend hours; once: hiring and training those the
  company does not employ yet. A team the company has is kept: all of it is paid.
- Dedicated: the provider's rate per full-time agent (at least its minimum team), premiums for
  nights and weekends and for less common languages, its management fee; once: set-up per desk.
- Shared: the work it handles, per hour or per contact, with surcharges for nights and weekends
  and less common languages, and at least the provider's minimum fee.
- Hybrid: its core (the company's own team when it has one, else a dedicated team) plus the
  shared team for the other hours and the overflow.
- Moving a team the company has to a provider: severance, and weeks of paying both while the
  provider learns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar

from advisor.engine.teams import Staffing, TeamPlan
from advisor.engine.week import WEEKS_PER_MONTH

IN_HOUSE = "in_house"
DEDICATED = "outsourced_dedicated"
SHARED = "outsourced_shared"
HYBRID = "hybrid"
MONTHS_A_YEAR = 12
MONTHS_COMPARED = 36


@dataclass(frozen=True)
class Rates:
    """Prices, salaries and shares (0..1) as the admins' figures (or the manager's) give them."""

    inhouse_agent_salary: float
    employer_charges: float
    inhouse_lead_salary: float
    support_manager_salary: float
    manager_from_agents: float
    seat_overhead: float
    tools_per_person: float
    hiring_cost_per_person: float
    time_to_hire_weeks: float
    training_weeks: float
    attrition: float
    replacement_cost: float
    out_of_hours_premium: float
    dedicated_agent_rate: float
    dedicated_out_of_hours: float
    dedicated_language: float
    dedicated_setup_per_seat: float
    dedicated_minimum_agents: float
    dedicated_management: float
    dedicated_ramp_weeks: float
    shared_hourly_rate: float
    #: When above zero, a shared team bills per interaction instead of per hour.
    shared_price_per_interaction: float
    shared_minimum_fee: float
    shared_out_of_hours: float
    shared_language: float
    shared_start_weeks: float
    severance_per_agent: float
    knowledge_transfer_weeks: float
    common_languages: float

    #: Figures given in percent, read as shares (a class attribute, not a field).
    _PERCENT: ClassVar[dict[str, str]] = {
        "employer_charges": "employer_charges_percent",
        "attrition": "attrition_percent",
        "out_of_hours_premium": "out_of_hours_premium_percent",
        "dedicated_out_of_hours": "dedicated_out_of_hours_percent",
        "dedicated_language": "dedicated_language_percent",
        "dedicated_management": "dedicated_management_percent",
        "shared_out_of_hours": "shared_out_of_hours_percent",
        "shared_language": "shared_language_percent",
    }

    @classmethod
    def from_values(cls, values: Mapping[str, float]) -> Rates:
        """Build from Assumption values keyed by slug (every one is needed)."""
        return cls(
            **{
                name: float(values[cls._PERCENT[name]]) / 100
                if name in cls._PERCENT
                else float(values[name])
                for name in (f.name for f in fields(cls))
            }
        )

    def loaded_salary(self) -> float:
        """An agent's monthly salary with the employer's taxes and social charges."""
        return self.inhouse_agent_salary * (1 + self.employer_charges)


@dataclass(frozen=True)
class CostLine:
    item: str
    quantity: float
    unit_price: float
    amount: float
    one_off: bool = False


@dataclass
class OptionCost:
    """One option's cost lines, and how long it takes to start."""

    option: str
    lines: list[CostLine] = field(default_factory=list)
    start_weeks: float = 0.0
    volume_per_month: float = 0.0

    @property
    def total(self) -> float:
        """The steady monthly cost."""
        return sum(line.amount for line in self.lines if not line.one_off)

    @property
    def one_off(self) -> float:
        return sum(line.amount for line in self.lines if line.one_off)

    @property
    def first_year(self) -> float:
        return MONTHS_A_YEAR * self.total + self.one_off

    @property
    def three_years(self) -> float:
        return MONTHS_COMPARED * self.total + self.one_off

    @property
    def per_contact(self) -> float:
        return self.total / self.volume_per_month if self.volume_per_month else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "option": self.option,
            "total": self.total,
            "one_off": self.one_off,
            "first_year": self.first_year,
            "three_years": self.three_years,
            "per_contact": self.per_contact,
            "start_weeks": self.start_weeks,
            "lines": [asdict(line) for line in self.lines],
        }


def _line(item: str, quantity: float, unit_price: float, *, one_off: bool = False) -> CostLine:
    return CostLine(item, quantity, unit_price, quantity * unit_price, one_off)


def _weekly(monthly: float) -> float:
    return monthly / WEEKS_PER_MONTH


def in_house_lines(team: TeamPlan, rates: Rates, *, existing_agents: int = 0) -> list[CostLine]:
    """An own team: every employed agent is paid (a team the company has is kept)."""
    agents = max(team.agents, existing_agents)
    leads = team.team_leads
    manager = 1 if agents >= rates.manager_from_agents else 0
    payroll = agents * rates.inhouse_agent_salary + leads * rates.inhouse_lead_salary
    payroll += manager * rates.support_manager_salary
    new_people = max(0, agents + leads - existing_agents)
    desks = team.most_at_work + leads + manager
    return [
        _line("agent_salaries", agents, rates.inhouse_agent_salary),
        _line("team_lead_salaries", leads, rates.inhouse_lead_salary),
        _line("support_manager_salary", manager, rates.support_manager_salary),
        _line("employer_charges", payroll, rates.employer_charges),
        _line("out_of_hours_premium", agents * team.out_of_hours_share, _premium(rates)),
        _line("desks", desks, rates.seat_overhead),
        _line("tools", agents + leads + manager, rates.tools_per_person),
        _line(
            "replacing_leavers", agents * rates.attrition / MONTHS_A_YEAR, rates.replacement_cost
        ),
        _line("hiring", new_people, rates.hiring_cost_per_person, one_off=True),
        _line(
            "training",
            new_people * rates.training_weeks,
            _weekly(rates.loaded_salary()),
            one_off=True,
        ),
    ]


def _premium(rates: Rates) -> float:
    """What a full-time agent's night and weekend share costs on top, a month."""
    return rates.loaded_salary() * rates.out_of_hours_premium


def in_house_start(team: TeamPlan, rates: Rates, existing_agents: int) -> float:
    if existing_agents >= team.agents:
        return 0.0
    return rates.time_to_hire_weeks + rates.training_weeks


def dedicated_lines(team: TeamPlan, rates: Rates, languages: int) -> list[CostLine]:
    """The provider's agents (at least its minimum team), premiums, fee and set-up."""
    agents = max(team.agents, rates.dedicated_minimum_agents) if team.agents else 0
    fees = agents * rates.dedicated_agent_rate
    night_and_weekend = fees * team.out_of_hours_share
    desks = team.most_at_work if agents else 0
    return [
        _line("dedicated_agents", agents, rates.dedicated_agent_rate),
        _line("dedicated_out_of_hours", night_and_weekend, rates.dedicated_out_of_hours),
        _line(
            "dedicated_languages", fees * _less_common(languages, rates), rates.dedicated_language
        ),
        _line("dedicated_management", fees, rates.dedicated_management),
        _line("dedicated_setup", desks, rates.dedicated_setup_per_seat, one_off=True),
    ]


def _less_common(languages: int, rates: Rates) -> float:
    """The share of contacts (and agents) in languages beyond the common ones."""
    return max(0.0, languages - rates.common_languages) / languages if languages else 0.0


def shared_lines(
    hours: float, interactions: float, out_of_hours: float, rates: Rates, languages: int
) -> list[CostLine]:
    """The work handled, per hour or per interaction, its surcharges, and the minimum fee."""
    if rates.shared_price_per_interaction > 0:
        base = _line("shared_interactions", interactions, rates.shared_price_per_interaction)
    else:
        base = _line("shared_hours", hours, rates.shared_hourly_rate)
    less_common = _less_common(languages, rates)
    lines = [
        base,
        _line("shared_out_of_hours", base.amount * out_of_hours, rates.shared_out_of_hours),
        _line("shared_languages", base.amount * less_common, rates.shared_language),
    ]
    billed = sum(line.amount for line in lines)
    if 0 < billed < rates.shared_minimum_fee:
        lines.append(_line("shared_minimum_fee", 1, rates.shared_minimum_fee - billed))
    return lines


def leaving_lines(existing_agents: int, rates: Rates) -> list[CostLine]:
    """Letting a team the company has go to a provider: severance and a hand-over."""
    if existing_agents <= 0:
        return []
    return [
        _line("severance", existing_agents, rates.severance_per_agent, one_off=True),
        _line(
            "knowledge_transfer",
            existing_agents * rates.knowledge_transfer_weeks,
            _weekly(rates.loaded_salary()),
            one_off=True,
        ),
    ]


def hybrid_core(existing_agents: int) -> str:
    """A hybrid keeps the company's own team as its core, or builds a dedicated one."""
    return IN_HOUSE if existing_agents > 0 else DEDICATED


def price(
    staffing: Staffing, rates: Rates, *, existing_agents: int = 0, languages: int = 1
) -> list[OptionCost]:
    """Every option's cost lines and time to start."""
    own, core = staffing.own_team, staffing.hybrid_core
    volume = staffing.volume_per_month
    leaving = leaving_lines(existing_agents, rates)
    if hybrid_core(existing_agents) == IN_HOUSE:
        core_lines = in_house_lines(core, rates, existing_agents=existing_agents)
        core_start = in_house_start(core, rates, existing_agents)
    else:
        core_lines = dedicated_lines(core, rates, languages)
        core_start = rates.dedicated_ramp_weeks
    shared = shared_lines(
        staffing.shared_hours,
        staffing.shared_volume,
        staffing.shared_out_of_hours_share,
        rates,
        languages,
    )
    hybrid_shared = shared_lines(
        staffing.hybrid_shared_hours,
        staffing.hybrid_shared_volume,
        staffing.hybrid_shared_out_of_hours_share,
        rates,
        languages,
    )
    return [
        OptionCost(
            IN_HOUSE,
            in_house_lines(own, rates, existing_agents=existing_agents),
            in_house_start(own, rates, existing_agents),
            volume,
        ),
        OptionCost(
            DEDICATED,
            [*dedicated_lines(own, rates, languages), *leaving],
            rates.dedicated_ramp_weeks,
            volume,
        ),
        OptionCost(SHARED, [*shared, *leaving], rates.shared_start_weeks, volume),
        OptionCost(
            HYBRID,
            [*core_lines, *hybrid_shared],
            max(core_start, rates.shared_start_weeks),
            volume,
        ),
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
