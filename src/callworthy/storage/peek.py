"""Read a SQLite database's teams and team rules with the standard library alone.

`callworthy check` must answer at once, and SQLAlchemy with its dialects costs
more to import than the critique takes. These two reads are the only ones it
needs; they only read, never create the file and never migrate it. Any sqlite3 error (an
older schema, a file that is not a database) is the caller's sign to take the
long way through `engine.py`, which reports or fixes it like every command.
`tests/storage/test_peek.py` holds them to the same answers as the SQLAlchemy
queries on a database the migrations built.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import NamedTuple


class TeamRow(NamedTuple):
    """A team: its id, name and rules version (0: it never had rules of its own)."""

    id: int
    name: str
    rules_version: int


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """Open an existing SQLite file to read it (never created; used for SELECTs only).

    Not `mode=ro`: a read-only connection to a database in WAL mode cannot remove
    the -wal and -shm files it makes, and they would be left beside the database.
    """
    uri = f"{path.absolute().as_uri()}?mode=rw"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        yield connection


def teams(connection: sqlite3.Connection) -> list[TeamRow]:
    """Return every team, by name."""
    rows = connection.execute("SELECT id, name, rules_version FROM team ORDER BY name")
    return [TeamRow(int(i), str(name), int(version or 0)) for i, name, version in rows]


def team_rule_sources(connection: sqlite3.Connection, team_id: int) -> list[tuple[str, str]]:
    """Return a team's own rules as (rule id, YAML source), by id."""
    query = "SELECT rule_id, source FROM team_rule WHERE team_id = ? ORDER BY rule_id"
    rows = connection.execute(query, (team_id,))
    return [(str(rule_id), str(source)) for rule_id, source in rows]
