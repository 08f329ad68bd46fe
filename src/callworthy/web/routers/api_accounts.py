"""`/api/v1/me`, `/api/v1/users` and `/api/v1/tokens`: who you are, your team, your tokens."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from callworthy.services import accounts
from callworthy.web.deps import ApiCaller, EngineDep
from callworthy.web.schemas import ERRORS, AccountOut, TokenOut

router = APIRouter(tags=["accounts"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: ERRORS[422] | {"description": "No such token of yours."}
}


@router.get("/me", response_model=AccountOut, responses=ERRORS)
def me(user: ApiCaller) -> dict[str, Any]:
    """Return the account the token belongs to."""
    assert user.account is not None  # an API caller always has an account
    return user.account.to_dict()


@router.get("/users", response_model=list[AccountOut], responses=ERRORS)
def users(user: ApiCaller, engine: EngineDep) -> list[dict[str, Any]]:
    """List the accounts you may see: the whole team for a manager, yourself for a rep."""
    return [a.to_dict() for a in accounts.team_accounts(engine, user)]


@router.get("/tokens", response_model=list[TokenOut], responses=ERRORS)
def tokens(user: ApiCaller, engine: EngineDep) -> list[dict[str, Any]]:
    """List your API tokens (never the tokens themselves)."""
    return [t.to_dict() for t in accounts.list_tokens(engine, user)]


@router.delete("/tokens/{token_id}", status_code=204, responses={**ERRORS, **NOT_FOUND})
def revoke(
    request: Request, user: ApiCaller, engine: EngineDep, token_id: int = Path(ge=1, le=2**31 - 1)
) -> Response:
    """Revoke a token: your own, or any of your team's if you are a manager."""
    accounts.revoke_token(engine, user, token_id)
    return Response(status_code=204)
