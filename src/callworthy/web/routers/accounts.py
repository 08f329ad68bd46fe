"""Accounts: the Team page (managers), Your account, the Tokens page, and their JSON twins.

Managers deactivate and reactivate team members, change roles, log them out
everywhere, hand their prospects to another rep and issue one-time reset links;
anyone changes their own password and ends their own sessions. Every change is
seen by every worker at once (sessions and accounts are read from the database on
each request) or within a second (API tokens; services/tokens.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from callworthy.errors import AccountError, CallworthyError
from callworthy.services import accounts, resets, sessions, tokens
from callworthy.services.accounts import Account, Reassigned
from callworthy.services.caller import Caller
from callworthy.services.resets import ResetIssued
from callworthy.services.sessions import SessionInfo
from callworthy.services.tokens import TokenInfo
from callworthy.web.deps import (
    ApiCaller,
    ApiManager,
    Csrf,
    EngineDep,
    PageCaller,
    PageManager,
    RecordId,
    SettingsDep,
    TemplatesDep,
    session_id,
)
from callworthy.web.render import flash, form_error, page
from callworthy.web.schemas import PasswordIn, ReassignIn, RoleIn, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["accounts"])
Text = Annotated[str, Form(max_length=2000)]
TEAM_FIELDS = ("name", "email", "password")


def _link(request: Request, issued: ResetIssued) -> ResetIssued:
    return replace(issued, url=str(request.base_url).rstrip("/") + issued.path)


def _team(request: Request, engine: Any, templates: Any, user: Caller, **extra: Any) -> Response:
    members = accounts.team_accounts(engine, user)
    return page(request, templates, "team.html", user=user, members=members, **extra)


@api.get("/me", response_model=Account, responses=errors())
def me(user: ApiCaller) -> Account:
    """Return the account the token belongs to."""
    assert user.account is not None  # an API caller always has an account
    return user.account


@pages.get("/team")
def team_page(
    request: Request, user: PageManager, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """List the team's accounts with what a manager can do to each."""
    return _team(request, engine, templates, user)


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
    except CallworthyError as exc:
        members = accounts.team_accounts(engine, user)
        form = {"name": name, "email": email, "role": role}
        return form_error(
            request,
            templates,
            "team.html",
            exc,
            fields=TEAM_FIELDS,
            user=user,
            members=members,
            form=form,
        )
    flash(request, f"{name} can now log in as a {role}. Hand them the password yourself.")
    return RedirectResponse("/team", status_code=303)


def _team_action(request: Request, engine: Any, templates: Any, user: Caller, act: Any) -> Response:
    """Run one manager action; on a refusal show the Team page with the reason on top."""
    try:
        act()
    except CallworthyError as exc:
        members = accounts.team_accounts(engine, user)
        return form_error(
            request, templates, "team.html", exc, where="members", user=user, members=members
        )
    flash(request, "Done: the team is updated.")
    return RedirectResponse("/team", status_code=303)


@pages.post("/team/accounts/{user_id}/deactivate", dependencies=[Csrf])
def deactivate_form(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    user_id: RecordId,
) -> Response:
    """Deactivate a team member: their sessions and tokens stop working at once."""
    return _team_action(
        request, engine, templates, user, lambda: accounts.deactivate(engine, user, user_id)
    )


@pages.post("/team/accounts/{user_id}/reactivate", dependencies=[Csrf])
def reactivate_form(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    user_id: RecordId,
) -> Response:
    """Let a deactivated team member log in again."""
    return _team_action(
        request, engine, templates, user, lambda: accounts.reactivate(engine, user, user_id)
    )


@pages.post("/team/accounts/{user_id}/role", dependencies=[Csrf])
def role_form(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    user_id: RecordId,
    role: Annotated[Literal["rep", "manager"], Form()],
) -> Response:
    """Make a team member a manager or a rep."""
    return _team_action(
        request, engine, templates, user, lambda: accounts.set_role(engine, user, user_id, role)
    )


