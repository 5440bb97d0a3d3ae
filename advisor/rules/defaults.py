"""The default options, rules and assumptions, encoding the source material in DESIGN.md.

Seeding is idempotent and keyed on slugs: a row an admin already has (edited or not) is never
touched, and running it twice changes nothing. Texts are marked for translation.
"""

from __future__ import annotations

import uuid
from typing import Any

# `_` only marks texts for translation: they are stored in the database and translated on display.
from django.utils.translation import gettext_noop as _

from advisor.engine import scoring
from advisor.engine.costs import DEDICATED, HYBRID, IN_HOUSE, SHARED
from advisor.engine.profiles import DEFAULT_PROFILES
from advisor.engine.scoring import PRIORITY_GROUPS
from advisor.questions.definitions import QUESTIONS
from advisor.questions.rule_values import parse_rule_value

_SECURITY_RISK = _(
    "Language, cultural and data-security risks: choose a provider that invests in security "
    "and passes yearly audits"
)

OPTIONS: list[dict[str, Any]] = [
    {
        "slug": IN_HOUSE,
        "order": 10,
        "name": _("In-house team"),
        "summary": _("Your own employees, in your own office, answer your customers."),
        "pros": [
            _("The best product knowledge"),
            _("Fast feedback from support to product and development"),
            _("Full control of how you talk to customers"),
            _("Suits non-standard products that need extra attention"),
        ],
        "cons": [
            _("The most expensive: salaries, taxes, office rent and other overhead"),
            _("24/7 needs extra agents for night shifts"),
            _("Hiring and onboarding take months"),
            _("Hard to grow or shrink quickly"),
        ],
    },
    {
        "slug": DEDICATED,
        "order": 20,
        "name": _("Outsourced dedicated team"),
        "summary": _(
            "A provider's agents work only for you, for a fixed monthly fee per agent, "
            "following your own process and tools."
        ),
        "pros": [
            _("A predictable fixed monthly payment"),
            _("Agents focus on your customers only and handle any number of interactions"),
            _("You manage and change the process yourself, with custom tools"),
            _("Suits 24/7 or full business-day coverage and high volume"),
            _("Faster and cheaper to staff than hiring: no hiring and onboarding bureaucracy"),
        ],
        "cons": [
            _("Scales only by adding or removing agents"),
            _("No help from outside the dedicated group for hard escalations"),
            _("You pay for full-time agents even in quiet hours"),
            _SECURITY_RISK,
        ],
    },
    {
        "slug": SHARED,
        "order": 30,
        "name": _("Outsourced shared team"),
        "summary": _(
            "A provider's pooled agents answer your customers alongside other clients' "
            "customers, billed per hour or per interaction, following the provider's standard "
            "(ITIL) process."
        ),
        "pros": [
            _("The cheapest at low volume: you pay only for the work done"),
            _("Absorbs seasonal peaks, sudden spikes and short-term projects"),
            _(
                "Escalations go to the provider's pooled experts: network, server and "
                "incident-management groups"
            ),
            _("Starts fast and grows or shrinks easily"),
        ],
        "cons": [
            _("The provider controls the process"),
            _("Agents work on several projects and handle a limited number of your interactions"),
            _("Less product knowledge than your own or a dedicated team"),
            _SECURITY_RISK,
        ],
    },
    {
        "slug": HYBRID,
        "order": 40,
        "name": _("Hybrid: core team plus outsourced shared team"),
        "summary": _(
            "A dedicated or in-house team in business hours plus an outsourced shared team for "
            "nights, weekends and peaks."
        ),
        "pros": [
            _("Your core team keeps product knowledge and control"),
            _("Nights, weekends, peaks and special projects cost only what they use"),
            _("Most companies can combine the two"),
        ],
        "cons": [
            _("Two teams to coordinate, with hand-overs between them"),
            _("Two processes to keep consistent for your customers"),
        ],
    },
]

