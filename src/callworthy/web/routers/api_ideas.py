"""The Ideas page's JSON twin: list, add, vote."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import JSONResponse

from callworthy.services import ideas as board
from callworthy.web import experiments_view as view
from callworthy.web.deps import ApiUser, EngineDep
from callworthy.web.routers.api_experiments import NOT_FOUND
from callworthy.web.schemas import ERRORS
from callworthy.web.schemas_experiments import IdeaIn

router = APIRouter(tags=["ideas"])


@router.get("/ideas", responses=ERRORS)
def list_ideas(user: ApiUser, engine: EngineDep) -> JSONResponse:
    """The team's ideas, most votes first, each with its sample script's score today."""
    return JSONResponse([i.to_dict() for i in board.list_ideas(engine, view.actor_of(user))])


@router.post("/ideas", status_code=201, responses=ERRORS)
def add_idea(body: IdeaIn, user: ApiUser, engine: EngineDep) -> JSONResponse:
    """Put an idea on the board; its sample script is critiqued and scored."""
    added = board.add_idea(engine, view.actor_of(user), body.title, body.script)
    return JSONResponse(added.to_dict(), status_code=201)


@router.post("/ideas/{idea_id}/votes", responses=NOT_FOUND)
def vote(idea_id: int, user: ApiUser, engine: EngineDep) -> JSONResponse:
    """Vote for an idea; a rep's second vote is not counted (`counted: false`)."""
    return JSONResponse(board.vote(engine, view.actor_of(user), str(idea_id)).to_dict())
