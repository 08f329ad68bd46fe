"""`callworthy stats | curve | next`: which messages get called back, and what to try next."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.cli.db import DB_OPTION, REP_OPTION, open_for
from callworthy.experiments import MAX_WINDOW_DAYS, MIN_WINDOW_DAYS, chance_phrase, percent
from callworthy.fields import parse_time, zone
from callworthy.services import experiments as service
from callworthy.services import next_strategy
from callworthy.services.experiments import CurveReport, StatsReport
from callworthy.services.next_strategy import NextPick
from callworthy.services.prospects import find_prospect
from callworthy.text.plural import count

F = TypeVar("F", bound=Callable[..., Any])

WINDOW_OPTION = click.option(
    "--window",
    "window",
    type=float,
    default=14.0,
    show_default=True,
    metavar="DAYS",
    help=f"Callback window, {MIN_WINDOW_DAYS:g}-{MAX_WINDOW_DAYS:g} days: a voicemail counts "
    "once this old; a callback within it.",
)
INFERRED_OPTION = click.option(
    "--inferred/--no-inferred",
    "inferred",
    default=True,
    show_default=True,
    help="Count imported voicemails whose strategy was read from their script.",
)
AS_OF_OPTION = click.option(
    "--as-of",
    "as_of",
    metavar="TIME",
    help="Figures as of this moment (ISO 8601, UTC unless it says; default: now).",
)


def wide_console() -> Console:
    """Return the console, 120 columns wide when not a terminal (tables of figures need room)."""
    out = console()
    if not out.is_terminal:
        out.width = 120
    return out


def as_of_time(as_of: str | None) -> datetime:
    """Return the moment asked for, or now (the one place these commands read the clock)."""
    return parse_time(as_of, zone("UTC")) if as_of else datetime.now(UTC)


def rate(mean: float | None, low: float | None, high: float | None) -> str:
    """Return a rate and its interval as whole percents, or a dash."""
    if mean is None or low is None or high is None:
        return "-"
    return f"{mean:.0%} ({low:.0%}-{high:.0%})"


def happened(callbacks: int, matured: int, low: float | None, high: float | None) -> str:
    """Return what happened and the likely range: "3 of 12 called back: 25% (9%-53%)"."""
    if not matured:
        return "none old enough yet"
    shown = f"{callbacks} of {matured} called back: {callbacks / matured:.0%}"
    if low is None or high is None:
        return shown
    return f"{shown} (likely {low:.0%}-{high:.0%})"


def _chance(value: float | None) -> str:
    return percent(value) if value is not None else "-"


def _print_stats(report: StatsReport) -> None:
    out = wide_console()
    columns = ["Strategy", "Left", "Counted", "Waiting", "Called back (likely range)"]
    table = Table(*(["Segment"] if report.by else []), *columns, "Beats baseline", "Best", "Loss")
    lines: list[str] = []
    for row in report.rows:
        cells = [
            row.strategy,
            str(row.voicemails),
            str(row.matured),
            str(row.pending),
            happened(row.callbacks, row.matured, row.ci_low, row.ci_high),
            _chance(row.chance_to_beat_baseline),
            _chance(row.chance_best),
            f"{row.expected_loss:.1f}" if row.expected_loss is not None else "-",
        ]
        table.add_row(*([row.segment or ""] if report.by else []), *cells)
        who = f"{row.segment}, {row.strategy}" if report.by else row.strategy
        if row.chance_to_beat_baseline is not None:
            lines.append(f"{who}: {chance_phrase(row.chance_to_beat_baseline, report.baseline)}.")
        elif row.notes:
            lines.append(f"{who}: {'; '.join(row.notes)}.")
    out.print(table)
    out.print("\n".join(lines))
    out.print(
        f"Baseline: {report.baseline}. Window: {report.window_days:g} days, as of "
        f"{report.as_of:%Y-%m-%d %H:%M} UTC. Counted: voicemails old enough to judge; waiting "
        "ones are shown apart, never counted as failures. Likely range: 95% sure the real rate "
        "lies in it. Loss: callbacks per 100 voicemails given up if another strategy is best."
        + ("" if report.inferred else " Strategies read from imported scripts are left out.")
    )
    for note in report.notes:
        out.print(f"Note: {note}.")


@click.command("stats")
@click.option(
    "--by",
    type=click.Choice(list(service.SEGMENT_KINDS)),
    help="One row per rep or per industry and strategy.",
)
@click.option("--baseline", help="Strategy to compare with (default: your most-logged one).")
@WINDOW_OPTION
@INFERRED_OPTION
@AS_OF_OPTION
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def stats(
    by: str | None,
    baseline: str | None,
    window: float,
    inferred: bool,
    as_of: str | None,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Show the callback rate of each strategy (P12).

    Each rate comes with its 95% range, the chance to beat the baseline, the
    chance to be the best and the expected loss. Voicemails younger than the
    window are pending: shown apart, never counted as failures.

    JSON: a list with one object per strategy (and per segment with --by).

    \b
    Example: callworthy stats --by rep --window 7
    """
    engine, caller = open_for(db, rep)
    report = service.stats(
        engine,
        caller,
        now=as_of_time(as_of),
        window_days=window,
        by=by,
        baseline=baseline,
        inferred=inferred,
    )
    emit(report, output_format, _print_stats, data=report.json_rows())


