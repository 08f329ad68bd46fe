"""The Team page (managers only): the team's accounts, and adding one."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from callworthy.errors import AccountError
from callworthy.services import accounts
from callworthy.web.deps import Csrf, EngineDep, PageManager, TemplatesDep
from callworthy.web.errors import status_of
from callworthy.web.render import page

router = APIRouter()
Text = Annotated[str, Form(max_length=2000)]


@router.get("/team")
def team_page(
    request: Request, user: PageManager, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """List the team's accounts."""
    members = accounts.team_accounts(engine, user)
    return page(request, templates, "team.html", user=user, members=members)


@router.post("/team/accounts", dependencies=[Csrf])
def team_add(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    name: Text,
    email: Text,
    password: Text,
    role: Annotated[Literal["rep", "manager"], Form()] = "rep",
) -> Response:
    """Add an account to the team; the manager hands the password over in person."""
    try:
        accounts.add_account(engine, user, name, email, password, role)
    except AccountError as exc:
        members = accounts.team_accounts(engine, user)
        return page(
            request,
            templates,
            "team.html",
            status_of(exc),
            user=user,
            members=members,
            error=exc.message,
        )
    return RedirectResponse("/team", status_code=303)
