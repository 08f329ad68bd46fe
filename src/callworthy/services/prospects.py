"""Prospects: add, list, show, find by reference, and forget (erase everything about one).

Who may see a prospect is the caller's: the CLI acts for the whole team; on the
web a rep sees only the prospects they own and a manager the whole team
(`Caller.owner_scope`). Services take typed ids; `find_prospect` turns what a
person types in the terminal (#12, a phone number, a name) into one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine
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
from callworthy.fields import clean, looks_like_phone, normalise_phone
from callworthy.services.caller import Caller
from callworthy.services.values import ForgetReport, ProspectRecord
from callworthy.storage import queries
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.maintenance import checkpoint
from callworthy.storage.tables import Prospect


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
        relationship=prospect.relationship or "cold",
        referred_by=prospect.referred_by,
        lead_name=prospect.lead_name,
        lead_detail=prospect.lead_detail,
    )


def records(session: Session, prospects: Iterable[Prospect]) -> tuple[ProspectRecord, ...]:
    """Return records for several prospects, naming their owners."""
    rows = list(prospects)
    owners = queries.rep_names(session, (p.owner_rep_id for p in rows if p.owner_rep_id))
    return tuple(to_record(p, owners) for p in rows)


RELATIONSHIPS = ("cold", "met_briefly", "referred")


@dataclass(frozen=True, slots=True)
class Known:
    """What the rep knows of a prospect that decides which strategies fit (the registry's fit)."""

    relationship: str = "cold"
    referred_by: str | None = None
    lead_name: str | None = None
    lead_detail: str | None = None

    def checked(self) -> Known:
        """Return these facts trimmed; refuse an unknown relationship or overlong text."""
        relation = (self.relationship or "cold").strip().lower().replace(" ", "_")
        if relation not in RELATIONSHIPS:
            raise InvalidFieldError(
                f"Relationship {self.relationship!r} is unknown.",
                f"Use one of: {', '.join(RELATIONSHIPS)}.",
                field="relationship",
            )
        values = {"referred_by": self.referred_by, "lead_name": self.lead_name}
        values["lead_detail"] = self.lead_detail
        for name, value in values.items():
            if value and len(value) > MAX_KNOWN:
                raise InvalidFieldError(
                    f"{name.replace('_', ' ').capitalize()} is {len(value)} characters long.",
                    f"Say it in {MAX_KNOWN} or fewer.",
                    field=name,
                )
        return Known(
            relation,
            clean(self.referred_by),
            clean(self.lead_name),
            clean(self.lead_detail) if clean(self.lead_name) else None,
        )


MAX_KNOWN = 200


def _describe(p: Prospect) -> str:
    return f"#{p.id} {p.name}" + (f" ({p.company})" if p.company else "")


def _visible(caller: Caller, prospect: Prospect | None) -> Prospect | None:
    """Return the prospect if the caller may see it (another rep's is not theirs to know)."""
    if prospect is None or caller.owner_scope in (None, prospect.owner_rep_id):
        return prospect
    return None


def get(session: Session, caller: Caller, prospect_id: int) -> Prospect:
    """Return the caller's prospect with this id; UnknownProspectError if it is not theirs."""
    found = _visible(caller, queries.prospect_by_id(session, caller.team_id, prospect_id))
    if found is None:
        raise UnknownProspectError(f"No prospect #{prospect_id}.", "Check the number.")
    return found


def _by_phone(session: Session, caller: Caller, text: str, region: str) -> Prospect | None:
    try:
        phone, _ = normalise_phone(text, region)
    except InvalidPhoneError:
        return None
    return _visible(caller, queries.prospect_by_phone(session, caller.team_id, phone))


def _by_name(session: Session, caller: Caller, text: str) -> Prospect:
    named = queries.prospects_named(session, caller.team_id, text) if text else []
    matches = [p for p in named if _visible(caller, p) is not None]
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


def find_prospect(engine: Engine, caller: Caller, ref: str, region: str = "US") -> int:
    """Return the id of the prospect a typed reference means: "#12" or "12", a phone, a name."""
    text = (ref or "").strip()
    digits = text.removeprefix("#")
    with read_session(engine) as session:
        if digits.isdigit() and len(digits) < 7:
            return get(session, caller, int(digits)).id
        found = _by_phone(session, caller, text, region) if looks_like_phone(text) else None
        return (found or _by_name(session, caller, text)).id


def find_by_phone(engine: Engine, caller: Caller, phone: str, region: str = "US") -> int:
    """Return the id of the caller's prospect with this number (a callback's caller id)."""
    e164, _ = normalise_phone(phone or "", region)
    with read_session(engine) as session:
        found = _visible(caller, queries.prospect_by_phone(session, caller.team_id, e164))
    if found is None:
        raise UnknownProspectError(f"No prospect has the number {e164}.", "Add them first.")
    return found.id


def add_prospect(
    engine: Engine,
    caller: Caller,
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
    known: Known | None = None,
) -> ProspectRecord:
    """Store a new prospect owned by the calling rep (phone in E.164, zone from the number).

    `known` is what the rep knows that decides which strategies fit them.
    """
    if not clean(name):
        raise InvalidFieldError("A prospect needs a name.", "Give the person's name.", field="name")
    facts = (known or Known()).checked()
    try:
        e164, zone = normalise_phone(phone, region) if clean(phone) else (None, None)
    except InvalidPhoneError as exc:
        exc.field = "phone"
        raise
    tag_list = sorted({t.strip() for t in tags if t and t.strip()})

    def work(session: Session) -> ProspectRecord:
        _refuse_duplicate(session, caller.team_id, e164, clean(external_id))
        prospect = Prospect(
            team_id=caller.team_id,
            owner_rep_id=caller.rep_id,
            name=name.strip(),
            company=clean(company),
            role=clean(role),
            industry=clean(industry),
            phone=e164,
            time_zone=zone,
            humor_ok=humor_ok,
            do_not_call=queries.is_blocked(session, caller.team_id, e164),
            tags=tag_list,
            external_id=clean(external_id),
            relationship=facts.relationship,
            referred_by=facts.referred_by,
            lead_name=facts.lead_name,
            lead_detail=facts.lead_detail,
        )
        session.add(prospect)
        session.flush()
        return to_record(prospect, {caller.rep_id: caller.rep})

    try:
        return run_write(engine, work)
    except DatabaseError as exc:
        if isinstance(exc.__cause__, IntegrityError):  # lost a race with another writer
            raise DuplicateProspectError(
                f"{name} is already stored.", "Use the stored prospect.", field="phone"
            ) from exc
        raise


def _refuse_duplicate(session: Session, team_id: int, phone: str | None, ext: str | None) -> None:
    same = queries.prospect_by_phone(session, team_id, phone) if phone else None
    same = same or (queries.prospect_by_external_id(session, team_id, ext) if ext else None)
    if same is not None:
        raise DuplicateProspectError(
            f"{_describe(same)} already has this phone number or CRM id.",
            "Use that prospect, or change the number.",
            field="phone",
        )


def list_prospects(
    engine: Engine, caller: Caller, tag: str | None = None
) -> tuple[ProspectRecord, ...]:
    """Return the prospects the caller may see by name, maybe only those with a tag."""
    with read_session(engine) as session:
        rows = queries.list_prospects(session, caller.team_id, tag)
        return records(session, [p for p in rows if _visible(caller, p) is not None])


def show_prospect(engine: Engine, caller: Caller, prospect_id: int) -> ProspectRecord:
    """Return one of the caller's prospects."""
    with read_session(engine) as session:
        return records(session, [get(session, caller, prospect_id)])[0]


def set_known(engine: Engine, caller: Caller, prospect_id: int, known: Known) -> ProspectRecord:
    """Record what the rep knows of a prospect (relationship, referral, a lead, humor stays)."""
    facts = known.checked()

    def work(session: Session) -> ProspectRecord:
        prospect = get(session, caller, prospect_id)
        prospect.relationship, prospect.referred_by = facts.relationship, facts.referred_by
        prospect.lead_name, prospect.lead_detail = facts.lead_name, facts.lead_detail
        session.flush()
        return records(session, [prospect])[0]

    return run_write(engine, work)


def set_humor(engine: Engine, caller: Caller, prospect_id: int, humor_ok: bool) -> None:
    """Record whether humor suits a prospect (P8: pick your shots)."""

    def work(session: Session) -> None:
        get(session, caller, prospect_id).humor_ok = humor_ok

    run_write(engine, work)


def forget_prospect(engine: Engine, caller: Caller, prospect_id: int) -> ForgetReport:
    """Erase a prospect and every voicemail and callback about them (the DNC list is kept)."""

    def work(session: Session) -> ForgetReport:
        prospect = get(session, caller, prospect_id)
        voicemails, callbacks = queries.delete_prospect(session, prospect.id)
        return ForgetReport(prospect.id, prospect.name, voicemails, callbacks)

    report = run_write(engine, work)
    checkpoint(engine)  # the old pages must not linger in the SQLite write-ahead log
    return report
