"""Beta posteriors: golden numbers, exactness against independent formulas, coverage."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, special, stats

from callworthy.experiments import beta as bt


def test_golden_seven_of_eight_flat_prior() -> None:
    a, b = bt.posterior(7, 8)
    low, high = bt.credible_interval(a, b, 0.95)
    assert round(float(bt.posterior_mean(a, b)), 3) == 0.800
    assert (round(float(low), 3), round(float(high), 3)) == (0.518, 0.972)


@pytest.mark.parametrize(
    ("arm", "base", "expected"), [((3, 8), (0, 8), 0.959), ((7, 8), (2, 8), 0.992)]
)
def test_golden_chance_to_beat(
    arm: tuple[int, int], base: tuple[int, int], expected: float
) -> None:
    chance = bt.chance_to_beat(*bt.posterior(*arm), *bt.posterior(*base))
    assert round(float(chance), 3) == expected


def evan_miller(a_b: int, b_b: int, a_a: float, b_a: float) -> float:
    """P(p_B > p_A), Evan Miller (2015): a sum over i < a_B, computed with log-beta."""
    i = np.arange(a_b)
    terms = (
        special.betaln(a_a + i, b_a + b_b)
        - np.log(b_b + i)
        - special.betaln(1 + i, b_b)
        - special.betaln(a_a, b_a)
    )
    return float(np.exp(terms).sum())


def test_exact_formula_matches_evan_miller_sum() -> None:
    rng = np.random.default_rng(7)
    ya, yb, xa, xb = (rng.integers(1, 300, 200).astype(float) for _ in range(4))
    ours = bt.chance_to_beat(ya, yb, xa, xb)
    reference = [
        evan_miller(int(p), int(q), r, s) for p, q, r, s in zip(ya, yb, xa, xb, strict=True)
    ]
    np.testing.assert_allclose(ours, reference, atol=1e-10)


def test_non_integer_parameters_match_adaptive_quadrature() -> None:
    rng = np.random.default_rng(11)
    params = rng.uniform(0.3, 80.0, (40, 4)) * rng.choice([1.0, 15.0], (40, 4))
    ours = bt.chance_to_beat(*params.T)
    for (ya, yb, xa, xb), got in zip(params, ours, strict=True):
        ref, _ = integrate.quad(
            lambda x, ya=ya, yb=yb, xa=xa, xb=xb: (
                stats.beta.pdf(x, xa, xb) * stats.beta.sf(x, ya, yb)
            ),
            0.0,
            1.0,
            limit=400,
            epsabs=1e-12,
        )
        assert got == pytest.approx(ref, abs=2e-4)


def test_chance_to_beat_is_complementary() -> None:
    forward = bt.chance_to_beat(4.5, 20.0, 9.25, 31.0)
    backward = bt.chance_to_beat(9.25, 31.0, 4.5, 20.0)
    assert float(forward + backward) == pytest.approx(1.0, abs=1e-6)


def reference_best(a: np.ndarray, b: np.ndarray) -> list[float]:
    out = []
    for i in range(a.size):

        def integrand(x: float, i: int = i) -> float:
            others = [stats.beta.cdf(x, a[j], b[j]) for j in range(a.size) if j != i]
            return float(stats.beta.pdf(x, a[i], b[i]) * np.prod(others))

        out.append(integrate.quad(integrand, 0.0, 1.0, limit=400, epsabs=1e-12)[0])
    return out


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_chance_best_matches_quadrature_and_sums_to_one(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = rng.integers(1, 300, 4)
    k = rng.binomial(n, rng.uniform(0.03, 0.4, 4))
    a, b = bt.posterior(k, n, 0.8, 4.2)
    chance, e_max = bt.chance_best(a, b)
    np.testing.assert_allclose(chance[0], reference_best(a, b), atol=3e-4)
    assert chance[0].sum() == pytest.approx(1.0, abs=1e-9)
    ref_max = integrate.quad(lambda x: 1.0 - np.prod(stats.beta.cdf(x, a, b)), 0.0, 1.0, limit=400)[
        0
    ]
    assert e_max[0] == pytest.approx(ref_max, abs=1e-5)


def test_chance_best_two_arms_equals_chance_to_beat() -> None:
    a, b = bt.posterior(np.array([7, 2]), np.array([8, 8]))
    chance, _ = bt.chance_best(a, b)
    assert chance[0, 0] == pytest.approx(float(bt.chance_to_beat(a[0], b[0], a[1], b[1])), abs=1e-5)


def test_chance_best_respects_mask() -> None:
    a, b = np.array([[5.0, 50.0, 3.0]]), np.array([[5.0, 2.0, 3.0]])
    chance, _ = bt.chance_best(a, b, np.array([[True, False, True]]))
    assert np.isnan(chance[0, 1])
    assert chance[0, 0] + chance[0, 2] == pytest.approx(1.0, abs=1e-9)


def test_expected_loss_is_max_minus_mean_and_never_negative() -> None:
    a, b = bt.posterior(np.array([30, 10, 2]), np.array([100, 100, 100]))
    _, e_max = bt.chance_best(a, b)
    loss = bt.expected_loss(bt.posterior_mean(a, b), e_max[0])
    draws = np.random.default_rng(3).beta(a, b, size=(200_000, 3))
    mc = (draws.max(axis=1)[:, None] - draws).mean(axis=0)
    np.testing.assert_allclose(loss, mc, atol=2e-4)
    assert (loss >= 0).all()


def test_clamp_keeps_chances_off_zero_and_one() -> None:
    extreme = bt.chance_to_beat(*bt.posterior(1000, 1000), *bt.posterior(0, 1000))
    assert float(extreme) == 1.0
    assert bt.clamp_chance(extreme) == pytest.approx(0.999)
    assert bt.clamp_chance(0.0) == pytest.approx(0.001)
    assert np.isnan(bt.clamp_chance(np.nan))


def test_credible_intervals_cover_true_rates_95_percent() -> None:
    rng = np.random.default_rng(2026)
    p = rng.beta(1.0, 1.0, 2000)  # true rates drawn from the prior the model assumes
    n = rng.integers(3, 41, 2000)
    k = rng.binomial(n, p)
    low, high = bt.credible_interval(*bt.posterior(k, n), 0.95)
    coverage = float(((low <= p) & (p <= high)).mean())
    assert 0.93 <= coverage <= 0.97


def reference_best_near(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """P(arm i best) by adaptive quadrature over arm i's mean ± 12 sd (narrow posteriors)."""
    out = []
    for i in range(a.size):
        mean, sd = a[i] / (a[i] + b[i]), stats.beta.std(a[i], b[i])

        def integrand(x: float, i: int = i) -> float:
            others = [stats.beta.cdf(x, a[j], b[j]) for j in range(a.size) if j != i]
            return float(stats.beta.pdf(x, a[i], b[i]) * np.prod(others))

        lo, hi = mean - 12 * sd, mean + 12 * sd
        out.append(integrate.quad(integrand, lo, hi, limit=400, epsabs=1e-13, epsrel=1e-12)[0])
    return np.array(out)


