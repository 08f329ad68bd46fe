"""What the writer expects of each strategy: the team's results, else what the articles report.

The expected callback rate of a strategy is the mean of a Beta posterior
(conjugate Beta-Binomial; Gelman et al., *Bayesian Data Analysis*, 3rd ed., §2.4):

- the prior is the articles' figure where a strategy file states one
  (`evidence: {returned: k, of: n, weight: w}`), worth w voicemails:
  Beta(1 + w·k/n, 1 + w·(1 - k/n)). The sales lead, "one hundred percent returned
  calls", is Beta(5, 1) at w = 4 (mean 0.83); the half message, "seven out of eight",
  Beta(4.5, 1.5) (mean 0.75). The weight is modest on purpose: four of the team's own
  matured voicemails count as much as the anecdote;
- any other strategy starts where the team stands: Beta(2μ, 2(1 - μ)), worth two
  voicemails, with μ = (callbacks + 1) / (matured + 2) over all the team's strategies
  (0.5, the flat Beta(1, 1), for a team with no results yet). An untried strategy
  is expected to do as well as the team does on average, no better;
- the team's matured voicemails of that strategy update it: + callbacks, + the rest.

The counts are the Experiments page's (matured voicemails, callbacks within the
window), passed in by the service: this module reads no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from callworthy.write.strategies import Strategy

#: The flat prior's worth, in voicemails, for a strategy the articles give no figure for.
TEAM_PRIOR_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class Evidence:
    """The team's results per strategy: (callbacks, matured voicemails), within the window."""

    counts: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for sid, (returned, matured) in self.counts.items():
            if not 0 <= returned <= matured:
                raise ValueError(f"{sid}: {returned} callbacks of {matured} voicemails")

    @property
    def team_mean(self) -> float:
        """Return the team's smoothed rate (callbacks + 1) / (matured + 2) over every strategy."""
        returned = sum(k for k, _ in self.counts.values())
        matured = sum(n for _, n in self.counts.values())
        return (returned + 1) / (matured + 2)


@dataclass(frozen=True, slots=True)
class Expectation:
    """A strategy's expected callback rate and the evidence behind it, in words."""

    rate: float
    """The posterior mean, 0-1: what the ranking sorts on."""
    source: str
    """"team" (the team's own results), "articles" (their figure alone) or "none"."""
    words: str
    """What a rep reads beside the candidate: "your team: 9 of 31 returned"."""


def _prior(strategy: Strategy, evidence: Evidence) -> tuple[float, float]:
    cited = strategy.evidence
    if cited is not None:
        share = cited.returned / cited.of
        return 1.0 + cited.weight * share, 1.0 + cited.weight * (1.0 - share)
    mean = evidence.team_mean
    return TEAM_PRIOR_WEIGHT * mean, TEAM_PRIOR_WEIGHT * (1.0 - mean)


def expect(strategy: Strategy, evidence: Evidence) -> Expectation:
    """Return the expected callback rate of a strategy given the team's results (module doc)."""
    alpha, beta = _prior(strategy, evidence)
    returned, matured = evidence.counts.get(strategy.id, (0, 0))
    rate = (alpha + returned) / (alpha + beta + matured)
    cited = strategy.evidence
    articles = f"the articles: {cited.returned} of {cited.of} returned" if cited else ""
    if matured:
        team = f"your team: {returned} of {matured} returned"
        return Expectation(rate, "team", f"{team}; {articles}" if articles else team)
    if cited is not None:
        return Expectation(rate, "articles", f"from {articles}")
    return Expectation(rate, "none", "no results yet")
