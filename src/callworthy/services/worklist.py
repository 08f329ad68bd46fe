"""The prospect list as a rep works it: search, sort, last contact, next step, call today.

The next step comes from the contact cadence (experiments/cadence.py, the one policy
"what to try next" and Diagnose follow): a prospect never called is due now; after an
unanswered voicemail, the next is due `spacing_days` later; at the policy's limit the
cadence says stop, and the prospect leaves the queue. "Call today" is every prospect
whose next step falls before the end of the rep's day, overdue first, do-not-call
never. Sorting by contact needs every listed prospect's times: two reads, whatever
the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import Engine

from callworthy.experiments import cadence_status
from callworthy.services.caller import Caller
from callworthy.services.paging import PAGE_SIZE, NumberedPage, check_page_number, page_count
from callworthy.services.prospects import records
from callworthy.services.values import ProspectRecord, Timestamp, _Dumpable
from callworthy.storage import contact_queries, queries
from callworthy.storage.engine import read_session

Sort = Literal["name", "last_contact", "next_due"]
SORTS: tuple[Sort, ...] = ("name", "last_contact", "next_due")
#: The most prospects the Call today queue shows (the rest are counted).
QUEUE_SIZE = 12


@dataclass(frozen=True, slots=True)
class ProspectRow(_Dumpable):
    """A prospect with where it stands: last contact, next step due, or stop."""

    prospect: ProspectRecord
    last_contact: Timestamp | None
    """The latest voicemail left or callback received; None if never."""
    next_due: Timestamp | None
    """When the cadence allows the next voicemail; None once it says stop."""
    unanswered: int
    stop: bool
    advice: str


@dataclass(frozen=True, slots=True)
class _Standing:
    prospect_id: int
    name: str
    do_not_call: bool
    last_contact: datetime | None
    next_due: datetime | None
    unanswered: int
    stop: bool
    advice: str


@dataclass(frozen=True, slots=True)
class Worklist:
    """One page of the list in the order asked, and today's calls."""

    page: NumberedPage[ProspectRow]
    today: tuple[ProspectRow, ...]
    today_total: int
    sort: Sort


def _standings(engine: Engine, wanted: queries.ProspectFilter, now: datetime) -> list[_Standing]:
    with read_session(engine) as session:
        listed = contact_queries.listed_prospects(session, wanted)
        voicemails, callbacks = contact_queries.contact_times(session, wanted)
    out = []
    for prospect_id, name, dnc in listed:
        left, back = voicemails.get(prospect_id, []), callbacks.get(prospect_id, [])
        status = cadence_status(left, back, now=now)
        last = max([*left, *back], default=None)
        due = None if status.stop else status.earliest
        out.append(
            _Standing(prospect_id, name, dnc, last, due, status.unanswered, status.stop,
                      status.advice)
        )  # fmt: skip
    return out


def _ordered(rows: list[_Standing], sort: Sort) -> list[_Standing]:
    by_name = sorted(rows, key=lambda r: (r.name.lower(), r.prospect_id))
    if sort == "last_contact":  # the longest silence first; never contacted at the top
        return sorted(by_name, key=lambda r: (r.last_contact is not None, r.last_contact or 0))
    if sort == "next_due":  # the most overdue first; stopped ones last
        return sorted(by_name, key=lambda r: (r.next_due is None, r.next_due or 0))
    return by_name


def _rows(engine: Engine, chosen: list[_Standing]) -> tuple[ProspectRow, ...]:
    with read_session(engine) as session:
        found = contact_queries.prospects_by_id(session, [r.prospect_id for r in chosen])
        made = {r.id: r for r in records(session, found)}
    return tuple(
        ProspectRow(made[r.prospect_id], r.last_contact, r.next_due, r.unanswered, r.stop,
                    r.advice)
        for r in chosen
        if r.prospect_id in made
    )  # fmt: skip


def worklist(
    engine: Engine,
    caller: Caller,
    *,
    now: datetime,
    day_ends: datetime,
    search: str | None = None,
    tag: str | None = None,
    sort: str = "name",
    page: int | None = None,
) -> Worklist:
    """Return the caller's prospects, searched and sorted, a page at a time, and today's calls.

    `day_ends` is the end of the rep's day (in UTC): whoever is due before it is in the queue.
    """
    order: Sort = sort if sort in SORTS else "name"
    mine = queries.ProspectFilter(caller.team_id, caller.owner_scope)
    everyone = _standings(engine, mine, now)
    due = [r for r in everyone if not r.do_not_call and r.next_due and r.next_due <= day_ends]
    # Follow-ups first (a voicemail unanswered, the spacing passed), then first calls.
    queue = sorted(due, key=lambda r: (r.next_due or now, r.unanswered == 0, r.name.lower()))
    text = (search or "").strip() or None
    wanted = queries.ProspectFilter(caller.team_id, caller.owner_scope, (tag or "").strip() or None,
                                    None, text)  # fmt: skip
    listed = _ordered(_standings(engine, wanted, now) if text or tag else everyone, order)
    pages = page_count(len(listed))
    number = min(check_page_number(page), pages)
    start = (number - 1) * PAGE_SIZE
    shown = _rows(engine, listed[start : start + PAGE_SIZE])
    today = _rows(engine, queue[:QUEUE_SIZE])
    return Worklist(NumberedPage(shown, number, pages, len(listed)), today, len(queue), order)
