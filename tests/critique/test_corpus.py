"""The coaching corpus reader on small files: each refusal's exact problem and fix, each field."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from corpus_rows import corpus_row

from callworthy.critique.corpus import (
    COLUMNS,
    CorpusItem,
    Label,
    Situation,
    count_tables,
    read_corpus,
    site_of,
)
from callworthy.errors import DataFileError

HEADER = ",".join(COLUMNS)
FIRST = (
    'site-01,https://example.com/post,bad,cold,"Hi, this is Joe, call me at 555-0101.",It fails.,'
)


def row(**cells: str) -> str:
    """Return one quoted CSV row: a valid second script with a note, with `cells` changed."""
    return corpus_row(**{"note": "Fragment: the page quotes the opening only.", **cells})


def read_file(path: Path) -> tuple[CorpusItem, ...]:
    """Read a corpus file opened as the reader asks: UTF-8, newline=""."""
    with path.open(encoding="utf-8", newline="") as stream:
        return read_corpus(stream, path.name)


def refusal(tmp_path: Path, text: str) -> DataFileError:
    """Return the error a corpus file holding `text` is refused with."""
    path = tmp_path / "corpus.csv"
    path.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(DataFileError) as raised:
        read_file(path)
    return raised.value


def test_every_field_of_a_row_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    path.write_text(f"{HEADER}\n{FIRST}\n{row()}\n", encoding="utf-8", newline="")
    first, second = read_file(path)
    assert first == CorpusItem(
        id="site-01",
        source="https://example.com/post",
        label=Label.BAD,
        situation=Situation.COLD,
        text="Hi, this is Joe, call me at 555-0101.",
        source_says="It fails.",
        note="",
    )
    assert second == CorpusItem(
        id="site-02",
        source="https://example.com/other",
        label=Label.GOOD,
        situation=Situation.REFERRAL,
        text="Ann at Delta said you are hiring drivers; call me at 555-0102.",
        source_says="It worked.",
        note="Fragment: the page quotes the opening only.",
    )
    assert (first.is_good, second.is_good) == (False, True)


LABELS = "bad, good, recommended"
SITUATIONS = (
    "cold, follow_up, referral, trigger_event, inbound_lead, existing_customer, breakup, other"
)
URL_FIX = "Give the page's canonical https URL."


@pytest.mark.parametrize(
    ("cells", "problem", "fix"),
    [
        (
            {"id": "Site_2"},
            "the id 'Site_2' is not kebab-case ending in -nn.",
            "Use e.g. site-author-01.",
        ),
        ({"label": "great"}, "the label 'great' is unknown.", f"Use one of: {LABELS}."),
        (
            {"situation": "warm"},
            "the situation 'warm' is unknown.",
            f"Use one of: {SITUATIONS}.",
        ),
        ({"source": ""}, "the source '' is not an https URL.", URL_FIX),
        (
            {"source": "https://example.com/a page"},
            "the source 'https://example.com/a page' is not an https URL.",
            URL_FIX,
        ),
        (
            {"source": "https://example.com/x#part"},
            "the source 'https://example.com/x#part' has a #fragment.",
            URL_FIX,
        ),
        (
            {"source": "https://example.com/x#"},
            "the source 'https://example.com/x#' has a #fragment.",
            URL_FIX,
        ),
        (
            {"source": "https://example.com/x/"},
            "the source 'https://example.com/x/' ends with a slash.",
            URL_FIX,
        ),
        (
            {"source": "https://example.com/x?id=4&fbclid=abc"},
            "the source 'https://example.com/x?id=4&fbclid=abc' carries a tracking parameter.",
            URL_FIX,
        ),
        ({"text": " \n "}, "the text is empty.", "Copy it from the page."),
        ({"source_says": ""}, "the source_says is empty.", "Copy it from the page."),
        (
            {"text": "Call me at 704.333.1112 today."},
            "the text has the phone number '704.333.1112'.",
            "Replace real-looking numbers with one from 555-0100 to 555-0199.",
        ),
    ],
)
def test_a_bad_row_is_refused_with_its_exact_problem_and_fix(
    tmp_path: Path, cells: dict[str, str], problem: str, fix: str
) -> None:
    error = refusal(tmp_path, f"{HEADER}\n{FIRST}\n{row(**cells)}\n")
    assert (error.path, error.line, error.detail, error.fix) == ("corpus.csv", 3, problem, fix)


@pytest.mark.parametrize(
    ("second", "problem", "fix"),
    [
        (row(id="site-01"), "the same id as line 2.", "Keep each id once."),
        (
            row(text="Hi, this is Joe, call me at 555-0101."),
            "the same text as line 2.",
            "Keep each text once.",
        ),
        (
            "site-02,https://example.com/p,bad,cold,Hi, there,It fails.,",
            "the row has 8 fields; expected 7.",
            "Quote any field that holds a comma, a quote or a line break.",
        ),
    ],
)
def test_a_repeated_or_misquoted_row_is_refused_with_its_exact_problem_and_fix(
    tmp_path: Path, second: str, problem: str, fix: str
) -> None:
    error = refusal(tmp_path, f"{HEADER}\n{FIRST}\n{second}\n")
    assert (error.path, error.line, error.detail, error.fix) == ("corpus.csv", 3, problem, fix)


def test_an_empty_file_is_refused_with_the_header_to_write(tmp_path: Path) -> None:
    error = refusal(tmp_path, "")
    assert (error.path, error.line, error.detail) == ("corpus.csv", None, "the file is empty.")
    assert error.fix == f"Start it with the header row: {HEADER}."


def test_a_stream_without_a_name_is_called_voicemails_csv() -> None:
    with pytest.raises(DataFileError) as raised:
        read_corpus(io.StringIO(""))
    assert raised.value.path == "voicemails.csv"
    assert raised.value.problem == "voicemails.csv: the file is empty."


def test_broken_quoting_is_refused_at_the_line_the_reader_reached(tmp_path: Path) -> None:
    error = refusal(tmp_path, f'{HEADER}\n{FIRST}\nsite-02,"a"b,good,cold,Hi.,Fine.,\n')
    assert (error.path, error.line, error.fix) == ("corpus.csv", 3, "Quote fields as RFC 4180.")
    assert error.detail.startswith("not valid CSV (") and error.detail.endswith(").")


def test_a_file_that_is_not_utf8_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    accented = row(text="Caf\u00e9 owners, call me at 555-0102.")
    path.write_bytes(f"{HEADER}\n{FIRST}\n{accented}\n".encode("latin-1"))
    with pytest.raises(DataFileError) as raised:
        read_file(path)
    error = raised.value
    assert (error.path, error.line) == ("corpus.csv", None)
    assert (error.detail, error.fix) == ("the file is not UTF-8 text.", "Save it as UTF-8.")


def test_a_source_without_a_host_has_no_site() -> None:
    item = CorpusItem("site-01", "", Label.BAD, Situation.COLD, "Hi.", "It fails.", "")
    assert site_of(item) == ""


def test_the_count_tables_of_no_rows_and_of_one_row() -> None:
    assert count_tables(()).splitlines()[0] == (
        "0 scripts from 0 pages on 0 sites; the largest page holds 0 (0.0%)."
    )
    one = CorpusItem(
        "site-01", "https://www.example.com/p", Label.GOOD, Situation.BREAKUP, "Hi.", "Ok.", ""
    )
    lines = count_tables([one]).splitlines()
    assert lines[0] == "1 scripts from 1 pages on 1 sites; the largest page holds 1 (100.0%)."
    assert "| https://www.example.com/p | 1 |" in lines
