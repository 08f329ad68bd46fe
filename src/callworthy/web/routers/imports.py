"""The Import page and `POST /api/v1/imports`: a CRM export (CSV) becomes calls, all or nothing;
and the way back out, `/export.csv` (and `/api/v1/export.csv`): every call of the team as CSV.

For managers only: a CRM export carries the whole team's calls, names reps and
attaches activities to any of the team's prospects. The export's cells are made safe
for a spreadsheet (a formula a rep typed opens as text). The body cap for these paths
is `max_import_bytes` (BodyLimitMiddleware), so a huge upload is refused before it
is read whole; a file not named *.csv or not sent as CSV is refused with 415.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from starlette.responses import Response

from callworthy.crm import default_formats
from callworthy.errors import CallworthyError
from callworthy.services import importer, tracking
from callworthy.services.caller import Caller
from callworthy.services.values import ImportReport
from callworthy.web.deps import ApiManager, Csrf, EngineDep, PageManager, TemplatesDep
from callworthy.web.recording import UnsupportedMediaType
from callworthy.web.render import form_error, page
from callworthy.web.schemas import errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["prospects"])
NOT_CSV = "Only CSV files can be imported: the file must be named *.csv and sent as text/csv."


def _import(
    engine: EngineDep, user: Caller, file: UploadFile, format_name: str, dry_run: bool
) -> ImportReport:
    """Import an upload, refusing (415) one that is not a CSV file before reading it."""
    if not importer.is_csv_upload(file.filename, file.content_type):
        raise UnsupportedMediaType(NOT_CSV)
    return importer.import_upload(
        engine,
        user,
        file.filename or "upload.csv",
        file.file,
        format_name=format_name,
        dry_run=dry_run,
    )


def _context(user: Caller, **extra: Any) -> dict[str, Any]:
    context = {"user": user, "formats": sorted(default_formats()), "report": None, "problems": []}
    context.update(format="generic", dry_run=True)
    return {**context, **extra}


@pages.get("/import")
def import_page(request: Request, user: PageManager, templates: TemplatesDep) -> Response:
    """Show the upload form."""
    return page(request, templates, "import.html", **_context(user))


@pages.post("/import", dependencies=[Csrf])
def import_form(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    file: Annotated[UploadFile, File()],
    format: Annotated[str, Form(max_length=40)] = "generic",
    dry_run: Annotated[bool, Form()] = False,
) -> Response:
    """Import the upload (or only check it on a dry run) and show the report."""
    context = _context(user, format=format, dry_run=dry_run)
    try:
        report = _import(engine, user, file, format, dry_run)
    except UnsupportedMediaType as exc:
        errors = {"form": str(exc.detail)}
        return page(request, templates, "import.html", 415, errors=errors, **context)
    except CallworthyError as exc:
        return form_error(request, templates, "import.html", exc, **context)
    return page(request, templates, "import.html", **{**context, "report": report})


@api.post("/imports", response_model=ImportReport, responses=errors(415))
def import_file(
    user: ApiManager,
    engine: EngineDep,
    file: Annotated[UploadFile, File(description="The CRM export, a .csv file.")],
    format: Annotated[str, Query(pattern="^[a-z]{1,20}$")] = "generic",
    dry_run: bool = False,
) -> ImportReport:
    """Import a CRM export (managers): all or nothing; 422 lists every bad line."""
    return _import(engine, user, file, format, dry_run)


def _csv_download(engine: EngineDep, user: Caller) -> Response:
    text, _ = tracking.export_csv(engine, user)
    headers = {"Content-Disposition": 'attachment; filename="callworthy-calls.csv"'}
    return Response(text, media_type="text/csv; charset=utf-8", headers=headers)


@pages.get("/export.csv")
def export_download(user: PageManager, engine: EngineDep) -> Response:
    """Download every voicemail and callback of the team (managers), formula cells as text."""
    return _csv_download(engine, user)


@api.get(
    "/export.csv",
    response_class=Response,
    responses={**errors(), 200: {"content": {"text/csv": {}}, "description": "The CSV file."}},
)
def export_csv(user: ApiManager, engine: EngineDep) -> Response:
    """Every voicemail and callback of the team as CSV (managers); importable back."""
    return _csv_download(engine, user)
