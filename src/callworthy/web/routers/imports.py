"""The Import page: upload a CRM export (CSV) and see what it holds and what was added.

A manager only: a CRM export carries the whole team's calls, names reps and
attaches activities to any of the team's prospects. The body cap for this path is
`max_import_bytes` (BodyLimitMiddleware), so a huge upload is refused before it is
read whole; a file not named *.csv or not sent as CSV is refused with 415.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from callworthy.errors import CallworthyError, ImportFileError
from callworthy.services import importer
from callworthy.services.crm_formats import FORMATS
from callworthy.web.deps import Csrf, EngineDep, PageManager, TemplatesDep
from callworthy.web.errors import status_of
from callworthy.web.render import page

router = APIRouter()
NOT_CSV = "Only CSV files can be imported: the file must be named *.csv and sent as text/csv."


def _page(request: Request, templates: TemplatesDep, user: PageManager, **extra: Any) -> Response:
    extra.setdefault("report", None)
    extra.setdefault("error", None)
    extra.setdefault("problems", [])
    extra.setdefault("format", "generic")
    extra.setdefault("dry_run", True)
    status = extra.pop("status", 200)
    formats = sorted(FORMATS)
    return page(request, templates, "import.html", status, user=user, formats=formats, **extra)


@router.get("/import")
def import_page(request: Request, user: PageManager, templates: TemplatesDep) -> Response:
    """Show the upload form."""
    return _page(request, templates, user)


@router.post("/import", dependencies=[Csrf])
def import_submit(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    file: Annotated[UploadFile, File()],
    format: Annotated[str, Form(max_length=40)] = "generic",
    dry_run: Annotated[bool, Form()] = False,
) -> Response:
    """Import the upload (or only check it on a dry run) and show the report."""
    shown = {"format": format, "dry_run": dry_run}
    if not importer.is_csv_upload(file.filename, file.content_type):
        return _page(request, templates, user, status=415, error=NOT_CSV, **shown)
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
        return _page(
            request, templates, user, status=422, error=exc.fix, problems=problems, **shown
        )
    except CallworthyError as exc:
        return _page(request, templates, user, status=status_of(exc), error=exc.message, **shown)
    return _page(request, templates, user, report=report, **shown)
