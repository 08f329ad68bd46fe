"""The library checks what it is given: windows of 1-365 days, whole counts, finite weights."""

from __future__ import annotations

import math

import numpy as np
import pytest

from callworthy.experiments import CountTable, Settings, check_sample_ratio, try_half
from callworthy.experiments.bandit import Allocation, Arm, Posteriors, assign_batch
from callworthy.experiments.inputs import ExperimentInputError


@pytest.mark.parametrize("days", [0, 0.5, 365.5, 1e6, 1e308, math.nan, math.inf, -3, "14", True])
def test_a_window_outside_one_to_365_days_is_refused(days: object) -> None:
    with pytest.raises(ExperimentInputError, match="1 to 365 days"):
        Settings(window_days=days)  # type: ignore[arg-type]


@pytest.mark.parametrize("days", [1, 1.5, 14, 365])
def test_a_window_of_one_to_365_days_is_taken(days: float) -> None:
    assert Settings(window_days=days).window.days == int(days)


@pytest.mark.parametrize(
    "bad",
    [[2.5], [math.nan], [math.inf], [-1], ["x"]],
    ids=["fraction", "nan", "inf", "neg", "str"],
)
def test_counts_must_be_finite_whole_and_not_negative(bad: list[object]) -> None:
    with pytest.raises(ExperimentInputError, match=r"finite, whole and not negative|not numbers"):
        CountTable.from_counts(["a"], bad, [0], [0])  # type: ignore[arg-type]
    with pytest.raises(ExperimentInputError):
        check_sample_ratio({"a": bad[0], "b": 5}, {"a": 0.5, "b": 0.5})  # type: ignore[dict-item]


def test_whole_floats_are_counts_and_the_shape_is_checked() -> None:
    table = CountTable.from_counts(["a", "b"], [3.0, 4.0], [2, 4], [1, 0])
    assert table.voicemails.tolist() == [[3, 4]]
    with pytest.raises(ExperimentInputError, match="cells"):
        CountTable.from_counts(["a", "b"], [3], [2], [1])


@pytest.mark.parametrize("weight", [math.inf, math.nan, -0.5])
def test_weights_must_be_finite_and_not_negative(weight: float) -> None:
    with pytest.raises(ExperimentInputError, match="finite and not negative"):
        check_sample_ratio({"a": 50, "b": 50}, {"a": weight, "b": 0.5})
    with pytest.raises(ExperimentInputError):
        assign_batch(
            Allocation({"a": weight, "b": 0.5}, "experiment", 0.0), 3, np.random.default_rng(1)
        )


def test_arms_need_finite_positive_parameters() -> None:
    for alpha, beta in ((math.nan, 1.0), (1.0, math.inf), (0.0, 1.0)):
        with pytest.raises(ExperimentInputError):
            Posteriors.of([Arm("a", alpha, beta)])


def test_votes_weigh_the_draw_and_equal_votes_change_nothing() -> None:
    ideas = ["idea_1", "idea_2", "idea_3", "idea_4"]
    plain = [try_half(ideas, np.random.default_rng(s)).chosen for s in range(50)]
    even = [try_half(ideas, np.random.default_rng(s), votes=[2, 2, 2, 2]).chosen for s in range(50)]
    assert plain == even  # no votes or equal votes: the same uniform draw as before
    drawn = {i: 0 for i in ideas}
    for seed in range(2000):
        for chosen in try_half(ideas, np.random.default_rng(seed), votes=[0, 0, 0, 5]).chosen:
            drawn[chosen] += 1
    # Two of four are drawn in turn; idea_4 weighs 6 against 1 each: it is missed only when
    # both turns pass it, (3/9)(2/8) = 1/12, so it is drawn 11/12 of the time (1,833 of 2,000)
    # and each other idea (2 - 11/12)/3 of the time (722).
    assert abs(drawn["idea_4"] - 2000 * 11 / 12) < 60
    assert all(abs(drawn[i] - 2000 * (2 - 11 / 12) / 3) < 80 for i in ideas[:3])
    with pytest.raises(ExperimentInputError, match="votes"):
        try_half(ideas, np.random.default_rng(1), votes=[1, -1, 0, 0])
    with pytest.raises(ExperimentInputError, match="one count per idea"):
        try_half(ideas, np.random.default_rng(1), votes=[1])
