"""Team rules: every change bumps the team's rules version, so every process sees it at once."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine

from callworthy.critique import default_rules
from callworthy.errors import PermissionDeniedError, RuleFileError, UnknownRecordError
from callworthy.services import prospects, team_rules, tracking
from callworthy.services.caller import Caller
from callworthy.services.database import identify
from callworthy.services.team_rules import TeamRules

SLOGAN = """kind: existence
principle: P3
level: warning
subscore: prospect_focus
message: "\\"{match}\\" is our slogan, not their business."
fix: "Cut the slogan."
tokens:
  - synergy solutions
examples:
  pass:
    - "Hi Sam, there are five ways to fill your chairs. 704-333-1112."
  fail:
    - "Hi Sam, Acme brings synergy solutions to you. 704-333-1112."
"""
SCRIPT = "Hi Sam, this is Kim, 704-333-1112. Acme brings synergy solutions to you. 704-333-1112."


def test_a_change_through_one_process_is_seen_by_another(db_engine: Engine, caller: Caller) -> None:
    here, there = TeamRules(), TeamRules()  # two workers (or machines) on one database
    assert there.rule_set(db_engine, caller.team_id) is default_rules()
    team_rules.save_team_rule(db_engine, caller, "acme.slogan", SLOGAN)
    seen = there.rule_set(db_engine, caller.team_id)
    assert seen.get("acme.slogan") is not None
    assert there.rule_set(db_engine, caller.team_id) is seen  # compiled once per version
    assert here.rule_set(db_engine, caller.team_id).get("acme.slogan") is not None
    team_rules.delete_team_rule(db_engine, caller, "acme.slogan")
    assert all(r.id != "acme.slogan" for r in there.rule_set(db_engine, caller.team_id).rules)


def test_the_clis_caller_critiques_with_the_teams_rules(db_engine: Engine, caller: Caller) -> None:
    team_rules.save_team_rule(db_engine, caller, "acme.slogan", SLOGAN)
    fresh = identify(db_engine, "bob")  # another command, another rep of the same team
    assert fresh.rule_set().get("acme.slogan") is not None
    pid = prospects.add_prospect(db_engine, fresh, "Sam").id
    logged = tracking.log_voicemail(db_engine, fresh, pid, "value_tip", SCRIPT)
    assert logged.rules_version == fresh.rule_set().version != default_rules().version


def test_only_managers_change_rules_and_errors_name_the_field(
    db_engine: Engine, caller: Caller
) -> None:
    rep = replace(caller, role="rep")
    with pytest.raises(PermissionDeniedError):
        team_rules.save_team_rule(db_engine, rep, "acme.slogan", SLOGAN)
    with pytest.raises(UnknownRecordError):
        team_rules.delete_team_rule(db_engine, caller, "acme.nothing")
    with pytest.raises(RuleFileError) as caught:
        team_rules.save_team_rule(db_engine, caller, "acme.bad", SLOGAN.replace("warning", "loud"))
    assert caught.value.field == "level" and caught.value.line == 3


def test_a_stored_rule_the_loader_now_refuses_is_left_out_alone_and_shown(
    db_engine: Engine, caller: Caller
) -> None:
    from callworthy.storage import team_rule_queries as trq
    from callworthy.storage.engine import run_write
    from callworthy.storage.tables import utc_now

    team_rules.save_team_rule(db_engine, caller, "acme.slogan", SLOGAN)
    # Saved by an earlier version, before team patterns ran in RE2: a look-ahead.
    old = SLOGAN.replace("tokens:\n  - synergy solutions", "patterns:\n  - 'synergy(?= solutions)'")
    run_write(
        db_engine,
        lambda s: trq.save_team_rule(s, caller.team_id, "acme.old", old, "Mia", utc_now()),
    )
    rules = TeamRules().rule_set(db_engine, caller.team_id)
    ids = {rule.id for rule in rules.rules}
    assert "acme.slogan" in ids and "acme.old" not in ids and len(ids) > 2
    listed = {r.rule_id: r.problem for r in team_rules.list_team_rules(db_engine, caller)}
    assert listed["acme.slogan"] is None
    assert listed["acme.old"] is not None and "look-ahead" in listed["acme.old"]