def test_chance_best_at_200000_voicemails_an_arm_matches_quadrature() -> None:
    # Posteriors a few ten-thousandths wide: the grid must start where the best rate's
    # CDF is still about 0 (the bisection), or the shares go wrong by ~1e-3.
    a, b = bt.posterior(np.array([30_000, 30_250, 29_900]), np.full(3, 200_000))
    chance, e_max = bt.chance_best(a, b)
    reference = reference_best_near(a, b)
    np.testing.assert_allclose(chance[0], reference, atol=2e-4)  # the documented ~1e-4
    assert chance[0].sum() == pytest.approx(1.0, abs=1e-9)
    # E[max] = lo + ∫_lo^1 (1 - G) dx, where G = Π F_j is 0 below lo (and 1 above hi).
    lo, hi = 0.145, 0.157
    tail = integrate.quad(lambda x: 1.0 - np.prod(stats.beta.cdf(x, a, b)), lo, hi, limit=400)
    assert e_max[0] == pytest.approx(lo + tail[0], abs=1e-8)
    # And a Monte Carlo check, fixed seed: 400,000 draws, within 4 standard errors.
    draws = np.random.default_rng(19).beta(a, b, size=(400_000, 3))
    share = np.bincount(draws.argmax(axis=1), minlength=3) / 400_000
    np.testing.assert_allclose(chance[0], share, atol=4 * np.sqrt(0.25 / 400_000))


