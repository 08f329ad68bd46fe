"""The "Your profile" page and `/api/v1/profile`: the name, phone, company and region a rep
signs their messages with, saved once and used to prefill Write and Check."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from callworthy.errors import CallworthyError
from callworthy.services import profiles
from callworthy.services.profiles import Profile
from callworthy.web.deps import ApiCaller, Csrf, EngineDep, PageCaller, TemplatesDep
from callworthy.web.render import flash, form_error, page
from callworthy.web.schemas import ProfileIn, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["profile"])
Short = Annotated[str, Form(max_length=200)]
FIELDS = ("name", "phone", "company", "region", "time_zone")
#: Where the session keeps the zone its pages show times in (read by `render.page`).
ZONE_KEY = "tz"


def _form(profile: Profile) -> dict[str, str]:
    return {
        "name": profile.name,
        "phone": profile.phone_display or "",
        "company": profile.company or "",
        "region": profile.region,
        "time_zone": profile.time_zone or "",
    }


def _page(request: Request, templates: TemplatesDep, **context: Any) -> Response:
    zones = sorted(profiles.available_timezones())
    return page(request, templates, "profile.html", zones=zones, **context)


@pages.get("/profile")
def profile_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """Show the rep's profile in a form."""
    current = profiles.get_profile(engine, user)
    return _page(request, templates, user=user, form=_form(current), saved=False)


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
    time_zone: Short = "",
) -> Response:
    """Save the profile; a problem is shown beside its field with what was typed."""
    form = {"name": name, "phone": phone, "company": company, "region": region}
    form["time_zone"] = time_zone
    try:
        saved = profiles.save_profile(
            engine, user, name=name, phone=phone, company=company, region=region,
            time_zone=time_zone,
        )  # fmt: skip
    except CallworthyError as exc:
        return form_error(
            request, templates, "profile.html", exc, fields=FIELDS, user=user, form=form,
            saved=False, zones=sorted(profiles.available_timezones()),
        )  # fmt: skip
    remember(request, saved)
    flash(request, "Your profile is saved.")
    return RedirectResponse("/profile", status_code=303)


@pages.post("/profile/time-zone", dependencies=[Csrf])
def first_time_zone(
    request: Request, user: PageCaller, engine: EngineDep, time_zone: Short = ""
) -> Response:
    """Take the browser's time zone, sent once a session; one the rep chose wins."""
    try:
        remember(request, profiles.first_time_zone(engine, user, time_zone))
    except CallworthyError:  # a zone this machine does not know: times stay in UTC
        request.session[ZONE_KEY] = ""
    return Response(status_code=204)


def remember(request: Request, profile: Profile) -> None:
    """Keep the profile's zone and region in the session, for every page's times and phones."""
    request.session[ZONE_KEY] = profile.time_zone or ""
    request.session["region"] = profile.region


@api.get("/profile", response_model=Profile, responses=errors())
def get_profile(user: ApiCaller, engine: EngineDep) -> Profile:
    """Return your profile (the defaults, with `saved` false, until you save one)."""
    return profiles.get_profile(engine, user)


@api.put("/profile", response_model=Profile, responses=errors())
def put_profile(body: ProfileIn, user: ApiCaller, engine: EngineDep) -> Profile:
    """Save your profile; a field left out keeps its saved value ("" clears phone or company)."""
    return profiles.save_profile(
        engine, user, name=body.name, phone=body.phone, company=body.company, region=body.region,
        time_zone=body.time_zone,
    )  # fmt: skip
