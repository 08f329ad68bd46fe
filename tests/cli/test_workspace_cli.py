"""One database and one team by default: the CLI acts as the web app's team and its reps.

Through the real command: the default database is the file in the data folder
(XDG_DATA_HOME points it into the test's folder), shared with the web app.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from callworthy.cli import main
from callworthy.errors import RepChoiceError, TeamChoiceError, UnknownRepError, UnknownTeamError
from callworthy.services import accounts, prospects, team_rules
from callworthy.services.caller import caller_for
from callworthy.services.database import identify, open_database

EXE = str(Path(sys.executable).with_name("callworthy"))
PASSWORD = "correct horse battery staple"
SLOGAN = """kind: existence
principle: P10
level: warning
subscore: differentiation
message: "\\"{match}\\" is our slogan, not a reason to call back."
fix: Say what they gain instead.
tokens: [rock solid]
examples:
  pass: ["Hi Lou, three carriers cut fuel surcharges. 704-333-1112."]
  fail: ["Hi Lou, we are rock solid. 704-333-1112."]
"""
SCRIPT = "Hi Lou, Ana at 704-333-1112. We are rock solid; call me at 704-333-1112."


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the default database into the test's folder; return that database file."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("CALLWORTHY_DATABASE_URL", raising=False)
    monkeypatch.delenv("CALLWORTHY_REP", raising=False)
    monkeypatch.delenv("CALLWORTHY_TEAM", raising=False)
    monkeypatch.setenv("USER", "solo")
    monkeypatch.setenv("LOGNAME", "solo")
    return tmp_path / "data" / "callworthy" / "callworthy.sqlite3"


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def web_set_up(database: Path, team: str = "Acme", name: str = "Mia Manager") -> None:
    """Do what the web app's first visit does: the team and its manager."""
    engine = open_database(str(database))
    accounts.set_up(engine, team, name, "mia@example.com", PASSWORD)
    engine.dispose()


def counts(database: Path) -> tuple[int, int]:
    with sqlite3.connect(database) as db:
        teams = db.execute("SELECT count(*) FROM team").fetchone()[0]
        reps = db.execute("SELECT count(*) FROM rep").fetchone()[0]
    return teams, reps


def test_a_solo_reps_first_command_makes_the_team_and_the_web_set_up_adopts_it(
    home: Path,
) -> None:
    ok(cli("prospect", "add", "Jane Doe", "--phone", "704-333-1112"))
    assert counts(home) == (1, 1)
    web_set_up(home)
    engine = open_database(str(home))
    manager = caller_for(accounts.authenticate(engine, "mia@example.com", PASSWORD))
    assert manager.team == "Acme"
    assert [p.name for p in prospects.list_prospects(engine, manager)] == ["Jane Doe"]
    engine.dispose()
    listed = json.loads(ok(cli("prospect", "list", "--format", "json")).output)
    assert [p["name"] for p in listed] == ["Jane Doe"]  # the same team, still one team
    assert counts(home) == (1, 2)


def test_after_the_web_set_up_the_cli_acts_as_its_only_rep(home: Path) -> None:
    web_set_up(home)
    added = json.loads(ok(cli("prospect", "add", "Jane Doe", "--format", "json")).output)
    assert added["owner"] == "Mia Manager"
    assert counts(home) == (1, 1)  # no "default" team, no rep made up for the login name
    by_email = ok(cli("prospect", "add", "Joe Roe", "--rep", "MIA@example.com", "--format", "json"))
    assert json.loads(by_email.output)["owner"] == "Mia Manager"


def test_an_unknown_rep_is_an_error_listing_the_teams_reps(home: Path) -> None:
    web_set_up(home)
    result = cli("prospect", "add", "Jane Doe", "--rep", "Bob")
    assert result.exit_code == UnknownRepError.exit_code == 45
    assert "The team Acme has no rep 'Bob'; its reps: Mia Manager." in result.output
    assert "--rep NAME" in result.output
    assert counts(home) == (1, 1)  # nothing made up, nothing stored
    assert json.loads(ok(cli("prospect", "list", "--format", "json")).output) == []


