"""The "Your profile" page and `/api/v1/profile`: the name, phone, company and region a rep
signs their messages with, saved once and used to prefill Write and Check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from callworthy.errors import CallworthyError
from callworthy.services import profiles
from callworthy.services.profiles import Profile
from callworthy.web.deps import ApiCaller, Csrf, EngineDep, PageCaller, TemplatesDep
from callworthy.web.render import form_error, page
from callworthy.web.schemas import ProfileIn, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["profile"])
Short = Annotated[str, Form(max_length=200)]
FIELDS = ("name", "phone", "company", "region")


def _form(profile: Profile) -> dict[str, str]:
    return {
        "name": profile.name,
        "phone": profile.phone_display or "",
        "company": profile.company or "",
        "region": profile.region,
    }


@pages.get("/profile")
def profile_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """Show the rep's profile in a form."""
    current = profiles.get_profile(engine, user)
    return page(request, templates, "profile.html", user=user, form=_form(current), saved=False)


@pages.post("/profile", dependencies=[Csrf])
def save_profile_form(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    name: Short = "",
    phone: Short = "",
    company: Short = "",
    region: Short = "",
) -> Response:
    """Save the profile; a problem is shown beside its field with what was typed."""
    form = {"name": name, "phone": phone, "company": company, "region": region}
    try:
        saved = profiles.save_profile(
            engine, user, name=name, phone=phone, company=company, region=region
        )
    except CallworthyError as exc:
        return form_error(
            request, templates, "profile.html", exc, fields=FIELDS, user=user, form=form,
            saved=False,
        )  # fmt: skip
    return page(request, templates, "profile.html", user=user, form=_form(saved), saved=True)


@api.get("/profile", response_model=Profile, responses=errors())
def get_profile(user: ApiCaller, engine: EngineDep) -> Profile:
    """Return your profile (the defaults, with `saved` false, until you save one)."""
    return profiles.get_profile(engine, user)


@api.put("/profile", response_model=Profile, responses=errors())
def put_profile(body: ProfileIn, user: ApiCaller, engine: EngineDep) -> Profile:
    """Save your profile; a field left out keeps its saved value ("" clears phone or company)."""
    return profiles.save_profile(
        engine, user, name=body.name, phone=body.phone, company=body.company, region=body.region
    )
