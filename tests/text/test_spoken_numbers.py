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


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("twenty oh thirty oh", "200300"),  # "oh" after a tens word is its own zero
        ("twenty zero", "200"),
        ("twenty one", "21"),
        ("twenty one thirty two", "2132"),  # the pair, then on to the next words
        ("ten four", "104"),  # only twenty to ninety join a digit: "ten four" is not 14
        ("ten oh four", "1004"),
        ("ninety nine", "99"),
        ("twenty twelve", "2012"),  # a teen never joins a tens word
        ("twenty", "20"),
        ("oh double oh", "000"),
        ("triple seven", "777"),
        ("triple twenty", "20"),  # "triple" repeats one digit only
        ("double", ""),
        ("one thousand", "1000"),
    ],
)
def test_odd_runs_of_spoken_digits_are_read_back(words: str, digits: str) -> None:
    assert spoken_digits(words.split()) == digits


@pytest.mark.parametrize(
    ("digits", "spoken"),
    [
        ("44207946001", "four four two, oh seven nine, four six oh, oh one"),  # 11, no leading 1
        ("12345678", "one two three, four five six, seven eight"),
        ("7040001000", "seven oh four, oh oh oh, ten hundred"),
        ("7040000012", "seven oh four, oh oh oh, oh oh one two"),
        ("7040000500", "seven oh four, oh oh oh, oh five oh oh"),
        ("7045551010", "seven oh four, five five five, ten ten"),
        ("7045552030", "seven oh four, five five five, twenty thirty"),
        ("7045552131", "seven oh four, five five five, twenty-one thirty-one"),
        ("17045552030", "one, seven oh four, five five five, twenty thirty"),
    ],
)
def test_odd_phone_numbers_are_written_to_be_said(digits: str, spoken: str) -> None:
    assert speak_phone(digits) == spoken


@pytest.mark.parametrize(
    ("token", "words"),
    # Years are said as years only from 1900 to 2099, written without a comma or a sign:
    # "eighteen ninety-nine" would be 3, but 1899 is "one thousand eight hundred ninety-nine".
    [("1899", 6), ("1900", 2), ("2099", 3), ("2100", 4), ("1,900", 4), ("$1,900", 5),
     ("1900%", 5), ("$5", 2), ("100", 2), ("3.25", 4), ("soon", 1)],
)  # fmt: skip
def test_numbers_near_the_year_range_count_the_words_said(token: str, words: int) -> None:
    assert spoken_word_count(token) == words
