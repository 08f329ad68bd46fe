"""Prospects, their voicemails and callbacks: the pages and their JSON twins (`/api/v1/...`).

Each operation has one service call; the page renders its value with a template,
the API returns it as its `response_model`. A rep sees only the prospects they
own, a manager the whole team's (the caller's owner scope): another rep's prospect
answers 404 like a missing one, so its existence is not leaked.

The log-a-voicemail form lists every strategy of the team (the running experiment's
arms first) and pre-selects the arm the experiment gave the prospect
(`tracking.log_form`); what the rep knows of the prospect (relationship, someone
you both know, a lead, humor) is kept with it and decides which strategies fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from callworthy.critique import critique
from callworthy.critique.context import Context
from callworthy.errors import CallworthyError, NotFoundError
from callworthy.fields import CallbackOutcome, parse_time
from callworthy.services import prospects as service
from callworthy.services import strategies, tracking, worklist
from callworthy.services.caller import Caller
from callworthy.services.paging import Page
from callworthy.services.prospects import RELATIONSHIPS, Known
from callworthy.services.strategies import StrategyChoice
from callworthy.services.tracking import LogForm
from callworthy.services.values import CallbackRecord, History, ProspectRecord, VoicemailRecord
from callworthy.services.worklist import ProspectRow
from callworthy.text.analysis import MAX_CHARS
from callworthy.web import experiments_view as clock
from callworthy.web.deps import (
    ApiCaller,
    Csrf,
    Cursor,
    EngineDep,
    Limit,
    PageCaller,
    PageNumber,
    RecordId,
    TemplatesDep,
)
from callworthy.web.notices import change_notice
from callworthy.web.render import flash, form_error, page
from callworthy.web.schemas import (
    CallbackIn,
    KnownIn,
    ProspectIn,
    VoicemailIn,
    errors,
)

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["prospects"])
# Lengths and characters are the services' to check (fields.check_text), one message per
# field for every surface; the body cap bounds what a form can send.
Field = Annotated[str, Form()]
Script = Annotated[str, Form()]
PROSPECT_FIELDS = (
    "name", "company", "role", "industry", "phone", "tags", "relationship", "referred_by",
    "lead_name", "lead_detail",
)  # fmt: skip
#: The outcomes offered as one-click buttons (the service also accepts "other").
OUTCOMES = (CallbackOutcome.RETURNED, CallbackOutcome.MEETING, CallbackOutcome.NOT_INTERESTED)
EMPTY_FORM = {"name": "", "company": "", "role": "", "industry": "", "phone": "", "tags": ""}
EMPTY_FORM.update(relationship="cold", referred_by="", lead_name="", lead_detail="")


def _detail(engine: EngineDep, user: Caller, history: History, **extra: Any) -> dict[str, Any]:
    form = tracking.log_form(engine, user, history.prospect.id, clock.now())
    extra.setdefault("strategy", form.selected)
    extra.setdefault("script", "")
    names = {c.id: c.name for c in form.strategies}
    return {
        "user": user,
        "history": history,
        "lost": _losses(user, history),
        "log_form": form,
        "names": names,
        "relationships": RELATIONSHIPS,
        "outcomes": [o.value for o in OUTCOMES],
        "max_chars": MAX_CHARS,
        **extra,
    }


#: The findings a logged voicemail shows beside its score: its biggest losses.
SHOWN_LOSSES = 3


@dataclass(frozen=True, slots=True)
class Losses:
    """What a logged voicemail's score lost by the team's rules today, biggest first."""

    items: list[tuple[str, int]]
    today: int | None
    """Today's score, where the rules have changed since it was scored (and it differs)."""


def _losses(user: Caller, history: History) -> dict[int, Losses]:
    """Return each voicemail's biggest losses (title, points) by the team's rules today.

    The critique runs in well under a millisecond, so the page re-reads each script
    rather than store findings the rules may since have changed; where they have and the
    score differs, today's score is shown beside the stored one, so the points shown add
    up to the score shown.
    """
    rules = user.rule_set()
    # As the voicemail was scored when logged: for this prospect, by name and company.
    prospect = history.prospect
    context = Context(prospect_name=prospect.name, company=prospect.company)
    lost: dict[int, Losses] = {}
    for voicemail in history.voicemails:
        if not voicemail.script.strip():
            continue
        try:
            today = critique(voicemail.script, rules=rules, context=context)
        except CallworthyError:  # a script too long to critique: its score says enough
            continue
        worst = [(f.title or f.message, f.points) for f in today.findings if f.points < 0]
        changed = voicemail.score is not None and today.score != voicemail.score
        lost[voicemail.id] = Losses(worst[:SHOWN_LOSSES], today.score if changed else None)
    return lost


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
    context = _detail(engine, user, found, **typed)
    return form_error(request, templates, "prospect.html", exc, where=where, **context)


# --- The list and adding a prospect -------------------------------------------------------


@pages.get("/prospects")
def prospects_page(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    page_number: PageNumber = None,
    q: Annotated[str, Query(max_length=200)] = "",
    tag: Annotated[str, Query(max_length=200)] = "",
    sort: Annotated[str, Query(max_length=20)] = "name",
) -> Response:
    """List the user's prospects (a manager: the team's), searched and sorted, 50 a page,
    under today's calls."""
    now = clock.now()
    work = worklist.worklist(
        engine, user, now=now, day_ends=day_end(now, request.session.get("tz")), search=q,
        tag=tag, sort=sort, page=page_number,
    )  # fmt: skip
    notice = change_notice(engine, user, request)
    return page(
        request, templates, "prospects.html", user=user, pager=work.page, work=work, q=q,
        tag=tag, sort=work.sort, notice=notice,
    )  # fmt: skip


