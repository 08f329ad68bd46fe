"""Engines and transactions: SQLite pragmas, BEGIN IMMEDIATE for writes, retry when busy.

SQLite is opened in WAL mode with foreign keys on and a busy timeout, and every
write transaction starts with BEGIN IMMEDIATE, so concurrent writers queue on
the lock instead of failing half-way; a write that still finds the database
locked is retried as a whole. PostgreSQL needs none of this.
"""

from __future__ import annotations

import random
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session

from callworthy.errors import CallworthyError, DatabaseError, InvalidFieldError

T = TypeVar("T")

#: How long one SQLite statement waits for another writer's lock, in milliseconds.
BUSY_TIMEOUT_MS = 20_000
#: How many times a whole write transaction is tried when the database stays locked.
WRITE_ATTEMPTS = 6
_WRITE_OPTION = "callworthy_write"
#: Write transactions committed through each engine by this process (see write_epoch).
_WRITES: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()


def write_epoch(engine: Engine) -> int:
    """Return how many write transactions this process has committed through the engine.

    A per-process cache compares it to the number it was filled at, so a change made
    through this process is seen at once (other processes are bounded by the cache's age).
    """
    return _WRITES.get(engine, 0)


def _wrote(engine: Engine) -> None:
    _WRITES[engine] = _WRITES.get(engine, 0) + 1


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy's "begin" event (pysqlite's own is wrong for
    # this: it defers BEGIN and never takes the write lock up front).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "foreign_keys=ON",
        f"busy_timeout={BUSY_TIMEOUT_MS}",
        "synchronous=NORMAL",
        "secure_delete=ON",  # forget: deleted rows are zeroed, not left in free pages
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    write = conn.get_execution_options().get(_WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def normalise_url(url: str) -> str:
    """Return the URL with the psycopg 3 driver named for PostgreSQL."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for the URL; SQLite gets WAL, foreign keys and immediate writes."""
    try:
        engine = create_engine(normalise_url(url), **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise DatabaseError(
            f"Cannot use the database URL {safe_url(url)}: {exc}.",
            "Give a sqlite:///PATH or postgresql://USER@HOST/DB URL "
            "(PostgreSQL needs the `postgres` extra: pip install 'callworthy[postgres]').",
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def safe_url(url: str) -> str:
    """Return the URL with any password hidden, for messages."""
    try:
        return make_url(normalise_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def is_sqlite(engine: Engine) -> bool:
    """Return True when the engine talks to SQLite."""
    return engine.dialect.name == "sqlite"


def _is_busy(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower()
    return any(
        s in text for s in ("database is locked", "database is busy", "deadlock", "serializ")
    )


def database_error(exc: SQLAlchemyError, engine: Engine) -> CallworthyError:
    """Translate a driver error into a DatabaseError whose message names no URL, SQL or path.

    The driver's first line and the database's location (password hidden) are kept as
    attributes, for a log or the CLI; they never reach the message a page shows. Text
    PostgreSQL cannot hold (a NUL byte) that reached a query is the asker's problem, not
    the database's: an InvalidFieldError, like the text checks at the services give.
    """
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    if isinstance(exc, DataError) and "NUL (0x00)" in (lines[0] if lines else ""):
        return InvalidFieldError(
            "The request holds a NUL character, which no text may contain.",
            "Remove it and try again.",
        )
    return DatabaseError(
        "The database could not complete this request.",
        "Try again in a moment; if it goes on, check that the database is running and reachable.",
        detail=lines[0] if lines else type(exc).__name__,
        location=safe_url(str(engine.url)),
    )


def run_write(engine: Engine, work: Callable[[Session], T]) -> T:
    """Run work(session) in one write transaction, retrying it whole while the database is busy."""
    writer = engine.execution_options(**{_WRITE_OPTION: True})
    for attempt in range(WRITE_ATTEMPTS):
        try:
            with Session(writer, expire_on_commit=False) as session, session.begin():
                result = work(session)
            _wrote(engine)
            return result
        except OperationalError as exc:
            if not _is_busy(exc) or attempt == WRITE_ATTEMPTS - 1:
                raise database_error(exc, engine) from exc
            time.sleep(random.uniform(0.05, 0.2) * 2**attempt)  # jitter spreads the retries
        except SQLAlchemyError as exc:
            raise database_error(exc, engine) from exc
    raise AssertionError("unreachable")  # pragma: no cover


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """Yield a session for reading; driver errors become DatabaseError."""
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
    except SQLAlchemyError as exc:
        raise database_error(exc, engine) from exc


@contextmanager
def write_connection(engine: Engine) -> Iterator[Any]:
    """Yield a Core connection inside one write transaction (bulk loads, migrations)."""
    writer = engine.execution_options(**{_WRITE_OPTION: True})
    try:
        with writer.begin() as conn:
            yield conn
        _wrote(engine)
    except SQLAlchemyError as exc:
        raise database_error(exc, engine) from exc
