"""The tracking commands through the real entry point, on a temporary SQLite file."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from callworthy.cli import main
from callworthy.errors import (
    DoNotCallError,
    EmptyTextError,
    ImportFileError,
    NoOpenVoicemailError,
    UnknownProspectError,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "crm"
SCRIPT = "Hi Jane, Alice at 704-555-0100: three carriers cut fuel surcharges; I'll email the list."
TRACKING_COMMANDS = [
    ["db"], ["db", "upgrade"], ["db", "backup"], ["db", "info"],
    ["prospect"], ["prospect", "add"], ["prospect", "list"], ["prospect", "show"],
    ["prospect", "forget"], ["log"], ["callback"], ["history"], ["export"], ["import"],
    ["dnc"], ["dnc", "import"],
]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.sqlite3")


def run(db: str, *args: str, input: str | None = None) -> Result:
    """Invoke `callworthy ARGS --db DB --rep alice` in-process (no --rep for `db`)."""
    rep = [] if args[0] == "db" else ["--rep", "alice"]
    return CliRunner().invoke(main, [*args, "--db", db, *rep], input=input)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("command", TRACKING_COMMANDS, ids=" ".join)
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.split("\n\n")[1].strip()) > 10  # a real description
    if len(command) > 1 or command[0] not in ("db", "prospect", "dnc"):
        assert "--db" in result.output


def test_prospect_log_callback_history(db: str) -> None:
    added = json.loads(
        ok(
            run(
                db,
                "prospect",
                "add",
                "Jane Doe",
                "--company",
                "Acme",
                "--phone",
                "(704) 333-1112",
                "--tag",
                "hot",
                "--format",
                "json",
            )
        ).output
    )
    assert added["phone"] == "+17043331112" and added["time_zone"] == "America/New_York"
    logged = ok(run(db, "log", "Jane", "--strategy", "value_tip", "--script", SCRIPT))
    assert "score" in logged.output and "/100" in logged.output
    ok(run(db, "callback", "--phone", "704 333 1112", "--outcome", "meeting"))
    history = json.loads(ok(run(db, "history", "#1", "--format", "json")).output)
    assert [v["strategy"] for v in history["voicemails"]] == ["value_tip"]
    assert history["callbacks"][0]["voicemail_id"] == history["voicemails"][0]["id"]
    assert history["callbacks"][0]["outcome"] == "meeting"
    text = ok(run(db, "history", "Jane Doe")).output
    assert "value_tip" in text and "meeting" in text and "1 returned" in text
    listing = ok(run(db, "prospect", "list")).output
    assert "Jane Doe" in listing and "+17043331112" in listing
    shown = ok(run(db, "prospect", "show", "+1 704 333 1112")).output
    assert "America/New_York" in shown


def test_log_reads_script_from_file_and_stdin(db: str, tmp_path: Path) -> None:
    ok(run(db, "prospect", "add", "Jane Doe"))
    script = tmp_path / "message.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    ok(run(db, "log", "#1", "-s", "sales_lead", "--file", str(script)))
    ok(run(db, "log", "#1", "-s", "half_message", "--file", "-", input=SCRIPT))
    history = json.loads(ok(run(db, "history", "#1", "--format", "json")).output)
    assert [v["script"] for v in history["voicemails"]] == [SCRIPT, SCRIPT]


def test_errors_have_their_exit_codes(db: str, tmp_path: Path) -> None:
    ok(run(db, "prospect", "add", "Jane Doe", "--phone", "704-333-1112"))
    assert run(db, "log", "Nobody", "-s", "other", "--script", SCRIPT).exit_code == (
        UnknownProspectError.exit_code
    )
    empty = run(db, "log", "Jane", "-s", "other", "--script", "  ")
    assert empty.exit_code == EmptyTextError.exit_code
    assert run(db, "callback", "Jane").exit_code == NoOpenVoicemailError.exit_code
    dnc = tmp_path / "dnc.csv"
    dnc.write_text("phone\n704-333-1112\n")
    flagged = ok(run(db, "dnc", "import", str(dnc)))
    assert "1 prospect flagged" in flagged.output and "Jane Doe" in flagged.output
    refused = run(db, "log", "Jane", "-s", "other", "--script", SCRIPT)
    assert refused.exit_code == DoNotCallError.exit_code
    assert "do-not-call" in refused.output


def test_import_dry_run_then_real_then_again(db: str) -> None:
    path = str(FIXTURES / "hubspot_calls.csv")
    dry = ok(run(db, "import", path, "--format", "hubspot", "--dry-run"))
    assert "Would add 3 voicemails, 1 callback, 3 new prospects" in dry.output
    assert "line 3: outcome 'No answer'" in dry.output
    report = json.loads(ok(run(db, "import", path, "--format", "hubspot", "--json")).output)
    assert (report["voicemails_added"], report["callbacks_added"]) == (3, 1)
    again = ok(run(db, "import", path, "-f", "hubspot"))
    assert "Added 0 voicemails" in again.output and "4 already imported" in again.output


def test_bad_import_lists_lines_and_writes_nothing(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,at,prospect,phone\n1,2024-03-04,Ann,555-12\n2,someday,Bo,\n")
    result = run(db, "import", str(bad))
    assert result.exit_code == ImportFileError.exit_code
    assert f"{bad}:2: unparseable phone number '555-12'" in result.output
    assert f"{bad}:3: bad date 'someday'" in result.output
    assert "Nothing was written" in result.output
    assert json.loads(ok(run(db, "export", "--format", "json")).output) == []


def test_map_option(db: str, tmp_path: Path) -> None:
    path = tmp_path / "mobile.csv"
    path.write_text("when;who;Mobile\n2024-03-04 10:00;Ann;(617) 253-1000\n")
    ok(run(db, "import", str(path), "--map", "at=when", "--map", "phone=Mobile"))
    assert "+16172531000" in ok(run(db, "prospect", "list")).output
    assert run(db, "import", str(path), "--map", "nonsense").exit_code != 0


def test_export_csv_and_forget(db: str, tmp_path: Path) -> None:
    ok(run(db, "import", str(FIXTURES / "generic.csv")))
    exported = ok(run(db, "export")).output
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == 4 and {r["kind"] for r in rows} == {"voicemail", "callback"}
    out = tmp_path / "out.json"
    ok(run(db, "export", "--format", "json", "--output", str(out)))
    assert len(json.loads(out.read_text())) == 4
    assert run(db, "prospect", "forget", "Ana Lima", input="n\n").exit_code != 0
    forgot = ok(run(db, "prospect", "forget", "Ana Lima", "--yes"))
    assert "1 voicemail, 1 callback erased" in forgot.output
    assert "Ana Lima" not in ok(run(db, "export")).output


def test_db_upgrade_info_and_backup(db: str, tmp_path: Path) -> None:
    assert "from empty" in ok(run(db, "db", "upgrade")).output
    assert "already at revision" in ok(run(db, "db", "upgrade")).output
    info = json.loads(ok(run(db, "db", "info", "--format", "json")).output)
    assert info["revision"] == info["head"]
    ok(run(db, "prospect", "add", "Jane Doe"))
    backup = tmp_path / "backup.sqlite3"
    ok(run(db, "db", "backup", str(backup)))
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT name FROM prospect").fetchall() == [("Jane Doe",)]
    assert run(db, "db", "backup", str(backup)).exit_code != 0  # never overwrites


def test_database_url_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "nested" / "from-env.sqlite3"
    monkeypatch.setenv("CALLWORTHY_DATABASE_URL", f"sqlite:///{target}")
    ok(CliRunner().invoke(main, ["prospect", "add", "Env Person", "--rep", "alice"]))
    assert target.exists()


def test_real_executable_in_a_subprocess(db: str) -> None:
    exe = Path(sys.executable).with_name("callworthy")
    env = {**os.environ, "CALLWORTHY_REP": "alice"}
    commands = [
        ["prospect", "add", "Jane Doe", "--phone", "704-333-1112"],
        ["log", "Jane", "--strategy", "value_tip", "--script", SCRIPT],
        ["history", "Jane", "--format", "json"],
    ]
    outputs = []
    for command in commands:
        done = subprocess.run(
            [str(exe), *command, "--db", db], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    history = json.loads(outputs[-1])
    assert history["prospect"]["owner"] == "alice"
    assert len(history["voicemails"]) == 1
    missing = subprocess.run(
        [str(exe), "history", "Nobody", "--db", db], capture_output=True, text=True, env=env
    )
    assert missing.returncode == UnknownProspectError.exit_code
    assert missing.stderr.startswith("Error: No prospect matches 'Nobody'.")
