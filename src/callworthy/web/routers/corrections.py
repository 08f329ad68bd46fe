"""Corrections and the audit log: edit and delete prospects, voicemails and callbacks; undo.

Pages: `/prospects/{id}/edit`, `/voicemails/{id}/edit`, `/callbacks/{id}/edit` (a form,
posted back to the same path), `.../delete`, `/changes` (the team's log, managers) and
`/changes/{id}/undo`. Their JSON twins: `PATCH` and `DELETE` on `/api/v1/prospects/{id}`,
`/api/v1/voicemails/{id}`, `/api/v1/callbacks/{id}`; `GET /api/v1/changes`;
`POST /api/v1/changes/undo` (the caller's own last change) and `/changes/{id}/undo`.
Each calls one service (corrections.py, audit.py): who may do what is decided there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from callworthy.errors import CallworthyError, NotFoundError
from callworthy.fields import CallbackOutcome
from callworthy.services import audit, corrections, strategies
from callworthy.services import prospects as prospect_service
from callworthy.services.audit import ChangeRecord
from callworthy.services.caller import Caller
from callworthy.services.paging import Page
from callworthy.services.values import CallbackRecord, ProspectRecord, VoicemailRecord
from callworthy.text.analysis import MAX_CHARS
from callworthy.web.deps import (
    ApiCaller,
    Csrf,
    Cursor,
    EngineDep,
    Limit,
    PageCaller,
    PageManager,
    PageNumber,
    RecordId,
    TemplatesDep,
)
from callworthy.web.notices import change_notice
from callworthy.web.render import form_error, page
from callworthy.web.schemas import CallbackPatch, ProspectPatch, VoicemailPatch, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["corrections"])
Text = Annotated[str, Form()]
PROSPECT_FORM = ("name", "company", "role", "industry", "phone", "tags")


def _back(prospect_id: int, change: ChangeRecord | None) -> RedirectResponse:
    query = f"?changed={change.id}" if change is not None else ""
    return RedirectResponse(f"/prospects/{prospect_id}{query}", status_code=303)


def _zone(request: Request) -> ZoneInfo:
    """Return the rep's time zone (the one the page's times are shown in), else UTC."""
    name = request.session.get("tz")
    try:
        return ZoneInfo(name) if isinstance(name, str) and name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _minutes(value: datetime, zone: ZoneInfo) -> str:
    """Return a time as a datetime-local field shows it: in the rep's zone, to the minute."""
    return value.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def _typed_time(text: str, zone: ZoneInfo) -> str:
    """Return a datetime-local value as a time with its zone (the rep's); other text as typed."""
    try:
        typed = datetime.fromisoformat(text.strip())
    except ValueError:
        return text  # the service names the field and the fix
    return (typed if typed.tzinfo else typed.replace(tzinfo=zone)).isoformat()


# --- Prospects ------------------------------------------------------------------------------


def _prospect_form(record: ProspectRecord) -> dict[str, Any]:
    form: dict[str, Any] = {f: getattr(record, f) or "" for f in PROSPECT_FORM[:-1]}
    return {**form, "tags": ", ".join(record.tags), "humor_ok": record.humor_ok}


@pages.get("/prospects/{prospect_id}/edit")
def edit_prospect_page(
    request: Request, prospect_id: RecordId, user: PageCaller, engine: EngineDep,
    templates: TemplatesDep,
) -> Response:  # fmt: skip
    """Show a prospect's profile to correct, and the Delete button."""
    record = prospect_service.show_prospect(engine, user, prospect_id)
    form = _prospect_form(record)
    return page(request, templates, "prospect_edit.html", user=user, prospect=record, form=form)


