"""Sample-ratio mismatch check."""

from __future__ import annotations

import math

import pytest

from callworthy.experiments import ExperimentInputError, Reason, SrmStatus, check_sample_ratio


def test_balanced_split_is_ok() -> None:
    result = check_sample_ratio({"a": 498, "b": 502}, {"a": 0.5, "b": 0.5})
    assert result.status is SrmStatus.OK
    assert result.p_value is not None and result.p_value > 0.5
    assert result.expected == {"a": 500.0, "b": 500.0}


def test_lopsided_split_raises_the_alarm() -> None:
    result = check_sample_ratio({"a": 560, "b": 440}, {"a": 1, "b": 1})
    assert result.status is SrmStatus.MISMATCH
    assert result.p_value is not None and result.p_value < 0.001
    assert result.chi_square == pytest.approx(14.4)


def test_unequal_weights_are_respected() -> None:
    result = check_sample_ratio({"a": 300, "b": 100}, {"a": 0.75, "b": 0.25})
    assert result.status is SrmStatus.OK


def test_skipped_when_an_expected_count_is_below_five() -> None:
    result = check_sample_ratio({"a": 9, "b": 1}, {"a": 0.9, "b": 0.1})
    assert result.status is SrmStatus.NOT_CHECKED
    assert result.reasons == (Reason.TOO_FEW_EXPECTED,)
    assert result.p_value is None


def test_other_cases_are_reasons_or_errors() -> None:
    stray = check_sample_ratio({"a": 50, "b": 50, "c": 3}, {"a": 1, "b": 1})
    assert (stray.status, stray.reasons) == (SrmStatus.MISMATCH, (Reason.UNEXPECTED_STRATEGY,))
    single = check_sample_ratio({"a": 50}, {"a": 1, "b": 0})
    assert single.reasons == (Reason.NO_WEIGHTS,)
    with pytest.raises(ExperimentInputError):
        check_sample_ratio({"a": 5}, {"a": -1})


def _p_one_degree(chi_square: float) -> float:
    """Return the chi-square tail for one degree of freedom, independently: erfc(sqrt(x / 2))."""
    return math.erfc(math.sqrt(chi_square / 2))


@pytest.mark.parametrize(("a", "status"), [(552, SrmStatus.OK), (553, SrmStatus.MISMATCH)])
def test_the_alarm_sounds_just_below_p_one_in_a_thousand(a: int, status: SrmStatus) -> None:
    # 1,000 voicemails split 50/50: 552 vs 448 gives p just above 0.001, 553 vs 447 just below.
    result = check_sample_ratio({"x": a, "y": 1000 - a}, {"x": 1, "y": 1})
    chi_square = 2 * (a - 500) ** 2 / 500
    assert result.chi_square == pytest.approx(chi_square)
    assert result.p_value == pytest.approx(_p_one_degree(chi_square), rel=1e-9)
    assert (result.p_value < 0.001) is (status is SrmStatus.MISMATCH)
    assert result.status is status
    assert result.observed == {"x": a, "y": 1000 - a}


def test_a_p_value_exactly_at_the_alarm_level_is_no_alarm() -> None:
    counts, weights = {"a": 540, "b": 460}, {"a": 1, "b": 1}
    p = check_sample_ratio(counts, weights).p_value
    assert p is not None
    at = check_sample_ratio(counts, weights, alarm_p=p)
    above = check_sample_ratio(counts, weights, alarm_p=math.nextafter(p, 1))
    assert (at.status, above.status) == (SrmStatus.OK, SrmStatus.MISMATCH)


@pytest.mark.parametrize(
    ("counts", "checked"),
    [((5, 5), True), ((4, 5), False), ((5, 4), False), ((5, 6), True)],
)
def test_every_expected_count_must_reach_five(counts: tuple[int, int], checked: bool) -> None:
    # Ten voicemails split evenly expect 5 and 5: exactly the minimum, so checked; nine, 4.5.
    result = check_sample_ratio({"a": counts[0], "b": counts[1]}, {"a": 1, "b": 1})
    expected = sum(counts) / 2
    assert result.expected == {"a": expected, "b": expected}
    assert result.observed == {"a": counts[0], "b": counts[1]}
    if checked:
        assert result.status is SrmStatus.OK and result.p_value is not None
    else:
        assert (result.status, result.reasons) == (
            SrmStatus.NOT_CHECKED,
            (Reason.TOO_FEW_EXPECTED,),
        )
        assert (result.p_value, result.chi_square) == (None, None)


def test_a_strategy_with_no_voicemail_logged_is_a_mismatch() -> None:
    # Half the weight, none of the 50 voicemails: chi-square (50-25)²/25 + (0-25)²/25 = 50.
    for counts in ({"a": 50}, {"a": 50, "b": 0}):
        result = check_sample_ratio(counts, {"a": 1, "b": 1})
        assert result.observed == {"a": 50, "b": 0}
        assert result.expected == {"a": 25.0, "b": 25.0}
        assert result.chi_square == pytest.approx(50.0)
        assert result.p_value == pytest.approx(_p_one_degree(50.0), rel=1e-6)
        assert result.status is SrmStatus.MISMATCH


def test_a_stray_strategy_is_named_once_it_has_one_voicemail() -> None:
    none = check_sample_ratio({"a": 50, "b": 50, "c": 0}, {"a": 1, "b": 1})
    assert (none.status, none.observed) == (SrmStatus.OK, {"a": 50, "b": 50})
    one = check_sample_ratio({"a": 50, "b": 50, "c": 1}, {"a": 1, "b": 1})
    assert (one.status, one.reasons) == (SrmStatus.MISMATCH, (Reason.UNEXPECTED_STRATEGY,))
    assert one.observed == {"a": 50, "b": 50, "c": 1}
    assert (one.expected, one.p_value, one.chi_square) == ({}, None, None)


def test_one_weighted_strategy_is_not_checked_but_its_count_is_shown() -> None:
    result = check_sample_ratio({"a": 50}, {"a": 1, "b": 0})
    assert result.status is SrmStatus.NOT_CHECKED
    assert (result.observed, result.expected, result.p_value) == ({"a": 50}, {}, None)


@pytest.mark.parametrize(
    ("counts", "weights", "problem"),
    [
        ({"a": -1, "b": 5}, {"a": 1, "b": 1}, "The counts must be finite"),
        ({"a": 5, "b": 5}, {"a": math.nan}, "Every weight must be finite"),
    ],
)
def test_bad_counts_and_weights_name_what_is_wrong(
    counts: dict[str, int], weights: dict[str, float], problem: str
) -> None:
    with pytest.raises(ExperimentInputError) as caught:
        check_sample_ratio(counts, weights)
    assert caught.value.problem.startswith(problem)


@pytest.mark.parametrize(
    ("alarm_p", "min_expected", "ok"),
    [(0.0, 5, False), (1.0, 5, False), (2.0, 5, False), (0.05, 0.0, False), (0.05, 0.5, True),
     (0.999, 5, True)],
)  # fmt: skip
def test_the_alarm_level_and_minimum_count_are_checked(
    alarm_p: float, min_expected: float, ok: bool
) -> None:
    counts, weights = {"a": 50, "b": 50}, {"a": 1, "b": 1}
    if ok:
        assert check_sample_ratio(counts, weights, alarm_p, min_expected).status is SrmStatus.OK
        return
    with pytest.raises(ExperimentInputError) as caught:
        check_sample_ratio(counts, weights, alarm_p, min_expected)
    assert caught.value.problem.startswith("The alarm level must lie between 0 and 1")
    assert caught.value.fix == "Use the defaults (0.001 and 5)."
