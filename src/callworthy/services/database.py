"""Opening the database for a use-case, and the CLI's caller (team and rep, made on first use)."""

from __future__ import annotations

import getpass
import os
from dataclasses import replace

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from callworthy.errors import DatabaseError, UnknownRecordError
from callworthy.fields import REP, check_text
from callworthy.services.caller import Caller
from callworthy.services.team_rules import TeamRules
from callworthy.storage import account_queries, queries
from callworthy.storage.engine import database_error, make_engine, read_session, run_write
from callworthy.storage.location import ENV_VAR, resolve_database_url, sqlite_file
from callworthy.storage.migrate import ensure_schema
from callworthy.storage.queries import MAX_ID
from callworthy.storage.tables import Rep, Team

DEFAULT_TEAM = "default"
__all__ = ["ENV_VAR", "MAX_ID", "admin_for", "identify", "open_database", "resolve_database_url"]
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
    """Return the CLI's caller: the rep and team (made on first use), with the team's rules.

    The CLI acts for the whole team (a manager's view) and critiques with the team's
    rules as stored in the database, exactly as the web app does.
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
