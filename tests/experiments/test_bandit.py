"""Thompson sampling: allocation, picks, floor, eligibility, determinism, try half."""

from __future__ import annotations

import numpy as np
import pytest

from callworthy.experiments import (
    Arm,
    Posteriors,
    Reason,
    allocate,
    assign_batch,
    eligible_strategies,
    pick_next,
    try_half,
)
from callworthy.experiments.bandit import top_two_shares, with_floor
from callworthy.experiments.inputs import ExperimentInputError

ARMS = (Arm("tip", 6, 40), Arm("half", 12, 30), Arm("joke", 2, 10))


def test_allocation_is_chance_best_with_a_floor() -> None:
    alloc = allocate(ARMS, {"tip", "half", "joke"}, floor=0.05)
    assert sum(alloc.weights.values()) == pytest.approx(1.0)
    assert min(alloc.weights.values()) >= 0.05
    assert max(alloc.weights, key=alloc.weights.__getitem__) == "half"


def test_allocation_respects_eligibility() -> None:
    alloc = allocate(ARMS, {"tip", "joke"})
    assert set(alloc.weights) == {"tip", "joke"}
    assert allocate(ARMS, set()).reasons == (Reason.NO_ELIGIBLE_STRATEGY,)
    assert allocate(ARMS, {"tip"}).weights == {"tip": 1.0}


def test_top_two_gives_the_challenger_its_share() -> None:
    shares = top_two_shares(np.array([0.98, 0.015, 0.005]), 0.5)
    assert shares.sum() == pytest.approx(1.0)
    assert shares[0] == pytest.approx(0.5, abs=0.02)
    assert shares[1] > shares[2]
    sure = top_two_shares(np.array([1.0, 0.0, 0.0]), 0.5)
    assert sure.tolist() == [0.5, 0.25, 0.25]
    alloc = allocate(ARMS, {"tip", "half", "joke"}, top_two=True)
    assert alloc.method == "top_two"
    assert alloc.weights["half"] < allocate(ARMS, {"tip", "half", "joke"}).weights["half"]


def test_floor_larger_than_fair_share_gives_equal_weights() -> None:
    assert with_floor(np.array([0.9, 0.1, 0.0]), 0.5).tolist() == pytest.approx([1 / 3] * 3)


def test_picks_are_deterministic_for_a_seed_and_stay_eligible() -> None:
    post = Posteriors.of(ARMS).only({"tip", "joke"})
    first = [pick_next(post, np.random.default_rng(9)).strategy for _ in range(3)]
    again = [pick_next(post, np.random.default_rng(9)).strategy for _ in range(3)]
    assert first == again
    rng = np.random.default_rng(10)
    picks = {pick_next(post, rng, top_two=True).strategy for _ in range(200)}
    assert picks == {"tip", "joke"}
    assert pick_next(Posteriors.of(ARMS).only(()), rng).reasons == (Reason.NO_ELIGIBLE_STRATEGY,)


def test_pick_frequencies_match_the_allocation() -> None:
    post = Posteriors.of(ARMS)
    rng = np.random.default_rng(12)
    picks = [pick_next(post, rng, floor=0.05).strategy for _ in range(4000)]
    alloc = allocate(ARMS, post.names, floor=0.05)
    for name in post.names:
        assert picks.count(name) / 4000 == pytest.approx(alloc.weights[name], abs=0.03)


def test_thompson_sends_most_later_voicemails_to_the_better_strategy() -> None:
    rng = np.random.default_rng(2026)
    truth = {"five": 0.05, "fifteen": 0.15}
    k = dict.fromkeys(truth, 0)
    n = dict.fromkeys(truth, 0)
    late = dict.fromkeys(truth, 0)
    for batch in range(30):
        arms = [Arm(s, 1 + k[s], 1 + n[s] - k[s]) for s in truth]
        sizes = assign_batch(allocate(arms, set(truth)), 100, rng)
        for s, size in sizes.items():
            k[s] += int(rng.binomial(size, truth[s]))
            n[s] += size
            if batch >= 15:
                late[s] += size
    assert late["fifteen"] / sum(late.values()) > 0.8


def test_batch_assignment_is_deterministic_and_complete() -> None:
    alloc = allocate(ARMS, {"tip", "half", "joke"})
    one = assign_batch(alloc, 50, np.random.default_rng(4))
    assert one == assign_batch(alloc, 50, np.random.default_rng(4))
    assert sum(one.values()) == 50


