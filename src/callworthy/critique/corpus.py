"""Read the coaching corpus: voicemail scripts that public pages publish as good or bad (issue 15).

The corpus is repository data (`data/coaching/voicemails.csv`), not package data: it is what
the critique is measured on, never what it is built from. This module only reads a text
stream it is given (open the file with `newline=""` and UTF-8), checks every row and returns
frozen `CorpusItem`s; a bad row raises `DataFileError` with its line. `count_tables` renders
the count tables the corpus README carries, so they are generated, not hand-kept.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qsl, urlsplit

from callworthy.errors import DataFileError

#: The columns, in the order the file must have them.
COLUMNS = ("id", "source", "label", "situation", "text", "source_says", "note")

#: Query parameters that only track a visit; a canonical source URL carries none of them.
TRACKING_PARAMS = re.compile(r"^(utm_.*|fbclid|gclid|mc_cid|mc_eid|replytocom|ref|source)$", re.I)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-[0-9]{2}$")
# A run of digits with at most a few separators between them: a phone number if it has 7+ digits.
_DIGIT_RUN = re.compile(r"\(?\d(?:[ .\-()]{0,3}\d)+")
_SAFE_NUMBER = re.compile(r"^55501\d\d$")


class Label(StrEnum):
    """How the page judges the script."""

    BAD = "bad"  # presented as a mistake, what not to leave
    GOOD = "good"  # presented as an example that works or worked
    RECOMMENDED = "recommended"  # offered as a template or script to use


class Situation(StrEnum):
    """Why the caller is calling; documented in data/coaching/README.md."""

    COLD = "cold"
    FOLLOW_UP = "follow_up"
    REFERRAL = "referral"
    TRIGGER_EVENT = "trigger_event"
    INBOUND_LEAD = "inbound_lead"
    EXISTING_CUSTOMER = "existing_customer"
    BREAKUP = "breakup"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """One published voicemail script with its page and the page's judgement of it."""

    id: str
    source: str
    label: Label
    situation: Situation
    text: str
    source_says: str
    note: str

    @property
    def is_good(self) -> bool:
        """Return whether the page holds the script up as one to leave (good or recommended)."""
        return self.label is not Label.BAD


def page_of(item: CorpusItem) -> str:
    """Return the grouping key for cross-validation: the page's canonical URL."""
    return item.source


def site_of(item: CorpusItem) -> str:
    """Return the page's host without a leading `www.`."""
    host = urlsplit(item.source).hostname or ""
    return host.removeprefix("www.")


def read_corpus(stream: Iterable[str], name: str = "voicemails.csv") -> tuple[CorpusItem, ...]:
    """Return every row of a corpus CSV stream; raise DataFileError naming the first bad line."""
    rows = _records(stream, name)
    header = next(rows, None)
    if header is None:
        raise DataFileError(
            name, None, "the file is empty.", f"Start it with the header row: {_cols()}."
        )
    line, cells = header
    if cells and cells[0].startswith("\ufeff"):
        cells = [cells[0][1:], *cells[1:]]  # a byte-order mark from a spreadsheet export
    if tuple(cells) != COLUMNS:
        raise DataFileError(
            name, line, f"the header is {','.join(cells)!r}.", f"Use exactly: {_cols()}."
        )
    items: list[CorpusItem] = []
    ids: dict[str, int] = {}
    texts: dict[str, int] = {}
    for line, cells in rows:
        item = _item(cells, line, name)
        for key, seen, what in ((item.id, ids, "id"), (item.text, texts, "text")):
            if key in seen:
                raise DataFileError(
                    name, line, f"the same {what} as line {seen[key]}.", f"Keep each {what} once."
                )
            seen[key] = line
        items.append(item)
    return tuple(items)


def _cols() -> str:
    return ",".join(COLUMNS)


