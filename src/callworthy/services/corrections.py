"""Corrections: edit and delete a prospect, a voicemail or a callback, each kept in the audit log.

Who may correct a record is who may see it: its prospect's owner rep or a manager
(`Caller.owner_scope`); another rep's record is "No voicemail #5", exactly as a
missing one. Every field goes through the same checks as when it was first stored
(`fields.check_text`, the phone's normalisation, the strategy id), an edited script
is critiqued again with the caller's rules, and each change is one audit entry with
the values before and after (audit.py reads the log and undoes). Deleting a
voicemail takes the callbacks that answer it along, so the experiments' counts
stay whole: the voicemail no longer counts, nor do its callbacks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.critique import Context, critique
from callworthy.errors import CallworthyError, InvalidFieldError, UnknownRecordError
from callworthy.fields import NOTES, SCRIPT, check_text, parse_time, validate_outcome
from callworthy.services import prospects as prospect_service
from callworthy.services.audit import ChangeRecord, change_record, record_change
from callworthy.services.caller import Caller
from callworthy.services.prospects import get, records
from callworthy.services.strategies import registry_of
from callworthy.services.tracking import callback_record, voicemail_record
from callworthy.services.values import CallbackRecord, ProspectRecord, VoicemailRecord
from callworthy.storage import audit_queries as aq
from callworthy.storage import queries
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Prospect

T = TypeVar("T")

PROSPECT_FIELDS = ("name", "company", "role", "industry", "phone", "humor_ok", "tags")
VOICEMAIL_FIELDS = ("strategy", "script", "left_at")
CALLBACK_FIELDS = ("outcome", "notes", "at")


@dataclass(frozen=True, slots=True)
class Corrected(Generic[T]):
    """A record as it is after an edit, and the change made (None when nothing changed)."""

    record: T
    change: ChangeRecord | None


def _only(changes: Mapping[str, Any], allowed: tuple[str, ...], kind: str) -> None:
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise InvalidFieldError(
            f"A {kind} has no field {unknown[0]!r} to change.",
            f"Change one of: {', '.join(allowed)}.",
            field=unknown[0],
        )


def _diff(row: Any, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set the values on a row; return (before, after) of the fields that really changed."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key, value in values.items():
        old = getattr(row, key)
        if aq.jsonable(old) != aq.jsonable(value):
            before[key], after[key] = aq.jsonable(old), aq.jsonable(value)
            setattr(row, key, value)
    return before, after


def _when(value: str | datetime | None, field: str) -> datetime:
    if value is None or (isinstance(value, datetime) and value.tzinfo is None):
        raise InvalidFieldError(
            "A time is needed, with its zone or in UTC.", "Give one like 2024-03-05T14:30.",
            field=field,
        )  # fmt: skip
    try:
        return parse_time(value) if isinstance(value, str) else value
    except InvalidFieldError as exc:
        exc.field = field
        raise


# --- Prospects ------------------------------------------------------------------------------


def _prospect_values(
    session: Session, caller: Caller, row: Prospect, changes: Mapping[str, Any]
) -> dict[str, Any]:
    """Return the prospect's new column values, checked as when it was added."""
    merged = {f: changes.get(f, getattr(row, f)) for f in PROSPECT_FIELDS}
    prospect_service.check_profile(
        merged["name"], merged["company"], merged["role"], merged["industry"], merged["phone"]
    )
    values: dict[str, Any] = {}
    if "humor_ok" in changes:
        if not isinstance(changes["humor_ok"], bool):
            raise InvalidFieldError(
                "Whether humor suits them is yes or no.", "Give true or false.", field="humor_ok"
            )
        values["humor_ok"] = changes["humor_ok"]
    for field in ("name", "company", "role", "industry"):
        if field in changes:
            text = (changes[field] or "").strip()
            values[field] = text if field == "name" else text or None
    if "tags" in changes:
        values["tags"] = prospect_service.clean_tags(changes["tags"] or ())
    if "phone" in changes and changes["phone"] != row.phone:
        phone, zone = prospect_service.normalise_or_none(changes["phone"])
        same = queries.prospect_by_phone(session, caller.team_id, phone) if phone else None
        if same is not None and same.id != row.id:
            prospect_service.refuse_duplicate(same)
        values.update(phone=phone, time_zone=zone)
        # Never cleared by an edit: a number on the do-not-call list stays off limits.
        values["do_not_call"] = row.do_not_call or queries.is_blocked(
            session, caller.team_id, phone
        )
    return values


