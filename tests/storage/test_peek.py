"""The standard-library reads `check` makes give what the SQLAlchemy queries give."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from callworthy.services import team_rules
from callworthy.services.database import identify, open_database, team_rows
from callworthy.services.workspace import stored_team_rules
from callworthy.storage import peek
from callworthy.storage.location import plain_sqlite_file, sqlite_file, sqlite_url

RULE = """kind: existence
principle: P10
level: warning
subscore: differentiation
message: m
fix: f
tokens: [{token}]
examples:
  pass: ["Hi Lou, three carriers cut fuel surcharges."]
  fail: ["We are {token}."]
"""


def test_teams_and_rules_read_alike_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    engine = open_database(str(path))
    alice = identify(engine, "alice", team="Zeta")
    identify(engine, "bob", team="Acme")
    team_rules.save_team_rule(engine, alice, "zeta.solid", RULE.format(token="rock solid"))
    team_rules.save_team_rule(engine, alice, "zeta.best", RULE.format(token="best in class"))
    with peek.read_only(path) as connection:
        assert peek.teams(connection) == team_rows(engine)
        assert [t.name for t in peek.teams(connection)] == ["Acme", "Zeta"]
        read = peek.team_rule_sources(connection, alice.team_id)
    stored = team_rules.team_rule_texts(engine, alice.team_id)
    assert read == [(t.rule_id, t.text) for t in stored]
    assert [rule_id for rule_id, _ in read] == ["zeta.best", "zeta.solid"]
    engine.dispose()
    fast = stored_team_rules(str(path), "Zeta")
    assert fast is not None and fast.texts == stored and fast.team == "Zeta"
    none = stored_team_rules(str(path), "Acme")
    assert none is not None and none.texts == ()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite3"]  # nothing left beside it


def test_reading_makes_no_file_and_a_stranger_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.Error), peek.read_only(tmp_path / "none.sqlite3"):
        pass
    assert not (tmp_path / "none.sqlite3").exists()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all, just text" * 10)
    with pytest.raises(sqlite3.Error), peek.read_only(junk) as connection:
        peek.teams(connection)


@pytest.mark.parametrize(
    "url",
    ["sqlite:////tmp/a b/x.sqlite3", "sqlite:///relative.sqlite3", "sqlite:////srv/c.db"],
)
def test_a_plain_sqlite_url_gives_the_file_sqlalchemy_gives(url: str) -> None:
    assert plain_sqlite_file(url) == sqlite_file(url)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://crm@db/callworthy",
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///x.db?mode=ro",
        "sqlite:////tmp/100%25.db",
    ],
)
def test_anything_else_takes_the_long_way(url: str) -> None:
    assert plain_sqlite_file(url) is None


def test_the_default_file_url_is_plain(tmp_path: Path) -> None:
    assert plain_sqlite_file(sqlite_url(tmp_path / "x.sqlite3")) == tmp_path / "x.sqlite3"
