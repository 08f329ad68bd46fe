"""Plain words for a rep: a chance to beat the baseline as a phrase, a reason as a sentence.

Thresholds (chance that the strategy beats the baseline):
  >= 0.95 "very likely better than …"   >= 0.80 "probably better than …"
  <= 0.05 "very likely worse than …"    <= 0.20 "probably worse than …"
  otherwise "can't tell yet". The percentage shown is rounded to a whole
  percent but never reads 0% or 100% ("<1%", ">99%"): nothing is certain.
"""

from __future__ import annotations

from callworthy.experiments.reasons import Reason

VERY_LIKELY = 0.95
PROBABLY = 0.80
#: The mirror thresholds, written out: 1.0 - 0.80 is 0.19999999999999996 in floating point,
#: which would read a chance of exactly 20% as "can't tell yet".
VERY_LIKELY_WORSE = 0.05
PROBABLY_WORSE = 0.20

_REASONS: dict[Reason, str] = {
    Reason.NO_VOICEMAILS: "no voicemails yet",
    Reason.NO_MATURED_DATA: "not enough data yet: every voicemail is still in its callback window",
    Reason.NO_BASELINE: "no baseline to compare with",
    Reason.IS_BASELINE: "this is the baseline",
    Reason.SINGLE_STRATEGY: "only one strategy has results so far",
    Reason.PRIOR_FALLBACK: "too little data to learn the team's rate; starting from no assumption",
    Reason.TOO_FEW_EXPECTED: "too few prospects given a message yet to check the split",
    Reason.NO_WEIGHTS: "fewer than two messages were given to prospects",
    Reason.UNEXPECTED_STRATEGY: "voicemails were logged for a strategy that was not assigned",
    Reason.NO_ELIGIBLE_STRATEGY: "no strategy may be used on this prospect",
    Reason.NO_IDEAS: "no ideas to try",
    Reason.NO_EVENTS: "no callbacks yet",
}


def percent(chance: float) -> str:
    """Return a chance as a whole percent that never reads 0% or 100%."""
    value = round(chance * 100)
    if value >= 100:
        return ">99%"
    if value <= 0:
        return "<1%"
    return f"{value}%"


def chance_phrase(chance: float | None, baseline: str = "the baseline") -> str:
    """Return the chance to beat the baseline in plain words, with the percent."""
    if chance is None:
        return "can't tell yet"
    if chance >= VERY_LIKELY:
        words = f"very likely better than {baseline}"
    elif chance >= PROBABLY:
        words = f"probably better than {baseline}"
    elif chance <= VERY_LIKELY_WORSE:
        words = f"very likely worse than {baseline}"
    elif chance <= PROBABLY_WORSE:
        words = f"probably worse than {baseline}"
    else:
        words = "can't tell yet"
    return f"{words} ({percent(chance)})"


def reason_phrase(reason: Reason) -> str:
    """Return a reason code as a short sentence for a rep."""
    return _REASONS[reason]
