"""Database upkeep: online backup of a SQLite file and WAL checkpoints."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from callworthy.errors import DatabaseError
from callworthy.storage.engine import is_sqlite, safe_url


def backup_sqlite(engine: Engine, destination: Path) -> Path:
    """Copy the live SQLite database to a file with SQLite's online backup (writers may go on)."""
    if not is_sqlite(engine):
        raise DatabaseError(
            f"`db backup` copies SQLite files; {safe_url(str(engine.url))} is not one.",
            "Back up PostgreSQL with pg_dump.",
        )
    destination = destination.expanduser().absolute()
    if destination.exists():
        raise DatabaseError(
            f"{destination} already exists.", "Choose a new file name; backups never overwrite."
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(destination)
        try:
            raw.driver_connection.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
    except sqlite3.Error as exc:
        destination.unlink(missing_ok=True)
        raise DatabaseError(f"Backup to {destination} failed: {exc}.", "Check the disk.") from exc
    finally:
        raw.close()
    return destination


def checkpoint(engine: Engine) -> None:
    """Fold the SQLite write-ahead log into the main file and truncate it (no-op elsewhere)."""
    if not is_sqlite(engine):
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
