"""`callworthy diagnose` and `callworthy phonetest` through the real entry point (SQLite file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from diagnose_histories import ABOUT_US, NEUTRAL

from callworthy.cli import main
from callworthy.diagnose import default_model
from callworthy.errors import AnswersError, NoAnswersError, UnknownProspectError
from callworthy.phoneability import default_quiz, shuffled

QUIZ = default_quiz()
BEST = {q.id: q.best().id for q in QUIZ.questions}


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.sqlite3")


def run(db: str, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, [*args, "--db", db, "--rep", "alice"], input=input)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def answers_file(tmp_path: Path, answers: dict[str, str], name: str = "a.yaml") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(answers) if name.endswith(".json") else yaml.safe_dump(answers))
    return str(path)


@pytest.fixture
def jane(db: str) -> str:
    ok(run(db, "prospect", "add", "Jane Doe", "--company", "Acme", "--phone", "704-333-1112"))
    for _ in range(5):
        ok(run(db, "log", "Jane Doe", "--strategy", "about_us", "--script", ABOUT_US))
    return "Jane Doe"


@pytest.mark.parametrize("command", [["diagnose"], ["phonetest"], ["phonetest", "history"]])
def test_commands_have_help(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "--db" in result.output and "Example" in result.output


def test_json_is_a_list_of_causes(db: str, jane: str, tmp_path: Path) -> None:
    result = ok(run(db, "diagnose", jane, "--answers", answers_file(tmp_path, NEUTRAL, "a.json"),
                    "--format", "json"))  # fmt: skip
    causes = json.loads(result.stdout)
    assert isinstance(causes, list) and len(causes) == 10
    assert sorted(c["cause"] for c in causes) == list("abcdefghij")
    first = causes[0]
    assert {"cause", "title", "likelihood", "evidence", "actions"} <= set(first)
    assert first["cause"] in {"a", "b"} and first["evidence"] and first["actions"][0]["text"]
    assert abs(sum(c["likelihood"] for c in causes) - 1) < 1e-3


def test_text_output_ranks_with_evidence_and_steps(db: str, jane: str, tmp_path: Path) -> None:
    out = ok(run(db, "diagnose", jane, "--answers", answers_file(tmp_path, NEUTRAL))).stdout
    assert "Why is Jane Doe (Acme) silent?" in out and "5 voicemails" in out
    assert "1. (b) They see no gain for themselves" in out and "Less likely" in out


def test_interactive_answers_by_number_or_id(db: str, jane: str) -> None:
    questions = default_model().questionnaire.questions
    typed = ["1" if i % 2 else q.options[-1].id for i, q in enumerate(questions)]
    result = ok(run(db, "diagnose", jane, "--format", "json", input="\n".join(typed) + "\n"))
    assert questions[0].text in result.stderr and "Your answer" in result.stderr
    assert json.loads(result.stdout)[0]["cause"] in "abcdefghij"


def test_interactive_rejects_a_bad_choice_and_asks_again(db: str, jane: str) -> None:
    n = len(default_model().questionnaire.questions)
    result = ok(run(db, "diagnose", jane, input="9\nmaybe\n" + "1\n" * n))
    assert "is not one of" in result.stderr or "invalid choice" in result.stderr.lower()


def test_input_ending_early_is_a_clear_error(db: str, jane: str) -> None:
    result = run(db, "diagnose", jane, input="1\n2\n")
    assert result.exit_code == NoAnswersError.exit_code
    assert "before question 'offer' was answered" in result.stderr


def test_unknown_prospect_fails_before_any_question(db: str) -> None:
    result = run(db, "diagnose", "Nobody", input="")
    assert result.exit_code == UnknownProspectError.exit_code
    assert "No prospect matches 'Nobody'" in result.stderr and "Your answer" not in result.stderr


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            {k: v for k, v in NEUTRAL.items() if k != "timing"},
            "No answer to 'timing'. Answer it with one of: crunch, normal, unknown.",
        ),
        (
            {**NEUTRAL, "timing": "busy"},
            "'busy' is not an option of 'timing'. Answer it with one of: crunch, normal, unknown.",
        ),
    ],
)
def test_answers_file_errors(
    db: str, jane: str, tmp_path: Path, answers: dict[str, str], message: str
) -> None:
    result = run(db, "diagnose", jane, "--answers", answers_file(tmp_path, answers))
    assert result.exit_code == AnswersError.exit_code
    assert result.stderr.strip() == f"Error: {message}"


def test_answers_file_not_a_mapping_or_unreadable(db: str, jane: str, tmp_path: Path) -> None:
    bad = tmp_path / "list.yaml"
    bad.write_text("- cold\n- basics\n")
    result = run(db, "diagnose", jane, "--answers", str(bad))
    assert result.exit_code == 36 and "must map each question id" in result.stderr
    result = run(db, "diagnose", jane, "--answers", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 8 and "Cannot read" in result.stderr


def test_no_history_says_the_record_is_empty(db: str, tmp_path: Path) -> None:
    ok(run(db, "prospect", "add", "Quiet Bob"))
    result = ok(run(db, "diagnose", "Quiet Bob", "--answers", answers_file(tmp_path, NEUTRAL),
                    "--format", "json"))  # fmt: skip
    assert "Note: The record is empty: no voicemail was logged for Quiet Bob" in result.stderr
    assert len(json.loads(result.stdout)) == 10


def test_phonetest_from_a_file_stores_and_lists_results(db: str, tmp_path: Path) -> None:
    worse = {**BEST, "length": "long"}
    first = json.loads(ok(run(db, "phonetest", "--answers", answers_file(tmp_path, worse),
                              "--format", "json")).stdout)  # fmt: skip
    # Formula scoring: 3 points lost on a 0/1/3 question, out of 158/3 to beat: 94.
    assert first["score"] == 94 and first["band"] == "callworthy" and first["id"] == 1
    assert first["weakest"][0]["area"] == "voicemail_content"
    text = ok(run(db, "phonetest", "--answers", answers_file(tmp_path, BEST))).stdout
    assert "Phone-ability: 100/100" in text and "Saved as result #2 for alice" in text
    history = json.loads(ok(run(db, "phonetest", "history", "--format", "json")).stdout)
    assert [(r["id"], r["score"], r["rep"]) for r in history] == [
        (1, 94, "alice"),
        (2, 100, "alice"),
    ]
    assert {r["scoring"] for r in history} == {"formula"}
    table = ok(run(db, "phonetest", "history")).stdout
    assert "+6" in table
    other = CliRunner().invoke(main, ["phonetest", "history", "--db", db, "--rep", "bob"])
    assert other.exit_code == 45 and "has no rep 'bob'; its reps: alice." in other.stderr


def test_phonetest_interactive(db: str) -> None:
    typed = "\n".join(q.best().id for q in QUIZ.questions) + "\n"
    result = ok(run(db, "phonetest", "--no-save", "--format", "json", input=typed))
    assert json.loads(result.stdout)["score"] == 100 and json.loads(result.stdout)["id"] is None
    assert QUIZ.questions[0].scenario in result.stderr
    assert f"[{QUIZ.questions[0].best().id}]" not in result.stderr  # ids would hint
    assert ok(run(db, "phonetest", "history", "--format", "json")).stdout.strip() == "[]"


def test_phonetest_asks_each_attempt_in_its_own_order(db: str) -> None:
    """Answered by number: the numbers follow the attempt's order, which --attempt repeats."""
    numbers = [
        str([o.id for o in options].index(q.best().id) + 1)
        for q, options in shuffled(QUIZ, "attempt-cli")
    ]
    typed = "\n".join(numbers) + "\n"
    args = ["phonetest", "--attempt", "attempt-cli", "--no-save", "--format", "json"]
    result = ok(run(db, *args, input=typed))
    assert json.loads(result.stdout)["score"] == 100
    assert "Attempt attempt-cli" in result.stderr
    # Always the first option is no strategy: near chance (0) on average over attempts.
    first_only = [
        json.loads(
            ok(run(db, "phonetest", "--attempt", f"first-{n}", "--no-save", "--format", "json",
                   input="1\n" * 40)).stdout
        )["score"]
        for n in range(6)
    ]  # fmt: skip
    assert sum(first_only) / len(first_only) < 25 and max(first_only) < 60, first_only
    bad = run(db, "phonetest", "--attempt", "../x", input="")
    assert bad.exit_code == AnswersError.exit_code and "not an attempt id" in bad.stderr


def test_phonetest_answers_file_error(db: str, tmp_path: Path) -> None:
    result = run(db, "phonetest", "--answers", answers_file(tmp_path, {**BEST, "hours": "noon"}))
    assert result.exit_code == 36
    assert "'noon' is not an option of 'hours'. Answer it with one of: test, whenever, late." in (
        result.stderr
    )