def test_an_arm_that_cannot_be_best_has_no_chance_and_others_keep_theirs() -> None:
    a, b = bt.posterior(np.array([500, 520, 10]), np.full(3, 1000))
    chance, _ = bt.chance_best(a, b)
    assert chance[0, 2] == 0.0
    np.testing.assert_allclose(chance[0, :2], reference_best(a[:2], b[:2]), atol=3e-4)


def test_chance_best_takes_each_row_on_its_own() -> None:
    a, b = bt.posterior(np.array([[7, 2], [2, 7]]), np.array([[8, 8], [8, 8]]))
    together, e_max = bt.chance_best(a, b)
    for row in range(2):
        alone, alone_max = bt.chance_best(a[row], b[row])
        np.testing.assert_allclose(together[row], alone[0], atol=1e-12)
        assert e_max[row] == pytest.approx(alone_max[0], abs=1e-12)
    assert together[0, 0] == pytest.approx(together[1, 1], abs=1e-12)


def test_the_posterior_adds_the_counts_to_the_prior() -> None:
    a, b = bt.posterior(np.array([3, 0]), np.array([10, 4]), 2.0, 5.0)
    assert a.tolist() == [5.0, 2.0] and b.tolist() == [12.0, 9.0]


@pytest.mark.parametrize(("a", "b"), [(1.0, 1.0), (8.0, 2.0), (0.5, 30.0), (1200.0, 88000.0)])
def test_posterior_sd_and_intervals_match_scipy(a: float, b: float) -> None:
    assert float(bt.posterior_sd(a, b)) == pytest.approx(stats.beta.std(a, b), rel=1e-12)
    assert float(bt.posterior_mean(a, b)) == pytest.approx(stats.beta.mean(a, b), rel=1e-12)
    for level in (0.5, 0.8, 0.99):
        low, high = bt.credible_interval(a, b, level)
        ref_low, ref_high = stats.beta.interval(level, a, b)
        assert (float(low), float(high)) == (pytest.approx(ref_low), pytest.approx(ref_high))


@pytest.mark.parametrize(
    ("chance", "shown"),
    [(0.0, 0.001), (0.0009, 0.001), (0.001, 0.001), (0.0011, 0.0011), (0.5, 0.5),
     (0.9989, 0.9989), (0.999, 0.999), (0.9995, 0.999), (1.0, 0.999)],
)  # fmt: skip
def test_a_chance_is_shown_between_a_tenth_of_a_percent_and_999_in_1000(
    chance: float, shown: float
) -> None:
    assert float(bt.clamp_chance(chance)) == shown


@pytest.mark.parametrize(
    ("arm", "base"), [((0, 10), (0, 20)), ((1, 1), (0, 1)), ((0, 0), (0, 0)), ((0, 3), (2, 2))]
)
def test_chance_to_beat_at_the_flat_priors_smallest_counts_is_exact(
    arm: tuple[int, int], base: tuple[int, int]
) -> None:
    # Beta(1, n) arms (no callback yet) take the exact formula, to 1e-12.
    ya, yb = bt.posterior(*arm)
    xa, xb = bt.posterior(*base)
    expected = evan_miller(int(ya), int(yb), float(xa), float(xb))
    assert float(bt.chance_to_beat(ya, yb, xa, xb)) == pytest.approx(expected, abs=1e-12)


