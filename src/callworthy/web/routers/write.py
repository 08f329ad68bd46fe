"""The Write page (a prospect form, candidates, "Use this" to log one) and `POST /api/v1/write`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from callworthy.errors import CallworthyError, InvalidFieldError, ProfileError
from callworthy.services import profiles, prospects
from callworthy.services.caller import Caller
from callworthy.services.profiles import Profile
from callworthy.services.values import ProspectRecord
from callworthy.services.writing import (
    Written,
    field_of,
    industries,
    plain_problem,
    team_evidence,
    write_for,
    written,
)
from callworthy.web import experiments_view as clock
from callworthy.web.deps import ApiCaller, Csrf, EngineDep, PageCaller, TemplatesDep
from callworthy.web.render import form_error, page
from callworthy.web.schemas import WriteIn, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["write"])
Short = Annotated[str, Form(max_length=200)]
Lines = Annotated[str, Form(max_length=2000)]
RELATIONSHIPS = ("cold", "met_briefly", "referred")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _visible(engine: Any, user: Caller) -> tuple[ProspectRecord, ...]:
    return prospects.list_prospects(engine, user)


def _chosen(engine: Any, user: Caller, prospect_id: str) -> ProspectRecord | None:
    if not prospect_id.strip():
        return None
    number = prospect_id.strip().removeprefix("#")
    if not number.isdigit():
        return None
    return prospects.show_prospect(engine, user, int(number))


def _form_from(user: Caller, record: ProspectRecord | None, mine: Profile) -> dict[str, str]:
    form = dict.fromkeys(
        ("name", "company", "role", "industry", "facts", "concerns", "relationship",
         "referred_by", "lead_name", "lead_detail", "lead_contact", "rep_company", "rep_phone",
         "humor"),
        "",
    )  # fmt: skip
    form.update(
        rep_name=mine.name, rep_phone=mine.form_phone or "", rep_company=mine.company or "",
        rep_email=user.email, prospect_id="", seed="0",
    )  # fmt: skip
    if record is not None:
        form.update(
            prospect_id=str(record.id),
            name=record.name,
            company=record.company or "",
            role=record.role or "",
            industry=record.industry or "",
            humor="on" if record.humor_ok else "",
            relationship=record.relationship,
            referred_by=record.referred_by or "",
            lead_name=record.lead_name or "",
            lead_detail=record.lead_detail or "",
        )
    return form


def _view(engine: Any, user: Caller, **view: Any) -> dict[str, Any]:
    view.setdefault("writeup", None)
    return {
        "user": user,
        "prospects": _visible(engine, user),
        "industries": industries(),
        "relationships": RELATIONSHIPS,
        **view,
    }


@pages.get("/write")
def write_page(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    prospect_id: str = "",
) -> Response:
    """Show the prospect form (prefilled from a chosen prospect and the rep's profile)."""
    record = _chosen(engine, user, prospect_id[:12])
    form = _form_from(user, record, profiles.get_profile(engine, user))
    view = _view(engine, user, form=form, chosen=record)
    return page(request, templates, "write.html", **view)


@pages.post("/write", dependencies=[Csrf])
def write_form(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    prospect_id: Annotated[str, Form(max_length=12)] = "",
    name: Short = "", company: Short = "", role: Short = "", industry: Short = "",
    facts: Lines = "", concerns: Lines = "", humor: Short = "", relationship: Short = "",
    referred_by: Short = "", lead_name: Short = "", lead_detail: Short = "",
    lead_contact: Short = "", rep_name: Short = "", rep_company: Short = "",
    rep_phone: Short = "", rep_email: Short = "",
    seed: Annotated[int, Form(ge=0, le=1_000_000)] = 0,
) -> Response:  # fmt: skip
    """Write the candidates and show them under the form (errors beside their field)."""
    form = {
        "prospect_id": prospect_id, "name": name, "company": company, "role": role,
        "industry": industry, "facts": facts, "concerns": concerns, "humor": humor,
        "relationship": relationship, "referred_by": referred_by, "lead_name": lead_name,
        "lead_detail": lead_detail, "lead_contact": lead_contact, "rep_name": rep_name,
        "rep_company": rep_company, "rep_phone": rep_phone, "rep_email": rep_email,
        "seed": str(seed),
    }  # fmt: skip
    chosen = _chosen(engine, user, prospect_id)
    prospect: dict[str, Any] = {
        "name": name, "company": company, "role": role, "industry": industry,
        "facts": _lines(facts), "concerns": _lines(concerns), "humor_ok": bool(humor),
        "relationship": relationship or "cold", "referred_by": referred_by,
    }  # fmt: skip
    if lead_name or lead_detail or lead_contact:
        lead = {"name": lead_name, "detail": lead_detail, "contact": lead_contact}
        prospect["lead"] = {k: v for k, v in lead.items() if v}
    rep = {"name": rep_name, "company": rep_company, "phone": rep_phone, "email": rep_email}
    data = {
        "prospect": {k: v for k, v in prospect.items() if v not in ("", [], None)},
        "rep": {k: v for k, v in rep.items() if v},
    }
    view = _view(engine, user, form=form, chosen=chosen)
    try:
        evidence = team_evidence(engine, user, now=clock.now())
        view["writeup"] = write_for(data, user.rule_set(), seed=seed, evidence=evidence)
    except CallworthyError as exc:
        field = field_of(exc) if isinstance(exc, ProfileError) else None
        if isinstance(exc, ProfileError):  # a field path is for files: the form names its label
            exc = InvalidFieldError(plain_problem(exc), exc.fix, field=field)
        return form_error(request, templates, "write.html", exc, field=field, **view)
    return page(request, templates, "write.html", **view)


@api.post("/write", response_model=Written, responses=errors())
def write(body: WriteIn, user: ApiCaller, engine: EngineDep) -> Written:
    """Write candidate voicemails for a prospect, likeliest to be called back first.

    Each candidate carries its `expected_rate` and the `evidence` behind it: the team's
    results for its strategy, else what the articles report. The rep's name, phone and
    company default to the caller's saved profile.
    """
    rep = dict(body.rep)
    if not (rep.get("name") and rep.get("phone")):
        rep = {**profiles.get_profile(engine, user).rep_mapping(), **rep}
    data = {"prospect": body.prospect, "rep": rep}
    evidence = team_evidence(engine, user, now=clock.now())
    return written(
        write_for(data, user.rule_set(), seed=body.seed, source="body", evidence=evidence)
    )
