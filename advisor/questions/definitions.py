"""Every question the advisor asks, defined once.

The wizard builds its forms from these definitions, rules pick their question from them, and
the review and result pages label and format answers with them. Derived questions are not
asked: the engine computes them from other answers (see `advisor.engine.answers`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from advisor.engine.scoring import PRIORITY_GROUPS
from advisor.engine.sensitivity import Dial

INTEGER, NUMBER, MONEY, CHOICE, MULTICHOICE, BOOLEAN = (
    "integer",
    "number",
    "money",
    "choice",
    "multichoice",
    "boolean",
)


@dataclass(frozen=True)
class Step:
    key: str
    title: Promise
    intro: Promise


@dataclass(frozen=True)
class Question:
    key: str
    step: str | None
    kind: str
    label: Promise
    help_text: Promise | str = ""
    #: Shown next to the input, e.g. "minutes".
    unit: Promise | str = ""
    #: How an answer reads, with the right plural: ngettext_lazy("%(value)s minute", ...,
    #: "count"), formatted with the number as `count` and its localised text as `value`.
    counted: Promise | None = None
    choices: tuple[tuple[str, Promise], ...] = ()
    default: Any = None
    required: bool = True
    min_value: float | None = None
    max_value: float | None = None
    #: Slug of the Assumption whose value prefills this question.
    assumption: str | None = None
    #: (question, value): the answer matters only when that answer is, or includes, value.
    applies_if: tuple[str, Any] | None = None

    @property
    def derived(self) -> bool:
        return self.step is None

    def applies(self, answers: dict[str, Any]) -> bool:
        if self.applies_if is None:
            return True
        key, value = self.applies_if
        answer = answers.get(key)
        return value in answer if isinstance(answer, list | tuple) else answer == value

    def choice_label(self, code: str) -> str:
        return str(dict(self.choices).get(code, code))


STEPS: tuple[Step, ...] = (
    Step("company", _("Company"), _("A few facts about your company and what you sell.")),
    Step("demand", _("Demand"), _("How much support your customers need, and how they ask.")),
    Step(
        "coverage",
        _("Coverage and service"),
        _("When support must be open and how fast customers must get an answer."),
    ),
    Step("priorities", _("Priorities"), _("What matters most to you in running support.")),
    Step(
        "costs",
        _("Costs"),
        _(
            "Optional. We filled in typical figures; change them if you know your own. "
            "They are used to compare what each option costs."
        ),
    ),
)

_INDUSTRIES = (
    ("consumer_goods", _("Consumer goods")),
    ("ecommerce", _("E-commerce or retail")),
    ("saas", _("SaaS or software")),
    ("fintech", _("Fintech or financial services")),
    ("gaming", _("Gaming")),
    ("other_it", _("Other IT or technology")),
    ("other", _("Other")),
)

_PRIORITY_LABELS = {
    "cost": _("Cost"),
    "control": _("Control over the process"),
    "quality": _("Product knowledge and quality"),
    "speed": _("Speed to start"),
    "flexibility": _("Flexibility to grow and shrink"),
}
#: The groups rules belong to, and the manager's priorities weigh (see engine.scoring).
PRIORITY_GROUP_CHOICES: tuple[tuple[str, Promise], ...] = tuple(
    (group, _PRIORITY_LABELS[group]) for group in PRIORITY_GROUPS
)

_SHARE_HELP = _("A rough share of all interactions; we scale the channels you use to 100%.")

_QUESTIONS: tuple[Question, ...] = (
    # Company
    Question(
        "industry",
        "company",
        CHOICE,
        _("Industry"),
        _("The industry closest to yours. Support habits differ between industries."),
        choices=_INDUSTRIES,
    ),
    Question(
        "product_type",
        "company",
        CHOICE,
        _("Product"),
        _("How much product knowledge an agent needs to answer a typical question."),
        choices=(
            ("standard", _("Standard or commodity: most questions are routine")),
            ("configurable", _("Configurable: some questions need product knowledge")),
            ("non_standard", _("Non-standard: most questions need deep product knowledge")),
        ),
    ),
    Question(
        "customers",
        "company",
        INTEGER,
        _("Number of customers"),
        _("Active customers who could contact support."),
        unit=_("customers"),
        counted=ngettext_lazy("%(value)s customer", "%(value)s customers", "count"),
        min_value=1,
        max_value=100_000_000,
    ),
    # Demand
    Question(
        "interactions_per_month",
        "demand",
        INTEGER,
        _("Support interactions per month"),
        _(
            "Emails, tickets, chats and calls together in an average month. Not sure? Leave it "
            "blank and we estimate it from your customers and the contact rate below."
        ),
        unit=_("interactions a month"),
        counted=ngettext_lazy(
            "%(value)s interaction a month", "%(value)s interactions a month", "count"
        ),
        required=False,
        min_value=0,
        max_value=50_000_000,
    ),
    Question(
        "contact_rate_percent",
        "demand",
        NUMBER,
        _("Monthly contact rate"),
        _(
            "Share of customers who contact support in a month (the incident rate); typically "
            "2 to 10%. Used only when the interactions above are blank."
        ),
        # xgettext:no-python-format
        unit=_("% of customers a month"),
        default=5,
        required=False,
        min_value=0.01,
        max_value=1000,
        applies_if=("interactions_estimated", True),
    ),
    Question(
        "demand_pattern",
        "demand",
        CHOICE,
        _("Demand pattern"),
        _("How the number of interactions changes over the year."),
        choices=(
            ("stable", _("Stable: about the same every month")),
            ("seasonal", _("Seasonal: predictable peaks such as holidays or launches")),
            ("spiky", _("Unpredictable spikes, for example after outages")),
            ("short_term", _("A short-term project of a few weeks or months")),
        ),
        default="stable",
    ),
    Question(
        "channels",
        "demand",
        MULTICHOICE,
        _("Channels"),
        _("Every channel your customers use to reach support."),
        choices=(
            ("email", _("Email or tickets")),
            ("chat", _("Chat")),
            ("phone", _("Phone")),
        ),
        default=("email",),
    ),
    Question(
        "aht_email_minutes",
        "demand",
        NUMBER,
        _("Handling time for an email or ticket"),
        _("Average working time an agent spends on one email or ticket, notes included."),
        unit=_("minutes"),
        counted=ngettext_lazy("%(value)s minute", "%(value)s minutes", "count"),
        default=8,
        min_value=0.5,
        required=False,
        max_value=480,
        applies_if=("channels", "email"),
    ),
    Question(
        "aht_chat_minutes",
        "demand",
        NUMBER,
        _("Handling time for a chat"),
        _("Average length of one chat conversation, follow-up work included."),
        unit=_("minutes"),
        counted=ngettext_lazy("%(value)s minute", "%(value)s minutes", "count"),
        default=10,
        min_value=0.5,
        required=False,
        max_value=480,
        applies_if=("channels", "chat"),
    ),
    Question(
        "aht_phone_minutes",
        "demand",
        NUMBER,
        _("Handling time for a call"),
        _("Average talk time plus after-call work for one call."),
        unit=_("minutes"),
        counted=ngettext_lazy("%(value)s minute", "%(value)s minutes", "count"),
        default=6,
        min_value=0.5,
        required=False,
        max_value=480,
        applies_if=("channels", "phone"),
    ),
    Question(
        "share_email_percent",
        "demand",
        NUMBER,
        _("Share of interactions by email or ticket"),
        _SHARE_HELP,
        unit=_("%"),
        default=50,
        required=False,
        min_value=0,
        max_value=100,
        applies_if=("channels", "email"),
    ),
    Question(
        "share_chat_percent",
        "demand",
        NUMBER,
        _("Share of interactions by chat"),
        _SHARE_HELP,
        unit=_("%"),
        default=30,
        required=False,
        min_value=0,
        max_value=100,
        applies_if=("channels", "chat"),
    ),
    Question(
        "share_phone_percent",
        "demand",
        NUMBER,
        _("Share of interactions by phone"),
        _SHARE_HELP,
        unit=_("%"),
        default=20,
        required=False,
        min_value=0,
        max_value=100,
        applies_if=("channels", "phone"),
    ),
    Question(
        "chat_concurrency",
        "demand",
        INTEGER,
        _("Chats an agent handles at once"),
        _(
            "Agents often keep two or three chats open. Two chats do not make an agent twice "
            "as fast: we count about 1.7 times with two and 2.5 times with three."
        ),
        unit=_("chats at once"),
        default=2,
        min_value=1,
        max_value=4,
        required=False,
        applies_if=("channels", "chat"),
    ),
    # Coverage and service
    Question(
        "coverage",
        "coverage",
        CHOICE,
        _("Hours to cover"),
        _("When customers must be able to reach a person."),
        choices=(
            ("business_hours", _("Business hours on weekdays (about 9:00-18:00, Mon-Fri)")),
            ("extended", _("Extended hours (about 8:00-22:00, seven days a week)")),
            ("24_7", _("24/7: around the clock, every day")),
        ),
        default="business_hours",
    ),
    Question(
        "languages",
        "coverage",
        INTEGER,
        _("Languages"),
        _("How many languages support must answer in. Customers want their own language."),
        unit=_("languages"),
        counted=ngettext_lazy("%(value)s language", "%(value)s languages", "count"),
        default=1,
        min_value=1,
        max_value=50,
    ),
    Question(
        "languages_per_agent",
        "coverage",
        INTEGER,
        _("Languages a typical agent speaks"),
        _(
            "Of the languages above. Agents who speak several of them answer those customers "
            "together, which takes fewer people than a team for each language."
        ),
        unit=_("languages"),
        counted=ngettext_lazy("%(value)s language", "%(value)s languages", "count"),
        default=1,
        min_value=1,
        max_value=50,
    ),
    Question(
        "agent_channels",
        "coverage",
        CHOICE,
        _("Channels an agent works"),
        _(
            "Agents who take calls, chats and emails alike fill quiet moments with emails; "
            "agents who keep to one channel need a team for each."
        ),
        choices=(
            ("all", _("Every agent works every channel")),
            ("one", _("Each agent keeps to one channel")),
        ),
        default="all",
    ),
    Question(
        "service_level_percent",
        "coverage",
        NUMBER,
        _("Service level for calls and chats: share answered in time"),
        # xgettext:no-python-format
        _("For example 80% of calls and chats answered within the time below."),
        unit=_("%"),
        default=80,
        min_value=50,
        max_value=99,
    ),
    Question(
        "service_level_seconds",
        "coverage",
        INTEGER,
        _("Service level for calls and chats: answer time"),
        _("How long a caller or chatter may wait before an agent answers."),
        unit=_("seconds"),
        counted=ngettext_lazy("%(value)s second", "%(value)s seconds", "count"),
        default=20,
        min_value=5,
        max_value=3600,
    ),
    Question(
        "first_response_hours",
        "coverage",
        NUMBER,
        _("First response to emails and tickets"),
        _("The longest a customer may wait for the first reply to an email or ticket."),
        unit=_("hours"),
        counted=ngettext_lazy("%(value)s hour", "%(value)s hours", "count"),
        default=24,
        min_value=0.25,
        max_value=168,
    ),
    Question(
        "patience_seconds",
        "coverage",
        INTEGER,
        _("How long callers and chatters wait before giving up"),
        _(
            "Their average patience, if you know it: we then count those who hang up "
            "(Erlang A). Leave it blank to assume nobody does (Erlang C)."
        ),
        unit=_("seconds"),
        counted=ngettext_lazy("%(value)s second", "%(value)s seconds", "count"),
        required=False,
        min_value=5,
        max_value=3600,
    ),
    # Priorities
    Question(
        "control_need",
        "priorities",
        CHOICE,
        _("Control over the support process"),
        _("How much you want to design and change the way support works yourself."),
        choices=(
            ("low", _("Low: a standard process run by the provider is fine")),
            ("medium", _("Medium: we set the rules, the team follows them")),
            ("high", _("High: we design and change the process and tools ourselves")),
        ),
        default="medium",
    ),
    Question(
        "data_sensitivity",
        "priorities",
        CHOICE,
        _("Data agents will see"),
        _("The most sensitive data an agent handles while helping a customer."),
        choices=(
            ("public", _("Public information only")),
            ("personal", _("Personal data of customers (names, contacts, orders)")),
            ("regulated", _("Regulated financial or health data")),
        ),
        default="personal",
    ),
    Question(
        "cost_preference",
        "priorities",
        CHOICE,
        _("How you prefer to pay"),
        _("A fixed monthly amount is easy to budget; paying per use follows your demand."),
        choices=(
            ("fixed", _("A predictable fixed monthly cost")),
            ("pay_per_use", _("Pay only for the work done")),
            ("no_preference", _("No preference")),
        ),
        default="no_preference",
    ),
    Question(
        "start_urgency",
        "priorities",
        CHOICE,
        _("When support must start"),
        _("Hiring and training an in-house team takes months; a provider can start sooner."),
        choices=(
            ("weeks", _("Within a few weeks")),
            ("months", _("Within one to three months")),
            ("flexible", _("No rush")),
        ),
        default="months",
    ),
    Question(
        "escalation_expertise",
        "priorities",
        CHOICE,
        _("Expertise needed for escalations"),
        _("Who must step in when a front-line agent cannot solve a problem."),
        choices=(
            ("basic", _("Little: most questions are solved at the first contact")),
            (
                "broad_technical",
                _("Broad technical expertise: network, servers, incident management"),
            ),
            ("deep_product", _("Deep knowledge of our own product")),
        ),
        default="basic",
    ),
    Question(
        "priorities",
        "priorities",
        MULTICHOICE,
        _("What matters most to you"),
        _(
            "Pick up to two, or none. The reasons about what you pick weigh more in the "
            "recommendation; the result shows by how much."
        ),
        choices=PRIORITY_GROUP_CHOICES,
        default=(),
        required=False,
    ),
    Question(
        "existing_team_agents",
        "priorities",
        INTEGER,
        _("Agents in your current support team"),
        _("People who already answer customers in your company; 0 if you have no team yet."),
        unit=_("agents"),
        counted=ngettext_lazy("%(value)s agent", "%(value)s agents", "count"),
        default=0,
        min_value=0,
        max_value=100_000,
    ),
    # Costs
    Question(
        "inhouse_agent_salary",
        "costs",
        MONEY,
        _("In-house agent: monthly salary"),
        _("Gross salary of one full-time agent a month, before employer taxes and charges."),
        unit=_("a month"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        assumption="inhouse_agent_salary",
    ),
    Question(
        "seat_overhead",
        "costs",
        MONEY,
        _("In-house desk"),
        _("Office rent, furniture and equipment for one desk a month."),
        unit=_("a month"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        assumption="seat_overhead",
    ),
    Question(
        "dedicated_agent_rate",
        "costs",
        MONEY,
        _("Outsourced dedicated team: monthly rate per agent"),
        _("What a provider charges for one full-time agent who works only for you."),
        unit=_("a month"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        assumption="dedicated_agent_rate",
    ),
    Question(
        "shared_hourly_rate",
        "costs",
        MONEY,
        _("Outsourced shared team: hourly rate"),
        _("What a provider charges per hour of work by its pooled agents."),
        unit=_("an hour"),
        required=False,
        min_value=0,
        max_value=100_000,
        assumption="shared_hourly_rate",
    ),
    # Derived: computed from other answers and the staffing and cost figures, never asked.
    Question("has_existing_team", None, BOOLEAN, _("Already has an in-house support team")),
    Question(
        "team_and_more_to_cover",
        None,
        BOOLEAN,
        _("Has a team, and evenings, nights, weekends or peaks to cover"),
    ),
    Question(
        "agents_needed",
        None,
        INTEGER,
        _("Agents an own team needs"),
        counted=ngettext_lazy("%(value)s agent", "%(value)s agents", "count"),
    ),
    Question(
        "cheapest_option",
        None,
        CHOICE,
        _("Cheapest option a month"),
        choices=(
            ("in_house", _("In-house team")),
            ("outsourced_dedicated", _("Outsourced dedicated team")),
            ("outsourced_shared", _("Outsourced shared team")),
            ("hybrid", _("Hybrid")),
        ),
    ),
    Question(
        "cost_saving_percent",
        None,
        NUMBER,
        _("Saving of the cheapest option over the dearest"),
        unit=_("%"),
    ),
)

QUESTIONS: dict[str, Question] = {q.key: q for q in _QUESTIONS}


#: Every question a manager is asked, as "what would change the recommendation" reads it.
SENSITIVITY_DIALS = tuple(
    Dial(
        key=q.key,
        kind=q.kind,
        minimum=q.min_value,
        maximum=q.max_value,
        choices=tuple(code for code, _label in q.choices),
        default=q.default,
        applies_if=q.applies_if,
        figure=q.assumption,
    )
    for q in QUESTIONS.values()
    if not q.derived
)


def step_questions(step: str) -> list[Question]:
    return [q for q in _QUESTIONS if q.step == step]


def rule_question_choices() -> list[tuple[str, str]]:
    """The questions a rule may test, for the Rule.question pick list."""
    return [(q.key, q.label) for q in _QUESTIONS]
