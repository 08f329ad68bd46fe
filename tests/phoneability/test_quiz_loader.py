"""The quiz loader (uncached): each question's fields, and each refusal's file, line and fix."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from callworthy.errors import QuizFileError
from callworthy.phoneability import load_quiz, score_answers
from callworthy.phoneability.data import DOCS, builtin_quiz_dir


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "quiz"
    shutil.copytree(builtin_quiz_dir(), root)
    return root


def test_each_question_keeps_its_file_scenario_and_examples(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    quiz = load_quiz(root)
    for question in quiz.questions:
        path = root / "questions" / f"{question.id}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert question.path == str(path)
        assert question.scenario == data["scenario"].strip()
        assert len(question.examples) == len(data.get("examples", []))
        assert isinstance(question.examples, tuple)


def test_a_question_in_an_unknown_area_names_its_line_and_the_areas(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "questions" / "hours.yaml"
    # The area moved to the end: the error points at its own line, not the file's first.
    lines = path.read_text(encoding="utf-8").replace("area: calling_hours\n", "")
    path.write_text(lines + "area: lunch\n", encoding="utf-8")
    with pytest.raises(QuizFileError) as caught:
        load_quiz(root)
    error = caught.value
    assert (error.path, error.line, error.detail) == (
        str(path),
        len(lines.splitlines()) + 1,
        "area 'lunch' is not in quiz.yaml.",
    )
    areas = yaml.safe_load((root / "quiz.yaml").read_text(encoding="utf-8"))["areas"]
    assert error.fix == f"Use one of: {', '.join(areas)}."


def test_an_area_no_question_covers_is_named_for_the_quiz_folder(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "questions" / "hours.yaml").unlink()
    (root / "questions" / "time_zone.yaml").unlink()
    with pytest.raises(QuizFileError) as caught:
        load_quiz(root)
    error = caught.value
    assert (error.path, error.line) == (str(root), None)
    assert (error.detail, error.fix) == (
        "no question covers the area calling_hours.",
        "Add a question in it, or remove it from quiz.yaml's areas.",
    )


def test_every_area_no_question_covers_is_named_in_quiz_order(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    for name in ("hours", "time_zone", "assistant", "screened", "take_a_message"):
        (root / "questions" / f"{name}.yaml").unlink()
    with pytest.raises(QuizFileError) as caught:
        load_quiz(root)
    assert caught.value.detail == "no question covers the areas gatekeepers, calling_hours."
    assert caught.value.fix == "Add a question in each, or remove them from quiz.yaml's areas."


@pytest.mark.parametrize("name", ["quiz.yaml", "questions/length.yaml"])
def test_a_broken_quiz_file_is_a_quiz_error_pointing_to_the_quiz_page(
    tmp_path: Path, name: str
) -> None:
    root = _copy(tmp_path)
    path = root / name
    path.write_text(path.read_text(encoding="utf-8") + "\ncolour: red\n")
    with pytest.raises(QuizFileError) as caught:
        load_quiz(root)
    assert caught.value.path == str(path) and caught.value.docs == DOCS


@pytest.mark.parametrize("bad", ["yes", "Short", "two words"])
def test_an_option_id_yaml_reads_as_a_boolean_or_not_a_slug_is_refused(
    tmp_path: Path, bad: str
) -> None:
    root = _copy(tmp_path)
    path = root / "questions" / "length.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: short", f"- id: '{bad}'"))
    with pytest.raises(QuizFileError) as caught:
        load_quiz(root)
    assert caught.value.detail == (
        "options.0.id: use a snake_case id (a-z, 0-9 and _), not yes/no/on/off/true/false."
    )
    assert caught.value.path == str(path)


def test_the_quiz_keeps_its_name_description_and_a_scored_version(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    quiz = load_quiz(root)
    data = yaml.safe_load((root / "quiz.yaml").read_text(encoding="utf-8"))
    assert (quiz.name, quiz.description) == (data["name"].strip(), data["description"].strip())
    scoring, digest = quiz.version.split("-")
    assert scoring == "formula" and len(digest) == 12 and int(digest, 16) >= 0


def _points(path: Path, points: list[int]) -> None:
    """Give a question's options these points, in order (its examples follow suit)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["options"] = [{**o, "points": p} for o, p in zip(data["options"], points, strict=True)]
    data["examples"] = [{"answer": data["options"][0]["id"], "points": 3, "says": "P1"}]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


