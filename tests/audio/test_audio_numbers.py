"""Phone numbers in transcribed words, whatever way Whisper wrote the digits (no Whisper here)."""

import pytest

from callworthy.audio.model import Word
from callworthy.audio.numbers import find_spoken_numbers, token_parts, written_form


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
