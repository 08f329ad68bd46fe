"""The Ideas page's JSON twin: list, add, vote."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import JSONResponse

from callworthy.services import ideas as board
from callworthy.web.deps import ApiCaller, EngineDep
from callworthy.web.routers.api_experiments import NOT_FOUND
from callworthy.web.schemas import ERRORS
from callworthy.web.schemas_experiments import IdeaIn

router = APIRouter(tags=["ideas"])


@router.get("/ideas", responses=ERRORS)
def list_ideas(user: ApiCaller, engine: EngineDep) -> JSONResponse:
    """The team's ideas, most votes first, each with its sample script's score today."""
    return JSONResponse([i.to_dict() for i in board.list_ideas(engine, user)])


@router.post("/ideas", status_code=201, responses=ERRORS)
def add_idea(body: IdeaIn, user: ApiCaller, engine: EngineDep) -> JSONResponse:
    """Put an idea on the board; its sample script is critiqued and scored."""
    added = board.add_idea(engine, user, body.title, body.script)
    return JSONResponse(added.to_dict(), status_code=201)


@router.post("/ideas/{idea_id}/votes", responses=NOT_FOUND)
def vote(idea_id: int, user: ApiCaller, engine: EngineDep) -> JSONResponse:
    """Vote for an idea; a rep's second vote is not counted (`counted: false`)."""
    return JSONResponse(board.vote(engine, user, idea_id).to_dict())
