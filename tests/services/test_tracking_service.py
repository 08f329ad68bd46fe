"""Prospects, voicemails, callbacks, DNC and forget, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select, text

from callworthy import Context, critique
from callworthy.critique import default_rules
from callworthy.errors import (
    AmbiguousProspectError,
    DoNotCallError,
    DuplicateProspectError,
    EmptyTextError,
    ImportFileError,
    InvalidFieldError,
    InvalidPhoneError,
    NoOpenVoicemailError,
    UnknownProspectError,
)
from callworthy.services import prospects, tracking
from callworthy.services.caller import Caller
from callworthy.services.database import identify
from callworthy.services.dnc import import_dnc
from callworthy.services.prospects import find_by_phone, find_prospect
from callworthy.storage.engine import read_session
from callworthy.storage.tables import Callback, Prospect, Voicemail

SCRIPT = (
    "Hi Jane, this is Alice at 704-555-0100. I was talking to a shipper yesterday who needs "
    "a carrier like Acme; call me at 704-555-0100 and I'll give you his name and number."
)
T0 = datetime(2024, 3, 4, 14, 0, tzinfo=UTC)


@pytest.fixture
def jane(db_engine: Engine, caller: Caller) -> int:
    return prospects.add_prospect(
        db_engine, caller, "Jane Doe", company="Acme", phone="(704) 333-1112", tags=["hot"]
    ).id


def test_add_prospect_stores_e164_and_time_zone(db_engine: Engine, caller: Caller) -> None:
    p = prospects.add_prospect(
        db_engine, caller, " Jane Doe ", company="Acme", phone="704.333.1112", humor_ok=True
    )
    assert (p.name, p.phone, p.time_zone, p.humor_ok, p.owner) == (
        "Jane Doe",
        "+17043331112",
        "America/New_York",
        True,
        "alice",
    )
    assert p.created_at.tzinfo is not None
    shown = prospects.show_prospect(
        db_engine, caller, find_prospect(db_engine, caller, "+1 704 333 1112")
    )
    assert shown == p
    toll_free = prospects.add_prospect(db_engine, caller, "Help desk", phone="1-800-356-9377")
    assert toll_free.time_zone is None  # a national number has no one zone


def test_prospect_errors(db_engine: Engine, caller: Caller, jane: int) -> None:
    with pytest.raises(DuplicateProspectError):
        prospects.add_prospect(db_engine, caller, "Other", phone="7043331112")
    with pytest.raises(InvalidPhoneError):
        prospects.add_prospect(db_engine, caller, "Bad", phone="555-12")
    with pytest.raises(InvalidFieldError):
        prospects.add_prospect(db_engine, caller, "  ")
    prospects.add_prospect(db_engine, caller, "Jane Smith")
    with pytest.raises(AmbiguousProspectError, match="2 prospects"):
        prospects.show_prospect(db_engine, caller, find_prospect(db_engine, caller, "jane"))
    with pytest.raises(UnknownProspectError):
        prospects.show_prospect(db_engine, caller, find_prospect(db_engine, caller, "#999"))
    assert (
        prospects.show_prospect(db_engine, caller, find_prospect(db_engine, caller, "jane doe")).id
        == jane
    )
    assert (
        prospects.show_prospect(db_engine, caller, find_prospect(db_engine, caller, str(jane))).id
        == jane
    )


def test_list_by_tag(db_engine: Engine, caller: Caller, jane: int) -> None:
    prospects.add_prospect(db_engine, caller, "Ann")
    assert [p.name for p in prospects.list_prospects(db_engine, caller)] == ["Ann", "Jane Doe"]
    assert [p.id for p in prospects.list_prospects(db_engine, caller, "hot")] == [jane]


def test_log_voicemail_stores_score_and_rules_version(
    db_engine: Engine, caller: Caller, jane: int
) -> None:
    record = tracking.log_voicemail(
        db_engine, caller, find_prospect(db_engine, caller, "Jane Doe"), "sales_lead", SCRIPT, at=T0
    )
    expected = critique(SCRIPT, context=Context(prospect_name="Jane Doe", company="Acme"))
    assert record.score == expected.score
    assert record.rules_version == default_rules().version
    assert record.left_at == T0 and record.rep == "alice" and record.strategy == "sales_lead"


def test_log_refuses_bad_input(db_engine: Engine, caller: Caller, jane: int) -> None:
    with pytest.raises(EmptyTextError):
        tracking.log_voicemail(db_engine, caller, jane, "value_tip", "   ")
    with pytest.raises(InvalidFieldError):
        tracking.log_voicemail(db_engine, caller, jane, "Value Tip!", SCRIPT)
    with pytest.raises(UnknownProspectError):
        tracking.log_voicemail(
            db_engine, caller, find_prospect(db_engine, caller, "Nobody"), "value_tip", SCRIPT
        )


def test_callback_matches_latest_open_voicemail(
    db_engine: Engine, caller: Caller, jane: int
) -> None:
    first = tracking.log_voicemail(db_engine, caller, jane, "value_tip", SCRIPT, at=T0)
    second = tracking.log_voicemail(
        db_engine,
        caller,
        jane,
        "sales_lead",
        SCRIPT,
        at=T0 + timedelta(days=1),
    )
    cb = tracking.log_callback(
        db_engine,
        caller,
        find_by_phone(db_engine, caller, "704-333-1112"),
        outcome="meeting",
        at=T0 + timedelta(days=2),
    )
    assert (cb.voicemail_id, cb.outcome) == (second.id, "meeting")
    cb2 = tracking.log_callback(
        db_engine,
        caller,
        find_prospect(db_engine, caller, "Jane"),
        outcome="not interested",
        at=T0 + timedelta(days=3),
    )
    assert cb2.voicemail_id == first.id  # the latest one still open
    with pytest.raises(NoOpenVoicemailError):
        tracking.log_callback(
            db_engine, caller, find_prospect(db_engine, caller, "Jane"), at=T0 + timedelta(days=4)
        )
    lone = tracking.log_callback(
        db_engine, caller, find_prospect(db_engine, caller, "Jane"), unmatched=True
    )
    assert lone.voicemail_id is None
    with pytest.raises(UnknownProspectError):
        tracking.log_callback(db_engine, caller, find_by_phone(db_engine, caller, "(617) 253-1000"))
    with pytest.raises(InvalidFieldError):
        tracking.log_callback(
            db_engine, caller, find_prospect(db_engine, caller, "Jane"), outcome="maybe"
        )


def test_history_is_in_order_with_utc_times(db_engine: Engine, caller: Caller, jane: int) -> None:
    local = datetime(2024, 3, 4, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    tracking.log_voicemail(
        db_engine,
        caller,
        jane,
        "value_tip",
        SCRIPT,
        at=local + timedelta(1),
    )
    tracking.log_voicemail(db_engine, caller, jane, "half_message", SCRIPT, at=local)
    tracking.log_callback(db_engine, caller, jane, at=local + timedelta(hours=2))
    h = tracking.history(db_engine, caller, find_prospect(db_engine, caller, "Jane Doe"))
    assert [v.strategy for v in h.voicemails] == ["half_message", "value_tip"]
    assert h.voicemails[0].left_at == datetime(2024, 3, 4, 14, 0, tzinfo=UTC)
    assert h.voicemails[0].left_at.utcoffset() == timedelta(0)
    assert h.callbacks[0].voicemail_id == h.voicemails[0].id
    assert h.to_dict()["voicemails"][0]["left_at"] == "2024-03-04T14:00:00+00:00"


def test_teams_do_not_see_each_other(db_engine: Engine, caller: Caller, jane: int) -> None:
    other = identify(db_engine, "carl", team="other team")
    assert prospects.list_prospects(db_engine, other) == ()
    with pytest.raises(UnknownProspectError):
        tracking.history(db_engine, other, find_prospect(db_engine, other, "Jane Doe"))


def test_dnc_import_flags_prospects_and_log_refuses(
    db_engine: Engine, caller: Caller, jane: int, tmp_path: Path
) -> None:
    dnc_file = tmp_path / "dnc.csv"
    dnc_file.write_text("Phone Number;Name\n(704) 333-1112;Jane\n+1 312 555 0199;Someone\n")
    report = import_dnc(db_engine, caller, dnc_file)
    assert (report.numbers, report.added, report.prospects_flagged) == (2, 2, 1)
    assert prospects.show_prospect(db_engine, caller, jane).do_not_call
    with pytest.raises(DoNotCallError):
        tracking.log_voicemail(
            db_engine, caller, find_prospect(db_engine, caller, "Jane Doe"), "value_tip", SCRIPT
        )
    later = prospects.add_prospect(db_engine, caller, "Sam", phone="312-555-0199")
    assert later.do_not_call  # the list applies to prospects added afterwards too
    assert import_dnc(db_engine, caller, dnc_file).added == 0


def test_dnc_bare_list_and_bad_numbers(db_engine: Engine, caller: Caller, tmp_path: Path) -> None:
    bare = tmp_path / "bare.txt"
    bare.write_text("704-333-1112\n617 253 1000\n")
    assert import_dnc(db_engine, caller, bare).added == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("phone\n704-333-1112\nnot a number\n")
    with pytest.raises(ImportFileError) as caught:
        import_dnc(db_engine, caller, bad)
    assert caught.value.problems == [(3, "unparseable phone number 'not a number'")]


def _count(engine: Engine, table: type) -> int:
    with read_session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_forget_leaves_no_trace(db_engine: Engine, caller: Caller, jane: int, db_url: str) -> None:
    keep = prospects.add_prospect(db_engine, caller, "Keep Me", phone="617-253-1000").id
    for i in range(3):
        tracking.log_voicemail(
            db_engine,
            caller,
            jane,
            "value_tip",
            SCRIPT,
            at=T0 + timedelta(i),
        )
    tracking.log_voicemail(
        db_engine,
        caller,
        keep,
        "value_tip",
        "Hi, call 617-555-0100.",
    )
    tracking.log_callback(db_engine, caller, jane)
    report = prospects.forget_prospect(
        db_engine, caller, find_prospect(db_engine, caller, "Jane Doe")
    )
    assert (report.voicemails, report.callbacks) == (3, 1)
    assert (_count(db_engine, Prospect), _count(db_engine, Voicemail)) == (1, 1)
    assert _count(db_engine, Callback) == 0
    with read_session(db_engine) as s:  # nothing anywhere mentions her
        dump = "\n".join(
            str(row)
            for table in ("prospect", "voicemail", "callback", "rep", "team", "do_not_call")
            for row in s.execute(text(f"SELECT * FROM {table}"))
        )
    assert "Jane" not in dump and "7043331112" not in dump and "Keep Me" in dump
    if db_engine.dialect.name == "sqlite":  # not even in free pages or the WAL (secure_delete)
        db_engine.dispose()
        raw = b"".join(p.read_bytes() for p in Path(db_url[len("sqlite:///") :]).parent.glob("*"))
        assert b"Jane" not in raw and b"+17043331112" not in raw and b"Keep Me" in raw
