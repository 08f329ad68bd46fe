"""What the Experiments and Ideas pages show, built from the services' results (no queries here).

The pages and their JSON twins call the same services; this module only reads the
clock (the one place the web surface does) and shapes results for the templates
and the charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from callworthy.experiments import ArmSummary, chance_phrase, percent
from callworthy.services.experiments import CurveReport, StatsReport
from callworthy.web.charts import Bar, Step, interval_chart, step_chart

MAX_WINDOW = 365.0


def now() -> datetime:
    """Return the moment the figures are computed as of."""
    return datetime.now(UTC)


def label(row: ArmSummary) -> str:
    """Return a row's name on the chart: the strategy, with its segment when grouped."""
    return f"{row.segment} · {row.strategy}" if row.segment is not None else row.strategy


@dataclass(frozen=True, slots=True)
class RowView:
    """One stats row as the page shows it: figures as percents and the verdict in words."""

    label: str
    row: ArmSummary
    rate: str
    interval: str
    beats: str
    verdict: str
    best: str


def rows_view(report: StatsReport) -> list[RowView]:
    """Return the table rows: percents, and the chance to beat the baseline in words."""
    out = []
    for row in report.rows:
        known = row.rate_mean is not None and row.ci_low is not None and row.ci_high is not None
        if row.chance_to_beat_baseline is not None:
            verdict = chance_phrase(row.chance_to_beat_baseline, report.baseline)
        else:
            verdict = "; ".join(row.notes) or "can't tell yet"
        out.append(
            RowView(
                label=label(row),
                row=row,
                rate=percent(row.rate_mean) if row.rate_mean is not None else "-",
                interval=f"{percent(row.ci_low)} to {percent(row.ci_high)}"  # type: ignore[arg-type]
                if known
                else "-",
                beats=percent(row.chance_to_beat_baseline)
                if row.chance_to_beat_baseline is not None
                else "-",
                verdict=verdict,
                best=percent(row.chance_best) if row.chance_best is not None else "-",
            )
        )
    return out


def rates_svg(report: StatsReport) -> str:
    """Return the callback-rate chart of a stats report (one bar per row)."""
    bars = [
        Bar(label(r), r.rate_mean, r.ci_low, r.ci_high, baseline=r.strategy == report.baseline)
        for r in report.rows
    ]
    title = f"Callback rate per strategy, 95% intervals, baseline {report.baseline}"
    return interval_chart(bars, title, "rates")


def curve_svg(report: CurveReport) -> str:
    """Return the time-to-callback step chart of a curve report."""
    steps = [Step(d.day, d.share_called_back, d.ci_low, d.ci_high) for d in report.days]
    which = report.strategy or "every strategy"
    return step_chart(steps, f"Share called back by day, {which} (Kaplan-Meier)", "curve")


def parse_window(text: str) -> float:
    """Return a window in days from a form field; ValueError with the reason otherwise."""
    try:
        value = float((text or "14").strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a number of days.") from None
    if not 0 < value <= MAX_WINDOW:
        raise ValueError(f"Use a window of more than 0 and at most {MAX_WINDOW:g} days.")
    return value


def parse_seed(text: str) -> int | None:
    """Return a seed from a form field (blank: None); ValueError with the reason otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 10:
        raise ValueError(f"Seed {text!r} is not a whole number from 0 to 2147483647.")
    return int(text)
