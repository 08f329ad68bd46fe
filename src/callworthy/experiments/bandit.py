"""What to try next: Thompson sampling over the eligible strategies, with a floor.

Batch allocation: a strategy's share is its exact chance to be best (probability
matching, Thompson 1933; computed by quadrature in `beta.chance_best`, so no
simulation is needed). Top-two Thompson (Russo, "Simple Bayesian algorithms for
best-arm identification", 2016) gives the leader I its share with probability β
and otherwise hands it to a challenger J ≠ I drawn from the posterior given
J ≠ I, so share_i = P_i · (β + (1 - β) Σ_{j≠i} P_j / (1 - P_j)). Then a floor f
keeps every eligible strategy learning: w_i = f + (1 - K f) · share_i (if K f > 1
the shares are equal). A single pick does the same by sampling: with probability
K f a uniform eligible strategy, else one Thompson draw (top-two: the leader with
probability β, else the leader of a fresh draw that differs, up to 100 redraws,
then the runner-up). All randomness comes from the `numpy.random.Generator` given.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from callworthy.experiments.beta import chance_best
from callworthy.experiments.inputs import ExperimentInputError, finite_weights, whole_counts
from callworthy.experiments.reasons import Reason

FloatArray = npt.NDArray[np.float64]

DEFAULT_FLOOR = 0.05
"""Every eligible strategy gets at least 5% of the voicemails (documented default)."""
DEFAULT_TOP_TWO_BETA = 0.5
_MAX_REDRAWS = 100


@dataclass(frozen=True, slots=True)
class Arm:
    """One strategy's posterior Beta(alpha, beta) (from `ArmSummary.alpha` / `.beta`)."""

    strategy: str
    alpha: float = 1.0
    beta: float = 1.0


@dataclass(frozen=True, slots=True)
class Allocation:
    """Shares of the next batch per eligible strategy (they sum to 1; empty if none)."""

    weights: dict[str, float]
    method: str
    """"thompson" or "top_two"."""
    floor: float
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class Pick:
    """The strategy for the next voicemail, or None with a reason."""

    strategy: str | None
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class Posteriors:
    """Arms as arrays, built once and reused for many fast picks."""

    names: tuple[str, ...]
    alpha: FloatArray
    beta: FloatArray

    @classmethod
    def of(cls, arms: Iterable[Arm]) -> Posteriors:
        """Return the arrays of the given arms (each alpha and beta finite and above 0)."""
        arms = tuple(arms)
        alpha = np.array([a.alpha for a in arms], dtype=np.float64)
        beta = np.array([a.beta for a in arms], dtype=np.float64)
        if not (np.isfinite(alpha).all() and np.isfinite(beta).all()):
            raise ExperimentInputError(
                "An arm's alpha or beta is not a finite number.", "Pass posterior parameters."
            )
        if (alpha <= 0).any() or (beta <= 0).any():
            raise ExperimentInputError(
                "An arm's alpha and beta must be above 0.", "Pass posterior parameters."
            )
        return cls(tuple(a.strategy for a in arms), alpha, beta)

    def only(self, eligible: Collection[str]) -> Posteriors:
        """Return the eligible arms, in their original order."""
        keep = [i for i, n in enumerate(self.names) if n in eligible]
        return Posteriors(tuple(self.names[i] for i in keep), self.alpha[keep], self.beta[keep])


def _check(floor: float, top_two_beta: float) -> None:
    if not 0.0 <= floor <= 1.0 or not 0.0 <= top_two_beta <= 1.0:
        raise ExperimentInputError(
            "The floor and the top-two beta must lie between 0 and 1.",
            f"Use e.g. floor={DEFAULT_FLOOR} and top_two_beta={DEFAULT_TOP_TWO_BETA}.",
        )


def top_two_shares(p_best: FloatArray, top_two_beta: float) -> FloatArray:
    """Return top-two Thompson shares P_i (β + (1-β) Σ_{j≠i} P_j / (1 - P_j)) (Russo 2016)."""
    p = np.asarray(p_best, dtype=np.float64)
    rest = 1.0 - p
    ratio = np.divide(p, rest, out=np.zeros_like(p), where=rest > 1e-12)
    challenger = ratio.sum() - ratio
    shares = p * (top_two_beta + (1.0 - top_two_beta) * challenger)
    if np.any(rest <= 1e-12):  # one sure leader: the challenger share goes by P_j among the rest
        lead = int(np.argmax(p))
        others = np.delete(np.arange(p.size), lead)
        shares = np.zeros_like(p)
        shares[lead] = top_two_beta
        mass = p[others].sum()
        shares[others] = (1.0 - top_two_beta) * (
            p[others] / mass if mass > 0 else 1.0 / max(others.size, 1)
        )
    return np.asarray(shares / shares.sum(), dtype=np.float64)


def with_floor(shares: FloatArray, floor: float) -> FloatArray:
    """Return f + (1 - K f) · shares, or equal shares when K f >= 1."""
    k = shares.size
    if k * floor >= 1.0:
        return np.full(k, 1.0 / k)
    return np.asarray(floor + (1.0 - k * floor) * shares, dtype=np.float64)


