"""The Diagnose page: why a prospect is silent (P1), from a questionnaire and their record."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from callworthy.answers import answer_problems
from callworthy.diagnose import default_model
from callworthy.services import diagnose as service
from callworthy.services.caller import Caller
from callworthy.web.deps import Csrf, EngineDep, PageCaller, TemplatesDep
from callworthy.web.render import page

router = APIRouter()
#: Ids stay below a million: longer digit strings are read as phone numbers by the services.
ProspectId = Path(ge=1, le=999_999)


def evidence_for(engine: Any, user: Caller, prospect_id: int) -> service.ProspectEvidence:
    """Return the record of a prospect the user may see (404 for another rep's)."""
    return service.prospect_evidence(engine, user, prospect_id)


def _form(evidence: service.ProspectEvidence, answers: dict[str, str]) -> dict[str, Any]:
    return {
        "prospect": evidence.prospect,
        "attempts": len(evidence.attempts),
        "questionnaire": default_model().questionnaire,
        "answers": answers,
        "problems": {},
        "result": None,
    }


@router.get("/diagnose/{prospect_id}")
def diagnose_page(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    prospect_id: int = ProspectId,
) -> Response:
    """Show the questionnaire for one prospect."""
    evidence = evidence_for(engine, user, prospect_id)
    return page(request, templates, "diagnose.html", user=user, **_form(evidence, {}))


@router.post("/diagnose/{prospect_id}", dependencies=[Csrf])
async def diagnose_submit(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    prospect_id: int = ProspectId,
) -> Response:
    """Rank the ten causes from the answers; a missing or invalid answer is shown beside it."""
    form = await request.form()
    model = default_model()
    answers = {q.id: str(form.get(q.id) or "")[:200] for q in model.questionnaire.questions}
    evidence = evidence_for(engine, user, prospect_id)
    view = _form(evidence, answers)
    view["problems"] = answer_problems(model.choices(), answers)
    if view["problems"]:
        return page(request, templates, "diagnose.html", status=422, user=user, **view)
    view["result"] = service.diagnose_evidence(evidence, answers, model=model)
    return page(request, templates, "diagnose.html", user=user, **view)
