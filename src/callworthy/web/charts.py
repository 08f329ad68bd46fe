"""Server-rendered SVG charts: callback rates with their 95% intervals, and a step curve.

Pure: numbers in, escaped SVG markup out (no I/O, no JavaScript). The CSP forbids
inline styles, so the look comes from presentation attributes and the classes in
static/app.css (`chart`, `bar`, `baseline`, `whisker`, `band`, `step`, `axis`).
Every chart carries a <title> and a <desc>; the page puts a table with the same
numbers beside it, for screen readers and for anyone who wants the figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 640
LABEL_W = 170
RIGHT_PAD = 70
ROW_H = 30
TOP = 26
BOTTOM = 30


@dataclass(frozen=True, slots=True)
class Bar:
    """One strategy's callback rate and its 95% credible interval (None: not enough data)."""

    label: str
    mean: float | None
    low: float | None
    high: float | None
    baseline: bool = False


@dataclass(frozen=True, slots=True)
class Step:
    """The share called back by the end of a day, with its 95% band."""

    day: int
    share: float
    low: float
    high: float


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _scale_top(values: Sequence[float]) -> float:
    """Return the axis end: the largest value rounded up to the next 10%, at least 10%."""
    top = max([0.0, *values])
    return min(1.0, max(0.1, math.ceil(top * 10 - 1e-9) / 10))


def _ticks(top: float) -> int:
    """Return how many steps the axis has: one per 10% (the end is a multiple of 10%)."""
    return max(1, round(top * 10))


def _open(width: int, height: int, title: str, desc: str, ident: str) -> list[str]:
    return [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{_e(ident)}-title {_e(ident)}-desc">',
        f'<title id="{_e(ident)}-title">{_e(title)}</title>',
        f'<desc id="{_e(ident)}-desc">{_e(desc)}</desc>',
    ]


def _x_axis(parts: list[str], x0: float, span: float, top: float, y: float, ticks: int) -> None:
    parts.append(
        f'<line class="axis" x1="{_n(x0)}" y1="{_n(y)}" x2="{_n(x0 + span)}" '
        f'y2="{_n(y)}" stroke="#5b6472"/>'
    )
    for i in range(ticks + 1):
        value = top * i / ticks
        x = x0 + span * i / ticks
        parts.append(
            f'<text class="tick" x="{_n(x)}" y="{_n(y + 16)}" text-anchor="middle" '
            f'font-size="11" fill="#5b6472">{_pct(value)}</text>'
        )


def interval_chart(bars: Sequence[Bar], title: str, ident: str = "rates") -> str:
    """Return an SVG of one horizontal bar per strategy, its 95% whisker, the baseline marked."""
    values = [v for b in bars for v in (b.mean, b.high) if v is not None]
    top = _scale_top(values)
    height = TOP + ROW_H * max(1, len(bars)) + BOTTOM
    span = WIDTH - LABEL_W - RIGHT_PAD
    desc = "; ".join(
        f"{b.label}: {_pct(b.mean)} (95% interval {_pct(b.low)} to {_pct(b.high)})"
        if b.mean is not None and b.low is not None and b.high is not None
        else f"{b.label}: not enough data"
        for b in bars
    )
    parts = _open(WIDTH, height, title, desc or "No strategies yet.", ident)

    def x(value: float) -> float:
        return LABEL_W + span * min(value, top) / top

    base = next((b for b in bars if b.baseline and b.mean is not None), None)
    for i, bar in enumerate(bars):
        y = TOP + ROW_H * i
        mid = y + ROW_H / 2
        kind = "row baseline" if bar.baseline else "row"
        parts.append(f'<g class="{kind}" data-strategy="{_e(bar.label)}">')
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{_n(mid + 4)}" text-anchor="end" font-size="13" '
            f'fill="#1d2430">{_e(bar.label)}{" (baseline)" if bar.baseline else ""}</text>'
        )
        if bar.mean is None or bar.low is None or bar.high is None:
            parts.append(
                f'<text class="no-data" x="{LABEL_W + 4}" y="{_n(mid + 4)}" font-size="12" '
                'fill="#5b6472">not enough data</text></g>'
            )
            continue
        fill = "#8a94a6" if bar.baseline else "#1f6feb"
        parts.append(
            f'<rect class="bar" x="{LABEL_W}" y="{_n(y + 7)}" width="{_n(x(bar.mean) - LABEL_W)}" '
            f'height="{ROW_H - 14}" fill="{fill}"><title>{_e(bar.label)}: '
            f"{_pct(bar.mean)} ({_pct(bar.low)} to {_pct(bar.high)})</title></rect>"
        )
        lo, hi = _n(x(bar.low)), _n(x(bar.high))
        parts.append(
            f'<line class="whisker" x1="{lo}" y1="{_n(mid)}" x2="{hi}" y2="{_n(mid)}" '
            'stroke="#1d2430" stroke-width="1.5"/>'
        )
        for end in (lo, hi):
            parts.append(
                f'<line class="whisker" x1="{end}" y1="{_n(mid - 6)}" x2="{end}" '
                f'y2="{_n(mid + 6)}" stroke="#1d2430" stroke-width="1.5"/>'
            )
        parts.append(
            f'<text x="{_n(x(bar.high) + 6)}" y="{_n(mid + 4)}" font-size="12" '
            f'fill="#1d2430">{_pct(bar.mean)}</text></g>'
        )
    if base is not None and base.mean is not None:
        bx = _n(x(base.mean))
        parts.append(
            f'<line class="baseline-mark" x1="{bx}" y1="{TOP - 6}" x2="{bx}" '
            f'y2="{_n(height - BOTTOM)}" stroke="#c0392b" stroke-dasharray="4 3"/>'
            f'<text x="{bx}" y="{TOP - 10}" text-anchor="middle" font-size="11" '
            f'fill="#c0392b">baseline {_pct(base.mean)}</text>'
        )
    _x_axis(parts, LABEL_W, span, top, height - BOTTOM, _ticks(top))
    parts.append("</svg>")
    return "".join(parts)


