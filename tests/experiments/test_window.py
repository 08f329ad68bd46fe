"""The callback window: matured vs pending, which callbacks count, and why it matters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from callworthy.experiments import (
    Attempt,
    CountTable,
    ExperimentInputError,
    Settings,
    count,
    observe,
    summarise,
    summarise_tables,
)

from .helpers import NOW


def one(days_ago: float, callback_after: float | None) -> Attempt:
    left = NOW - timedelta(days=days_ago)
    back = None if callback_after is None else left + timedelta(days=callback_after)
    return Attempt("tip", left, back)


def test_matured_pending_and_counted_callbacks() -> None:
    obs = observe(
        [
            one(20, 3),  # matured, called back within W: a success
            one(20, 15),  # matured, called back after W: a failure
            one(20, None),  # matured, never called back: a failure
            one(5, 1),  # pending, already called back
            one(5, None),  # pending: not a failure
            one(-1, None),  # left after now: does not exist yet
            one(16, 20),  # callback after now: not known as of now
        ],
        NOW,
        Settings(window_days=14),
    )
    assert obs.matured.tolist() == [True, True, True, False, False, True]
    assert obs.called_back.tolist() == [True, False, False, True, False, False]
    # Days observed: to the callback, else min(now, left + W) - left.
    np.testing.assert_allclose(obs.days, [3, 14, 14, 1, 5, 14])
    table = count(obs, ["tip"])
    assert (table.voicemails[0, 0], table.matured[0, 0], table.pending[0, 0]) == (6, 4, 2)
    assert (table.callbacks[0, 0], table.pending_callbacks[0, 0]) == (1, 1)


def test_window_is_configurable() -> None:
    obs = observe([one(10, 8)], NOW, Settings(window_days=7))
    assert obs.matured.tolist() == [True]
    assert obs.called_back.tolist() == [False]


def test_naive_times_and_impossible_callbacks_are_errors() -> None:
    naive = datetime(2026, 4, 1, 9, 0)
    with pytest.raises(ExperimentInputError, match="no time zone"):
        Attempt("tip", naive)
    left = NOW - timedelta(days=3)
    with pytest.raises(ExperimentInputError, match="before the voicemail"):
        Attempt("tip", left, left - timedelta(hours=1))
    with pytest.raises(ExperimentInputError, match="no time zone"):
        observe([], naive, Settings())
    with pytest.raises(ExperimentInputError, match="out of range"):
        Settings(window_days=0)


def test_counts_table_rejects_impossible_counts() -> None:
    with pytest.raises(ExperimentInputError, match="callbacks <= matured"):
        CountTable.from_counts(["a"], [3], [2], [5])


def test_counting_pending_as_failures_biases_low_but_matured_does_not() -> None:
    rng = np.random.default_rng(42)
    n, truth, window = 20_000, 0.2, 14.0
    ages = rng.uniform(0.0, 60.0, n)
    called = rng.random(n) < truth
    # Delays: exponential, mean 4 days, truncated to the window (inverse CDF).
    cap = 1.0 - np.exp(-window / 4.0)
    delays = -4.0 * np.log1p(-rng.random(n) * cap)
    log = [
        Attempt(
            "tip",
            NOW - timedelta(days=float(age)),
            NOW - timedelta(days=float(age - delay)) if hit and delay <= age else None,
        )
        for age, hit, delay in zip(ages, called, delays, strict=True)
    ]
    row = summarise(log, NOW, Settings(window_days=window)).strategies[0]
    naive = (row.callbacks + row.pending_callbacks) / row.voicemails
    matured = row.callbacks / row.matured
    assert naive < truth - 0.012  # pending counted as failures: biased low
    assert abs(matured - truth) < 0.01
    assert row.rate_mean is not None and abs(row.rate_mean - truth) < 0.01


def test_observations_keep_segments() -> None:
    left = datetime(2026, 3, 1, tzinfo=UTC)
    obs = observe([Attempt("tip", left, rep="ann", industry=None)], NOW, Settings())
    assert obs.segment("rep") == ("ann",)
    assert count(obs, ["tip"], "industry").segments == ()


SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("age", "matured"), [(timedelta(days=14) - SECOND, False), (timedelta(days=14), True),
                         (timedelta(days=14) + SECOND, True)],
)  # fmt: skip
def test_a_voicemail_matures_exactly_w_days_after_it_was_left(
    age: timedelta, matured: bool
) -> None:
    obs = observe([Attempt("tip", NOW - age)], NOW, Settings(window_days=14))
    assert obs.matured.tolist() == [matured]
    # Days observed: its age while pending, the whole window once matured.
    assert obs.days.tolist() == [pytest.approx(min(age, timedelta(days=14)) / timedelta(days=1))]
    table = count(obs, ["tip"])
    assert (table.matured[0, 0], table.pending[0, 0]) == (int(matured), int(not matured))


@pytest.mark.parametrize(
    ("delay", "counted"), [(timedelta(days=14) - SECOND, True), (timedelta(days=14), True),
                           (timedelta(days=14) + SECOND, False)],
)  # fmt: skip
def test_a_callback_counts_up_to_exactly_w_days_after_the_voicemail(
    delay: timedelta, counted: bool
) -> None:
    left = NOW - timedelta(days=30)
    obs = observe([Attempt("tip", left, left + delay)], NOW, Settings(window_days=14))
    assert obs.called_back.tolist() == [counted]
    days = delay / timedelta(days=1) if counted else 14.0
    assert obs.days.tolist() == [pytest.approx(days)]
    assert count(obs, ["tip"]).callbacks[0, 0] == int(counted)


@pytest.mark.parametrize(
    ("callback_at", "counted"), [(NOW - SECOND, True), (NOW, True), (NOW + SECOND, False)]
)
def test_a_callback_counts_once_now_has_reached_it(callback_at: datetime, counted: bool) -> None:
    left = NOW - timedelta(days=3)
    obs = observe([Attempt("tip", left, callback_at)], NOW, Settings(window_days=14))
    assert obs.called_back.tolist() == [counted]
    table = count(obs, ["tip"])
    assert (table.pending[0, 0], table.pending_callbacks[0, 0]) == (1, int(counted))
    # Days observed: to the callback once it is known, else the voicemail's age (3 days).
    days = (callback_at - left if counted else NOW - left) / timedelta(days=1)
    assert obs.days.tolist() == [pytest.approx(days, abs=1e-9)]


@pytest.mark.parametrize(("left_at", "kept"), [(NOW - SECOND, 1), (NOW, 1), (NOW + SECOND, 0)])
def test_a_voicemail_left_at_now_exists_and_one_a_second_later_does_not(
    left_at: datetime, kept: int
) -> None:
    obs = observe([Attempt("tip", left_at)], NOW, Settings())
    assert len(obs.strategy) == kept
    assert count(obs, ["tip"]).voicemails[0, 0] == kept


def test_counts_tallied_elsewhere_keep_their_pending_callbacks() -> None:
    # The database path: counts per cell from a GROUP BY, pending callbacks included.
    table = CountTable.from_counts(
        ["half", "plain"], [10, 6], [8, 5], [4, 1], pending_callbacks=[2, 1]
    )
    assert table.pending_callbacks.tolist() == [[2, 1]]
    assert table.pending_callbacks.dtype == np.int64
    assert table.pending.tolist() == [[2, 1]]
    row = summarise_tables(table).strategies[0]
    assert (row.voicemails, row.matured, row.callbacks, row.pending_callbacks) == (10, 8, 4, 2)
    plain = CountTable.from_counts(["half"], [10], [8], [4])
    assert plain.pending_callbacks.tolist() == [[0]]


def test_counts_tallied_elsewhere_keep_their_segments() -> None:
    table = CountTable.from_counts(
        ["a", "b"], [[3, 4], [5, 6]], [[3, 4], [5, 6]], [[1, 2], [3, 4]],
        pending_callbacks=[[0, 0], [0, 1]], segment_kind="rep", segments=("ann", "bob"),
    )  # fmt: skip
    assert (table.segment_kind, table.segments, table.strategies) == (
        "rep",
        ("ann", "bob"),
        ("a", "b"),
    )
    assert table.callbacks.tolist() == [[1, 2], [3, 4]]
    assert table.pending_callbacks.tolist() == [[0, 0], [0, 1]]


@pytest.mark.parametrize(
    ("kwargs", "problem", "fix"),
    [({"voicemails": [1, 2, 3]}, "The voicemail counts hold 3 values for 1 × 2 cells.", "Pass one"),
     ({"pending_callbacks": [1]}, "The pending callback counts hold 1 values for 1 × 2 cells.",
      "Pass one"),
     ({"matured": [1, -1]}, "The matured counts must be finite", "Pass counts"),
     ({"callbacks": [0.5, 0]}, "The callback counts must be finite", "Pass counts"),
     ({"pending_callbacks": [0, -2]}, "The pending callback counts must be finite", "Pass counts")],
)  # fmt: skip
def test_counts_tallied_elsewhere_name_the_column_that_is_wrong(
    kwargs: dict[str, list[float]], problem: str, fix: str
) -> None:
    args: dict[str, list[float]] = {"voicemails": [3, 3], "matured": [2, 2], "callbacks": [1, 1]}
    args.update(kwargs)
    with pytest.raises(ExperimentInputError) as caught:
        CountTable.from_counts(["a", "b"], **args)  # type: ignore[arg-type]
    assert caught.value.problem.startswith(problem)
    fixes = {
        "Pass one": "Pass one count per segment and strategy.",
        "Pass counts": "Pass counts of voicemails: 0, 1, 2, ...",
    }
    assert caught.value.fix == fixes[fix]


@pytest.mark.parametrize(
    ("voicemails", "matured", "callbacks"), [([3], [4], [0]), ([3], [3], [4]), ([3], [2], [3])]
)
def test_counts_that_cannot_happen_are_refused(
    voicemails: list[int], matured: list[int], callbacks: list[int]
) -> None:
    with pytest.raises(ExperimentInputError) as caught:
        CountTable.from_counts(["a"], voicemails, matured, callbacks)
    assert caught.value.problem == (
        "Counts must satisfy 0 <= callbacks <= matured <= voicemails in every cell."
    )
    assert caught.value.fix == "Recount the log; a callback belongs to a matured voicemail."
    ok = CountTable.from_counts(["a"], [3], [3], [3])
    assert ok.callbacks.tolist() == [[3]]


def test_tables_leave_out_strategies_and_segments_not_asked_for() -> None:
    log = [
        Attempt("tip", NOW - timedelta(days=20), NOW - timedelta(days=19), rep="ann"),
        Attempt("tip", NOW - timedelta(days=20), rep=None),
        Attempt("other", NOW - timedelta(days=20), rep="bob"),
        Attempt("plain", NOW - timedelta(days=2), NOW - timedelta(days=1), rep="bob"),
    ]
    obs = observe(log, NOW, Settings())
    team = count(obs, ["plain", "tip"])
    assert team.voicemails.tolist() == [[1, 2]] and team.callbacks.tolist() == [[0, 1]]
    assert team.pending_callbacks.tolist() == [[1, 0]]
    # Counts are whole numbers, in every column.
    for column in (team.voicemails, team.matured, team.callbacks, team.pending_callbacks):
        assert column.dtype == np.int64
    by_rep = count(obs, ["plain", "tip"], "rep")
    assert by_rep.segments == ("ann", "bob")
    assert by_rep.voicemails.tolist() == [[0, 1], [1, 0]]
    assert by_rep.matured.tolist() == [[0, 1], [0, 0]]
