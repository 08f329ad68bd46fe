"""Counts on pages and in the terminal agree with their noun."""

from __future__ import annotations

from callworthy.text.plural import count


def test_counts_agree_with_their_noun() -> None:
    assert count(1, "voicemail") == "1 voicemail"
    assert count(0, "callback") == "0 callbacks"
    assert count(3, "new prospect") == "3 new prospects"
    assert count(2, "person", "people") == "2 people"
    assert count(1, "person", "people") == "1 person"
    assert count(1200, "row") == "1,200 rows"
