"""Team rules: a manager's own critique rules, stored as YAML text per team.

Every rule goes through the same validating loader as the built-ins
(`load_rule_text`, errors with their line) and its own pass/fail examples must
behave before it is saved. A team rule with a built-in's id replaces the
built-in for that team. `RuleSetCache` keeps each team's compiled RuleSet per
rules version, so a critique on every keystroke does not reload the rules.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, Engine, delete, select
from sqlalchemy.orm import Session

from callworthy.critique import RuleSet, default_rules, load_rules
from callworthy.critique.loader import RuleText
from callworthy.critique.selftest import check_examples
from callworthy.errors import (
    PermissionDeniedError,
    RuleExampleError,
    RuleFileError,
    UnknownRecordError,
)
from callworthy.services.accounts import Account
from callworthy.services.values import _Dumpable
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import TeamRule, utc_now

MAX_SOURCE_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class TeamRuleRecord(_Dumpable):
    """A stored team rule as the surfaces show it."""

    rule_id: str
    source: str
    updated_by: str
    updated_at: datetime
    replaces_builtin: bool


def source_name(rule_id: str) -> str:
    """Return the name errors give a team rule's text (in place of a file path)."""
    return f"team rule {rule_id}"


def _record(row: TeamRule) -> TeamRuleRecord:
    builtin = {rule.id for rule in default_rules().rules}
    return TeamRuleRecord(
        row.rule_id, row.source, row.updated_by, row.updated_at, row.rule_id in builtin
    )


def _require_manager(actor: Account) -> None:
    if not actor.is_manager:
        raise PermissionDeniedError(
            "Only a manager may change the team's rules.", "Ask your team's manager."
        )


def _rows(session: Session, team_id: int) -> list[TeamRule]:
    query = select(TeamRule).where(TeamRule.team_id == team_id).order_by(TeamRule.rule_id)
    return list(session.scalars(query))


def list_team_rules(engine: Engine, actor: Account) -> list[TeamRuleRecord]:
    """Return the actor's team's own rules by id (every member may read them)."""
    with read_session(engine) as session:
        return [_record(row) for row in _rows(session, actor.team_id)]


def get_team_rule(engine: Engine, actor: Account, rule_id: str) -> TeamRuleRecord:
    """Return one of the team's rules; UnknownRecordError if the team has none of that id."""
    with read_session(engine) as session:
        row = _find(session, actor.team_id, rule_id)
        if row is None:
            raise UnknownRecordError(
                f"Your team has no rule {rule_id!r}.", "See the Rules page for the team's rules."
            )
        return _record(row)


def _find(session: Session, team_id: int, rule_id: str) -> TeamRule | None:
    query = select(TeamRule).where(TeamRule.team_id == team_id, TeamRule.rule_id == rule_id)
    return session.scalars(query).first()


def team_rule_texts(engine: Engine, team_id: int) -> tuple[RuleText, ...]:
    """Return a team's rules as texts for the loader, by id."""
    with read_session(engine) as session:
        return tuple(
            RuleText(row.rule_id, row.source, source_name(row.rule_id))
            for row in _rows(session, team_id)
        )


def rules_version(texts: tuple[RuleText, ...]) -> str:
    """Return a digest that changes whenever any of the team's rule texts does."""
    digest = hashlib.sha256()
    for item in texts:
        digest.update(item.rule_id.encode() + b"\0" + item.text.encode() + b"\0")
    return digest.hexdigest()[:12]


def _line_of_example(source: str, example: str) -> int | None:
    probe = example.strip()[:40]
    for number, line in enumerate(source.splitlines(), 1):
        if probe and probe in line:
            return number
    return None


def validate_team_rule(engine: Engine, actor: Account, rule_id: str, source: str) -> RuleSet:
    """Load the rule with the team's others and run its own examples; return the new RuleSet.

    Raises RuleFileError (with the line) for a malformed rule and RuleExampleError
    for an example that does not behave as declared.
    """
    name = source_name(rule_id)
    if len(rule_id) > 200:
        raise RuleFileError(name[:60], None, "the rule id is too long.", "Keep it under 200.")
    if len(source) > MAX_SOURCE_CHARS:
        raise RuleFileError(
            name, None, f"the rule has {len(source):,} characters.", "Keep a rule short."
        )
    others = [t for t in team_rule_texts(engine, actor.team_id) if t.rule_id != rule_id]
    rules = load_rules(extra=[*others, RuleText(rule_id, source, name)])
    for result in check_examples(rules, only=[rule_id]):
        if not result.ok:
            did = "fired on" if result.expected == "pass" else "stayed silent on"
            raise RuleExampleError(
                name,
                _line_of_example(source, result.text),
                f"the rule {did} its own {result.expected} example {result.text!r}.",
                "Fix the rule or the example so they agree.",
            )
    return rules


def save_team_rule(engine: Engine, actor: Account, rule_id: str, source: str) -> TeamRuleRecord:
    """Validate and store (insert or replace) one of the team's rules; managers only."""
    _require_manager(actor)
    validate_team_rule(engine, actor, rule_id, source)

    def work(session: Session) -> TeamRuleRecord:
        row = _find(session, actor.team_id, rule_id)
        if row is None:
            row = TeamRule(team_id=actor.team_id, rule_id=rule_id)
            session.add(row)
        row.source = source
        row.updated_by = actor.name
        row.updated_at = utc_now()
        session.flush()
        return _record(row)

    return run_write(engine, work)


def delete_team_rule(engine: Engine, actor: Account, rule_id: str) -> None:
    """Delete one of the team's rules (a replaced built-in comes back); managers only."""
    _require_manager(actor)

    def work(session: Session) -> int:
        query = delete(TeamRule).where(
            TeamRule.team_id == actor.team_id, TeamRule.rule_id == rule_id
        )
        result: CursorResult[Any] = session.execute(query)  # type: ignore[assignment]
        return result.rowcount or 0

    if not run_write(engine, work):
        raise UnknownRecordError(
            f"Your team has no rule {rule_id!r}.", "See the Rules page for the team's rules."
        )


class RuleSetCache:
    """Each team's compiled RuleSet for its current rules version (built-ins + team rules)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_team: dict[int, tuple[str, RuleSet]] = {}

    def rules_for(self, engine: Engine, team_id: int) -> RuleSet:
        """Return the team's rules, loading them only when the team's rules changed."""
        texts = team_rule_texts(engine, team_id)
        if not texts:
            return default_rules()
        version = rules_version(texts)
        with self._lock:
            cached = self._by_team.get(team_id)
        if cached is not None and cached[0] == version:
            return cached[1]
        try:
            rules = load_rules(extra=texts)
        except RuleFileError:
            # A stored rule a later version of the loader refuses: critique with the
            # built-ins rather than fail every keystroke; the Rules page shows the error.
            rules = default_rules()
        with self._lock:
            self._by_team[team_id] = (version, rules)
        return rules
