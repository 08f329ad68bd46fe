"""The spoken-time model, counted by hand: words at 2.5 a second, 0.2 s a comma pause, 0.4 s a
sentence end, numbers as the words said, phone numbers digit by digit.

Each script is also read with its a's accented, which sends it down the model's other path
(the regexes, not the C counts on ASCII): both must say the same.
"""

from __future__ import annotations

import pytest

from callworthy.text import analyse
from callworthy.text.analysis import typewrite

#: script, plain words, words said for numbers, phone numbers, seconds.
SCRIPTS = [
    ("Hi Dana, call me.", 4, 0, 0, 4 * 0.4 + 0.2 + 0.4),
    ("Don't wait; it's late!", 4, 0, 0, 4 * 0.4 + 0.2 + 0.4),
    ("Wait... really?!", 2, 0, 0, 2 * 0.4 + 2 * 0.4),
    ("One: two, three; four.", 4, 0, 0, 4 * 0.4 + 3 * 0.2 + 0.4),
    ("It costs $1,200 a month.", 4, 5, 0, 4 * 0.4 + 5 * 0.4 + 0.4),
    ("Up 2.5%, then 1,200, ok.", 3, 8, 0, 3 * 0.4 + 8 * 0.4 + 2 * 0.2 + 0.4),
    ("Call 555-0142, Dana.", 2, 0, 1, 2 * 0.4 + (7 / 2.5 + 0.3) + 0.2 + 0.4),
    ("Call 704-555-0142", 1, 0, 1, 0.4 + 10 / 2.5 + 2 * 0.3),
    ("'Tis the 'best' time", 4, 0, 0, 4 * 0.4),
    ("a '' b, c", 3, 0, 0, 3 * 0.4 + 0.2),
    ("No pause at all", 4, 0, 0, 4 * 0.4),
]


@pytest.mark.parametrize(("text", "words", "number_words", "phones", "seconds"), SCRIPTS)
@pytest.mark.parametrize("accented", [False, True], ids=["ascii", "accented"])
def test_a_scripts_words_and_seconds(
    text: str, words: int, number_words: int, phones: int, seconds: float, accented: bool
) -> None:
    doc = analyse(text.replace("a", "á") if accented else text)
    assert len(doc.phones) == phones
    assert doc.word_count == words + number_words + phones
    assert doc.spoken_seconds == round(seconds, 1)
    assert doc.timeline.total == pytest.approx(seconds, abs=1e-9)
    assert doc.time_at(len(text) + 1) == pytest.approx(seconds, abs=1e-9)


@pytest.mark.parametrize("accented", [False, True], ids=["ascii", "accented"])
def test_time_position_and_offset_along_one_script(accented: bool) -> None:
    text = "Hi Dana, call me."
    doc = analyse(text.replace("a", "á") if accented else text)
    call = text.index("call")
    assert doc.time_at(0) == 0.0
    assert doc.time_at(3) == pytest.approx(0.4)  # after "Hi"
    assert doc.time_at(call) == pytest.approx(1.0)  # two words and the comma
    assert doc.time_at(call + 2) == pytest.approx(1.4)  # inside "call": once it is said
    assert doc.position(call) == round(1.0 / 2.2, 3)
    assert doc.position(call) == doc.position(call)  # kept, asked again
    assert doc.position(len(text) + 5) == 1.0
    assert doc.offset_at(0.0) == 0
    assert doc.offset_at(0.39) == 0 and doc.offset_at(0.4) == 3
    assert doc.offset_at(1.0) == call
    assert doc.offset_at(99.0) == len(text)  # past the end: the end


def test_a_text_with_nothing_to_say_takes_no_time_and_sits_at_the_start() -> None:
    doc = analyse("- - -")
    assert doc.spoken_seconds == 0.0 and doc.word_count == 0
    assert doc.position(3) == 0.0


@pytest.mark.parametrize(
    ("text", "sentences"),
    [("Hi. How are you? Fine!", 3), ("Hi...", 1), ("No stop", 1), ("Yes!! Ok", 2), ("   ", 0)],
)
def test_sentences_are_counted(text: str, sentences: int) -> None:
    assert analyse(text).sentence_count == sentences
    assert analyse(text).question_count == text.count("?")


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("you\u2019re", "you're"),
        ("\u2018hi\u2019", "'hi'"),
        ("\u201cso\u201d", '"so"'),
        ("a\u2014b\u2013c", "a-b-c"),
        ("wait\u2026", "wait."),
        ("\u2022 one \u00b7 two", "* one * two"),
        ("a\u00a0b", "a b"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_typographic_punctuation_reads_as_its_typewriter_twin(typed: str, plain: str) -> None:
    assert typewrite(typed) == plain
    assert len(typewrite(typed)) == len(typed)  # one for one: offsets keep


def test_the_lower_case_and_ascii_views_are_kept_only_where_offsets_hold() -> None:
    doc = analyse("Hi Dana\u2019s TEAM")
    assert doc.lower == "hi dana's team" and doc.ascii == b"hi dana's team"
    dotted = analyse("\u0130stanbul office")  # "İ" lower-cases to two characters
    assert dotted.lower is None and dotted.ascii is None
    accented = analyse("Café Dana")
    assert accented.lower == "café dana" and accented.ascii is None
    tab = analyse("Hi\x0bDana")  # a character RE2 and re read differently
    assert tab.lower == "hi\x0bdana" and tab.ascii is None


def test_a_script_has_no_measurements() -> None:
    doc = analyse("Hi Dana, call me.")
    assert doc.measured_any is False
    assert doc.measured("words_per_minute") is None
    assert doc.measured_span("phone_digits_per_second") is None
