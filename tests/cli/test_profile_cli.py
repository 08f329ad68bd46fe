"""`callworthy profile set|show`, and `write`/`greeting` reading the saved profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from callworthy.cli.main import main
from callworthy.errors import InvalidPhoneError, ProfileError
from callworthy.storage.location import sqlite_url


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    """The --db and --rep options of a fresh SQLite file."""
    return ["--db", sqlite_url(tmp_path / "cli.sqlite3"), "--rep", "kim"]


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def test_profile_set_and_show(db: list[str]) -> None:
    shown = json.loads(run("profile", "show", *db, "--format", "json").stdout)  # type: ignore[attr-defined]
    assert shown["saved"] is False and shown["name"] == "kim"
    result = run("profile", "set", "--name", "Kim Alvarez", "--phone", "704 333 1112",
                 "--company", "Northwind", *db)  # fmt: skip
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "(704) 333-1112" in result.stdout  # type: ignore[attr-defined]
    shown = json.loads(run("profile", "show", *db, "--format", "json").stdout)  # type: ignore[attr-defined]
    assert shown == {"name": "Kim Alvarez", "phone": "+17043331112",
                     "phone_display": "(704) 333-1112", "company": "Northwind",
                     "region": "US", "saved": True, "time_zone": None}  # fmt: skip


def test_a_bad_phone_is_refused_and_nothing_changes(db: list[str]) -> None:
    run("profile", "set", "--name", "Kim", "--phone", "704 333 1112", *db)
    result = run("profile", "set", "--phone", "020 7946 0000", *db)
    assert result.exit_code == InvalidPhoneError.exit_code  # type: ignore[attr-defined]
    assert "not a valid phone number in US" in result.stderr  # type: ignore[attr-defined]
    shown = json.loads(run("profile", "show", *db, "--format", "json").stdout)  # type: ignore[attr-defined]
    assert shown["phone"] == "+17043331112"


def test_write_and_greeting_use_the_saved_profile_when_the_options_are_left_out(
    db: list[str],
) -> None:
    missing = run("write", "--name", "Dana Lee", *db)
    assert missing.exit_code == ProfileError.exit_code  # type: ignore[attr-defined]
    assert "callworthy profile set" in missing.stderr  # type: ignore[attr-defined]
    run("profile", "set", "--name", "Kim Alvarez", "--phone", "704 333 1112", *db)
    written = run("write", "--name", "Dana Lee", "--industry", "dental", *db, "--format", "json")
    assert written.exit_code == 0, written.output  # type: ignore[attr-defined]
    candidates = json.loads(written.stdout)  # type: ignore[attr-defined]
    assert all("704-333-1112" in c["text"] and "Kim" in c["text"] for c in candidates)
    assert "Kim Alvarez" in candidates[0]["deliverable"]["email"]["body"]
    mine = run("write", "--name", "Dana Lee", "--rep-name", "Jo Patel", *db, "--format", "json")
    assert "Jo" in json.loads(mine.stdout)[0]["text"]  # type: ignore[attr-defined]
    greeting = run("greeting", *db, "--format", "json")
    assert greeting.exit_code == 0 and "Kim" in greeting.stdout  # type: ignore[attr-defined]
