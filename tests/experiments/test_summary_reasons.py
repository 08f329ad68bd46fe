"""Each row's reasons, and the experiment's, at their edges: one voicemail, one matured,
exactly two strategies with data, no baseline, a segment with nothing in it; and the
settings the summary passes on."""

from __future__ import annotations

import itertools

import pytest

from callworthy.experiments import PriorKind, Reason, Settings, summarise_tables
from callworthy.experiments.prior import fit_segment_prior, fit_team_prior
from callworthy.experiments.summary import _reasons
from callworthy.experiments.window import CountTable

R = Reason


def team(vm: list[int], mat: list[int], cb: list[int], names: str = "abc") -> CountTable:
    return CountTable.from_counts(list(names[: len(vm)]), [vm], [mat], [cb])


@pytest.mark.parametrize("code", range(32))
def test_a_rows_reasons_follow_its_five_facts(code: int) -> None:
    has_vm, has_data, is_base, base_live, several = (bool(code >> bit & 1) for bit in range(5))
    if not has_vm:
        expected: tuple[Reason, ...] = (R.NO_VOICEMAILS,)
    elif not has_data:
        expected = (R.NO_MATURED_DATA,)
    else:
        first = (R.IS_BASELINE,) if is_base else () if base_live else (R.NO_BASELINE,)
        expected = first + (() if several else (R.SINGLE_STRATEGY,))
    assert _reasons(code) == expected


def test_one_voicemail_and_one_matured_are_data() -> None:
    report = summarise_tables(team([1, 1], [1, 1], [0, 1]), settings=Settings(baseline="a"))
    rows = {row.strategy: row for row in report.strategies}
    assert rows["a"].reasons == (R.IS_BASELINE,)
    assert rows["b"].reasons == ()  # two strategies with data: nothing missing
    assert report.reasons == ()
    assert rows["b"].rate_mean is not None and rows["b"].chance_to_beat_baseline is not None


def test_exactly_two_live_strategies_are_several_and_one_is_not() -> None:
    two = summarise_tables(team([5, 5, 5], [3, 3, 0], [1, 2, 0]), settings=Settings(baseline="a"))
    rows = {row.strategy: row for row in two.strategies}
    assert rows["b"].reasons == () and rows["c"].reasons == (R.NO_MATURED_DATA,)
    assert two.reasons == ()
    one = summarise_tables(team([5, 5], [3, 0], [1, 0]), settings=Settings(baseline="a"))
    assert one.reasons == (R.SINGLE_STRATEGY,)
    assert {row.strategy: row.reasons for row in one.strategies}["a"] == (
        R.IS_BASELINE,
        R.SINGLE_STRATEGY,
    )


def test_without_a_baseline_no_row_is_one() -> None:
    report = summarise_tables(team([4, 4, 4], [4, 4, 4], [1, 2, 3]))
    assert report.reasons == (R.NO_BASELINE,)
    assert all(row.reasons == (R.NO_BASELINE,) for row in report.strategies)
    assert all(row.segment is None and row.segment_kind is None for row in report.strategies)
    assert all(row.chance_to_beat_baseline is None for row in report.strategies)


def test_a_baseline_without_data_is_no_baseline_for_the_experiment() -> None:
    report = summarise_tables(
        team([4, 4, 4], [0, 4, 4], [0, 2, 3]), settings=Settings(baseline="a")
    )
    assert report.reasons == (R.NO_BASELINE,)


def test_a_row_without_matured_data_shows_no_rate_or_band() -> None:
    report = summarise_tables(team([4, 3], [4, 0], [1, 0]), settings=Settings(baseline="a"))
    waiting = {row.strategy: row for row in report.strategies}["b"]
    assert (waiting.rate_mean, waiting.ci_low, waiting.ci_high) == (None, None, None)
    assert waiting.reasons == (R.NO_MATURED_DATA,)


def test_segment_cells_are_listed_only_with_voicemails() -> None:
    reps = ["ann", "bob", "cy", "dee"]  # more segments than strategies
    vm = [[2, 1], [0, 0], [1, 0], [3, 3]]
    mat = [[2, 1], [0, 0], [1, 0], [3, 3]]
    cb = [[1, 0], [0, 0], [1, 0], [1, 2]]
    table = CountTable.from_counts(["a", "b"], vm, mat, cb, segment_kind="rep", segments=reps)
    report = summarise_tables(team([6, 4], [6, 4], [3, 2]), [table])
    cells = {(row.segment, row.strategy): row for row in report.segment_rows()}
    assert sorted(cells) == [("ann", "a"), ("ann", "b"), ("cy", "a"), ("dee", "a"), ("dee", "b")]
    assert cells[("ann", "b")].voicemails == 1  # one voicemail is enough to be listed
    assert all(row.segment_kind == "rep" for row in cells.values())
    assert cells[("cy", "a")].reasons == (R.NO_BASELINE, R.SINGLE_STRATEGY)
    assert cells[("dee", "b")].reasons == (R.NO_BASELINE,)


def test_the_priors_strength_bounds_come_from_the_settings() -> None:
    table = team([40, 40, 40], [40, 40, 40], [4, 20, 36])
    for low, high in itertools.product((0.5, 3.0), (7.0, 90.0)):
        settings = Settings(prior=PriorKind.TEAM, prior_min_strength=low, prior_max_strength=high)
        report = summarise_tables(table, settings=settings)
        assert report.prior == fit_team_prior([4, 20, 36], [40, 40, 40], low, high)
    alike = team([100, 100, 100], [100, 100, 100], [10, 11, 9])
    capped = Settings(prior=PriorKind.TEAM, prior_min_strength=0.5, prior_max_strength=33.0)
    assert summarise_tables(alike, settings=capped).prior.strength == 33.0


def test_the_segment_priors_strength_bounds_come_from_the_settings() -> None:
    vm = [[20, 20], [20, 20], [20, 20]]
    cb = [[1, 10], [10, 15], [19, 5]]
    table = CountTable.from_counts(["a", "b"], vm, vm, cb, segment_kind="rep", segments="xyz")
    totals = team([60, 60], [60, 60], [30, 30])
    for low, high in ((0.25, 5.0), (1.0, 60.0)):
        settings = Settings(prior=PriorKind.TEAM, prior_min_strength=low, prior_max_strength=high)
        (found,) = summarise_tables(totals, [table], settings).segment_priors
        assert found == fit_segment_prior(cb, vm, low, high)


def test_the_summary_is_as_of_nothing_unless_told() -> None:
    assert summarise_tables(team([1], [1], [0])).as_of == ""
