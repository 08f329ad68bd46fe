"""The Diagnose page and `/api/v1/diagnose`: why a prospect is silent (P1), from answers and record.

Only the prospect's rep or a manager may diagnose them: another rep's prospect is
404, like a missing one.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from callworthy.answers import answer_problems
from callworthy.diagnose import CauseResult, default_model
from callworthy.services import diagnose as service
from callworthy.services.diagnose import ProspectEvidence, Question
from callworthy.web.deps import ApiCaller, Csrf, EngineDep, PageCaller, RecordId, TemplatesDep
from callworthy.web.render import page
from callworthy.web.schemas import AnswersIn, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["diagnose"])


def _form(evidence: ProspectEvidence, answers: dict[str, str]) -> dict[str, Any]:
    return {
        "prospect": evidence.prospect,
        "attempts": len(evidence.attempts),
        "questionnaire": default_model().questionnaire,
        "answers": answers,
        "problems": {},
        "result": None,
    }


@pages.get("/diagnose/{prospect_id}")
def diagnose_page(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    prospect_id: RecordId,
) -> Response:
    """Show the questionnaire for one prospect."""
    evidence = service.prospect_evidence(engine, user, prospect_id)
    return page(request, templates, "diagnose.html", user=user, **_form(evidence, {}))


@api.get("/diagnose/questions", response_model=list[Question], responses=errors())
def diagnose_questions(_user: ApiCaller) -> tuple[Question, ...]:
    """List the questionnaire: each question with its options (answer with the option id)."""
    return service.questions()


@pages.post("/diagnose/{prospect_id}", dependencies=[Csrf])
async def diagnose_form(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    prospect_id: RecordId,
) -> Response:
    """Rank the ten causes from the answers; a missing or invalid answer is shown beside it."""
    form = await request.form()
    model = default_model()
    answers = {q.id: str(form.get(q.id) or "")[:200] for q in model.questionnaire.questions}
    evidence = await run_in_threadpool(service.prospect_evidence, engine, user, prospect_id)
    view = _form(evidence, answers)
    view["problems"] = answer_problems(model.choices(), answers)
    if view["problems"]:
        return page(request, templates, "diagnose.html", status=422, user=user, **view)
    view["result"] = service.diagnose_evidence(evidence, answers, model=model)
    return page(request, templates, "diagnose.html", user=user, **view)


@api.post("/diagnose/{prospect_id}", response_model=list[CauseResult], responses=errors(404))
def diagnose_prospect(
    body: AnswersIn, user: ApiCaller, engine: EngineDep, prospect_id: RecordId
) -> list[dict[str, Any]]:
    """Rank the ten P1 causes for a prospect, as `callworthy diagnose --format json` does."""
    evidence = service.prospect_evidence(engine, user, prospect_id)
    return service.diagnose_evidence(evidence, body.answers, model=default_model()).to_list()
