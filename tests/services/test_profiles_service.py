"""The rep's profile: saved once per rep, validated for their region, defaults until saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from callworthy.errors import InvalidFieldError, InvalidPhoneError
from callworthy.services import profiles
from callworthy.services.caller import Caller
from callworthy.services.database import identify
from callworthy.storage.location import sqlite_url


def test_a_rep_who_saved_nothing_gets_the_defaults(db_engine: Engine, caller: Caller) -> None:
    shown = profiles.get_profile(db_engine, caller)
    assert (shown.name, shown.phone, shown.company, shown.region, shown.saved) == (
        "alice", None, None, "US", False,
    )  # fmt: skip


def test_a_saved_profile_is_read_back_and_kept_per_rep(db_engine: Engine, caller: Caller) -> None:
    saved = profiles.save_profile(
        db_engine, caller, name=" Alice  Moss ", phone="704 333 1112", company="Northwind"
    )
    assert (saved.name, saved.phone, saved.phone_display, saved.company, saved.saved) == (
        "Alice Moss", "+17043331112", "(704) 333-1112", "Northwind", True,
    )  # fmt: skip
    assert profiles.get_profile(db_engine, caller) == saved
    bob = identify(db_engine, "bob")
    assert profiles.get_profile(db_engine, bob).saved is False


def test_what_is_left_out_keeps_its_value_and_empty_clears(
    db_engine: Engine, caller: Caller
) -> None:
    profiles.save_profile(db_engine, caller, name="Alice", phone="704-333-1112", company="N")
    again = profiles.save_profile(db_engine, caller, company="")
    assert (again.name, again.phone, again.company) == ("Alice", "+17043331112", None)


def test_the_phone_is_read_for_the_reps_region(db_engine: Engine, caller: Caller) -> None:
    with pytest.raises(InvalidPhoneError) as caught:
        profiles.save_profile(db_engine, caller, phone="020 7946 0000")
    assert caught.value.field == "phone" and "in US" in caught.value.message
    london = profiles.save_profile(db_engine, caller, region="gb", phone="020 7946 0000")
    assert (london.phone, london.phone_display, london.region) == (
        "+442079460000", "020 7946 0000", "GB",
    )  # fmt: skip
    assert london.form_phone == "+44 20 7946 0000"  # read back the same by the writer's form


@pytest.mark.parametrize(
    ("change", "field"),
    [({"region": "XX"}, "region"), ({"name": "  "}, "name"), ({"phone": "12"}, "phone"),
     ({"company": "x" * 81}, "company")],
)  # fmt: skip
def test_bad_values_are_refused_naming_the_field(
    db_engine: Engine, caller: Caller, change: dict[str, str], field: str
) -> None:
    with pytest.raises((InvalidFieldError, InvalidPhoneError)) as caught:
        profiles.save_profile(db_engine, caller, **change)
    assert caught.value.field == field
    assert profiles.get_profile(db_engine, caller).saved is False  # nothing stored


def test_the_cli_reads_a_saved_profile_without_creating_anything(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    assert profiles.stored_profile(sqlite_url(missing), "alice") is None
    assert not missing.exists()
    url = sqlite_url(tmp_path / "cw.sqlite3")
    engine = profiles.open_database(url)
    try:
        profiles.save_profile(engine, identify(engine, "alice"), name="Alice", phone="7043331112")
    finally:
        engine.dispose()
    found = profiles.stored_profile(url, "alice")
    assert found is not None and found.rep_mapping() == {"name": "Alice", "phone": "+17043331112"}
    assert profiles.stored_profile(url, "nobody") is None
