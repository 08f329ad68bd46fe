"""Prospects: add, list, show, find by id/name/phone, and forget (erase everything about one).

Who may see a prospect: the CLI acts for the whole team; on the web a rep sees only
the prospects they own and a manager the whole team (`owner_rep_id`, from `owner_scope`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from callworthy.errors import (
    AmbiguousProspectError,
    DatabaseError,
    DuplicateProspectError,
    InvalidFieldError,
    InvalidPhoneError,
    UnknownProspectError,
)
from callworthy.services.accounts import Account
from callworthy.services.fields import clean, looks_like_phone, normalise_phone
from callworthy.services.values import Actor, ForgetReport, ProspectRecord
from callworthy.storage import queries
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.maintenance import checkpoint
from callworthy.storage.tables import Callback, Prospect, Voicemail


def to_record(prospect: Prospect, owners: dict[int, str]) -> ProspectRecord:
    """Return the record the surfaces show for a stored prospect."""
    return ProspectRecord(
        id=prospect.id,
        name=prospect.name,
        company=prospect.company,
        role=prospect.role,
        industry=prospect.industry,
        phone=prospect.phone,
        time_zone=prospect.time_zone,
        humor_ok=bool(prospect.humor_ok),
        do_not_call=bool(prospect.do_not_call),
        tags=tuple(prospect.tags or ()),
        external_id=prospect.external_id,
        owner=owners.get(prospect.owner_rep_id) if prospect.owner_rep_id else None,
        created_at=prospect.created_at,
    )


def records(session: Session, prospects: Iterable[Prospect]) -> tuple[ProspectRecord, ...]:
    """Return records for several prospects, naming their owners."""
    rows = list(prospects)
    owners = queries.rep_names(session, (p.owner_rep_id for p in rows if p.owner_rep_id))
    return tuple(to_record(p, owners) for p in rows)


def _describe(p: Prospect) -> str:
    return f"#{p.id} {p.name}" + (f" ({p.company})" if p.company else "")


def actor_for(account: Account) -> Actor:
    """Return the Actor a web account acts as (its rep in its team)."""
    return Actor(
        team_id=account.team_id, team=account.team, rep_id=account.rep_id, rep=account.name
    )


def owner_scope(account: Account) -> int | None:
    """Return the rep whose prospects alone the account may see (None: the whole team)."""
    return None if account.is_manager else account.rep_id


def _unknown(text: str) -> UnknownProspectError:
    return UnknownProspectError(f"No prospect {text}.", "Check the number.")


def resolve(
    session: Session,
    team_id: int,
    ref: str,
    region: str = "US",
    *,
    owner_rep_id: int | None = None,
) -> Prospect:
    """Return the prospect a reference means: "#12" or "12", a phone number, or a name.

    With owner_rep_id, another rep's prospect is reported as unknown: its existence
    is not this rep's to know.
    """
    text = (ref or "").strip()

    def mine(p: Prospect | None) -> Prospect | None:
        return p if p is None or owner_rep_id in (None, p.owner_rep_id) else None

    digits = text.removeprefix("#")
    if digits.isdigit() and len(digits) < 7:
        found = mine(queries.prospect_by_id(session, team_id, int(digits)))
        if found is None:
            raise _unknown(f"#{digits}")
        return found
    if looks_like_phone(text):
        try:
            phone, _ = normalise_phone(text, region)
        except InvalidPhoneError:
            phone = None
        found = mine(queries.prospect_by_phone(session, team_id, phone) if phone else None)
        if found is not None:
            return found
    named = queries.prospects_named(session, team_id, text) if text else []
    matches = [p for p in named if mine(p) is not None]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UnknownProspectError(
            f"No prospect matches {text!r}.", "Give an id (#12), a phone number or a name."
        )
    listed = "; ".join(_describe(p) for p in matches[:10])
    raise AmbiguousProspectError(
        f"{text!r} matches {len(matches)} prospects: {listed}.", "Give the #id of one."
    )


def add_prospect(
    engine: Engine,
    actor: Actor,
    name: str,
    *,
    company: str | None = None,
    role: str | None = None,
    industry: str | None = None,
    phone: str | None = None,
    humor_ok: bool = False,
    tags: Iterable[str] = (),
    external_id: str | None = None,
    region: str = "US",
) -> ProspectRecord:
    """Store a new prospect owned by the acting rep (phone in E.164, zone from the number)."""
    if not clean(name):
        raise InvalidFieldError("A prospect needs a name.", "Give the person's name.")
    e164, zone = normalise_phone(phone, region) if clean(phone) else (None, None)
    tag_list = sorted({t.strip() for t in tags if t and t.strip()})

    def work(session: Session) -> ProspectRecord:
        _refuse_duplicate(session, actor.team_id, e164, clean(external_id))
        prospect = Prospect(
            team_id=actor.team_id,
            owner_rep_id=actor.rep_id,
            name=name.strip(),
            company=clean(company),
            role=clean(role),
            industry=clean(industry),
            phone=e164,
            time_zone=zone,
            humor_ok=humor_ok,
            do_not_call=queries.is_blocked(session, actor.team_id, e164),
            tags=tag_list,
            external_id=clean(external_id),
        )
        session.add(prospect)
        session.flush()
        return to_record(prospect, {actor.rep_id: actor.rep})

    try:
        return run_write(engine, work)
    except DatabaseError as exc:
        if isinstance(exc.__cause__, IntegrityError):  # lost a race with another writer
            raise DuplicateProspectError(
                f"{name} is already stored.", "Use the stored prospect."
            ) from exc
        raise


def _refuse_duplicate(session: Session, team_id: int, phone: str | None, ext: str | None) -> None:
    same = queries.prospect_by_phone(session, team_id, phone) if phone else None
    same = same or (queries.prospect_by_external_id(session, team_id, ext) if ext else None)
    if same is not None:
        raise DuplicateProspectError(
            f"{_describe(same)} already has this phone number or CRM id.",
            "Use that prospect, or change the number.",
        )


def list_prospects(
    engine: Engine, actor: Actor, tag: str | None = None, *, owner_rep_id: int | None = None
) -> tuple[ProspectRecord, ...]:
    """Return the team's prospects by name (only one rep's with owner_rep_id), maybe by tag."""
    with read_session(engine) as session:
        rows = queries.list_prospects(session, actor.team_id, tag)
        if owner_rep_id is not None:
            rows = [p for p in rows if p.owner_rep_id == owner_rep_id]
        return records(session, rows)


def show_prospect(
    engine: Engine, actor: Actor, ref: str, *, owner_rep_id: int | None = None
) -> ProspectRecord:
    """Return one prospect, found by id, phone number or name."""
    with read_session(engine) as session:
        found = resolve(session, actor.team_id, ref, owner_rep_id=owner_rep_id)
        return records(session, [found])[0]


def forget_prospect(engine: Engine, actor: Actor, ref: str) -> ForgetReport:
    """Erase a prospect and every voicemail and callback about them (the DNC list is kept)."""

    def work(session: Session) -> ForgetReport:
        prospect = resolve(session, actor.team_id, ref)
        pid = prospect.id
        count = func.count()
        voicemails = session.scalar(select(count).where(Voicemail.prospect_id == pid)) or 0
        callbacks = session.scalar(select(count).where(Callback.prospect_id == pid)) or 0
        session.execute(delete(Callback).where(Callback.prospect_id == pid))
        session.execute(delete(Voicemail).where(Voicemail.prospect_id == pid))
        session.execute(delete(Prospect).where(Prospect.id == pid))
        return ForgetReport(pid, prospect.name, voicemails, callbacks)

    report = run_write(engine, work)
    checkpoint(engine)  # the old pages must not linger in the SQLite write-ahead log
    return report
