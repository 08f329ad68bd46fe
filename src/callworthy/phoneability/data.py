"""Load the phone-ability quiz (P14): quiz.yaml plus one YAML file per question.

A question's id is its file name; its area must be one quiz.yaml lists, and
every area must have a question. Goes through the shared validating loader
(datafile.load_model); any problem is a QuizFileError naming the file and line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from callworthy.datafile import line_of, load_entry, package_data
from callworthy.errors import QuizFileError
from callworthy.phoneability.schema import (
    AreaSpec,
    BandSpec,
    OptionSpec,
    QuestionExample,
    QuestionSpec,
    QuizSpec,
)

DOCS = "docs/phonetest.md"
#: How sittings are scored now; part of the quiz version stored with each sitting, so a
#: sitting scored otherwise before (the plain share of points) is told apart in history.
SCORING = "formula"


@dataclass(frozen=True, slots=True)
class Question:
    """A loaded scenario question."""

    id: str
    area: str
    scenario: str
    options: tuple[OptionSpec, ...]
    examples: tuple[QuestionExample, ...]
    path: str

    @property
    def max_points(self) -> int:
        """Return the points of the best option."""
        return max(o.points for o in self.options)

    def option(self, oid: str) -> OptionSpec:
        """Return the option with this id; KeyError if there is none."""
        for option in self.options:
            if option.id == oid:
                return option
        raise KeyError(oid)

    def best(self) -> OptionSpec:
        """Return the best option (the first with the most points)."""
        return max(self.options, key=lambda o: o.points)


@dataclass(frozen=True, slots=True)
class Quiz:
    """The whole quiz: areas, bands and questions, with a version of the data."""

    name: str
    description: str
    bands: tuple[BandSpec, ...]
    areas: dict[str, AreaSpec]
    questions: tuple[Question, ...]
    version: str

    def choices(self) -> list[tuple[str, list[str]]]:
        """Return every question id with its option ids, in order."""
        return [(q.id, [o.id for o in q.options]) for q in self.questions]


def builtin_quiz_dir() -> Path:
    """Return the folder of the built-in phone-ability quiz (package data)."""
    return package_data("quizzes", "phoneability")


def load_question_file(path: Path, areas: dict[str, AreaSpec]) -> Question:
    """Load and check one question file; its id is the file name."""
    entry = load_entry(path, QuestionSpec, error=QuizFileError, docs=DOCS)
    spec, node = entry.spec, entry.node
    if spec.area not in areas:
        raise QuizFileError(
            str(path),
            line_of(node, ["area"]),
            f"area {spec.area!r} is not in quiz.yaml.",
            f"Use one of: {', '.join(areas)}.",
        )
    return Question(
        entry.id, spec.area, spec.scenario, tuple(spec.options), tuple(spec.examples), str(path)
    )


def load_quiz(folder: Path | None = None) -> Quiz:
    """Load quiz.yaml and every question under questions/ (the built-in quiz by default)."""
    root = folder or builtin_quiz_dir()
    quiz_path = root / "quiz.yaml"
    spec = load_entry(quiz_path, QuizSpec, error=QuizFileError, docs=DOCS).spec
    paths = sorted((root / "questions").glob("*.yaml"))
    order = {area: index for index, area in enumerate(spec.areas)}
    loaded = (load_question_file(p, spec.areas) for p in paths)
    questions = tuple(sorted(loaded, key=lambda q: (order[q.area], q.id)))
    empty = [a for a in spec.areas if not any(q.area == a for q in questions)]
    if empty:
        one = len(empty) == 1
        raise QuizFileError(
            str(root),
            None,
            f"no question covers the {'area' if one else 'areas'} {', '.join(empty)}.",
            f"Add a question in {'it' if one else 'each'}, or remove "
            f"{'it' if one else 'them'} from quiz.yaml's areas.",
        )
    digest = hashlib.sha256()
    for path in [quiz_path, *paths]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return Quiz(
        spec.name, spec.description, tuple(spec.bands), dict(spec.areas), questions,
        f"{SCORING}-{digest.hexdigest()[:12]}",
    )  # fmt: skip


@lru_cache(maxsize=1)
def default_quiz() -> Quiz:
    """Return the built-in quiz, loaded once on first use."""
    return load_quiz()
