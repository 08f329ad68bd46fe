"""`callworthy db`: upgrade the schema, back up the SQLite file; the --db and --rep options."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import Engine

from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.services import admin
from callworthy.services.caller import Caller
from callworthy.services.database import identify, open_database

DB_OPTION = click.option(
    "--db",
    "db",
    metavar="URL|FILE",
    default=None,
    help="Database URL or SQLite file (default: $CALLWORTHY_DATABASE_URL, else a file in your "
    "data folder).",
)
REP_OPTION = click.option(
    "--rep",
    "rep",
    envvar="CALLWORTHY_REP",
    default=None,
    help="Your name as a rep (default: $CALLWORTHY_REP, else your login name).",
)


def open_for(db: str | None, rep: str | None) -> tuple[Engine, Caller]:
    """Open the database (migrating a SQLite file on first use) and build the command's caller."""
    engine = open_database(db)
    return engine, identify(engine, rep)


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
    click.echo(f"Backed up to {admin.backup_database(file, db)}.")


@db.command("info")
@DB_OPTION
@FORMAT_OPTION
@handle_errors
def info_command(db: str | None, output_format: str) -> None:
    """Show which database is used and its schema revision."""
    info = admin.database_info(db)
    emit(info, output_format, _print_info)


def _print_info(info: admin.DatabaseInfo) -> None:
    console().print(f"Database: {info.url}", markup=False)
    console().print(f"Revision: {info.revision or 'empty'} (latest: {info.head})")
