"""`POST /api/v1/write`: the JSON twin of the Write page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse

from callworthy.services.writing import write_for
from callworthy.web.deps import ApiCaller, EngineDep
from callworthy.web.schemas import ERRORS

router = APIRouter(tags=["write"])


class WriteIn(BaseModel):
    """A profile as `callworthy write --profile` reads it (docs/writer.md), and a seed."""

    model_config = ConfigDict(extra="forbid")

    prospect: dict[str, Any] = Field(
        description="name (required), company, role, industry, phone, facts[], concerns[], "
        "humor_ok, relationship (cold|met_briefly|referred), lead {name, detail}, referred_by."
    )
    rep: dict[str, Any] = Field(description="name and phone (required), company, email.")
    seed: int = Field(default=0, ge=0, le=1_000_000, description="Same seed, same text.")


class SkippedOut(BaseModel):
    """A strategy that wrote nothing, and why."""

    strategy: str
    reason: str


class WriteOut(BaseModel):
    """`candidates` is exactly what `callworthy write --format json` prints."""

    candidates: list[dict[str, Any]]
    skipped: list[SkippedOut]
    pack: str
    notes: list[str]
    seed: int


@router.post("/write", responses={200: {"model": WriteOut}, **ERRORS})
def write(body: WriteIn, request: Request, engine: EngineDep, user: ApiCaller) -> JSONResponse:
    """Write candidate voicemails for a prospect, best first, with the strategies skipped."""
    data = {"prospect": body.prospect, "rep": body.rep}
    writeup = write_for(data, user.rule_set(), seed=body.seed, source="body")
    return JSONResponse(
        {
            "candidates": [c.to_dict() for c in writeup.candidates],
            "skipped": [{"strategy": s.strategy, "reason": s.reason} for s in writeup.skipped],
            "pack": writeup.pack,
            "notes": list(writeup.notes),
            "seed": writeup.seed,
        }
    )