def edit_prospect(
    engine: Engine, caller: Caller, prospect_id: int, changes: Mapping[str, Any]
) -> Corrected[ProspectRecord]:
    """Change a prospect's profile (the owner rep or a manager); the change is logged."""
    _only(changes, PROSPECT_FIELDS, "prospect")

    def work(session: Session) -> Corrected[ProspectRecord]:
        row = get(session, caller, prospect_id)
        before, after = _diff(row, _prospect_values(session, caller, row, changes))
        change = None
        if after:
            change = record_change(session, caller, "edit", "prospect", row.id, row, before, after)
        session.flush()
        return Corrected(records(session, [row])[0], change)

    return run_write(engine, work)


def delete_prospect(engine: Engine, caller: Caller, prospect_id: int) -> ChangeRecord:
    """Delete a prospect with their voicemails and callbacks; undoable (their copy is logged).

    To erase someone for good, with every copy, forget them instead.
    """

    def work(session: Session) -> ChangeRecord:
        row = get(session, caller, prospect_id)
        removed = aq.delete_prospect(session, row)
        return record_change(session, caller, "delete", "prospect", row.id, row, removed, None)

    return run_write(engine, work)


# --- Voicemails and callbacks ---------------------------------------------------------------


def _visible_pair(
    found: tuple[Any, Prospect] | None, caller: Caller, kind: str, record_id: int
) -> tuple[Any, Prospect]:
    if found is None or caller.owner_scope not in (None, found[1].owner_rep_id):
        raise UnknownRecordError(
            f"No {kind} #{record_id}.", "Check the number: it is on the prospect's page."
        )
    return found


def voicemail_for_edit(
    engine: Engine, caller: Caller, voicemail_id: int
) -> tuple[VoicemailRecord, ProspectRecord]:
    """Return a voicemail the caller may correct, with its prospect (the Edit page)."""
    with read_session(engine) as session:
        found = aq.voicemail_of_team(session, caller.team_id, voicemail_id)
        row, prospect = _visible_pair(found, caller, "voicemail", voicemail_id)
        reps = queries.rep_names(session, [row.rep_id] if row.rep_id else [])
        return voicemail_record(row, reps), records(session, [prospect])[0]


def callback_for_edit(
    engine: Engine, caller: Caller, callback_id: int
) -> tuple[CallbackRecord, ProspectRecord]:
    """Return a callback the caller may correct, with its prospect (the Edit page)."""
    with read_session(engine) as session:
        found = aq.callback_of_team(session, caller.team_id, callback_id)
        row, prospect = _visible_pair(found, caller, "callback", callback_id)
        return callback_record(row), records(session, [prospect])[0]


