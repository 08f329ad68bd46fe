"""`callworthy check` and `callworthy rules` through the real command (CliRunner, subprocess)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from seeds_path import seeds

from callworthy import critique
from callworthy.cli import main

RUNNER = CliRunner()


def run(*args: str, stdin: bytes | str | None = None):  # type: ignore[no-untyped-def]
    return RUNNER.invoke(main, list(args), input=stdin)


def test_check_a_script_given_as_text_prints_the_score_and_the_fix() -> None:
    result = run("check", seeds.LETTER_BARE)
    assert result.exit_code == 0
    assert f"Score {critique(seeds.LETTER_BARE).score}/100" in result.output
    assert "Fix: Give the reason in the same breath" in result.output


def test_check_a_file_as_json_has_the_documented_keys(tmp_path: Path) -> None:
    path = tmp_path / "lead.txt"
    path.write_text(seeds.SALES_LEAD, encoding="utf-8")
    result = run("check", str(path), "--format", "json")
    data = json.loads(result.output)
    assert set(data) >= {"score", "subscores", "findings", "spoken_seconds", "phone_numbers"}
    assert data["score"] >= 75
    finding = data["findings"][0]
    assert set(finding) >= {"rule", "principle", "level", "start", "end", "message", "fix"}
    assert set(data["phone_numbers"][0]) >= {"number", "start", "end", "position"}


def test_check_reads_standard_input() -> None:
    result = run("check", "-", "--format", "json", stdin=seeds.HALF_MESSAGE)
    assert json.loads(result.output)["score"] >= 75


def test_fail_under_exits_1_below_the_bar_and_0_above() -> None:
    assert run("check", seeds.LETTER_BARE, "--fail-under", "40").exit_code == 1
    assert run("check", seeds.SALES_LEAD, "--fail-under", "75").exit_code == 0


def test_the_prospect_options_feed_the_personalisation_checks() -> None:
    args = ("check", seeds.SALES_LEAD, "--format", "json")
    named = json.loads(run(*args, "--prospect", "John Smith").output)
    other = json.loads(run(*args, "--prospect", "Maria Lopez", "--company", "Harbor").output)
    rules = lambda data: {f["rule"] for f in data["findings"]}  # noqa: E731
    assert "personal.no-name" not in rules(named)
    assert "personal.no-name" in rules(other)


@pytest.mark.parametrize(
    ("content", "code", "says"),
    [
        (b"   \n", 3, "The script is empty."),
        (b"word " * 1100, 4, "the limit is 5,000"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", 5, "looks like a binary file"),
        ("Hi Jos\xe9, call me".encode("latin-1"), 5, "is not UTF-8 text"),
    ],
    ids=["empty", "too-long", "binary", "latin-1"],
)
def test_bad_input_gets_one_line_and_a_distinct_exit_code(
    tmp_path: Path, content: bytes, code: int, says: str
) -> None:
    path = tmp_path / "script.txt"
    path.write_bytes(content)
    result = run("check", str(path))
    assert result.exit_code == code
    assert says in result.output
    assert "Traceback" not in result.output


def test_a_missing_script_file_is_named() -> None:
    result = run("check", "nowhere/script.txt")
    assert result.exit_code == 8 and "no such file: nowhere/script.txt" in result.output


def test_a_folder_or_a_missing_path_is_an_error_naming_it_not_a_script(tmp_path: Path) -> None:
    folder = run("check", str(tmp_path))
    assert folder.exit_code == 8 and f"{tmp_path} is a folder, not a script" in folder.output
    assert "score" not in folder.output.lower()
    missing = run("check", str(tmp_path / "nope"))
    assert missing.exit_code == 8 and "no such file" in missing.output
    quoted = run("check", "Hi Jane, 704-333-1112, call me/text me about your drivers.")
    assert quoted.exit_code == 0  # a script with a slash in it is still a script


def test_team_rules_and_switching_off_apply(tmp_path: Path) -> None:
    rule = (Path(__file__).parents[1] / "critique" / "test_rule_loader.py").read_text()
    good = rule.split('GOOD = """\\\n', 1)[1].split('"""', 1)[0].replace('\\"', '"')
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "slogan.yaml").write_text(good, encoding="utf-8")
    args = ["check", "We are rock solid. 704-333-1112", "--format", "json"]
    data = json.loads(run(*args, "--rules", str(tmp_path), "--disable", "value").output)
    ids = {f["rule"] for f in data["findings"]}
    assert "acme.slogan" in ids and not any(i.startswith("value.") for i in ids)


def test_rules_list_shows_every_rule() -> None:
    data = json.loads(run("rules", "list", "--format", "json").output)
    assert len(data["rules"]) >= 25 and data["version"]
    assert {"id", "kind", "level", "principle", "message", "fix"} <= set(data["rules"][0])
    assert "pitch.about-us" in run("rules", "list").output


def test_rules_check_passes_a_good_folder_and_fails_bad_examples(tmp_path: Path) -> None:
    good = (
        "kind: existence\nprinciple: P10\nlevel: warning\nsubscore: differentiation\n"
        "message: m\nfix: f\ntokens: [rock solid]\n"
        "examples:\n  pass: ['Hi Lou.']\n  fail: ['We are rock solid.']\n"
    )
    (tmp_path / "slogan.yaml").write_text(good, encoding="utf-8")
    ok = run("rules", "check", str(tmp_path))
    assert ok.exit_code == 0 and "1 rules, 2 examples, 0 failing" in ok.output
    (tmp_path / "slogan.yaml").write_text(good.replace("['Hi Lou.']", "['rock solid']"))
    bad = run("rules", "check", str(tmp_path))
    assert bad.exit_code == 1 and "should stay silent on: 'rock solid'" in bad.output


def test_rules_check_reports_a_broken_file_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("kind: existance\nprinciple: P3\n", encoding="utf-8")
    result = run("rules", "check", str(tmp_path))
    assert result.exit_code == 6
    assert f"{tmp_path / 'x.yaml'}:1: kind:" in result.output


def test_rules_check_refuses_a_pattern_re2_cannot_run(tmp_path: Path) -> None:
    text = (
        "kind: existence\nprinciple: P3\nlevel: info\nsubscore: brevity\nmessage: m\nfix: f\n"
        "patterns: ['(\\w+) \\1']\nexamples: {pass: [a], fail: [b]}\n"
    )
    (tmp_path / "slow.yaml").write_text(text, encoding="utf-8")
    result = run("rules", "check", str(tmp_path))
    assert result.exit_code == 7 and "cannot run in linear time" in result.output
    assert "backreference" in result.output


def _all_commands(group, prefix=()):  # type: ignore[no-untyped-def]
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _all_commands(command, (*prefix, name))


@pytest.mark.parametrize("path", [p for p, _ in _all_commands(main)], ids=" ".join)
def test_every_command_has_help_and_is_documented(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
    command = dict(_all_commands(main))[path]
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
    docs = (Path(__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"callworthy {' '.join(path)}" in docs


def test_the_installed_entry_point_runs() -> None:
    exe = Path(sys.executable).with_name("callworthy")
    result = subprocess.run(
        [str(exe), "check", "-", "--format", "json", "--fail-under", "40"],
        input=seeds.LETTER_BARE,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["score"] < 40