def test_chance_to_beat_compares_each_arm_with_one_baseline() -> None:
    arms_a, arms_b = bt.posterior(np.array([2, 5, 9]), np.array([10, 10, 10]))
    base_a, base_b = bt.posterior(5, 10)
    chances = bt.chance_to_beat(arms_a, arms_b, base_a, base_b)
    assert chances[1] == pytest.approx(0.5, abs=1e-12)
    pairs = zip(arms_a, arms_b, strict=True)
    each = [float(bt.chance_to_beat(p, q, base_a, base_b)) for p, q in pairs]
    np.testing.assert_allclose(chances, each, atol=1e-12)
    assert chances[0] < 0.5 < chances[2]


def beat_by_quad(ya: float, yb: float, xa: float, xb: float) -> float:
    """P(Y > X) = ∫ f_X(x) S_Y(x) dx by adaptive quadrature (scipy), the independent reference."""
    ref, _ = integrate.quad(
        lambda x: stats.beta.pdf(x, xa, xb) * stats.beta.sf(x, ya, yb),
        0.0,
        1.0,
        limit=400,
        epsabs=1e-12,
        points=[xa / (xa + xb)],
    )
    return float(ref)


@pytest.mark.parametrize(
    "params",
    [
        (0.4, 6.0, 40.0, 300.0),  # a new arm under a team prior, density unbounded at 0
        (5.0, 0.6, 200.0, 30.0),  # ... and at 1
        (0.7, 0.9, 12.0, 12.0),  # both ends unbounded, the baseline narrower
        (0.6, 200.0, 1.5, 20.0),  # unbounded at 0, the arm narrower than its baseline
        (300.0, 0.8, 20.0, 2.5),  # ... at 1
        (0.9, 60.0, 0.5, 3.0),
        (3.0, 40.0, 4.5, 60.2),  # whole arm, fractional baseline
        (4.5, 60.2, 3.0, 40.0),  # fractional arm, whole baseline
        (2.0, 9.5, 7.0, 31.0),
    ],
)
def test_chance_to_beat_for_team_prior_arms_matches_quadrature(
    params: tuple[float, float, float, float],
) -> None:
    assert float(bt.chance_to_beat(*params)) == pytest.approx(beat_by_quad(*params), abs=2e-4)


def test_the_credible_interval_is_95_percent_unless_asked() -> None:
    low, high = bt.credible_interval(8.0, 3.0)
    assert (float(low), float(high)) == pytest.approx(stats.beta.interval(0.95, 8.0, 3.0))


def test_each_row_of_chance_best_is_its_own_experiment() -> None:
    # A team's segments are rows: one with 200,000 voicemails an arm near 15%, one with
    # 40 an arm near 30%. Each row's grid must fit its own arms.
    big_a, big_b = bt.posterior(np.array([30_000, 30_250, 29_900]), np.full(3, 200_000))
    small_a, small_b = bt.posterior(np.array([8, 16, 12]), np.full(3, 40))
    a, b = np.stack([big_a, small_a]), np.stack([big_b, small_b])
    chance, e_max = bt.chance_best(a, b)
    np.testing.assert_allclose(chance[0], reference_best_near(big_a, big_b), atol=2e-4)
    np.testing.assert_allclose(chance[1], reference_best(small_a, small_b), atol=3e-4)
    for row, (ra, rb) in enumerate(((big_a, big_b), (small_a, small_b))):
        lo = float(min(ra / (ra + rb))) - 0.2 if row else 0.145
        tail = integrate.quad(
            lambda x, ra=ra, rb=rb: 1.0 - np.prod(stats.beta.cdf(x, ra, rb)),
            max(lo, 0.0),
            1.0,
            limit=400,
        )
        assert e_max[row] == pytest.approx(max(lo, 0.0) + tail[0], abs=1e-5)


