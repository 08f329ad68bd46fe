"""The fit: a bounded, L2-regularised logistic regression, deterministic and reproducible."""

import math
from pathlib import Path

import numpy as np
import pytest

from callworthy.critique import default_rules, load_rules
from callworthy.critique.fit import POINTS_PER_LOGIT, Example, fit_weights, fitted_rules
from callworthy.critique.fit.__main__ import main
from callworthy.critique.fit.crossval import Ceiling, auc, auc_ceiling, ordered_pairs, quartiles
from callworthy.critique.fit.logistic import fit_logistic
from callworthy.critique.weights import builtin_weights_path, learned, read_weights

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "data" / "coaching" / "voicemails.csv"


def test_unpenalised_fit_recovers_the_textbook_coefficients() -> None:
    # Two binary features, one column each way: the MLE is the log odds ratio of each cell.
    x = np.array([[1.0, 0.0]] * 40 + [[0.0, 1.0]] * 40 + [[0.0, 0.0]] * 40)
    y = np.array([1.0] * 30 + [0.0] * 10 + [1.0] * 10 + [0.0] * 30 + [1.0] * 20 + [0.0] * 20)
    fit = fit_logistic(x, y, [(None, None), (None, None)], prior_sd=1e6)
    assert fit.converged
    assert fit.intercept == pytest.approx(0.0, abs=1e-4)  # 20 of 40: even odds
    assert fit.coefficients[0] == pytest.approx(math.log(3), abs=1e-4)  # 30 of 40
    assert fit.coefficients[1] == pytest.approx(-math.log(3), abs=1e-4)  # 10 of 40


def test_the_prior_shrinks_and_the_bounds_hold() -> None:
    x = np.array([[1.0, 0.0]] * 40 + [[0.0, 1.0]] * 40 + [[0.0, 0.0]] * 40)
    y = np.array([1.0] * 30 + [0.0] * 10 + [1.0] * 10 + [0.0] * 30 + [1.0] * 20 + [0.0] * 20)
    free = fit_logistic(x, y, [(None, None), (None, None)], prior_sd=1e6)
    shrunk = fit_logistic(x, y, [(None, None), (None, None)], prior_sd=0.3)
    assert 0 < shrunk.coefficients[0] < free.coefficients[0]
    bounded = fit_logistic(x, y, [(None, 0.0), (0.0, None)], prior_sd=1e6)
    assert bounded.coefficients == (0.0, 0.0)  # each pinned against its sign


def _examples() -> list[Example]:
    return [
        Example(frozenset({"value.no-value", "callback.bare-call-me"}), False),
        Example(frozenset({"value.no-value"}), False),
        Example(frozenset({"offer.lead"}), True),
        Example(frozenset({"offer.lead", "focus.self-focus"}), True),
        Example(frozenset({"callback.bare-call-me", "offer.question"}), True),
        Example(frozenset({"value.no-value", "pitch.about-us"}), False),
    ]


def test_weights_have_the_sign_of_their_level_and_unseen_rules_are_not_fitted() -> None:
    rules = default_rules()
    result = fit_weights(_examples(), fitted_rules(rules))
    points = {r.rule: r.points for r in result.rules}
    assert points["offer.lead"] > 0 and points["value.no-value"] < 0
    assert all(
        (p >= 0) if rules.get(rid).level.value == "strength" else (p <= 0)
        for rid, p in points.items()
    )
    assert "humor.weather" in result.unobserved and "humor.weather" not in points
    assert result.points_per_logit == POINTS_PER_LOGIT
    lead = next(r for r in result.rules if r.rule == "offer.lead")
    assert (lead.fired_good, lead.fired_bad) == (2, 0)
    assert lead.points == round(lead.logit * POINTS_PER_LOGIT)


def test_the_fit_is_deterministic() -> None:
    rules = fitted_rules(default_rules())
    assert fit_weights(_examples(), rules) == fit_weights(_examples(), rules)


def test_the_shipped_weights_file_is_the_fit_of_the_committed_corpus(tmp_path: Path) -> None:
    out = tmp_path / "weights.yaml"
    assert main([str(CORPUS), "--out", str(out)]) == 0
    refit = out.read_text(encoding="utf-8").replace(str(CORPUS), "data/coaching/voicemails.csv")
    shipped = builtin_weights_path().read_text(encoding="utf-8")
    assert refit == shipped, "run `make fit` after changing a rule or the corpus"


def test_a_broken_corpus_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,source\n", encoding="utf-8")
    out = tmp_path / "w.yaml"
    assert main([str(bad), "--out", str(out)]) == 1
    assert not out.exists()


def test_a_rule_file_weight_wins_over_the_learned_one_and_a_team_rule_keeps_its_own() -> None:
    weights = learned({"pitch.about-us": -30, "offer.lead": 25, "callback.phone-rushed": -50})
    rules = load_rules(weights=weights)
    assert rules.get("pitch.about-us").weight == 30
    assert rules.get("pitch.about-us").weight_from == "learned"
    assert rules.get("offer.lead").weight == 25
    rushed = rules.get("callback.phone-rushed")  # declares its own weight in its file
    assert (rushed.weight, rushed.weight_from) == (5, "rule file")
    none = load_rules(weights=learned({}))
    assert none.get("pitch.about-us").weight_from == "level default"
    assert rules.version != none.version


def test_a_learned_weight_against_the_rules_level_is_not_used() -> None:
    rules = load_rules(weights=learned({"offer.lead": -20, "pitch.about-us": 15}))
    assert rules.get("offer.lead").weight_from == "level default"
    assert rules.get("pitch.about-us").weight_from == "level default"


def test_the_weights_file_is_validated_with_its_line(tmp_path: Path) -> None:
    from callworthy.errors import RuleFileError

    text = builtin_weights_path().read_text(encoding="utf-8")
    broken = tmp_path / "w.yaml"
    broken.write_text(text.replace("prior_sd:", "prior_sd: -1\nprior_sdx:"), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        read_weights(broken)
    assert caught.value.line is not None and caught.value.path == str(broken)


def test_auc_pairs_and_quartiles() -> None:
    assert auc([3, 2, 1], [True, False, False]) == 1.0
    assert auc([1, 1], [True, False]) == 0.5
    assert auc([1, 2, 3, 4], [True, False, True, False]) == 0.25
    assert ordered_pairs([5, 1, 2, 9], [True, False, True, False], ["a", "a", "b", "b"]) == (
        2,
        1,
        0,
    )
    assert quartiles([1, 2, 3, 4, 5]) == (1, 2, 3, 4, 5)


def test_the_ceiling_counts_pairs_with_a_contested_message_as_coin_flips() -> None:
    good = [True, True, True, False, False]
    contested = [True, False, False, False, False]
    ceiling = auc_ceiling(good, contested, target=0.9)
    # 6 pairs: the 4 without the contested message ordered right, its 2 at one half each.
    assert ceiling.coin_flip_auc == pytest.approx(5 / 6)
    assert ceiling.contested_pairs == 2
    assert ceiling.needed_share == pytest.approx((0.9 * 6 - 4) / 2)
    assert auc_ceiling(good, [False] * 5, target=0.9) == Ceiling(1.0, 0, 0.0)
    assert auc_ceiling(good, contested, target=0.5).needed_share == 0.0
    with pytest.raises(ValueError):
        auc_ceiling([True, True], [False, True], target=0.9)
