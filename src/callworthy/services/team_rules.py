"""Team rules: a manager's own critique rules, stored as YAML text per team, and the team's rules.

Every rule goes through the same validating loader as the built-ins
(`load_rule_text`, errors with their line) and its own pass/fail examples must
behave before it is saved. A team rule with a built-in's id replaces the
built-in for that team.

`TeamRules` owns the compiled rules of each team and their invalidation: every
change bumps the team's rules version in the database (storage), and a team's
rules are compiled again only when the version read from the database differs
from the one they were compiled for. A change made by another process or
machine is therefore seen on the next request, with nothing to clear by hand.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.critique import RuleSet, default_rules, load_rules
from callworthy.critique.loader import RuleText, load_rule_text
from callworthy.critique.selftest import check_examples
from callworthy.errors import (
    RuleExampleError,
    RuleFileError,
    UnknownRecordError,
)
from callworthy.services.paging import Page, keyset
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.services.workspace import source_name
from callworthy.storage import team_rule_queries as trq
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import TeamRule, utc_now

if TYPE_CHECKING:
    from callworthy.services.caller import Caller

MAX_SOURCE_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class TeamRuleRecord(_Dumpable):
    """A stored team rule as the surfaces show it."""

    rule_id: str
    source: str
    updated_by: str
    updated_at: Timestamp
    replaces_builtin: bool
    problem: str | None = None
    """Why the loader now refuses this stored rule (it is left out of critiques), or None.

    A rule saved by an earlier version may use what team patterns may no longer (a
    look-around: they run in RE2 now)."""


@dataclass(frozen=True, slots=True)
class RuleInForce(_Dumpable):
    """A rule the caller's critiques run, with its own examples."""

    id: str
    kind: str
    level: str
    principle: str
    subscore: str
    message: str
    fix: str
    pass_examples: tuple[str, ...]
    fail_examples: tuple[str, ...]
    team: bool
    """True for one of the team's own rules (it may replace a built-in of the same id)."""


@dataclass(frozen=True, slots=True)
class RulesInForce(_Dumpable):
    """The rules the caller's critiques run (built-ins and the team's), and their version."""

    version: str
    rules: tuple[RuleInForce, ...]

    @property
    def team_rules(self) -> int:
        """Return how many of the rules are the team's own."""
        return sum(rule.team for rule in self.rules)


def _refusal(text: RuleText) -> str | None:
    """Return why the loader refuses one stored rule on its own, or None if it loads."""
    try:
        load_rule_text(text.rule_id, text.text, text.source)
    except RuleFileError as exc:
        return exc.message
    return None


def _record(row: TeamRule) -> TeamRuleRecord:
    builtin = {rule.id for rule in default_rules().rules}
    problem = _refusal(RuleText(row.rule_id, row.source, source_name(row.rule_id)))
    return TeamRuleRecord(
        row.rule_id, row.source, row.updated_by, row.updated_at, row.rule_id in builtin, problem
    )


def _unknown(rule_id: str) -> UnknownRecordError:
    return UnknownRecordError(f"Your team has no rule {rule_id!r}.", "Check the rule's id.")


def list_team_rules(engine: Engine, caller: Caller) -> list[TeamRuleRecord]:
    """Return the caller's team's own rules by id (every member may read them)."""
    with read_session(engine) as session:
        return [_record(row) for row in trq.team_rules(session, caller.team_id)]


def team_rule_page(
    engine: Engine, caller: Caller, *, cursor: str | None = None, limit: int | None = None
) -> Page[TeamRuleRecord]:
    """Return one page of the team's own rules, by id (the API's list)."""
    with read_session(engine) as session:
        rows = trq.team_rules(session, caller.team_id)
    shown, following = keyset(rows, _rule_key, cursor, limit, (str,))
    return Page(tuple(_record(row) for row in shown), following)


def _rule_key(row: TeamRule) -> tuple[str]:
    return (row.rule_id,)


def rules_in_force(engine: Engine, caller: Caller) -> RulesInForce:
    """Return the rules the caller's critiques run, each marked when it is the team's own."""
    rules = caller.rule_set()
    with read_session(engine) as session:
        own = {row.rule_id for row in trq.team_rules(session, caller.team_id)}
    return RulesInForce(
        rules.version,
        tuple(
            RuleInForce(
                r.id,
                r.kind,
                r.level.value,
                r.principle,
                r.subscore.value,
                r.message,
                r.fix,
                r.pass_examples,
                r.fail_examples,
                r.id in own,
            )
            for r in rules.rules
        ),
    )


