"""The Experiments page: callback rates with their intervals, the curve, what to try next.

Stats and the curve are the team's (every rep learns from the whole team's log);
"what to try next" offers a rep their own prospects, a manager the team's.
Stopping the running experiment is for managers.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from sqlalchemy import Engine
from starlette.responses import RedirectResponse, Response

from callworthy.errors import CallworthyError, UnknownExperimentError
from callworthy.services import experiments as stats_service
from callworthy.services import next_strategy, trials
from callworthy.services.caller import Caller
from callworthy.services.next_strategy import NextPick
from callworthy.services.trials import ExperimentReport
from callworthy.web import experiments_view as view
from callworthy.web.deps import Csrf, EngineDep, PageCaller, PageManager, TemplatesDep
from callworthy.web.errors import status_of
from callworthy.web.render import page

router = APIRouter()
Field = Annotated[str, Form(max_length=200)]


def _current(engine: Engine, user: Caller) -> ExperimentReport | None:
    try:
        return trials.show_experiment(engine, user, None, now=view.now())
    except UnknownExperimentError:
        return None


def _page_context(
    engine: Engine, user: Caller, by: str, window: str, strategy: str
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    try:
        days = view.parse_window(window)
    except ValueError as exc:
        errors["window"], days = str(exc), 14.0
    grouping = by if by in stats_service.SEGMENT_KINDS else None
    if by and grouping is None:
        errors["by"] = f"Cannot group by {by!r}: choose a rep or an industry."
    actor, moment = user, view.now()
    report = stats_service.stats(engine, actor, now=moment, window_days=days, by=grouping)
    curve_for = strategy.strip() or None
    curve = stats_service.curve(engine, actor, now=moment, window_days=days, strategy=curve_for)
    return {
        "user": user,
        "by": grouping or "",
        "window": window if "window" in errors else f"{days:g}",
        "strategy": curve_for or "",
        "errors": errors,
        "report": report,
        "rows": view.rows_view(report),
        "rates_svg": view.rates_svg(report),
        "curve": curve,
        "curve_svg": view.curve_svg(curve),
        "strategies": sorted({r.strategy for r in report.rows}),
        "prospects": next_strategy.prospect_choices(engine, actor),
        "experiment": _current(engine, user),
        "pick": None,
        "picked": None,
        "seed": "",
    }


def _markup(context: dict[str, Any]) -> dict[str, Any]:
    # The charts are built by callworthy.web.charts, which escapes every label it is given.
    from markupsafe import Markup

    context["rates_svg"] = Markup(context["rates_svg"])
    context["curve_svg"] = Markup(context["curve_svg"])
    return context


@router.get("/experiments")
def experiments_page(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    by: str = "",
    window: str = "14",
    strategy: str = "",
) -> Response:
    """Show the team's callback rates, the curve, the running experiment, what to try next."""
    context = _page_context(engine, user, by[:20], window[:20], strategy[:64])
    status = 422 if context["errors"] else 200
    return page(request, templates, "experiments.html", status=status, **_markup(context))


@router.post("/experiments/next", dependencies=[Csrf])
def next_pick(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    prospect_id: Field = "",
    seed: Field = "",
    by: Field = "",
    window: Field = "14",
) -> Response:
    """Pick the strategy to try next on one of the user's prospects (logged in an experiment)."""
    context = _page_context(engine, user, by, window, "")
    context["seed"] = seed
    pick: NextPick | None = None
    status = 200
    try:
        chosen = view.parse_seed(seed)
    except ValueError as exc:
        context["errors"]["seed"], chosen, status = str(exc), None, 422
    if not prospect_id.strip().isdigit():
        context["errors"]["prospect"], status = "Choose a prospect.", 422
    if status == 200:
        context["picked"] = int(prospect_id)
        try:
            pick = next_strategy.next_strategy(
                engine,
                user,
                int(prospect_id),
                now=view.now(),
                seed=chosen,
            )
        except CallworthyError as exc:
            context["errors"]["prospect"], status = exc.message, status_of(exc)
    context["pick"] = pick
    return page(request, templates, "experiments.html", status=status, **_markup(context))


@router.post("/experiments/{experiment_id}/stop", dependencies=[Csrf])
def stop(user: PageManager, engine: EngineDep, experiment_id: int) -> Response:
    """Stop the experiment (managers) and go back to the page."""
    trials.stop_experiment(engine, user, experiment_id, now=view.now())
    return RedirectResponse("/experiments", status_code=303)
