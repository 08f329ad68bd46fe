"""Reusable queries over the tables: lookups, history, open voicemails, export rows.

Each function takes a Session and plain values and returns ORM rows or tuples;
turning them into the services' values is the services' job.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    cast,
    delete,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from callworthy.storage.tables import (
    Callback,
    DoNotCall,
    PhoneTestResult,
    Prospect,
    Rep,
    Team,
    Voicemail,
)

#: Largest IN (...) list sent in one statement (SQLite's variable limit is far above).
CHUNK = 500
#: Largest row id: ids are 32-bit integers on PostgreSQL; a larger one matches no row.
MAX_ID = 2**31 - 1


def fits(row_id: int) -> bool:
    """Return True when an id can name a row (1 to MAX_ID); larger ones overflow the column."""
    return 0 < row_id <= MAX_ID


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """Yield consecutive slices of at most size values."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def team_by_name(session: Session, name: str) -> Team | None:
    """Return the team with this name, if any."""
    return session.scalars(select(Team).where(Team.name == name)).first()


def rep_by_name(session: Session, team_id: int, name: str) -> Rep | None:
    """Return the team's rep with this name, if any."""
    return session.scalars(select(Rep).where(Rep.team_id == team_id, Rep.name == name)).first()


def rep_names(session: Session, rep_ids: Iterable[int]) -> dict[int, str]:
    """Return the names of the given reps by id."""
    ids = sorted(set(rep_ids))
    names: dict[int, str] = {}
    for part in chunks(ids):
        rows = session.execute(select(Rep.id, Rep.name).where(Rep.id.in_(part)))
        names.update((rep_id, name) for rep_id, name in rows)
    return names


def team_rep_names(session: Session, team_id: int) -> dict[int, str]:
    """Return the names of every rep of the team by id."""
    rows = session.execute(select(Rep.id, Rep.name).where(Rep.team_id == team_id))
    return {rep_id: name for rep_id, name in rows}


def prospect_by_id(session: Session, team_id: int, prospect_id: int) -> Prospect | None:
    """Return the team's prospect with this id, if any."""
    if not fits(prospect_id):
        return None
    return session.scalars(
        select(Prospect).where(Prospect.team_id == team_id, Prospect.id == prospect_id)
    ).first()


def prospect_by_phone(session: Session, team_id: int, phone: str) -> Prospect | None:
    """Return the team's prospect with this E.164 number, if any."""
    return session.scalars(
        select(Prospect).where(Prospect.team_id == team_id, Prospect.phone == phone)
    ).first()


def prospect_by_external_id(session: Session, team_id: int, external_id: str) -> Prospect | None:
    """Return the team's prospect with this CRM id, if any."""
    return session.scalars(
        select(Prospect).where(Prospect.team_id == team_id, Prospect.external_id == external_id)
    ).first()


def prospects_named(session: Session, team_id: int, name: str) -> list[Prospect]:
    """Return the team's prospects named exactly (any case), else those whose name contains it."""
    lowered = name.strip().lower()
    base = select(Prospect).where(Prospect.team_id == team_id).order_by(Prospect.id)
    exact = list(session.scalars(base.where(func.lower(Prospect.name) == lowered)))
    if exact:
        return exact
    return list(
        session.scalars(base.where(func.lower(Prospect.name).like(_contains(name), escape="\\")))
    )


def list_prospects(session: Session, team_id: int, tag: str | None = None) -> list[Prospect]:
    """Return the team's prospects by name, optionally only those carrying a tag."""
    rows = session.scalars(
        select(Prospect).where(Prospect.team_id == team_id).order_by(Prospect.name, Prospect.id)
    )
    return [p for p in rows if tag is None or tag in (p.tags or [])]


@dataclass(frozen=True, slots=True)
class ProspectFilter:
    """Which of a team's prospects a list shows: an owner's, with a tag, a name containing."""

    team_id: int
    owner_rep_id: int | None = None
    tag: str | None = None
    name: str | None = None
    text: str | None = None
    """Shown when the name, the company or the phone number contains it."""


