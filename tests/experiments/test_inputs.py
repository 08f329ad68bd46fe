"""The library checks what it is given: windows of 1-365 days, whole counts, finite weights."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo

import numpy as np
import pytest

from callworthy.experiments import CountTable, Settings, check_sample_ratio, try_half
from callworthy.experiments.bandit import Allocation, Arm, Posteriors, assign_batch
from callworthy.experiments.inputs import (
    Attempt,
    ExperimentInputError,
    check_window,
    finite_weights,
    require_aware,
    whole_counts,
)


@pytest.mark.parametrize("days", [0, 0.5, 365.5, 1e6, 1e308, math.nan, math.inf, -3, "14", True])
def test_a_window_outside_one_to_365_days_is_refused(days: object) -> None:
    with pytest.raises(ExperimentInputError, match="1 to 365 days"):
        Settings(window_days=days)  # type: ignore[arg-type]


@pytest.mark.parametrize("days", [1, 1.5, 14, 365])
def test_a_window_of_one_to_365_days_is_taken(days: float) -> None:
    assert Settings(window_days=days).window.days == int(days)


@pytest.mark.parametrize(
    "bad",
    [[2.5], [math.nan], [math.inf], [-1], ["x"]],
    ids=["fraction", "nan", "inf", "neg", "str"],
)
def test_counts_must_be_finite_whole_and_not_negative(bad: list[object]) -> None:
    with pytest.raises(ExperimentInputError, match=r"finite, whole and not negative|not numbers"):
        CountTable.from_counts(["a"], bad, [0], [0])  # type: ignore[arg-type]
    with pytest.raises(ExperimentInputError):
        check_sample_ratio({"a": bad[0], "b": 5}, {"a": 0.5, "b": 0.5})  # type: ignore[dict-item]


def test_whole_floats_are_counts_and_the_shape_is_checked() -> None:
    table = CountTable.from_counts(["a", "b"], [3.0, 4.0], [2, 4], [1, 0])
    assert table.voicemails.tolist() == [[3, 4]]
    with pytest.raises(ExperimentInputError, match="cells"):
        CountTable.from_counts(["a", "b"], [3], [2], [1])


@pytest.mark.parametrize("weight", [math.inf, math.nan, -0.5])
def test_weights_must_be_finite_and_not_negative(weight: float) -> None:
    with pytest.raises(ExperimentInputError, match="finite and not negative"):
        check_sample_ratio({"a": 50, "b": 50}, {"a": weight, "b": 0.5})
    with pytest.raises(ExperimentInputError):
        assign_batch(
            Allocation({"a": weight, "b": 0.5}, "experiment", 0.0), 3, np.random.default_rng(1)
        )


def test_arms_need_finite_positive_parameters() -> None:
    for alpha, beta in ((math.nan, 1.0), (1.0, math.inf), (0.0, 1.0)):
        with pytest.raises(ExperimentInputError):
            Posteriors.of([Arm("a", alpha, beta)])


def test_votes_weigh_the_draw_and_equal_votes_change_nothing() -> None:
    ideas = ["idea_1", "idea_2", "idea_3", "idea_4"]
    plain = [try_half(ideas, np.random.default_rng(s)).chosen for s in range(50)]
    even = [try_half(ideas, np.random.default_rng(s), votes=[2, 2, 2, 2]).chosen for s in range(50)]
    assert plain == even  # no votes or equal votes: the same uniform draw as before
    drawn = {i: 0 for i in ideas}
    for seed in range(2000):
        for chosen in try_half(ideas, np.random.default_rng(seed), votes=[0, 0, 0, 5]).chosen:
            drawn[chosen] += 1
    # Two of four are drawn in turn; idea_4 weighs 6 against 1 each: it is missed only when
    # both turns pass it, (3/9)(2/8) = 1/12, so it is drawn 11/12 of the time (1,833 of 2,000)
    # and each other idea (2 - 11/12)/3 of the time (722).
    assert abs(drawn["idea_4"] - 2000 * 11 / 12) < 60
    assert all(abs(drawn[i] - 2000 * (2 - 11 / 12) / 3) < 80 for i in ideas[:3])
    with pytest.raises(ExperimentInputError, match="votes"):
        try_half(ideas, np.random.default_rng(1), votes=[1, -1, 0, 0])
    with pytest.raises(ExperimentInputError, match="one count per idea"):
        try_half(ideas, np.random.default_rng(1), votes=[1])


UTC_NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
NAIVE = datetime(2026, 3, 2, 12, 0)


class _NoOffset(tzinfo):
    """A time zone that knows no offset: a datetime with it is as naive as one without."""

    def utcoffset(self, dt: datetime | None) -> None:
        return None


@pytest.mark.parametrize(
    ("make", "problem", "fix"),
    [
        (lambda: Attempt("a", NAIVE), "left_at 2026-03-02T12:00:00 has no time zone.",
         "Pass time-zone-aware datetimes (UTC is best)."),
        (lambda: Attempt("a", UTC_NOON, NAIVE), "callback_at 2026-03-02T12:00:00 has no time zone.",
         "Pass time-zone-aware datetimes (UTC is best)."),
        (lambda: Attempt("a", UTC_NOON, UTC_NOON - timedelta(seconds=1)),
         "Callback at 2026-03-02T11:59:59+00:00 comes before the voicemail "
         "(2026-03-02T12:00:00+00:00).", "Fix the callback time in the log."),
        (lambda: require_aware(NAIVE), "now 2026-03-02T12:00:00 has no time zone.",
         "Pass time-zone-aware datetimes (UTC is best)."),
        (lambda: require_aware(NAIVE.replace(tzinfo=_NoOffset())),
         "now 2026-03-02T12:00:00 has no time zone.",
         "Pass time-zone-aware datetimes (UTC is best)."),
        (lambda: Settings(credible_level=1.0), "Credible level 1.0 is not between 0 and 1.",
         "Use a level such as 0.95."),
        (lambda: Settings(credible_level=0.0), "Credible level 0.0 is not between 0 and 1.",
         "Use a level such as 0.95."),
        (lambda: Settings(prior_min_strength=0.0),
         "Prior strengths must satisfy 0 < prior_min_strength <= prior_max_strength.",
         "Use the defaults (2 and 100) unless you know why not."),
        (lambda: Settings(prior_min_strength=5.0, prior_max_strength=4.0),
         "Prior strengths must satisfy 0 < prior_min_strength <= prior_max_strength.",
         "Use the defaults (2 and 100) unless you know why not."),
        (lambda: check_window("14"), "Callback window '14' is not a number of days.",
         "Use 1 to 365 days (the default is 14)."),
        (lambda: check_window(366), "A callback window of 366 days is out of range.",
         "Use 1 to 365 days (the default is 14)."),
        (lambda: whole_counts("callbacks", [["a"]]), "The callbacks are not numbers.",
         "Pass whole counts."),
        (lambda: whole_counts("callbacks", [1, 2.5]),
         "The callbacks must be finite, whole and not negative (got np.float64(2.5)).",
         "Pass counts of voicemails: 0, 1, 2, ..."),
        (lambda: whole_counts("voicemails", [2.0**62]), "The voicemails are too large.",
         "Pass counts of voicemails."),
        (lambda: finite_weights("share", [0.5, "half"]), "A share is not a number: 'half'.", ""),
        (lambda: finite_weights("share", [0.5, -1]),
         "Every share must be finite and not negative (got -1).",
         "Pass shares such as 0.5 and 0.5."),
    ],
)  # fmt: skip
def test_each_bad_input_names_the_problem_and_the_fix(
    make: Callable[[], object], problem: str, fix: str
) -> None:
    with pytest.raises(ExperimentInputError) as caught:
        make()
    assert (caught.value.problem, caught.value.fix) == (problem, fix)


def test_the_edges_of_each_setting_are_taken() -> None:
    # A callback at the very second of the voicemail, the smallest and equal prior strengths,
    # counts up to the size limit (a quarter of the largest 64-bit integer: sums cannot overflow).
    assert Attempt("a", UTC_NOON, UTC_NOON).callback_at == UTC_NOON
    assert Settings(prior_min_strength=1e-9, prior_max_strength=1e-9).prior_min_strength == 1e-9
    assert Settings(credible_level=0.999).credible_level == 0.999
    assert whole_counts("voicemails", [2.0**60]).tolist() == [2**60]
    assert whole_counts("voicemails", [2**61]).tolist() == [2**61]
    require_aware(UTC_NOON)
