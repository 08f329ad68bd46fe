"""The Prospects pages: the list, adding one, one prospect's history, logging voicemails/callbacks.

A rep sees only the prospects they own; a manager the whole team, with each one's
owner. Another rep's prospect answers 404 like a missing one: the services raise
UnknownProspectError for both, so existence is not leaked.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from callworthy.errors import (
    CallworthyError,
    DuplicateProspectError,
    InvalidPhoneError,
)
from callworthy.services import prospects as service
from callworthy.services import tracking
from callworthy.services.caller import Caller
from callworthy.services.fields import KNOWN_STRATEGIES, CallbackOutcome
from callworthy.text.analysis import MAX_CHARS
from callworthy.web.deps import Csrf, EngineDep, PageCaller, TemplatesDep
from callworthy.web.errors import status_of
from callworthy.web.render import page

router = APIRouter()
Field = Annotated[str, Form(max_length=200)]
Script = Annotated[str, Form(max_length=MAX_CHARS * 2)]
#: The outcomes offered as one-click buttons (the service also accepts "other").
OUTCOMES = (CallbackOutcome.RETURNED, CallbackOutcome.MEETING, CallbackOutcome.NOT_INTERESTED)
EMPTY_FORM = {"name": "", "company": "", "role": "", "industry": "", "phone": "", "tags": ""}


def _detail(
    request: Request,
    engine: EngineDep,
    templates: TemplatesDep,
    user: Caller,
    prospect_id: int,
    status: int = 200,
    **extra: Any,
) -> Response:
    found = tracking.history(engine, user, prospect_id)
    extra.setdefault("strategy", "value_tip")
    extra.setdefault("script", "")
    return page(
        request,
        templates,
        "prospect.html",
        status=status,
        user=user,
        history=found,
        strategies=KNOWN_STRATEGIES,
        outcomes=[o.value for o in OUTCOMES],
        max_chars=MAX_CHARS,
        **extra,
    )


@router.get("/prospects")
def prospects_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """List the user's prospects (a manager: the team's, with their owner)."""
    rows = service.list_prospects(engine, user)
    return page(request, templates, "prospects.html", user=user, prospects=rows)


@router.get("/prospects/new")
def new_prospect_page(request: Request, user: PageCaller, templates: TemplatesDep) -> Response:
    """Show the form to add a prospect."""
    return page(request, templates, "prospect_new.html", user=user, form=EMPTY_FORM, errors={})


@router.post("/prospects", dependencies=[Csrf])
def add_prospect(
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
    form.update(industry=industry, phone=phone, tags=tags, humor_ok=humor_ok)
    try:
        record = service.add_prospect(
            engine,
            user,
            name,
            company=company,
            role=role,
            industry=industry,
            phone=phone,
            humor_ok=humor_ok,
            tags=tags.replace(";", ",").split(","),
        )
    except CallworthyError as exc:
        where = "phone" if isinstance(exc, InvalidPhoneError | DuplicateProspectError) else "name"
        return page(
            request,
            templates,
            "prospect_new.html",
            status=status_of(exc),
            user=user,
            form=form,
            errors={where: exc.message},
        )
    return RedirectResponse(f"/prospects/{record.id}", status_code=303)


@router.get("/prospects/{prospect_id}")
def prospect_page(
    request: Request,
    prospect_id: int,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
) -> Response:
    """Show a prospect, its voicemails and callbacks, and the forms to log more."""
    return _detail(request, engine, templates, user, prospect_id)


@router.post("/prospects/{prospect_id}/voicemails", dependencies=[Csrf])
def log_voicemail(
    request: Request,
    prospect_id: int,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    strategy: Field = "",
    script: Script = "",
) -> Response:
    """Critique and store a voicemail left; back to the prospect (errors shown on its page)."""
    try:
        tracking.log_voicemail(
            engine,
            user,
            prospect_id,
            strategy,
            script,
            source="web",
        )
    except CallworthyError as exc:
        if status_of(exc) == 404:
            raise
        return _detail(
            request,
            engine,
            templates,
            user,
            prospect_id,
            status=status_of(exc),
            voicemail_error=exc.message,
            strategy=strategy,
            script=script,
        )
    return RedirectResponse(f"/prospects/{prospect_id}", status_code=303)


@router.post("/prospects/{prospect_id}/callbacks", dependencies=[Csrf])
def log_callback(
    request: Request,
    prospect_id: int,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    outcome: Field = "",
) -> Response:
    """Record a return call in one click (matched to the latest unanswered voicemail, if any)."""
    try:
        tracking.log_callback(
            engine,
            user,
            prospect_id,
            outcome=outcome,
            unmatched=True,
            source="web",
        )
    except CallworthyError as exc:
        if status_of(exc) == 404:
            raise
        return _detail(
            request,
            engine,
            templates,
            user,
            prospect_id,
            status=status_of(exc),
            callback_error=exc.message,
        )
    return RedirectResponse(f"/prospects/{prospect_id}", status_code=303)
