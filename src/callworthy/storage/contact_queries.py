"""Queries for the prospect list's work view: each prospect's contact times, in two reads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from callworthy.storage.queries import ProspectFilter, _filtered
from callworthy.storage.tables import Callback, Prospect, Voicemail


def listed_prospects(session: Session, wanted: ProspectFilter) -> list[tuple[int, str, bool]]:
    """Return the id, name and do-not-call flag of every prospect the filter shows."""
    query = _filtered(session, wanted).with_only_columns(
        Prospect.id, Prospect.name, Prospect.do_not_call
    )
    return [(row[0], row[1], bool(row[2])) for row in session.execute(query)]


def contact_times(
    session: Session, wanted: ProspectFilter
) -> tuple[dict[int, list[datetime]], dict[int, list[datetime]]]:
    """Return, per prospect the filter shows, when voicemails were left and callbacks came."""
    shown = _filtered(session, wanted).with_only_columns(Prospect.id).subquery()
    voicemails: dict[int, list[datetime]] = defaultdict(list)
    callbacks: dict[int, list[datetime]] = defaultdict(list)
    left = select(Voicemail.prospect_id, Voicemail.left_at).where(
        Voicemail.prospect_id.in_(select(shown.c.id))
    )
    for prospect_id, at in session.execute(left):
        voicemails[prospect_id].append(at)
    back = select(Callback.prospect_id, Callback.at).where(
        Callback.prospect_id.in_(select(shown.c.id))
    )
    for prospect_id, at in session.execute(back):
        callbacks[prospect_id].append(at)
    return voicemails, callbacks


def prospects_by_id(session: Session, ids: Sequence[int]) -> list[Prospect]:
    """Return the prospects with these ids, in the order given."""
    if not ids:
        return []
    found = {p.id: p for p in session.scalars(select(Prospect).where(Prospect.id.in_(ids)))}
    return [found[i] for i in ids if i in found]
