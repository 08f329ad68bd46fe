"""The CLI's workspace: which team and rep a command acts as, and the team's stored rules.

The CLI and the web app share one database by default (services/database.py)
and so one team: the CLI acts as the database's only team, or the one named
when there are several; as the rep named, else the login name, else the team's
only rep. A name that matches nothing is an error listing what there is, never
a team or rep made up to match it; only a database with no team yet gets one
(a solo rep's first command).

`stored_team_rules` serves `callworthy check`: it reads the team's own rules
from the default database with the standard library when that is a SQLite file
(storage/peek.py), so a check starts without SQLAlchemy, and only when the team
has rules of its own does it read them. Nothing here imports SQLAlchemy at module
level.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from callworthy.critique.loader import RuleText
from callworthy.errors import (
    DatabaseError,
    RepChoiceError,
    TeamChoiceError,
    UnknownRepError,
    UnknownTeamError,
)
from callworthy.storage.location import plain_sqlite_file, resolve_database_url

if TYPE_CHECKING:
    from callworthy.storage.peek import TeamRow

T = TypeVar("T")
SHOWN = 20
"""How many names an error lists before "and N more"."""


def source_name(rule_id: str) -> str:
    """Return the name errors give a team rule's text (in place of a file path)."""
    return f"team rule {rule_id}"


def listing(names: Sequence[str]) -> str:
    """Return names as a short list for a message: "Ana, Bob and 3 more"."""
    shown = ", ".join(names[:SHOWN])
    return shown + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")


def match(items: Sequence[T], wanted: str, keys: Callable[[T], Sequence[str]]) -> T | None:
    """Return the item with `wanted` among its keys, else the one matching it ignoring case.

    None when nothing, or more than one item, matches.
    """
    wanted = " ".join(wanted.split())
    exact = [item for item in items if wanted in keys(item)]
    if len(exact) == 1:
        return exact[0]
    folded = wanted.casefold()
    loose = [item for item in items if folded in {key.casefold() for key in keys(item)}]
    return loose[0] if len(loose) == 1 else None


def choose_team(teams: Sequence[TeamRow], wanted: str | None) -> TeamRow:
    """Return the team named `wanted`, or the only one; refuse an unknown name or a guess."""
    names = [team.name for team in teams]
    if wanted and wanted.strip():
        found = match(teams, wanted, lambda team: (team.name,))
        if found is None:
            raise UnknownTeamError(
                f"This database has no team {wanted.strip()!r}; its teams: {listing(names)}.",
                "Give one of those names.",
                choices=tuple(names),
            )
        return found
    if len(teams) == 1:
        return teams[0]
    raise TeamChoiceError(
        f"This database holds {len(teams)} teams: {listing(names)}.",
        "Say which team you act for.",
        choices=tuple(names),
    )


def unknown_rep(wanted: str, team: str, names: Sequence[str]) -> UnknownRepError:
    """Return the error for a rep name the team does not have."""
    return UnknownRepError(
        f"The team {team} has no rep {wanted.strip()!r}; its reps: {listing(names)}.",
        "Give one of those names; a new rep joins the team through a manager first.",
        choices=tuple(names),
    )


def rep_choice(team: str, names: Sequence[str]) -> RepChoiceError:
    """Return the error for a team of several reps when none was named."""
    return RepChoiceError(
        f"The team {team} has {len(names)} reps: {listing(names)}.",
        "Say which of them you are.",
        choices=tuple(names),
    )


@dataclass(frozen=True, slots=True)
class StoredRules:
    """A team's own rules as the database holds them (empty: the team has none)."""

    team: str
    texts: tuple[RuleText, ...]


def _texts(rows: Sequence[tuple[str, str]]) -> tuple[RuleText, ...]:
    return tuple(RuleText(rule_id, source, source_name(rule_id)) for rule_id, source in rows)


def _missing(path: Path, named: bool) -> bool:
    """Return True when a SQLite file is absent: no database, unless the user named it."""
    if path.is_file():
        return False
    if named:
        raise DatabaseError(f"There is no database at {path}.", "Check the path.")
    return True


def stored_team_rules(db: str | None, team: str | None) -> StoredRules | None:
    """Return the team's own rules from the database, or None when there is no database or team.

    `db` is what the user gave (None: the environment, else the default file). A
    SQLite file that does not exist is no database (and is not created), unless
    `db` named it. Only a team with rules of its own has them read.
    """
    url = resolve_database_url(db)
    path = plain_sqlite_file(url)
    if path is not None:
        if _missing(path, bool(db)):
            return None
        import sqlite3  # only when there is a database to read

        from callworthy.storage import peek

        try:
            with peek.read_only(path) as connection:
                rows = peek.teams(connection)
                if not rows:
                    return None
                row = choose_team(rows, team)
                found = peek.team_rule_sources(connection, row.id) if row.rules_version else []
                return StoredRules(row.name, _texts(found))
        except sqlite3.Error:
            pass  # an older schema or not a database: the long way reports or upgrades it
    return _stored_the_long_way(url, team, bool(db))


def _stored_the_long_way(url: str, team: str | None, named: bool) -> StoredRules | None:
    """Read the team's rules through SQLAlchemy (PostgreSQL, or a SQLite file to upgrade)."""
    from callworthy.services.database import open_database, team_rows
    from callworthy.services.team_rules import team_rule_texts
    from callworthy.storage.location import sqlite_file

    path = sqlite_file(url)
    if path is not None and _missing(path, named):
        return None
    engine = open_database(url)
    try:
        rows = team_rows(engine)
        if not rows:
            return None
        row = choose_team(rows, team)
        texts = team_rule_texts(engine, row.id) if row.rules_version else ()
        return StoredRules(row.name, tuple(texts))
    finally:
        engine.dispose()
