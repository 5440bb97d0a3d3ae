"""What a team must handle, from the answers: contacts per channel and hour, and agent groups.

The month's volume (times the demand pattern's peak-month factor) is spread over the week by
the industry's hourly profile. Calls and chats that arrive while support is closed are partly
tried again in the first open hours and otherwise lost; emails and tickets wait for the next
open hour. Languages split the contacts evenly; agents who speak several of them serve those
languages' customers together, and agents who work every channel serve all channels together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from advisor.engine.queueing import chat_speedup
from advisor.engine.requirement import GroupLoad
from advisor.engine.week import HOURS_PER_WEEK, hours_until_open, open_stretches, spread

LIVE_CHANNELS = ("chat", "phone")
CHANNELS = ("email", "chat", "phone")


@dataclass(frozen=True)
class Demand:
    """What staffing reads from the answers, with the volume split by channel."""

    volume_by_channel: dict[str, float]
    handling_seconds: dict[str, float]
    languages: int = 1
    languages_per_agent: int = 1
    channels_shared: bool = True
    coverage: str = "business_hours"
    demand_pattern: str = "stable"
    industry: str | None = None
    target_share: float = 0.8
    target_seconds: float = 20.0
    first_response_hours: float = 24.0
    patience_seconds: float | None = None
    chat_concurrency: int = 1
    existing_agents: int = 0

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any]) -> Demand:
        used = [c for c in CHANNELS if c in (answers.get("channels") or [])] or ["email"]
        weights = {c: float(answers.get(f"share_{c}_percent") or 0) for c in used}
        total = sum(weights.values())
        volume = float(answers.get("interactions_per_month") or 0)
        languages = max(1, int(answers.get("languages") or 1))
        speakers = max(1, int(answers.get("languages_per_agent") or 1))
        return cls(
            volume_by_channel={
                c: volume * (weights[c] / total if total else 1 / len(used)) for c in used
            },
            handling_seconds={c: 60 * float(answers.get(f"aht_{c}_minutes") or 1) for c in used},
            languages=languages,
            languages_per_agent=min(languages, speakers),
            channels_shared=answers.get("agent_channels", "all") != "one",
            coverage=str(answers.get("coverage") or "business_hours"),
            demand_pattern=str(answers.get("demand_pattern") or "stable"),
            industry=answers.get("industry"),
            target_share=float(answers.get("service_level_percent") or 80) / 100,
            target_seconds=float(answers.get("service_level_seconds") or 20),
            first_response_hours=float(answers.get("first_response_hours") or 24),
            patience_seconds=answers.get("patience_seconds"),
            chat_concurrency=int(answers.get("chat_concurrency") or 1),
            existing_agents=int(answers.get("existing_team_agents") or 0),
        )

    def key(self) -> tuple[Any, ...]:
        """Everything staffing reads, as one hashable value."""
        return tuple(
            tuple(sorted(value.items())) if isinstance(value, dict) else value
            for value in (getattr(self, f.name) for f in fields(self))
        )

    @property
    def volume(self) -> float:
        return sum(self.volume_by_channel.values())

    def handling(self, channel: str, speedups: Mapping[int, float]) -> float:
        """Seconds of an agent's time one contact takes (a chat shares it with others)."""
        if channel == "chat":
            return self.handling_seconds[channel] / chat_speedup(self.chat_concurrency, speedups)
        return self.handling_seconds[channel]

    def language_groups(self) -> Counter[int]:
        """How many groups speak how many languages: 5 languages, 2 each: {2: 2, 1: 1}."""
        full, rest = divmod(self.languages, self.languages_per_agent)
        groups = Counter({self.languages_per_agent: full})
        if rest:
            groups[rest] += 1
        return groups

    def channel_groups(self) -> list[tuple[str, ...]]:
        """The channels each kind of agent works: all together, or one each."""
        used = tuple(self.volume_by_channel)
        return [used] if self.channels_shared else [(channel,) for channel in used]


