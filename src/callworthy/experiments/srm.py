"""Sample-ratio mismatch: do the logged voicemails per strategy match the assigned weights?

A mismatch (a strategy got far more or fewer voicemails than it was assigned)
means the assignment or the logging is broken, and the comparison is not to be
trusted until it is fixed. Test: Pearson's chi-square goodness of fit
(scipy.stats.chisquare) of the observed counts against weight × total; alarm
when p < 0.001 (the threshold used by Fabijan et al., "Diagnosing Sample Ratio
Mismatch in Online Controlled Experiments", KDD 2019). The chi-square
approximation needs every expected count >= 5 (Cochran's rule); otherwise the
check is skipped with Reason.TOO_FEW_EXPECTED. Use it over a period when the
weights were fixed (e.g. a "try half" experiment), not across Thompson updates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from callworthy.experiments._scipy import chisquare
from callworthy.experiments.inputs import ExperimentInputError, finite_weights, whole_counts
from callworthy.experiments.reasons import Reason

ALARM_P = 0.001
MIN_EXPECTED = 5.0


class SrmStatus(StrEnum):
    """The outcome of the check."""

    OK = "ok"
    MISMATCH = "mismatch"
    NOT_CHECKED = "not_checked"


@dataclass(frozen=True, slots=True)
class SrmResult:
    """The check's verdict, with the counts it compared."""

    status: SrmStatus
    p_value: float | None
    chi_square: float | None
    observed: dict[str, int]
    expected: dict[str, float]
    reasons: tuple[Reason, ...] = ()


def check_sample_ratio(
    counts: Mapping[str, int],
    weights: Mapping[str, float],
    alarm_p: float = ALARM_P,
    min_expected: float = MIN_EXPECTED,
) -> SrmResult:
    """Compare logged counts per strategy with the assigned weights (Pearson chi-square).

    Counts must be finite, whole and not negative, weights finite and not negative
    (ExperimentInputError otherwise).
    """
    checked = dict(zip(counts, whole_counts("counts", list(counts.values())).tolist(), strict=True))
    weights = dict(zip(weights, finite_weights("weight", weights.values()), strict=True))
    if not 0 < alarm_p < 1 or not min_expected > 0:
        raise ExperimentInputError(
            "The alarm level must lie between 0 and 1 and the minimum expected count above 0.",
            f"Use the defaults ({ALARM_P} and {MIN_EXPECTED:g}).",
        )
    counts = checked
    names = sorted(n for n, w in weights.items() if w > 0)
    observed = {n: int(counts.get(n, 0)) for n in names}
    stray = sorted(n for n, c in counts.items() if c > 0 and n not in observed)
    if stray:
        observed.update({n: int(counts[n]) for n in stray})
        return SrmResult(
            SrmStatus.MISMATCH, None, None, observed, {}, (Reason.UNEXPECTED_STRATEGY,)
        )
    if len(names) < 2:
        return SrmResult(SrmStatus.NOT_CHECKED, None, None, observed, {}, (Reason.NO_WEIGHTS,))
    total, weight_sum = sum(observed.values()), sum(weights[n] for n in names)
    expected = {n: total * weights[n] / weight_sum for n in names}
    if min(expected.values()) < min_expected:
        return SrmResult(
            SrmStatus.NOT_CHECKED, None, None, observed, expected, (Reason.TOO_FEW_EXPECTED,)
        )
    stat, p = chisquare([observed[n] for n in names], [expected[n] for n in names])
    status = SrmStatus.MISMATCH if p < alarm_p else SrmStatus.OK
    return SrmResult(status, p, stat, observed, expected)
