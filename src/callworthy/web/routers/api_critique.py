"""`POST /api/v1/critique`: the JSON twin of the Check page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from callworthy.critique import Context, critique
from callworthy.web.deps import ApiUser, EngineDep, team_rule_set_async
from callworthy.web.routers.api_recording import MULTIPART_BODY, UPLOAD_ERRORS
from callworthy.web.schemas import ERRORS, CritiqueIn, CritiqueOut

router = APIRouter(tags=["critique"])


@router.post(
    "/critique",
    responses={200: {"model": CritiqueOut}, **ERRORS, **UPLOAD_ERRORS},
    openapi_extra=MULTIPART_BODY,  # a recording upload is answered by api_recording
)
async def critique_script(
    body: CritiqueIn, request: Request, engine: EngineDep, user: ApiUser
) -> JSONResponse:
    """Critique a voicemail script: score, sub-scores and findings anchored to spans."""
    context = Context(
        prospect_name=body.prospect, company=body.company, concerns=tuple(body.concerns)
    )
    # Built-ins + the team's, cached; the critique itself is CPU-only and well under a
    # millisecond, so it runs on the event loop rather than paying a thread hop.
    rules = await team_rule_set_async(request, engine, user)
    result = critique(body.text, context=context, region=body.region.upper(), rules=rules)
    return JSONResponse(result.to_dict())
