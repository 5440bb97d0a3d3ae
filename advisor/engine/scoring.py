"""Score every support option against a manager's answers.

A rule reads: IF question OPERATOR value THEN option gets +/- points (or is excluded) BECAUSE
rationale. Rules and answers are plain data; nothing here touches Django or a database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

NUMBER_KINDS = frozenset({"integer", "number", "money"})

#: Operator codes accepted for each kind of question.
OPERATORS_BY_KIND: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(NUMBER_KINDS, ("lt", "lte", "gt", "gte", "between")),
    "choice": ("is", "is_not", "in"),
    "multichoice": ("includes", "excludes"),
    "boolean": ("is",),
}

#: What a manager may say matters most; each rule belongs to one of these groups, and the
#: manager's choice weighs its points.
PRIORITY_GROUPS = ("cost", "control", "quality", "speed", "flexibility")

VERDICT_CLEAR = "clear"
VERDICT_CLOSE = "close"
VERDICT_TIE = "tie"
VERDICT_NONE = "none"


_NUMBER_TYPES = (int, float)  # exact types: True and False are not numbers here


def _lt(answer: Any, value: Any) -> bool:
    return type(answer) in _NUMBER_TYPES and answer < value


def _lte(answer: Any, value: Any) -> bool:
    return type(answer) in _NUMBER_TYPES and answer <= value


def _gt(answer: Any, value: Any) -> bool:
    return type(answer) in _NUMBER_TYPES and answer > value


def _gte(answer: Any, value: Any) -> bool:
    return type(answer) in _NUMBER_TYPES and answer >= value


def _between(answer: Any, bounds: Sequence[float]) -> bool:
    return type(answer) in _NUMBER_TYPES and bounds[0] <= answer <= bounds[1]


def _is(answer: Any, value: Any) -> bool:
    return answer == value and type(answer) is type(value)


def _is_not(answer: Any, value: Any) -> bool:
    return isinstance(answer, str) and answer != value


def _in(answer: Any, values: Sequence[str]) -> bool:
    return isinstance(answer, str) and answer in values


def _includes(answer: Any, value: str) -> bool:
    return isinstance(answer, list | tuple | frozenset | set) and value in answer


def _excludes(answer: Any, value: str) -> bool:
    return isinstance(answer, list | tuple | frozenset | set) and value not in answer


_MATCHERS: dict[str, Callable[[Any, Any], bool]] = {
    "lt": _lt,
    "lte": _lte,
    "gt": _gt,
    "gte": _gte,
    "between": _between,
    "is": _is,
    "is_not": _is_not,
    "in": _in,
    "includes": _includes,
    "excludes": _excludes,
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One scoring rule, already parsed: `value` has the type its operator expects."""

    key: str
    question: str
    operator: str
    value: Any
    option: str
    points: float = 0
    exclude: bool = False
    #: Text, or the same text in several languages ({"en": ..., "ru": ...}); passed through.
    rationale: Any = ""
    #: The priority group (PRIORITY_GROUPS) whose weight scales the points.
    group: str = ""
    #: The operator's test, looked up once here rather than for every assessment.
    matches: Callable[[Any, Any], bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "matches", _MATCHERS[self.operator])

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _RULE_FIELDS}

    def fires(self, answers: Mapping[str, Any]) -> bool:
        answer = answers.get(self.question)
        return answer is not None and self.matches(answer, self.value)


_RULE_FIELDS = (
    "key",
    "question",
    "operator",
    "value",
    "option",
    "points",
    "exclude",
    "rationale",
    "group",
)


@dataclass(frozen=True, slots=True)
class FiredRule:
    """A rule that fired, with the answer that made it fire; reads like the rule itself.

    `weight` is the weight of the rule's priority group; the option got points x weight.
    """

    rule: Rule
    answer: Any
    weight: float = 1.0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rule, name)

    @property
    def weighted(self) -> float:
        return self.rule.points * self.weight

    def to_dict(self) -> dict[str, Any]:
        return {**self.rule.as_dict(), "answer": self.answer, "weight": self.weight}