@pages.post("/prospects/{prospect_id}/edit", dependencies=[Csrf])
def edit_prospect_form(
    request: Request, prospect_id: RecordId, user: PageCaller, engine: EngineDep,
    templates: TemplatesDep, name: Text = "", company: Text = "", role: Text = "",
    industry: Text = "", phone: Text = "", tags: Text = "",
    humor_ok: Annotated[bool, Form()] = False,
) -> Response:  # fmt: skip
    """Save the profile (a logged change); errors beside their field."""
    typed = {"name": name, "company": company, "role": role, "industry": industry}
    typed.update(phone=phone, tags=tags)
    changes: dict[str, Any] = {**typed, "humor_ok": humor_ok}
    changes["tags"] = [t for t in tags.replace(";", ",").split(",") if t.strip()]
    try:
        done = corrections.edit_prospect(engine, user, prospect_id, changes)
    except CallworthyError as exc:
        if isinstance(exc, NotFoundError):
            raise
        record = prospect_service.show_prospect(engine, user, prospect_id)
        return form_error(
            request, templates, "prospect_edit.html", exc, fields=PROSPECT_FORM, where="form",
            user=user, prospect=record, form={**typed, "humor_ok": humor_ok},
        )  # fmt: skip
    return _back(prospect_id, done.change)


@pages.post("/prospects/{prospect_id}/delete", dependencies=[Csrf])
def delete_prospect_form(prospect_id: RecordId, user: PageCaller, engine: EngineDep) -> Response:
    """Delete a prospect and their history (undoable from the list it leads to)."""
    change = corrections.delete_prospect(engine, user, prospect_id)
    return RedirectResponse(f"/prospects?changed={change.id}", status_code=303)


@api.patch("/prospects/{prospect_id}", response_model=ProspectRecord, responses=errors(404, 409))
def patch_prospect(
    prospect_id: RecordId, body: ProspectPatch, user: ApiCaller, engine: EngineDep
) -> ProspectRecord:
    """Change the fields sent (the others stay); the change is logged and can be undone."""
    changes = body.model_dump(exclude_unset=True)
    return corrections.edit_prospect(engine, user, prospect_id, changes).record


@api.delete("/prospects/{prospect_id}", response_model=ChangeRecord, responses=errors(404))
def delete_prospect(prospect_id: RecordId, user: ApiCaller, engine: EngineDep) -> ChangeRecord:
    """Delete a prospect with their voicemails and callbacks; returns the change (undoable)."""
    return corrections.delete_prospect(engine, user, prospect_id)


# --- Voicemails and callbacks ---------------------------------------------------------------


def _record_page(
    request: Request, templates: TemplatesDep, engine: EngineDep, user: Caller, kind: str,
    record: VoicemailRecord | CallbackRecord, prospect: ProspectRecord, form: dict[str, Any],
    exc: CallworthyError | None = None,
) -> Response:  # fmt: skip
    context: dict[str, Any] = {
        "user": user, "kind": kind, "record": record, "prospect": prospect, "form": form,
        "strategies": strategies.choices(engine, user),
        "outcomes": [o.value for o in CallbackOutcome], "max_chars": MAX_CHARS,
        "zone": _zone(request).key,
    }  # fmt: skip
    if exc is None:
        return page(request, templates, "record_edit.html", **context)
    fields = ("strategy", "script", "left_at", "outcome", "notes", "at")
    return form_error(request, templates, "record_edit.html", exc, fields=fields, **context)


@dataclass(frozen=True, slots=True)
class _Kind:
    """A kind of record the pages correct: how to load and save it, and its form's fields."""

    load: Callable[..., Any]
    edit: Callable[..., corrections.Corrected[Any]]
    fields: tuple[str, ...]
    time_field: str


_RECORDS = {
    "voicemail": _Kind(
        corrections.voicemail_for_edit,
        corrections.edit_voicemail,
        ("strategy", "script"),
        "left_at",
    ),
    "callback": _Kind(
        corrections.callback_for_edit, corrections.edit_callback, ("outcome", "notes"), "at"
    ),
}


