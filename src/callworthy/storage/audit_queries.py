"""Queries for corrections: records with their prospect, snapshots, restores, the audit log.

A snapshot is a row as JSON (time stamps as ISO 8601 text), so a deleted record
can be written back exactly by an undo; `restore` re-inserts snapshots under their
old ids when those are free (always on PostgreSQL, whose ids are never reused) and
under new ones otherwise, keeping the links between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from callworthy.storage.queries import fits
from callworthy.storage.tables import (
    Assignment,
    AuditEntry,
    Base,
    Callback,
    Prospect,
    UtcDateTime,
    Voicemail,
)

#: The tables a delete can remove rows of, by the key their snapshots are kept under.
TABLES: dict[str, Table] = {
    "prospects": Prospect.__table__,  # type: ignore[dict-item]
    "voicemails": Voicemail.__table__,  # type: ignore[dict-item]
    "callbacks": Callback.__table__,  # type: ignore[dict-item]
    "assignments": Assignment.__table__,  # type: ignore[dict-item]
}


def jsonable(value: Any) -> Any:
    """Return a column value as JSON can hold it (a time stamp as ISO 8601 text)."""
    return value.isoformat() if isinstance(value, datetime) else value


def snapshot(row: Base) -> dict[str, Any]:
    """Return every column of a row as JSON-ready values."""
    table: Table = row.__table__  # type: ignore[assignment]
    return {column.key: jsonable(getattr(row, column.key)) for column in table.columns}


def revive(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """Return snapshot values as the columns take them (ISO text back to time stamps)."""
    out = dict(values)
    for column in table.columns:
        value = out.get(column.key)
        if isinstance(column.type, UtcDateTime) and isinstance(value, str):
            out[column.key] = datetime.fromisoformat(value)
    return out


def voicemail_of_team(
    session: Session, team_id: int, voicemail_id: int
) -> tuple[Voicemail, Prospect] | None:
    """Return a voicemail of the team with its prospect, or None."""
    if not fits(voicemail_id):
        return None
    query = (
        select(Voicemail, Prospect)
        .join(Prospect, Prospect.id == Voicemail.prospect_id)
        .where(Voicemail.id == voicemail_id, Prospect.team_id == team_id)
    )
    found = session.execute(query).first()
    return (found[0], found[1]) if found else None


def callback_of_team(
    session: Session, team_id: int, callback_id: int
) -> tuple[Callback, Prospect] | None:
    """Return a callback of the team with its prospect, or None."""
    if not fits(callback_id):
        return None
    query = (
        select(Callback, Prospect)
        .join(Prospect, Prospect.id == Callback.prospect_id)
        .where(Callback.id == callback_id, Prospect.team_id == team_id)
    )
    found = session.execute(query).first()
    return (found[0], found[1]) if found else None


def _assignments(session: Session, column: Any, ids: Sequence[int]) -> list[Assignment]:
    return list(session.scalars(select(Assignment).where(column.in_(list(ids))))) if ids else []


def delete_voicemail(session: Session, voicemail: Voicemail) -> dict[str, list[dict[str, Any]]]:
    """Delete a voicemail and the callbacks answering it; return what was removed.

    The experiment assignments that pointed at it keep their draw (the sample-ratio
    check counts draws) and lose the link, which the snapshot keeps for an undo.
    """
    callbacks = list(session.scalars(select(Callback).where(Callback.voicemail_id == voicemail.id)))
    links = _assignments(session, Assignment.voicemail_id, [voicemail.id])
    removed = {
        "voicemails": [snapshot(voicemail)],
        "callbacks": [snapshot(c) for c in callbacks],
        "assignments": [snapshot(a) for a in links],
    }
    session.execute(delete(Callback).where(Callback.voicemail_id == voicemail.id))
    session.execute(update(Assignment).where(Assignment.voicemail_id == voicemail.id).values(
        voicemail_id=None
    ))  # fmt: skip
    session.execute(delete(Voicemail).where(Voicemail.id == voicemail.id))
    return removed


def delete_callback(session: Session, callback: Callback) -> dict[str, list[dict[str, Any]]]:
    """Delete one callback; return what was removed."""
    removed = {"callbacks": [snapshot(callback)]}
    session.execute(delete(Callback).where(Callback.id == callback.id))
    return removed


def delete_prospect(session: Session, prospect: Prospect) -> dict[str, list[dict[str, Any]]]:
    """Delete a prospect with its voicemails, callbacks and assignments; return them all."""
    voicemails = list(
        session.scalars(select(Voicemail).where(Voicemail.prospect_id == prospect.id))
    )
    callbacks = list(session.scalars(select(Callback).where(Callback.prospect_id == prospect.id)))
    draws = _assignments(session, Assignment.prospect_id, [prospect.id])
    removed = {
        "prospects": [snapshot(prospect)],
        "voicemails": [snapshot(v) for v in voicemails],
        "callbacks": [snapshot(c) for c in callbacks],
        "assignments": [snapshot(a) for a in draws],
    }
    session.execute(delete(Assignment).where(Assignment.prospect_id == prospect.id))
    session.execute(delete(Callback).where(Callback.prospect_id == prospect.id))
    session.execute(delete(Voicemail).where(Voicemail.prospect_id == prospect.id))
    session.execute(delete(Prospect).where(Prospect.id == prospect.id))
    return removed


def _free(session: Session, table: Table, row_id: Any) -> bool:
    return session.execute(select(table.c.id).where(table.c.id == row_id)).first() is None


def _insert(session: Session, table: Table, values: dict[str, Any], keep_id: bool) -> Any:
    row = revive(table, values)
    if not keep_id:
        row.pop("id")
    return session.execute(insert(table).values(**row).returning(table.c.id)).scalar_one()


#: The order rows go back in, and the columns of each that point at a row restored before.
_LINKS: tuple[tuple[str, dict[str, str]], ...] = (
    ("prospects", {}),
    ("voicemails", {"prospect_id": "prospects"}),
    ("callbacks", {"prospect_id": "prospects", "voicemail_id": "voicemails"}),
)


def restore(session: Session, removed: dict[str, list[dict[str, Any]]]) -> None:
    """Write deleted rows back: prospects, voicemails, callbacks, then re-link assignments.

    A row goes back under its old id when that is free; otherwise under a new one, and
    the rows that pointed at it are written pointing at the new id.
    """
    new_ids: dict[tuple[str, Any], Any] = {}
    for key, link in _LINKS:
        table = TABLES[key]
        for values in removed.get(key, []):
            row = dict(values)
            for column, parent in link.items():
                row[column] = new_ids.get((parent, row[column]), row[column])
            new_ids[(key, values["id"])] = _insert(
                session, table, row, _free(session, table, row["id"])
            )
    assignments = TABLES["assignments"]
    for values in removed.get("assignments", []):
        row = dict(values)
        row["prospect_id"] = new_ids.get(("prospects", row["prospect_id"]), row["prospect_id"])
        row["voicemail_id"] = new_ids.get(("voicemails", row["voicemail_id"]), row["voicemail_id"])
        if _free(session, assignments, row["id"]):
            _insert(session, assignments, row, True)
        else:  # the draw was kept (a voicemail's delete): give it its voicemail back
            session.execute(update(assignments).where(assignments.c.id == row["id"]).values(
                voicemail_id=row["voicemail_id"]
            ))  # fmt: skip


def add_entry(session: Session, **values: Any) -> AuditEntry:
    """Insert one audit entry."""
    entry = AuditEntry(**values)
    session.add(entry)
    session.flush()
    return entry


def entry_of_team(session: Session, team_id: int, entry_id: int) -> AuditEntry | None:
    """Return one of the team's audit entries, or None."""
    if not fits(entry_id):
        return None
    query = select(AuditEntry).where(AuditEntry.team_id == team_id, AuditEntry.id == entry_id)
    return session.scalars(query).first()


