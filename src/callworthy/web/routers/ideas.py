"""The Ideas page (the team's brainstorm board: add, vote, "try half") and `/api/v1/ideas`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from sqlalchemy import Engine
from starlette.responses import RedirectResponse, Response

from callworthy.errors import CallworthyError, ExperimentInputError
from callworthy.services import ideas as board
from callworthy.services import next_strategy, trials
from callworthy.services.caller import Caller
from callworthy.services.ideas import IdeaRecord, VoteResult
from callworthy.text.analysis import MAX_CHARS
from callworthy.web import experiments_view as view
from callworthy.web.deps import (
    ApiCaller,
    Csrf,
    EngineDep,
    PageCaller,
    PageManager,
    RecordId,
    TemplatesDep,
)
from callworthy.web.render import flash, form_error, page
from callworthy.web.schemas import IdeaIn, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["ideas"])
Title = Annotated[str, Form(max_length=board.MAX_TITLE * 2)]
Script = Annotated[str, Form(max_length=MAX_CHARS * 2)]
Field = Annotated[str, Form(max_length=200)]


def _context(engine: Engine, user: Caller, **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "user": user,
        "ideas": board.list_ideas(engine, user),
        "strategies": next_strategy.proposable(engine, user),
        "title": "",
        "script": "",
        "added": None,
        "seed": "",
        "baseline": "",
    }
    return {**context, **extra}


@pages.get("/ideas")
def ideas_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """Show the board, most votes first, each idea with its sample script's score."""
    return page(request, templates, "ideas.html", **_context(engine, user))


@api.get("/ideas", response_model=list[IdeaRecord], responses=errors())
def list_ideas(user: ApiCaller, engine: EngineDep) -> tuple[IdeaRecord, ...]:
    """The team's ideas, most votes first, each with its sample script's score today."""
    return board.list_ideas(engine, user)


@pages.post("/ideas", dependencies=[Csrf])
def add_idea_form(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    title: Title = "",
    script: Script = "",
) -> Response:
    """Put an idea on the board; its sample script is critiqued and scored."""
    try:
        added = board.add_idea(engine, user, title, script)
    except CallworthyError as exc:
        context = _context(engine, user, title=title, script=script)
        return form_error(request, templates, "ideas.html", exc, where="idea", **context)
    return page(request, templates, "ideas.html", **_context(engine, user, added=added))


@api.post("/ideas", status_code=201, response_model=IdeaRecord, responses=errors())
def add_idea(body: IdeaIn, user: ApiCaller, engine: EngineDep) -> IdeaRecord:
    """Put an idea on the board; its sample script is critiqued and scored."""
    return board.add_idea(engine, user, body.title, body.script)


@pages.post("/ideas/{idea_id}/vote", dependencies=[Csrf])
def vote_form(request: Request, user: PageCaller, engine: EngineDep, idea_id: RecordId) -> Response:
    """Vote for an idea (once per rep) and go back to the board."""
    counted = board.vote(engine, user, idea_id).counted
    flash(request, "Your vote is counted." if counted else "You had already voted for it.")
    return RedirectResponse(f"/ideas#idea-{idea_id}", status_code=303)


@api.post("/ideas/{idea_id}/votes", response_model=VoteResult, responses=errors(404))
def vote(idea_id: RecordId, user: ApiCaller, engine: EngineDep) -> VoteResult:
    """Vote for an idea; a rep's second vote is not counted (`counted: false`)."""
    return board.vote(engine, user, idea_id)


@pages.post("/ideas/try-half", dependencies=[Csrf])
def try_half_form(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    baseline: Field = "",
    seed: Field = "",
) -> Response:
    """Start an experiment on a random half of the open ideas (managers), then show it."""
    try:
        try:
            chosen = view.parse_seed(seed)
        except ValueError as exc:
            raise ExperimentInputError(str(exc)) from exc
        trials.start_try_half(engine, user, now=view.now(), baseline=baseline or None, seed=chosen)
    except CallworthyError as exc:
        context = _context(engine, user, baseline=baseline, seed=seed)
        return form_error(request, templates, "ideas.html", exc, where="try", **context)
    flash(request, "The experiment has started on a random half of the open ideas.")
    return RedirectResponse("/experiments", status_code=303)