def _has_tag(session: Session, tag: str) -> ColumnElement[bool]:
    """Return "the prospect carries this tag", in the dialect's JSON functions."""
    if session.get_bind().dialect.name == "sqlite":
        each = func.json_each(Prospect.tags).table_valued("value")
        return exists(select(literal(1)).select_from(each).where(each.c.value == tag))
    return cast(Prospect.tags, JSONB).contains([tag])


def _filtered(session: Session, wanted: ProspectFilter) -> Select[Any]:
    query = select(Prospect).where(Prospect.team_id == wanted.team_id)
    if wanted.owner_rep_id is not None:
        query = query.where(Prospect.owner_rep_id == wanted.owner_rep_id)
    if wanted.tag:
        query = query.where(_has_tag(session, wanted.tag))
    if wanted.name:
        query = query.where(func.lower(Prospect.name).like(_contains(wanted.name), escape="\\"))
    if wanted.text:
        query = query.where(_matches(wanted.text))
    return query


def _matches(text: str) -> ColumnElement[bool]:
    """Return "the name, the company or the phone contains the text" (digits for a phone)."""
    pattern = _contains(text)
    either = [
        func.lower(Prospect.name).like(pattern, escape="\\"),
        func.lower(Prospect.company).like(pattern, escape="\\"),
    ]
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) >= 3:  # "(415) 555" finds +14155550142
        either.append(Prospect.phone.like(f"%{digits}%"))
    return or_(*either)


def _contains(text: str) -> str:
    lowered = text.strip().lower()
    return "%" + lowered.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def prospects_after(
    session: Session, wanted: ProspectFilter, after: tuple[str, int] | None, limit: int
) -> list[Prospect]:
    """Return up to `limit` prospects by (name, id) after a key: one keyset page."""
    query = _filtered(session, wanted)
    if after is not None:
        name, last = after
        query = query.where(
            or_(Prospect.name > name, and_(Prospect.name == name, Prospect.id > last))
        )
    return list(session.scalars(query.order_by(Prospect.name, Prospect.id).limit(limit)))


def prospects_at(
    session: Session, wanted: ProspectFilter, offset: int, limit: int
) -> list[Prospect]:
    """Return up to `limit` prospects by (name, id) from an offset: one numbered page."""
    query = _filtered(session, wanted).order_by(Prospect.name, Prospect.id)
    return list(session.scalars(query.offset(offset).limit(limit)))


def count_prospects(session: Session, wanted: ProspectFilter) -> int:
    """Return how many prospects the filter shows."""
    query = _filtered(session, wanted).with_only_columns(func.count()).order_by(None)
    return int(session.scalar(query) or 0)


def voicemails_of(session: Session, prospect_id: int) -> list[Voicemail]:
    """Return a prospect's voicemails, oldest first (uses the prospect/left_at index)."""
    return list(
        session.scalars(
            select(Voicemail)
            .where(Voicemail.prospect_id == prospect_id)
            .order_by(Voicemail.left_at, Voicemail.id)
        )
    )


def voicemail_by_id(session: Session, team_id: int, voicemail_id: int) -> Voicemail | None:
    """Return the team's voicemail with this id, if any."""
    if not fits(voicemail_id):
        return None
    query = (
        select(Voicemail)
        .join(Prospect, Prospect.id == Voicemail.prospect_id)
        .where(Prospect.team_id == team_id, Voicemail.id == voicemail_id)
    )
    return session.scalars(query).first()


def callbacks_of(session: Session, prospect_id: int) -> list[Callback]:
    """Return a prospect's callbacks, oldest first."""
    return list(
        session.scalars(
            select(Callback)
            .where(Callback.prospect_id == prospect_id)
            .order_by(Callback.at, Callback.id)
        )
    )


def latest_open_voicemail(
    session: Session, prospect_id: int, before: datetime | None = None
) -> Voicemail | None:
    """Return the prospect's newest voicemail that no callback answers yet (left before a time)."""
    answered = select(Callback.id).where(Callback.voicemail_id == Voicemail.id).exists()
    query = select(Voicemail).where(Voicemail.prospect_id == prospect_id, ~answered)
    if before is not None:
        query = query.where(Voicemail.left_at <= before)
    return session.scalars(query.order_by(Voicemail.left_at.desc(), Voicemail.id.desc())).first()


