"""The JSON twins of the Prospects and Import pages: `/api/v1/prospects...` and `/api/v1/imports`.

Same services, same rules: a rep's token sees only that rep's prospects (another
rep's prospect answers 404, like a missing one); a manager's the whole team's.
Imports are for managers (see routers/imports.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse

from callworthy.errors import ImportFileError, PermissionDeniedError
from callworthy.services import importer, tracking
from callworthy.services import prospects as service
from callworthy.services.fields import parse_time
from callworthy.text.analysis import MAX_CHARS
from callworthy.web.deps import ApiCaller, EngineDep
from callworthy.web.errors import error_json
from callworthy.web.routers.imports import NOT_CSV
from callworthy.web.schemas import ERRORS

router = APIRouter(tags=["prospects"])


class ProspectIn(BaseModel):
    """A prospect to add (owned by the token's rep); the phone is validated and stored as E.164."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=200)
    company: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=200)
    industry: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    humor_ok: bool = False
    tags: list[Annotated[str, Field(max_length=60)]] = Field(default_factory=list, max_length=30)


class VoicemailIn(BaseModel):
    """A voicemail left: the strategy id and what was said (critiqued and scored on storing)."""

    model_config = ConfigDict(extra="forbid")

    strategy: str = Field(max_length=60)
    script: str = Field(max_length=MAX_CHARS * 2)


class CallbackIn(BaseModel):
    """A return call: how it went and, optionally, when (ISO 8601; default now)."""

    model_config = ConfigDict(extra="forbid")

    outcome: str = Field(max_length=40, description="returned, meeting, not_interested or other")
    at: str | None = Field(default=None, max_length=40)


class ProspectOut(BaseModel):
    """A prospect (owner: the rep who owns it)."""

    id: int
    name: str
    company: str | None
    role: str | None
    industry: str | None
    phone: str | None
    time_zone: str | None
    humor_ok: bool
    do_not_call: bool
    tags: list[str]
    external_id: str | None
    owner: str | None
    created_at: datetime


class VoicemailOut(BaseModel):
    """A voicemail left, with its stored critique score and the rule-set version."""

    id: int
    prospect_id: int
    rep: str | None
    strategy: str
    script: str
    score: int | None
    rules_version: str | None
    left_at: datetime
    source: str
    external_id: str | None


class CallbackOut(BaseModel):
    """A return call and the voicemail it answers (null when none was open)."""

    id: int
    prospect_id: int
    voicemail_id: int | None
    at: datetime
    outcome: str
    notes: str
    source: str


class HistoryOut(BaseModel):
    """A prospect with every voicemail and callback, oldest first."""

    prospect: ProspectOut
    voicemails: list[VoicemailOut]
    callbacks: list[CallbackOut]


class LineProblemOut(BaseModel):
    """A line of the file and why it was skipped or refused."""

    line: int
    reason: str


class ImportReportOut(BaseModel):
    """What an import found and added (nothing on a dry run)."""

    path: str
    format: str
    rows: int
    voicemails_added: int
    callbacks_added: int
    prospects_added: int
    already_present: int
    dry_run: bool
    skipped: list[LineProblemOut]
    rejected: list[LineProblemOut]


NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such prospect, or another rep's (not revealed)."}
}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "Do-not-call prospect, or the phone number is already stored."}
}


@router.get("/prospects", responses={200: {"model": list[ProspectOut]}, **ERRORS})
def list_prospects(user: ApiCaller, engine: EngineDep) -> JSONResponse:
    """List the token's rep's prospects (a manager: the team's), by name."""
    rows = service.list_prospects(engine, user)
    return JSONResponse([r.to_dict() for r in rows])


@router.post("/prospects", status_code=201, responses={201: {"model": ProspectOut}, **ERRORS})
def add_prospect(body: ProspectIn, user: ApiCaller, engine: EngineDep) -> JSONResponse:
    """Add a prospect owned by the token's rep."""
    record = service.add_prospect(
        engine,
        user,
        body.name,
        company=body.company,
        role=body.role,
        industry=body.industry,
        phone=body.phone,
        humor_ok=body.humor_ok,
        tags=body.tags,
    )
    return JSONResponse(record.to_dict(), status_code=201)


@router.get(
    "/prospects/{prospect_id}", responses={200: {"model": HistoryOut}, **NOT_FOUND, **ERRORS}
)
def show_prospect(prospect_id: int, user: ApiCaller, engine: EngineDep) -> JSONResponse:
    """Return a prospect with its voicemails and callbacks."""
    found = tracking.history(engine, user, prospect_id)
    return JSONResponse(found.to_dict())


@router.post(
    "/prospects/{prospect_id}/voicemails",
    status_code=201,
    responses={201: {"model": VoicemailOut}, **NOT_FOUND, **CONFLICT, **ERRORS},
)
def log_voicemail(
    prospect_id: int, body: VoicemailIn, user: ApiCaller, engine: EngineDep
) -> JSONResponse:
    """Critique a voicemail left for the prospect and store it with its score."""
    record = tracking.log_voicemail(
        engine,
        user,
        prospect_id,
        body.strategy,
        body.script,
        source="web",
    )
    return JSONResponse(record.to_dict(), status_code=201)


@router.post(
    "/prospects/{prospect_id}/callbacks",
    status_code=201,
    responses={201: {"model": CallbackOut}, **NOT_FOUND, **ERRORS},
)
def log_callback(
    prospect_id: int, body: CallbackIn, user: ApiCaller, engine: EngineDep
) -> JSONResponse:
    """Record a return call, matched to the latest unanswered voicemail before it (if any)."""
    record = tracking.log_callback(
        engine,
        user,
        prospect_id,
        outcome=body.outcome,
        at=parse_time(body.at) if body.at else None,
        unmatched=True,
        source="web",
    )
    return JSONResponse(record.to_dict(), status_code=201)


@router.post(
    "/imports",
    responses={
        200: {"model": ImportReportOut},
        415: {"description": "Not a .csv file sent as CSV."},
        **ERRORS,
    },
)
def import_file(
    user: ApiCaller,
    engine: EngineDep,
    file: Annotated[UploadFile, File(description="The CRM export, a .csv file.")],
    format: Annotated[str, Query(pattern="^[a-z]{1,20}$")] = "generic",
    dry_run: bool = False,
) -> JSONResponse:
    """Import a CRM export (managers): all or nothing; 422 lists every bad line."""
    if not user.is_manager:
        raise PermissionDeniedError("Only a manager may import a CRM export.", "Ask your manager.")
    if not importer.is_csv_upload(file.filename, file.content_type):
        return error_json(415, "UnsupportedMediaType", NOT_CSV)
    try:
        report = importer.import_upload(
            engine,
            user,
            file.filename or "upload.csv",
            file.file,
            format_name=format,
            dry_run=dry_run,
        )
    except ImportFileError as exc:
        problems = [{"line": line, "reason": why} for line, why in exc.problems]
        return error_json(422, "ImportFileError", exc.message, problems=problems)
    return JSONResponse(report.to_dict())
