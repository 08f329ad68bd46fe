"""Fit the critique's weights: what each rule's finding is worth, from messages judged good or bad.

Pure: it takes labelled examples (the rules each message fired, and whether
the page that published it holds it up as good) and returns signed points per
rule. The regression is logistic.py's; its coefficients become points on the
score's scale at POINTS_PER_LOGIT, so 10 points lost halve the odds that a
trainer would call the message good (the "points to double the odds" of a
credit scorecard; Siddiqi, *Credit Risk Scorecards*, 2006, ch. 6).

Documented priors and bounds, never per-example adjustments:
- every coefficient has a Normal(0, PRIOR_SD^2) prior (L2 regularisation);
- a strength's weight is >= 0, a problem's <= 0 (a finding never moves the
  score against its own judgement);
- no single rule may be worth more than its sub-score holds.
Rules whose file declares a `weight:` (the audio rules, which a text corpus
cannot observe) are not fitted.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from callworthy.critique.context import EMPTY_CONTEXT
from callworthy.critique.engine import run_rules
from callworthy.critique.fit.logistic import Bound, fit_logistic
from callworthy.critique.loader import Rule, RuleSet
from callworthy.critique.model import SUBSCORE_MAX, Level
from callworthy.critique.weights import LearnedWeights, learned
from callworthy.text.analysis import analyse

#: Score points per unit of log-odds: 10 points double (or halve) the odds of "good".
POINTS_PER_LOGIT = 10 / math.log(2)
#: The prior standard deviation of every coefficient, in log-odds: a weight past +-2
#: (a factor of 7 in the odds, about 29 points) needs strong evidence.
PRIOR_SD = 1.0


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled message: the ids of the rules it fired, and whether it is a good one."""

    fired: frozenset[str]
    good: bool


@dataclass(frozen=True, slots=True)
class RuleFit:
    """One rule's fitted weight and the evidence behind it."""

    rule: str
    points: int
    logit: float
    fired_good: int
    fired_bad: int


@dataclass(frozen=True, slots=True)
class FitResult:
    """The fitted weights of every fitted rule, and the model's intercept."""

    rules: tuple[RuleFit, ...]
    intercept: float
    rows: int
    converged: bool
    prior_sd: float = PRIOR_SD
    points_per_logit: float = POINTS_PER_LOGIT

    def weights(self) -> LearnedWeights:
        """Return the weights as the rule loader takes them."""
        points = {r.rule: r.points for r in self.rules}
        return learned(points, self.intercept, self.points_per_logit)


def fired_rules(text: str, rules: RuleSet) -> frozenset[str]:
    """Return the ids of the rules a script fires (after `unless`), as the critique runs them."""
    return frozenset(rule.id for rule, _ in run_rules(analyse(text), rules, EMPTY_CONTEXT))


def fitted_rules(rules: RuleSet) -> tuple[Rule, ...]:
    """Return the rules whose weight is learned (those whose file declares none)."""
    return tuple(rule for rule in rules.rules if rule.declared_weight is None)


def _bound(rule: Rule, points_per_logit: float) -> Bound:
    most = SUBSCORE_MAX[rule.subscore] / points_per_logit
    return (0.0, most) if rule.level is Level.STRENGTH else (-most, 0.0)


def fit_weights(
    examples: Sequence[Example],
    rules: Iterable[Rule],
    *,
    prior_sd: float = PRIOR_SD,
    points_per_logit: float = POINTS_PER_LOGIT,
) -> FitResult:
    """Fit a weight for each rule from labelled examples (see the module docstring)."""
    fitted = tuple(rules)
    x = np.array([[r.id in ex.fired for r in fitted] for ex in examples], dtype=float)
    x = x.reshape(len(examples), len(fitted))
    y = np.array([ex.good for ex in examples], dtype=float)
    fit = fit_logistic(x, y, [_bound(r, points_per_logit) for r in fitted], prior_sd)
    out = []
    for index, (rule, coef) in enumerate(zip(fitted, fit.coefficients, strict=True)):
        column = x[:, index].astype(bool)
        out.append(
            RuleFit(
                rule.id,
                round(coef * points_per_logit),
                round(coef, 4),
                int((column & (y == 1)).sum()),
                int((column & (y == 0)).sum()),
            )
        )
    return FitResult(
        tuple(out), round(fit.intercept, 4), len(examples), fit.converged, prior_sd, points_per_logit
    )