def test_eligibility_rules() -> None:
    names = ["tip", "weather", "sales_lead", "half"]
    humor = {"weather", "half"}
    assert eligible_strategies(names, do_not_call=True) == frozenset()
    assert eligible_strategies(names, humor_ok=False, humor=humor, needs_lead={"sales_lead"}) == {
        "tip"
    }
    assert "sales_lead" in eligible_strategies(names, has_lead=True, needs_lead={"sales_lead"})


def test_try_half_picks_half_rounded_up_with_equal_weights() -> None:
    ideas = ["a", "b", "c", "d", "e", "a"]
    result = try_half(ideas, np.random.default_rng(1))
    assert len(result.chosen) == 3 and set(result.chosen) <= set(ideas)
    assert result.weights == pytest.approx(dict.fromkeys([*result.chosen, "baseline"], 0.25))
    assert result == try_half(ideas, np.random.default_rng(1))
    assert try_half(["only"], np.random.default_rng(1)).chosen == ("only",)
    empty = try_half([], np.random.default_rng(1))
    assert (empty.weights, empty.reasons) == ({"baseline": 1.0}, (Reason.NO_IDEAS,))


@pytest.mark.parametrize(
    ("arms", "problem"),
    [
        ((Arm("tip", float("nan"), 4),), "An arm's alpha or beta is not a finite number."),
        ((Arm("tip", 3, float("inf")),), "An arm's alpha or beta is not a finite number."),
        ((Arm("tip", 3, 0),), "An arm's alpha and beta must be above 0."),
        ((Arm("tip", 0, 3),), "An arm's alpha and beta must be above 0."),
    ],
)
def test_an_arm_without_a_proper_posterior_is_refused(arms: tuple[Arm, ...], problem: str) -> None:
    with pytest.raises(ExperimentInputError) as caught:
        Posteriors.of(arms)
    assert (caught.value.problem, caught.value.fix) == (problem, "Pass posterior parameters.")


@pytest.mark.parametrize(("floor", "beta"), [(-0.01, 0.5), (1.01, 0.5), (0.05, -0.1), (0.05, 1.5)])
def test_a_floor_or_top_two_beta_outside_0_to_1_is_refused(floor: float, beta: float) -> None:
    with pytest.raises(ExperimentInputError) as caught:
        allocate(ARMS, {"tip", "half"}, floor=floor, top_two_beta=beta)
    assert caught.value.problem == "The floor and the top-two beta must lie between 0 and 1."
    assert caught.value.fix == "Use e.g. floor=0.05 and top_two_beta=0.5."
    allocate(ARMS, {"tip", "half"}, floor=1.0, top_two_beta=0.0)  # the edges are taken


def test_half_the_ideas_are_drawn_each_once_and_a_repeat_keeps_its_first_votes() -> None:
    ideas = [f"idea_{k}" for k in range(10)]
    rng = np.random.default_rng(4)
    for _ in range(50):  # no idea drawn twice, with or without votes
        assert len(set(try_half(ideas, rng).chosen)) == 5
        assert len(set(try_half(ideas, rng, votes=list(range(10))).chosen)) == 5
    # "a" twice: its first entry (0 votes) counts, not the second (50 votes).
    draws = [try_half(["a", "b", "c", "a"], rng, votes=[0, 0, 0, 50]).chosen for _ in range(600)]
    share_a = sum("a" in chosen for chosen in draws) / 600
    assert 0.6 < share_a < 0.75  # 2 of 3 ideas drawn, equal weights; 50 votes would give ~0.99
    with pytest.raises(ExperimentInputError) as caught:
        try_half(["a", "b"], rng, votes=[1])
    assert (caught.value.problem, caught.value.fix) == (
        "1 vote counts for 2 ideas.",
        "Pass one count per idea.",
    )
    with pytest.raises(ExperimentInputError, match="The votes must be finite"):
        try_half(["a", "b"], rng, votes=[1, -1])


def test_with_top_two_beta_0_every_pick_is_a_challenger_and_any_can_be_picked() -> None:
    # "best" leads every draw: each pick is a redraw's runner-up, either of the other two.
    post = Posteriors.of((Arm("weak", 40, 100), Arm("also weak", 40, 100), Arm("best", 90, 100)))
    rng = np.random.default_rng(3)
    picks = [
        pick_next(post, rng, floor=0.0, top_two=True, top_two_beta=0.0).strategy for _ in range(200)
    ]
    assert "best" not in picks
    assert min(picks.count("weak"), picks.count("also weak")) > 60