def is_blocked(session: Session, team_id: int, phone: str | None) -> bool:
    """Return True when the number is on the team's do-not-call list."""
    if not phone:
        return False
    found = session.get(DoNotCall, (team_id, phone))
    return found is not None


def existing_external_ids(session: Session, ids: Sequence[str]) -> set[str]:
    """Return which of these external ids a voicemail or callback already carries."""
    found: set[str] = set()
    for part in chunks(ids):
        for column in (Voicemail.external_id, Callback.external_id):
            found.update(session.scalars(select(column).where(column.in_(part))))
    return {f for f in found if f is not None}


def prospect_keys(session: Session, team_id: int) -> list[Row[Any]]:
    """Return (id, external_id, phone, name, company) of every team prospect, for matching."""
    query = select(
        Prospect.id, Prospect.external_id, Prospect.phone, Prospect.name, Prospect.company
    ).where(Prospect.team_id == team_id)
    return list(session.execute(query))


def blocked_numbers(session: Session, team_id: int) -> set[str]:
    """Return every number on the team's do-not-call list."""
    return set(session.scalars(select(DoNotCall.phone).where(DoNotCall.team_id == team_id)))


def export_rows(session: Session, team_id: int) -> Iterator[tuple[str, Any, Prospect]]:
    """Yield ("voicemail", Voicemail, Prospect) and ("callback", Callback, Prospect) by time."""
    voicemails = session.execute(
        select(Voicemail, Prospect)
        .join(Prospect, Voicemail.prospect_id == Prospect.id)
        .where(Prospect.team_id == team_id)
    ).all()
    callbacks = session.execute(
        select(Callback, Prospect)
        .join(Prospect, Callback.prospect_id == Prospect.id)
        .where(Prospect.team_id == team_id)
    ).all()
    rows: list[tuple[str, Any, Prospect]] = [("voicemail", v, p) for v, p in voicemails]
    rows += [("callback", c, p) for c, p in callbacks]
    rows.sort(key=lambda r: (r[1].left_at if r[0] == "voicemail" else r[1].at, r[0] != "voicemail"))
    yield from rows


def prospects_with_phones(session: Session, team_id: int, phones: Sequence[str]) -> list[Prospect]:
    """Return the team's prospects whose number is one of these."""
    found: list[Prospect] = []
    for part in chunks(phones):
        found += session.scalars(
            select(Prospect).where(Prospect.team_id == team_id, Prospect.phone.in_(part))
        )
    return found


def delete_prospect(session: Session, prospect_id: int) -> tuple[int, int]:
    """Delete a prospect with every voicemail and callback; return (voicemails, callbacks)."""
    count = func.count()
    voicemails = session.scalar(select(count).where(Voicemail.prospect_id == prospect_id)) or 0
    callbacks = session.scalar(select(count).where(Callback.prospect_id == prospect_id)) or 0
    session.execute(delete(Callback).where(Callback.prospect_id == prospect_id))
    session.execute(delete(Voicemail).where(Voicemail.prospect_id == prospect_id))
    session.execute(delete(Prospect).where(Prospect.id == prospect_id))
    return voicemails, callbacks


def phone_test_results(session: Session, rep_id: int) -> list[PhoneTestResult]:
    """Return a rep's phone-test sittings, oldest first."""
    query = (
        select(PhoneTestResult)
        .where(PhoneTestResult.rep_id == rep_id)
        .order_by(PhoneTestResult.taken_at, PhoneTestResult.id)
    )
    return list(session.scalars(query))


def all_teams(session: Session) -> Sequence[Team]:
    """Return every team, by name."""
    return session.scalars(select(Team).order_by(Team.name)).all()


def team_reps(session: Session, team_id: int) -> Sequence[Rep]:
    """Return the team's reps, by name."""
    return session.scalars(select(Rep).where(Rep.team_id == team_id).order_by(Rep.name)).all()
