"""Where the database is: `--db`, else CALLWORTHY_DATABASE_URL, else a file in the data dir."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

ENV_VAR = "CALLWORTHY_DATABASE_URL"
DEFAULT_FILE_NAME = "callworthy.sqlite3"


def default_database_path() -> Path:
    """Return the SQLite file a solo rep uses when nothing else is configured."""
    return Path(platformdirs.user_data_dir("callworthy")) / DEFAULT_FILE_NAME


def sqlite_url(path: Path | str) -> str:
    """Return the SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path).expanduser().absolute()}"


def resolve_database_url(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """Return the database URL: the option, else the environment, else the default file.

    The option and the variable take a URL (sqlite:///..., postgresql://...) or a plain
    file path, which means a SQLite file.
    """
    env = os.environ if environ is None else environ
    value = option or env.get(ENV_VAR) or ""
    if not value.strip():
        return sqlite_url(default_database_path())
    value = value.strip()
    return value if "://" in value else sqlite_url(value)


def plain_sqlite_file(url: str) -> Path | None:
    """Return the file of a `sqlite:///PATH` URL without options, read without SQLAlchemy.

    None for anything else (another database, in-memory SQLite, a query or an escape):
    the caller then takes the long way, through `sqlite_file` and SQLAlchemy.
    """
    prefix = "sqlite:///"
    database = url[len(prefix) :]
    if not url.startswith(prefix) or "?" in url or "%" in url or database in ("", ":memory:"):
        return None
    return Path(database)


def sqlite_file(url: str) -> Path | None:
    """Return the file of a SQLite URL, or None for other databases and in-memory SQLite."""
    from sqlalchemy import make_url  # here, so `check` resolves its database without SQLAlchemy

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)
