"""Opening the database for a use-case, and the CLI's caller (the team and rep it acts as)."""

from __future__ import annotations

import getpass
import os
from dataclasses import replace

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from callworthy.errors import DatabaseError, UnknownRecordError
from callworthy.fields import REP, check_text
from callworthy.services import workspace
from callworthy.services.caller import Caller
from callworthy.services.team_rules import TeamRules
from callworthy.storage import account_queries, queries
from callworthy.storage.engine import database_error, make_engine, read_session, run_write
from callworthy.storage.location import ENV_VAR, resolve_database_url, sqlite_file
from callworthy.storage.migrate import ensure_schema
from callworthy.storage.peek import TeamRow
from callworthy.storage.queries import MAX_ID
from callworthy.storage.tables import Rep, Team

DEFAULT_TEAM = "default"
"""The name of the team a database gets from its first command (the web's set-up renames it)."""
__all__ = [
    "ENV_VAR",
    "MAX_ID",
    "act_as",
    "admin_for",
    "identify",
    "open_database",
    "resolve_database_url",
    "team_rows",
]
"""The surfaces reach storage only through services: these are re-exported for them."""


def open_database(url: str | None = None) -> Engine:
    """Return an engine on the configured database with its schema current (SQLite: migrated)."""
    resolved = resolve_database_url(url)
    path = sqlite_file(resolved)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create the folder for {path}: {exc.strerror}.",
                "Choose another database location.",
            ) from exc
    engine = make_engine(resolved)
    try:
        ensure_schema(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise database_error(exc, engine) from exc
    return engine


def default_rep_name() -> str:
    """Return the OS user's name, the rep's name when none is given."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "me"


def _get_or_create(session: Session, team_name: str, rep_name: str) -> Caller:
    team = queries.team_by_name(session, team_name)
    if team is None:
        team = Team(name=team_name)
        session.add(team)
        session.flush()
    rep = queries.rep_by_name(session, team.id, rep_name)
    if rep is None:
        rep = Rep(team_id=team.id, name=rep_name)
        session.add(rep)
        session.flush()
    return Caller(team_id=team.id, team=team.name, rep_id=rep.id, rep=rep.name)


def _lookup(engine: Engine, team_name: str, rep_name: str) -> Caller | None:
    with read_session(engine) as session:
        team = queries.team_by_name(session, team_name)
        rep = queries.rep_by_name(session, team.id, rep_name) if team else None
        if team is None or rep is None:
            return None
        return Caller(team_id=team.id, team=team.name, rep_id=rep.id, rep=rep.name)


def identify(engine: Engine, rep: str | None = None, team: str = DEFAULT_TEAM) -> Caller:
    """Return the caller for a rep and team by name, making either when missing (scripts, tests).

    The CLI uses `act_as`, which makes nothing up.
    """
    rep_name = (check_text(REP, rep) or "").strip() or default_rep_name()
    for attempt in range(3):
        found = _lookup(engine, team, rep_name)
        if found is None:
            try:
                found = run_write(engine, lambda s: _get_or_create(s, team, rep_name))
            except DatabaseError as exc:
                # Another process created the same team or rep first (PostgreSQL): look again.
                if not isinstance(exc.__cause__, IntegrityError) or attempt == 2:
                    raise
                continue
        return replace(found, rules=TeamRules().source(engine, found.team_id))
    raise AssertionError("unreachable")  # pragma: no cover


def admin_for(engine: Engine, email: str) -> Caller:
    """Return the CLI's caller for managing an account: a manager of that account's team.

    Whoever runs the CLI holds the team's database, so they act as its administrator
    (the accounts of a team set up on the web live in that team, not the CLI's default).
    """
    with read_session(engine) as session:
        row = account_queries.user_row_by_email(session, (email or "").strip().lower())
    if row is None:
        raise UnknownRecordError(
            f"No account {email[:320]!r} in this database.", "Check the e-mail address."
        )
    team = row[2]
    return Caller(
        team_id=team.id,
        team=team.name,
        rep_id=row[1].id,
        rep="the command line",
        role="manager",
        rules=TeamRules().source(engine, team.id),
    )


def team_rows(engine: Engine) -> list[TeamRow]:
    """Return every team of the database, by name, with its rules version."""
    with read_session(engine) as session:
        return [TeamRow(t.id, t.name, t.rules_version) for t in queries.all_teams(session)]


def _rep_keys(rep: Rep) -> tuple[str, ...]:
    return (rep.name, rep.email) if rep.email else (rep.name,)


def _choose_rep(reps: list[Rep], team: str, wanted: str | None) -> Rep | None:
    """Return the rep named, else the login name's, else the only one; None: make the first."""
    names = [r.name for r in reps]
    if wanted and wanted.strip():
        found = workspace.match(reps, wanted, _rep_keys)
        if found is None and reps:
            raise workspace.unknown_rep(wanted, team, names)
        return found
    found = workspace.match(reps, default_rep_name(), _rep_keys)
    if found is None and len(reps) == 1:
        return reps[0]
    if found is None and reps:
        raise workspace.rep_choice(team, names)
    return found


def _acting(session: Session, rep: str | None, team: str | None, *, make: bool) -> Caller | None:
    """Return the caller; None when a first team or rep must be made and `make` is False."""
    teams = list(queries.all_teams(session))
    if not teams:  # a new database: its first command makes the team (and the rep below)
        if not make:
            return None
        teams = [Team(name=" ".join((team or "").split()) or DEFAULT_TEAM)]
        session.add(teams[0])
        session.flush()
    rows = [TeamRow(t.id, t.name, t.rules_version) for t in teams]
    chosen = next(t for t in teams if t.id == workspace.choose_team(rows, team).id)
    found = _choose_rep(list(queries.team_reps(session, chosen.id)), chosen.name, rep)
    if found is None:  # the team has no rep yet: the first is whoever runs this
        if not make:
            return None
        found = Rep(team_id=chosen.id, name=" ".join((rep or "").split()) or default_rep_name())
        session.add(found)
        session.flush()
    return Caller(team_id=chosen.id, team=chosen.name, rep_id=found.id, rep=found.name)


def act_as(engine: Engine, rep: str | None = None, team: str | None = None) -> Caller:
    """Return the CLI's caller: the database's team and one of its reps, with the team's rules.

    The team is the one named, else the only one; the rep the one named (by name or
    e-mail), else the login name's, else the team's only rep. An unknown name is an
    error listing the choices; only a database without a team, or a team without a
    rep, gets one made (a solo rep's first command). The CLI acts for the whole team
    (a manager's view) and critiques with the team's stored rules, as the web app does.
    """
    rep = check_text(REP, rep)
    with read_session(engine) as session:
        found = _acting(session, rep, team, make=False)
    for attempt in range(3):
        if found is not None:
            break
        try:
            found = run_write(engine, lambda s: _acting(s, rep, team, make=True))
        except DatabaseError as exc:
            # Another process made the first team or rep at the same moment: look again.
            if not isinstance(exc.__cause__, IntegrityError) or attempt == 2:
                raise
    if found is None:  # pragma: no cover - a write that made them returns them
        raise AssertionError("unreachable")
    return replace(found, rules=TeamRules().source(engine, found.team_id))
