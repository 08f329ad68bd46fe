"""Phone numbers in transcribed words, whatever way Whisper wrote the digits (no Whisper here)."""

import pytest

from callworthy.audio.measurements import measure
from callworthy.audio.model import Word
from callworthy.audio.numbers import (
    KnownNumber,
    digits_off,
    find_spoken_numbers,
    token_parts,
    written_form,
)
from callworthy.errors import InvalidPhoneError


def words(text: str, pace: float = 0.3) -> list[Word]:
    return [Word(t, i * pace, i * pace + pace * 0.8) for i, t in enumerate(text.split())]


@pytest.mark.parametrize(
    ("said", "digits"),
    [
        ("Call 7043331112 today", "7043331112"),
        ("Call 704-333-1112 today", "7043331112"),
        ("Call 704, 3-3-3, 11-12. Thanks", "7043331112"),
        ("Call three-three-three, eleven twelve today", "3331112"),
        ("Call seven oh four three three three eleven twelve today", "7043331112"),
        ("Call 704 free free free 1112 today", "7043331112"),
        ("Call (704) 333-1112 today", "7043331112"),
        ("Call 1-704-333-1112 today", "17043331112"),
        ("Call seven oh four, triple three, eleven twelve today", "7043331112"),
        ("Call seventy-four, 333, 1112", "743331112"),
    ],
)
def test_whisper_digit_quirks_read_back_as_the_number(said: str, digits: str) -> None:
    found = find_spoken_numbers(words(said))
    assert [n.digits for n in found] == [digits]


def test_look_alike_words_at_the_ends_are_dropped_when_the_number_is_whole_without_them() -> None:
    found = find_spoken_numbers(words("Call me for 704 333 1112 to talk"))
    assert [n.digits for n in found] == ["7043331112"]
    number = found[0]
    assert (number.first, number.end) == (3, 6)


def test_look_alike_words_alone_or_short_runs_are_not_numbers() -> None:
    assert find_spoken_numbers(words("I wrote to you for two reasons")) == []
    assert find_spoken_numbers(words("There are 5 ways and 3 tips")) == []
    assert find_spoken_numbers(words("free free, 1112")) == []  # six digits: not a number


def test_a_sentence_end_splits_a_number_said_twice_back_to_back() -> None:
    found = find_spoken_numbers(words("704-333-1112. 704-333-1112."))
    assert [n.digits for n in found] == ["7043331112", "7043331112"]


def test_token_parts_accepts_digit_groups_and_words_only() -> None:
    assert token_parts("-3,") == ["3"]
    assert token_parts("three-three-three") == ["three", "three", "three"]
    assert token_parts("Hi,") is None
    assert token_parts(",") is None


def test_written_form_groups_digits_like_a_script() -> None:
    assert written_form("7043331112") == "704-333-1112"
    assert written_form("17043331112") == "1-704-333-1112"
    assert written_form("3331112") == "333-1112"
    assert written_form("704331112") == "704-331-112"


# --- The rep's own number, matched with a digit's tolerance ------------------------------------

REP = KnownNumber.parse("(704) 333-1112")


@pytest.mark.parametrize(
    ("said", "heard", "off"),
    [
        ("Call 704-333-1112 today", "7043331112", 0),
        ("Call 704 -33 -1112 today", "704331112", 1),  # one 3 dropped
        ("Kim, 704-331-112. Your", "704331112", 1),  # dropped, and grouped wrongly
        ("Call 704-3333-1112 today", "70433331112", 1),  # a digit doubled
        ("Call 704-333-1113 today", "7043331113", 1),  # one digit changed
        ("Call seven oh four, three three, eleven twelve", "704331112", 1),
        ("Call 1-704-333-1112 today", "17043331112", 0),  # with the country code
    ],
)
def test_the_reps_number_is_found_one_digit_off(said: str, heard: str, off: int) -> None:
    [number] = find_spoken_numbers(words(said), [REP])
    assert (number.heard, number.digits_off, number.matched) == (heard, off, "+17043331112")
    assert number.digits in REP.forms


def test_the_local_part_said_alone_is_the_reps_number_even_short_a_digit() -> None:
    [number] = find_spoken_numbers(words("call 33-1112 now"), [REP])
    assert (number.digits, number.heard, number.digits_off) == ("3331112", "331112", 1)
    assert find_spoken_numbers(words("call 33-1112 now")) == []  # six digits, nothing known


def test_two_digits_off_or_another_number_is_not_the_reps() -> None:
    for said in ("Call 704-3-1112 today", "Call 704-333-1222 now", "Call 555-0199 now"):
        found = find_spoken_numbers(words(said), [REP])
        assert all(n.matched is None and n.digits_off is None for n in found), said


def test_a_sentence_end_inside_the_number_is_joined_only_when_it_says_the_reps_number() -> None:
    [number] = find_spoken_numbers(words("at 704, 33. 1112. Thanks"), [REP])
    assert (number.first, number.end, number.digits_off) == (1, 4, 1)
    [number] = find_spoken_numbers(words("Call 704. 333-1112."), [REP])
    assert (number.first, number.digits, number.digits_off) == (1, "7043331112", 0)
    # A stray number before a whole one is not glued to it.
    [number] = find_spoken_numbers(words("There are 5. 704-333-1112."), [REP])
    assert (number.first, number.digits_off) == (3, 0)
    # The same number twice back to back stays two numbers.
    assert len(find_spoken_numbers(words("704-333-1112. 704-333-1112."), [REP])) == 2


def test_a_garbled_repeat_still_counts_as_said_twice() -> None:
    said = words("Hi, 704-33-1112. Three of your rivals moved. Again, 704-333-1112.")
    measured = measure(said, 10.0, [REP])
    assert [n.times_said for n in measured.numbers] == [2, 2]
    assert [n.heard for n in measured.numbers] == ["704331112", "7043331112"]
    assert [n.times_said for n in measure(said, 10.0).numbers] == [1, 1]


@pytest.mark.parametrize("typed", ["call me", "12", "", "12345678901234567890", "+999 333 1112"])
def test_a_rep_phone_that_is_not_a_number_is_refused(typed: str) -> None:
    with pytest.raises(InvalidPhoneError, match="not a phone number"):
        KnownNumber.parse(typed)


def test_digits_off_is_one_edit_at_most() -> None:
    assert digits_off("7043331112", "7043331112") == 0
    assert digits_off("704331112", "7043331112") == 1
    assert digits_off("70433331112", "7043331112") == 1
    assert digits_off("7043331113", "7043331112") == 1
    assert digits_off("7043311113", "7043331112") is None
    assert digits_off("70431112", "7043331112") is None
    assert digits_off("12345", "123456") is None  # too short to say a phone number
