"""`/api/v1/diagnose`: the JSON twin of the Diagnose page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.responses import JSONResponse

from callworthy.diagnose import default_model
from callworthy.services import diagnose as service
from callworthy.web.deps import ApiCaller, EngineDep
from callworthy.web.routers.diagnose import ProspectId, evidence_for
from callworthy.web.schemas import ERRORS, AnswersIn, CauseOut, QuestionOut

router = APIRouter(tags=["diagnose"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ERRORS[401]["model"], "description": "No such prospect, or not yours."}
}


@router.get("/diagnose/questions", responses={200: {"model": list[QuestionOut]}, **ERRORS})
def diagnose_questions(_user: ApiCaller) -> JSONResponse:
    """List the questionnaire: each question with its options (answer with the option id)."""
    questions = default_model().questionnaire.questions
    return JSONResponse(
        [
            {
                "id": q.id,
                "text": q.text,
                "help": q.help,
                "options": [{"id": o.id, "label": o.label} for o in q.options],
            }
            for q in questions
        ]
    )


@router.post(
    "/diagnose/{prospect_id}",
    responses={200: {"model": list[CauseOut]}, **ERRORS, **NOT_FOUND},
)
def diagnose_prospect(
    body: AnswersIn, user: ApiCaller, engine: EngineDep, prospect_id: int = ProspectId
) -> JSONResponse:
    """Rank the ten P1 causes for a prospect, as `callworthy diagnose --format json` does."""
    evidence = evidence_for(engine, user, prospect_id)
    result = service.diagnose_evidence(evidence, body.answers, model=default_model())
    return JSONResponse(result.to_list())
