"""Measure how the fitted critique generalises: grouped cross-validation, AUC, same-page pairs.

A group's messages (a page, or a whole site) never train the weights that
score them: for each group the weights are refitted on the others, and the
group's messages are scored by the critique engine itself with those weights,
so the figure is the product's, caps and all.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from callworthy.critique.context import EMPTY_CONTEXT
from callworthy.critique.engine import run_rules, score_results
from callworthy.critique.fit.model import PRIOR_SD, Example, fit_weights, fitted_rules
from callworthy.critique.kinds import Hit
from callworthy.critique.loader import Rule, RuleSet
from callworthy.text.analysis import analyse


@dataclass(frozen=True, slots=True)
class Featurised:
    """A message run through the rules once: what fired, with the hits to score it by."""

    results: tuple[tuple[Rule, tuple[Hit, ...]], ...]
    good: bool

    @property
    def example(self) -> Example:
        """Return the message as a fitting example."""
        return Example(frozenset(rule.id for rule, _ in self.results), self.good)


def featurise(text: str, good: bool, rules: RuleSet) -> Featurised:
    """Run the rules over a message once (weights do not change what fires)."""
    results = run_rules(analyse(text), rules, EMPTY_CONTEXT)
    return Featurised(tuple((rule, tuple(hits)) for rule, hits in results), good)


def score_with(item: Featurised, rules: RuleSet) -> int:
    """Return the critique's score of a featurised message under another rule set's weights."""
    by_id = {rule.id: rule for rule in rules.rules}
    left, _ = score_results([(by_id[rule.id], list(hits)) for rule, hits in item.results])
    return sum(left.values())


def auc(scores: Sequence[float], good: Sequence[bool]) -> float:
    """Return the area under the ROC curve: P(a good message outscores a bad one), ties half.

    The Mann-Whitney U statistic divided by n_good * n_bad (Hanley & McNeil, 1982).
    """
    pos = [s for s, g in zip(scores, good, strict=True) if g]
    neg = [s for s, g in zip(scores, good, strict=True) if not g]
    if not pos or not neg:
        raise ValueError("AUC needs at least one good and one bad message")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def cross_validated_scores(
    items: Sequence[Featurised],
    groups: Sequence[Hashable],
    rules: RuleSet,
    *,
    prior_sd: float = PRIOR_SD,
) -> list[int]:
    """Return each message's score from weights fitted without its group (leave-one-group-out)."""
    fitted = fitted_rules(rules)
    scores = [0] * len(items)
    for group in dict.fromkeys(groups):
        train = [item.example for item, g in zip(items, groups, strict=True) if g != group]
        fold = rules.with_weights(fit_weights(train, fitted, prior_sd=prior_sd).weights())
        for index, (item, g) in enumerate(zip(items, groups, strict=True)):
            if g == group:
                scores[index] = score_with(item, fold)
    return scores


def ordered_pairs(
    scores: Sequence[float], good: Sequence[bool], groups: Sequence[Hashable]
) -> tuple[int, int, int]:
    """Return (pairs, ordered, tied) over every good/bad pair of messages from the same group."""
    pairs = ordered = tied = 0
    n = len(scores)
    for i in range(n):
        for j in range(n):
            if groups[i] == groups[j] and good[i] and not good[j]:
                pairs += 1
                ordered += scores[i] > scores[j]
                tied += scores[i] == scores[j]
    return pairs, ordered, tied


def quartiles(values: Sequence[float]) -> tuple[float, float, float, float, float]:
    """Return min, lower quartile, median, upper quartile and max (linear interpolation)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")

    def at(q: float) -> float:
        pos = q * (len(ordered) - 1)
        low = int(pos)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)

    return (ordered[0], at(0.25), at(0.5), at(0.75), ordered[-1])


@dataclass(frozen=True, slots=True)
class Ceiling:
    """What the contested messages allow: the best AUC when they are coin flips, and the share
    of their pairs a critique must win to reach a target."""

    coin_flip_auc: float
    contested_pairs: int
    needed_share: float
    """The share of the contested pairs a critique must order the page's way for the target,
    with every other pair ordered right (above 1: out of reach)."""


def auc_ceiling(good: Sequence[bool], contested: Sequence[bool], target: float) -> Ceiling:
    """Return the AUC a critique reaches when it orders every pair of uncontested messages
    right and every pair with a contested message (one a page judges against the
    principles) at a coin flip; and the share of the contested pairs it must win for `target`."""
    pos = [c for g, c in zip(good, contested, strict=True) if g]
    neg = [c for g, c in zip(good, contested, strict=True) if not g]
    total = len(pos) * len(neg)
    if not total:
        raise ValueError("AUC needs at least one good and one bad message")
    clean = sum(not p for p in pos) * sum(not n for n in neg)
    mixed = total - clean
    needed = (target * total - clean) / mixed if mixed else 0.0
    return Ceiling((clean + 0.5 * mixed) / total, mixed, max(0.0, needed))