def test_of_two_areas_at_the_same_share_the_one_that_lost_more_points_is_weaker(
    tmp_path: Path,
) -> None:
    """A team's quiz: gatekeepers (2 questions worth 3, 2, 0) and calling hours (3, 0, 0).

    Answering the 2-point option twice and the best and a 0 once both leave a quarter of
    what beats chance: (4 - 10/3) / (12 - 2 * 10/3) and (3 - 2) / (6 - 2). Calling hours lost
    3 points, gatekeepers 2, so calling hours comes first although the quiz lists it later.
    """
    root = _copy(tmp_path)
    questions = root / "questions"
    (questions / "take_a_message.yaml").unlink()
    for name in ("assistant", "screened"):
        _points(questions / f"{name}.yaml", [3, 2, 0])
    for name in ("hours", "time_zone"):
        _points(questions / f"{name}.yaml", [3, 0, 0])
    quiz = load_quiz(root)
    answers = {q.id: q.best().id for q in quiz.questions}
    for question in quiz.questions:
        if question.area == "gatekeepers":
            answers[question.id] = question.options[1].id  # 2 points
    answers["hours"] = next(q for q in quiz.questions if q.id == "hours").options[1].id
    result = score_answers(answers, quiz)
    weak = [(a.area, a.share, a.max_points - a.points) for a in result.weakest]
    assert weak == [("calling_hours", 0.25, 3), ("gatekeepers", 0.25, 2)]


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _same_ids(data: dict[str, Any]) -> None:
    data["options"][1]["id"] = data["options"][0]["id"]


def _none_best(data: dict[str, Any]) -> None:
    data["options"][0]["points"] = 2  # hours.yaml's best; the others have 1 and 0


def _all_best(data: dict[str, Any]) -> None:
    for option in data["options"]:
        option["points"] = 3


def _unknown_example(data: dict[str, Any]) -> None:
    data["examples"][0]["answer"] = "never"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (_same_ids, "option ids must be unique"),
        (_none_best, "give the best option 3 points"),
        (_all_best, "at least one option must score less than the best"),
        (_unknown_example, "an example answers with an option id the question does not have"),
    ],
)
def test_a_questions_options_are_refused_with_the_exact_problem(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], problem: str
) -> None:
    root = _copy(tmp_path)
    path = root / "questions" / "hours.yaml"
    _edit(path, change)
    with pytest.raises(QuizFileError) as caught:
        load_quiz(root)
    assert (caught.value.path, caught.value.detail) == (str(path), f"file: {problem}.")
    assert caught.value.fix == "Correct the value."


@pytest.mark.parametrize(
    ("mins", "ok"),
    [
        ([90, 75, 55, 35, 0], True),
        ([90, 55, 75, 35, 0], False),  # not from the highest down
        ([90, 75, 75, 35, 0], False),  # a `min` twice
        ([90, 75, 55, 35, 10], False),  # no band from 0
        ([0, 0, 0, 0, 0], False),  # sorted, ends at 0, but the same `min` five times
    ],
)
def test_the_bands_run_from_the_highest_min_down_to_zero_each_once(
    tmp_path: Path, mins: list[int], ok: bool
) -> None:
    root = _copy(tmp_path)

    def change(data: dict[str, Any]) -> None:
        for band, low in zip(data["bands"], mins, strict=True):
            band["min"] = low

    _edit(root / "quiz.yaml", change)
    if ok:
        assert [b.min for b in load_quiz(root).bands] == mins
        return
    with pytest.raises(QuizFileError) as caught:
        load_quiz(root)
    assert caught.value.detail == (
        "file: list bands from the highest `min` down to one with min 0."
    )
