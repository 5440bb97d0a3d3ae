"""The default options, rules and assumptions, encoding the source material in DESIGN.md.

Seeding is idempotent and keyed on slugs: a row an admin already has (edited or not) is never
touched, and running it twice changes nothing. Texts are marked for translation.
"""

from __future__ import annotations

import uuid
from typing import Any

# `_` only marks texts for translation: they are stored in the database and translated on display.
from django.utils.translation import gettext_noop as _

from .engine import scoring
from .engine.costs import DEDICATED, HYBRID, IN_HOUSE, SHARED
from .engine.profiles import DEFAULT_PROFILES
from .questions import QUESTIONS
from .rule_values import parse_rule_value

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
_CHEAPEST = _(
    "The cheapest of the four options a month for your volume, hours and rates (see Team and cost)."
)
_IT_OUTSOURCE = _(
    "SaaS, software, fintech, gaming and other IT companies tend to outsource support."
)

# (slug, question, operator, value, option, points or None to exclude, rationale)
_RULES: list[tuple[str, str, str, str, str, int | None, str]] = [
    # Volume
    ("low-volume-shared", "interactions_per_month", "lte", "100", SHARED, 3,
     _("Up to about 100 interactions a month suit a shared team: you pay only for the work done.")),
    ("low-volume-dedicated", "interactions_per_month", "lte", "100", DEDICATED, -3,
     _("At up to about 100 interactions a month a dedicated agent would sit idle most of the time.")),
    ("low-volume-in-house", "interactions_per_month", "lte", "100", IN_HOUSE, -2,
     _("At up to about 100 interactions a month salaried agents cost far more than the work they do.")),
    ("high-volume-dedicated", "interactions_per_month", "gte", "2000", DEDICATED, 3,
     _("High volume keeps dedicated agents busy; they focus on one client and handle any number of interactions.")),
    ("high-volume-shared", "interactions_per_month", "gte", "2000", SHARED, -2,
     _("Shared agents work on several projects at once and can handle only a limited number of your interactions.")),
    # Demand pattern
    ("seasonal-shared", "demand_pattern", "is", "seasonal", SHARED, 2,
     _("Seasonal demand suits a shared team that grows for the peak and shrinks after it.")),
    ("spiky-shared", "demand_pattern", "is", "spiky", SHARED, 2,
     _("A shared pool absorbs sudden spikes that a fixed team cannot.")),
    ("short-term-shared", "demand_pattern", "is", "short_term", SHARED, 3,
     _("Short-term projects are what shared teams are for: no hiring and no long contract.")),
    ("short-term-in-house", "demand_pattern", "is", "short_term", IN_HOUSE, None,
     _("Hiring and onboarding an in-house team takes longer than a short-term project lasts.")),
    ("short-term-dedicated", "demand_pattern", "is", "short_term", DEDICATED, -2,
     _("A dedicated team is built for lasting work; setting one up for a short project rarely pays.")),
    ("stable-dedicated", "demand_pattern", "is", "stable", DEDICATED, 2,
     _("Stable demand keeps a fixed-size dedicated team busy at a predictable cost.")),
    ("stable-in-house", "demand_pattern", "is", "stable", IN_HOUSE, 1,
     _("Stable demand lets an in-house team be sized once and kept busy.")),
    ("fluctuating-dedicated", "demand_pattern", "in", _FLUCTUATING, DEDICATED, -1,
     _("A dedicated team scales only by adding or removing agents, which is slow for changing demand.")),
    ("fluctuating-in-house", "demand_pattern", "in", _FLUCTUATING, IN_HOUSE, -2,
     _("An in-house team is hard to grow or shrink with changing demand.")),
    ("fluctuating-hybrid", "demand_pattern", "in", _FLUCTUATING, HYBRID, 2,
     _("A core team for the base load plus a shared team for the peaks fits changing demand.")),
    # Existing team
    ("existing-team-hybrid", "has_existing_team", "is", "yes", HYBRID, 3,
     _("You already have a team: keep it as the core and add a shared team for overflow, nights and weekends.")),
    ("existing-team-in-house", "has_existing_team", "is", "yes", IN_HOUSE, 1,
     _("Your existing team already knows your product and your customers.")),
    # Coverage
    ("round-the-clock-dedicated", "coverage", "is", "24_7", DEDICATED, 3,
     _("Round-the-clock coverage suits a dedicated team that plans full shifts for you.")),
    ("round-the-clock-in-house", "coverage", "is", "24_7", IN_HOUSE, -2,
     _("24/7 in-house needs extra agents for night shifts, which makes the most expensive option more so.")),
    ("round-the-clock-hybrid", "coverage", "is", "24_7", HYBRID, 2,
     _("A core team in business hours plus a shared team for nights and weekends covers 24/7 without staffing quiet night shifts.")),
    ("extended-hours-hybrid", "coverage", "is", "extended", HYBRID, 1,
     _("Evenings and weekends can go to a shared team while your core team works business hours.")),
    ("full-day-dedicated", "coverage", "in", "business_hours, extended", DEDICATED, 1,
     _("A full business day keeps a dedicated team fully occupied.")),
    # How to pay
    ("fixed-cost-dedicated", "cost_preference", "is", "fixed", DEDICATED, 2,
     _("A dedicated team costs a fixed monthly fee per agent: the most predictable payment.")),
    ("fixed-cost-in-house", "cost_preference", "is", "fixed", IN_HOUSE, 1,
     _("Salaries are a fixed monthly cost too.")),
    ("pay-per-use-shared", "cost_preference", "is", "pay_per_use", SHARED, 3,
     _("A shared team bills per hour or per interaction, so you pay only for what you use.")),
    # Control
    ("high-control-dedicated", "control_need", "is", "high", DEDICATED, 2,
     _("With a dedicated team you manage and change the process yourself, with your own tools.")),
    ("high-control-in-house", "control_need", "is", "high", IN_HOUSE, 2,
     _("An in-house team gives the most control over how you talk to customers.")),
    ("high-control-shared", "control_need", "is", "high", SHARED, -3,
     _("In a shared team the provider controls the process, which follows its standard (ITIL) practice.")),
    ("low-control-shared", "control_need", "is", "low", SHARED, 1,
     _("A standard process run by the provider is fine for you, and that is how shared teams work.")),
    # Escalations
    ("broad-expertise-shared", "escalation_expertise", "is", "broad_technical", SHARED, 2,
     _("Shared teams escalate to the provider's pooled experts: network, server and incident-management groups.")),
    ("broad-expertise-dedicated", "escalation_expertise", "is", "broad_technical", DEDICATED, -1,
     _("A dedicated team gets no help from outside its own group when a problem needs broad technical expertise.")),
    ("deep-product-in-house", "escalation_expertise", "is", "deep_product", IN_HOUSE, 2,
     _("Your own employees have the best product knowledge for hard escalations.")),
    ("deep-product-dedicated", "escalation_expertise", "is", "deep_product", DEDICATED, 1,
     _("Dedicated agents work on your product only and learn it over time.")),
    ("deep-product-shared", "escalation_expertise", "is", "deep_product", SHARED, -2,
     _("Shared agents split across many clients rarely learn one product deeply.")),
    # Product
    ("non-standard-in-house", "product_type", "is", "non_standard", IN_HOUSE, 3,
     _("Non-standard products need extra attention and deep knowledge: in-house support is best for them.")),
    ("non-standard-shared", "product_type", "is", "non_standard", SHARED, -2,
     _("A shared team's standard process fits a non-standard product poorly.")),
    ("standard-shared", "product_type", "is", "standard", SHARED, 1,
     _("Routine questions about a standard product are easy to hand over to a provider.")),
    ("standard-dedicated", "product_type", "is", "standard", DEDICATED, 1,
     _("A provider's dedicated team learns a standard product quickly and costs less than hiring.")),
    ("standard-in-house", "product_type", "is", "standard", IN_HOUSE, -1,
     _("A standard product does not need the deep knowledge that justifies the cost of in-house support.")),
    # Industry
    ("consumer-goods-in-house", "industry", "is", "consumer_goods", IN_HOUSE, 2,
     _("Consumer-goods makers tend to keep support in-house, close to the product.")),
    ("it-industry-dedicated", "industry", "in", _IT, DEDICATED, 1, _IT_OUTSOURCE),
    ("it-industry-shared", "industry", "in", _IT, SHARED, 1, _IT_OUTSOURCE),
    # Start
    ("fast-start-in-house", "start_urgency", "is", "weeks", IN_HOUSE, -3,
     _("Hiring and onboarding an in-house team takes months; a provider starts far sooner.")),
    ("fast-start-shared", "start_urgency", "is", "weeks", SHARED, 2,
     _("A shared team can start within days: the provider's agents and process already exist.")),
    ("fast-start-dedicated", "start_urgency", "is", "weeks", DEDICATED, 1,
     _("A provider staffs a dedicated team faster than you can hire, without hiring and onboarding bureaucracy.")),
    # Data
    ("regulated-data-in-house", "data_sensitivity", "is", "regulated", IN_HOUSE, 2,
     _("Regulated data is safest with your own staff under your own controls.")),
    ("regulated-data-shared", "data_sensitivity", "is", "regulated", SHARED, -2,
     _("Regulated data in a pooled team raises the risk of a breach; if you outsource, choose a provider that invests in security and passes yearly audits.")),
    ("regulated-data-dedicated", "data_sensitivity", "is", "regulated", DEDICATED, -1,
     _("Outsourcing regulated data carries a data-security risk: choose a provider that passes yearly security audits.")),
    # Languages
    ("many-languages-shared", "languages", "gte", "3", SHARED, 2,
     _("Customers want their own language, and providers already employ agents for many languages.")),
    ("many-languages-dedicated", "languages", "gte", "3", DEDICATED, 1,
     _("A provider can staff a dedicated team in several languages faster than you can hire.")),
    ("many-languages-in-house", "languages", "gte", "3", IN_HOUSE, -2,
     _("Hiring in-house agents for every language is slow and expensive.")),
    # Team size and cost, worked out from the answers (see "Team and cost" on the result page)
    ("cheapest-in-house", "cheapest_option", "is", IN_HOUSE, IN_HOUSE, 2, _CHEAPEST),
    ("cheapest-dedicated", "cheapest_option", "is", DEDICATED, DEDICATED, 2, _CHEAPEST),
    ("cheapest-shared", "cheapest_option", "is", SHARED, SHARED, 2, _CHEAPEST),
    ("cheapest-hybrid", "cheapest_option", "is", HYBRID, HYBRID, 2, _CHEAPEST),
    ("tiny-team-shared", "agents_needed", "lte", "2", SHARED, 1,
     _("Your whole need is one or two agents: too few to cover holidays, sickness and every open hour alone, which a shared pool does.")),
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
        "order": 10 * position,
    }
    for position, (slug, question, operator, value, option, points, rationale) in enumerate(
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
        )
        for spec in (RULES if specs is None else specs)
    ]


