"""Render a page or a partial with what every template needs (the CSRF token, the caller).

`form_error` is the one way a form shows a library error: the page is rendered
again with what was typed, the message beside its field (or atop the form) and
the status of the error's category. `flash` is the one way an action confirms itself
after its redirect ("Ana Diaz is added."): the next full page shows it once.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from callworthy.errors import CallworthyError
from callworthy.web.errors import status_of
from callworthy.web.security import new_csrf_token


def csrf_token(request: Request) -> str:
    """Return the session's CSRF token, making one on the first page of a session."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = new_csrf_token()
        request.session["csrf"] = token
    return token


#: Where the session keeps the confirmations the next page shows.
FLASH_KEY = "flash"


def flash(request: Request, message: str) -> None:
    """Keep a confirmation for the next full page the session sees (after a redirect)."""
    pending = request.session.get(FLASH_KEY)
    queued = [m for m in pending if isinstance(m, str)] if isinstance(pending, list) else []
    request.session[FLASH_KEY] = [*queued[-2:], message]  # a few at most: the cookie is small


def _take_flashes(request: Request) -> list[str]:
    pending = request.session.pop(FLASH_KEY, None)
    return [m for m in pending if isinstance(m, str)] if isinstance(pending, list) else []


def page(
    request: Request, templates: Jinja2Templates, name: str, status: int = 200, **context: Any
) -> Response:
    """Return the template rendered with the request, the CSRF token and the context."""
    context.setdefault("user", None)
    context.setdefault("errors", {})
    context["csrf_token"] = csrf_token(request)
    for key, context_key in (("tz", "user_time_zone"), ("region", "user_region")):
        value = request.session.get(key)
        context.setdefault(context_key, value if isinstance(value, str) and value else "")
    if not name.startswith("_"):  # a partial (htmx) leaves them for the next full page
        context["flashes"] = [*_take_flashes(request), *context.get("flashes", ())]
    return templates.TemplateResponse(request, name, context, status_code=status)


def form_error(
    request: Request,
    templates: Jinja2Templates,
    name: str,
    exc: CallworthyError,
    *,
    fields: Collection[str] = (),
    where: str = "form",
    field: str | None = None,
    **context: Any,
) -> Response:
    """Render a form again with the error beside its field, else at `where` atop the form.

    The field is `field` when given, else the error's own when it is one of `fields`.
    """
    key = field or (exc.field if exc.field in fields else where)
    details = exc.details()
    message = f"Line {details['line']}: {exc.message}" if details.get("line") else exc.message
    if "problems" in details:  # every bad line is listed by the page: the fix goes atop
        context["problems"], message = details["problems"], exc.fix
    errors = dict(context.pop("errors", None) or {})
    errors[key] = message
    return page(request, templates, name, status=status_of(exc), errors=errors, **context)
