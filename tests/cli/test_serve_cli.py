"""`callworthy serve` through the real entry point (the live server: tests/web/test_browser.py)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from callworthy.cli import main


def test_serve_has_help_with_its_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers", "--db"):
        assert option in result.output


def test_serve_reports_a_database_it_cannot_open_before_listening(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(main, ["serve", "--db", str(blocker / "sub" / "db.sqlite3")])
    assert result.exit_code == 11
    assert "Cannot create the folder" in result.output


def test_serve_refuses_a_bad_port() -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "70000"])
    assert result.exit_code == 2
