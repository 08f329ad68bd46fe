"""Learn the critique's weights from real voicemails, and measure how well they generalise.

`python -m callworthy.critique.fit data/coaching/voicemails.csv` (or `make fit`)
refits them and writes `src/callworthy/weights/critique.yaml`.
"""

from callworthy.critique.fit.model import (
    POINTS_PER_LOGIT,
    PRIOR_SD,
    Example,
    FitResult,
    RuleFit,
    fired_rules,
    fit_weights,
    fitted_rules,
)

__all__ = [
    "POINTS_PER_LOGIT",
    "PRIOR_SD",
    "Example",
    "FitResult",
    "RuleFit",
    "fired_rules",
    "fit_weights",
    "fitted_rules",
]