_IT = "saas, fintech, gaming, other_it"
_FLUCTUATING = "seasonal, spiky"
_LONG_HOURS = "extended, 24_7"
_IT_OUTSOURCE = _(
    "SaaS, software, fintech, gaming and other IT companies tend to outsource support."
)
COST, CONTROL, QUALITY, SPEED, FLEXIBILITY = PRIORITY_GROUPS

# Each fact of the source material counts once, in the direction the source gives it; money
# and time to start are weighed by the engine from the costs (see engine/decision.py), so no
# rule repeats them. Answers most managers keep (medium control, personal data, basic
# escalations, no payment preference) net to nothing, so no option wins by default.
# (slug, question, operator, value, option, points or None to exclude, group, rationale)
_RULES: list[tuple[str, str, str, str, str, int | None, str, str]] = [
    # Volume and demand
    ("high-volume-shared", "interactions_per_month", "gte", "2000", SHARED, -2, QUALITY,
     _("Shared agents work on several clients at once and handle only a limited number of your interactions; at high volume a team of your own, focused on you, handles any number.")),
    ("fluctuating-shared", "demand_pattern", "in", _FLUCTUATING, SHARED, 2, FLEXIBILITY,
     _("A shared pool grows for seasonal peaks and sudden spikes and shrinks after them.")),
    ("fluctuating-hybrid", "demand_pattern", "in", _FLUCTUATING, HYBRID, 2, FLEXIBILITY,
     _("A core team for the base load plus a shared team for the peaks fits changing demand.")),
    ("short-term-shared", "demand_pattern", "is", "short_term", SHARED, 3, FLEXIBILITY,
     _("Short-term projects are what shared teams are for: no hiring and no long contract.")),
    ("short-term-hybrid", "demand_pattern", "is", "short_term", HYBRID, 1, FLEXIBILITY,
     _("A team you have can take a short project on with a shared team beside it for the extra work.")),
    # Coverage
    ("long-hours-dedicated", "coverage", "in", _LONG_HOURS, DEDICATED, 2, QUALITY,
     _("Full-day and round-the-clock coverage suit a dedicated team that plans whole shifts for you.")),
    ("long-hours-hybrid", "coverage", "in", _LONG_HOURS, HYBRID, 2, FLEXIBILITY,
     _("Most companies can combine the two: a core team in business hours, a shared team for evenings, nights and weekends.")),
    # Existing team
    ("existing-team-in-house", "has_existing_team", "is", "yes", IN_HOUSE, 2, QUALITY,
     _("Your existing team already knows your product and your customers.")),
    ("existing-team-core-hybrid", "has_existing_team", "is", "yes", HYBRID, 2, QUALITY,
     _("Your existing team knows your product and your customers; as a hybrid's core it keeps that knowledge.")),
    ("team-and-more-hybrid", "team_and_more_to_cover", "is", "yes", HYBRID, 2, FLEXIBILITY,
     _("You already have a team: keep it as the core and add a shared team for overflow, nights and weekends.")),
    # How to pay
    ("fixed-cost-dedicated", "cost_preference", "is", "fixed", DEDICATED, 2, COST,
     _("A dedicated team costs a fixed monthly fee per agent: the most predictable payment.")),
    ("pay-per-use-shared", "cost_preference", "is", "pay_per_use", SHARED, 2, COST,
     _("A shared team bills per hour or per interaction, so you pay only for what you use.")),
    ("no-payment-preference-shared", "cost_preference", "is", "no_preference", SHARED, 1, COST,
     _("A fixed monthly cost is not a must for you, so a shared team's bill that follows your demand is no drawback.")),
    # Control
    ("high-control-shared", "control_need", "is", "high", SHARED, -3, CONTROL,
     _("In a shared team the provider controls the process, which follows its standard (ITIL) practice; you want to design it yourself.")),
    ("medium-control-shared", "control_need", "is", "medium", SHARED, -1, CONTROL,
     _("You set the rules; a shared team follows the provider's standard process more than yours.")),
    ("high-control-hybrid", "control_need", "is", "high", HYBRID, -1, CONTROL,
     _("A hybrid's shared team follows the provider's process in the hours it covers.")),
    ("low-control-shared", "control_need", "is", "low", SHARED, 1, CONTROL,
     _("A standard process run by the provider is fine for you, and that is how shared teams work.")),
    # Data
    ("public-data-shared", "data_sensitivity", "is", "public", SHARED, 1, CONTROL,
     _("Agents see only public information, so a pooled team carries no data risk.")),
    ("personal-data-shared", "data_sensitivity", "is", "personal", SHARED, -1, CONTROL,
     _("Customers' personal data in a pooled team raises the risk of a breach: choose a provider that invests in security and passes yearly audits.")),
    ("regulated-data-shared", "data_sensitivity", "is", "regulated", SHARED, -3, CONTROL,
     _("Regulated data is safest with your own staff; in a pooled team the risk of a breach is highest.")),
    ("regulated-data-hybrid", "data_sensitivity", "is", "regulated", HYBRID, -1, CONTROL,
     _("A hybrid's shared team sees regulated data in the hours it covers: choose a provider that passes yearly security audits.")),
    ("regulated-data-dedicated", "data_sensitivity", "is", "regulated", DEDICATED, -2, CONTROL,
     _("Outsourcing regulated data carries a data-security risk: if you do, choose a provider that passes yearly security audits.")),
    # Escalations
    ("basic-escalation-shared", "escalation_expertise", "is", "basic", SHARED, 1, QUALITY,
     _("Most questions are solved at the first contact, which a shared team's standard process handles well.")),
    ("broad-expertise-shared", "escalation_expertise", "is", "broad_technical", SHARED, 2, QUALITY,
     _("Shared teams escalate to the provider's pooled experts: network, server and incident-management groups; a dedicated team has no help from outside its group.")),
    ("deep-product-in-house", "escalation_expertise", "is", "deep_product", IN_HOUSE, 2, QUALITY,
     _("Your own employees have the best product knowledge for hard escalations.")),
    ("deep-product-dedicated", "escalation_expertise", "is", "deep_product", DEDICATED, 1, QUALITY,
     _("Dedicated agents work on your product only and learn it over time.")),
    # Product
    ("non-standard-in-house", "product_type", "is", "non_standard", IN_HOUSE, 3, QUALITY,
     _("Non-standard products need extra attention and deep knowledge: in-house support is best for them.")),
    ("configurable-shared", "product_type", "is", "configurable", SHARED, -1, QUALITY,
     _("Agents split across many clients learn a configurable product slowly.")),
    ("standard-shared", "product_type", "is", "standard", SHARED, 1, QUALITY,
     _("Routine questions about a standard product are easy to hand over to a provider's pool.")),
    # Industry
    ("consumer-goods-in-house", "industry", "is", "consumer_goods", IN_HOUSE, 2, QUALITY,
     _("Consumer-goods makers tend to keep support in-house, close to the product.")),
    ("it-industry-dedicated", "industry", "in", _IT, DEDICATED, 1, QUALITY, _IT_OUTSOURCE),
    ("it-industry-shared", "industry", "in", _IT, SHARED, 1, QUALITY, _IT_OUTSOURCE),
    # Start
    ("no-rush-in-house", "start_urgency", "is", "flexible", IN_HOUSE, 1, SPEED,
     _("There is time to hire and train your own team.")),
    # Languages
    ("many-languages-shared", "languages", "gte", "3", SHARED, -2, QUALITY,
     _("Customers want their own language; language and cultural barriers are a risk of outsourcing, most of all in a pool shared with other clients.")),
    ("many-languages-dedicated", "languages", "gte", "3", DEDICATED, -1, QUALITY,
     _("Customers want their own language; language and cultural barriers are a risk of outsourcing.")),
]  # fmt: skip

