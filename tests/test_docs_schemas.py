"""The JSON Schemas under docs/schemas/ hold: every `--format json` output validates.

The files being current is checked with the other generated pages (tests/test_docs.py);
the API's answers are validated as web.md's curl examples run (test_docs_examples.py).
Here every command of docs/generate.py's CLI_SHAPES runs once on a small team's record,
and every command that offers JSON (`--format json`, `import --json`) must have a shape.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from doc_schemas import cli_shape, generator, problems
from voicemails import SCRIPTS, SPOKEN, missing, need_tools

from callworthy.cli import main
from callworthy.services import accounts
from callworthy.services.caller import caller_for
from callworthy.services.database import open_database

ROOT = Path(__file__).parents[1]
SCRIPT = (ROOT / "examples" / "sales-lead.txt").read_text(encoding="utf-8")

#: Each command of CLI_SHAPES, as run here (after SET_UP and the team's accounts), in order.
RUNS = {
    "account list": ["account", "list", "mia@example.com"],
    "account deactivate": ["account", "deactivate", "rob@example.com"],
    "account reactivate": ["account", "reactivate", "rob@example.com"],
    "account reassign": ["account", "reassign", "rob@example.com", "rae@example.com"],
    "account reset-link": ["account", "reset-link", "rob@example.com", "--url", "https://x.test"],
    "profile set": ["profile", "set", "--name", "Sam", "--phone", "312-555-0147"],
    "greeting": ["greeting", "--rep-name", "Sam", "--rep-phone", "312-555-0147"],
    "rules list": ["rules", "list"],
    "rules check": ["rules", "check", str(ROOT / "tests/fixtures/docs/team-rules")],
    "strategies list": ["strategies", "list"],
    "prospect add": ["prospect", "add", "Tom Baker", "--phone", "415-555-0134"],
    "prospect know": ["prospect", "know", "Tom Baker", "--humor", "--lead-name", "Harvey"],
    "dnc import": ["dnc", "import", str(ROOT / "tests/fixtures/docs/do-not-call.csv")],
    "check": ["check", str(ROOT / "examples" / "about-us.txt")],
    "db info": ["db", "info"],
    "diagnose": ["diagnose", "#1", "--answers", "answers.json"],
    "idea add": ["idea", "add", "Leave the weather report", "--script", SCRIPT],
    "idea list": ["idea", "list"],
    "idea vote": ["idea", "vote", "1"],
    "experiment start": ["experiment", "start", "--try-half", "--seed", "3"],
    "experiment show": ["experiment", "show"],
    "experiment stop": ["experiment", "stop"],
    "history": ["history", "#1"],
    "import --json": [
        "import",
        str(ROOT / "tests/fixtures/crm/hubspot_calls.csv"),
        "--dry-run",
        "--format",
        "hubspot",
    ],
    "log": ["log", "#1", "--strategy", "value_tip", "--script", SCRIPT],
    "callback": ["callback", "#1", "--outcome", "meeting"],
    "next": ["next", "#1", "--seed", "7"],
    "phonetest": ["phonetest", "--answers", str(ROOT / "tests/fixtures/docs/mine.yaml")],
    "phonetest history": ["phonetest", "history"],
    "profile show": ["profile", "show"],
    "prospect list": ["prospect", "list"],
    "prospect show": ["prospect", "show", "#1"],
    "stats": ["stats"],
    "curve": ["curve"],
    "write": ["write", "--name", "Lou", "--rep-name", "Sam", "--rep-phone", "312-555-0147"],
    "correct": ["correct", "1", "--strategy", "sales_lead"],
    "export": ["export"],
    "edit prospect": ["edit", "prospect", "#1", "--company", "Acme Logistics"],
    "edit voicemail": ["edit", "voicemail", "1", "--strategy", "value_tip"],
    "edit callback": ["edit", "callback", "1", "--outcome", "returned"],
    "undo": ["undo"],
    "changes": ["changes"],
    "delete callback": ["delete", "callback", "1"],
    "delete voicemail": ["delete", "voicemail", "1"],
    "delete prospect": ["delete", "prospect", "Tom Baker"],
    "prospect forget": ["prospect", "forget", "#1", "--yes"],
}
#: Commands run in their own test (they need more than a database): why.
ELSEWHERE = {"transcribe": "a recording and the speech model: test_transcribe_lines_validate"}
PASSWORD = "correct horse battery staple"
SET_UP = [["prospect", "add", "Jane Doe", "--company", "Acme", "--phone", "704-333-1112"]]


def _json_words(words: list[str]) -> list[str]:
    return [*words, "--json"] if words[0] == "import" else [*words, "--format", "json"]


def _offers_json(command: click.Command) -> str | None:
    """Return how a command asks for JSON (`--format json` or `--json`), or None."""
    for param in command.params:
        if isinstance(param, click.Option) and "--json" in param.opts:
            return "--json"
        choices = getattr(param.type, "choices", ())
        if isinstance(param, click.Option) and "--format" in param.opts and "json" in choices:
            return "--format json"
    return None


def test_every_command_that_offers_json_has_a_published_shape() -> None:
    gen = generator()
    offered = {
        " ".join(path) + (" --json" if how == "--json" else "")
        for path, command in gen._commands(main)
        if (how := _offers_json(command))
    }
    missing_shape = sorted(offered - set(gen.CLI_SHAPES))
    assert not missing_shape, (
        f"these commands print JSON but have no schema: {missing_shape}; add each to "
        "CLI_SHAPES in docs/generate.py (and its model), run make docs, and add a run to RUNS"
    )
    assert not sorted(set(gen.CLI_SHAPES) - offered), "CLI_SHAPES names a command without JSON"


def test_every_json_command_has_a_run_here() -> None:
    assert set(RUNS) | set(ELSEWHERE) == set(generator().CLI_SHAPES)


def test_every_json_output_validates_against_its_published_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("answers.json").write_text(
        (ROOT / "tests/fixtures/docs/answers.json").read_text(encoding="utf-8")
    )
    env = {"CALLWORTHY_DATABASE_URL": str(tmp_path / "db.sqlite3"), "COLUMNS": "80"}
    runner = CliRunner()
    for words in SET_UP:
        assert runner.invoke(main, words, env=env).exit_code == 0
    _team(env["CALLWORTHY_DATABASE_URL"])
    wrong: dict[str, list[str]] = {}
    for command, words in RUNS.items():
        args = _json_words(words)
        result = runner.invoke(main, args, env=env)
        assert result.exit_code == 0, (command, result.output)
        shape = cli_shape(["callworthy", *args])
        assert shape == generator().CLI_SHAPES[command], command
        found = problems(shape, json.loads(result.stdout))
        if found:
            wrong[command] = found
    assert not wrong, wrong


def _team(url: str) -> None:
    """Set up the team's accounts as the first-run page does: Mia, the manager; Rob, Rae."""
    engine = open_database(url)
    try:
        mia = accounts.set_up(engine, "Acme", "Mia Manager", "mia@example.com", PASSWORD)
        for name in ("Rob", "Rae"):
            email = f"{name.lower()}@example.com"
            accounts.add_account(engine, caller_for(mia), f"{name} Rep", email, PASSWORD)
    finally:
        engine.dispose()


def test_transcribe_lines_validate(tmp_path: Path) -> None:
    need_tools("espeak-ng")
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        missing("the audio extra (faster-whisper)")
    said = tmp_path / "early.wav"
    text = SCRIPTS["early"].format(number=SPOKEN)
    subprocess.run(["espeak-ng", "-s", "140", "-w", str(said), text], check=True)
    (tmp_path / "broken.wav").write_bytes(b"RIFF but not a recording")
    words = ["transcribe", str(tmp_path), "--format", "json", "--rep-phone", "704-333-1112"]
    result = CliRunner().invoke(main, words)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(Path(line["file"]).name for line in lines) == ["broken.wav", "early.wav"]
    assert cli_shape(["callworthy", *words]) == "TranscribeLine"
    assert not [problem for line in lines for problem in problems("TranscribeLine", line)]


def test_a_shape_that_does_not_hold_is_reported() -> None:
    assert problems("DatabaseInfo", {"url": 3})
    assert problems("CandidateOut-list", [{"strategy": "value_tip"}])
    assert not problems("VoteResult", {"idea_id": 1, "slug": "idea_1", "votes": 1, "counted": True})
