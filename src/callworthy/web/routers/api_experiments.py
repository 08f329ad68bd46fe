"""The Experiments page's JSON twin: stats, the curve, what to try next, the experiment.

Stats and the curve are the team's; `next` takes a rep's own prospects only (a
manager's: the team's); starting and stopping an experiment is for managers (403).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from starlette.responses import JSONResponse

from callworthy.services import experiments as stats_service
from callworthy.services import next_strategy, trials
from callworthy.services.next_strategy import MAX_SEED
from callworthy.web import experiments_view as view
from callworthy.web.deps import ApiCaller, ApiManager, EngineDep
from callworthy.web.schemas import ERRORS
from callworthy.web.schemas_experiments import ExperimentIn

router = APIRouter(tags=["experiments"])
Window = Annotated[float, Query(gt=0, le=view.MAX_WINDOW, description="Callback window, days.")]
Seed = Annotated[int | None, Query(ge=0, le=MAX_SEED, description="Seed of the random draw.")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    404: {"model": ERRORS[401]["model"], "description": "No such record in your team."},
    409: {"model": ERRORS[401]["model"], "description": "Not possible in this state."},
}


@router.get("/stats", responses=ERRORS)
def stats(
    user: ApiCaller,
    engine: EngineDep,
    by: Literal["rep", "industry"] | None = None,
    window: Window = 14.0,
    baseline: Annotated[str | None, Query(max_length=64)] = None,
) -> JSONResponse:
    """The team's callback rate per strategy, as `callworthy stats --format json` prints it."""
    report = stats_service.stats(
        engine, user, now=view.now(), window_days=window, by=by, baseline=baseline
    )
    return JSONResponse(report.json_rows())


@router.get("/curve", responses=ERRORS)
def curve(
    user: ApiCaller,
    engine: EngineDep,
    strategy: Annotated[str | None, Query(max_length=64)] = None,
    window: Window = 14.0,
) -> JSONResponse:
    """The share of voicemails called back by day 1, 2, ... (Kaplan-Meier), the team's."""
    report = stats_service.curve(
        engine, user, now=view.now(), window_days=window, strategy=strategy or None
    )
    return JSONResponse(report.to_dict())


@router.get("/next", responses=NOT_FOUND)
def next_pick(
    user: ApiCaller,
    engine: EngineDep,
    prospect_id: Annotated[int, Query(ge=1, le=999_999)],
    seed: Seed = None,
) -> JSONResponse:
    """The strategy to try next on a prospect (a rep's own) and the earliest time to call."""
    pick = next_strategy.next_strategy(
        engine,
        user,
        prospect_id,
        now=view.now(),
        seed=seed,
    )
    return JSONResponse(pick.to_dict())


@router.get("/experiments/current", responses=NOT_FOUND)
def current(user: ApiCaller, engine: EngineDep) -> JSONResponse:
    """The running experiment (else the latest) with its arms, figures and split check."""
    report = trials.show_experiment(engine, user, None, now=view.now())
    return JSONResponse(report.to_dict())


@router.post("/experiments", status_code=201, responses=NOT_FOUND)
def start(body: ExperimentIn, user: ApiManager, engine: EngineDep) -> JSONResponse:
    """Start an experiment on a random half of the open ideas (managers)."""
    report = trials.start_try_half(
        engine, user, now=view.now(), baseline=body.baseline, seed=body.seed
    )
    return JSONResponse(report.to_dict(), status_code=201)


@router.post("/experiments/{experiment_id}/stop", responses=NOT_FOUND)
def stop(experiment_id: int, user: ApiManager, engine: EngineDep) -> JSONResponse:
    """Stop an experiment (managers)."""
    report = trials.stop_experiment(engine, user, experiment_id, now=view.now())
    return JSONResponse(report.to_dict())
