"""Every kind of data file is held to one shape: one loader, one strict base, one id style,
the same keys for the same ideas, and examples inside wherever a kind can have them.

Each kind's own meta-tests run the examples of rules (tests/critique), strategies and
greetings (tests/write) and causes (tests/diagnose); this file runs those of the packs,
the quiz questions and the CRM formats, and holds every kind to the shared conventions.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from pydantic import BaseModel

from callworthy.critique import default_rules
from callworthy.critique.schema import RuleBase
from callworthy.crm import default_formats, parse_file, read_csv
from callworthy.crm.formats import FormatSpec
from callworthy.datafile import ID_RE, Strict, package_data
from callworthy.diagnose import default_model
from callworthy.diagnose.schema import CauseSpec, QuestionnaireSpec
from callworthy.experiments.cadence import CadenceSpec
from callworthy.phoneability import default_quiz, score_answers
from callworthy.phoneability.schema import QuestionSpec, QuizSpec
from callworthy.write.packs import PackSpec, default_packs, find_pack
from callworthy.write.strategies import (
    GreetingSpec,
    StrategySpec,
    default_greetings,
    default_strategies,
)

#: Each kind: its folder of built-in data, its schema, and whether its entries carry examples.
KINDS: dict[str, tuple[str, type[BaseModel], bool]] = {
    "strategies": ("strategies", StrategySpec, True),
    "greetings": ("greetings", GreetingSpec, True),
    "packs": ("packs", PackSpec, True),
    "causes": ("causes", CauseSpec, True),
    "questionnaires": ("questionnaires", QuestionnaireSpec, False),
    "quiz": ("quizzes/phoneability", QuizSpec, False),
    "quiz questions": ("quizzes/phoneability/questions", QuestionSpec, True),
    "crm formats": ("crm_formats", FormatSpec, True),
    "policies": ("policies", CadenceSpec, True),
}
RULE_ID = re.compile(r"^[a-z0-9_]+\.[a-z0-9][a-z0-9_-]*$")
#: Rule files that still give `principle` as a list: the rules belong to the critique's
#: owner (issue 15), who converts them (`principle` + `related_principles`); none may join.
PRINCIPLE = re.compile(r"^P(?:[1-9]|1[0-4])$")


def data_files() -> Iterator[Path]:
    for folder, _, _ in KINDS.values():
        yield from sorted(package_data(*folder.split("/")).glob("*.yaml"))
    yield from sorted(package_data("rules").rglob("*.yaml"))


def walk(data: Any, where: str = "") -> Iterator[tuple[str, str, Any]]:
    """Yield (path, key, value) for every mapping entry of a YAML document."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield where, str(key), value
            yield from walk(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, f"{where}[{index}]")


@pytest.mark.parametrize("kind", [*KINDS, "rules"])
def test_every_kind_has_one_strict_base(kind: str) -> None:
    schema = RuleBase if kind == "rules" else KINDS[kind][1]
    assert issubclass(schema, Strict)
    assert schema.model_config.get("extra") == "forbid"


def test_every_kind_loads_through_the_one_loader_with_its_ids_in_one_style() -> None:
    ids = {
        "strategies": [s.id for s in default_strategies()],
        "greetings": [g.id for g in default_greetings()],
        "packs": list(default_packs()),
        "causes": [c.id for c in default_model().causes],
        "quiz questions": [q.id for q in default_quiz().questions],
        "crm formats": list(default_formats()),
    }
    for kind, found in ids.items():
        assert found, kind
        assert all(ID_RE.match(i) for i in found), (kind, [i for i in found if not ID_RE.match(i)])
    quiz, questionnaire = default_quiz(), default_model().questionnaire
    inner = [o.id for q in quiz.questions for o in q.options] + [b.id for b in quiz.bands]
    inner += [*quiz.areas, *(q.id for q in questionnaire.questions)]
    inner += [o.id for q in questionnaire.questions for o in q.options]
    inner += [a.id for c in default_model().causes for a in c.actions]
    assert all(ID_RE.match(i) for i in inner), [i for i in inner if not ID_RE.match(i)]
    assert all(RULE_ID.match(r.id) for r in default_rules().rules)  # Vale's folder.file-name


@pytest.mark.parametrize("path", list(data_files()), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_same_idea_has_the_same_key_in_every_file(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for where, key, value in walk(data):
        # A display name is `name`; `title` was the odd one out (causes, quiz, bands, areas).
        assert key != "title", f"{path}: {where}.title -> name"
        if key == "principle":  # one principle, a string, in every kind
            assert isinstance(value, str) and PRINCIPLE.match(value), f"{path}: {where}.{key}"
        if key == "related_principles":
            assert all(PRINCIPLE.match(p) for p in value), f"{path}: {where}.{key}"


@pytest.mark.parametrize("kind", [k for k, (_, _, has) in KINDS.items() if has])
def test_every_entry_of_a_kind_with_examples_has_some(kind: str) -> None:
    folder = package_data(*KINDS[kind][0].split("/"))
    for path in folder.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data.get("examples"), f"{path} has no examples"
    for rule in default_rules().rules:
        assert rule.pass_examples and rule.fail_examples, rule.id


@pytest.mark.parametrize("pack", list(default_packs().values()), ids=lambda p: p.id)
def test_pack_examples_choose_their_pack(pack: Any) -> None:
    for example in pack.examples:
        chosen, _note = find_pack(example.industry, default_packs())
        assert chosen.id == pack.id, (example.industry, chosen.id)


@pytest.mark.parametrize("question", default_quiz().questions, ids=lambda q: q.id)
def test_quiz_question_examples_score_and_say_what_they_declare(question: Any) -> None:
    quiz = default_quiz()
    best = {q.id: q.best().id for q in quiz.questions}
    for example in question.examples:
        result = score_answers({**best, question.id: example.answer}, quiz)
        item = next(f for f in result.feedback if f.question == question.id)
        assert item.points == example.points and example.says in item.explanation


@pytest.mark.parametrize("fmt", list(default_formats().values()), ids=lambda f: f.id)
def test_crm_format_examples_become_what_they_declare(fmt: Any) -> None:
    for example in fmt.examples:
        header = list(example.row)
        lines = [",".join(f'"{h}"' for h in header)]
        lines.append(",".join(f'"{example.row[h]}"' for h in header))
        table = read_csv(io.BytesIO("\n".join(lines).encode()), f"{fmt.id} example")
        parsed = parse_file(table, fmt, zone=ZoneInfo("UTC"), strategy="other")
        assert not parsed.bad, parsed.bad
        if example.kind == "skip":
            assert parsed.skipped and not parsed.activities
            continue
        (activity,) = parsed.activities
        assert activity.kind == example.kind and activity.external_id.startswith(f"{fmt.id}:")
        if example.outcome is not None:
            assert activity.outcome == example.outcome
