"""The spoken-time estimate, positions within the message, and decoding script files."""

import pytest
from seeds_path import seeds

from callworthy.errors import EmptyTextError, NotTextError, TextTooLongError
from callworthy.text import analyse
from callworthy.text.analysis import MAX_CHARS, validate_script
from callworthy.text.decode import MAX_BYTES, decode_script


def test_words_are_spoken_at_150_a_minute_with_pauses() -> None:
    # 10 words at 0.4 s, one comma (0.2 s), one full stop (0.4 s).
    doc = analyse("Hi Lou, there are three ways to keep your drivers.")
    assert doc.word_count == 10
    assert doc.spoken_seconds == pytest.approx(4.6)


def test_a_phone_number_is_timed_digit_by_digit_with_group_pauses() -> None:
    doc = analyse("Call 704-333-1112")
    # 1 word (0.4 s) + 10 digits at 2.5 a second (4 s) + 2 pauses of 0.3 s.
    assert doc.spoken_seconds == pytest.approx(5.0)


def test_the_article_messages_last_what_a_voicemail_should() -> None:
    assert 15 <= analyse(seeds.SALES_LEAD).spoken_seconds <= 30
    assert analyse(seeds.LETTER_LONG).spoken_seconds > 30
    assert analyse(seeds.LETTER_BARE).spoken_seconds < 12


def test_positions_grow_through_the_message_and_round_trip_with_offsets() -> None:
    doc = analyse(seeds.SALES_LEAD)
    offsets = range(0, len(seeds.SALES_LEAD), 7)
    positions = [doc.position(o) for o in offsets]
    assert positions == sorted(positions) and positions[0] == 0.0 and positions[-1] < 1.0
    for seconds in (5.0, 10.0, 20.0):
        offset = doc.offset_at(seconds)
        assert doc.time_at(offset) <= seconds < doc.time_at(offset + 1) + 1.0


def test_the_number_position_is_measured_in_spoken_time() -> None:
    doc = analyse(seeds.HALF_MESSAGE)
    assert doc.position(doc.phones[0].start) < 0.25


def test_utf8_with_and_without_bom_decodes() -> None:
    assert decode_script("Hi Zoë".encode()) == "Hi Zoë"
    assert decode_script(b"\xef\xbb\xbfHi Lou") == "Hi Lou"


def test_binary_input_is_refused_with_the_fix() -> None:
    with pytest.raises(NotTextError, match="binary file") as caught:
        decode_script(b"\x89PNG\r\n\x1a\n\x00\x00", "logo.png")
    assert caught.value.exit_code == 5


def test_another_encoding_is_refused_naming_the_byte() -> None:
    with pytest.raises(NotTextError, match=r"not UTF-8 text \(byte 0xe9 at position 6\)"):
        decode_script("Hi Jos\xe9".encode("latin-1"), "script.txt")


def test_a_huge_file_is_refused_before_decoding() -> None:
    with pytest.raises(TextTooLongError, match="bytes"):
        decode_script(b"a" * (MAX_BYTES + 1))


@pytest.mark.parametrize(
    ("data", "kind", "problem", "fix"),
    [
        (b"x" * (MAX_BYTES + 1), TextTooLongError,
         f"the input is {MAX_BYTES + 1:,} bytes; "
         f"a script may have at most {MAX_CHARS:,} characters.",
         "A voicemail should last 15-30 seconds (about 40-75 words): cut it down."),
        (b"Hi\x00there", NotTextError, "the input looks like a binary file, not text.",
         "Pass a plain-text script (.txt), or paste the words."),
        ("Hi Jos\u00e9".encode("latin-1"), NotTextError,
         "the input is not UTF-8 text (byte 0xe9 at position 6).",
         "Save it as UTF-8 (in most editors: Save As, Encoding: UTF-8) and try again."),
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_script_says_what_it_is_and_the_fix(
    data: bytes, kind: type[Exception], problem: str, fix: str
) -> None:
    with pytest.raises(kind) as caught:
        decode_script(data)
    assert (caught.value.problem, caught.value.fix) == (problem, fix)  # type: ignore[attr-defined]


def test_a_script_of_exactly_the_largest_size_and_a_byte_order_mark_are_read() -> None:
    assert decode_script(b"a" * MAX_BYTES) == "a" * MAX_BYTES
    assert decode_script("\ufeffHi Dana".encode()) == "Hi Dana"


@pytest.mark.parametrize(
    ("text", "kind", "problem", "fix"),
    [
        ("", EmptyTextError, "The script is empty.",
         "Paste or type the voicemail you plan to leave."),
        (" \n\t ", EmptyTextError, "The script is empty.",
         "Paste or type the voicemail you plan to leave."),
        ("a" * (MAX_CHARS + 1), TextTooLongError,
         f"The script is {MAX_CHARS + 1:,} characters; the limit is {MAX_CHARS:,}.",
         "A voicemail should last 15-30 seconds (about 40-75 words): cut it down."),
    ],
)  # fmt: skip
def test_a_script_that_cannot_be_critiqued_says_why_and_the_fix(
    text: str, kind: type[Exception], problem: str, fix: str
) -> None:
    with pytest.raises(kind) as caught:
        validate_script(text)
    assert (caught.value.problem, caught.value.fix) == (problem, fix)  # type: ignore[attr-defined]
    assert validate_script("a" * MAX_CHARS) == "a" * MAX_CHARS
