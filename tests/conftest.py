"""Fixtures shared by the whole suite."""

# Storage fixtures: a throwaway PostgreSQL server and `db_url` on SQLite and PostgreSQL.
pytest_plugins = ["pg_server"]
