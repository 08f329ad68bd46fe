"""What the Experiments and Ideas pages show, built from the services' results (no queries here).

The pages and their JSON twins call the same services; this module only reads the
clock (the one place the web surface does) and shapes results for the templates
and the charts, in a sales manager's words: what happened first ("3 of 12 called
back", the observed share), then the likely range (the 95% interval of the
posterior), and a glossary, shown on hover or focus, for the few terms left.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from callworthy.experiments import MAX_WINDOW_DAYS, MIN_WINDOW_DAYS, ArmSummary, chance_phrase
from callworthy.experiments import percent as percent
from callworthy.services.experiments import CurveReport, StatsReport, observed
from callworthy.web.charts import Bar, Step, interval_chart, step_chart

MAX_WINDOW = MAX_WINDOW_DAYS

#: The terms the pages still use, in plain words (shown on hover or focus).
GLOSSARY: dict[str, str] = {
    "window": "How long a voicemail has to be called back. A callback after that does not "
    "count; a voicemail younger than that is still waiting.",
    "counted": "Voicemails old enough to judge: left at least a whole window ago. Only these "
    "count in the share called back.",
    "waiting": "Voicemails still inside their window: they may yet be called back, so they "
    "are shown apart and never counted as failures.",
    "range": "Where the real share most likely lies (95% sure), given how few voicemails "
    "there are so far. More voicemails, narrower range.",
    "baseline": "Your usual message: every other one is compared with it.",
    "beats": "How likely this message gets more callbacks than your usual one, in the long run.",
    "best": "How likely this message is the best of them all.",
    "split": "Each prospect is given one message at random, in set shares. If the prospects "
    "given each message are far from those shares, something is off in how they were "
    "given, and the comparison cannot be trusted until it is fixed.",
    "arm": "One of the messages being compared in an experiment.",
    "inferred": "Imported calls whose message was read from the notes in your CRM, not said "
    "by a rep.",
}


def now() -> datetime:
    """Return the moment the figures are computed as of."""
    return datetime.now(UTC)


def label(row: ArmSummary, names: Mapping[str, str] | None = None) -> str:
    """Return a row's name on the chart: the strategy's name, with its segment when grouped."""
    name = (names or {}).get(row.strategy, row.strategy)
    return f"{row.segment} · {name}" if row.segment is not None else name


def happened(callbacks: int, matured: int) -> str:
    """Return what happened, in words: "3 of 12 called back"."""
    return f"{callbacks} of {matured} called back" if matured else "none old enough yet"


def likely(low: float | None, high: float | None) -> str:
    """Return the likely range as whole percents, or a dash."""
    return f"{percent(low)} to {percent(high)}" if low is not None and high is not None else "-"


@dataclass(frozen=True, slots=True)
class RowView:
    """One stats row as the page shows it: what happened, the share, the range, the verdict."""

    label: str
    row: ArmSummary
    happened: str
    share: str
    """The observed share (callbacks / counted), the headline."""
    interval: str
    beats: str
    verdict: str
    best: str


def rows_view(report: StatsReport) -> list[RowView]:
    """Return the table rows: what happened first, then the range and the verdict in words."""
    names = report.names or {}
    base = names.get(report.baseline, report.baseline)
    out = []
    for row in report.rows:
        share = observed(row)
        if row.chance_to_beat_baseline is not None:
            verdict = chance_phrase(row.chance_to_beat_baseline, base)
        else:
            verdict = "; ".join(row.notes) or "can't tell yet"
        out.append(
            RowView(
                label=label(row, names),
                row=row,
                happened=happened(row.callbacks, row.matured),
                share=percent(share) if share is not None else "-",
                interval=likely(row.ci_low, row.ci_high),
                beats=percent(row.chance_to_beat_baseline)
                if row.chance_to_beat_baseline is not None
                else "-",
                verdict=verdict,
                best=percent(row.chance_best) if row.chance_best is not None else "-",
            )
        )
    return out


def rates_svg(report: StatsReport) -> str:
    """Return the chart of a stats report: each row's observed share and its likely range."""
    names = report.names or {}
    bars = [
        Bar(
            label(r, names),
            observed(r),
            r.ci_low,
            r.ci_high,
            baseline=r.strategy == report.baseline,
        )
        for r in report.rows
    ]
    base = names.get(report.baseline, report.baseline)
    title = f"Share called back per message, with the likely range; your usual message: {base}"
    return interval_chart(bars, title, "rates")


def curve_svg(report: CurveReport, names: Mapping[str, str] | None = None) -> str:
    """Return the chart of how soon voicemails are called back, with its likely range."""
    steps = [Step(d.day, d.share_called_back, d.ci_low, d.ci_high) for d in report.days]
    which = (names or {}).get(report.strategy or "", report.strategy) or "every message"
    return step_chart(steps, f"Share called back by day, {which}", "curve")


def parse_window(text: str) -> float:
    """Return a window in days from a form field; ValueError with the reason otherwise."""
    try:
        value = float((text or "14").strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a number of days.") from None
    if not MIN_WINDOW_DAYS <= value <= MAX_WINDOW_DAYS:
        raise ValueError(f"Use a window of {MIN_WINDOW_DAYS:g} to {MAX_WINDOW_DAYS:g} days.")
    return value


def parse_seed(text: str) -> int | None:
    """Return a seed from a form field (blank: None); ValueError with the reason otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 10:
        raise ValueError(f"{text!r} is not a whole number from 0 to 2147483647.")
    return int(text)
