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
