"""Accounts: the Team page (managers), the Tokens page, and `/api/v1/me|users|tokens`.

A revoked token is refused on the next request by every worker: the caller is
checked in the database on every request (web/deps.py).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from callworthy.errors import AccountError
from callworthy.services import accounts
from callworthy.services.accounts import Account, TokenInfo
from callworthy.web.deps import (
    ApiCaller,
    Csrf,
    EngineDep,
    PageCaller,
    PageManager,
    RecordId,
    TemplatesDep,
)
from callworthy.web.render import form_error, page
from callworthy.web.schemas import errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["accounts"])
Text = Annotated[str, Form(max_length=2000)]


@api.get("/me", response_model=Account, responses=errors())
def me(user: ApiCaller) -> Account:
    """Return the account the token belongs to."""
    assert user.account is not None  # an API caller always has an account
    return user.account


@pages.get("/team")
def team_page(
    request: Request, user: PageManager, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """List the team's accounts."""
    members = accounts.team_accounts(engine, user)
    return page(request, templates, "team.html", user=user, members=members)


@api.get("/users", response_model=list[Account], responses=errors())
def users(user: ApiCaller, engine: EngineDep) -> list[Account]:
    """List the accounts you may see: the whole team for a manager, yourself for a rep."""
    return accounts.team_accounts(engine, user)


@pages.post("/team/accounts", dependencies=[Csrf])
def add_account_form(
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
        return form_error(request, templates, "team.html", exc, user=user, members=members)
    return RedirectResponse("/team", status_code=303)


@pages.get("/tokens")
def tokens_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """List the user's tokens."""
    listed = accounts.list_tokens(engine, user)
    return page(request, templates, "tokens.html", user=user, tokens=listed)


@api.get("/tokens", response_model=list[TokenInfo], responses=errors())
def tokens(user: ApiCaller, engine: EngineDep) -> list[TokenInfo]:
    """List your API tokens (never the tokens themselves)."""
    return accounts.list_tokens(engine, user)


@pages.post("/tokens", dependencies=[Csrf])
def create_token_form(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    name: Annotated[str, Form(max_length=200)],
) -> Response:
    """Create a token and show it this once."""
    token, _info = accounts.create_token(engine, user, name)
    listed = accounts.list_tokens(engine, user)
    return page(request, templates, "tokens.html", user=user, tokens=listed, new_token=token)


@pages.post("/tokens/{token_id}/revoke", dependencies=[Csrf])
def revoke_token_form(user: PageCaller, engine: EngineDep, token_id: RecordId) -> Response:
    """Revoke one of the user's tokens."""
    accounts.revoke_token(engine, user, token_id)
    return RedirectResponse("/tokens", status_code=303)


@api.delete("/tokens/{token_id}", status_code=204, responses=errors(404))
def revoke_token(user: ApiCaller, engine: EngineDep, token_id: RecordId) -> Response:
    """Revoke a token: your own, or any of your team's if you are a manager."""
    accounts.revoke_token(engine, user, token_id)
    return Response(status_code=204)
