"""A recording's timeline by offset and by time, the C counts' tables, a phone number's time."""

from __future__ import annotations

import pytest

from callworthy.text import analyse
from callworthy.text.analysis import Document, Timeline, _ascii_table, phone_seconds
from callworthy.text.phones import PhoneMention

#: Three tokens starting at 0, 3 and 8, said from 0.0, 0.4 and 1.0 s; the recording ends at 1.5 s.
MEASURED = Timeline([0, 3, 8], [0.0, 0.4, 1.0, 1.5])


@pytest.mark.parametrize(
    ("offset", "seconds"),
    [(0, 0.0), (1, 0.4), (3, 0.4), (4, 1.0), (8, 1.0), (9, 1.5), (50, 1.5)],
)
def test_a_measured_timeline_gives_the_time_before_the_token_at_an_offset(
    offset: int, seconds: float
) -> None:
    assert MEASURED.time_at(offset) == seconds
    assert MEASURED.total == 1.5


@pytest.mark.parametrize(("seconds", "offset"), [(0.0, 0), (0.39, 0), (0.4, 3), (0.5, 3), (1.2, 8)])
def test_a_measured_timeline_gives_the_token_said_at_a_time(seconds: float, offset: int) -> None:
    assert MEASURED.offset_at(seconds) == offset


def test_past_the_recordings_end_no_token_is_said() -> None:
    assert MEASURED.offset_at(1.5) < 0


def test_the_c_counts_table_marks_its_characters_and_blanks_every_other_byte() -> None:
    table = _ascii_table("ab", "x")
    assert len(table) == 256
    assert b"abc! a\x00\xff".translate(table) == b"xx   x  "


@pytest.mark.parametrize(
    ("number", "digits_said", "seconds"),
    [
        ("+17045550142", 10, 10 / 2.5 + 2 * 0.3),  # the country code is not said
        ("+17045550142", 0, 11 / 2.5 + 2 * 0.3),  # not known: every digit written
        ("5550142", 0, 7 / 2.5 + 0.3),  # two groups under ten digits
    ],
)
def test_a_phone_number_takes_its_digits_said_at_dictation_pace(
    number: str, digits_said: int, seconds: float
) -> None:
    mention = PhoneMention(number, 0, len(number), digits_said=digits_said)
    assert phone_seconds(mention) == pytest.approx(seconds)


def test_a_number_in_the_last_character_is_timed() -> None:
    doc = analyse("Call me at 5")
    assert doc.word_count == 4
    assert doc.timeline.total == pytest.approx(4 * 0.4)


def test_a_message_under_a_second_has_positions_too() -> None:
    doc = analyse("Hi there")  # 0.8 s
    assert doc.position(3) == 0.5
    assert doc.position(0) == 0.0


def test_a_number_counts_once_its_first_character_is_passed() -> None:
    text = "Call 5 now"
    doc = analyse(text)
    assert doc.time_at(text.index("5")) == pytest.approx(0.4)  # "call"
    assert doc.time_at(text.index("5") + 1) == pytest.approx(0.8)  # "call five"


def test_a_document_reads_numbers_as_american_by_default() -> None:
    (phone,) = Document("Call 704-555-0142 today").phones
    assert phone.number == "+17045550142"


@pytest.mark.parametrize("dash", ["\u2012", "\u2015"], ids=["figure-dash", "horizontal-bar"])
def test_a_spoken_number_joined_by_typographic_dashes_is_one_number(dash: str) -> None:
    text = f"Call seven zero four{dash}five five five{dash}zero one four two today"
    (phone,) = analyse(text).phones
    assert phone.spoken and phone.number == "+17045550142"
    assert (phone.start, phone.end) == (5, text.index(" today"))


def test_a_typographic_mark_left_in_the_lower_case_view_keeps_re2_off_it() -> None:
    # "‚" has no typewriter twin: as UTF-8 bytes it would shift every later match by two.
    doc = analyse("Hi\u201a Dana")
    assert doc.lower == "hi\u201a dana"
    assert doc.ascii is None
