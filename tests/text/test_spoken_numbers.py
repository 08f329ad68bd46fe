"""Numbers the way they are said: phone digits for the writer, word counts for the timing."""

import pytest

from callworthy.text import speak_phone
from callworthy.text.numbers import spoken_digits, spoken_word_count


@pytest.mark.parametrize(
    ("digits", "spoken"),
    [
        ("7043331112", "seven oh four, three three three, eleven twelve"),
        ("(704) 333-1112", "seven oh four, three three three, eleven twelve"),
        ("3331112", "three three three, eleven twelve"),
        ("5551234", "five five five, twelve thirty-four"),
        ("+1 704 555 1200", "one, seven oh four, five five five, twelve hundred"),
        ("2125550105", "two one two, five five five, oh one oh five"),
        ("2125550020", "two one two, five five five, oh oh two oh"),
    ],
)
def test_a_phone_number_is_written_the_way_it_should_be_said(digits: str, spoken: str) -> None:
    assert speak_phone(digits) == spoken


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("seven oh four three three three eleven twelve", "7043331112"),
        ("five five five twelve thirty four", "5551234"),
        ("five five five twelve thirty-four", "5551234"),
        ("double five five oh one nine nine", "5550199"),
        ("seven oh four twelve hundred", "7041200"),
    ],
)
def test_spoken_digits_are_read_back(words: str, digits: str) -> None:
    assert spoken_digits(words.replace("-", " ").split()) == digits


@pytest.mark.parametrize(
    ("token", "words"),
    # "twenty-five" is two spoken words; "$1,200" is "one thousand two hundred dollars".
    [("5", 1), ("25", 2), ("125", 4), ("$1,200", 5), ("50%", 2), ("2024", 3), ("3.5", 3)],
)
def test_a_written_number_counts_as_the_words_a_speaker_says(token: str, words: int) -> None:
    assert spoken_word_count(token) == words
