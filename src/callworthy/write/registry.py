"""The strategy registry: every strategy id a team may use, and the one decision of fit.

One registry per team: the built-in strategy files plus the team's tried ideas
(strategies of the same shape, stored per team). Every id a person types, a CRM
file holds or a request sends is read through `Registry.resolve`, which also
reads the ids of earlier versions (`former_ids`, and dashes for underscores:
"idea-7" is idea_7) and refuses anything else with the list of valid ids.

`fit_problem` is the one function that decides whether a strategy fits a
prospect: the writer uses it before writing, and "what to try next" before
proposing, so the two never disagree (humor, P8; a lead, P7; someone you both
know and the relationship it needs, P1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from callworthy.errors import UnknownStrategyError
from callworthy.write.profile import Prospect, Relationship
from callworthy.write.strategies import Strategy, default_strategies

#: Why a strategy does not fit, in words a rep reads (pages show no principle codes).
HUMOR_OFF = "humor is off for this prospect: pick your shots"  # P8
NO_LEAD = "no lead to give them: a lead is never invented"  # P7
NO_REFERRAL = "no one you both know who suggested the call"  # P1 (a)


@dataclass(frozen=True, slots=True)
class Fit:
    """What the fit of a strategy depends on: what the rep truly knows about the prospect."""

    humor_ok: bool = False
    relationship: Relationship = Relationship.COLD
    has_lead: bool = False
    has_referral: bool = False

    @classmethod
    def of(cls, prospect: Prospect) -> Fit:
        """Return the fit facts of a writer's profile."""
        return cls(
            humor_ok=prospect.humor_ok,
            relationship=prospect.relationship,
            has_lead=prospect.lead is not None,
            has_referral=bool(prospect.referred_by),
        )


def fit_problem(strategy: Strategy, fit: Fit) -> str | None:
    """Return why a strategy does not fit this prospect, or None when it does."""
    if strategy.humor and not fit.humor_ok:
        return HUMOR_OFF
    if fit.relationship not in strategy.relationships:
        fits = ", ".join(r.value.replace("_", " ") for r in strategy.relationships)
        return f"fits {fits} prospects, not {fit.relationship.value.replace('_', ' ')}"
    if strategy.needs_lead and not fit.has_lead:
        return NO_LEAD
    if strategy.needs_referral and not fit.has_referral:
        return NO_REFERRAL
    return None


def id_key(text: str) -> str:
    """Return how a typed id is looked up: trimmed, lower case, dashes and spaces as _."""
    return "_".join((text or "").strip().lower().replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class Registry:
    """The strategies one team may use: the built-ins, then the team's tried ideas, by id."""

    strategies: tuple[Strategy, ...]
    _by_id: dict[str, Strategy] = field(init=False, repr=False, compare=False)
    _former: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = {s.id: s for s in self.strategies}
        if len(by_id) != len(self.strategies):
            seen = [s.id for s in self.strategies]
            twice = next(i for i in seen if seen.count(i) > 1)
            raise ValueError(f"strategy {twice!r} is registered twice")
        former = {old: s.id for s in self.strategies for old in s.former_ids}
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_former", former)

    def with_team(self, team: Iterable[Strategy]) -> Registry:
        """Return this registry with a team's own strategies added (built-ins win a clash)."""
        extra = tuple(s for s in team if s.id not in self._by_id)
        return Registry(self.strategies + extra) if extra else self

    def ids(self) -> tuple[str, ...]:
        """Return every id, built-ins first."""
        return tuple(s.id for s in self.strategies)

    def get(self, sid: str) -> Strategy | None:
        """Return the strategy with exactly this id, if registered."""
        return self._by_id.get(sid)

    def __contains__(self, sid: object) -> bool:
        return isinstance(sid, str) and sid in self._by_id

    def find(self, text: str) -> str | None:
        """Return the id a typed one means (former ids and dashes read), or None."""
        key = id_key(text)
        if key in self._by_id:
            return key
        return self._former.get(key)

    def resolve(self, text: str, field: str | None = "strategy") -> str:
        """Return the id a typed one means; refuse one that is not registered."""
        found = self.find(text)
        if found is None:
            shown = (text or "").strip()[:40]
            problem = f"{shown!r} is not one of your team's strategies."
            raise UnknownStrategyError(
                problem if shown else "No strategy given.",
                f"Use one of: {', '.join(self.ids())}.",
                field=field,
            )
        return found

    def resolve_all(self, texts: Iterable[str], field: str | None = "strategy") -> tuple[str, ...]:
        """Return the ids several typed ones mean, in order, without repeats."""
        return tuple(dict.fromkeys(self.resolve(t, field) for t in texts))

    @property
    def baseline(self) -> str:
        """Return the default baseline: the one marked `baseline`, else the first proposable."""
        marked = [s.id for s in self.strategies if s.baseline]
        if marked:
            return marked[0]
        return next(s.id for s in self.strategies if s.proposable)

    def proposable(self) -> tuple[Strategy, ...]:
        """Return the strategies that may be proposed (not those only logged: P3, P4)."""
        return tuple(s for s in self.strategies if s.proposable)

    def writable(self) -> tuple[Strategy, ...]:
        """Return the strategies the writer writes (proposable, with phrasings)."""
        return tuple(s for s in self.strategies if s.proposable and s.writable)

    def name_of(self, sid: str) -> str:
        """Return a strategy's plain-words name (its id when it is not registered)."""
        found = self._by_id.get(sid)
        return found.name if found else sid


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """Return the built-in registry (no team's ideas), loaded once on first use."""
    return Registry(default_strategies())
