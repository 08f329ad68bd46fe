"""Reading a CSV file people export from spreadsheets and CRMs, or saying clearly why not.

UTF-8 with or without BOM; comma, semicolon or tab, detected from the header
line; every row carries the line number it starts on, for error reports.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from callworthy.errors import ImportFileError, InputFileError

DELIMITERS = (",", ";", "\t")
#: A CSV export bigger than this is not a call log.
MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A CSV file's header and rows; each row is (line number, {header: value})."""

    path: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    delimiter: str


def header_key(name: str) -> str:
    """Return a header name compared loosely: lowercase, spaces collapsed."""
    return re.sub(r"\s+", " ", name.replace("\ufeff", "")).strip().lower()


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError as exc:
        raise InputFileError(f"Cannot read {path}: {exc.strerror}.", "Check the path.") from exc
    name = str(path)
    if data is None:
        raise ImportFileError(name, [(None, f"larger than {MAX_BYTES // 2**20} MB")])
    if b"\x00" in data[:65536]:
        raise ImportFileError(name, [(None, "not a CSV file: it holds binary data")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            name,
            [(line, f"not UTF-8 text (byte 0x{data[exc.start]:02x})")],
            "Save the file as 'CSV UTF-8' and import it again. Nothing was written.",
        ) from exc
    if not text.strip():
        raise ImportFileError(name, [(None, "the file is empty")])
    return text


def detect_delimiter(header_line: str) -> str | None:
    """Return the delimiter used by a header line (outside quotes), or None for one column."""
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else None


def read_csv(path: Path, *, single_column_ok: bool = False) -> CsvTable:
    """Read a CSV file with a header line; raise ImportFileError listing every malformed line."""
    text = _read_text(path)
    first = text.lstrip("\r\n").splitlines()[0]
    delimiter = detect_delimiter(first)
    if delimiter is None and not single_column_ok:
        raise ImportFileError(
            str(path), [(1, "not a CSV file: no comma, semicolon or tab in the header line")]
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or ",", strict=True)
    problems: list[tuple[int | None, str]] = []
    rows: list[tuple[int, dict[str, str]]] = []
    header: tuple[str, ...] = ()
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(field.strip() for field in record):
                continue  # blank lines are not rows
            if not header:
                header = tuple(h.strip() for h in record)
                continue
            if len(record) != len(header):
                problems.append((start, f"{len(record)} fields where the header has {len(header)}"))
                continue
            rows.append((start, dict(zip(header, record, strict=True))))
    except csv.Error as exc:
        problems.append((reader.line_num, f"malformed CSV: {exc}"))
    if problems:
        raise ImportFileError(str(path), problems)
    if len(set(map(header_key, header))) != len(header):
        raise ImportFileError(str(path), [(1, "the header names a column twice")])
    return CsvTable(str(path), header, tuple(rows), delimiter or ",")
