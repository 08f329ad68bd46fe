"""Fit the critique's weights: what each rule's finding is worth, from messages judged good or bad.

Pure: it takes labelled examples (the rules each message fired, and whether
the page that published it holds it up as good) and returns signed points per
rule. The regression is logistic.py's: log-odds(good) = b + sum of the fired
rules' coefficients. A coefficient becomes points at POINTS_PER_LOGIT, a
fixed design constant like a credit scorecard's "points to double the odds"
(Siddiqi, *Credit Risk Scorecards*, 2006, ch. 6): the data say how much each
finding matters relative to the others, the constant says how harsh the score
is. At 20 points per unit of log-odds, 14 points lost halve the odds that a
trainer would call the message good; 100 is a message with nothing found.

Documented priors and bounds, never per-example adjustments:
- every coefficient has a Normal(0, PRIOR_SD^2) prior (L2 regularisation);
- a strength's coefficient is >= 0 and a problem's <= 0 (a finding never moves
  the score against its own judgement), and none passes MAX_LOGIT.
Rules whose file declares a `weight:` (the audio rules, which a text corpus
cannot observe) are not fitted, and neither is a rule that fires on none of
the examples: with no evidence it keeps its level's default weight (the one a
team's rule without a weight gets), and the weights file lists it as unobserved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from callworthy.critique.context import EMPTY_CONTEXT
from callworthy.critique.engine import run_rules
from callworthy.critique.fit.logistic import Bound, fit_logistic
from callworthy.critique.loader import Rule, RuleSet
from callworthy.critique.model import Level
from callworthy.critique.weights import LearnedWeights, learned
from callworthy.text.analysis import analyse

#: Score points per unit of log-odds (not fitted): 14 points lost halve the odds of "good".
POINTS_PER_LOGIT = 20.0
#: The prior standard deviation of every coefficient, in log-odds: a weight past +-2
#: (a factor of 7 in the odds) needs strong evidence.
PRIOR_SD = 1.0
#: No rule is worth more than this many log-odds (a factor of 55 in the odds).
MAX_LOGIT = 4.0


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
    """The fitted weights of every fitted rule, the model's intercept and the score's scale."""

    rules: tuple[RuleFit, ...]
    intercept: float
    points_per_logit: float
    rows: int
    converged: bool
    prior_sd: float = PRIOR_SD
    unobserved: tuple[str, ...] = ()
    """Rules that fired on no example: not fitted, they keep their level's default weight."""

    def weights(self) -> LearnedWeights:
        """Return the weights as the rule loader takes them (none for the unobserved rules)."""
        points = {r.rule: r.points for r in self.rules}
        return learned(points, self.intercept, self.points_per_logit)


def fired_rules(text: str, rules: RuleSet) -> frozenset[str]:
    """Return the ids of the rules a script fires (after `unless`), as the critique runs them."""
    return frozenset(rule.id for rule, _ in run_rules(analyse(text), rules, EMPTY_CONTEXT))


def fitted_rules(rules: RuleSet) -> tuple[Rule, ...]:
    """Return the rules whose weight is learned (those whose file declares none)."""
    return tuple(rule for rule in rules.rules if rule.declared_weight is None)


def _bound(rule: Rule) -> Bound:
    return (0.0, MAX_LOGIT) if rule.level is Level.STRENGTH else (-MAX_LOGIT, 0.0)


def fit_weights(
    examples: Sequence[Example], rules: Iterable[Rule], *, prior_sd: float = PRIOR_SD
) -> FitResult:
    """Fit a weight for each rule from labelled examples (see the module docstring)."""
    candidates = tuple(rules)
    seen = {rid for ex in examples for rid in ex.fired}
    fitted = tuple(r for r in candidates if r.id in seen)
    x = np.array([[r.id in ex.fired for r in fitted] for ex in examples], dtype=float)
    x = x.reshape(len(examples), len(fitted))
    y = np.array([ex.good for ex in examples], dtype=float)
    fit = fit_logistic(x, y, [_bound(r) for r in fitted], prior_sd)
    scale = POINTS_PER_LOGIT
    out = []
    for index, (rule, coef) in enumerate(zip(fitted, fit.coefficients, strict=True)):
        column = x[:, index].astype(bool)
        out.append(
            RuleFit(
                rule.id,
                round(coef * scale),
                round(coef, 4),
                int((column & (y == 1)).sum()),
                int((column & (y == 0)).sum()),
            )
        )
    unobserved = tuple(r.id for r in candidates if r.id not in seen)
    return FitResult(
        tuple(out),
        round(fit.intercept, 4),
        scale,
        len(examples),
        fit.converged,
        prior_sd,
        unobserved,
    )