def step_chart(steps: Sequence[Step], title: str, ident: str = "curve") -> str:
    """Return an SVG step chart of the share called back by day, with its 95% band."""
    height = 240
    left, right, top_pad, bottom = 50, 20, 14, 34
    span_x = WIDTH - left - right
    span_y = height - top_pad - bottom
    days = max([1, *(s.day for s in steps)])
    top = _scale_top([s.high for s in steps])
    desc = "; ".join(f"day {s.day}: {_pct(s.share)}" for s in steps)
    parts = _open(WIDTH, height, title, desc or "No voicemails yet.", ident)

    def px(day: float) -> float:
        return left + span_x * day / days

    def py(share: float) -> float:
        return top_pad + span_y * (1 - min(share, top) / top)

    def path(values: Sequence[tuple[int, float]]) -> list[tuple[float, float]]:
        # The share is known at the end of each day: flat until then, a jump at the day.
        points = [(px(0), py(0.0))]
        previous = 0.0
        for day, value in values:
            points += [(px(day), py(previous)), (px(day), py(value))]
            previous = value
        return points

    if steps:
        upper = path([(s.day, s.high) for s in steps])
        lower = path([(s.day, s.low) for s in steps])
        band = " ".join(f"{_n(a)},{_n(b)}" for a, b in [*upper, *reversed(lower)])
        parts.append(f'<polygon class="band" points="{band}" fill="#1f6feb" fill-opacity="0.15"/>')
        line = " ".join(f"{_n(a)},{_n(b)}" for a, b in path([(s.day, s.share) for s in steps]))
        parts.append(
            f'<polyline class="step" points="{line}" fill="none" stroke="#1f6feb" '
            'stroke-width="2"/>'
        )
    base_y = _n(py(0.0))
    parts.append(
        f'<line class="axis" x1="{left}" y1="{base_y}" x2="{left + span_x}" y2="{base_y}" '
        'stroke="#5b6472"/>'
        f'<line class="axis" x1="{left}" y1="{top_pad}" x2="{left}" y2="{base_y}" '
        'stroke="#5b6472"/>'
    )
    every = max(1, math.ceil(days / 14))
    for day in range(0, days + 1, every):
        parts.append(
            f'<text class="tick" x="{_n(px(day))}" y="{_n(py(0.0) + 16)}" text-anchor="middle" '
            f'font-size="11" fill="#5b6472">{day}</text>'
        )
    ticks = _ticks(top)
    for i in range(ticks + 1):
        value = top * i / ticks
        parts.append(
            f'<text class="tick" x="{left - 6}" y="{_n(py(value) + 4)}" text-anchor="end" '
            f'font-size="11" fill="#5b6472">{_pct(value)}</text>'
        )
    parts.append(
        f'<text x="{_n(left + span_x / 2)}" y="{height - 2}" text-anchor="middle" '
        'font-size="11" fill="#5b6472">days after the voicemail</text></svg>'
    )
    return "".join(parts)
