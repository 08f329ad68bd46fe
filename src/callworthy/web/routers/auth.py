"""Sessions: the first set-up, log-in (throttled, Argon2 bounded), log-out, and reset links.

A log-in stores a session row and puts its random id in the signed cookie; log-out
deletes the row, so a copied cookie opens nothing afterwards.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from callworthy.errors import AccountError, NotAuthenticatedError
from callworthy.services import accounts, login, resets, sessions
from callworthy.web.deps import (
    SESSION_KEY,
    Csrf,
    EngineDep,
    GateDep,
    OptionalCaller,
    SettingsDep,
    TemplatesDep,
    session_id,
)
from callworthy.web.render import form_error, page
from callworthy.web.security import new_csrf_token

pages = APIRouter(include_in_schema=False)
Text = Annotated[str, Form(max_length=2000)]
Token = Annotated[str, Form(max_length=200)]


def client_address(request: Request) -> str:
    """Return the client's address (the real one behind a trusted proxy; see serve)."""
    return request.client.host if request.client else "unknown"


async def _start_session(
    request: Request, engine: EngineDep, settings: SettingsDep, account: accounts.Account
) -> Response:
    sid = await run_in_threadpool(sessions.start_session, engine, account, settings.session_max_age)
    request.session.clear()  # a new session id and CSRF token on every log-in
    request.session.update({SESSION_KEY: sid, "csrf": new_csrf_token()})
    return RedirectResponse("/check", status_code=303)


@pages.get("/setup")
def setup_page(request: Request, engine: EngineDep, templates: TemplatesDep) -> Response:
    """Show the first-run form, while no account exists."""
    if not accounts.needs_setup(engine):
        return RedirectResponse("/login", status_code=303)
    return page(request, templates, "setup.html")


@pages.post("/setup", dependencies=[Csrf])
async def setup_submit(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    gate: GateDep,
    team: Text,
    name: Text,
    email: Text,
    password: Text,
    confirm: Text,
) -> Response:
    """Create the team and its first manager, then log them in."""
    form = {"team": team, "name": name, "email": email}
    try:
        if password != confirm:
            raise AccountError("The two passwords differ.", "Type the same password twice.")
        async with gate.slot():
            account = await run_in_threadpool(accounts.set_up, engine, team, name, email, password)
    except AccountError as exc:
        if not await run_in_threadpool(accounts.needs_setup, engine):
            raise
        return form_error(request, templates, "setup.html", exc, form=form)
    return await _start_session(request, engine, settings, account)


@pages.get("/login")
def login_page(
    request: Request, engine: EngineDep, templates: TemplatesDep, user: OptionalCaller
) -> Response:
    """Show the log-in form (or the set-up on the very first visit)."""
    if accounts.needs_setup(engine):
        return RedirectResponse("/setup", status_code=303)
    if user is not None:
        return RedirectResponse("/check", status_code=303)
    return page(request, templates, "login.html")


@pages.post("/login", dependencies=[Csrf])
async def login_submit(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    gate: GateDep,
    email: Text,
    password: Text,
) -> Response:
    """Check the password within the limits (429 when throttled) and start a session."""
    address = client_address(request)
    try:
        async with gate.slot():  # waits on the event loop, holding no thread
            account = await run_in_threadpool(
                login.log_in, engine, email, password, address, settings.login_policy()
            )
    except NotAuthenticatedError as exc:
        return form_error(request, templates, "login.html", exc, email=email)
    return await _start_session(request, engine, settings, account)


@pages.post("/logout", dependencies=[Csrf])
def logout(request: Request, engine: EngineDep) -> Response:
    """End the session: its row is deleted, so a copy of the cookie opens nothing."""
    sid = session_id(request)
    if sid is not None:
        sessions.end_session(engine, sid)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@pages.get("/reset/{token}")
def reset_page(
    request: Request, engine: EngineDep, templates: TemplatesDep, token: str
) -> Response:
    """Show the form that sets a new password through a one-time link."""
    email = resets.reset_link_email(engine, token[:200])
    return page(request, templates, "reset.html", email=email, token=token)


@pages.post("/reset/{token}", dependencies=[Csrf])
async def reset_submit(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    gate: GateDep,
    token: str,
    password: Text,
    confirm: Text,
) -> Response:
    """Set the new password (the link then stops working) and log its owner in."""
    email = await run_in_threadpool(resets.reset_link_email, engine, token[:200])
    try:
        if password != confirm:
            raise AccountError(
                "The two passwords differ.", "Type the same password twice.", field="password"
            )
        async with gate.slot():
            account = await run_in_threadpool(resets.reset_password, engine, token[:200], password)
    except AccountError as exc:
        return form_error(
            request, templates, "reset.html", exc, fields=("password",), email=email, token=token
        )
    return await _start_session(request, engine, settings, account)
