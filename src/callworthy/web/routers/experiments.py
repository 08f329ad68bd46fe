"""The Experiments page and its JSON twins: callback rates, the curve, what to try next, the trial.

Stats and the curve are the team's (every rep learns from the whole team's log);
"what to try next" offers a rep their own prospects, a manager the team's.
Starting and stopping an experiment is for managers.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from sqlalchemy import Engine
from starlette.responses import RedirectResponse, Response

from callworthy.errors import CallworthyError, UnknownExperimentError
from callworthy.services import experiments as stats_service
from callworthy.services import next_strategy, strategies, trials
from callworthy.services.caller import Caller
from callworthy.services.experiments import CurveReport
from callworthy.services.next_strategy import MAX_SEED, NextPick
from callworthy.services.trials import ExperimentReport
from callworthy.web import experiments_view as view
from callworthy.web.deps import (
    ApiCaller,
    ApiManager,
    Csrf,
    EngineDep,
    PageCaller,
    PageManager,
    RecordId,
    TemplatesDep,
)
from callworthy.web.models import StatsRowJson
from callworthy.web.render import flash, form_error, page
from callworthy.web.schemas import ExperimentIn, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["experiments"])
Field = Annotated[str, Form(max_length=200)]
Window = Annotated[
    float,
    Query(ge=view.MIN_WINDOW_DAYS, le=view.MAX_WINDOW, description="Callback window, 1-365 days."),
]
Inferred = Annotated[
    bool, Query(description="Count imported voicemails whose strategy was read from their script.")
]
Seed = Annotated[int | None, Query(ge=0, le=MAX_SEED, description="Seed of the random draw.")]


def _current(engine: Engine, user: Caller) -> ExperimentReport | None:
    try:
        return trials.show_experiment(engine, user, None, now=view.now())
    except UnknownExperimentError:
        return None


def _curve_for(engine: Engine, user: Caller, strategy: str, errors: dict[str, str]) -> str | None:
    if not strategy.strip():
        return None
    try:
        return strategies.resolve(engine, user, strategy, "strategy")
    except CallworthyError as exc:
        errors["strategy"] = exc.message
        return None


def _page_context(
    engine: Engine, user: Caller, by: str, window: str, strategy: str, inferred: str = "count"
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    try:
        days = view.parse_window(window)
    except ValueError as exc:
        errors["window"], days = str(exc), 14.0
    grouping = by if by in stats_service.SEGMENT_KINDS else None
    if by and grouping is None:
        errors["by"] = f"Cannot group by {by!r}: choose a rep or an industry."
    counted = inferred != "leave_out"
    moment = view.now()
    report = stats_service.stats(
        engine, user, now=moment, window_days=days, by=grouping, inferred=counted
    )
    curve_for = _curve_for(engine, user, strategy, errors)
    curve = stats_service.curve(
        engine, user, now=moment, window_days=days, strategy=curve_for, inferred=counted
    )
    names = {c.id: c.name for c in strategies.choices(engine, user)}
    return {
        "user": user,
        "by": grouping or "",
        "window": window if "window" in errors else f"{days:g}",
        "strategy": curve_for or "",
        "inferred": "count" if counted else "leave_out",
        "errors": errors,
        "report": report,
        "names": names,
        "glossary": view.GLOSSARY,
        "rows": view.rows_view(report),
        "rates_svg": view.rates_svg(report),
        "curve": curve,
        "curve_svg": view.curve_svg(curve, names),
        "strategies": sorted({r.strategy for r in report.rows}),
        "prospects": next_strategy.prospect_choices(engine, user),
        "experiment": _current(engine, user),
        "pick": None,
        "picked": None,
    }


def _markup(context: dict[str, Any]) -> dict[str, Any]:
    # The charts are built by callworthy.web.charts, which escapes every label it is given.
    from markupsafe import Markup

    context["rates_svg"] = Markup(context["rates_svg"])
    context["curve_svg"] = Markup(context["curve_svg"])
    return context


@pages.get("/experiments")
def experiments_page(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    by: str = "",
    window: str = "14",
    strategy: str = "",
    inferred: str = "count",
) -> Response:
    """Show the team's callback rates, the curve, the running experiment, what to try next."""
    context = _page_context(engine, user, by[:20], window[:20], strategy[:64], inferred[:20])
    status = 422 if context["errors"] else 200
    return page(request, templates, "experiments.html", status=status, **_markup(context))


