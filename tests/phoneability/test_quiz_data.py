"""Meta-tests for the phone-ability quiz (P14): every file loads, every option scored, explained."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from callworthy.errors import QuizFileError
from callworthy.phoneability import default_quiz, load_quiz
from callworthy.phoneability.data import builtin_quiz_dir

QUIZ = default_quiz()
PRINCIPLE = re.compile(r"^P(?:[1-9]|1[0-4])$")
AREAS = {
    "voicemail_content",
    "preparation",
    "humor",
    "greetings",
    "follow_up",
    "gatekeepers",
    "calling_hours",
    "do_not_call",
}


def test_at_least_25_questions_cover_every_area() -> None:
    assert len(QUIZ.questions) >= 25
    assert set(QUIZ.areas) == AREAS
    assert {q.area for q in QUIZ.questions} == AREAS
    assert all(sum(q.area == a for q in QUIZ.questions) >= 2 for a in AREAS)


@pytest.mark.parametrize("question", QUIZ.questions, ids=lambda q: q.id)
def test_every_option_is_scored_and_explained_with_its_principle(question) -> None:  # type: ignore[no-untyped-def]
    assert Path(question.path).stem == question.id
    assert len(question.options) >= 3
    assert question.best().points == 3 and min(o.points for o in question.options) < 3
    for option in question.options:
        assert PRINCIPLE.match(option.principle)
        assert (
            f"({option.principle}" in option.explanation or option.principle in option.explanation
        )
        assert 0 <= option.points <= 3 and option.text


def test_bands_are_documented_and_cover_0_to_100() -> None:
    mins = [b.min for b in QUIZ.bands]
    assert mins[-1] == 0 and mins == sorted(mins, reverse=True)
    assert all(b.says and b.name for b in QUIZ.bands)


def test_the_quiz_never_rewards_a_wrong_answer_of_p1() -> None:
    for question in QUIZ.questions:
        for option in question.options:
            text = option.text.lower()
            if ("until" in text and "picks up" in text) or "go over his head" in text:
                assert option.points == 0, question.id


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "quiz"
    shutil.copytree(builtin_quiz_dir(), root)
    return root


def test_an_unscored_or_unexplained_option_is_refused_with_its_line(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "questions" / "length.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  points: 1\n", ""))
    with pytest.raises(QuizFileError, match=r"length\.yaml:\d+: options\.2\.points"):
        load_quiz(root)
    shutil.copy(builtin_quiz_dir() / "questions" / "length.yaml", path)
    text = path.read_text(encoding="utf-8").replace("a bare call-me-back (P4)", "a bare one")
    path.write_text(text)
    with pytest.raises(QuizFileError, match="must cite its principle"):
        load_quiz(root)


def test_an_unknown_area_and_an_uncovered_area_are_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "questions" / "hours.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("area: calling_hours", "area: lunch"))
    with pytest.raises(QuizFileError, match=r"hours\.yaml:2: area 'lunch' is not in quiz"):
        load_quiz(root)
    path.unlink()
    (root / "questions" / "time_zone.yaml").unlink()
    with pytest.raises(QuizFileError, match=r"no question covers the area calling_hours\."):
        load_quiz(root)
