"""Phone numbers found in scripts, written or spoken, with their spans."""

import pytest

from callworthy.text import find_phone_mentions


@pytest.mark.parametrize(
    ("text", "number", "said"),
    [
        ("Call me at (704) 333-1112 today.", "+17043331112", "(704) 333-1112"),
        ("Call me at 704.333.1112 today.", "+17043331112", "704.333.1112"),
        ("Call me at +1 704 333 1112 today.", "+17043331112", "+1 704 333 1112"),
        ("This is Bob; please give me a call at 555-1234.", "5551234", "555-1234"),
        ("Hi, this is Jeffrey, 333-1112, I'm calling", "3331112", "333-1112"),
    ],
)
def test_written_numbers_are_found_with_their_span(text: str, number: str, said: str) -> None:
    (mention,) = find_phone_mentions(text)
    assert mention.number == number
    assert text[mention.start : mention.end] == said
    assert mention.spoken is False


def test_spoken_numbers_are_found() -> None:
    text = "It's Kim, seven oh four, three three three, eleven twelve. Thanks."
    (mention,) = find_phone_mentions(text)
    assert mention.spoken and mention.number == "+17043331112"
    assert text[mention.start : mention.end] == "seven oh four, three three three, eleven twelve"


def test_the_same_number_written_and_spoken_counts_as_one_line() -> None:
    text = "Kim at 704-333-1112, that's seven oh four, three three three, eleven twelve."
    first, second = find_phone_mentions(text)
    assert first.key == second.key


def test_the_region_decides_numbers_without_a_country_code() -> None:
    (mention,) = find_phone_mentions("Ring me on 020 7946 0018 today.", region="GB")
    assert mention.number == "+442079460018"


@pytest.mark.parametrize(
    "text",
    ["There are three ways to keep five of your best people.", "Revenue grew 12% in 2024.", "José"],
)
def test_ordinary_numbers_are_not_phone_numbers(text: str) -> None:
    assert find_phone_mentions(text) == ()


def test_a_spoken_number_stops_at_the_end_of_a_sentence() -> None:
    text = "It's Kim, seven oh four, three three three, eleven twelve. Three of your rivals moved."
    (mention,) = find_phone_mentions(text)
    assert mention.number == "+17043331112"
    assert text[mention.end - 6 : mention.end] == "twelve"


@pytest.mark.parametrize(
    "placeholder",
    ["[phone number]", "[Your Phone Number]", "{phone}", "<direct line>", "(XXX) XXX-XXXX",
     "xxx-xxx-xxxx", "[cell #]", "(phone number)"],
)  # fmt: skip
def test_a_templates_number_placeholder_counts_as_the_reps_number(placeholder: str) -> None:
    text = f"Hi [Name], it's Kim at {placeholder}. Again, {placeholder}."
    first, second = find_phone_mentions(text)
    assert text[first.start : first.end] == placeholder and first.key == second.key
    assert first.digits_said == 10 and first.spoken is False
    assert first.number == placeholder.lower()


@pytest.mark.parametrize(
    "text", ["A (big) deal, [Name].", "Call me about the [topic] today.", "Ask for {name}."]
)
def test_other_brackets_are_not_numbers(text: str) -> None:
    assert find_phone_mentions(text) == ()


def test_number_words_before_a_spoken_number_do_not_hide_it() -> None:
    # "twenty five" is a run of number words too short to be a phone number; the search
    # must go on to the number that follows.
    text = "I need twenty five minutes. Call me at seven oh four, three three three, eleven twelve."
    (mention,) = find_phone_mentions(text)
    assert mention.number == "+17043331112" and mention.spoken
    assert text[mention.start : mention.end] == "seven oh four, three three three, eleven twelve"
    assert mention.digits_said == 10


def test_an_eleven_digit_spoken_number_with_its_country_code() -> None:
    text = "It's Kim on one seven oh four, three three three, eleven twelve."
    (mention,) = find_phone_mentions(text)
    assert (mention.number, mention.digits_said, mention.spoken) == ("+17043331112", 11, True)


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("five five five one two three", None),  # 6 digits: too few
        ("five five five one two three four", "5551234"),  # 7: the fewest a number has
        ("four four two oh seven nine four six oh oh one eight one two three", "442079460018123"),
        ("four four two oh seven nine four six oh oh one eight one two three four", None),  # 16
    ],
)
def test_a_spoken_number_has_7_to_15_digits(words: str, found: str | None) -> None:
    mentions = find_phone_mentions(f"Call {words} today.")
    assert [m.number for m in mentions] == ([found] if found else [])
    if found:
        assert mentions[0].digits_said == len(found)


@pytest.mark.parametrize(
    ("text", "said"),
    [("Call me at (704) 333-1112 today.", 10), ("Call me at +1 704 333 1112 today.", 11),
     ("Call +44 20 7946 0018 now.", 12), ("Call 555-1234 now.", 7)],
)  # fmt: skip
def test_a_written_number_counts_the_digits_the_speaker_says(text: str, said: int) -> None:
    (mention,) = find_phone_mentions(text)
    assert mention.digits_said == said and mention.spoken is False


def test_a_lines_key_is_its_last_seven_digits() -> None:
    text = "Kim at 704-333-1112, or my cell, 980-555-0199."
    office, cell = find_phone_mentions(text)
    assert (office.key, cell.key) == ("3331112", "5550199")
    (local,) = find_phone_mentions("Kim at 333-1112.")
    assert local.key == office.key


def test_offsets_hold_when_lower_casing_changes_the_texts_length() -> None:
    # "İ".lower() is two characters: spans must still point into the text as given.
    text = "İstanbul office: Seven Oh Four, three three three, eleven twelve."
    (mention,) = find_phone_mentions(text)
    assert text[mention.start : mention.end] == "Seven Oh Four, three three three, eleven twelve"
    assert mention.number == "+17043331112"


def test_a_number_at_the_very_start_or_end_of_the_text_is_found_whole() -> None:
    for text in ("704-333-1112 is my cell.", "My cell is 704-333-1112"):
        (mention,) = find_phone_mentions(text)
        assert text[mention.start : mention.end] == "704-333-1112"
        assert (mention.number, mention.digits_said) == ("+17043331112", 10)


def test_the_fast_paths_find_what_the_plain_search_finds() -> None:
    text = "Hi, Kim at 704-333-1112, that's seven oh four, three three three, eleven twelve."
    lower = text.lower()
    plain = find_phone_mentions(text)
    assert len(plain) == 2
    assert find_phone_mentions(text, lower=lower, ascii=lower.encode()) == plain
    assert find_phone_mentions(text, lower=lower) == plain
    assert find_phone_mentions(text, lower="too short") == plain


def test_ten_then_a_digit_is_read_as_three_digits() -> None:
    text = "Call seven oh four, five five five, ten four two."
    (mention,) = find_phone_mentions(text)
    assert (mention.number, mention.digits_said) == ("+17045551042", 10)


def test_a_run_that_is_no_phone_number_does_not_hide_the_next_one() -> None:
    # "oh one one, nine nine nine, ..." dials out to a country code that does not exist.
    text = (
        "Dial oh one one, nine nine nine, one two three four. "
        "Or seven oh four, three three three, eleven twelve."
    )
    (mention,) = find_phone_mentions(text)
    assert mention.number == "+17043331112"