#: The options' slugs in their display order.
OPTION_ORDER = [spec["slug"] for spec in OPTIONS]


def _assumption(slug: str, value: str, name: str, unit: str, help_text: str) -> dict[str, Any]:
    return {"slug": slug, "value": value, "name": name, "unit": unit, "help_text": help_text}


ASSUMPTIONS: list[dict[str, Any]] = [
    # Rates and salaries (the wizard's cost step can override the first four per assessment)
    _assumption("inhouse_agent_salary", "3200", _("In-house agent: loaded monthly salary"), _("EUR a month"),
                _("Salary plus employer taxes and benefits for one full-time agent.")),
    _assumption("seat_overhead", "700", _("In-house overhead per seat"), _("EUR a month"),
                _("Office rent, equipment and software licences for one person's seat.")),
    _assumption("dedicated_agent_rate", "2600", _("Outsourced dedicated team: monthly rate per agent"), _("EUR a month"),
                _("A provider's fee for one full-time agent who works only for you.")),
    _assumption("shared_hourly_rate", "40", _("Outsourced shared team: hourly rate"), _("EUR an hour"),
                _("A provider's fee per hour of work by its pooled agents (hours of work, not seats).")),
    _assumption("inhouse_lead_salary", "4200", _("In-house team lead: loaded monthly salary"), _("EUR a month"),
                _("Salary plus employer taxes and benefits for one team lead.")),
    _assumption("hiring_cost_per_person", "4000", _("In-house hiring and training per person"), _("EUR once"),
                _("Recruiting, onboarding and training one new person; spread over the first year.")),
    _assumption("dedicated_lead_rate", "3400", _("Outsourced dedicated team: monthly rate per team lead"), _("EUR a month"),
                _("A provider's fee for one team lead of your dedicated team.")),
    _assumption("dedicated_setup_fee", "5000", _("Outsourced dedicated team: set-up fee"), _("EUR once"),
                _("A provider's one-off fee to set up a dedicated team; spread over the first year.")),
    _assumption("shared_price_per_interaction", "0", _("Outsourced shared team: price per interaction"), _("EUR"),
                _("Set above 0 when providers bill per interaction instead of per hour.")),
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