def _voicemail_values(
    session: Session, caller: Caller, prospect: Prospect, changes: Mapping[str, Any]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "strategy" in changes:  # one of the team's; said by a person, so no longer inferred
        registry = registry_of(session, caller.team_id)
        values["strategy"] = registry.resolve(str(changes["strategy"] or ""), "strategy")
        values.update(strategy_inferred=False, strategy_confidence=None)
    if "script" in changes:
        script = check_text(SCRIPT, changes["script"]) or ""
        context = Context(prospect_name=prospect.name, company=prospect.company)
        try:
            review = critique(script, rules=caller.rule_set(), context=context)
        except CallworthyError as exc:
            exc.field = "script"
            raise
        values.update(script=script, score=review.score, rules_version=review.rules_version)
    if "left_at" in changes:
        values["left_at"] = _when(changes["left_at"], "left_at")
    return values


def edit_voicemail(
    engine: Engine, caller: Caller, voicemail_id: int, changes: Mapping[str, Any]
) -> Corrected[VoicemailRecord]:
    """Change a voicemail's strategy, script (critiqued again) or time; the change is logged."""
    _only(changes, VOICEMAIL_FIELDS, "voicemail")

    def work(session: Session) -> Corrected[VoicemailRecord]:
        found = aq.voicemail_of_team(session, caller.team_id, voicemail_id)
        row, prospect = _visible_pair(found, caller, "voicemail", voicemail_id)
        before, after = _diff(row, _voicemail_values(session, caller, prospect, changes))
        change = None
        if after:
            change = record_change(
                session, caller, "edit", "voicemail", row.id, prospect, before, after
            )
        session.flush()
        reps = queries.rep_names(session, [row.rep_id] if row.rep_id else [])
        return Corrected(voicemail_record(row, reps), change)

    return run_write(engine, work)


def _callback_values(changes: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "outcome" in changes:
        try:
            values["outcome"] = validate_outcome(str(changes["outcome"])).value
        except InvalidFieldError as exc:
            exc.field = "outcome"
            raise
    if "notes" in changes:
        values["notes"] = check_text(NOTES, changes["notes"] or "") or ""
    if "at" in changes:
        values["at"] = _when(changes["at"], "at")
    return values


def edit_callback(
    engine: Engine, caller: Caller, callback_id: int, changes: Mapping[str, Any]
) -> Corrected[CallbackRecord]:
    """Change a callback's outcome (a mis-clicked "Meeting"), notes or time; logged."""
    _only(changes, CALLBACK_FIELDS, "callback")
    values = _callback_values(changes)

    def work(session: Session) -> Corrected[CallbackRecord]:
        found = aq.callback_of_team(session, caller.team_id, callback_id)
        row, prospect = _visible_pair(found, caller, "callback", callback_id)
        before, after = _diff(row, values)
        change = None
        if after:
            change = record_change(
                session, caller, "edit", "callback", row.id, prospect, before, after
            )
        session.flush()
        return Corrected(callback_record(row), change)

    return run_write(engine, work)


def _delete(
    engine: Engine,
    caller: Caller,
    kind: str,
    record_id: int,
    find: Callable[[Session, int, int], tuple[Any, Prospect] | None],
    remove: Callable[[Session, Any], dict[str, list[dict[str, Any]]]],
) -> ChangeRecord:
    def work(session: Session) -> ChangeRecord:
        row, prospect = _visible_pair(
            find(session, caller.team_id, record_id), caller, kind, record_id
        )
        removed = remove(session, row)
        return record_change(session, caller, "delete", kind, record_id, prospect, removed, None)

    return run_write(engine, work)


def delete_voicemail(engine: Engine, caller: Caller, voicemail_id: int) -> ChangeRecord:
    """Delete a voicemail and the callbacks answering it (they leave the stats); undoable."""
    return _delete(
        engine, caller, "voicemail", voicemail_id, aq.voicemail_of_team, aq.delete_voicemail
    )


def delete_callback(engine: Engine, caller: Caller, callback_id: int) -> ChangeRecord:
    """Delete one callback; undoable."""
    return _delete(engine, caller, "callback", callback_id, aq.callback_of_team, aq.delete_callback)


__all__ = [
    "CALLBACK_FIELDS",
    "PROSPECT_FIELDS",
    "VOICEMAIL_FIELDS",
    "ChangeRecord",
    "Corrected",
    "callback_for_edit",
    "change_record",
    "delete_callback",
    "delete_prospect",
    "delete_voicemail",
    "edit_callback",
    "edit_prospect",
    "edit_voicemail",
    "voicemail_for_edit",
]
