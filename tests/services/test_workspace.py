"""Which team and rep the CLI acts as (`act_as`), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from callworthy.errors import RepChoiceError, TeamChoiceError, UnknownRepError, UnknownTeamError
from callworthy.services import accounts
from callworthy.services.database import act_as, identify, team_rows
from callworthy.services.workspace import listing, match

PASSWORD = "correct horse battery staple"


def test_match_prefers_the_exact_name_then_one_ignoring_case() -> None:
    names = ["Ana", "ana", "Bob Smith"]
    assert match(names, "ana", lambda n: (n,)) == "ana"
    assert match(names, "ANA", lambda n: (n,)) is None  # two match ignoring case: no guess
    assert match(names, " bob   smith ", lambda n: (n,)) == "Bob Smith"
    assert match(names, "Carl", lambda n: (n,)) is None


def test_a_long_list_is_cut_short() -> None:
    assert listing(["a", "b"]) == "a, b"
    assert listing([f"r{i}" for i in range(25)]).endswith("r19 and 5 more")


def test_the_first_command_makes_the_team_and_rep_once(db_engine: Engine) -> None:
    first = act_as(db_engine, "alice")
    again = act_as(db_engine)  # no name: the team's only rep
    assert (first.team, first.rep) == ("default", "alice")
    assert (again.team_id, again.rep_id) == (first.team_id, first.rep_id)
    assert [t.name for t in team_rows(db_engine)] == ["default"]
    with pytest.raises(UnknownRepError) as caught:
        act_as(db_engine, "bob")
    assert caught.value.choices == ("alice",)
    assert act_as(db_engine, "ALICE").rep_id == first.rep_id


def test_the_web_team_is_the_clis_and_names_must_match(db_engine: Engine) -> None:
    accounts.set_up(db_engine, "Acme", "Mia Manager", "mia@example.com", PASSWORD)
    mia = act_as(db_engine)
    assert (mia.team, mia.rep, mia.is_manager) == ("Acme", "Mia Manager", True)
    assert act_as(db_engine, "mia@example.com").rep_id == mia.rep_id
    identify(db_engine, "rob", team="Acme")
    with pytest.raises(RepChoiceError) as several:
        act_as(db_engine)
    assert several.value.choices == ("Mia Manager", "rob")
    identify(db_engine, "carl", team="Beta")
    with pytest.raises(TeamChoiceError) as teams:
        act_as(db_engine, "rob")
    assert teams.value.choices == ("Acme", "Beta")
    assert act_as(db_engine, team="beta").rep == "carl"
    with pytest.raises(UnknownTeamError):
        act_as(db_engine, team="Gamma")
    assert [t.name for t in team_rows(db_engine)] == ["Acme", "Beta"]


def test_the_web_set_up_takes_the_clis_team(db_engine: Engine) -> None:
    solo = act_as(db_engine, "alice")
    manager = accounts.set_up(db_engine, "Acme", "Mia Manager", "mia@example.com", PASSWORD)
    assert manager.team_id == solo.team_id and manager.team == "Acme"
    assert [t.name for t in team_rows(db_engine)] == ["Acme"]
