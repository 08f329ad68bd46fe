"""A team's strategy registry: the built-in strategy files and the team's tried ideas.

Every command and page reads strategy ids through here, reading ones included:
`resolve` turns what a person typed into a registered id or refuses it with the
list of valid ones. A tried idea becomes a team strategy of the same shape as a
strategy file (`StrategySpec`), stored as JSON and validated by that model on the
way in and on the way out. Its fit is read from its sample script by the
critique's detectors: humor where a humor detector fires (P8), a lead where the
script leaves one (P7), someone you both know where it names one.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.critique import RuleSet, examine
from callworthy.errors import CallworthyError, DataFileError
from callworthy.services.caller import Caller
from callworthy.services.values import _Dumpable
from callworthy.storage import strategy_queries as sq
from callworthy.storage.engine import read_session
from callworthy.write import Registry, Relationship, default_registry
from callworthy.write.strategies import StrategySpec, strategy_from_spec

#: The rules whose detection in an idea's sample script says what the idea needs.
HUMOR_PREFIX = "humor."
LEAD_RULE = "offer.lead"
REFERRAL_RULE = "offer.mutual-contact"


@dataclass(frozen=True, slots=True)
class StrategyChoice(_Dumpable):
    """A strategy as a form lists it: its id, its plain-words name, what it is."""

    id: str
    name: str
    description: str
    proposable: bool
    team: bool
    """True for the team's own (a tried idea)."""


def registry_of(session: Session, team_id: int) -> Registry:
    """Return the team's registry: the built-ins, then its tried ideas."""
    team = []
    for sid, data in sq.team_strategies(session, team_id):
        try:
            spec = StrategySpec.model_validate(data)
        except ValidationError as exc:  # stored by an older version, or edited by hand
            raise DataFileError(
                f"team strategy {sid}", None, f"its stored fields are not valid ({exc}).",
                "Ask whoever maintains the database to fix or remove that strategy.",
            ) from exc  # fmt: skip
        team.append(strategy_from_spec(sid, spec))
    return default_registry().with_team(team)


def team_registry(engine: Engine, caller: Caller) -> Registry:
    """Return the caller's team's registry."""
    with read_session(engine) as session:
        return registry_of(session, caller.team_id)


def resolve(engine: Engine, caller: Caller, text: str, field: str | None = "strategy") -> str:
    """Return the registered id a typed strategy means; refuse one the team does not have."""
    return team_registry(engine, caller).resolve(text, field)


def choices(engine: Engine, caller: Caller) -> tuple[StrategyChoice, ...]:
    """Return every strategy of the team, as forms list them (proposable ones first)."""
    registry = team_registry(engine, caller)
    built_in = set(default_registry().ids())
    found = [
        StrategyChoice(s.id, s.name, s.description, s.proposable, s.id not in built_in)
        for s in registry.strategies
    ]
    return tuple(sorted(found, key=lambda c: (not c.proposable, c.team, c.name.lower())))


def idea_spec(title: str, script: str, rules: RuleSet | None, *, proposable: bool) -> StrategySpec:
    """Return the strategy a tried idea becomes, its needs read from its sample script."""
    fired: set[str] = set()
    if script.strip():
        try:
            _, detections = examine(script, rules=rules)
        except CallworthyError:  # a script too long to read: no needs can be read from it
            detections = ()
        fired = {d.rule for d in detections}
    humor = any(rule.startswith(HUMOR_PREFIX) for rule in fired)
    referral = REFERRAL_RULE in fired
    return StrategySpec(
        name=title,
        principle="P12",
        description=title,
        humor=humor,
        needs_lead=LEAD_RULE in fired,
        needs_referral=referral,
        relationships=[Relationship.REFERRED] if referral else list(Relationship),
        proposable=proposable,
        sample=script,
    )