def allocate(
    arms: Iterable[Arm],
    eligible: Collection[str],
    *,
    floor: float = DEFAULT_FLOOR,
    top_two: bool = False,
    top_two_beta: float = DEFAULT_TOP_TWO_BETA,
) -> Allocation:
    """Return the next batch's shares: exact Thompson (or top-two) probabilities, floored."""
    _check(floor, top_two_beta)
    post = Posteriors.of(arms).only(eligible)
    method = "top_two" if top_two else "thompson"
    if not post.names:
        return Allocation({}, method, floor, (Reason.NO_ELIGIBLE_STRATEGY,))
    if len(post.names) == 1:
        return Allocation({post.names[0]: 1.0}, method, floor)
    p, _ = chance_best(post.alpha[None, :], post.beta[None, :])
    shares = p[0] / p[0].sum()
    if top_two:
        shares = top_two_shares(shares, top_two_beta)
    weights = with_floor(shares, floor)
    return Allocation(dict(zip(post.names, weights.tolist(), strict=True)), method, floor)


def assign_batch(allocation: Allocation, size: int, rng: np.random.Generator) -> dict[str, int]:
    """Return how many of the next `size` voicemails each strategy gets (a multinomial draw)."""
    (size,) = whole_counts("batch size", [size]).tolist()
    names = list(allocation.weights)
    p = np.array(finite_weights("weight", (allocation.weights[n] for n in names)))
    if not names or size <= 0 or p.sum() <= 0:
        return {}
    counts = rng.multinomial(size, p / p.sum())
    return dict(zip(names, (int(c) for c in counts), strict=True))


def pick_next(
    posteriors: Posteriors,
    rng: np.random.Generator,
    *,
    floor: float = DEFAULT_FLOOR,
    top_two: bool = False,
    top_two_beta: float = DEFAULT_TOP_TWO_BETA,
) -> Pick:
    """Pick one strategy by a Thompson draw (floor and top-two as in the module docstring).

    Pass `posteriors.only(eligible)`: nothing outside it can be picked.
    """
    k = len(posteriors.names)
    if k == 0:
        return Pick(None, (Reason.NO_ELIGIBLE_STRATEGY,))
    if k == 1:
        return Pick(posteriors.names[0])
    if rng.random() < k * floor:
        return Pick(posteriors.names[int(rng.integers(k))])
    draw = rng.beta(posteriors.alpha, posteriors.beta)
    leader = int(np.argmax(draw))
    if not top_two or rng.random() < top_two_beta:
        return Pick(posteriors.names[leader])
    for _ in range(_MAX_REDRAWS):
        draw = rng.beta(posteriors.alpha, posteriors.beta)
        challenger = int(np.argmax(draw))
        if challenger != leader:
            return Pick(posteriors.names[challenger])
    draw[leader] = -np.inf
    return Pick(posteriors.names[int(np.argmax(draw))])


def eligible_strategies(
    strategies: Iterable[str],
    *,
    do_not_call: bool = False,
    humor_ok: bool = True,
    has_lead: bool = False,
    humor: Collection[str] = (),
    needs_lead: Collection[str] = (),
) -> frozenset[str]:
    """Return the strategies that may be used on this prospect.

    Nothing for a do-not-call number; no humor strategy when humor is off (P8:
    some prospects have no sense of humor); no sales-lead strategy without a real
    lead to give (P7).
    """
    if do_not_call:
        return frozenset()
    return frozenset(
        s for s in strategies if (humor_ok or s not in humor) and (has_lead or s not in needs_lead)
    )


@dataclass(frozen=True, slots=True)
class TryHalf:
    """A "try half of them" experiment (P12): the ideas chosen, weighed equal to the baseline."""

    chosen: tuple[str, ...]
    weights: dict[str, float]
    reasons: tuple[Reason, ...] = ()


def try_half(
    idea_ids: Sequence[str],
    rng: np.random.Generator,
    baseline: str = "baseline",
    votes: Sequence[int] | None = None,
) -> TryHalf:
    """Pick a random half of the ideas (rounded up: one idea is tried) and weigh all equally.

    Duplicates count once (the first one's votes); the baseline is never among the
    ideas drawn. With `votes`, the team's votes weigh the draw: each idea is drawn in
    turn, without replacement, with probability proportional to 1 + its votes among
    the ideas not drawn yet (so an idea nobody voted for can still be tried, and one
    with three votes is four times as likely at every turn). Without votes, or when
    every idea has as many, the draw is uniform. Each chosen idea and the baseline get
    1 / (chosen + 1) of the voicemails.
    """
    counts = [0] * len(idea_ids) if votes is None else whole_counts("votes", votes).tolist()
    if len(counts) != len(idea_ids):
        raise ExperimentInputError(
            f"{len(counts)} vote counts for {len(idea_ids)} ideas.", "Pass one count per idea."
        )
    first = dict(zip(reversed(idea_ids), reversed(counts), strict=True))
    ideas = [i for i in dict.fromkeys(idea_ids) if i != baseline]
    if not ideas:
        return TryHalf((), {baseline: 1.0}, (Reason.NO_IDEAS,))
    half = math.ceil(len(ideas) / 2)
    weight = np.array([1.0 + first[i] for i in ideas])
    if np.all(weight == weight[0]):
        picked = rng.choice(len(ideas), size=half, replace=False)
    else:
        picked = rng.choice(len(ideas), size=half, replace=False, p=weight / weight.sum())
    chosen = tuple(ideas[i] for i in sorted(picked.tolist()))
    share = 1.0 / (half + 1)
    return TryHalf(chosen, {baseline: share, **dict.fromkeys(chosen, share)})
