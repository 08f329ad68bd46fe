"""The Check page (an editor whose critique updates as the rep types) and `POST /api/v1/critique`.

Both critique with the caller's rules: the built-ins and the team's own. The API
operation takes a JSON script or, on the same path, a multipart upload of a
recording (one route that branches on the content type); the page takes a
recording on `/check/recording`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.responses import JSONResponse, RedirectResponse, Response

from callworthy.audio import AudioCritique
from callworthy.critique import Context, Critique, RuleSet, critique
from callworthy.critique.model import SUBSCORE_MAX
from callworthy.errors import CallworthyError
from callworthy.services import profiles
from callworthy.services.caller import Caller
from callworthy.text.analysis import MAX_CHARS
from callworthy.web.deps import ApiCaller, Csrf, EngineDep, PageCaller, TemplatesDep
from callworthy.web.errors import status_of
from callworthy.web.highlight import anchors, segments
from callworthy.web.models import CritiqueJson, RecordingCritiqueJson
from callworthy.web.recording import (
    ACCEPTED,
    UnsupportedMediaType,
    critique_upload,
    is_multipart,
    require_multipart,
)
from callworthy.web.render import page
from callworthy.web.schemas import CritiqueIn, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["critique"])
#: Form fields are capped a little above the script limit so the critique names the problem.
Script = Annotated[str, Form(max_length=MAX_CHARS * 2)]
Field = Annotated[str, Form(max_length=2000)]
#: Findings shown at once beside the editor; "Show all" opens the rest.
TOP_FINDINGS = 5
#: The operation's two bodies in the OpenAPI document: a JSON script or a recording.
BODIES: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": CritiqueIn.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": f"A recorded voicemail: {ACCEPTED}.",
                        },
                        "prospect": {"type": "string", "maxLength": 200},
                        "company": {"type": "string", "maxLength": 200},
                        "region": {"type": "string", "pattern": "^[A-Za-z]{2}$"},
                        "rep_phone": {
                            "type": "string",
                            "maxLength": 40,
                            "description": "Your own number: matched in the recording with "
                            "one digit's tolerance.",
                        },
                    },
                }
            },
        },
    }
}


def _view(
    text: str, prospect: str, company: str, concerns: str, rules: RuleSet | None = None
) -> dict[str, Any]:
    context = Context(
        prospect_name=prospect.strip() or None,
        company=company.strip() or None,
        concerns=tuple(c.strip() for c in concerns.splitlines() if c.strip()),
    )
    try:
        result: Critique | None = critique(text, context=context, rules=rules)
        error = None
    except CallworthyError as exc:  # too long: said in place of the critique
        result, error = None, exc.message
    if not text.strip():  # a fresh page greets the rep with what to do, not an error
        error = None
    parts = segments(text, result.findings) if result else []
    return {
        "text": text,
        "prospect": prospect,
        "company": company,
        "concerns": concerns,
        "result": result,
        "error": error,
        "segments": parts,
        "anchors": anchors(parts),
        "subscore_max": {k.value: v for k, v in SUBSCORE_MAX.items()},
        "max_chars": MAX_CHARS,
        "top_findings": TOP_FINDINGS,
    }


def recording_view(result: AudioCritique | None, rep_phone: str = "") -> dict[str, Any]:
    """Return the Check page's context for a critiqued recording."""
    text = result.transcript if result else ""
    parts = segments(text, result.critique.findings) if result else []
    return {
        **_view("", "", "", ""),
        "error": None,
        "text": text,
        "result": result.critique if result else None,
        "segments": parts,
        "anchors": anchors(parts),
        "recording": result,
        "rep_phone": rep_phone,
    }


@pages.get("/")
def home() -> Response:
    """Send the browser to the Check page."""
    return RedirectResponse("/check", status_code=303)


@pages.get("/check")
def check_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """Show the editor, empty (the recording form's phone from the rep's profile)."""
    phone = profiles.get_profile(engine, user).form_phone or ""
    view = {**_view("", "", "", ""), "rep_phone": phone}
    return page(request, templates, "check.html", user=user, **view)


@dataclass(frozen=True, slots=True)
class ScriptForm:
    """The Check page's form: the script and who it is for."""

    text: Script = ""
    prospect: Field = ""
    company: Field = ""
    concerns: Field = ""


ScriptFormDep = Annotated[ScriptForm, Depends()]


def _critiqued(form: ScriptForm, user: Caller) -> dict[str, Any]:
    return _view(form.text, form.prospect, form.company, form.concerns, user.rule_set())