def _show(
    request: Request, templates: TemplatesDep, engine: EngineDep, user: Caller, kind: str,
    record_id: int,
) -> Response:  # fmt: skip
    """Show a voicemail or a callback to correct, its time in the rep's zone."""
    what = _RECORDS[kind]
    record, prospect = what.load(engine, user, record_id)
    form = {field: getattr(record, field) for field in what.fields}
    form[what.time_field] = _minutes(getattr(record, what.time_field), _zone(request))
    return _record_page(request, templates, engine, user, kind, record, prospect, form)


def _save(
    request: Request, templates: TemplatesDep, engine: EngineDep, user: Caller, kind: str,
    record_id: int, form: dict[str, str],
) -> Response:  # fmt: skip
    """Save a corrected voicemail or callback: back to its prospect, or its page with the error."""
    what = _RECORDS[kind]
    when = _typed_time(form[what.time_field], _zone(request))
    try:
        done = what.edit(engine, user, record_id, {**form, what.time_field: when})
    except CallworthyError as exc:
        if isinstance(exc, NotFoundError):
            raise
        record, prospect = what.load(engine, user, record_id)
        return _record_page(request, templates, engine, user, kind, record, prospect, form, exc)
    return _back(done.record.prospect_id, done.change)


@pages.get("/voicemails/{voicemail_id}/edit")
def edit_voicemail_page(
    request: Request, voicemail_id: RecordId, user: PageCaller, engine: EngineDep,
    templates: TemplatesDep,
) -> Response:  # fmt: skip
    """Show a voicemail to correct."""
    return _show(request, templates, engine, user, "voicemail", voicemail_id)


@pages.post("/voicemails/{voicemail_id}/edit", dependencies=[Csrf])
def edit_voicemail_form(
    request: Request, voicemail_id: RecordId, user: PageCaller, engine: EngineDep,
    templates: TemplatesDep, strategy: Text = "", script: Text = "", left_at: Text = "",
) -> Response:  # fmt: skip
    """Save the voicemail (critiqued again); back to its prospect with an Undo."""
    form = {"strategy": strategy, "script": script, "left_at": left_at}
    return _save(request, templates, engine, user, "voicemail", voicemail_id, form)


@pages.post("/voicemails/{voicemail_id}/delete", dependencies=[Csrf])
def delete_voicemail_form(voicemail_id: RecordId, user: PageCaller, engine: EngineDep) -> Response:
    """Delete a voicemail and the callbacks answering it; back to its prospect with an Undo."""
    change = corrections.delete_voicemail(engine, user, voicemail_id)
    return _back(change.prospect_id, change)


@pages.get("/callbacks/{callback_id}/edit")
def edit_callback_page(
    request: Request, callback_id: RecordId, user: PageCaller, engine: EngineDep,
    templates: TemplatesDep,
) -> Response:  # fmt: skip
    """Show a callback to correct (a mis-clicked outcome)."""
    return _show(request, templates, engine, user, "callback", callback_id)


@pages.post("/callbacks/{callback_id}/edit", dependencies=[Csrf])
def edit_callback_form(
    request: Request, callback_id: RecordId, user: PageCaller, engine: EngineDep,
    templates: TemplatesDep, outcome: Text = "", notes: Text = "", at: Text = "",
) -> Response:  # fmt: skip
    """Save the callback; back to its prospect with an Undo."""
    form = {"outcome": outcome, "notes": notes, "at": at}
    return _save(request, templates, engine, user, "callback", callback_id, form)


@pages.post("/callbacks/{callback_id}/delete", dependencies=[Csrf])
def delete_callback_form(callback_id: RecordId, user: PageCaller, engine: EngineDep) -> Response:
    """Delete a callback; back to its prospect with an Undo."""
    change = corrections.delete_callback(engine, user, callback_id)
    return _back(change.prospect_id, change)


