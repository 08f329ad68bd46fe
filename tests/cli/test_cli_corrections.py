"""`callworthy edit | delete | undo | changes` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from callworthy.cli import main

SCRIPT = "Jane, three ways to fill your chairs this spring; call me at 704-333-1112."


def run(db: str, *args: str) -> Result:
    """Invoke a command as rep alice on the database file."""
    return CliRunner().invoke(main, [*args, "--db", db, "--rep", "alice"])


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize(
    "command",
    [["edit"], ["edit", "prospect"], ["edit", "voicemail"], ["edit", "callback"], ["delete"],
     ["delete", "prospect"], ["delete", "voicemail"], ["delete", "callback"], ["undo"],
     ["changes"]],
    ids=" ".join,
)  # fmt: skip
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and len(result.output.split("\n\n")[1].strip()) > 10


def test_correct_a_callback_delete_a_voicemail_and_undo_both(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    ok(run(db, "prospect", "add", "Jane Doe", "--phone", "704-333-1112"))
    ok(run(db, "log", "#1", "--strategy", "value_tip", "--script", SCRIPT))
    ok(run(db, "callback", "#1", "--outcome", "meeting"))
    edited = ok(run(db, "edit", "callback", "1", "--outcome", "returned"))
    assert "Edited callback #1 of Jane Doe: outcome (change #1" in edited.output
    assert (
        "Nothing changed." in ok(run(db, "edit", "callback", "1", "--outcome", "returned")).output
    )
    renamed = json.loads(
        ok(run(db, "edit", "prospect", "Jane Doe", "--company", "Acme", "--format", "json")).output
    )
    assert renamed["record"]["company"] == "Acme" and renamed["change"]["after"] == {
        "company": "Acme"
    }
    ok(run(db, "delete", "voicemail", "1"))
    history = json.loads(ok(run(db, "history", "#1", "--format", "json")).output)
    assert history["voicemails"] == [] and history["callbacks"] == []
    assert "Undid change #3" in ok(run(db, "undo")).output
    log = json.loads(ok(run(db, "changes", "--format", "json")).output)
    assert [c["action"] for c in log["items"]] == ["undo", "delete", "edit", "edit"]
    assert "Undid change #2" in ok(run(db, "undo")).output  # the company edit, next
    history = json.loads(ok(run(db, "history", "#1", "--format", "json")).output)
    assert history["prospect"]["company"] is None
    assert [c["outcome"] for c in history["callbacks"]] == ["returned"]
    refused = run(db, "undo", "3")
    assert refused.exit_code == 50 and "undone already" in refused.output
    missing = run(db, "edit", "voicemail", "99", "--strategy", "other")
    assert missing.exit_code == 45 and "No voicemail #99" in missing.output
    bad = run(db, "edit", "prospect", "#1", "--name", "N" * 201)
    assert bad.exit_code == 18 and "at most 200" in bad.output
