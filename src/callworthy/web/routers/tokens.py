"""The Tokens page: a user's own API tokens, made (shown once) and revoked."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from starlette.responses import RedirectResponse, Response

from callworthy.services import accounts
from callworthy.web.deps import Csrf, EngineDep, PageCaller, TemplatesDep
from callworthy.web.render import page

router = APIRouter()


@router.get("/tokens")
def tokens_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """List the user's tokens."""
    listed = accounts.list_tokens(engine, user)
    return page(request, templates, "tokens.html", user=user, tokens=listed)


@router.post("/tokens", dependencies=[Csrf])
def tokens_create(
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


@router.post("/tokens/{token_id}/revoke", dependencies=[Csrf])
def tokens_revoke(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    token_id: int = Path(ge=1, le=2**31 - 1),
) -> Response:
    """Revoke one of the user's tokens."""
    accounts.revoke_token(engine, user, token_id)
    return RedirectResponse("/tokens", status_code=303)