@api.get(
    "/stats",
    response_model=list[StatsRowJson],  # type: ignore[valid-type]
    response_model_exclude_unset=True,
    responses=errors(),
)
def stats(
    user: ApiCaller,
    engine: EngineDep,
    by: Literal["rep", "industry"] | None = None,
    window: Window = 14.0,
    baseline: Annotated[str | None, Query(max_length=64)] = None,
    inferred: Inferred = True,
) -> list[dict[str, Any]]:
    """The team's callback rate per strategy, as `callworthy stats --format json` prints it."""
    report = stats_service.stats(
        engine,
        user,
        now=view.now(),
        window_days=window,
        by=by,
        baseline=baseline,
        inferred=inferred,
    )
    return report.json_rows()


@api.get("/curve", response_model=CurveReport, responses=errors())
def curve(
    user: ApiCaller,
    engine: EngineDep,
    strategy: Annotated[str | None, Query(max_length=64)] = None,
    window: Window = 14.0,
    inferred: Inferred = True,
) -> CurveReport:
    """The share of voicemails called back by day 1, 2, ... (Kaplan-Meier), the team's."""
    return stats_service.curve(
        engine,
        user,
        now=view.now(),
        window_days=window,
        strategy=strategy or None,
        inferred=inferred,
    )


@pages.post("/experiments/next", dependencies=[Csrf])
def next_pick_form(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    prospect_id: Field = "",
    lead: Annotated[bool, Form()] = False,
    by: Field = "",
    window: Field = "14",
) -> Response:
    """Pick the strategy to try next on one of the user's prospects (kept in an experiment)."""
    context = _markup(_page_context(engine, user, by, window, ""))
    if not prospect_id.strip().isdigit() or len(prospect_id.strip()) > 9:
        context["errors"]["prospect"] = "Choose a prospect."
        return page(request, templates, "experiments.html", status=422, **context)
    context["picked"] = int(prospect_id)
    try:
        context["pick"] = next_strategy.next_strategy(
            engine, user, int(prospect_id), now=view.now(), has_lead=lead
        )
    except CallworthyError as exc:
        return form_error(request, templates, "experiments.html", exc, where="prospect", **context)
    return page(request, templates, "experiments.html", **context)


@api.get("/next", response_model=NextPick, responses=errors(404, 409))
def next_pick(
    user: ApiCaller,
    engine: EngineDep,
    prospect_id: Annotated[int, Query(ge=1, le=999_999)],
    seed: Seed = None,
    lead: Annotated[bool, Query(description="The rep has a real lead to give (P7).")] = False,
) -> NextPick:
    """The strategy to try next on a prospect (a rep's own) and the earliest time to call.

    While an experiment runs, a prospect keeps the arm it was given: asking again returns
    it (`method: "assigned"`) and logs nothing.
    """
    return next_strategy.next_strategy(
        engine, user, prospect_id, now=view.now(), seed=seed, has_lead=lead
    )


@api.get("/experiments/current", response_model=ExperimentReport, responses=errors(404))
def current(user: ApiCaller, engine: EngineDep) -> ExperimentReport:
    """The running experiment (else the latest) with its arms, figures and split check."""
    return trials.show_experiment(engine, user, None, now=view.now())


@api.post("/experiments", status_code=201, response_model=ExperimentReport, responses=errors(409))
def start(body: ExperimentIn, user: ApiManager, engine: EngineDep) -> ExperimentReport:
    """Start an experiment on a random half of the open ideas (managers)."""
    return trials.start_try_half(
        engine, user, now=view.now(), baseline=body.baseline, seed=body.seed
    )


@pages.post("/experiments/{experiment_id}/stop", dependencies=[Csrf])
def stop_form(
    request: Request, user: PageManager, engine: EngineDep, experiment_id: RecordId
) -> Response:
    """Stop the experiment (managers) and go back to the page."""
    trials.stop_experiment(engine, user, experiment_id, now=view.now())
    flash(request, "The experiment is stopped; its figures stay below.")
    return RedirectResponse("/experiments", status_code=303)


@api.post(
    "/experiments/{experiment_id}/stop",
    response_model=ExperimentReport,
    responses=errors(404, 409),
)
def stop(experiment_id: RecordId, user: ApiManager, engine: EngineDep) -> ExperimentReport:
    """Stop an experiment (managers)."""
    return trials.stop_experiment(engine, user, experiment_id, now=view.now())
