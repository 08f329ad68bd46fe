"""`/api/v1/phonetest`: the JSON twin of the Phone test page."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import JSONResponse

from callworthy.phoneability import default_quiz
from callworthy.services import phonetest as service
from callworthy.web.deps import ApiCaller, EngineDep
from callworthy.web.schemas import ERRORS, AnswersIn, PhoneQuestionOut, PhoneResultOut, PhoneTestOut

router = APIRouter(tags=["phonetest"])


@router.get("/phonetest/questions", responses={200: {"model": list[PhoneQuestionOut]}, **ERRORS})
def phonetest_questions(_user: ApiCaller) -> JSONResponse:
    """List the scenarios with their options (answer each with an option id)."""
    quiz = default_quiz()
    return JSONResponse(
        [
            {
                "id": q.id,
                "area": q.area,
                "area_title": quiz.areas[q.area].title,
                "scenario": q.scenario,
                "options": [{"id": o.id, "text": o.text} for o in q.options],
            }
            for q in quiz.questions
        ]
    )


@router.post("/phonetest", responses={200: {"model": PhoneTestOut}, **ERRORS})
def phonetest_take(body: AnswersIn, user: ApiCaller, engine: EngineDep) -> JSONResponse:
    """Score a complete set of answers and keep it for the rep (as `callworthy phonetest`)."""
    result, stored = service.take_test(engine, user, body.answers)
    return JSONResponse({**result.to_dict(), "id": stored.id})


@router.get("/phonetest/history", responses={200: {"model": list[PhoneResultOut]}, **ERRORS})
def phonetest_history(user: ApiCaller, engine: EngineDep) -> JSONResponse:
    """List the rep's results, oldest first."""
    return JSONResponse([r.to_dict() for r in service.results(engine, user)])
