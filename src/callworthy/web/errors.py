"""Errors at the web edge: the library's typed errors become 4xx with the same message.

API paths answer JSON `{"error": {"type", "message"}}`; pages answer an HTML page,
or send the browser to log in (or to the first set-up).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from callworthy import errors
from callworthy.services import accounts
from callworthy.web import validation

log = logging.getLogger("callworthy.web")

API_PREFIX = "/api/"
#: Dialers' webhooks answer JSON errors too (no one reads a page there).
HOOKS_PREFIX = "/hooks/"
#: The one table: an error's category decides its HTTP status.
HTTP_STATUS: dict[errors.Category, int] = {
    errors.Category.INVALID: 422,
    errors.Category.NOT_FOUND: 404,
    errors.Category.CONFLICT: 409,
    errors.Category.FORBIDDEN: 403,
    errors.Category.NOT_AUTHENTICATED: 401,
    errors.Category.RATE_LIMITED: 429,
    errors.Category.TOO_LARGE: 413,
    errors.Category.UNAVAILABLE: 503,
}

#: The category of an HTTP error the framework raises (a 404 path, a 413 body), by status.
CATEGORY_OF: dict[int, errors.Category] = {status: cat for cat, status in HTTP_STATUS.items()}


def status_of(exc: errors.CallworthyError) -> int:
    """Return the HTTP status of a library error: its category's."""
    return HTTP_STATUS[exc.category]


def _is_api(request: Request) -> bool:
    return request.url.path.startswith((API_PREFIX, HOOKS_PREFIX))


def error_json(status: int, kind: str, message: str, **extra: object) -> JSONResponse:
    """Return the API's error body."""
    return JSONResponse({"error": {"type": kind, "message": message, **extra}}, status)


def _error_page(request: Request, status: int, message: str) -> Response:
    from callworthy.web.render import page  # the error page needs the app's templates

    templates = request.app.state.templates
    return page(request, templates, "error.html", status=status, message=message)


async def on_library_error(request: Request, exc: Exception) -> Response:
    """Answer a CallworthyError: JSON for the API, a page or a redirect for the browser."""
    assert isinstance(exc, errors.CallworthyError)
    status = status_of(exc)
    if isinstance(exc, errors.DatabaseError):  # the page says nothing of it; the log does
        log.error(
            "database error on %s %s: %s (%s)",
            request.method, request.url.path, exc.detail or exc.problem, exc.location or "?",
        )  # fmt: skip
    headers = {}
    if isinstance(exc, errors.RateLimitedError):
        headers["Retry-After"] = str(exc.retry_after)
    if _is_api(request):
        extra = {"category": exc.category.value, **exc.details()}
        response: Response = error_json(status, type(exc).__name__, exc.message, **extra)
        response.headers.update(headers)
        return response
    if isinstance(exc, errors.NotAuthenticatedError):
        engine = request.app.state.engine
        target = "/setup" if accounts.needs_setup(engine) else "/login"
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    response = _error_page(request, status, exc.message)
    response.headers.update(headers)
    return response


async def on_http_error(request: Request, exc: Exception) -> Response:
    """Answer an HTTP error (404, 405, 413) in the API's shape or as a page."""
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "Request refused."
    kind = getattr(exc, "kind", "HTTPError")  # an exception may name its kind (415)
    if _is_api(request) or exc.status_code == 413:
        category = CATEGORY_OF.get(exc.status_code)  # 405 and 415 have none of their own
        extra = {"category": category.value} if category else {}
        return error_json(exc.status_code, kind, message, **extra)
    return _error_page(request, exc.status_code, message)


async def on_validation_error(request: Request, exc: Exception) -> Response:
    """Answer a malformed request body or parameter with 422 and, in plain words, what was wrong."""
    assert isinstance(exc, RequestValidationError)
    found = exc.errors()
    if _is_api(request):
        problems = validation.field_problems(found)
        fields = [{"field": p.field, "problem": p.problem} for p in problems]
        first = problems[0].field if problems else None
        return error_json(
            422, "ValidationError", validation.message(problems),
            category=errors.Category.INVALID.value, field=first, fields=fields,
        )  # fmt: skip
    # A page names the field in words, not its place in the request ("body.email").
    said = " ".join(p.problem for p in validation.field_problems(found, page=True))
    return _error_page(
        request, 422, f"The form could not be taken. {said} Check it and send it again."
    )


async def on_unexpected(request: Request, exc: Exception) -> Response:
    """Log a bug and answer 500 without a stack trace."""
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    message = "Something went wrong on the server; it has been logged. Try again."
    if _is_api(request):
        return error_json(500, "InternalError", message)
    return _error_page(request, 500, message)


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""
    app.add_exception_handler(errors.CallworthyError, on_library_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected)
