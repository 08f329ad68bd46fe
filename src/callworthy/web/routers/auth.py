"""Sessions: the first set-up (team and first manager), log-in and log-out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from callworthy.errors import AccountError, NotAuthenticatedError, RateLimitedError
from callworthy.services import accounts
from callworthy.web.deps import Csrf, EngineDep, LimiterDep, OptionalCaller, TemplatesDep
from callworthy.web.render import form_error, page
from callworthy.web.security import new_csrf_token

pages = APIRouter(include_in_schema=False)
Text = Annotated[str, Form(max_length=2000)]


def _start_session(request: Request, account: accounts.Account) -> Response:
    request.session.clear()  # a new session id and CSRF token on every log-in
    request.session.update({"uid": account.id, "csrf": new_csrf_token()})
    return RedirectResponse("/check", status_code=303)


@pages.get("/setup")
def setup_page(request: Request, engine: EngineDep, templates: TemplatesDep) -> Response:
    """Show the first-run form, while no account exists."""
    if not accounts.needs_setup(engine):
        return RedirectResponse("/login", status_code=303)
    return page(request, templates, "setup.html")


@pages.post("/setup", dependencies=[Csrf])
def setup_submit(
    request: Request,
    engine: EngineDep,
    templates: TemplatesDep,
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
        account = accounts.set_up(engine, team, name, email, password)
    except AccountError as exc:
        if not accounts.needs_setup(engine):
            raise
        return form_error(request, templates, "setup.html", exc, form=form)
    return _start_session(request, account)


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
def login_submit(
    request: Request,
    engine: EngineDep,
    templates: TemplatesDep,
    limiter: LimiterDep,
    email: Text,
    password: Text,
) -> Response:
    """Check the password (throttled per address and e-mail) and start a session."""
    ip = request.client.host if request.client else "unknown"
    wait = limiter.retry_after(ip, email)
    if wait:
        raise RateLimitedError(
            "Too many failed log-ins for this e-mail from your address.",
            f"Wait {wait} seconds and try again.",
            retry_after=wait,
        )
    try:
        account = accounts.authenticate(engine, email, password)
    except NotAuthenticatedError as exc:
        limiter.failed(ip, email)
        return form_error(request, templates, "login.html", exc, email=email)
    limiter.succeeded(ip, email)
    return _start_session(request, account)


@pages.post("/logout", dependencies=[Csrf])
def logout(request: Request) -> Response:
    """End the session."""
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