def _records(stream: Iterable[str], name: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (first physical line, cells) per CSV record; a quoted field may span lines."""
    reader = csv.reader(stream, strict=True)
    end = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataFileError(
                name,
                reader.line_num or None,
                f"not valid CSV ({exc}).",
                "Quote fields as RFC 4180.",
            ) from exc
        except UnicodeDecodeError as exc:
            raise DataFileError(
                name, None, "the file is not UTF-8 text.", "Save it as UTF-8."
            ) from exc
        start, end = end + 1, reader.line_num
        if cells:  # a blank line between records
            yield start, cells


def _item(cells: list[str], line: int, name: str) -> CorpusItem:
    """Return one checked row; raise DataFileError with `line` on the first problem."""
    if len(cells) != len(COLUMNS):
        raise DataFileError(
            name,
            line,
            f"the row has {len(cells)} fields; expected {len(COLUMNS)}.",
            "Quote any field that holds a comma, a quote or a line break.",
        )
    row = dict(zip(COLUMNS, cells, strict=True))
    problem = _problem(row)
    if problem:
        raise DataFileError(name, line, *problem)
    return CorpusItem(
        id=row["id"],
        source=row["source"],
        label=Label(row["label"]),
        situation=Situation(row["situation"]),
        text=row["text"],
        source_says=row["source_says"],
        note=row["note"],
    )


def _problem(row: dict[str, str]) -> tuple[str, str] | None:
    """Return (problem, fix) for the first thing wrong with a row, or None."""
    if not _ID.match(row["id"]):
        return f"the id {row['id']!r} is not kebab-case ending in -nn.", "Use e.g. site-author-01."
    if row["label"] not in set(Label):
        return f"the label {row['label']!r} is unknown.", f"Use one of: {', '.join(Label)}."
    if row["situation"] not in set(Situation):
        return (
            f"the situation {row['situation']!r} is unknown.",
            f"Use one of: {', '.join(Situation)}.",
        )
    url_problem = _url_problem(row["source"])
    if url_problem:
        return (
            f"the source {row['source']!r} {url_problem}.",
            "Give the page's canonical https URL.",
        )
    for column in ("text", "source_says"):
        if not row[column].strip():
            return f"the {column} is empty.", "Copy it from the page."
    for match in _DIGIT_RUN.finditer(row["text"]):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) >= 7 and not _SAFE_NUMBER.match(digits):
            return (
                f"the text has the phone number {match.group()!r}.",
                "Replace real-looking numbers with one from 555-0100 to 555-0199.",
            )
    return None


def _url_problem(url: str) -> str | None:
    """Return what keeps `url` from being a canonical page address, or None."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in url):
        return "is not an https URL"
    if parts.fragment or url.endswith("#"):
        return "has a #fragment"
    if url.endswith("/"):
        return "ends with a slash"
    if any(TRACKING_PARAMS.match(key) for key, _ in parse_qsl(parts.query)):
        return "carries a tracking parameter"
    return None


def count_tables(items: Iterable[CorpusItem]) -> str:
    """Return the corpus README's count tables (by label, situation and page) as Markdown."""
    items = tuple(items)
    pages = Counter(page_of(item) for item in items)
    by_label = Counter(item.label.value for item in items)
    by_situation = Counter(item.situation.value for item in items)
    top = max(pages.values(), default=0)
    pairs = len(same_page_pairs(items))
    fragments = sum(item.note.startswith("Fragment") for item in items)
    truncated = sum(item.note.startswith("Truncated") for item in items)
    lines = [
        f"{len(items)} scripts from {len(pages)} pages on {len({site_of(i) for i in items})} sites;"
        f" the largest page holds {top} ({100 * top / max(len(items), 1):.1f}%).",
        f"{pairs} pages hold both a bad and a good or recommended script (same-page pairs);"
        f" {fragments} rows are fragments the page quotes and {truncated} are cut short"
        " by the stored copy (their notes say so).",
        "",
        *_table("label", [(label.value, by_label[label.value]) for label in Label]),
        "",
        *_table("situation", [(s.value, by_situation[s.value]) for s in Situation]),
        "",
        *_table("page", sorted(pages.items(), key=lambda kv: (-kv[1], kv[0]))),
    ]
    return "\n".join(lines) + "\n"


def same_page_pairs(items: Iterable[CorpusItem]) -> dict[str, tuple[CorpusItem, ...]]:
    """Return the pages that hold both a bad and a good or recommended script, with their rows."""
    by_page: dict[str, list[CorpusItem]] = {}
    for item in items:
        by_page.setdefault(page_of(item), []).append(item)
    return {
        page: tuple(rows)
        for page, rows in by_page.items()
        if len({row.is_good for row in rows}) == 2
    }


def _table(name: str, counts: list[tuple[str, int]]) -> list[str]:
    return [f"| {name} | rows |", "|---|---:|", *(f"| {key} | {n} |" for key, n in counts)]
