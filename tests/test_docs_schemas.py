"""The JSON Schemas under docs/schemas/ hold: every `--format json` output validates.

The files being current is checked with the other generated pages (tests/test_docs.py);
the API's answers are validated as web.md's curl examples run (test_docs_examples.py).
Here every command of docs/generate.py's CLI_SHAPES runs once on a small team's record.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from doc_schemas import cli_shape, generator, problems

from callworthy.cli import main

ROOT = Path(__file__).parents[1]
SCRIPT = (ROOT / "examples" / "sales-lead.txt").read_text(encoding="utf-8")

#: Each command of CLI_SHAPES, as run here (after SET_UP).
RUNS = {
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
    "changes": ["changes"],
}
SET_UP = [["prospect", "add", "Jane Doe", "--company", "Acme", "--phone", "704-333-1112"]]


def _json_words(words: list[str]) -> list[str]:
    return [*words, "--json"] if words[0] == "import" else [*words, "--format", "json"]


def test_every_json_command_has_a_run_here() -> None:
    assert set(RUNS) == set(generator().CLI_SHAPES)


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


def test_a_shape_that_does_not_hold_is_reported() -> None:
    assert problems("DatabaseInfo", {"url": 3})
    assert problems("CandidateOut-list", [{"strategy": "value_tip"}])
    assert not problems("VoteResult", {"idea_id": 1, "slug": "idea_1", "votes": 1, "counted": True})
