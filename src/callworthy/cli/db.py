"""`callworthy db`: upgrade the schema, back up the SQLite file; the --db and --rep options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from sqlalchemy import Engine

from callworthy.cli.common import FORMAT_OPTION, console, handle_errors, print_json
from callworthy.services.database import identify, open_database
from callworthy.services.values import Actor
from callworthy.storage.engine import make_engine, safe_url
from callworthy.storage.location import ENV_VAR, resolve_database_url, sqlite_file
from callworthy.storage.maintenance import backup_sqlite
from callworthy.storage.migrate import current_revision, head_revision, upgrade

DB_OPTION = click.option(
    "--db",
    "db",
    metavar="URL|FILE",
    default=None,
    help=f"Database URL or SQLite file (default: ${ENV_VAR}, else a file in your data folder).",
)
REP_OPTION = click.option(
    "--rep",
    "rep",
    envvar="CALLWORTHY_REP",
    default=None,
    help="Your name as a rep (default: $CALLWORTHY_REP, else your login name).",
)


def open_for(db: str | None, rep: str | None) -> tuple[Engine, Actor]:
    """Open the database (migrating a SQLite file on first use) and identify the rep."""
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

    Example: callworthy db upgrade --db postgresql://crm@dbhost/callworthy
    """
    url = resolve_database_url(db)
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        before = upgrade(engine)
    finally:
        engine.dispose()
    head = head_revision()
    if before == head:
        click.echo(f"{safe_url(url)} is already at revision {head}.")
    else:
        click.echo(f"Upgraded {safe_url(url)} from {before or 'empty'} to revision {head}.")


@db.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@DB_OPTION
@handle_errors
def backup_command(file: Path, db: str | None) -> None:
    """Copy the SQLite database to FILE while it is in use (SQLite online backup).

    Example: callworthy db backup ~/backups/callworthy-2024-03-05.sqlite3
    """
    engine = open_database(db)
    try:
        written = backup_sqlite(engine, file)
    finally:
        engine.dispose()
    click.echo(f"Backed up to {written}.")


@db.command("info")
@DB_OPTION
@FORMAT_OPTION
@handle_errors
def info_command(db: str | None, output_format: str) -> None:
    """Show which database is used and its schema revision."""
    url = resolve_database_url(db)
    path = sqlite_file(url)
    current = None
    if path is None or path.exists():  # never create a file just to look at it
        engine = make_engine(url)
        try:
            current = current_revision(engine)
        finally:
            engine.dispose()
    data: dict[str, Any] = {"url": safe_url(url), "revision": current, "head": head_revision()}
    if output_format == "json":
        print_json(data)
        return
    console().print(f"Database: {data['url']}")
    console().print(f"Revision: {current or 'empty'} (latest: {data['head']})")
