"""Grouped cross-validation on a handful of messages from three pages, checked fold by fold.

The rules are team rules built in the test (fit_rules.py: a problem, "touch base", and a
strength, "save"), so each fold's weights follow from the messages it trains on, and each score is
the critique's own (`critique()` with the fold's weights). The figures (AUC, same-page
pairs, quartiles) are checked against counts done by hand.
"""

from __future__ import annotations

import pytest
from fit_rules import rule, team

from callworthy.critique import critique
from callworthy.critique.fit import Example, fired_rules, fit_weights, fitted_rules
from callworthy.critique.fit.crossval import (
    Featurised,
    auc,
    auc_ceiling,
    cross_validated_scores,
    featurise,
    ordered_pairs,
    quartiles,
    score_with,
)
from callworthy.critique.loader import RuleSet

# (page, script, judged good); the pages interleave, as a corpus's rows may.
ITEMS = [
    ("a", "Hi Lou, just want to touch base.", False),
    ("b", "Hi Sam, touch base when you can.", False),
    ("c", "Hi Jo, touch base on the van.", True),
    ("a", "Hi Lou, we save crews a day.", True),
    ("b", "Hi Sam, we save you an hour.", True),
    ("c", "Hi Jo, we save you a trip, touch base.", False),
    ("a", "Hi Lou, we save you a day, touch base.", True),
    ("b", "Hi Sam, call me back.", False),
    ("c", "Hi Jo, call me back.", True),
    ("a", "Hi Lou, touch base today.", False),
]
GROUPS = [page for page, _, _ in ITEMS]
# Leave-one-page-out by hand: the rows each page's fold trains on (every other page's).
TRAIN = {"a": [1, 2, 4, 5, 7, 8], "b": [0, 2, 3, 5, 6, 8, 9], "c": [0, 1, 3, 4, 6, 7, 9]}


def featurised(rules: RuleSet) -> list[Featurised]:
    return [featurise(text, good, rules) for _, text, good in ITEMS]


def fold(rules: RuleSet, rows: list[int], prior_sd: float) -> RuleSet:
    """Return the rules weighted by a fit on these rows only."""
    examples = [featurise(ITEMS[i][1], ITEMS[i][2], rules).example for i in rows]
    return rules.with_weights(
        fit_weights(examples, fitted_rules(rules), prior_sd=prior_sd).weights()
    )


@pytest.mark.parametrize("prior_sd", [1.0, 3.0])
def test_each_page_is_scored_by_weights_fitted_without_it(prior_sd: float) -> None:
    rules = team()
    folds = {page: fold(rules, rows, prior_sd) for page, rows in TRAIN.items()}
    expected = [critique(text, rules=folds[page]).score for page, text, _ in ITEMS]
    scores = cross_validated_scores(featurised(rules), GROUPS, rules, prior_sd=prior_sd)
    assert scores == expected
    # The test bites: weights fitted on every page score the held-out pages otherwise.
    every = fold(rules, list(range(len(ITEMS))), prior_sd)
    assert scores != [critique(text, rules=every).score for _, text, _ in ITEMS]
    assert len({f.get("t.save").weight for f in folds.values()}) == 3


def test_the_prior_reaches_every_fold() -> None:
    rules = team()
    default = cross_validated_scores(featurised(rules), GROUPS, rules)
    wide = cross_validated_scores(featurised(rules), GROUPS, rules, prior_sd=3.0)
    assert default == cross_validated_scores(featurised(rules), GROUPS, rules, prior_sd=1.0)
    assert wide != default and min(wide) < min(default)  # weaker prior, harsher weights


@pytest.mark.parametrize("points", [{}, {"t.vague": -30, "t.save": 12}, {"t.vague": -70}])
def test_a_featurised_message_scores_as_the_critique_does(points: dict[str, int]) -> None:
    from callworthy.critique.weights import learned

    rules = team()
    other = rules.with_weights(learned(points))
    for (_, text, good), item in zip(ITEMS, featurised(rules), strict=True):
        found = critique(text, rules=other)
        assert score_with(item, other) == found.score
        assert item.good is good
        assert item.example == Example(fired_rules(text, rules), good)


def test_a_rule_silenced_by_another_does_not_count_as_fired() -> None:
    rules = team(rule("t.base", "warning", "base", "unless: [t.vague]\n"))
    assert featurise("Hi Lou, touch base.", False, rules).example.fired == {"t.vague"}
    assert featurise("Hi Lou, base camp.", False, rules).example.fired == {"t.base"}


def test_a_message_is_featurised_without_a_prospect() -> None:
    # A rule that also matches the prospect's company: with no company known, its tokens.
    rules = team(rule("t.named", "warning", "zzz", "context: [company]\n"))
    assert featurise("Hi, zzz here.", True, rules).example.fired == {"t.named"}
    assert featurise("Hi, Harvey Vans here.", True, rules).example.fired == frozenset()


def test_auc_counts_each_good_bad_pair_and_half_a_tie() -> None:
    # good 3, 2, 1 against bad 1, 2: 3>1, 3>2, 2>1 win; 2=2 and 1=1 tie; 1<2 loses: 4 of 6.
    assert auc([3, 1, 2, 2, 1], [True, False, True, False, True]) == pytest.approx(4 / 6)
    assert auc([1, 2], [True, False]) == 0.0


@pytest.mark.parametrize("good", [[True, True], [False, False]])
def test_auc_refuses_a_single_class(good: list[bool]) -> None:
    with pytest.raises(ValueError, match=r"^AUC needs at least one good and one bad message$"):
        auc([1, 2], good)


def test_auc_refuses_scores_and_labels_of_different_lengths() -> None:
    with pytest.raises(ValueError):
        auc([1, 2, 3], [True, False])
    with pytest.raises(ValueError):
        auc_ceiling([True, False], [False], target=0.9)


def test_the_ceiling_refuses_a_single_class_in_words() -> None:
    with pytest.raises(ValueError, match=r"^AUC needs at least one good and one bad message$"):
        auc_ceiling([False, False], [True, False], target=0.9)


def test_only_pairs_from_the_same_page_count_and_ties_are_counted() -> None:
    scores = [5, 5, 1, 9, 4, 4, 7]
    good = [True, False, True, False, True, False, False]
    groups = ["a", "a", "b", "b", "c", "c", "c"]
    # Same-page good/bad pairs: a (5 v 5: tie); b (1 v 9: wrong); c (4 v 4: tie, 4 v 7: wrong).
    assert ordered_pairs(scores, good, groups) == (4, 0, 2)
    # a: 1 v 9 wrong; b: 9 v 1 right. Across pages both pairs would tie; they do not count.
    assert ordered_pairs([1, 9, 9, 1], [True, False, True, False], list("aabb")) == (2, 1, 0)


def test_quartiles_interpolate_between_values() -> None:
    # n=4: the quartiles sit at positions 0.75, 1.5 and 2.25 of 1, 2, 4, 8.
    assert quartiles([8, 1, 4, 2]) == (1, 1.75, 3, 5, 8)
    assert quartiles([7]) == (7, 7, 7, 7, 7)
    assert quartiles([2, 10]) == (2, 4, 6, 8, 10)


def test_quartiles_of_nothing_are_refused() -> None:
    with pytest.raises(ValueError, match=r"^no values$"):
        quartiles([])
