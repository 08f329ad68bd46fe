"""Cutting a script into marked segments for the Check page."""

from __future__ import annotations

from callworthy.critique import Finding, Level, Subscore, critique
from callworthy.web.highlight import segments


def finding(start: int, end: int, level: Level = Level.WARNING, related=()) -> Finding:  # type: ignore[no-untyped-def]
    return Finding("r", "P3", level, start, end, "m", "f", Subscore.VALUE, -1, related)


def test_segments_rebuild_the_text_and_mark_each_span() -> None:
    text = "We are the best. Call me."
    parts = segments(text, (finding(0, 2), finding(17, 24, Level.ERROR)))
    assert "".join(p.text for p in parts) == text
    marked = [(p.text, p.level) for p in parts if p.findings]
    assert marked == [("We", "warning"), ("Call me", "error")]


def test_overlaps_are_cut_and_take_the_worst_level() -> None:
    text = "abcdefghij"
    parts = segments(text, (finding(0, 6, Level.INFO), finding(3, 8, Level.ERROR)))
    assert [(p.text, p.findings, p.level) for p in parts] == [
        ("abc", (0,), "info"),
        ("def", (0, 1), "error"),
        ("gh", (1,), "error"),
        ("ij", (), ""),
    ]


def test_related_spans_are_marked_and_whole_message_findings_are_not() -> None:
    text = "we sell, we ship, we win"
    parts = segments(text, (finding(0, 2, related=((9, 11), (18, 20))), finding(0, len(text))))
    assert [p.text for p in parts if p.findings] == ["we", "we", "we"]


def test_spans_outside_the_text_are_clipped_and_empty_ones_dropped() -> None:
    parts = segments("hello", (finding(3, 99), finding(2, 2)))
    assert [(p.text, bool(p.findings)) for p in parts] == [("hel", False), ("lo", True)]


def test_a_real_critique_round_trips() -> None:
    text = "Hi, this is Bob from Acme. We can save you money. Call me back at 555-123-4567."
    result = critique(text)
    parts = segments(text, result.findings)
    assert "".join(p.text for p in parts) == text
    assert any(p.findings for p in parts)
