"""The SVG charts: numbers in, escaped markup out, no inline styles, accessible titles."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from callworthy.web.charts import Bar, Step, interval_chart, step_chart

NS = "{http://www.w3.org/2000/svg}"


def test_one_bar_and_whisker_per_strategy_with_data_and_the_baseline_marked() -> None:
    bars = [
        Bar("value_tip", 0.25, 0.1, 0.45, baseline=True),
        Bar("half_message", 0.75, 0.4, 0.95),
        Bar("fresh", None, None, None),
    ]
    svg = interval_chart(bars, "Rates")
    root = ET.fromstring(svg)  # well-formed XML
    assert root.find(f"{NS}title").text == "Rates"  # type: ignore[union-attr]
    rects = root.findall(f".//{NS}rect")
    assert [r.get("class") for r in rects] == ["bar", "bar"]
    # The axis ends at 100% (0.95 rounded up to the next 10%); the label column is 170 px wide.
    assert float(rects[1].get("width") or 0) == (640 - 170 - 70) * 0.75
    assert len(root.findall(f".//{NS}line[@class='whisker']")) == 6  # a line and two caps each
    mark = root.find(f".//{NS}line[@class='baseline-mark']")
    assert mark is not None and float(mark.get("x1") or 0) == 170 + 400 * 0.25
    assert "not enough data" in svg
    assert "style=" not in svg
    desc = root.find(f"{NS}desc").text or ""  # type: ignore[union-attr]
    assert (
        "half_message: 75% (95% interval 40% to 95%)" in desc and "fresh: not enough data" in desc
    )


def test_labels_are_escaped() -> None:
    svg = interval_chart([Bar('<script>alert("x")</script>', 0.5, 0.2, 0.8)], "A & B")
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in svg
    assert '<title id="rates-title">A &amp; B</title>' in svg
    ET.fromstring(svg)


def test_empty_chart_is_valid() -> None:
    root = ET.fromstring(interval_chart([], "Nothing"))
    assert root.findall(f".//{NS}rect") == []
    assert "No strategies yet." in (root.find(f"{NS}desc").text or "")  # type: ignore[union-attr]


def test_the_step_chart_steps_at_each_day() -> None:
    steps = [Step(1, 0.0, 0.0, 0.0), Step(2, 0.5, 0.2, 0.8), Step(3, 0.5, 0.2, 0.8)]
    svg = step_chart(steps, "Curve")
    root = ET.fromstring(svg)
    line = root.find(f".//{NS}polyline[@class='step']")
    assert line is not None
    points = [tuple(map(float, p.split(","))) for p in (line.get("points") or "").split()]
    assert len(points) == 1 + 2 * 3  # the start, then flat-then-jump at each day
    xs = [x for x, _ in points]
    assert xs == sorted(xs)  # a step curve never goes back in time
    ys = [y for _, y in points]
    assert ys[3] == ys[2] and ys[4] < ys[3]  # flat until day 2, then up to 50%
    assert root.find(f".//{NS}polygon[@class='band']") is not None
    assert re.search(r">days after the voicemail<", svg)
    assert "day 2: 50%" in (root.find(f"{NS}desc").text or "")  # type: ignore[union-attr]


def test_step_chart_without_data() -> None:
    root = ET.fromstring(step_chart([], "Curve"))
    assert root.find(f".//{NS}polyline") is None
