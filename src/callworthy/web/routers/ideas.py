"""The Ideas page (the team's brainstorm board: add, vote, "try half") and `/api/v1/ideas`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from sqlalchemy import Engine
from starlette.responses import RedirectResponse, Response

from callworthy.errors import CallworthyError
from callworthy.services import ideas as board
from callworthy.services import strategies, trials
from callworthy.services.caller import Caller
from callworthy.services.ideas import IdeaRecord, VoteResult
from callworthy.services.paging import Page
from callworthy.text.analysis import MAX_CHARS
from callworthy.web import experiments_view as view
from callworthy.web.deps import (
    ApiCaller,
    Csrf,
    Cursor,
    EngineDep,
    Limit,
    PageCaller,
    PageManager,
    PageNumber,
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


STATUS_WORDS = {"open": "open", "testing": "being tried", "kept": "kept", "dropped": "dropped"}


def _context(
    engine: Engine, user: Caller, page_number: int | None = None, **extra: Any
) -> dict[str, Any]:
    pager = board.numbered_ideas(engine, user, page_number)
    context: dict[str, Any] = {
        "user": user,
        "ideas": pager.items,
        "pager": pager,
        "strategies": [c for c in strategies.choices(engine, user) if c.proposable],
        "status_words": STATUS_WORDS,
        "title": "",
        "script": "",
        "added": None,
        "baseline": "",
    }
    return {**context, **extra}


@pages.get("/ideas")
def ideas_page(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    page_number: PageNumber = None,
) -> Response:
    """Show the board, most votes first, each idea with its sample script's score, 50 a page."""
    return page(request, templates, "ideas.html", **_context(engine, user, page_number))


@api.get("/ideas", response_model=Page[IdeaRecord], responses=errors())
def list_ideas(
    user: ApiCaller, engine: EngineDep, cursor: Cursor = None, limit: Limit = None
) -> Page[IdeaRecord]:
    """The team's ideas, most votes first, each with its sample script's score today; paged."""
    return board.idea_page(engine, user, cursor=cursor, limit=limit)


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
) -> Response:
    """Start an experiment on half of the open ideas, votes weighing the draw (managers)."""
    try:
        trials.start_try_half(engine, user, now=view.now(), baseline=baseline or None)
    except CallworthyError as exc:
        context = _context(engine, user, baseline=baseline)
        return form_error(request, templates, "ideas.html", exc, where="try", **context)
    flash(request, "The experiment has started on a random half of the open ideas.")
    return RedirectResponse("/experiments", status_code=303)