@api.patch("/voicemails/{voicemail_id}", response_model=VoicemailRecord, responses=errors(404))
def patch_voicemail(
    voicemail_id: RecordId, body: VoicemailPatch, user: ApiCaller, engine: EngineDep
) -> VoicemailRecord:
    """Change a voicemail's strategy, script (critiqued and scored again) or time; logged."""
    changes = body.model_dump(exclude_unset=True)
    return corrections.edit_voicemail(engine, user, voicemail_id, changes).record


@api.delete("/voicemails/{voicemail_id}", response_model=ChangeRecord, responses=errors(404))
def delete_voicemail(voicemail_id: RecordId, user: ApiCaller, engine: EngineDep) -> ChangeRecord:
    """Delete a voicemail and the callbacks answering it; returns the change (undoable)."""
    return corrections.delete_voicemail(engine, user, voicemail_id)


@api.patch("/callbacks/{callback_id}", response_model=CallbackRecord, responses=errors(404))
def patch_callback(
    callback_id: RecordId, body: CallbackPatch, user: ApiCaller, engine: EngineDep
) -> CallbackRecord:
    """Change a callback's outcome, notes or time; logged."""
    changes = body.model_dump(exclude_unset=True)
    return corrections.edit_callback(engine, user, callback_id, changes).record


@api.delete("/callbacks/{callback_id}", response_model=ChangeRecord, responses=errors(404))
def delete_callback(callback_id: RecordId, user: ApiCaller, engine: EngineDep) -> ChangeRecord:
    """Delete a callback; returns the change (undoable)."""
    return corrections.delete_callback(engine, user, callback_id)


# --- The log and undo -----------------------------------------------------------------------


@pages.get("/changes")
def changes_page(
    request: Request, user: PageManager, engine: EngineDep, templates: TemplatesDep,
    page_number: PageNumber = None,
) -> Response:  # fmt: skip
    """The team's changes, newest first, 50 a page, each with its Undo."""
    pager = audit.numbered_changes(engine, user, page_number)
    notice = change_notice(engine, user, request)
    return page(request, templates, "changes.html", user=user, pager=pager, notice=notice)


@pages.post("/changes/{change_id}/undo", dependencies=[Csrf])
def undo_form(
    request: Request, change_id: RecordId, user: PageCaller, engine: EngineDep,
    templates: TemplatesDep,
) -> Response:  # fmt: skip
    """Undo a change; back where it can be seen, with a note of what was undone."""
    try:
        undone = audit.undo(engine, user, change_id)
    except CallworthyError as exc:
        if isinstance(exc, NotFoundError) or not user.is_manager:
            raise
        pager = audit.numbered_changes(engine, user)
        return form_error(request, templates, "changes.html", exc, user=user, pager=pager)
    if user.is_manager and request.headers.get("referer", "").split("?")[0].endswith("/changes"):
        return RedirectResponse(f"/changes?changed={undone.id}", status_code=303)
    return RedirectResponse(f"/prospects/{undone.prospect_id}?changed={undone.id}", status_code=303)


@api.get("/changes", response_model=Page[ChangeRecord], responses=errors())
def list_changes(
    user: ApiCaller, engine: EngineDep, cursor: Cursor = None, limit: Limit = None
) -> Page[ChangeRecord]:
    """The team's changes, newest first, a page at a time (managers)."""
    return audit.change_page(engine, user, cursor=cursor, limit=limit)


@api.post("/changes/undo", response_model=ChangeRecord, responses=errors(409))
def undo_last(user: ApiCaller, engine: EngineDep) -> ChangeRecord:
    """Undo the caller's own last change that still stands; returns the undo's entry."""
    return audit.undo(engine, user)


@api.post("/changes/{change_id}/undo", response_model=ChangeRecord, responses=errors(404, 409))
def undo_change(change_id: RecordId, user: ApiCaller, engine: EngineDep) -> ChangeRecord:
    """Undo one change: one's own, or any of the team's for a manager."""
    return audit.undo(engine, user, change_id)