@dataclass(slots=True)
class OptionScore:
    option: str
    points: float = 0
    normalised: int = 0
    excluded: bool = False
    exclusions: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class Result:
    """Scores ranked best first, every rule that fired, the winner and how firm it is."""

    scores: list[OptionScore]
    fired: list[FiredRule]
    winner: str | None
    runner_up: str | None
    margin: float
    verdict: str
    #: The weight of each priority group's points (1 unless the manager chose it).
    weights: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scores": [asdict(score) for score in self.scores],
            "fired": [fired.to_dict() for fired in self.fired],
            "winner": self.winner,
            "runner_up": self.runner_up,
            "margin": self.margin,
            "verdict": self.verdict,
            "weights": self.weights,
        }


def priority_weights(chosen: Iterable[str], weight: float) -> dict[str, float]:
    """Each group's weight: `weight` for the groups the manager chose, 1 for the others."""
    picked = set(chosen)
    return {group: weight if group in picked else 1.0 for group in PRIORITY_GROUPS}


def assess(
    answers: Mapping[str, Any],
    rules: Iterable[Rule],
    options: Sequence[str],
    *,
    close_margin: float = 2,
    weights: Mapping[str, float] | None = None,
    also: Iterable[FiredRule] = (),
    ties_by: Mapping[str, float] | None = None,
) -> Result:
    """Apply every rule to the answers and rank the options.

    A rule's points are multiplied by its priority group's weight in `weights` (1 when it has
    none). `also` holds reasons worked out elsewhere (what each option saves against the
    others), counted like fired rules. Options with the same points are ranked by `ties_by`
    (the cheaper first, say), then by their order in `options`, so the same input always
    gives the same result; the verdict still calls them a tie. Rules about an unknown option
    are ignored. Two options within `close_margin` points make a "close call".
    """
    weights = dict(weights or {})
    scores = {slug: OptionScore(slug) for slug in options}
    fired: list[FiredRule] = []
    # The hot loop of every assessment: plain attribute reads, nothing copied per rule.
    for rule in rules:
        answer = answers.get(rule.question)
        if answer is None or not rule.matches(answer, rule.value):
            continue
        score = scores.get(rule.option)
        if score is None:
            continue
        fired.append(FiredRule(rule, answer, weights.get(rule.group, 1.0)))
    fired.extend(also)
    for reason in fired:
        score = scores.get(reason.option)
        if score is None:
            continue
        if reason.exclude:
            score.excluded = True
            score.exclusions.append(reason.rationale)
        else:
            score.points += reason.weighted
    fired = [reason for reason in fired if reason.option in scores]
    ranked = _rank(scores.values(), options, ties_by or {})
    _normalise(ranked)
    result = _verdict(ranked, fired, close_margin)
    result.weights = weights
    return result


def _rank(
    scores: Iterable[OptionScore], options: Sequence[str], ties_by: Mapping[str, float]
) -> list[OptionScore]:
    position = {slug: index for index, slug in enumerate(options)}
    return sorted(
        scores,
        key=lambda s: (
            s.excluded,
            -round(s.points, _DIGITS),
            ties_by.get(s.option, 0),
            position[s.option],
        ),
    )


#: Points are compared to this many decimals: weights make fractions, and 0.1 + 0.2 is not 0.3.
_DIGITS = 6


def _normalise(ranked: list[OptionScore]) -> None:
    """Map points onto 0-100 with 50 for zero, so bars compare at a glance."""
    largest = max((abs(s.points) for s in ranked if not s.excluded), default=0)
    for score in ranked:
        if score.excluded:
            score.normalised = 0
        elif largest == 0:
            score.normalised = 50
        else:
            score.normalised = round(50 + 50 * score.points / largest)


def _verdict(ranked: list[OptionScore], fired: list[FiredRule], close_margin: float) -> Result:
    eligible = [s for s in ranked if not s.excluded]
    if not eligible:
        return Result(ranked, fired, None, None, 0, VERDICT_NONE)
    winner = eligible[0]
    if len(eligible) == 1:
        return Result(ranked, fired, winner.option, None, 0, VERDICT_CLEAR)
    runner_up = eligible[1]
    margin = round(winner.points - runner_up.points, _DIGITS)
    if margin == 0:
        verdict = VERDICT_TIE
    elif margin <= close_margin:
        verdict = VERDICT_CLOSE
    else:
        verdict = VERDICT_CLEAR
    return Result(ranked, fired, winner.option, runner_up.option, margin, verdict)
