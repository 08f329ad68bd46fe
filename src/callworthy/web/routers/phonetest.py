"""The Phone test page (P14) and `/api/v1/phonetest`: thirty scenarios, scored, kept per rep.

Each attempt shows every scenario's options in its own order: the page carries the
attempt id (in its address and its form), so a reload shows the same order, and the
answers are sent by option id whatever the order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from callworthy.answers import answer_problems
from callworthy.phoneability import PhoneTestScore, Quiz, default_quiz, is_attempt, shuffled
from callworthy.services import phonetest as service
from callworthy.services.paging import Page, numbered
from callworthy.services.phonetest import PhoneTestRecord, ScoredSitting, Sheet
from callworthy.web.deps import (
    ApiCaller,
    Csrf,
    Cursor,
    EngineDep,
    Limit,
    PageCaller,
    PageNumber,
    TemplatesDep,
)
from callworthy.web.render import page
from callworthy.web.schemas import AnswersIn, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["phonetest"])
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 400, 160, 24


@dataclass(frozen=True, slots=True)
class AnswerView:
    """One answered scenario as the results show it: what was chosen, why, and the best answer."""

    number: int
    scenario: str
    chosen: str
    points: int
    max_points: int
    principle: str
    explanation: str
    best: str
    best_explanation: str


def answer_views(quiz: Quiz, result: PhoneTestScore) -> list[AnswerView]:
    """Return each answer with its scenario, its explanation and principle, and the best one."""
    views = []
    for number, (question, item) in enumerate(zip(quiz.questions, result.feedback, strict=True), 1):
        chosen, best = question.option(item.chosen), question.best()
        views.append(
            AnswerView(
                number,
                question.scenario,
                chosen.text,
                item.points,
                item.max_points,
                chosen.principle,
                item.explanation,
                best.text,
                item.best_explanation,
            )
        )
    return views


def chart(records: tuple[PhoneTestRecord, ...]) -> dict[str, Any]:
    """Return the SVG geometry of the scores over time: one point per sitting, 0-100 up."""
    inner_w, inner_h = CHART_WIDTH - 2 * CHART_PAD, CHART_HEIGHT - 2 * CHART_PAD
    step = inner_w / max(len(records) - 1, 1)
    points = [
        (round(CHART_PAD + i * step, 1), round(CHART_PAD + inner_h * (1 - r.score / 100), 1), r)
        for i, r in enumerate(records)
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "pad": CHART_PAD,
        "points": points,
        "polyline": " ".join(f"{x},{y}" for x, y, _ in points),
        "grid": [(v, round(CHART_PAD + inner_h * (1 - v / 100), 1)) for v in (0, 50, 100)],
    }


Attempt = Annotated[str, Query(max_length=40, description="An attempt id; a new one if absent.")]


def _quiz_view(attempt: str, answers: dict[str, str], problems: dict[str, str]) -> dict[str, Any]:
    quiz = default_quiz()
    return {
        "quiz": quiz,
        "sheet": shuffled(quiz, attempt),
        "attempt": attempt,
        "answers": answers,
        "problems": problems,
        "result": None,
    }


@pages.get("/phonetest")
def phonetest_page(
    request: Request, user: PageCaller, templates: TemplatesDep, attempt: Attempt = ""
) -> Response:
    """Show the thirty scenarios, each with its options in this attempt's order."""
    if not is_attempt(attempt):  # a new attempt gets its own address: a reload keeps the order
        return RedirectResponse(f"/phonetest?attempt={service.new_attempt()}", status_code=303)
    return page(request, templates, "phonetest.html", user=user, **_quiz_view(attempt, {}, {}))


@api.get("/phonetest/questions", response_model=Sheet, responses=errors())
def phonetest_questions(_user: ApiCaller, attempt: Attempt = "") -> Sheet:
    """List the scenarios with their options in an attempt's order (answer with option ids)."""
    return service.sheet(attempt)


@pages.post("/phonetest", dependencies=[Csrf])
async def phonetest_form(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """Score the answers and keep the result for the rep; a missing answer is shown in place."""
    form = await request.form()
    quiz = default_quiz()
    answers = {q.id: str(form.get(q.id) or "")[:200] for q in quiz.questions}
    problems = answer_problems(quiz.choices(), answers)
    attempt = str(form.get("attempt") or "")
    view = _quiz_view(attempt if is_attempt(attempt) else service.new_attempt(), answers, problems)
    if problems:
        return page(request, templates, "phonetest.html", status=422, user=user, **view)
    result, stored = await run_in_threadpool(service.take_test, engine, user, answers, quiz=quiz)
    view.update(result=result, stored=stored, feedback=answer_views(quiz, result))
    return page(request, templates, "phonetest.html", user=user, **view)


@api.post("/phonetest", response_model=ScoredSitting, responses=errors())
def phonetest_take(body: AnswersIn, user: ApiCaller, engine: EngineDep) -> ScoredSitting:
    """Score a complete set of answers and keep it for the rep (as `callworthy phonetest`)."""
    return service.scored_sitting(*service.take_test(engine, user, body.answers))


@pages.get("/phonetest/history")
def phonetest_history_page(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    page_number: PageNumber = None,
) -> Response:
    """Show the rep's results over time: a small line chart of all, a table 50 a page."""
    records = service.results(engine, user)
    pager = numbered(records, page_number)
    return page(
        request, templates, "phonetest_history.html", user=user, records=records,
        chart=chart(records), pager=pager, bands={b.id: b.name for b in default_quiz().bands},
    )  # fmt: skip


@api.get("/phonetest/history", response_model=Page[PhoneTestRecord], responses=errors())
def phonetest_history(
    user: ApiCaller, engine: EngineDep, cursor: Cursor = None, limit: Limit = None
) -> Page[PhoneTestRecord]:
    """List the rep's results, oldest first, a page at a time."""
    return service.result_page(engine, user, cursor=cursor, limit=limit)
