"""The inserts of a CRM import and of a do-not-call list, in bulk, inside the caller's transaction.

The services decide what to add (a plan of rows); these functions write it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from callworthy.storage.queries import chunks, latest_open_voicemail, rep_by_name
from callworthy.storage.tables import Callback, DoNotCall, Prospect, Rep, Voicemail


def rep_ids(session: Session, team_id: int, names: Sequence[str]) -> dict[str, int]:
    """Return the id of each of the team's reps by name, adding the ones not there yet."""
    ids: dict[str, int] = {}
    for name in names:
        rep = rep_by_name(session, team_id, name)
        if rep is None:
            rep = Rep(team_id=team_id, name=name)
            session.add(rep)
            session.flush()
        ids[name] = rep.id
    return ids


def insert_prospects(session: Session, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert prospects (column -> value) in one statement; return their ids, in order."""
    if not rows:
        return []
    query = insert(Prospect).returning(Prospect.id, sort_by_parameter_order=True)
    return list(session.scalars(query, list(rows)))


def insert_voicemails(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert voicemails (column -> value) in one statement."""
    if rows:
        session.execute(insert(Voicemail), list(rows))


def insert_callback(
    session: Session, prospect_id: int, at: datetime, *, unmatched: bool = True, **values: Any
) -> bool:
    """Insert a callback, matched to the prospect's latest voicemail still open at that time.

    Without `unmatched`, a callback that answers no voicemail is not inserted (False).
    """
    voicemail = latest_open_voicemail(session, prospect_id, before=at)
    if voicemail is None and not unmatched:
        return False
    session.execute(
        insert(Callback).values(
            prospect_id=prospect_id,
            voicemail_id=voicemail.id if voicemail else None,
            at=at,
            **values,
        )
    )
    return True


def block_numbers(session: Session, team_id: int, numbers: Sequence[str], source: str) -> None:
    """Add numbers to the team's do-not-call list (they are not on it yet)."""
    if numbers:
        rows = [{"team_id": team_id, "phone": n, "source": source} for n in numbers]
        session.execute(insert(DoNotCall), rows)


def flag_do_not_call(session: Session, team_id: int, numbers: Sequence[str]) -> None:
    """Mark the team's prospects with any of these numbers do-not-call."""
    for part in chunks(numbers):
        session.execute(
            update(Prospect)
            .where(Prospect.team_id == team_id, Prospect.phone.in_(part))
            .values(do_not_call=True)
        )