RULES: list[dict[str, Any]] = [
    {
        "slug": slug,
        "question": question,
        "operator": operator,
        "value": value,
        "option": option,
        "points": points or 0,
        "exclude": points is None,
        "rationale": rationale,
        "group": group,
        "order": 10 * position,
    }
    for position, (slug, question, operator, value, option, points, group, rationale) in enumerate(
        _RULES, start=1
    )
]


def engine_rules(specs: list[dict[str, Any]] | None = None) -> list[scoring.Rule]:
    """The default rule set (or `specs` in its format) as the engine reads it, no database."""
    return [
        scoring.Rule(
            key=spec["slug"],
            question=spec["question"],
            operator=spec["operator"],
            value=parse_rule_value(QUESTIONS[spec["question"]], spec["operator"], spec["value"]),
            option=spec["option"],
            points=spec["points"],
            exclude=spec["exclude"],
            rationale=spec["rationale"],
            group=spec.get("group", ""),
        )
        for spec in (RULES if specs is None else specs)
    ]


#: The options' slugs in their display order.
OPTION_ORDER = [spec["slug"] for spec in OPTIONS]


def _assumption(slug: str, value: str, name: str, unit: str, help_text: str) -> dict[str, Any]:
    return {"slug": slug, "value": value, "name": name, "unit": unit, "help_text": help_text}


