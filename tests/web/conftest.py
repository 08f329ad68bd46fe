"""Fixtures: the real app (create_app) on a fresh database, SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from callworthy.storage.location import sqlite_url
from callworthy.web.app import create_app
from callworthy.web.settings import Settings


def make_settings(url: str, **overrides: object) -> Settings:
    """Return settings for a test app on the database URL."""
    return Settings(database_url=url, secret_key="test-secret-key", **overrides)


@pytest.fixture
def app_on() -> Iterator[Callable[..., FastAPI]]:
    """Build apps with create_app on a URL; their engines are disposed after the test."""
    made: list[FastAPI] = []

    def build(url: str, **overrides: object) -> FastAPI:
        app = create_app(make_settings(url, **overrides))
        made.append(app)
        return app

    yield build
    for app in made:
        app.state.engine.dispose()


@pytest.fixture
def app(app_on: Callable[..., FastAPI], tmp_path: Path) -> FastAPI:
    """The app on a fresh SQLite file (migrated by create_app)."""
    return app_on(sqlite_url(tmp_path / "web.sqlite3"))


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A browser-like client of the SQLite app (cookies kept)."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def db_client(app_on: Callable[..., FastAPI], db_url: str) -> Iterator[TestClient]:
    """A client of the app on a fresh database of each backend (SQLite and PostgreSQL)."""
    with TestClient(app_on(db_url)) as test_client:
        yield test_client
