"""What would change the recommendation: for each answer, the nearest values that change it.

Boundaries are found, not guessed. A number's candidate points are the thresholds of the rules
that test it (each one, and one step either side) and a ladder across the question's valid
range, densest near the answer; a small range (languages, chats at once) is tried point by
point. Between the last point where the winner is still the current one and the first where it
is not, a bisection on the question's own precision (whole units for integers and money, tenths
for other numbers) finds the exact edge: one step nearer keeps the current winner. Every point
runs the whole pipeline (staffing, costs, then scoring), so the figures rules read, such as
agents needed or the cheapest option, move with the answer as they would. A choice is tried
with each of its other answers.

Thresholds of rules are always found. Costs step with each whole agent, so the cheapest option
can flip in a window narrower than the ladder's spacing there; such a window can be missed, and
the change reported is then the nearest one found, still exact at its edge (see `boundaries`).

The work is bounded: `EVALUATIONS_PER_QUESTION` pipeline runs per question, `SECONDS` in all
(huge figures make each run slow); a boundary that would need more is left out rather than
guessed. Nothing here touches Django: results are codes and numbers that the result page
turns into sentences.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from advisor.engine.advice import advise
from advisor.engine.answers import derive
from advisor.engine.boundaries import BudgetSpentError, Change, NumberSearch
from advisor.engine.scoring import NUMBER_KINDS, Rule
from advisor.engine.staffing import PlanCache

EVALUATIONS_PER_QUESTION = 80
#: The most time the whole search may take: typical answers need 0.6-1 s (BENCHMARKS.md), a
#: busy server more, and it runs in the background.
SECONDS = 3.0


@dataclass(frozen=True)
class Dial:
    """A question as plain data: the values its answer can take."""

    key: str
    kind: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    default: Any = None
    #: (question, value): the answer matters only when that answer is, or includes, value.
    applies_if: tuple[str, Any] | None = None
    #: The figure (an assumption's slug) this answer replaces, such as a salary.
    figure: str | None = None

    def applies(self, answers: Mapping[str, Any]) -> bool:
        if self.applies_if is None:
            return True
        key, wanted = self.applies_if
        answer = answers.get(key)
        return wanted in answer if isinstance(answer, list | tuple) else answer == wanted


@dataclass
class Finding:
    """Numbers: the nearest change found `above` and `below` the answer. Choices: each other
    answer that changes the winner, in `alternatives`."""

    question: str
    kind: str
    value: Any
    above: Change | None = None
    below: Change | None = None
    alternatives: list[Change] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(self.above or self.below or self.alternatives)


@dataclass
class Sensitivity:
    winner: str | None
    findings: list[Finding]
    #: False when the time ran out before every answer was tried.
    complete: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def explore(
    answers: Mapping[str, Any],
    rules: Iterable[Rule],
    options: Sequence[str],
    figures: Mapping[str, float],
    dials: Iterable[Dial],
    *,
    profiles: Mapping[str, Sequence[float]] | None = None,
    close_margin: float = 2,
    budget: int = EVALUATIONS_PER_QUESTION,
    seconds: float | None = SECONDS,
) -> Sensitivity:
    """Find, for every answered question that applies, the answers that change the winner.

    `answers` are the manager's answers as `advise` takes them; `dials` describe every asked
    question (derived ones are never dials). A question left blank, or one that does not apply
    to these answers, is skipped. A question another answer brings into play (a channel's
    handling time when that channel is added) takes its default when it has no answer.

    Past `seconds` (huge figures make each run slow) the search stops and says so: `complete`
    is then False. Choices go first, as they need few runs.
    """
    pipeline = _Pipeline(
        answers, tuple(rules), options, figures, tuple(dials), close_margin, profiles or {}
    )
    current = pipeline.winner()
    pipeline.deadline = None if seconds is None else time.monotonic() + seconds
    found = {}
    for dial in sorted(pipeline.dials, key=lambda dial: dial.kind in NUMBER_KINDS):
        value = answers.get(dial.key)
        if dial.key not in pipeline.applying or value is None or value in ([], ""):
            continue
        if pipeline.out_of_time():
            break
        finding = _explore_one(dial, value, pipeline, current, budget)
        if finding.changes:
            found[dial.key] = finding
    findings = [found[dial.key] for dial in pipeline.dials if dial.key in found]
    return Sensitivity(current, findings, complete=not pipeline.timed_out)


@dataclass
class _Pipeline:
    """The whole advice for the answers with one answer changed; only the winner is kept."""

    answers: Mapping[str, Any]
    rules: tuple[Rule, ...]
    options: Sequence[str]
    figures: Mapping[str, float]
    dials: tuple[Dial, ...]
    close_margin: float
    profiles: Mapping[str, Sequence[float]]

    deadline: float | None = None
    timed_out: bool = False

    def __post_init__(self) -> None:
        self.plans = PlanCache(self.profiles)
        base = derive(self.answers)
        self.applying = {dial.key for dial in self.dials if dial.applies(base)}

    def out_of_time(self) -> bool:
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.timed_out = True
        return self.timed_out

    def winner(self, dial: Dial | None = None, answer: Any = None) -> str | None:
        variant = dict(self.answers)
        figures = self.figures
        if dial is not None:
            variant[dial.key] = answer
            if dial.figure:
                figures = {**figures, dial.figure: answer}
            self._fill_newly_asked(variant)
        advice = advise(
            variant,
            self.rules,
            self.options,
            figures,
            close_margin=self.close_margin,
            plans=self.plans,
        )
        return advice.result.winner

    def _fill_newly_asked(self, variant: dict[str, Any]) -> None:
        """Give a question the change brings into play its default when it has no answer."""
        derived = derive(variant)
        for dial in self.dials:
            newly = dial.key not in self.applying and dial.applies(derived)
            if newly and variant.get(dial.key) is None and dial.default is not None:
                variant[dial.key] = dial.default


def _explore_one(
    dial: Dial, value: Any, pipeline: _Pipeline, current: str | None, budget: int
) -> Finding:
    seen: dict[Any, str | None] = {}

    def winner_at(answer: Any) -> str | None:
        key = tuple(answer) if isinstance(answer, list) else answer
        if key not in seen:
            if len(seen) >= budget or pipeline.out_of_time():
                raise BudgetSpentError
            seen[key] = pipeline.winner(dial, answer)
        return seen[key]

    finding = Finding(dial.key, dial.kind, value)
    if dial.kind in NUMBER_KINDS:
        search = NumberSearch(
            key=dial.key,
            kind=dial.kind,
            bounds=(dial.minimum, dial.maximum),
            value=value,
            current=current,
            winner_at=winner_at,
            budget=budget,
        )
        finding.above = search.nearest(search.candidates_above(pipeline.rules))
        finding.below = search.nearest(search.candidates_below(pipeline.rules))
    else:
        for other in _other_answers(dial, value):
            try:
                found = winner_at(other)
            except BudgetSpentError:
                break
            if found != current:
                finding.alternatives.append(Change(other, found))
    return finding


def _other_answers(dial: Dial, value: Any) -> list[Any]:
    """Each other answer: another choice, one choice more or fewer, or the other yes/no."""
    if dial.kind == "boolean":
        return [not value]
    if dial.kind == "multichoice":
        chosen = set(value)
        toggled = (
            [code for code in dial.choices if (code in chosen) != (code == flip)]
            for flip in dial.choices
        )
        return [answer for answer in toggled if answer]
    return [code for code in dial.choices if code != value]