ASSUMPTIONS: list[dict[str, Any]] = [
    # Costs (the wizard's cost step can override the first four per assessment; sources:
    # ../shared/DESIGN.md, "Reference figures")
    _assumption("inhouse_agent_salary", "2500", _("In-house agent: monthly salary"), _("EUR a month"),
                _("Gross monthly salary of one full-time agent, before employer charges. Set it to your own market.")),
    _assumption("seat_overhead", "450", _("In-house desk"), _("EUR a month"),
                _("Office rent, furniture and equipment for one desk. An own team needs a desk for each person at work at the busiest hour, not for each person employed.")),
    _assumption("dedicated_agent_rate", "2600", _("Outsourced dedicated team: monthly rate per agent"), _("EUR a month"),
                _("A provider's fee for one full-time agent who works only for you. Published: 900-2,500 USD a month offshore; nearshore and onshore cost more.")),
    _assumption("shared_hourly_rate", "40", _("Outsourced shared team: hourly rate"), _("EUR an hour"),
                _("A provider's fee per hour of work its pooled agents do for you (hours of work, not seats). Published: 0.35-0.45 USD per handled minute offshore, 21-27 USD an hour; nearshore more.")),
    _assumption("employer_charges_percent", "24", _("Employer taxes and social charges"),
                # xgettext:no-python-format
                _("% of salaries"),
                # xgettext:no-python-format
                _("Paid by the employer on top of salaries: about 20-30% in most of the EU. With office, tools and management, an agent costs 2-2.5 times the base wage (published).")),
    _assumption("inhouse_lead_salary", "3400", _("In-house team lead: monthly salary"), _("EUR a month"),
                _("Gross monthly salary of one team lead, before employer charges.")),
    _assumption("support_manager_salary", "4500", _("In-house support manager: monthly salary"), _("EUR a month"),
                _("Gross monthly salary of the person who runs the team, before employer charges.")),
    _assumption("manager_from_agents", "15", _("Agents that need their own support manager"), _("agents"),
                _("An in-house team this large or larger has a support manager of its own; a smaller one is run by its team lead or an existing manager.")),
    _assumption("tools_per_person", "120", _("In-house tools and licences per person"), _("EUR a month"),
                _("Help-desk, telephony, chat and other licences for each person a month.")),
    _assumption("hiring_cost_per_person", "3000", _("In-house hiring per person"), _("EUR once"),
                _("Recruiting one new person: advertising, interviews, checks, onboarding.")),
    _assumption("time_to_hire_weeks", "6", _("Weeks to hire"), _("weeks"),
                _("From opening a position to the new agent's first day.")),
    _assumption("training_weeks", "6", _("Weeks of training before an agent works alone"), _("weeks"),
                _("New agents are paid while they learn. Published: 60-90 days to full proficiency.")),
    _assumption("attrition_percent", "35", _("Agents who leave a year"), _("%"),
                _("Share of agents who leave each year and must be replaced. Published: 30-45% a year in contact centres (31% in 2024, Metrigy).")),
    _assumption("replacement_cost", "12000", _("Replacing an agent who leaves"), _("EUR once"),
                _("Hiring, training and the lost productivity of replacing one agent. Published: 10,000-20,000 USD (Gartner: 14,113 USD).")),
    _assumption("out_of_hours_premium_percent", "25", _("In-house premium for nights and weekends"), _("%"),
                _("Extra pay for hours worked at night (22:00-6:00) and at weekends, on those hours.")),
    _assumption("dedicated_out_of_hours_percent", "15", _("Outsourced dedicated team: premium for nights and weekends"), _("%"),
                _("What a provider adds to the agents' fees for the share of their hours at night or at weekends.")),
    _assumption("dedicated_language_percent", "15", _("Outsourced dedicated team: premium for less common languages"), _("%"),
                _("What a provider adds for agents in languages beyond the common ones.")),
    _assumption("dedicated_setup_per_seat", "800", _("Outsourced dedicated team: set-up per desk"), _("EUR once"),
                _("A provider's one-off fee to set up each desk of your team. Published: 400-1,500 USD per seat.")),
    _assumption("dedicated_minimum_agents", "3", _("Outsourced dedicated team: smallest team"), _("agents"),
                _("Providers rarely run a dedicated team smaller than this; a smaller need is billed at this size.")),
    _assumption("dedicated_management_percent", "10", _("Outsourced dedicated team: management fee"),
                # xgettext:no-python-format
                _("% of agents' fees"),
                _("The provider's fee for team leads, quality checks and reporting (15 agents a lead is typical at outsourcers).")),
    _assumption("dedicated_ramp_weeks", "6", _("Outsourced dedicated team: weeks to start"), _("weeks"),
                _("From signing to a trained team. Published: 4-12 weeks.")),
    _assumption("shared_price_per_interaction", "0", _("Outsourced shared team: price per interaction"), _("EUR"),
                _("Set above 0 to bill per interaction instead of per hour: per-contact pricing puts the volume risk on the provider, per-minute the handling-time risk on you (ccplanning.net).")),
    _assumption("shared_minimum_fee", "1500", _("Outsourced shared team: minimum monthly fee"), _("EUR a month"),
                _("The least a provider bills a month, however little work there is.")),
    _assumption("shared_out_of_hours_percent", "25", _("Outsourced shared team: surcharge for nights and weekends"), _("%"),
                _("What a provider adds to the work done at night (22:00-6:00) or at weekends.")),
    _assumption("shared_language_percent", "20", _("Outsourced shared team: surcharge for less common languages"), _("%"),
                _("What a provider adds to the work in languages beyond the common ones.")),
    _assumption("shared_start_weeks", "2", _("Outsourced shared team: weeks to start"), _("weeks"),
                _("A shared team's agents and process exist already: it starts within days or weeks.")),
    _assumption("common_languages", "1", _("Languages without a premium"), _("languages"),
                _("How many of your languages providers staff at their usual rate (usually English or the local language); each further language costs extra.")),
    _assumption("severance_per_agent", "6000", _("Letting an agent go"), _("EUR once"),
                _("Notice pay and severance for one agent when support moves to a provider; check your labour law.")),
    _assumption("knowledge_transfer_weeks", "4", _("Weeks a provider learns from your team"), _("weeks"),
                _("When support moves to a provider, your team teaches its agents for this long, and you pay both.")),
    # Workforce planning (sources: ../shared/DESIGN.md, "Reference figures")
    _assumption("business_day_start", "9", _("Business hours: opening time"), _("o'clock"),
                _("The hour weekday business hours start; a hybrid's core team works business hours too.")),
    _assumption("business_day_end", "18", _("Business hours: closing time"), _("o'clock"),
                _("The hour weekday business hours end: 9 to 18 is 45 hours a week.")),
    _assumption("extended_day_start", "8", _("Extended hours: opening time"), _("o'clock"),
                _("The hour extended hours start, every day of the week.")),
    _assumption("extended_day_end", "22", _("Extended hours: closing time"), _("o'clock"),
                _("The hour extended hours end: 8 to 22 every day is 98 hours a week.")),
    _assumption("agent_hours_per_week", "40", _("Hours an agent works a week"), _("hours a week"),
                _("Paid hours of one full-time agent.")),
    _assumption("shift_hours", "9", _("Length of a shift"), _("hours"),
                _("From the start to the end of one shift: 8 paid hours and an unpaid hour of breaks, taken in turns so the hour stays covered. Covering each hour's need with real shifts takes 15-30% more agent-hours than the need itself (pyworkforce's worked example: 193 hours needed, 246 scheduled).")),
    _assumption("working_days_per_week", "5", _("Shifts an agent works a week"), _("days"),
                # xgettext:no-python-format
                _("Working days a week; the other days are days off. One desk staffed around the clock then takes 4.2 agents at work, about 6 people with 30% shrinkage.")),
    _assumption("shrinkage_percent", "30", _("Shrinkage"), _("%"),
                _("Share of paid time an agent is not available to customers: holidays, sickness, training, meetings. Published: 27% on average, 13-39% (OpsDog, 1,230 centres); about 20% at outsourcers (Knowlagent).")),
    _assumption("max_occupancy_percent", "85", _("Occupancy cap for calls and chats"), _("%"),
                # xgettext:no-python-format
                _("The most of their time agents on live channels may spend handling contacts; above it they burn out. Published: 80-88% for voice.")),
    _assumption("ticket_occupancy_percent", "85", _("Target occupancy for emails and tickets"), _("%"),
                _("Share of an agent's available time spent on emails and tickets. Published: 85-95%.")),
    _assumption("minimum_cover_agents", "1", _("Agents in every open hour, however quiet"), _("agents"),
                _("The fewest agents of each group (languages and channels they share) at work whenever support is open, for calls and chats or a watched ticket queue.")),
    _assumption("closed_retry_percent", "50", _("Calls and chats tried again after closing time"), _("%"),
                _("Of calls and chats that come while support is closed, the share that try again once it opens (spread over its next opening hours); the rest are lost. No published figure fits every business: measure your own.")),
    _assumption("peak_month_stable", "1", _("Busiest month, stable demand"), _("times the average month"),
                _("An own team is sized for the busiest month of the year: with stable demand, the average month.")),
    _assumption("peak_month_seasonal", "1.3", _("Busiest month, seasonal demand"), _("times the average month"),
                _("The busiest month against the average month when demand has predictable peaks (holidays, launches).")),
    _assumption("peak_month_spiky", "1.2", _("Busiest month, unpredictable spikes"), _("times the average month"),
                _("The busiest month against the average month when demand jumps after outages or news.")),
    _assumption("peak_month_short_term", "1", _("Busiest month, short-term project"), _("times the average month"),
                _("A short-term project is sized for its own volume.")),
    _assumption("agents_per_team_lead", "12", _("Agents per team lead"), _("agents"),
                _("One team lead for this many agents, for in-house and dedicated teams. Published: 8-12 (ICMI); 15 is typical at outsourcers, 17 in large centres.")),
    _assumption("chat_speedup_2", "1.7", _("Chat speed with two chats at once"), _("times"),
                _("How much faster an agent works with two chats open than with one (Koole: 3-4 chats at most).")),
    _assumption("chat_speedup_3", "2.5", _("Chat speed with three chats at once"), _("times"),
                _("How much faster an agent works with three chats open than with one.")),
    _assumption("ticket_watch_hours", "4", _("First-response target that needs a watched queue"), _("hours"),
                _("With a first-response target this short or shorter, someone must watch the ticket queue in every open hour.")),
    _assumption("hybrid_core_cover_percent", "80", _("Hybrid: share of the core's hours it covers in full"), _("%"),
                _("A hybrid's core team is sized so that this share of its hours need no help; in the busiest hours, calls and chats above that level go to the shared team, as do all contacts outside the core's business hours.")),
    _assumption("utilisation_floor_percent", "50", _("Utilisation below which a plan is called thin"), _("%"),
                _("When an own team's agents would spend less than this share of their productive time on contacts, the result says why and what would raise it.")),
    # Scoring
    _assumption("close_call_margin", "2", _("Close-call margin"), _("points"),
                _("When the two best options are this many points apart or less, the result says it is a close call and shows both.")),
    # xgettext:no-python-format
    _assumption("cost_points_at_10_percent", "1", _("Points lost for costing 10% more"), _("points"),
                _("An option that costs 10% more than the cheapest over three years gets this many points fewer; a larger premium loses more, growing ever slower.")),
    _assumption("cost_points_cap", "4", _("Points for the cheapest option"), _("points"),
                _("What the cheapest option over three years gets; the others get fewer as they cost more, never fewer than 0.")),
    _assumption("late_start_points", "3", _("Points off for starting too late"), _("points"),
                _("An option that takes longer to start than the manager can wait (a few weeks: 4 weeks; one to three months: 13 weeks) loses these points.")),
    _assumption("priority_weight", "2", _("Weight of what matters most to the manager"), _("times"),
                _("The points of the rules in a group the manager says matters most are multiplied by this.")),
]  # fmt: skip