def day_end(now: datetime, zone: object) -> datetime:
    """Return when the rep's day ends (their next midnight), in UTC; UTC's without a zone."""
    try:
        here = ZoneInfo(zone) if isinstance(zone, str) and zone else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        here = ZoneInfo("UTC")
    local = now.astimezone(here)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(), tzinfo=here)
    return midnight.astimezone(UTC)


@api.get("/prospects", response_model=Page[ProspectRecord], responses=errors())
def list_prospects(
    user: ApiCaller,
    engine: EngineDep,
    cursor: Cursor = None,
    limit: Limit = None,
    name: Annotated[str | None, Query(description="Only names containing this.")] = None,
    tag: Annotated[str | None, Query(description="Only prospects with this tag.")] = None,
) -> Page[ProspectRecord]:
    """List the token's rep's prospects (a manager: the team's) by name, a page at a time."""
    return service.prospect_page(engine, user, tag=tag, name=name, cursor=cursor, limit=limit)


@api.get("/prospects/today", response_model=list[ProspectRow], responses=errors())
def call_today(
    user: ApiCaller,
    engine: EngineDep,
    time_zone: Annotated[
        str | None, Query(max_length=64, description="Whose day: an IANA zone (default UTC).")
    ] = None,
) -> tuple[ProspectRow, ...]:
    """The Call today queue: who the contact cadence says is due before the day ends."""
    now = clock.now()
    return worklist.worklist(engine, user, now=now, day_ends=day_end(now, time_zone)).today


@pages.get("/prospects/new")
def new_prospect_page(request: Request, user: PageCaller, templates: TemplatesDep) -> Response:
    """Show the form to add a prospect."""
    return page(
        request, templates, "prospect_new.html", user=user, form=EMPTY_FORM,
        relationships=RELATIONSHIPS,
    )  # fmt: skip


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
    relationship: Field = "cold",
    referred_by: Field = "",
    lead_name: Field = "",
    lead_detail: Field = "",
) -> Response:
    """Add a prospect owned by the user; errors are shown beside their field."""
    form: dict[str, str | bool] = {"name": name, "company": company, "role": role}
    form["industry"] = industry
    form.update(phone=phone, tags=tags, humor_ok=humor_ok, relationship=relationship)
    form.update(referred_by=referred_by, lead_name=lead_name, lead_detail=lead_detail)
    body = ProspectIn.model_construct(
        name=name, company=company, role=role, industry=industry, phone=phone,
        humor_ok=humor_ok, tags=tags.replace(";", ",").split(","), relationship=relationship,
        referred_by=referred_by, lead_name=lead_name, lead_detail=lead_detail,
    )  # fmt: skip
    try:
        record = _add(engine, user, body)
    except CallworthyError as exc:
        return form_error(
            request, templates, "prospect_new.html", exc, fields=PROSPECT_FIELDS, where="name",
            user=user, form=form, relationships=RELATIONSHIPS,
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
        known=Known(body.relationship, body.referred_by, body.lead_name, body.lead_detail),
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
    context = _detail(engine, user, found, notice=change_notice(engine, user, request))
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


# --- What the rep knows of a prospect, the log form's twin, correcting a strategy -----------


@pages.post("/prospects/{prospect_id}/known", dependencies=[Csrf])
def known_form(
    request: Request,
    prospect_id: RecordId,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    relationship: Field = "cold",
    referred_by: Field = "",
    lead_name: Field = "",
    lead_detail: Field = "",
    humor_ok: Annotated[bool, Form()] = False,
) -> Response:
    """Record what the rep knows of the prospect (it decides which strategies fit)."""
    try:
        service.set_humor(engine, user, prospect_id, humor_ok)
        service.set_known(
            engine, user, prospect_id, Known(relationship, referred_by, lead_name, lead_detail)
        )
    except CallworthyError as exc:
        return _logged(request, engine, templates, user, prospect_id, exc, "known")
    return RedirectResponse(f"/prospects/{prospect_id}#known", status_code=303)


@api.put("/prospects/{prospect_id}/known", response_model=ProspectRecord, responses=errors(404))
def set_known(
    prospect_id: RecordId, body: KnownIn, user: ApiCaller, engine: EngineDep
) -> ProspectRecord:
    """Record what the rep knows of a prospect: relationship, referred by, a lead, humor."""
    if body.humor_ok is not None:
        service.set_humor(engine, user, prospect_id, body.humor_ok)
    known = Known(body.relationship, body.referred_by, body.lead_name, body.lead_detail)
    return service.set_known(engine, user, prospect_id, known)


@api.get("/prospects/{prospect_id}/log-form", response_model=LogForm, responses=errors(404))
def log_form(prospect_id: RecordId, user: ApiCaller, engine: EngineDep) -> LogForm:
    """The strategies to log a voicemail with, the prospect's experiment arm pre-selected."""
    return tracking.log_form(engine, user, prospect_id, clock.now())


@pages.post("/prospects/{prospect_id}/voicemails/{voicemail_id}/strategy", dependencies=[Csrf])
def correct_form(
    request: Request,
    prospect_id: RecordId,
    voicemail_id: RecordId,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    strategy: Field = "",
) -> Response:
    """Correct the strategy of a voicemail (one read from an imported script)."""
    try:
        tracking.correct_strategy(engine, user, voicemail_id, strategy)
    except CallworthyError as exc:
        return _logged(request, engine, templates, user, prospect_id, exc, "history")
    return RedirectResponse(f"/prospects/{prospect_id}#voicemails", status_code=303)


@api.get("/strategies", response_model=list[StrategyChoice], responses=errors())
def list_strategies(user: ApiCaller, engine: EngineDep) -> tuple[StrategyChoice, ...]:
    """Every strategy of the team (the built-ins and its tried ideas), proposable first."""
    return strategies.choices(engine, user)
