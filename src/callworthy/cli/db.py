"""`callworthy db`: upgrade the schema, back up the SQLite file; the --db, --rep, --team options.

By default the CLI and the web app share one database (the file in your data
folder, or $CALLWORTHY_DATABASE_URL) and its team: `open_for` acts as the
database's only team, or the one `--team` names, as the rep `--rep` names
(services/database.act_as). Services are imported when a command runs, not
when the command tree is built.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from callworthy.cli.common import FORMAT_OPTION, emit, handle_errors

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from callworthy.services.admin import DatabaseInfo
    from callworthy.services.caller import Caller

F = TypeVar("F", bound=Callable[..., Any])
TEAM_KEY = "callworthy.team"
"""Where --team is kept in the click context (shared by every command's context)."""

DB_OPTION = click.option(
    "--db",
    "db",
    metavar="URL|FILE",
    default=None,
    help="Database URL or SQLite file (default: $CALLWORTHY_DATABASE_URL, else a file in your "
    "data folder).",
)
_REP = click.option(
    "--rep",
    "rep",
    envvar="CALLWORTHY_REP",
    default=None,
    help="Which of the team's reps you are, by name or e-mail (default: $CALLWORTHY_REP, else "
    "your login name, else the team's only rep).",
)


def _keep_team(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.meta[TEAM_KEY] = value


#: --team: kept in the context, so every command reads it in `open_for` with no argument of
#: its own (commands written before it existed need no change).
TEAM_OPTION = click.option(
    "--team",
    envvar="CALLWORTHY_TEAM",
    default=None,
    expose_value=False,
    callback=_keep_team,
    help="The team you act for, when the database holds several (default: $CALLWORTHY_TEAM, "
    "else the only one).",
)


def REP_OPTION(func: F) -> F:  # named like DB_OPTION, the decorator it sits beside
    """Add --rep and --team: who in which team a command acts as."""
    return _REP(TEAM_OPTION(func))


def chosen_team() -> str | None:
    """Return the team named by --team (or $CALLWORTHY_TEAM) for this command, if any."""
    ctx = click.get_current_context(silent=True)
    value = ctx.meta.get(TEAM_KEY) if ctx is not None else None
    return str(value) if value else None


def open_for(db: str | None, rep: str | None) -> tuple[Engine, Caller]:
    """Open the database (migrating a SQLite file on first use) and build the command's caller."""
    from callworthy.services.database import act_as, open_database

    engine = open_database(db)
    try:
        return engine, act_as(engine, rep, chosen_team())
    except BaseException:
        engine.dispose()
        raise


@click.group()
def db() -> None:
    """Set up and back up the database.

    A SQLite file for a rep alone, or a PostgreSQL server for a team.
    """


@db.command("upgrade")
@DB_OPTION
@handle_errors
def upgrade_command(db: str | None) -> None:
    """Create or upgrade the database schema.

    Needed once per version for PostgreSQL; a SQLite file is upgraded on first use.

    \b
    Example: callworthy db upgrade --db postgresql://crm@dbhost/callworthy
    """
    from callworthy.services import admin

    info, before = admin.upgrade_database(db)
    if before == info.head:
        click.echo(f"{info.url} is already at revision {info.head}.")
    else:
        click.echo(f"Upgraded {info.url} from {before or 'empty'} to revision {info.head}.")


@db.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@DB_OPTION
@handle_errors
def backup_command(file: Path, db: str | None) -> None:
    """Copy the SQLite database to FILE while it is in use (SQLite online backup).

    \b
    Example: callworthy db backup ~/backups/callworthy-2024-03-05.sqlite3
    """
    from callworthy.services import admin

    click.echo(f"Backed up to {admin.backup_database(file, db)}.")


@db.command("info")
@DB_OPTION
@FORMAT_OPTION
@handle_errors
def info_command(db: str | None, output_format: str) -> None:
    """Show which database is used and its schema revision."""
    from callworthy.services import admin

    info = admin.database_info(db)
    emit(info, output_format, _print_info)


def _print_info(info: DatabaseInfo) -> None:
    # Plain lines: a console would wrap a long URL at the terminal's width, mid-path.
    click.echo(f"Database: {info.url}")
    click.echo(f"Revision: {info.revision or 'empty'} (latest: {info.head})")