#: Every assumption's default value, for figures an admin has deleted.
ASSUMPTION_DEFAULTS: dict[str, float] = {spec["slug"]: float(spec["value"]) for spec in ASSUMPTIONS}


def seed_defaults(apps: Any) -> int:
    """Create every default option, rule, assumption and demand profile that is missing; return
    how many.

    `apps` is a migration's app registry or `django.apps.apps`. Only fields the model has at
    that point are written, so an old data migration keeps working as the models grow.
    """
    option_model = apps.get_model("advisor", "Option")
    rule_model = apps.get_model("advisor", "Rule")
    assumption_model = apps.get_model("advisor", "Assumption")
    created = 0
    options = {}
    for spec in OPTIONS:
        fields = {**spec, "pros": "\n".join(spec["pros"]), "cons": "\n".join(spec["cons"])}
        options[spec["slug"]], new = _get_or_create(option_model, fields)
        created += new
    for spec in RULES:
        _obj, new = _get_or_create(rule_model, {**spec, "option": options[spec["option"]]})
        created += new
    for spec in ASSUMPTIONS:
        _obj, new = _get_or_create(assumption_model, spec)
        created += new
    created += _seed_profiles(apps)
    if created:
        # Tell running processes their cached rule set is stale.
        revision_model = apps.get_model("advisor", "Revision")
        revision_model.objects.update_or_create(pk=1, defaults={"stamp": uuid.uuid4().hex})
    return created


PROFILE_SOURCE = _(
    "A day's curve times a weekday factor, from published contact-centre volume patterns: "
    "Monday 1.2-1.4 times the average weekday, Friday 1.0-1.2, a weekend day 0.5-0.8 of a "
    "weekday, the busiest hour 2.5-4 times the quietest; gaming peaks 18:00-22:00 and at "
    "weekends."
)


def _seed_profiles(apps: Any) -> int:
    try:
        model = apps.get_model("advisor", "DemandProfile")
    except LookupError:  # an older migration's registry: profiles come with migration 0009
        return 0
    created = 0
    for industry, weights in DEFAULT_PROFILES.items():
        _obj, new = model.objects.get_or_create(
            industry=industry, defaults={"weights": list(weights), "source": PROFILE_SOURCE}
        )
        created += new
    return created


def _get_or_create(model: Any, fields: dict[str, Any]) -> tuple[Any, bool]:
    known = {f.name for f in model._meta.get_fields()}
    defaults = {name: value for name, value in fields.items() if name in known}
    return model.objects.get_or_create(slug=defaults.pop("slug"), defaults=defaults)