def standing(session: Session, team_id: int, rep_id: int | None = None) -> AuditEntry | None:
    """Return the newest change (edit or delete) not undone: the team's, or one rep's."""
    query = select(AuditEntry).where(
        AuditEntry.team_id == team_id,
        AuditEntry.action != "undo",
        AuditEntry.undone_at.is_(None),
    )
    if rep_id is not None:
        query = query.where(AuditEntry.rep_id == rep_id)
    return session.scalars(query.order_by(AuditEntry.id.desc()).limit(1)).first()


def later_change(session: Session, entry: AuditEntry) -> AuditEntry | None:
    """Return a change to the same record made after this one and still standing, if any."""
    query = select(AuditEntry).where(
        AuditEntry.team_id == entry.team_id,
        AuditEntry.kind == entry.kind,
        AuditEntry.record_id == entry.record_id,
        AuditEntry.id > entry.id,
        AuditEntry.action != "undo",
        AuditEntry.undone_at.is_(None),
    )
    return session.scalars(query.order_by(AuditEntry.id).limit(1)).first()


def entries_before(
    session: Session, team_id: int, before_id: int | None, limit: int, offset: int = 0
) -> list[AuditEntry]:
    """Return the team's audit entries, newest first, older than an id (a keyset page)."""
    query = select(AuditEntry).where(AuditEntry.team_id == team_id)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    query = query.order_by(AuditEntry.id.desc()).offset(offset).limit(limit)
    return list(session.scalars(query))


def count_entries(session: Session, team_id: int) -> int:
    """Return how many audit entries the team has."""
    query = select(func.count()).select_from(AuditEntry).where(AuditEntry.team_id == team_id)
    return int(session.scalar(query) or 0)


def forget_entries(session: Session, prospect: Prospect) -> int:
    """Erase every audit entry about a prospect (forgetting them keeps no copy); return how many.

    Only entries made since they were added: on SQLite a deleted prospect's id can be
    given to a newer one, and the older prospect's entries are not this one's.
    """
    query = delete(AuditEntry).where(
        AuditEntry.prospect_id == prospect.id, AuditEntry.at >= prospect.created_at
    )
    found = session.execute(query)
    return int(found.rowcount or 0)  # type: ignore[attr-defined]
