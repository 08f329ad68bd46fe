"""The coaching corpus (issue 15): published scripts the critique is measured on, and its reader."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from corpus_rows import corpus_row

from callworthy.critique.corpus import (
    COLUMNS,
    CorpusItem,
    Label,
    Situation,
    count_tables,
    page_of,
    read_corpus,
    same_page_pairs,
    site_of,
)
from callworthy.errors import DataFileError

ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "data" / "coaching" / "voicemails.csv"
README = ROOT / "data" / "coaching" / "README.md"

# The issue asks for at least 120 scripts from at least 40 pages; the file holds 120 from 79
# (data/coaching/README.md). These floors keep what was gathered from shrinking unnoticed;
# raise them as rows are added.
MIN_ROWS = 120
MIN_PAGES = 79
MAX_PAGE_SHARE = 0.10

HEADER = ",".join(COLUMNS)
GOOD_ROW = (
    'site-01,https://example.com/post,bad,cold,"Hi, this is Joe, call me at 555-0101.",It fails.,'
)


@pytest.fixture(scope="module")
def corpus() -> tuple[CorpusItem, ...]:
    with CORPUS.open(encoding="utf-8", newline="") as stream:
        return read_corpus(stream, str(CORPUS))


def read(text: str) -> tuple[CorpusItem, ...]:
    return read_corpus(io.StringIO(text, newline=""), "test.csv")


row = corpus_row


# --- the corpus itself -------------------------------------------------------------------


def test_the_corpus_reads_cleanly_into_typed_items(corpus: tuple[CorpusItem, ...]) -> None:
    assert corpus and all(isinstance(item, CorpusItem) for item in corpus)
    assert {item.label for item in corpus} == set(Label)
    assert all(isinstance(item.situation, Situation) for item in corpus)
    assert len({item.id for item in corpus}) == len(corpus)


def test_the_corpus_is_large_and_spread_over_many_pages(corpus: tuple[CorpusItem, ...]) -> None:
    pages = Counter(page_of(item) for item in corpus)
    assert len(corpus) >= MIN_ROWS
    assert len(pages) >= MIN_PAGES
    biggest_page, rows = pages.most_common(1)[0]
    assert rows / len(corpus) <= MAX_PAGE_SHARE, biggest_page


def test_both_classes_are_well_represented_with_same_page_pairs(
    corpus: tuple[CorpusItem, ...],
) -> None:
    good = sum(item.is_good for item in corpus) / len(corpus)
    assert 0.35 <= good <= 0.65
    pairs = same_page_pairs(corpus)
    assert len(pairs) >= 5
    for rows in pairs.values():
        assert {row.is_good for row in rows} == {True, False}


def test_every_phone_number_in_a_script_is_a_fictional_555_01xx(
    corpus: tuple[CorpusItem, ...],
) -> None:
    # A run of 7+ digits, whatever separates them (dashes, dots, spaces, "5 5 5 - 0 1 ..").
    for item in corpus:
        for run in re.finditer(r"\d(?:[\s().\-]{0,3}\d)+", item.text):
            digits = re.sub(r"\D", "", run.group())
            if len(digits) >= 7:
                assert re.fullmatch(r"55501\d\d", digits), (item.id, run.group())


def test_no_script_appears_twice_even_with_different_spacing_or_case(
    corpus: tuple[CorpusItem, ...],
) -> None:
    seen = Counter(" ".join(item.text.lower().split()) for item in corpus)
    assert [text for text, n in seen.items() if n > 1] == []


def test_nothing_by_or_about_the_seeds_author(corpus: tuple[CorpusItem, ...]) -> None:
    for item in corpus:
        fields = (item.text, item.source, item.source_says, item.note)
        assert not any("gitomer" in field.lower() for field in fields), item.id


def test_every_contested_or_partial_row_says_why(corpus: tuple[CorpusItem, ...]) -> None:
    for item in corpus:
        if "contested" in item.note.lower():
            assert "Contested:" in item.note, item.id
        if item.note.startswith(("Fragment", "Truncated")):
            assert len(item.note) > len("Fragment:"), item.id


def test_the_readme_count_tables_match_the_csv(corpus: tuple[CorpusItem, ...]) -> None:
    text = README.read_text(encoding="utf-8")
    held = text.split("<!-- counts:start -->", 1)[1].split("<!-- counts:end -->", 1)[0]
    assert held.strip("\n") + "\n" == count_tables(corpus), "run data/coaching/counts.py --write"


# --- page_of, site_of, same_page_pairs ---------------------------------------------------


def test_page_is_the_source_url_and_site_drops_www() -> None:
    items = read(f"{HEADER}\n{GOOD_ROW}\n{row(source='https://www.example.org/a/b')}\n")
    assert [page_of(i) for i in items] == [
        "https://example.com/post",
        "https://www.example.org/a/b",
    ]
    assert [site_of(i) for i in items] == ["example.com", "example.org"]


def test_same_page_pairs_needs_both_a_bad_and_a_good_script_on_one_page() -> None:
    text = "\n".join(
        [
            HEADER,
            GOOD_ROW,
            row(id="site-02", source="https://example.com/post", label="recommended"),
            row(id="site-03", source="https://example.com/lonely", label="good", text="Other."),
        ]
    )
    pairs = same_page_pairs(read(text + "\n"))
    assert list(pairs) == ["https://example.com/post"]
    assert sorted(i.label for i in pairs["https://example.com/post"]) == ["bad", "recommended"]


# --- the reader refuses bad rows with their line ------------------------------------------


def test_a_clean_file_with_a_multi_line_script_and_a_bom_reads() -> None:
    script = "Hi Ann,\nit's Joe.\n555-0103."
    items = read(f"\ufeff{HEADER}\r\n{GOOD_ROW}\r\n{row(text=script)}\r\n")
    assert [i.id for i in items] == ["site-01", "site-02"]
    assert items[1].text == script and items[1].label is Label.GOOD


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"label": "great"}, "the label 'great' is unknown"),
        ({"situation": "warm"}, "the situation 'warm' is unknown"),
        ({"id": "Site_2"}, "is not kebab-case ending in -nn"),
        ({"id": "site"}, "is not kebab-case ending in -nn"),
        ({"source": "http://example.com/x"}, "is not an https URL"),
        ({"source": "https://example.com/x/"}, "ends with a slash"),
        ({"source": "https://example.com/x#part"}, "has a #fragment"),
        ({"source": "https://example.com/x?utm_source=mail"}, "carries a tracking parameter"),
        ({"source": "example.com/x"}, "is not an https URL"),
        ({"text": "   "}, "the text is empty"),
        ({"source_says": ""}, "the source_says is empty"),
        ({"text": "Call me at 704-333-1112."}, "the phone number '704-333-1112'"),
        ({"text": "Call 5 5 5 - 1 2 1 2 now."}, "the phone number"),
    ],
)
def test_a_bad_row_is_refused_with_its_line(cells: dict[str, str], problem: str) -> None:
    with pytest.raises(DataFileError) as raised:
        read(f"{HEADER}\n{GOOD_ROW}\n{row(**cells)}\n")
    assert raised.value.line == 3
    assert raised.value.problem.startswith("test.csv:3: ")
    assert problem in raised.value.message
    assert raised.value.fix  # every refusal says what to do


def test_the_line_counts_physical_lines_of_earlier_multi_line_scripts() -> None:
    long_row = row(id="site-02", text="one\ntwo\nthree")
    bad = row(id="site-03", label="maybe", text="four")
    with pytest.raises(DataFileError) as raised:
        read(f"{HEADER}\n{GOOD_ROW}\n{long_row}\n{bad}\n")
    assert raised.value.line == 6  # header 1, row 2, rows 3-5, the bad row starts on 6


def test_a_repeated_id_or_text_names_both_lines() -> None:
    with pytest.raises(DataFileError, match=r"test.csv:3: the same id as line 2"):
        read(f"{HEADER}\n{GOOD_ROW}\n{row(id='site-01')}\n")
    same_text = row(text="Hi, this is Joe, call me at 555-0101.")
    with pytest.raises(DataFileError, match=r"test.csv:3: the same text as line 2"):
        read(f"{HEADER}\n{GOOD_ROW}\n{same_text}\n")


def test_a_row_with_the_wrong_number_of_fields_is_refused() -> None:
    with pytest.raises(DataFileError, match=r"test.csv:2: the row has 8 fields; expected 7"):
        read(f"{HEADER}\nsite-01,https://example.com/p,bad,cold,Hi, there,It fails.,\n")


def test_a_wrong_header_an_empty_file_and_broken_quoting_are_refused() -> None:
    with pytest.raises(DataFileError, match=r"test.csv:1: the header is 'id,url") as header:
        read("id,url,label,situation,text,source_says,note\n")
    assert "Use exactly: id,source,label" in header.value.message
    with pytest.raises(DataFileError, match=r"^test.csv: the file is empty"):
        read("")
    with pytest.raises(DataFileError, match=r"not valid CSV"):
        read(f'{HEADER}\nsite-01,https://example.com/p,bad,cold,"Hi there,It fails.,\n')
