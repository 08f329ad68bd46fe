"""Prospects, their voicemails and callbacks: the pages and their JSON twins (`/api/v1/...`).

Each operation has one service call; the page renders its value with a template,
the API returns it as its `response_model`. A rep sees only the prospects they
own, a manager the whole team's (the caller's owner scope): another rep's prospect
answers 404 like a missing one, so its existence is not leaked.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from callworthy.errors import CallworthyError, NotFoundError
from callworthy.fields import KNOWN_STRATEGIES, CallbackOutcome, parse_time
from callworthy.services import prospects as service
from callworthy.services import tracking
from callworthy.services.caller import Caller
from callworthy.services.values import CallbackRecord, History, ProspectRecord, VoicemailRecord
from callworthy.text.analysis import MAX_CHARS
from callworthy.web.deps import ApiCaller, Csrf, EngineDep, PageCaller, RecordId, TemplatesDep
from callworthy.web.render import flash, form_error, page
from callworthy.web.schemas import CallbackIn, ProspectIn, VoicemailIn, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["prospects"])
Field = Annotated[str, Form(max_length=200)]
Script = Annotated[str, Form(max_length=MAX_CHARS * 2)]
#: The outcomes offered as one-click buttons (the service also accepts "other").
OUTCOMES = (CallbackOutcome.RETURNED, CallbackOutcome.MEETING, CallbackOutcome.NOT_INTERESTED)
EMPTY_FORM = {"name": "", "company": "", "role": "", "industry": "", "phone": "", "tags": ""}


def _detail(user: Caller, history: History, **extra: Any) -> dict[str, Any]:
    extra.setdefault("strategy", "value_tip")
    extra.setdefault("script", "")
    return {
        "user": user,
        "history": history,
        "strategies": KNOWN_STRATEGIES,
        "outcomes": [o.value for o in OUTCOMES],
        "max_chars": MAX_CHARS,
        **extra,
    }


def _logged(
    request: Request,
    engine: EngineDep,
    templates: TemplatesDep,
    user: Caller,
    prospect_id: int,
    exc: CallworthyError,
    where: str,
    **typed: Any,
) -> Response:
    """Show the prospect again with why the voicemail or callback was not logged."""
    if isinstance(exc, NotFoundError):
        raise exc
    found = tracking.history(engine, user, prospect_id)
    context = _detail(user, found, **typed)
    return form_error(request, templates, "prospect.html", exc, where=where, **context)


# --- The list and adding a prospect -------------------------------------------------------


@pages.get("/prospects")
def prospects_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """List the user's prospects (a manager: the team's, with their owner)."""
    rows = service.list_prospects(engine, user)
    return page(request, templates, "prospects.html", user=user, prospects=rows)


@api.get("/prospects", response_model=list[ProspectRecord], responses=errors())
def list_prospects(user: ApiCaller, engine: EngineDep) -> tuple[ProspectRecord, ...]:
    """List the token's rep's prospects (a manager: the team's), by name."""
    return service.list_prospects(engine, user)


@pages.get("/prospects/new")
def new_prospect_page(request: Request, user: PageCaller, templates: TemplatesDep) -> Response:
    """Show the form to add a prospect."""
    return page(request, templates, "prospect_new.html", user=user, form=EMPTY_FORM)


@pages.post("/prospects", dependencies=[Csrf])
def add_prospect_form(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    name: Field = "",
    company: Field = "",
    role: Field = "",
    industry: Field = "",
    phone: Field = "",
    tags: Field = "",
    humor_ok: Annotated[bool, Form()] = False,
) -> Response:
    """Add a prospect owned by the user; errors are shown beside their field."""
    form: dict[str, str | bool] = {"name": name, "company": company, "role": role}
    form["industry"] = industry
    form.update(phone=phone, tags=tags, humor_ok=humor_ok)
    body = ProspectIn.model_construct(
        name=name, company=company, role=role, industry=industry, phone=phone,
        humor_ok=humor_ok, tags=tags.replace(";", ",").split(","),
    )  # fmt: skip
    try:
        record = _add(engine, user, body)
    except CallworthyError as exc:
        return form_error(
            request, templates, "prospect_new.html", exc, fields=("name", "phone"), where="name",
            user=user, form=form,
        )  # fmt: skip
    flash(request, f"{record.name} is added. Log the first voicemail below.")
    return RedirectResponse(f"/prospects/{record.id}", status_code=303)


@api.post("/prospects", status_code=201, response_model=ProspectRecord, responses=errors(409))
def add_prospect(body: ProspectIn, user: ApiCaller, engine: EngineDep) -> ProspectRecord:
    """Add a prospect owned by the token's rep."""
    return _add(engine, user, body)


def _add(engine: EngineDep, user: Caller, body: ProspectIn) -> ProspectRecord:
    return service.add_prospect(
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


# --- One prospect: its history, logging a voicemail or a callback ------------------------


@pages.get("/prospects/{prospect_id}")
def prospect_page(
    request: Request,
    prospect_id: RecordId,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
) -> Response:
    """Show a prospect, its voicemails and callbacks, and the forms to log more."""
    found = tracking.history(engine, user, prospect_id)
    context = _detail(user, found)
    return page(request, templates, "prospect.html", **context)


@api.get("/prospects/{prospect_id}", response_model=History, responses=errors(404))
def show_prospect(prospect_id: RecordId, user: ApiCaller, engine: EngineDep) -> History:
    """Return a prospect with its voicemails and callbacks."""
    return tracking.history(engine, user, prospect_id)


@pages.post("/prospects/{prospect_id}/voicemails", dependencies=[Csrf])
def log_voicemail_form(
    request: Request,
    prospect_id: RecordId,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    strategy: Field = "",
    script: Script = "",
) -> Response:
    """Critique and store a voicemail left; back to the prospect (errors shown on its page)."""
    try:
        logged = tracking.log_voicemail(engine, user, prospect_id, strategy, script, source="web")
    except CallworthyError as exc:
        return _logged(
            request, engine, templates, user, prospect_id, exc, "voicemail",
            strategy=strategy, script=script,
        )  # fmt: skip
    scored = f": it scored {logged.score}" if logged.score is not None else ""
    flash(request, f"The voicemail is logged{scored}. What to improve is in its row below.")
    return RedirectResponse(f"/prospects/{prospect_id}", status_code=303)


@api.post(
    "/prospects/{prospect_id}/voicemails",
    status_code=201,
    response_model=VoicemailRecord,
    responses=errors(404, 409),
)
def log_voicemail(
    prospect_id: RecordId, body: VoicemailIn, user: ApiCaller, engine: EngineDep
) -> VoicemailRecord:
    """Critique a voicemail left for the prospect with the team's rules; store it with its score."""
    return tracking.log_voicemail(
        engine, user, prospect_id, body.strategy, body.script, source="web"
    )


@pages.post("/prospects/{prospect_id}/callbacks", dependencies=[Csrf])
def log_callback_form(
    request: Request,
    prospect_id: RecordId,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    outcome: Field = "",
) -> Response:
    """Record a return call in one click (matched to the latest unanswered voicemail, if any)."""
    try:
        tracking.log_callback(
            engine, user, prospect_id, outcome=outcome, unmatched=True, source="web"
        )
    except CallworthyError as exc:
        return _logged(request, engine, templates, user, prospect_id, exc, "callback")
    flash(request, f"Callback logged: {outcome.replace('_', ' ')}.")
    return RedirectResponse(f"/prospects/{prospect_id}", status_code=303)


@api.post(
    "/prospects/{prospect_id}/callbacks",
    status_code=201,
    response_model=CallbackRecord,
    responses=errors(404),
)
def log_callback(
    prospect_id: RecordId, body: CallbackIn, user: ApiCaller, engine: EngineDep
) -> CallbackRecord:
    """Record a return call, matched to the latest unanswered voicemail before it (if any)."""
    return tracking.log_callback(
        engine,
        user,
        prospect_id,
        outcome=body.outcome,
        at=parse_time(body.at) if body.at else None,
        unmatched=True,
        source="web",
    )
