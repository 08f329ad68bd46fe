"""The typed boundary to SciPy: the few special functions the experiments core calls.

SciPy ships no type information, so each function is wrapped once here with
numpy types; the rest of the package stays strictly typed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import special as _special  # type: ignore[import-untyped]
from scipy import stats as _stats

FloatArray = npt.NDArray[np.float64]
ArrayLike = npt.ArrayLike


def _floats(value: Any) -> FloatArray:
    return np.asarray(value, dtype=np.float64)


def beta_cdf(x: ArrayLike, a: ArrayLike, b: ArrayLike) -> FloatArray:
    """Return the Beta(a, b) CDF at x: the regularised incomplete beta I_x(a, b)."""
    return _floats(_special.betainc(a, b, x))


def beta_sf(x: ArrayLike, a: ArrayLike, b: ArrayLike) -> FloatArray:
    """Return P(X > x) for X ~ Beta(a, b), as I_{1-x}(b, a) so small tails keep precision."""
    # betainc on the mirrored arguments is ~10x faster than betaincc in SciPy 1.17.
    return _floats(_special.betainc(b, a, 1.0 - np.asarray(x, dtype=np.float64)))


def beta_ppf(q: ArrayLike, a: ArrayLike, b: ArrayLike) -> FloatArray:
    """Return the Beta(a, b) quantile (the same routine scipy.stats.beta.ppf calls)."""
    return _floats(_special.betaincinv(a, b, q))


def betaln(a: ArrayLike, b: ArrayLike) -> FloatArray:
    """Return log B(a, b)."""
    return _floats(_special.betaln(a, b))


def hypergeom_sf(k: ArrayLike, total: ArrayLike, good: ArrayLike, draws: ArrayLike) -> FloatArray:
    """Return P(H > k) for H ~ Hypergeometric(total, good, draws) (scipy.stats.hypergeom)."""
    return _floats(_stats.hypergeom.sf(k, total, good, draws))


def legendre_nodes(n: int) -> tuple[FloatArray, FloatArray]:
    """Return Gauss–Legendre nodes and weights on [-1, 1] (scipy.special.roots_legendre)."""
    nodes, weights = _special.roots_legendre(n)
    return _floats(nodes), _floats(weights)


def chisquare(observed: ArrayLike, expected: ArrayLike) -> tuple[float, float]:
    """Return Pearson's chi-square statistic and p-value (scipy.stats.chisquare)."""
    result = _stats.chisquare(observed, expected)
    return float(result.statistic), float(result.pvalue)


def normal_ppf(q: float) -> float:
    """Return the standard normal quantile (for the survival curve's band only)."""
    return float(_special.ndtri(q))