@pages.post("/check", dependencies=[Csrf])
def check_form(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    form: ScriptFormDep,
) -> Response:
    """Critique the script and show the whole page (the form works without JavaScript)."""
    phone = profiles.get_profile(engine, user).form_phone or ""
    view = {**_critiqued(form, user), "rep_phone": phone}
    return page(request, templates, "check.html", user=user, **view)


@pages.post("/check/critique", dependencies=[Csrf])
def check_partial(
    request: Request, user: PageCaller, templates: TemplatesDep, form: ScriptFormDep
) -> Response:
    """Critique the script and return only the critique (htmx swaps it in as the rep types)."""
    return page(request, templates, "_critique.html", user=user, **_critiqued(form, user))


@pages.post("/check/recording", dependencies=[Depends(require_multipart), Csrf])
async def check_recording(request: Request, user: PageCaller, templates: TemplatesDep) -> Response:
    """Transcribe the uploaded recording, critique the transcript and show it with the timings."""
    form = await request.form()
    rep_phone = _field(form, "rep_phone", 40) or ""
    try:
        result = await critique_upload(
            request, form.get("file"), rules=user.rule_set(), rep_phone=rep_phone or None
        )
    except (UnsupportedMediaType, CallworthyError) as exc:  # not audio, silent, too long, ...
        status = 415 if isinstance(exc, UnsupportedMediaType) else status_of(exc)
        message = str(exc.detail) if isinstance(exc, UnsupportedMediaType) else exc.message
        view = {**recording_view(None, rep_phone), "errors": {"recording": message}}
        return page(request, templates, "check.html", status=status, user=user, **view)
    view = recording_view(result, rep_phone)
    return page(request, templates, "check.html", user=user, **view)


@pages.post("/check/take", dependencies=[Depends(require_multipart), Csrf])
async def check_take(request: Request, user: PageCaller, templates: TemplatesDep) -> Response:
    """Transcribe and critique a take recorded on the page; answer its card and critique.

    The Record button's script (static/record.js) keeps the last takes in the browser, so
    the server stores nothing: the take is critiqued with its real timing like an upload.
    """
    form = await request.form()
    rep_phone = _field(form, "rep_phone", 40) or ""
    try:
        result = await critique_upload(
            request, form.get("file"), rules=user.rule_set(), rep_phone=rep_phone or None
        )
    except (UnsupportedMediaType, CallworthyError) as exc:  # silent, too long, no model...
        status = 415 if isinstance(exc, UnsupportedMediaType) else status_of(exc)
        message = str(exc.detail) if isinstance(exc, UnsupportedMediaType) else exc.message
        return page(request, templates, "_take.html", status=status, take_error=message)
    return page(request, templates, "_take.html", **recording_view(result, rep_phone))


def _field(form: Any, name: str, limit: int = 200) -> str | None:
    value = form.get(name)
    return value.strip()[:limit] or None if isinstance(value, str) else None


async def _script(request: Request) -> CritiqueIn:
    """Return the JSON body, refused (422) as FastAPI refuses a malformed body."""
    try:
        return CritiqueIn.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        ) from exc


@api.post(
    "/critique",
    # A script's critique or, for an upload, a recording's: the document lists both answers.
    response_model=CritiqueJson | RecordingCritiqueJson,
    response_model_exclude_unset=True,
    responses=errors(415, 503),
    openapi_extra=BODIES,
)
async def critique_script(request: Request, user: ApiCaller) -> Any:
    """Critique a voicemail script (JSON) or a recording (multipart, `file`).

    A script answers as `callworthy check --format json`: score, sub-scores and
    findings anchored to spans; a recording adds the transcript and its timings, as
    `callworthy check FILE --format json`.
    """
    if is_multipart(request.headers.get("content-type")):
        form = await request.form()
        region = (_field(form, "region", 2) or "US").upper()
        context = Context(prospect_name=_field(form, "prospect"), company=_field(form, "company"))
        recorded = await critique_upload(
            request,
            form.get("file"),
            rules=user.rule_set(),
            context=context,
            region=region,
            rep_phone=_field(form, "rep_phone", 40),
        )
        return JSONResponse(recorded.to_dict())
    body = await _script(request)
    context = Context(
        prospect_name=body.prospect, company=body.company, concerns=tuple(body.concerns)
    )
    # The caller (built in the thread pool) brings the team's compiled rules; the critique
    # itself is CPU-only and well under a millisecond, so it runs on the event loop.
    result = critique(body.text, context=context, region=body.region.upper(), rules=user.rule_set())
    return result.to_dict()  # the CLI's JSON, validated against the model generated above