def quad_best(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """P(arm i best) by adaptive quadrature to 1e-14 over arm i's mean ± 40 sd (the reference)."""
    out = []
    for i in range(a.size):
        mean, sd = a[i] / (a[i] + b[i]), stats.beta.std(a[i], b[i])

        def integrand(x: float, i: int = i) -> float:
            others = [stats.beta.cdf(x, a[j], b[j]) for j in range(a.size) if j != i]
            return float(stats.beta.pdf(x, a[i], b[i]) * np.prod(others))

        lo, hi = max(mean - 40 * sd, 0.0), min(mean + 40 * sd, 1.0)
        part = integrate.quad(integrand, lo, hi, limit=2000, epsabs=1e-14, epsrel=1e-12)
        out.append(part[0])
    return np.array(out)


def quad_expected_max(a: np.ndarray, b: np.ndarray) -> float:
    """E[max rate] = ∫_0^1 (1 - Π F_j) dx by adaptive quadrature to 1e-14 (the reference)."""
    means = sorted((a / (a + b)).tolist())
    return float(
        integrate.quad(
            lambda x: 1.0 - np.prod(stats.beta.cdf(x, a, b)),
            0.0,
            1.0,
            limit=2000,
            epsabs=1e-14,
            epsrel=1e-12,
            points=means,
        )[0]
    )


@pytest.mark.parametrize(
    ("callbacks", "voicemails", "tolerance"),
    [
        ([30, 10, 2], [100, 100, 100], 5e-10),  # three arms far apart
        ([1000, 8], [5000, 40], 1e-8),  # one arm 125 times as wide as the other
        ([40, 44, 37, 49], [199, 199, 199, 199], 1e-7),  # four close arms
        ([6, 1], [8, 8], 1e-4),  # a grid that reaches x = 1, at its fewest cells
    ],
)
def test_the_expected_best_rate_matches_quadrature_to_its_grids_accuracy(
    callbacks: list[int], voicemails: list[int], tolerance: float
) -> None:
    # E[max] is Simpson's rule on a grid of 2 cells per sd: far more accurate than the
    # chances (the loss is shown per 100 voicemails to 0.1), and each case's tolerance
    # is ~10x its error, so a coarser grid or a wrong weight shows.
    a, b = bt.posterior(np.array(callbacks), np.array(voicemails))
    _, e_max = bt.chance_best(a, b)
    assert e_max[0] == pytest.approx(quad_expected_max(a, b), abs=tolerance)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ([0.5, 0.6], [200.0, 150.0]),  # two new arms under a team prior: long right tails
        ([0.8, 12.8, 20.8], [54.2, 180.2, 300.2]),
    ],
)
def test_a_new_arms_long_tail_does_not_inflate_the_expected_loss(
    a: list[float], b: list[float]
) -> None:
    # Beta(0.5, 200) has 5e-4 of its mass past mean + 8 sd: a grid that stopped there and
    # closed with one straight cell to x = 1 put E[max] of the first case 1.5e-4 (3%) high.
    a_, b_ = np.array(a), np.array(b)
    chance, e_max = bt.chance_best(a_, b_)
    assert e_max[0] == pytest.approx(quad_expected_max(a_, b_), abs=1e-5)
    # Chances of skewed arms are the grid's weakest case: 7e-4 off at 2 cells per sd.
    np.testing.assert_allclose(chance[0], quad_best(a_, b_), atol=1e-3)


@pytest.mark.parametrize(
    ("params", "tolerance"),
    [
        ((12.5, 40.0, 3.0, 9.5), 3e-8),  # the arm narrower: over its density
        ((120.5, 800.0, 3.5, 20.0), 1e-5),  # ... much narrower: the reach in its sd matters
        ((1.0, 30.5, 2.5, 40.0), 1e-6),  # the arm's density bounded at 0
        ((30.5, 1.0, 40.0, 2.5), 1e-6),  # ... and at 1
    ],
)
def test_chance_to_beat_for_team_prior_arms_is_accurate_where_densities_are_smooth(
    params: tuple[float, float, float, float], tolerance: float
) -> None:
    assert float(bt.chance_to_beat(*params)) == pytest.approx(beat_by_quad(*params), abs=tolerance)


