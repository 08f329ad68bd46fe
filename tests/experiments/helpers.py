"""Builders shared by the experiments tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from callworthy.experiments import Attempt

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def attempts(
    strategy: str,
    callbacks: int,
    voicemails: int,
    *,
    days_ago: float = 30.0,
    after_days: float = 2.0,
    rep: str | None = None,
    industry: str | None = None,
) -> list[Attempt]:
    """Return `voicemails` attempts left `days_ago`, the first `callbacks` called back."""
    left = NOW - timedelta(days=days_ago)
    back = left + timedelta(days=after_days)
    return [
        Attempt(strategy, left, back if i < callbacks else None, rep=rep, industry=industry)
        for i in range(voicemails)
    ]
