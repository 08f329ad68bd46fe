"""The Ideas page: the team's brainstorm board (add, vote), and "try half" for managers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from sqlalchemy import Engine
from starlette.responses import RedirectResponse, Response

from callworthy.errors import CallworthyError
from callworthy.services import ideas as board
from callworthy.services import next_strategy, trials
from callworthy.services.caller import Caller
from callworthy.text.analysis import MAX_CHARS
from callworthy.web import experiments_view as view
from callworthy.web.deps import Csrf, EngineDep, PageCaller, PageManager, TemplatesDep
from callworthy.web.errors import status_of
from callworthy.web.render import page

router = APIRouter()
Title = Annotated[str, Form(max_length=board.MAX_TITLE * 2)]
Script = Annotated[str, Form(max_length=MAX_CHARS * 2)]
Field = Annotated[str, Form(max_length=200)]


def _context(engine: Engine, user: Caller, **extra: Any) -> dict[str, Any]:
    actor = user
    context: dict[str, Any] = {
        "user": user,
        "ideas": board.list_ideas(engine, actor),
        "strategies": next_strategy.proposable(engine, actor),
        "errors": {},
        "title": "",
        "script": "",
        "added": None,
        "seed": "",
        "baseline": "",
    }
    context.update(extra)
    return context


@router.get("/ideas")
def ideas_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """Show the board, most votes first, each idea with its sample script's score."""
    return page(request, templates, "ideas.html", **_context(engine, user))


@router.post("/ideas", dependencies=[Csrf])
def add(
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
        context = _context(engine, user, title=title, script=script, errors={"idea": exc.message})
        return page(request, templates, "ideas.html", status=status_of(exc), **context)
    return page(request, templates, "ideas.html", **_context(engine, user, added=added))


@router.post("/ideas/{idea_id}/vote", dependencies=[Csrf])
def vote(user: PageCaller, engine: EngineDep, idea_id: int) -> Response:
    """Vote for an idea (once per rep) and go back to the board."""
    board.vote(engine, user, idea_id)
    return RedirectResponse(f"/ideas#idea-{idea_id}", status_code=303)


@router.post("/ideas/try-half", dependencies=[Csrf])
def try_half(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    baseline: Field = "",
    seed: Field = "",
) -> Response:
    """Start an experiment on a random half of the open ideas (managers), then show it."""
    try:
        trials.start_try_half(
            engine,
            user,
            now=view.now(),
            baseline=baseline or None,
            seed=view.parse_seed(seed),
        )
    except (CallworthyError, ValueError) as exc:
        message = exc.message if isinstance(exc, CallworthyError) else str(exc)
        status = status_of(exc) if isinstance(exc, CallworthyError) else 422
        context = _context(engine, user, baseline=baseline, seed=seed, errors={"try": message})
        return page(request, templates, "ideas.html", status=status, **context)
    return RedirectResponse("/experiments", status_code=303)
