"""`POST /api/v1/critique`: the JSON twin of the Check page."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import JSONResponse

from callworthy.critique import Context, critique
from callworthy.web.deps import ApiCaller
from callworthy.web.routers.api_recording import MULTIPART_BODY, UPLOAD_ERRORS
from callworthy.web.schemas import ERRORS, CritiqueIn, CritiqueOut

router = APIRouter(tags=["critique"])


@router.post(
    "/critique",
    responses={200: {"model": CritiqueOut}, **ERRORS, **UPLOAD_ERRORS},
    openapi_extra=MULTIPART_BODY,  # a recording upload is answered by api_recording
)
async def critique_script(body: CritiqueIn, user: ApiCaller) -> JSONResponse:
    """Critique a voicemail script: score, sub-scores and findings anchored to spans."""
    context = Context(
        prospect_name=body.prospect, company=body.company, concerns=tuple(body.concerns)
    )
    # The caller (built in the thread pool) brings the team's compiled rules; the critique
    # itself is CPU-only and well under a millisecond, so it runs on the event loop.
    rules = user.rule_set()
    result = critique(body.text, context=context, region=body.region.upper(), rules=rules)
    return JSONResponse(result.to_dict())
