"""Fixtures shared by the whole suite."""

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Test data modules (article messages) live in tests/fixtures.
sys.path.insert(0, str(Path(__file__).parent / "fixtures"))

# Storage fixtures: a throwaway PostgreSQL server and `db_url` on SQLite and PostgreSQL.
pytest_plugins = ["pg_server"]

#: What a shell may set that would point the CLI at someone's real database, team or rep.
NAMED_BY_SHELL = ("CALLWORTHY_DATABASE_URL", "CALLWORTHY_TEAM", "CALLWORTHY_REP")


@pytest.fixture(autouse=True, scope="session")
def _own_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Give the suite a data folder of its own, and no database, team or rep from the shell.

    A command without --db uses the default database (and `check` reads its team's rules),
    so a test must never reach the real one of whoever runs the suite. Subprocesses
    inherit the environment.
    """
    saved = {key: os.environ.get(key) for key in (*NAMED_BY_SHELL, "XDG_DATA_HOME")}
    for key in NAMED_BY_SHELL:
        os.environ.pop(key, None)
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data-home"))
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