@pytest.mark.parametrize(
    ("ya", "yb", "xa", "xb"),
    [
        ([0.4, 0.7], [6.0, 20.0], [40.0, 12.0], [300.0, 150.0]),  # each baseline narrower
        ([0.6, 300.0], [200.0, 0.8], [1.5, 20.0], [20.0, 2.5]),  # each arm narrower
    ],
)
def test_arms_with_unbounded_densities_are_each_integrated_on_their_own(
    ya: list[float], yb: list[float], xa: list[float], xb: list[float]
) -> None:
    # Two new arms (a < 1 or b < 1) in one call: each row gets its own integral.
    ya_, yb_, xa_, xb_ = (np.array(v) for v in (ya, yb, xa, xb))
    together = bt.chance_to_beat(ya_, yb_, xa_, xb_)
    for i in range(2):
        reference = beat_by_quad(ya_[i], yb_[i], xa_[i], xb_[i])
        assert together[i] == pytest.approx(reference, abs=2e-4)
        alone = bt.chance_to_beat(ya_[i], yb_[i], xa_[i], xb_[i])
        assert together[i] == pytest.approx(float(alone), abs=1e-12)


def test_an_arm_outside_the_mask_changes_nothing() -> None:
    # The masked arm has the highest mean and the narrowest posterior: it would set the
    # grid's start, end and resolution if it took part. The rest must be exactly the
    # chances and E[max] of the table without it.
    a, b = np.array([[12.0, 900.0, 9.0, 0.6]]), np.array([[40.0, 100.0, 38.0, 30.0]])
    mask = np.array([[True, False, True, True]])
    chance, e_max = bt.chance_best(a, b, mask)
    without, without_max = bt.chance_best(a[:, [0, 2, 3]], b[:, [0, 2, 3]])
    assert np.isnan(chance[0, 1])
    np.testing.assert_allclose(chance[0, [0, 2, 3]], without[0], rtol=0, atol=1e-13)
    assert e_max[0] == pytest.approx(without_max[0], abs=1e-13)


def test_the_order_of_the_arms_changes_nothing_with_more_than_16_arms() -> None:
    # The grid's start is found from the 16 arms with the highest means, wherever they sit.
    rng = np.random.default_rng(5)
    n = rng.integers(50, 400, 20)
    a, b = bt.posterior(rng.binomial(n, 0.2), n)
    order = np.random.default_rng(9).permutation(20)
    chance, e_max = bt.chance_best(a, b)
    shuffled, shuffled_max = bt.chance_best(a[order], b[order])
    np.testing.assert_allclose(shuffled[0], chance[0][order], rtol=0, atol=1e-13)
    assert shuffled_max[0] == pytest.approx(e_max[0], abs=1e-13)


@pytest.mark.parametrize(
    ("alpha", "beta"),
    [
        ([0.3, 4000.5], [30.5, 0.6]),
        ([1.5, 4000.5], [30.5, 700.5]),
        ([0.3, 4000.5], [900.5, 700.5]),
        ([5000.5, 1.5], [30.5, 700.5]),
    ],
)
def test_chances_of_arms_far_apart_stay_between_0_and_1(
    alpha: list[float], beta: list[float]
) -> None:
    """Where one arm is best beyond doubt, the integrals land a hair outside [0, 1] before
    they are clipped: a chance reads 0% to 100%, never -0.0000001 or 1.0000001."""
    chance, e_max = bt.chance_best(np.array([alpha]), np.array([beta]))
    assert ((chance >= 0.0) & (chance <= 1.0)).all() and ((e_max >= 0) & (e_max <= 1)).all()
    assert chance.sum() == pytest.approx(1.0, abs=1e-9)
    beat = bt.chance_to_beat(alpha[0], beta[0], alpha[1], beta[1])
    again = bt.chance_to_beat(alpha[1], beta[1], alpha[0], beta[0])
    assert 0.0 <= beat <= 1.0 and 0.0 <= again <= 1.0
    assert beat + again == pytest.approx(1.0, abs=1e-4)  # the documented accuracy