def get_team_rule(engine: Engine, caller: Caller, rule_id: str) -> TeamRuleRecord:
    """Return one of the team's rules; UnknownRecordError if the team has none of that id."""
    with read_session(engine) as session:
        row = trq.team_rule(session, caller.team_id, rule_id)
        if row is None:
            raise _unknown(rule_id)
        return _record(row)


def _texts(session: Session, team_id: int) -> tuple[RuleText, ...]:
    return tuple(
        RuleText(row.rule_id, row.source, source_name(row.rule_id))
        for row in trq.team_rules(session, team_id)
    )


def team_rule_texts(engine: Engine, team_id: int) -> tuple[RuleText, ...]:
    """Return a team's rules as texts for the loader, by id."""
    with read_session(engine) as session:
        return _texts(session, team_id)


def _line_of_example(source: str, example: str) -> int | None:
    probe = example.strip()[:40]
    for number, line in enumerate(source.splitlines(), 1):
        if probe and probe in line:
            return number
    return None


def validate_team_rule(engine: Engine, caller: Caller, rule_id: str, source: str) -> RuleSet:
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
    others = [t for t in team_rule_texts(engine, caller.team_id) if t.rule_id != rule_id]
    rules = load_rules(extra=[*others, RuleText(rule_id, source, name)])
    for result in check_examples(rules, only=[rule_id]):
        if not result.ok:
            did = "fired on" if result.expected == "pass" else "stayed silent on"
            raise RuleExampleError(
                name,
                _line_of_example(source, result.text),
                f"the rule {did} its own {result.expected} example {result.text!r}.",
                "Fix the rule or the example so they agree.",
                field="source",
            )
    return rules


def save_team_rule(engine: Engine, caller: Caller, rule_id: str, source: str) -> TeamRuleRecord:
    """Validate and store (insert or replace) one of the team's rules; managers only."""
    caller.require_manager("change the team's rules")
    validate_team_rule(engine, caller, rule_id, source)

    def work(session: Session) -> TeamRuleRecord:
        row = trq.save_team_rule(session, caller.team_id, rule_id, source, caller.rep, utc_now())
        return _record(row)

    return run_write(engine, work)


def delete_team_rule(engine: Engine, caller: Caller, rule_id: str) -> None:
    """Delete one of the team's rules (a replaced built-in comes back); managers only."""
    caller.require_manager("change the team's rules")
    if not run_write(engine, lambda s: trq.delete_team_rule(s, caller.team_id, rule_id)):
        raise _unknown(rule_id)


def _loadable(texts: tuple[RuleText, ...]) -> RuleSet:
    """Return the built-ins with the team's rules, leaving out any the loader now refuses.

    A stored rule a later version refuses (a look-around, now that team patterns run
    in RE2) must not fail every keystroke nor take the team's other rules with it; the
    Rules page shows why it is left out.
    """
    if not texts:
        return default_rules()
    try:
        return load_rules(extra=texts)
    except RuleFileError:
        kept = [text for text in texts if _refusal(text) is None]
    try:
        return load_rules(extra=kept)
    except RuleFileError:  # e.g. an `unless` naming a rule left out: the built-ins alone
        return default_rules()


class TeamRules:
    """Each team's compiled RuleSet (built-ins + its own), kept for its rules version.

    One per process (the web app keeps one; a CLI command makes its own). Thread-safe.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_team: dict[int, tuple[int, RuleSet]] = {}

    def peek(self, team_id: int, version: int) -> RuleSet | None:
        """Return the team's rules when already compiled for this version, else None (no I/O)."""
        if version == 0:
            return default_rules()
        with self._lock:
            cached = self._by_team.get(team_id)
        return cached[1] if cached is not None and cached[0] == version else None

    def rule_set(self, engine: Engine, team_id: int, version: int | None = None) -> RuleSet:
        """Return the team's rules; `version` when the caller already read it, else one query."""
        if version is None:
            with read_session(engine) as session:
                version = trq.rules_version(session, team_id)
        if version == 0:  # the team never had rules of its own
            return default_rules()
        with self._lock:
            cached = self._by_team.get(team_id)
        if cached is not None and cached[0] == version:
            return cached[1]
        with read_session(engine) as session:
            version, texts = trq.rules_version(session, team_id), _texts(session, team_id)
        rules = _loadable(texts)
        with self._lock:
            self._by_team[team_id] = (version, rules)
        return rules

    def source(self, engine: Engine, team_id: int) -> Callable[[], RuleSet]:
        """Return a function that gives the team's current rules when asked (the CLI's)."""
        return lambda: self.rule_set(engine, team_id)
