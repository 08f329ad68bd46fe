"""Fixtures shared by the whole suite."""

import sys
from pathlib import Path

# Test data modules (article messages) live in tests/fixtures.
sys.path.insert(0, str(Path(__file__).parent / "fixtures"))

# Storage fixtures: a throwaway PostgreSQL server and `db_url` on SQLite and PostgreSQL.
pytest_plugins = ["pg_server"]