def _print_curve(report: CurveReport) -> None:
    out = wide_console()
    which = report.strategy or "every strategy"
    out.print(
        f"Time to callback, {which}: {count(report.voicemails, 'voicemail')}, "
        f"{report.callbacks} called back within {report.window_days:g} days."
    )
    if report.notes:
        out.print("Note: " + "; ".join(report.notes) + ".")
        if not report.callbacks:
            return
    table = Table("Day", "Called back", "95% band", "Still waiting")
    for day in report.days:
        band = f"{day.ci_low:.0%}-{day.ci_high:.0%}"
        table.add_row(str(day.day), f"{day.share_called_back:.0%}", band, str(day.waiting))
    out.print(table)


@click.command("curve")
@click.option("--strategy", "-s", help="Only this strategy (default: every strategy together).")
@WINDOW_OPTION
@INFERRED_OPTION
@AS_OF_OPTION
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def curve(
    strategy: str | None,
    window: float,
    inferred: bool,
    as_of: str | None,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Show how soon voicemails are called back.

    The share called back by day 1, 2, ... of the window (Kaplan-Meier), with
    its 95% band. Pending voicemails count for as long as they have waited.
    """
    engine, caller = open_for(db, rep)
    report = service.curve(
        engine,
        caller,
        now=as_of_time(as_of),
        window_days=window,
        strategy=strategy,
        inferred=inferred,
    )
    emit(report, output_format, _print_curve)


def _print_next(pick: NextPick) -> None:
    out = wide_console()
    out.print(
        f"[bold]Next for {pick.prospect} (#{pick.prospect_id}): {pick.strategy}[/bold] "
        f"({pick.name})",
        highlight=False,
    )
    local = datetime.fromisoformat(pick.call_at_local)
    out.print(
        f"Call at {local:%Y-%m-%d %H:%M} {pick.time_zone} ({pick.call_at:%Y-%m-%d %H:%M} UTC)."
    )
    if pick.unanswered:
        out.print(f"{count(pick.unanswered, 'voicemail')} since their last call back.")
    if pick.method == "assigned":
        out.print(
            f"The arm experiment #{pick.experiment_id} gave this prospect (assignment "
            f"#{pick.assignment_id}); it keeps it, and nothing new was logged."
        )
    elif pick.experiment_id is not None:
        out.print(
            f"Assigned by experiment #{pick.experiment_id} (assignment #{pick.assignment_id}, "
            f"seed {pick.seed}); the prospect keeps this arm."
        )
    else:
        method = "top-two Thompson sampling" if pick.method == "top_two" else "Thompson sampling"
        out.print(f"Chosen by {method}, seed {pick.seed} (replay with --seed {pick.seed}).")
    shares = ", ".join(f"{name} {percent(w)}" for name, w in pick.weights.items())
    out.print(f"Shares: {shares}.")
    if pick.excluded:
        out.print("Left out: " + "; ".join(f"{k} ({v})" for k, v in pick.excluded.items()) + ".")
    for note in pick.notes:
        out.print(f"Note: {note}")


@click.command("next")
@click.argument("prospect_ref", metavar="PROSPECT")
@click.option("--seed", type=int, help="Seed of the random draw (default: fresh, and printed).")
@click.option("--top-two", is_flag=True, help="Top-two Thompson sampling: test the runner-up more.")
@click.option(
    "--floor",
    type=float,
    default=0.05,
    show_default=True,
    help="Every eligible strategy gets at least this share.",
)
@click.option(
    "--lead", is_flag=True, help="You have a real sales lead to give (P7), besides any stored."
)
@click.option(
    "--among", multiple=True, metavar="STRATEGY", help="Choose only among these (repeatable)."
)
@click.option(
    "--hours", default="9-20", show_default=True, help="Calling hours, prospect's local time."
)
@click.option(
    "--tz", default="UTC", show_default=True, help="Time zone for a prospect without one."
)
@WINDOW_OPTION
@AS_OF_OPTION
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def next_command(
    prospect_ref: str,
    seed: int | None,
    top_two: bool,
    floor: float,
    lead: bool,
    among: tuple[str, ...],
    hours: str,
    tz: str,
    window: float,
    as_of: str | None,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Say which strategy to try next on a prospect, and when to call.

    PROSPECT is a #id, a phone number or a name. The strategy is drawn by
    Thompson sampling from your team's results among the strategies that fit
    the prospect, as the writer decides fit: no humor where humor is off (P8),
    no sales lead without a lead stored or --lead (P7), no mutual referral
    without someone you both know. While an experiment runs, the prospect gets
    an arm once and keeps it: asking again returns it and logs nothing. The
    time is the earliest inside their calling hours that the contact cadence
    allows (a week after an unanswered voicemail); after five unanswered in a
    row, it says stop. Nothing for a do-not-call number.

    \b
    Example: callworthy next "Jane Doe" --seed 7 --hours 8-18
    """
    start, end = next_strategy.parse_hours(hours)
    zone(tz)  # refuse an unknown zone before touching the database
    engine, caller = open_for(db, rep)
    pick = next_strategy.next_strategy(
        engine,
        caller,
        find_prospect(engine, caller, prospect_ref),
        now=as_of_time(as_of),
        seed=seed,
        top_two=top_two,
        floor=floor,
        has_lead=lead,
        among=among,
        hours=(start, end),
        window_days=window,
        default_zone=tz,
    )
    emit(pick, output_format, _print_next)
