"""Corrections on both backends: edit and delete, the audit log, undo, and the stats kept whole."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from callworthy.errors import (
    ChangeStateError,
    DuplicateProspectError,
    InvalidFieldError,
    PermissionDeniedError,
    UnknownProspectError,
    UnknownRecordError,
)
from callworthy.services import audit, corrections, experiments, prospects, tracking
from callworthy.services.caller import Caller
from callworthy.services.database import identify

SCRIPT = "Jane, three ways to fill your chairs this spring; call me at 704-333-1112."
LEAD = (
    "Jane, it's Ana at Acme, 704-333-1112. A builder I met yesterday needs a logistics "
    "partner; call me and I'll give you his number. 704-333-1112."
)
WEEK_AGO = datetime.now(UTC) - timedelta(days=7)


def logged(engine: Engine, caller: Caller, name: str = "Jane Doe") -> tuple[int, int, int]:
    """Add a prospect with a voicemail and its callback; return their ids."""
    pid = prospects.add_prospect(engine, caller, name, company="Acme", phone="704-333-1112").id
    vm = tracking.log_voicemail(engine, caller, pid, "value_tip", SCRIPT, at=WEEK_AGO)
    cb = tracking.log_callback(
        engine, caller, pid, outcome="meeting", at=WEEK_AGO + timedelta(hours=2)
    )
    return pid, vm.id, cb.id


def test_a_mis_clicked_meeting_is_corrected_logged_and_undone(
    db_engine: Engine, caller: Caller
) -> None:
    _, _, cb = logged(db_engine, caller)
    fixed = corrections.edit_callback(db_engine, caller, cb, {"outcome": "returned"})
    assert fixed.record.outcome == "returned"
    assert fixed.change is not None and fixed.change.before == {"outcome": "meeting"}
    assert fixed.change.after == {"outcome": "returned"} and fixed.change.who == "alice"
    assert fixed.change.summary == f"Edited callback #{cb} of Jane Doe: outcome"
    undone = audit.undo(db_engine, caller)  # the caller's own last change
    assert undone.action == "undo" and undone.undoes == fixed.change.id
    assert (
        tracking.history(db_engine, caller, fixed.record.prospect_id).callbacks[0].outcome
        == "meeting"
    )
    with pytest.raises(ChangeStateError, match="no change to undo"):
        audit.undo(db_engine, caller)
    log = audit.change_page(db_engine, caller)
    assert [c.action for c in log.items] == ["undo", "edit"] and log.items[1].undone_at is not None


def test_an_edited_script_is_critiqued_again_and_nothing_changed_logs_nothing(
    db_engine: Engine, caller: Caller
) -> None:
    _, vm, _ = logged(db_engine, caller)
    before = tracking.history(db_engine, caller, 1).voicemails[0]
    edited = corrections.edit_voicemail(
        db_engine, caller, vm, {"script": LEAD, "strategy": "sales_lead"}
    )
    assert edited.record.script == LEAD and edited.record.strategy == "sales_lead"
    assert edited.record.score != before.score  # scored with the caller's rules again
    assert edited.change is not None and set(edited.change.after or {}) == {
        "script",
        "score",
        "strategy",
    }
    same = corrections.edit_voicemail(db_engine, caller, vm, {"strategy": "sales_lead"})
    assert same.change is None
    with pytest.raises(InvalidFieldError) as caught:
        corrections.edit_voicemail(db_engine, caller, vm, {"script": "a\x00b"})
    assert caught.value.field == "script"
    with pytest.raises(InvalidFieldError) as unknown:
        corrections.edit_voicemail(db_engine, caller, vm, {"score": 100})
    assert unknown.value.field == "score"


def test_a_prospects_profile_is_edited_with_the_same_checks_as_adding(
    db_engine: Engine, caller: Caller
) -> None:
    pid, _, _ = logged(db_engine, caller)
    other = prospects.add_prospect(db_engine, caller, "Bo", phone="617-253-1000").id
    changed = corrections.edit_prospect(
        db_engine,
        caller,
        pid,
        {"company": "Acme Logistics", "phone": "(303) 499-7111", "tags": ["hot"]},
    )
    assert changed.record.company == "Acme Logistics" and changed.record.phone == "+13034997111"
    assert changed.record.time_zone == "America/Denver" and changed.record.tags == ("hot",)
    with pytest.raises(DuplicateProspectError):
        corrections.edit_prospect(db_engine, caller, other, {"phone": "303-499-7111"})
    with pytest.raises(InvalidFieldError) as caught:
        corrections.edit_prospect(db_engine, caller, pid, {"name": "N" * 201})
    assert caught.value.field == "name"
    audit.undo(db_engine, caller)
    back = prospects.show_prospect(db_engine, caller, pid)
    assert (back.company, back.phone, back.tags) == ("Acme", "+17043331112", ())


def test_a_deleted_voicemail_leaves_the_stats_with_its_callbacks_and_comes_back(
    db_engine: Engine, caller: Caller
) -> None:
    pid, vm, cb = logged(db_engine, caller)

    def counts() -> tuple[int, int]:
        report = experiments.stats(db_engine, caller, now=datetime.now(UTC), window_days=3)
        row = next((r for r in report.rows if r.strategy == "value_tip"), None)
        return (row.voicemails, row.callbacks) if row else (0, 0)

    assert counts() == (1, 1)
    deleted = corrections.delete_voicemail(db_engine, caller, vm)
    assert deleted.summary == f"Deleted voicemail #{vm} of Jane Doe with 1 callback"
    assert counts() == (0, 0)
    history = tracking.history(db_engine, caller, pid)
    assert history.voicemails == () and history.callbacks == ()  # its callback went with it
    audit.undo(db_engine, caller, deleted.id)
    restored = tracking.history(db_engine, caller, pid)
    assert [v.id for v in restored.voicemails] == [vm] and [c.id for c in restored.callbacks] == [
        cb
    ]
    assert restored.callbacks[0].voicemail_id == vm and counts() == (1, 1)


def test_a_deleted_prospect_comes_back_whole_unless_their_number_was_taken(
    db_engine: Engine, caller: Caller
) -> None:
    pid, vm, cb = logged(db_engine, caller)
    gone = corrections.delete_prospect(db_engine, caller, pid)
    with pytest.raises(UnknownProspectError):
        prospects.show_prospect(db_engine, caller, pid)
    taker = prospects.add_prospect(db_engine, caller, "Squatter", phone="704-333-1112").id
    with pytest.raises(ChangeStateError, match="now has \\+17043331112"):
        audit.undo(db_engine, caller, gone.id)
    prospects.forget_prospect(db_engine, caller, taker)
    audit.undo(db_engine, caller, gone.id)
    history = tracking.history(db_engine, caller, pid)
    assert history.prospect.name == "Jane Doe"
    assert [v.id for v in history.voicemails] == [vm] and [c.id for c in history.callbacks] == [cb]


def test_an_undo_never_overwrites_a_later_change(db_engine: Engine, caller: Caller) -> None:
    _, _, cb = logged(db_engine, caller)
    first = corrections.edit_callback(db_engine, caller, cb, {"outcome": "returned"}).change
    second = corrections.edit_callback(db_engine, caller, cb, {"notes": "asked for a quote"}).change
    assert first is not None and second is not None
    with pytest.raises(ChangeStateError, match=f"changed again since \\(change #{second.id}\\)"):
        audit.undo(db_engine, caller, first.id)
    audit.undo(db_engine, caller, second.id)
    audit.undo(db_engine, caller, first.id)
    with pytest.raises(ChangeStateError, match="undone already"):
        audit.undo(db_engine, caller, first.id)


def test_who_may_correct_read_the_log_and_undo(db_engine: Engine, caller: Caller) -> None:
    manager = caller
    rob = replace(identify(db_engine, "rob"), role="rep")
    rae = replace(identify(db_engine, "rae"), role="rep")
    pid, vm, cb = logged(db_engine, rob)
    for attempt in (
        lambda: corrections.edit_voicemail(db_engine, rae, vm, {"strategy": "other"}),
        lambda: corrections.delete_callback(db_engine, rae, cb),
        lambda: corrections.edit_prospect(db_engine, rae, pid, {"name": "Mine now"}),
    ):
        with pytest.raises((UnknownRecordError, UnknownProspectError)):  # 404, as if missing
            attempt()
    robs = corrections.edit_voicemail(db_engine, rob, vm, {"strategy": "other"}).change
    assert robs is not None
    with pytest.raises(UnknownRecordError):
        audit.undo(db_engine, rae, robs.id)  # another rep's change is not theirs to know
    with pytest.raises(PermissionDeniedError):
        audit.change_page(db_engine, rob)  # the log is the manager's to read
    assert audit.last_change(db_engine, rob) == robs
    assert audit.change_page(db_engine, manager).items[0].id == robs.id
    audit.undo(db_engine, manager, robs.id)  # a manager undoes any change of the team
    assert tracking.history(db_engine, rob, pid).voicemails[0].strategy == "value_tip"


def test_forgetting_a_prospect_erases_the_logs_copies_too(
    db_engine: Engine, caller: Caller
) -> None:
    pid, vm, _ = logged(db_engine, caller)
    corrections.delete_voicemail(db_engine, caller, vm)
    assert audit.change_page(db_engine, caller).items
    prospects.forget_prospect(db_engine, caller, pid)
    assert audit.change_page(db_engine, caller).items == ()
