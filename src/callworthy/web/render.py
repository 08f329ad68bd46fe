"""Render a page or a partial with what every template needs (the CSRF token, the user)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from callworthy.web.security import new_csrf_token


def csrf_token(request: Request) -> str:
    """Return the session's CSRF token, making one on the first page of a session."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = new_csrf_token()
        request.session["csrf"] = token
    return token


def page(
    request: Request, templates: Jinja2Templates, name: str, status: int = 200, **context: Any
) -> Response:
    """Return the template rendered with the request, the CSRF token and the context."""
    context.setdefault("user", None)
    context["csrf_token"] = csrf_token(request)
    return templates.TemplateResponse(request, name, context, status_code=status)