@pages.post("/team/accounts/{user_id}/logout", dependencies=[Csrf])
def logout_member_form(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    user_id: RecordId,
) -> Response:
    """Log a team member out everywhere (their tokens keep working)."""
    return _team_action(
        request, engine, templates, user, lambda: sessions.end_all_sessions(engine, user, user_id)
    )


@pages.post("/team/accounts/{user_id}/reassign", dependencies=[Csrf])
def reassign_form(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    user_id: RecordId,
    to_user: Annotated[int, Form(ge=1, le=2**31 - 1)],
) -> Response:
    """Hand every prospect of a team member to another rep."""
    try:
        moved = accounts.reassign_prospects(engine, user, user_id, to_user)
    except CallworthyError as exc:
        members = accounts.team_accounts(engine, user)
        return form_error(
            request, templates, "team.html", exc, where="members", user=user, members=members
        )
    return _team(request, engine, templates, user, reassigned=moved)


@pages.post("/team/accounts/{user_id}/reset-link", dependencies=[Csrf])
def reset_link_form(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    user_id: RecordId,
) -> Response:
    """Make a one-time reset link and show it this once, to hand over."""
    try:
        issued = resets.issue_reset_link(engine, user, user_id, settings.reset_link_hours)
    except CallworthyError as exc:
        members = accounts.team_accounts(engine, user)
        return form_error(
            request, templates, "team.html", exc, where="members", user=user, members=members
        )
    return _team(request, engine, templates, user, issued=_link(request, issued))


@api.post("/users/{user_id}/deactivate", response_model=Account, responses=errors(404, 422))
def deactivate(user: ApiManager, engine: EngineDep, user_id: RecordId) -> Account:
    """Deactivate a team member (managers): their sessions and tokens stop working."""
    return accounts.deactivate(engine, user, user_id)


@api.post("/users/{user_id}/reactivate", response_model=Account, responses=errors(404))
def reactivate(user: ApiManager, engine: EngineDep, user_id: RecordId) -> Account:
    """Reactivate a team member (managers)."""
    return accounts.reactivate(engine, user, user_id)


@api.put("/users/{user_id}/role", response_model=Account, responses=errors(404, 422))
def set_role(user: ApiManager, engine: EngineDep, user_id: RecordId, body: RoleIn) -> Account:
    """Make a team member a manager or a rep (managers)."""
    return accounts.set_role(engine, user, user_id, body.role)


@api.delete("/users/{user_id}/sessions", responses=errors(404))
def end_member_sessions(user: ApiCaller, engine: EngineDep, user_id: RecordId) -> dict[str, int]:
    """Log an account out everywhere: your own, or a team member's for a manager."""
    return {"ended": sessions.end_all_sessions(engine, user, user_id)}


@api.post("/users/{user_id}/reassign", response_model=Reassigned, responses=errors(404, 422))
def reassign(
    user: ApiManager, engine: EngineDep, user_id: RecordId, body: ReassignIn
) -> Reassigned:
    """Hand every prospect of a team member to another (managers)."""
    return accounts.reassign_prospects(engine, user, user_id, body.to_user_id)


@api.post(
    "/users/{user_id}/reset-link",
    response_model=ResetIssued,
    status_code=201,
    responses=errors(404, 422),
)
def reset_link(
    request: Request, user: ApiManager, engine: EngineDep, settings: SettingsDep, user_id: RecordId
) -> ResetIssued:
    """Make a one-time password-reset link for a team member (managers); shown once."""
    return _link(request, resets.issue_reset_link(engine, user, user_id, settings.reset_link_hours))


@pages.get("/account")
def account_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """Show your account: change the password, your sessions, log out everywhere."""
    listed = sessions.list_sessions(engine, user, session_id(request))
    return page(request, templates, "account.html", user=user, sessions=listed)


