"""The audit log of corrections: what changed, who changed it and when; reading it; undoing.

Every edit and delete (corrections.py) is one entry with the values before and
after (a delete keeps a copy of every row it removed). A manager reads the team's
log; anyone undoes their own last change, and a manager any change of the team.
A change is undone only while it is the last standing change to its record and
the record still holds what the change left (nothing edited it behind the log's
back), so an undo never overwrites a later correction. An undo is logged too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from callworthy.errors import ChangeStateError, DatabaseError, UnknownRecordError
from callworthy.services.caller import Caller
from callworthy.services.paging import (
    PAGE_SIZE,
    NumberedPage,
    Page,
    check_limit,
    check_page_number,
    decode_cursor,
    page_count,
    page_of,
)
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import audit_queries as aq
from callworthy.storage import queries
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import AuditEntry, Callback, Prospect, Voicemail, utc_now

_TABLES: dict[str, type[Prospect] | type[Voicemail] | type[Callback]] = {
    "prospect": Prospect,
    "voicemail": Voicemail,
    "callback": Callback,
}


@dataclass(frozen=True, slots=True)
class ChangeRecord(_Dumpable):
    """One entry of the audit log: a correction (or the undo of one), as the surfaces show it."""

    id: int
    at: Timestamp
    who: str
    action: str
    """edit | delete | undo."""
    kind: str
    """prospect | voicemail | callback."""
    record_id: int
    prospect_id: int
    subject: str
    """The prospect's name when the change was made."""
    summary: str
    """The change in words: "Edited voicemail #5 of Jane Doe: strategy, script"."""
    before: dict[str, Any] | None
    """The fields an edit changed, as they were; a delete: every row it removed."""
    after: dict[str, Any] | None
    """The fields an edit changed, as they became (None for a delete)."""
    undoes: int | None
    """For an undo: the change it reverted."""
    undone_at: Timestamp | None
    """When this change was undone; None while it stands."""


def _summary(entry: AuditEntry) -> str:
    what = f"{entry.kind} #{entry.record_id}"
    of = f" ({entry.subject})" if entry.kind == "prospect" else f" of {entry.subject}"
    if entry.action == "edit":
        return f"Edited {what}{of}: {', '.join(sorted(entry.after or {}))}"
    if entry.action == "delete":
        removed = entry.before or {}
        extra = [
            f"{len(rows)} {key if len(rows) > 1 else key[:-1]}"
            for key, rows in sorted(removed.items())
            if rows and key[:-1] != entry.kind and key != "assignments"
        ]
        return f"Deleted {what}{of}" + (f" with {', '.join(extra)}" if extra else "")
    return f"Undid change #{entry.undoes_id} to {what}{of}"


def change_record(entry: AuditEntry) -> ChangeRecord:
    """Return the record the surfaces show for an audit entry."""
    return ChangeRecord(
        id=entry.id,
        at=entry.at,
        who=entry.actor,
        action=entry.action,
        kind=entry.kind,
        record_id=entry.record_id,
        prospect_id=entry.prospect_id,
        subject=entry.subject,
        summary=_summary(entry),
        before=entry.before,
        after=entry.after,
        undoes=entry.undoes_id,
        undone_at=entry.undone_at,
    )