@dataclass(frozen=True)
class WeekOfContacts:
    """Each channel's contacts hour by hour over a week, as a team open then sees them."""

    #: Contacts handled in each hour: calls and chats moved out of closed hours, emails by arrival.
    arrivals: dict[str, tuple[float, ...]]
    #: Calls and chats a week that arrive while closed and are never tried again.
    lost_per_week: float
    #: Calls and chats a week tried again once support opens.
    retried_per_week: float


def week_of_contacts(
    demand: Demand,
    volume_factor: float,
    weights: Sequence[float],
    open_hours: Sequence[bool],
    retry_share: float,
) -> WeekOfContacts:
    """Contacts per channel and hour for `volume_factor` times the answers' monthly volume."""
    arrivals, lost, retried = {}, 0.0, 0.0
    for channel, volume in demand.volume_by_channel.items():
        hourly = spread(volume * volume_factor, weights)
        if channel in LIVE_CHANNELS:
            moved, channel_lost, channel_retried = _retry_when_open(hourly, open_hours, retry_share)
            arrivals[channel] = tuple(moved)
            lost, retried = lost + channel_lost, retried + channel_retried
        else:
            arrivals[channel] = tuple(hourly)
    return WeekOfContacts(arrivals, lost, retried)


def _retry_when_open(
    hourly: list[float], open_hours: Sequence[bool], retry_share: float
) -> tuple[list[float], float, float]:
    """Closed hours' calls and chats: `retry_share` of them come back when support opens.

    They come back over the next open stretch (the next day's opening hours) in proportion
    to its own contacts, as people who try again do it when it suits them, not all at 9:00.
    """
    moved = [a if o else 0.0 for a, o in zip(hourly, open_hours, strict=True)]
    closed = sum(hourly) - sum(moved)
    if not any(open_hours):
        return moved, closed, 0.0
    waits = hours_until_open(tuple(open_hours))
    coming_back: dict[int, float] = {}
    for h in range(HOURS_PER_WEEK):
        if not open_hours[h]:
            reopening = (h + waits[h]) % HOURS_PER_WEEK
            coming_back[reopening] = coming_back.get(reopening, 0.0) + hourly[h] * retry_share
    for first, length in open_stretches(tuple(open_hours)):
        hours = [(first + i) % HOURS_PER_WEEK for i in range(length)]
        own = sum(hourly[h] for h in hours)
        for h in hours:
            share = hourly[h] / own if own else 1 / length
            moved[h] += coming_back.get(first, 0.0) * share
    return moved, closed * (1 - retry_share), closed * retry_share


def group_load(
    demand: Demand,
    week: WeekOfContacts,
    *,
    channels: Sequence[str],
    share: float,
    speedups: Mapping[int, float],
    watch_hours: float,
) -> GroupLoad:
    """The contacts one group of agents takes: `share` of each of its channels."""
    live = [c for c in channels if c in LIVE_CHANNELS]
    live_arrivals = [0.0] * HOURS_PER_WEEK
    live_work = 0.0
    for channel in live:
        for h, a in enumerate(week.arrivals[channel]):
            live_arrivals[h] += a * share
        live_work += demand.handling(channel, speedups) * sum(week.arrivals[channel])
    total_live = sum(live_arrivals) / share if share else 0.0
    email = [0.0] * HOURS_PER_WEEK
    for channel in channels:
        if channel not in LIVE_CHANNELS:
            hours_each = share * demand.handling(channel, speedups) / 3600
            for h, a in enumerate(week.arrivals[channel]):
                email[h] += a * hours_each
    return GroupLoad(
        live_arrivals=tuple(live_arrivals),
        live_handling_seconds=live_work / total_live if total_live else 0.0,
        email_work=tuple(email),
        needs_cover=bool(live) or demand.first_response_hours <= watch_hours,
    )


def groups_of_agents(demand: Demand) -> Counter[tuple[int, tuple[str, ...]]]:
    """Each kind of agent group (languages spoken, channels worked) and how many there are."""
    return Counter(
        {
            (languages, channels): count
            for languages, count in demand.language_groups().items()
            for channels in demand.channel_groups()
        }
    )