@pages.post("/account/password", dependencies=[Csrf])
def password_form(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    old: Text,
    new: Text,
    confirm: Text,
) -> Response:
    """Change your password: your other sessions end, this one stays."""
    try:
        if new != confirm:
            raise AccountError(
                "The two new passwords differ.", "Type the same password twice.", field="new"
            )
        sid = session_id(request)
        keep = sessions.hash_id(sid) if sid else None
        accounts.change_password(engine, user, old, new, keep_session=keep)
    except CallworthyError as exc:
        listed = sessions.list_sessions(engine, user, session_id(request))
        return form_error(
            request,
            templates,
            "account.html",
            exc,
            fields=("old", "new"),
            user=user,
            sessions=listed,
        )
    listed = sessions.list_sessions(engine, user, session_id(request))
    return page(request, templates, "account.html", user=user, sessions=listed, changed=True)


@pages.post("/account/logout-everywhere", dependencies=[Csrf])
def logout_everywhere_form(request: Request, user: PageCaller, engine: EngineDep) -> Response:
    """End every session of yours, this one too."""
    sessions.end_all_sessions(engine, user)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@api.put("/me/password", status_code=204, responses=errors(422))
def change_password(user: ApiCaller, engine: EngineDep, body: PasswordIn) -> Response:
    """Change your password (the current one is required); your browser sessions end."""
    accounts.change_password(engine, user, body.old, body.new)
    return Response(status_code=204)


@api.get("/me/sessions", response_model=list[SessionInfo], responses=errors())
def my_sessions(user: ApiCaller, engine: EngineDep) -> list[SessionInfo]:
    """List your live browser sessions."""
    return sessions.list_sessions(engine, user)


@pages.get("/tokens")
def tokens_page(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    settings: SettingsDep,
    templates: TemplatesDep,
) -> Response:
    """List the user's tokens."""
    listed = tokens.list_tokens(engine, user)
    return page(request, templates, "tokens.html", user=user, tokens=listed, settings=settings)


@api.get("/tokens", response_model=list[TokenInfo], responses=errors())
def list_tokens(user: ApiCaller, engine: EngineDep) -> list[TokenInfo]:
    """List your API tokens (never the tokens themselves), with expiry and last use."""
    return tokens.list_tokens(engine, user)


@pages.post("/tokens", dependencies=[Csrf])
def create_token_form(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    name: Annotated[str, Form(max_length=200)],
    days: Annotated[int | None, Form(ge=1, le=100_000)] = None,
) -> Response:
    """Create a token (its lifetime within the server's maximum) and show it this once."""
    context: dict[str, Any] = {"user": user, "settings": settings}
    try:
        days = tokens.token_days(days, settings.token_days, settings.token_max_days)
        token, _info = tokens.create_token(engine, user, name, days, settings.token_max_days)
    except CallworthyError as exc:
        listed = tokens.list_tokens(engine, user)
        return form_error(
            request,
            templates,
            "tokens.html",
            exc,
            fields=("name", "days"),
            tokens=listed,
            **context,
        )
    listed = tokens.list_tokens(engine, user)
    return page(request, templates, "tokens.html", tokens=listed, new_token=token, **context)


@pages.post("/tokens/{token_id}/revoke", dependencies=[Csrf])
def revoke_token_form(
    request: Request, user: PageCaller, engine: EngineDep, token_id: RecordId
) -> Response:
    """Revoke one of the user's tokens."""
    tokens.revoke_token(engine, user, token_id)
    flash(request, "The token is revoked: it no longer works.")
    return RedirectResponse("/tokens", status_code=303)


@api.delete("/tokens/{token_id}", status_code=204, responses=errors(404))
def revoke_token(user: ApiCaller, engine: EngineDep, token_id: RecordId) -> Response:
    """Revoke a token: your own, or any of your team's if you are a manager."""
    tokens.revoke_token(engine, user, token_id)
    return Response(status_code=204)