def record_change(
    session: Session,
    caller: Caller,
    action: str,
    kind: str,
    record_id: int,
    prospect: Prospect,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> ChangeRecord:
    """Log one correction made by the caller, inside the transaction that made it."""
    entry = aq.add_entry(
        session,
        team_id=caller.team_id,
        rep_id=caller.rep_id,
        actor=caller.rep,
        at=utc_now(),
        action=action,
        kind=kind,
        record_id=record_id,
        prospect_id=prospect.id,
        subject=prospect.name[:200],
        before=before,
        after=after,
    )
    return change_record(entry)


# --- Reading the log ------------------------------------------------------------------------


def change_page(
    engine: Engine, caller: Caller, *, cursor: str | None = None, limit: int | None = None
) -> Page[ChangeRecord]:
    """Return one page of the team's audit log, newest first (managers; the API's list)."""
    caller.require_manager("read the team's changes")
    size = check_limit(limit)
    after = decode_cursor(cursor, (int,))
    with read_session(engine) as session:
        rows = aq.entries_before(session, caller.team_id, after[0] if after else None, size + 1)
    shown, following = page_of(rows, size, lambda e: (e.id,))
    return Page(tuple(change_record(e) for e in shown), following)


def numbered_changes(
    engine: Engine, caller: Caller, page: int | None = None
) -> NumberedPage[ChangeRecord]:
    """Return one numbered page of the team's audit log, newest first (the managers' page)."""
    caller.require_manager("read the team's changes")
    number = check_page_number(page)
    with read_session(engine) as session:
        total = aq.count_entries(session, caller.team_id)
        number = min(number, page_count(total))
        rows = aq.entries_before(session, caller.team_id, None, PAGE_SIZE, (number - 1) * PAGE_SIZE)
    return NumberedPage(tuple(change_record(e) for e in rows), number, page_count(total), total)


def get_change(engine: Engine, caller: Caller, change_id: int) -> ChangeRecord | None:
    """Return a change the caller may see (their own; a manager: the team's), else None."""
    with read_session(engine) as session:
        entry = aq.entry_of_team(session, caller.team_id, change_id)
    if entry is None or not (caller.is_manager or entry.rep_id == caller.rep_id):
        return None
    return change_record(entry)


def last_change(engine: Engine, caller: Caller) -> ChangeRecord | None:
    """Return the caller's own newest change still standing (what "Undo" would undo), or None."""
    with read_session(engine) as session:
        entry = aq.standing(session, caller.team_id, caller.rep_id)
    return change_record(entry) if entry is not None else None


# --- Undo -----------------------------------------------------------------------------------


def _target(session: Session, caller: Caller, change_id: int | None) -> AuditEntry:
    """Return the change to undo: the one named (theirs, or any for a manager) or their last."""
    if change_id is None:
        entry = aq.standing(session, caller.team_id, caller.rep_id)
        if entry is None:
            raise ChangeStateError("You have no change to undo.", "Make a correction first.")
        return entry
    entry = aq.entry_of_team(session, caller.team_id, change_id)
    if entry is None or not (caller.is_manager or entry.rep_id == caller.rep_id):
        raise UnknownRecordError(f"No change #{change_id}.", "Check the number in the log.")
    if entry.action == "undo":
        raise ChangeStateError(
            f"Change #{entry.id} is an undo.", "Make the correction again instead."
        )
    if entry.undone_at is not None:
        raise ChangeStateError(f"Change #{entry.id} was undone already.", "Nothing to do.")
    return entry


def _refuse_if_changed_since(session: Session, entry: AuditEntry) -> None:
    later = aq.later_change(session, entry)
    if later is not None:
        raise ChangeStateError(
            f"The {entry.kind} #{entry.record_id} was changed again since (change #{later.id}).",
            "Undo that change first.",
        )


def _revert_edit(session: Session, entry: AuditEntry) -> None:
    table = _TABLES[entry.kind]
    row = session.get(table, entry.record_id)
    if row is None:
        raise ChangeStateError(
            f"The {entry.kind} #{entry.record_id} is gone: it was deleted since.",
            "Undo its deletion first.",
        )
    after = entry.after or {}
    if any(aq.jsonable(getattr(row, key)) != value for key, value in after.items()):
        raise ChangeStateError(
            f"The {entry.kind} #{entry.record_id} no longer holds what change #{entry.id} left.",
            "Correct it by hand instead.",
        )
    for key, value in aq.revive(table.__table__, entry.before or {}).items():  # type: ignore[arg-type]
        setattr(row, key, value)


def _restore_delete(session: Session, entry: AuditEntry) -> None:
    removed = entry.before or {}
    owner = session.get(Prospect, entry.prospect_id) if entry.kind != "prospect" else None
    if entry.kind != "prospect" and (owner is None or owner.created_at > entry.at):
        # Gone, or its id now names a newer prospect (SQLite reuses the highest id).
        raise ChangeStateError(
            f"The prospect {entry.subject} of this {entry.kind} is gone: deleted since.",
            "Undo the prospect's deletion first.",
        )
    for row in removed.get("prospects", []):
        same = (
            queries.prospect_by_phone(session, entry.team_id, row["phone"])
            if row["phone"]
            else None
        )
        if same is not None:
            raise ChangeStateError(
                f"#{same.id} {same.name} now has {row['phone']}, the number of {row['name']}.",
                "Change or delete that prospect's number first.",
            )
    ids = [r["external_id"] for key in ("voicemails", "callbacks") for r in removed.get(key, [])]
    taken = queries.existing_external_ids(session, [i for i in ids if i])
    if taken:
        raise ChangeStateError(
            f"Activities with the same CRM ids were imported since ({sorted(taken)[0]}).",
            "Delete those first.",
        )
    aq.restore(session, removed)


def undo(engine: Engine, caller: Caller, change_id: int | None = None) -> ChangeRecord:
    """Undo a change: the caller's own last one, or the one named (a manager: any of the team).

    Returns the undo's own entry in the log.
    """

    def work(session: Session) -> ChangeRecord:
        entry = _target(session, caller, change_id)
        _refuse_if_changed_since(session, entry)
        if entry.action == "edit":
            _revert_edit(session, entry)
        else:
            _restore_delete(session, entry)
        now: datetime = utc_now()
        entry.undone_at = now
        undone = aq.add_entry(
            session,
            team_id=caller.team_id, rep_id=caller.rep_id, actor=caller.rep, at=now,
            action="undo", kind=entry.kind, record_id=entry.record_id,
            prospect_id=entry.prospect_id, subject=entry.subject,
            before=entry.after, after=entry.before, undoes_id=entry.id,
        )  # fmt: skip
        return change_record(undone)

    try:
        return run_write(engine, work)
    except DatabaseError as exc:
        if isinstance(exc.__cause__, IntegrityError):  # a unique value taken meanwhile
            raise ChangeStateError(
                "Another record now holds a value this change would bring back.",
                "Correct it by hand instead.",
            ) from exc
        raise
