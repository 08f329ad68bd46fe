"""Reason codes: why a figure is missing or was not computed ("not enough data" is a result).

Every result of the experiments core carries reason codes instead of raising
on thin data; the surfaces turn them into words (`words.reason_phrase`).
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a figure is absent, or a note on how it was computed."""

    NO_VOICEMAILS = "no_voicemails"
    """The strategy (or segment) has no voicemail at all."""
    NO_MATURED_DATA = "no_matured_data"
    """Every voicemail is younger than the callback window: only pending ones."""
    NO_BASELINE = "no_baseline"
    """No baseline was named, or the baseline has no matured voicemails here."""
    IS_BASELINE = "is_baseline"
    """This strategy is the baseline; it is not compared with itself."""
    SINGLE_STRATEGY = "single_strategy"
    """Only one strategy has matured data, so "chance to be best" means nothing."""
    PRIOR_FALLBACK = "prior_fallback"
    """The team prior could not be fitted; the flat Beta(1, 1) prior was used."""
    TOO_FEW_EXPECTED = "too_few_expected"
    """Sample-ratio check skipped: some expected count is below the minimum (5)."""
    NO_WEIGHTS = "no_weights"
    """Sample-ratio check skipped: fewer than two strategies with a positive weight."""
    UNEXPECTED_STRATEGY = "unexpected_strategy"
    """Voicemails were logged for a strategy that was assigned no weight."""
    NO_ELIGIBLE_STRATEGY = "no_eligible_strategy"
    """Nothing may be tried on this prospect (do-not-call, or every strategy excluded)."""
    NO_IDEAS = "no_ideas"
    """"Try half" was given no idea to try."""
    NO_EVENTS = "no_events"
    """The survival curve has voicemails but no callback yet."""
