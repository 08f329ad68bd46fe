"""From labelled examples to each rule's points: the prior, convergence, and the loader's form.

The rules are team rules built in the test (fit_rules.py, no built-ins), so every weight
follows from the examples below and not from the bundled fit.
"""

from __future__ import annotations

import pytest
from fit_rules import team

from callworthy.critique.fit import PRIOR_SD, Example, fit_weights, fitted_rules

EXAMPLES = [
    Example(frozenset({"t.vague"}), False),
    Example(frozenset({"t.vague"}), False),
    Example(frozenset({"t.vague", "t.save"}), True),
    Example(frozenset({"t.save"}), True),
    Example(frozenset({"t.save"}), False),
    Example(frozenset(), True),
    Example(frozenset(), False),
]


def test_a_tighter_prior_pulls_every_weight_toward_zero() -> None:
    rules = fitted_rules(team())
    loose = {r.rule: r.logit for r in fit_weights(EXAMPLES, rules).rules}
    tight = fit_weights(EXAMPLES, rules, prior_sd=0.2)
    assert tight.prior_sd == 0.2
    assert set(loose) == {"t.vague", "t.save"}
    for fitted in tight.rules:
        assert 0 < abs(fitted.logit) < abs(loose[fitted.rule])


def test_the_default_prior_is_the_documented_one() -> None:
    rules = fitted_rules(team())
    result = fit_weights(EXAMPLES, rules)
    assert result.prior_sd == PRIOR_SD
    assert result == fit_weights(EXAMPLES, rules, prior_sd=PRIOR_SD)


def test_the_fit_reports_that_it_converged_and_what_it_saw() -> None:
    result = fit_weights(EXAMPLES, fitted_rules(team()))
    assert result.converged is True
    assert result.rows == len(EXAMPLES)
    vague = next(r for r in result.rules if r.rule == "t.vague")
    assert (vague.fired_good, vague.fired_bad) == (1, 2)
    assert vague.points < 0 and vague.points == round(vague.logit * result.points_per_logit)


def test_the_declared_weight_is_not_fitted_and_not_unobserved() -> None:
    rules = team()
    assert [r.id for r in fitted_rules(rules)] == ["t.save", "t.vague"]
    result = fit_weights([*EXAMPLES, Example(frozenset({"t.fixed"}), False)], fitted_rules(rules))
    assert {r.rule for r in result.rules} == {"t.save", "t.vague"}
    assert result.unobserved == ()


def test_the_fitted_weights_load_as_the_rules_weights() -> None:
    rules = team()
    result = fit_weights(EXAMPLES[2:], fitted_rules(rules))  # t.vague fires on one good one
    weights = result.weights()
    assert weights.points == {r.rule: r.points for r in result.rules}
    assert (weights.intercept, weights.points_per_logit) == (result.intercept, 20.0)
    reweighted = rules.with_weights(weights)
    save = reweighted.get("t.save")
    assert save.weight == next(r.points for r in result.rules if r.rule == "t.save") > 0
    assert save.weight_from == "learned"
    vague = reweighted.get("t.vague")  # a problem at 0 points is used at 0 (learned)
    assert (vague.weight, vague.weight_from) == (0, "learned")
    assert reweighted.get("t.fixed").weight == 5


@pytest.mark.parametrize("good", [True, False])
def test_no_examples_at_all_fit_nothing(good: bool) -> None:
    result = fit_weights([Example(frozenset(), good)], fitted_rules(team()))
    assert result.rules == ()
    assert result.unobserved == ("t.save", "t.vague")
