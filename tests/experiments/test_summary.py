"""Summaries: figures per strategy and segment, reason codes, clamping, JSON."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import numpy as np
import pytest

from callworthy.experiments import (
    Attempt,
    CountTable,
    PriorKind,
    Reason,
    Settings,
    summarise,
    summarise_tables,
)
from callworthy.experiments import beta as bt

from .helpers import NOW, attempts

BASE = Settings(baseline="plain")


def by_name(summary_rows: tuple) -> dict:  # type: ignore[type-arg]
    return {r.strategy: r for r in summary_rows}


def test_golden_rows_against_the_baseline() -> None:
    log = attempts("half", 7, 8) + attempts("plain", 2, 8) + attempts("tip", 3, 8)
    rows = by_name(summarise(log, NOW, BASE).strategies)
    half = rows["half"]
    assert (half.voicemails, half.matured, half.pending, half.callbacks) == (8, 8, 0, 7)
    assert round(half.rate_mean, 3) == 0.800
    assert (round(half.ci_low, 3), round(half.ci_high, 3)) == (0.518, 0.972)
    assert round(half.chance_to_beat_baseline, 3) == 0.992
    assert rows["plain"].chance_to_beat_baseline is None
    assert rows["plain"].reasons == (Reason.IS_BASELINE,)
    best = [r.chance_best for r in rows.values()]
    assert sum(best) == pytest.approx(1.0, abs=2e-3)
    assert max(rows.values(), key=lambda r: r.chance_best).strategy == "half"
    assert half.expected_loss < rows["tip"].expected_loss < rows["plain"].expected_loss


def test_no_voicemails_is_a_result_not_a_crash() -> None:
    summary = summarise([], NOW, BASE, strategies=["plain", "tip"])
    assert summary.reasons == (Reason.NO_VOICEMAILS,)
    assert [r.reasons for r in summary.strategies] == [(Reason.NO_VOICEMAILS,)] * 2
    assert [len(t) for t in summary.segments] == [0, 0]


def test_only_pending_voicemails_means_no_matured_data() -> None:
    log = attempts("tip", 1, 5, days_ago=3, after_days=1)
    summary = summarise(log, NOW, BASE)
    row = summary.strategies[0]
    assert summary.reasons == (Reason.NO_MATURED_DATA,)
    assert row.reasons == (Reason.NO_MATURED_DATA,)
    assert (row.pending, row.pending_callbacks, row.rate_mean, row.chance_best) == (
        5,
        1,
        None,
        None,
    )


def test_missing_baseline_and_single_strategy() -> None:
    summary = summarise(attempts("tip", 2, 9), NOW, Settings(baseline=None))
    assert summary.reasons == (Reason.NO_BASELINE, Reason.SINGLE_STRATEGY)
    row = summary.strategies[0]
    assert row.rate_mean is not None
    assert (row.chance_to_beat_baseline, row.chance_best, row.expected_loss) == (None, None, None)
    assert row.reasons == (Reason.NO_BASELINE, Reason.SINGLE_STRATEGY)


def test_baseline_with_only_pending_data_is_no_baseline() -> None:
    log = attempts("tip", 2, 9) + attempts("plain", 0, 4, days_ago=2)
    rows = by_name(summarise(log, NOW, BASE).strategies)
    assert Reason.NO_BASELINE in rows["tip"].reasons
    assert rows["plain"].reasons == (Reason.NO_MATURED_DATA,)


def test_chances_are_never_zero_or_one() -> None:
    log = attempts("half", 300, 300) + attempts("plain", 0, 300)
    rows = by_name(summarise(log, NOW, BASE).strategies)
    assert rows["half"].chance_to_beat_baseline == pytest.approx(0.999)
    assert rows["half"].chance_best == pytest.approx(0.999)
    assert rows["plain"].chance_best == pytest.approx(0.001)


def test_segments_compare_within_the_segment() -> None:
    log = (
        attempts("half", 6, 8, rep="ann", industry="dental")
        + attempts("plain", 1, 8, rep="ann", industry="dental")
        + attempts("half", 1, 8, rep="bob")
        + attempts("plain", 6, 8, rep="bob")
    )
    summary = summarise(log, NOW, BASE)
    seg = {(r.segment_kind, r.segment, r.strategy): r for r in summary.segment_rows()}
    assert seg[("rep", "ann", "half")].chance_to_beat_baseline > 0.9
    assert seg[("rep", "bob", "half")].chance_to_beat_baseline < 0.1
    assert seg[("industry", "dental", "half")].matured == 8
    assert ("industry", "dental", "plain") in seg
    industry = summary.segments[1]
    assert industry.segment_kind == "industry" and "bob" not in industry.segment
    assert len(industry) == 2 and industry.rows()[0].segment == "dental"


def test_team_prior_pulls_small_strategies_toward_the_team() -> None:
    log = attempts("new", 3, 3)
    for i in range(8):
        log += attempts(f"s{i}", 10 + i, 100)
    flat = by_name(summarise(log, NOW, Settings()).strategies)["new"]
    team_summary = summarise(log, NOW, Settings(prior=PriorKind.TEAM))
    team = by_name(team_summary.strategies)["new"]
    assert team_summary.prior.kind == "team"
    assert flat.rate_mean == pytest.approx(0.8)
    assert team.rate_mean < 0.5  # three lucky callbacks do not make a 80% strategy
    assert team.ci_high - team.ci_low < flat.ci_high - flat.ci_low


def test_team_prior_segments_pull_toward_their_strategy() -> None:
    log: list[Attempt] = []
    rng = np.random.default_rng(1)
    for rep in range(12):
        for name, rate in (("tip", 0.1), ("half", 0.3)):
            k = int(rng.binomial(40, rate))
            log += attempts(name, k, 40, rep=f"r{rep}")
    log += attempts("half", 0, 2, rep="newbie")
    summary = summarise(log, NOW, Settings(prior=PriorKind.TEAM, baseline="tip"))
    rep_prior = summary.segment_priors[0]
    assert rep_prior.kind == "segment"
    newbie = next(r for r in summary.segment_rows() if r.segment == "newbie")
    half = by_name(summary.strategies)["half"]
    assert newbie.rate_mean == pytest.approx(half.rate_mean, abs=0.05)


def test_summary_dumps_to_json() -> None:
    log = attempts("half", 7, 8, rep="ann") + attempts("plain", 2, 8, rep="ann")
    log += attempts("plain", 0, 2, days_ago=1)
    data = dataclasses.asdict(summarise(log, NOW, BASE))
    text = json.dumps(data, allow_nan=False)
    assert '"chance_to_beat_baseline": 0.99' in text
    assert data["as_of"] == NOW.isoformat()


def test_counts_from_elsewhere_summarise_the_same() -> None:
    log = attempts("half", 7, 8) + attempts("plain", 2, 8)
    direct = summarise(log, NOW, BASE).strategies
    table = CountTable.from_counts(["half", "plain"], [8, 8], [8, 8], [7, 2])
    tabled = summarise_tables(table, (), BASE).strategies
    assert [dataclasses.astuple(r) for r in direct] == [dataclasses.astuple(r) for r in tabled]


def test_old_callbacks_only_count_within_window() -> None:
    log = [
        Attempt("tip", NOW - timedelta(days=40), NOW - timedelta(days=20)),  # 20 days: too late
        Attempt("tip", NOW - timedelta(days=40), NOW - timedelta(days=35)),
    ]
    row = summarise(log, NOW, Settings()).strategies[0]
    assert (row.matured, row.callbacks) == (2, 1)


def test_every_figure_of_a_summary_follows_from_its_settings_and_counts() -> None:
    # One arm with a single matured voicemail still has figures; the interval is the one
    # asked for; the loss is per 100 voicemails; the summary says what it was read with.
    settings = Settings(baseline="plain", credible_level=0.8, window_days=10.0)
    log = attempts("half", 5, 12) + attempts("plain", 2, 10) + attempts("one", 1, 1)
    summary = summarise(log, NOW, settings)
    assert (summary.as_of, summary.window_days) == (NOW.isoformat(), 10.0)
    assert (summary.credible_level, summary.baseline) == (0.8, "plain")
    rows = by_name(summary.strategies)
    alpha = np.array([rows[n].alpha for n in ("half", "one", "plain")])
    beta = np.array([rows[n].beta for n in ("half", "one", "plain")])
    _, e_max = bt.chance_best(alpha, beta)
    for name, (k, n) in {"half": (5, 12), "one": (1, 1), "plain": (2, 10)}.items():
        row = rows[name]
        assert (row.alpha, row.beta) == (1.0 + k, 1.0 + n - k)  # the flat prior
        low, high = bt.credible_interval(row.alpha, row.beta, 0.8)
        assert (row.ci_low, row.ci_high) == (pytest.approx(float(low)), pytest.approx(float(high)))
        loss = 100.0 * (e_max[0] - row.alpha / (row.alpha + row.beta))
        assert row.expected_loss == pytest.approx(max(loss, 0.0), abs=1e-9)
        assert row.chance_best is not None
    assert rows["one"].chance_to_beat_baseline is not None


@pytest.mark.parametrize(
    ("half_rates", "strength"),
    [((10, 10, 10), 7.0), ((1, 39, 1), 3.0)],
    ids=["alike reps: the maximum", "far-apart reps: the minimum"],
)
def test_segment_prior_strength_keeps_to_the_settings_bounds(
    half_rates: tuple[int, ...], strength: float
) -> None:
    log: list[Attempt] = []
    for rep, callbacks in enumerate(half_rates):
        log += attempts("half", callbacks, 40, rep=f"r{rep}")
        log += attempts("tip", callbacks, 40, rep=f"r{rep}")
    settings = Settings(
        prior=PriorKind.TEAM, baseline="tip", prior_min_strength=3.0, prior_max_strength=7.0
    )
    rep_prior = summarise(log, NOW, settings).segment_priors[0]
    assert (rep_prior.kind, rep_prior.strength) == ("segment", strength)


def test_a_strategy_with_only_pending_voicemails_gets_no_chances_and_takes_none() -> None:
    log = attempts("half", 7, 8) + attempts("plain", 2, 8) + attempts("tip", 3, 8)
    without = by_name(summarise(log, NOW, BASE).strategies)
    rows = by_name(summarise(log + attempts("new", 0, 4, days_ago=1), NOW, BASE).strategies)
    new = rows["new"]
    assert (new.voicemails, new.matured, new.pending) == (4, 0, 4)
    assert (new.chance_to_beat_baseline, new.chance_best, new.expected_loss) == (None, None, None)
    assert new.reasons == (Reason.NO_MATURED_DATA,)
    for name in ("half", "plain", "tip"):
        assert rows[name].chance_best == without[name].chance_best
        assert rows[name].expected_loss == without[name].expected_loss
