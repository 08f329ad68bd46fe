"""The bandit at its edges: no strategy or one, a sure leader, a challenger that cannot be
drawn, weights not normalised, the bounds of the floor and of top-two's beta, and the words
of each refusal."""

from __future__ import annotations

import numpy as np
import pytest

from callworthy.experiments import Reason
from callworthy.experiments.bandit import (
    Allocation,
    Arm,
    ExperimentInputError,
    Pick,
    Posteriors,
    allocate,
    assign_batch,
    eligible_strategies,
    pick_next,
    top_two_shares,
    try_half,
)

#: One strategy is better beyond doubt; the other two are hopeless.
SURE = (Arm("a", 1e9, 1.0), Arm("b", 1.0, 1e9), Arm("c", 1.0, 1e9))


@pytest.mark.parametrize("top_two", [False, True])
def test_with_no_strategy_or_one_the_allocation_says_so(top_two: bool) -> None:
    method = "top_two" if top_two else "thompson"
    none = allocate([Arm("a")], set(), floor=0.1, top_two=top_two)
    assert none == Allocation({}, method, 0.1, (Reason.NO_ELIGIBLE_STRATEGY,))
    one = allocate([Arm("a"), Arm("b")], {"b"}, floor=0.2, top_two=top_two)
    assert one == Allocation({"b": 1.0}, method, 0.2)
    two = allocate([Arm("a", 3, 1), Arm("b", 1, 3)], {"a", "b"}, floor=0.05, top_two=top_two)
    assert (two.method, two.floor, two.reasons) == (method, 0.05, ())
    assert sum(two.weights.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(("floor", "beta"), [(0.0, 0.0), (1.0, 1.0), (0.0, 1.0), (1.0, 0.0)])
def test_the_floor_and_beta_may_be_exactly_0_or_1(floor: float, beta: float) -> None:
    found = allocate([Arm("a", 3, 1), Arm("b", 1, 3)], {"a", "b"}, floor=floor, top_two_beta=beta)
    assert found.floor == floor and sum(found.weights.values()) == pytest.approx(1.0)


def test_top_two_shares_by_hand() -> None:
    p, beta = np.array([0.5, 0.3, 0.2]), 0.25
    expected = [
        p[i] * (beta + (1 - beta) * sum(p[j] / (1 - p[j]) for j in range(3) if j != i))
        for i in range(3)
    ]
    assert top_two_shares(p, beta) == pytest.approx(np.array(expected) / sum(expected), rel=1e-12)


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        ([1.0, 0.0, 0.0], [0.3, 0.35, 0.35]),  # the others share the challenger's part evenly
        ([0.0, 1.0], [0.7, 0.3]),  # the leader is found wherever it is
        ([1.0 - 5e-13, 3e-13, 2e-13], [0.3, 0.42, 0.28]),  # by their chances among the rest
    ],
)
def test_a_sure_leader_gives_the_challengers_share_to_the_others(
    p: list[float], expected: list[float]
) -> None:
    assert top_two_shares(np.array(p), 0.3) == pytest.approx(expected, rel=1e-9)


def test_a_sure_leader_is_never_its_own_challenger() -> None:
    post = Posteriors.of(SURE)
    rng = np.random.default_rng(3)
    picks = {
        pick_next(post, rng, floor=0.0, top_two=True, top_two_beta=0.0).strategy for _ in range(20)
    }
    assert picks <= {"b", "c"} and picks
    leader = {
        pick_next(post, rng, floor=0.0, top_two=True, top_two_beta=1.0).strategy for _ in range(20)
    }
    assert leader == {"a"}


def test_no_strategy_or_one_to_pick_from() -> None:
    rng = np.random.default_rng(0)
    assert pick_next(Posteriors.of([]), rng) == Pick(None, (Reason.NO_ELIGIBLE_STRATEGY,))
    assert pick_next(Posteriors.of([Arm("only")]), rng, floor=1.0) == Pick("only")


def test_a_floor_pick_is_uniform_among_the_eligible() -> None:
    post = Posteriors.of(SURE)
    rng = np.random.default_rng(11)
    picks = [pick_next(post, rng, floor=1 / 3).strategy for _ in range(3000)]
    shares = [picks.count(s) / 3000 for s in "abc"]
    assert shares == pytest.approx([1 / 3] * 3, abs=0.04)  # every draw is a floor pick


@pytest.mark.parametrize(
    ("weights", "size", "expected"),
    [
        ({}, 5, {}),
        ({"a": 0.5, "b": 0.5}, 0, {}),
        ({"a": 0.0, "b": 0.0}, 5, {}),
        ({"a": 1.0, "b": 0.0}, 1, {"a": 1, "b": 0}),
        ({"a": 2.0, "b": 0.0}, 3, {"a": 3, "b": 0}),  # weights need not add up to 1
    ],
)
def test_a_batch_is_assigned_by_the_weights_as_given(
    weights: dict[str, float], size: int, expected: dict[str, int]
) -> None:
    found = assign_batch(Allocation(weights, "thompson", 0.0), size, np.random.default_rng(1))
    assert found == expected


def test_a_batch_with_two_live_weights_adds_up() -> None:
    allocation = Allocation({"a": 3.0, "b": 1.0}, "thompson", 0.0)
    found = assign_batch(allocation, 4000, np.random.default_rng(2))
    assert sum(found.values()) == 4000 and found["a"] / 4000 == pytest.approx(0.75, abs=0.03)


def test_a_bad_batch_size_or_weight_is_named() -> None:
    allocation = Allocation({"a": 1.0}, "thompson", 0.0)
    with pytest.raises(ExperimentInputError, match=r"^The batch size must be finite, whole"):
        assign_batch(allocation, -1, np.random.default_rng(0))
    bad = Allocation({"a": -1.0}, "thompson", 0.0)
    with pytest.raises(
        ExperimentInputError, match=r"^Every weight must be finite and not negative"
    ):
        assign_batch(bad, 3, np.random.default_rng(0))


def test_humor_strategies_are_eligible_unless_humor_is_off() -> None:
    both = eligible_strategies(["joke", "tip"], humor={"joke"})
    assert both == {"joke", "tip"}
    assert eligible_strategies(["joke", "tip"], humor={"joke"}, humor_ok=False) == {"tip"}


def test_with_no_ideas_the_baseline_takes_every_voicemail() -> None:
    rng = np.random.default_rng(0)
    none = try_half([], rng, baseline="usual")
    assert (none.chosen, none.weights, none.reasons) == ((), {"usual": 1.0}, (Reason.NO_IDEAS,))
    only = try_half(["usual", "usual"], rng, baseline="usual")
    assert (only.chosen, only.weights) == ((), {"usual": 1.0})
