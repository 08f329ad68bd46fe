"""Reading the record: each signal's strength and sentence, at its threshold and either side.

The rep reads these sentences as evidence and the causes weigh the strengths, so both are
pinned exactly on small hand-made records (the critique's rule ids given, not computed).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from callworthy.diagnose.model import Attempt, Record, Signal
from callworthy.diagnose.record import LONG_GAP_DAYS, SIGNALS, STRONG_SCORE, read_record
from callworthy.experiments.cadence import Cadence

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
#: A policy of its own, so the thresholds below are the test's and not the bundled file's.
POLICY = Cadence(
    spacing_days=7,
    max_unanswered=5,
    crowded_messages=4,
    crowded_days=7,
    stop_advice="Stop.",
    examples=(),
)


def left(days: float, strategy: str = "value_tip", score: int | None = 60, *rules: str) -> Attempt:
    return Attempt(T0 + timedelta(days=days), strategy, score, tuple(rules))


def record(
    attempts: list[Attempt],
    callbacks: tuple[datetime, ...] = (),
    *,
    now_days: float | None = None,
    humor_ok: bool | None = None,
    policy: Cadence = POLICY,
) -> Record:
    last = max(a.left_at for a in attempts) if attempts else T0
    now = T0 + timedelta(days=now_days) if now_days is not None else last
    return read_record(attempts, callbacks, now=now, humor_ok=humor_ok, policy=policy)


def signal(found: Record, sid: str) -> Signal | None:
    assert sid in SIGNALS
    return next((s for s in found.signals if s.id == sid), None)


def test_an_empty_record_shows_nothing_and_says_so() -> None:
    empty = read_record([], (T0,), now=T0)
    assert empty == Record(
        attempts=0,
        callbacks=1,
        signals=(),
        notes=("The record is empty: no voicemail was logged, so only your answers count.",),
    )
    assert empty.empty and empty.days_since_last is None


@pytest.mark.parametrize(
    ("sid", "rules", "said"),
    [
        ("self_focused", ("pitch.hype",), "were about you (self-focus, pitch phrases)"),
        ("self_focused", ("focus.self-focus",), "were about you (self-focus, pitch phrases)"),
        ("no_value", ("value.no-value",), "gave them nothing: no tip, idea or lead"),
        ("bare_call_me", ("callback.bare-call-me",), "were a bare 'call me back'"),
        ("money_saving", ("value.money-saving",), "pitched saving money as the gain"),
        ("generic", ("generic.number-six",), "sounded like every other rep's"),
    ],
)
def test_a_finding_shows_as_the_share_of_critiqued_messages(
    sid: str, rules: tuple[str, ...], said: str
) -> None:
    attempts = [left(0, "a", 60, *rules), left(8, "b", 60), left(16, "c", 60, *rules)]
    attempts.append(Attempt(T0 + timedelta(days=24), "d", None, None))  # no script kept
    found = record(attempts)
    assert signal(found, sid) == Signal(sid, 2 / 3, f"2 of 3 messages {said}.")
    assert found.notes == ("1 of 4 messages have no script kept, so no critique.",)
    assert [s.id for s in found.signals].count(sid) == 1


def test_findings_that_no_message_had_show_no_signal() -> None:
    found = record([left(0, "a", 60, "value.tip"), left(8, "b", 60)])
    assert not found.signals and found.notes == ()


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ((50, 50), None),  # at 50: not low
        ((49, 49), Signal("low_scores", 1 / 50, "Your messages averaged 49/100.")),
        ((10, 30), Signal("low_scores", 30 / 50, "Your messages averaged 20/100.")),
        ((0,), Signal("low_scores", 1.0, "Your messages averaged 0/100.")),
    ],
)
def test_low_scores_start_below_an_average_of_fifty(
    scores: tuple[int, ...], expected: Signal | None
) -> None:
    attempts = [left(8 * i, f"s{i}", score) for i, score in enumerate(scores)]
    attempts.append(Attempt(T0 + timedelta(days=100), "unscored", None, ()))
    assert signal(record(attempts), "low_scores") == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        # Four messages within 7 days is the flood; three is not; 7 days apart is still within.
        ((0, 1, 2), None),
        ((0, 1, 2, 7.5), None),
        (
            (0, 1, 2, 7),
            Signal("calls_crowded", 1 / 5, "4 messages within 7 days (up to 1 on one day)."),
        ),
        (
            (0, 0.1, 0.2, 3, 6),
            Signal("calls_crowded", 2 / 5, "5 messages within 7 days (up to 3 on one day)."),
        ),
        (
            tuple(i / 10 for i in range(12)),
            Signal("calls_crowded", 1.0, "12 messages within 7 days (up to 7 on one day)."),
        ),
    ],
)
def test_a_flood_is_the_cadences_count_within_its_days(
    days: tuple[float, ...], expected: Signal | None
) -> None:
    found = record([left(d, f"s{i}") for i, d in enumerate(days)], (T0 + timedelta(days=30),))
    assert signal(found, "calls_crowded") == expected


def test_the_flood_is_read_in_any_window_not_only_from_the_first_message() -> None:
    days = (0, 20, 21, 22, 23)  # the first is far from the four that crowd
    found = record([left(d, f"s{i}") for i, d in enumerate(days)])
    assert signal(found, "calls_crowded") == Signal(
        "calls_crowded", 1 / 5, "4 messages within 7 days (up to 1 on one day)."
    )
    spread = record([left(d, f"s{i}") for i, d in enumerate((0, 20, 21, 22, 30))])
    assert signal(spread, "calls_crowded") is None


@pytest.mark.parametrize(
    ("count", "callback_after", "expected"),
    [
        (4, None, None),
        (5, None, Signal("many_attempts", 2 / 5, "5 messages without a call back.")),
        (7, None, Signal("many_attempts", 4 / 5, "7 messages without a call back.")),
        (9, None, Signal("many_attempts", 1.0, "9 messages without a call back.")),
        # Only those since the last call back count: 2 before it, 5 after.
        (7, 1, Signal("many_attempts", 2 / 5, "5 messages without a call back.")),
        (6, 1, None),
    ],
)
def test_many_attempts_counts_messages_since_the_last_call_back(
    count: int, callback_after: int | None, expected: Signal | None
) -> None:
    attempts = [left(8 * i, f"s{i % 3}") for i in range(count)]
    callbacks = () if callback_after is None else (attempts[callback_after].left_at,)
    assert signal(record(attempts, callbacks), "many_attempts") == expected


def test_a_call_back_at_the_same_second_as_a_message_answers_it() -> None:
    attempts = [left(8 * i, f"s{i % 3}") for i in range(6)]
    found = record(attempts, (attempts[0].left_at,))
    assert signal(found, "many_attempts") == Signal(
        "many_attempts", 2 / 5, "5 messages without a call back."
    )
    assert signal(found, "returned_before") == Signal(
        "returned_before", 1.0, "Called back once, then silent for 5 tries."
    )


@pytest.mark.parametrize(
    ("count", "callbacks", "never", "returned"),
    [
        (2, False, None, None),
        (3, False, "Never called back in 3 tries.", None),
        (3, True, None, "Called back once, then silent for 2 tries."),
    ],
)
def test_never_returned_and_returned_before(
    count: int, callbacks: bool, never: str | None, returned: str | None
) -> None:
    attempts = [left(8 * i, f"s{i}") for i in range(count)]
    backs = (attempts[0].left_at + timedelta(hours=1),) if callbacks else ()
    found = record(attempts, backs)
    assert signal(found, "never_returned") == (
        Signal("never_returned", 1.0, never) if never else None
    )
    assert signal(found, "returned_before") == (
        Signal("returned_before", 1.0, returned) if returned else None
    )


def test_a_call_back_after_the_last_message_leaves_nothing_unanswered() -> None:
    attempts = [left(8 * i, f"s{i}") for i in range(3)]
    found = record(attempts, (attempts[-1].left_at + timedelta(hours=1),))
    assert signal(found, "returned_before") is None and signal(found, "never_returned") is None


@pytest.mark.parametrize(
    ("strategies", "expected"),
    [
        (("a", "a"), None),  # two messages are too few to say
        (("a", "a", "b"), None),  # 2 of 3 is under three in four
        (
            ("a", "a", "a"),
            Signal("same_strategy", 1.0, "3 of 3 messages used the same strategy (a)."),
        ),
        (
            ("a", "b", "a", "a"),
            Signal("same_strategy", 0.75, "3 of 4 messages used the same strategy (a)."),
        ),
        (("b", "a", "a", "c", "a"), None),  # 3 of 5
    ],
)
def test_the_same_strategy_is_three_messages_in_four(
    strategies: tuple[str, ...], expected: Signal | None
) -> None:
    found = record([left(8 * i, s) for i, s in enumerate(strategies)])
    assert signal(found, "same_strategy") == expected


def _strong(scores: list[int], callback_after: int | None = None, *rules: str) -> Record:
    attempts = [left(8 * i, f"s{i}", score, *rules) for i, score in enumerate(scores)]
    backs = () if callback_after is None else (attempts[callback_after].left_at,)
    return record(attempts, backs)


def test_a_strong_message_ignored_among_four_unanswered() -> None:
    found = _strong([60, STRONG_SCORE, 80, 40])
    assert signal(found, "strong_value_ignored") == Signal(
        "strong_value_ignored",
        4 / 6,
        "Even your best message (s2, 80/100) went unanswered, one of 4 without a call back.",
    )
    many = _strong([60, 60, 75, 60, 60, 60, 60])
    assert signal(many, "strong_value_ignored") == Signal(
        "strong_value_ignored",
        1.0,
        "Even your best message (s2, 75/100) went unanswered, one of 7 without a call back.",
    )


@pytest.mark.parametrize(
    ("scores", "callback_after", "rules"),
    [
        ([60, 74, 70, 60], None, ()),  # nothing at 75
        ([60, 90, 70], None, ()),  # three unanswered are too few
        ([90, 60, 60, 60, 60], 0, ()),  # the strong one was called back (same second)
        ([60, 90, 60, 60], None, ("value.no-value",)),  # a strong score, nothing for them
    ],
    ids=["under 75", "three unanswered", "called back", "no value"],
)
def test_no_strong_message_ignored_without_one_strong_and_four_unanswered(
    scores: list[int], callback_after: int | None, rules: tuple[str, ...]
) -> None:
    found = _strong(scores, callback_after, *rules)
    assert signal(found, "strong_value_ignored") is None


def test_a_strong_score_without_a_script_kept_still_counts() -> None:
    attempts = [left(8 * i, f"s{i}", 60) for i in range(3)]
    attempts.append(Attempt(T0 + timedelta(days=30), "imported", 85, None))
    assert signal(record(attempts), "strong_value_ignored") == Signal(
        "strong_value_ignored",
        4 / 6,
        "Even your best message (imported, 85/100) went unanswered, one of 4 without a call back.",
    )


def test_a_strong_message_after_the_call_back_counts() -> None:
    found = _strong([60, 90, 60, 60, 60], 0)
    assert signal(found, "strong_value_ignored") == Signal(
        "strong_value_ignored",
        4 / 6,
        "Even your best message (s1, 90/100) went unanswered, one of 4 without a call back.",
    )


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (LONG_GAP_DAYS - 1, None),
        (LONG_GAP_DAYS, Signal("long_gap", 45 / 90, "45 days since your last message.")),
        (120, Signal("long_gap", 1.0, "120 days since your last message.")),
    ],
)
def test_a_long_gap_since_the_last_message(days: int, expected: Signal | None) -> None:
    found = record([left(0), left(3, "other")], now_days=3 + days + 0.5)
    assert found.days_since_last == days
    assert signal(found, "long_gap") == expected


def test_a_message_logged_after_now_is_no_gap() -> None:
    assert record([left(10)], now_days=0).days_since_last == 0


@pytest.mark.parametrize(
    ("humor_ok", "expected"),
    [
        (False, "2 humorous messages for a prospect marked as not open to humor."),
        (True, None),
        (None, None),  # not known: no signal
    ],
)
def test_humor_left_for_someone_not_open_to_it(humor_ok: bool | None, expected: str | None) -> None:
    attempts = [left(0, "a", 60, "humor.pun"), left(8, "b"), left(16, "c", 60, "humor.joke")]
    found = record(attempts, humor_ok=humor_ok)
    assert signal(found, "humor_unwelcome") == (
        Signal("humor_unwelcome", 1.0, expected) if expected else None
    )
    one = record([left(0, "a", 60, "humor.pun")], humor_ok=False)
    assert signal(one, "humor_unwelcome") == Signal(
        "humor_unwelcome", 1.0, "1 humorous message for a prospect marked as not open to humor."
    )


def test_attempts_are_read_in_time_order_whatever_order_they_come_in() -> None:
    attempts = [left(16, "c"), left(0, "a"), left(8, "b")]
    found = record(attempts, (T0 + timedelta(days=4),), now_days=80)
    assert found.days_since_last == 64  # from the last message, not the last in the list
    assert signal(found, "returned_before") == Signal(
        "returned_before", 1.0, "Called back once, then silent for 2 tries."
    )
    assert (found.attempts, found.callbacks) == (3, 1)
