"""Prospects: add, list, show, find by reference, and forget (erase everything about one).

Who may see a prospect is the caller's: the CLI acts for the whole team; on the
web a rep sees only the prospects they own and a manager the whole team
(`Caller.owner_scope`). Services take typed ids; `find_prospect` turns what a
person types in the terminal (#12, a phone number, a name) into one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NoReturn

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
from callworthy.fields import (
    COMPANY,
    EXTERNAL_ID,
    INDUSTRY,
    LEAD_DETAIL,
    LEAD_NAME,
    NAME,
    PHONE,
    REFERRED_BY,
    ROLE,
    TAG,
    check_text,
    clean,
    looks_like_phone,
    normalise_phone,
)
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
from callworthy.services.values import ForgetReport, ProspectRecord
from callworthy.storage import audit_queries, queries
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.maintenance import checkpoint
from callworthy.storage.tables import Prospect

#: Most tags one prospect carries.
MAX_TAGS = 30


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
        check_text(REFERRED_BY, self.referred_by)
        check_text(LEAD_NAME, self.lead_name)
        check_text(LEAD_DETAIL, self.lead_detail)
        return Known(
            relation,
            clean(self.referred_by),
            clean(self.lead_name),
            clean(self.lead_detail) if clean(self.lead_name) else None,
        )


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
    check_profile(name, company, role, industry, phone, external_id)
    facts = (known or Known()).checked()
    e164, zone = normalise_or_none(phone, region)
    tag_list = clean_tags(tags)

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


def check_profile(
    name: str,
    company: str | None = None,
    role: str | None = None,
    industry: str | None = None,
    phone: str | None = None,
    external_id: str | None = None,
) -> None:
    """Refuse a prospect's text that no surface may store: too long, control characters."""
    for field, value in (
        (NAME, name), (COMPANY, company), (ROLE, role), (INDUSTRY, industry),
        (PHONE, phone), (EXTERNAL_ID, external_id),
    ):  # fmt: skip
        check_text(field, value)
    if not clean(name):
        raise InvalidFieldError("A prospect needs a name.", "Give the person's name.", field="name")


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Return the tags trimmed, unique and sorted; each checked like any text field."""
    tag_list = sorted({t.strip() for t in tags if t and t.strip()})
    for tag in tag_list:
        check_text(TAG, tag)
    if len(tag_list) > MAX_TAGS:
        raise InvalidFieldError(
            f"{len(tag_list)} tags; a prospect may have at most {MAX_TAGS}.",
            "Keep the ones you filter by.",
            field="tags",
        )
    return tag_list


def normalise_or_none(phone: str | None, region: str = "US") -> tuple[str | None, str | None]:
    """Return (E.164, time zone) of a phone number, (None, None) for none; errors name `phone`."""
    try:
        return normalise_phone(phone or "", region) if clean(phone) else (None, None)
    except InvalidPhoneError as exc:
        exc.field = "phone"
        raise


def _refuse_duplicate(session: Session, team_id: int, phone: str | None, ext: str | None) -> None:
    same = queries.prospect_by_phone(session, team_id, phone) if phone else None
    same = same or (queries.prospect_by_external_id(session, team_id, ext) if ext else None)
    if same is not None:
        refuse_duplicate(same)


def refuse_duplicate(same: Prospect) -> NoReturn:
    """Refuse a number or CRM id that another prospect of the team already has."""
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


def _filter(caller: Caller, tag: str | None, name: str | None) -> queries.ProspectFilter:
    return queries.ProspectFilter(
        caller.team_id,
        caller.owner_scope,
        (tag or "").strip() or None,
        (name or "").strip() or None,
    )


def prospect_page(
    engine: Engine,
    caller: Caller,
    *,
    tag: str | None = None,
    name: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> Page[ProspectRecord]:
    """Return one page of the prospects the caller may see, by name (the API's list).

    `cursor` is the `next` of the page before; `name` keeps those whose name contains it.
    """
    size = check_limit(limit)
    after = decode_cursor(cursor, (str, int))
    with read_session(engine) as session:
        rows = queries.prospects_after(session, _filter(caller, tag, name), after, size + 1)
        shown, following = page_of(rows, size, lambda p: (p.name, p.id))
        return Page(records(session, shown), following)


def numbered_prospects(
    engine: Engine,
    caller: Caller,
    *,
    tag: str | None = None,
    name: str | None = None,
    page: int | None = None,
) -> NumberedPage[ProspectRecord]:
    """Return one numbered page of the prospects the caller may see, by name (the web list).

    A number past the last page shows the last page.
    """
    wanted = _filter(caller, tag, name)
    number = check_page_number(page)
    with read_session(engine) as session:
        total = queries.count_prospects(session, wanted)
        pages = page_count(total)
        number = min(number, pages)
        rows = queries.prospects_at(session, wanted, (number - 1) * PAGE_SIZE, PAGE_SIZE)
        return NumberedPage(records(session, rows), number, pages, total)


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
    """Erase a prospect and every voicemail and callback about them (the DNC list is kept).

    Unlike a delete, it cannot be undone: the audit log's entries about them go too.
    """

    def work(session: Session) -> ForgetReport:
        prospect = get(session, caller, prospect_id)
        voicemails, callbacks = queries.delete_prospect(session, prospect.id)
        audit_queries.forget_entries(session, prospect)  # the log's copies go too
        return ForgetReport(prospect.id, prospect.name, voicemails, callbacks)

    report = run_write(engine, work)
    checkpoint(engine)  # the old pages must not linger in the SQLite write-ahead log
    return report
