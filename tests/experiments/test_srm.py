"""Sample-ratio mismatch check."""

from __future__ import annotations

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
