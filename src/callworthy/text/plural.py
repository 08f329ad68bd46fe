"""Counts in words that agree with their noun, for every surface: "1 voicemail", "3 voicemails"."""

from __future__ import annotations


def count(number: int, noun: str, plural: str = "") -> str:
    """Return a count with its noun agreeing: "1 voicemail", "3 voicemails", "0 callbacks"."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
