"""`POST /api/v1/critique` with multipart/form-data: critique an uploaded recording.

The JSON body of the same operation stays with api_critique; this route answers
only multipart requests (MultipartRoute), so JSON requests reach that route as
before. The app includes this router first.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.routing import APIRoute
from starlette.responses import JSONResponse
from starlette.routing import Match
from starlette.types import Scope

from callworthy.critique import Context
from callworthy.web.deps import ApiCaller, EngineDep
from callworthy.web.recording import ACCEPTED, critique_upload, is_multipart
from callworthy.web.schemas import ErrorOut

#: The multipart body in the OpenAPI document (merged into the JSON operation's).
MULTIPART_BODY: dict[str, Any] = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": f"A recorded voicemail: {ACCEPTED}.",
                        },
                        "prospect": {"type": "string", "maxLength": 200},
                        "company": {"type": "string", "maxLength": 200},
                        "region": {"type": "string", "pattern": "^[A-Za-z]{2}$"},
                    },
                }
            }
        }
    }
}


UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": why}
    for code, why in (
        (415, "The upload is not a recording (WAV, MP3, M4A/AAC, OGG/Opus)."),
        (503, 'The server has no audio support (pip install "callworthy[audio]").'),
    )
}


class MultipartRoute(APIRoute):
    """A route that matches only multipart/form-data requests (others go on to the next)."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """Match as usual, but never a request that is not a file upload."""
        match, child = super().matches(scope)
        headers = dict(scope.get("headers") or [])
        if match is not Match.NONE and not is_multipart(
            headers.get(b"content-type", b"").decode("latin-1")
        ):
            return Match.NONE, {}
        return match, child


router = APIRouter(tags=["critique"], route_class=MultipartRoute)


def _field(form: Any, name: str, limit: int = 200) -> str | None:
    value = form.get(name)
    return value.strip()[:limit] or None if isinstance(value, str) else None


@router.post("/critique", include_in_schema=False)
async def critique_recording(request: Request, user: ApiCaller, engine: EngineDep) -> JSONResponse:
    """Critique an uploaded recording as `callworthy check FILE --format json` does."""
    form = await request.form()
    region = (_field(form, "region", 2) or "US").upper()
    context = Context(prospect_name=_field(form, "prospect"), company=_field(form, "company"))
    rules = user.rule_set()  # as the JSON body: the team's rules
    result = await critique_upload(
        request, form.get("file"), rules=rules, context=context, region=region
    )
    return JSONResponse(result.to_dict())