def test_several_reps_and_no_name_asks_which(home: Path) -> None:
    web_set_up(home)
    engine = open_database(str(home))
    manager = caller_for(accounts.authenticate(engine, "mia@example.com", PASSWORD))
    accounts.add_account(engine, manager, "Rob Rep", "rob@example.com", PASSWORD)
    engine.dispose()
    result = cli("prospect", "list")
    assert result.exit_code == RepChoiceError.exit_code == 10
    assert "The team Acme has 2 reps: Mia Manager, Rob Rep." in result.output
    env = {**os.environ, "CALLWORTHY_REP": "rob rep"}  # the variable, any case
    done = subprocess.run([EXE, "prospect", "list"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_several_teams_need_a_team_named(home: Path) -> None:
    web_set_up(home)
    engine = open_database(str(home))
    identify(engine, "carl", team="Beta")  # a second team, made through the library
    engine.dispose()
    result = cli("prospect", "list")
    assert result.exit_code == TeamChoiceError.exit_code == 10
    assert "This database holds 2 teams: Acme, Beta." in result.output
    assert "--team NAME" in result.output
    ok(cli("prospect", "add", "Beta Prospect", "--team", "beta"))
    env = {**os.environ, "CALLWORTHY_TEAM": "Beta"}
    done = subprocess.run(
        [EXE, "prospect", "list", "--format", "json"], env=env, capture_output=True, text=True
    )
    assert [p["name"] for p in json.loads(done.stdout)] == ["Beta Prospect"]
    unknown = cli("prospect", "list", "--team", "Gamma")
    assert unknown.exit_code == UnknownTeamError.exit_code == 45
    assert "This database has no team 'Gamma'; its teams: Acme, Beta." in unknown.output
    assert counts(home) == (2, 2)


def test_check_uses_the_teams_stored_rules_from_the_default_database(home: Path) -> None:
    before = json.loads(ok(cli("check", SCRIPT, "--format", "json")).stdout)
    assert "acme.slogan" not in {f["rule"] for f in before["findings"]}
    assert not home.exists()  # a check makes no database
    web_set_up(home)
    engine = open_database(str(home))
    manager = caller_for(accounts.authenticate(engine, "mia@example.com", PASSWORD))
    team_rules.save_team_rule(engine, manager, "acme.slogan", SLOGAN)
    engine.dispose()
    done = subprocess.run(
        [EXE, "check", SCRIPT, "--format", "json"], capture_output=True, text=True, check=True
    )
    assert "acme.slogan" in {f["rule"] for f in json.loads(done.stdout)["findings"]}
    assert "Using team Acme's 1 own rule." in done.stderr
    off = json.loads(ok(cli("check", SCRIPT, "--format", "json", "--disable", "acme")).stdout)
    assert "acme.slogan" not in {f["rule"] for f in off["findings"]}


def test_check_with_a_database_named_that_is_not_there_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    result = cli("check", SCRIPT, "--db", str(missing))
    assert result.exit_code == 11 and f"There is no database at {missing}." in result.output
    assert not missing.exists()


def test_check_on_a_database_with_several_teams_asks_which(home: Path) -> None:
    web_set_up(home)
    engine = open_database(str(home))
    identify(engine, "carl", team="Beta")
    engine.dispose()
    result = cli("check", SCRIPT)
    assert result.exit_code == 10 and "--team NAME" in result.output
    ok(cli("check", SCRIPT, "--team", "Acme"))


def test_a_stored_rule_this_version_refuses_leaves_the_built_ins(home: Path) -> None:
    web_set_up(home)
    with sqlite3.connect(home) as db:  # a rule saved by a version that accepted more
        db.execute(
            "INSERT INTO team_rule (team_id, rule_id, source, updated_by, updated_at) "
            "VALUES (1, 'acme.odd', 'kind: existance', 'Mia', '2024-01-01 00:00:00')"
        )
        db.execute("UPDATE team SET rules_version = 1")
    result = cli("check", SCRIPT, "--format", "json")
    assert result.exit_code == 0
    assert "Note: team Acme's rules cannot be used (team rule acme.odd:1: kind:" in result.stderr
    assert json.loads(result.stdout)["score"] >= 0
