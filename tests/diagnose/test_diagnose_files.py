"""Loading the causes and the questionnaire, uncached: every field as the file says, every
broken file refused with its line, its exact problem and its fix, and a version that follows
the files."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
import yaml

from callworthy.diagnose import default_model
from callworthy.diagnose.data import load_cause_file, load_model_from, load_questionnaire
from callworthy.diagnose.record import SIGNALS
from callworthy.diagnose.schema import slug
from callworthy.errors import CauseFileError
from callworthy.experiments.cadence import default_cadence

DATA = Path(default_model().causes[0].path).parent
QUESTIONNAIRE = DATA.parent / "questionnaires" / "diagnose.yaml"
DOCS = "docs/diagnose.md"


def copy(tmp_path: Path) -> tuple[Path, Path]:
    """Copy the causes and the questionnaire; their paths in tmp_path."""
    folder = tmp_path / "causes"
    shutil.copytree(DATA, folder)
    questionnaire = tmp_path / "q.yaml"
    shutil.copy(QUESTIONNAIRE, questionnaire)
    return folder, questionnaire


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_each_cause_loads_every_field_as_its_file_says() -> None:
    questionnaire = load_questionnaire(QUESTIONNAIRE)
    for path in sorted(DATA.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        cause = load_cause_file(path, questionnaire)
        assert (cause.id, cause.path) == (path.stem, str(path))
        assert cause.title == raw["name"] and cause.principle == raw["principle"]
        assert cause.related_principles == tuple(raw.get("related_principles", []))
        assert cause.prior == raw["prior"]
        assert cause.description == raw["description"].strip()
        assert [(s.signal, s.weight) for s in cause.signs] == [
            (s["signal"], s["weight"]) for s in raw.get("signs", [])
        ]
        assert [a.id for a in cause.actions] == [a["id"] for a in raw["actions"]]
        assert [a.when for a in cause.actions] == [a.get("when", []) for a in raw["actions"]]
        assert [n.text for n in cause.never] == [n["text"].strip() for n in raw.get("never", [])]
        assert len(cause.examples) == len(raw.get("examples", []))
        assert isinstance(cause.signs, tuple) and isinstance(cause.actions, tuple)
    fresh = load_model_from()
    assert (fresh.causes, fresh.questionnaire) == (default_model().causes, questionnaire)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [("d.yaml", "prior: 0.10", "prior: 1.5"), ("q.yaml", "principle: P1", "principle: P99")],
)
def test_a_file_that_breaks_the_format_is_a_cause_file_error_with_the_docs(
    tmp_path: Path, name: str, old: str, new: str
) -> None:
    folder, questionnaire = copy(tmp_path)
    path = questionnaire if name == "q.yaml" else folder / name
    edit(path, old, new)
    with pytest.raises(CauseFileError) as caught:
        load_model_from(folder, questionnaire)
    assert caught.value.path == str(path) and caught.value.docs == DOCS


def test_a_step_names_the_cadences_figures_filled_in() -> None:
    questionnaire = load_questionnaire(QUESTIONNAIRE)
    policy = dataclasses.replace(default_cadence(), spacing_days=2.5, max_unanswered=9)
    steps = {a.id: a.text for a in load_cause_file(DATA / "d.yaml", questionnaire, policy).actions}
    assert "at most one message every 2.5 days" in steps["space_the_calls"]
    default = {a.id: a.text for a in load_cause_file(DATA / "d.yaml", questionnaire).actions}
    assert f"every {default_cadence().spacing_days:g} days" in default["space_the_calls"]
    assert "{" not in " ".join(default.values())


def test_a_step_with_braces_of_its_own_is_kept_or_refused(tmp_path: Path) -> None:
    folder, questionnaire = copy(tmp_path)
    q = load_questionnaire(questionnaire)
    path = folder / "d.yaml"
    line = edit(path, "{spacing_days}\n", "{max_unanswered} after {spacing_days}\n")
    steps = {a.id: a.text for a in load_cause_file(path, q).actions}
    policy = default_cadence()
    assert (
        f"every {policy.max_unanswered} after {policy.spacing_days:g}" in steps["space_the_calls"]
    )
    named = "names {spacing_weeks}, which is no cadence figure."
    braces = "has braces that name no cadence figure."
    for wrong, problem in [("{spacing_weeks}", named), ("{0}", braces), ("{", braces)]:
        shutil.copy(DATA / "d.yaml", path)
        edit(path, "{spacing_days}", wrong)
        with pytest.raises(CauseFileError) as caught:
            load_cause_file(path, q)
        assert caught.value.line == line - 1  # the step's text starts a line above
        assert caught.value.path == str(path)
        assert caught.value.detail == f"step 'space_the_calls' {problem}"
        assert caught.value.fix == "Use one of: {spacing_days}, {max_unanswered}."
        assert caught.value.docs == DOCS


def test_a_step_without_a_brace_field_is_kept_as_written(tmp_path: Path) -> None:
    folder, questionnaire = copy(tmp_path)
    edit(folder / "d.yaml", "easy to act on between two fires.", "easy to act on :-}")
    cause = load_cause_file(folder / "d.yaml", load_questionnaire(questionnaire))
    assert {a.id: a.text for a in cause.actions}["short_message"].endswith("easy to act on :-}")


def _cause_error(tmp_path: Path, name: str, old: str, new: str) -> tuple[CauseFileError, int]:
    folder, questionnaire = copy(tmp_path)
    line = edit(folder / name, old, new)
    with pytest.raises(CauseFileError) as caught:
        load_model_from(folder, questionnaire)
    assert caught.value.path == str(folder / name)
    return caught.value, line


def test_a_sign_that_names_no_signal(tmp_path: Path) -> None:
    error, line = _cause_error(tmp_path, "a.yaml", "signal: bare_call_me", "signal: shy")
    assert (error.line, error.detail) == (line, "'shy' is no signal.")
    assert error.fix == f"Use one of: {', '.join(SIGNALS)}."
    assert error.docs == DOCS
    assert str(error).startswith(f"{error.path}:{line}: 'shy' is no signal.")


def test_a_bad_signal_is_found_on_its_own_line_whatever_the_keys_order(tmp_path: Path) -> None:
    old = "  - signal: bare_call_me\n    weight:"
    folder, questionnaire = copy(tmp_path)
    text = (folder / "a.yaml").read_text(encoding="utf-8")
    start = text.index(old)
    end = text.index("\n", text.index("weight:", start))
    weight = text[text.index("weight:", start) : end]
    line = edit(folder / "a.yaml", text[start:end], f"  - {weight}\n    signal: shy")
    with pytest.raises(CauseFileError) as caught:
        load_model_from(folder, questionnaire)
    assert caught.value.line == line + 1


def test_a_step_that_recommends_a_wrong_answer(tmp_path: Path) -> None:
    error, line = _cause_error(
        tmp_path, "d.yaml", "Stop for now and space the calls", "Keep calling and space the calls"
    )
    assert error.line == line - 1
    assert error.detail == "step 'space_the_calls' recommends calling until he picks up (P1)."
    assert error.fix == "List it under never:."


def test_a_step_whose_condition_names_nothing_known(tmp_path: Path) -> None:
    error, line = _cause_error(
        tmp_path, "d.yaml", "when: [calls_crowded, many_attempts]", "when: [calls_crowded, nope]"
    )
    assert error.line == line - 4  # the step's text, which the condition belongs to
    assert (
        error.detail == "step 'space_the_calls': 'nope' is neither a signal nor a question.option."
    )
    assert (error.fix, error.docs) == ("Name a signal or a question.option.", DOCS)


def test_a_step_may_name_a_questions_answer(tmp_path: Path) -> None:
    folder, questionnaire = copy(tmp_path)
    edit(folder / "d.yaml", "when: [calls_crowded, many_attempts]", "when: [relationship.cold]")
    model = load_model_from(folder, questionnaire)
    steps = {a.id: a for a in next(c for c in model.causes if c.id == "d").actions}
    assert steps["space_the_calls"].when == ["relationship.cold"]


def test_an_example_that_names_no_signal(tmp_path: Path) -> None:
    error, _ = _cause_error(tmp_path, "a.yaml", "signals: {bare_call_me: 1}", "signals: {zzz: 1}")
    assert (error.line, error.detail, error.fix) == (None, "example names no signal 'zzz'.", "")


def test_a_file_that_is_no_cause_and_a_missing_cause(tmp_path: Path) -> None:
    folder, questionnaire = copy(tmp_path)
    (folder / "k.yaml").write_text("name: x\n")
    with pytest.raises(CauseFileError) as caught:
        load_model_from(folder, questionnaire)
    error = caught.value
    assert (error.path, error.line) == (str(folder / "k.yaml"), None)
    assert (error.detail, error.fix) == ("'k' is not a P1 cause.", "Name it a.yaml to j.yaml.")
    (folder / "k.yaml").unlink()
    (folder / "c.yaml").unlink()
    (folder / "j.yaml").unlink()
    with pytest.raises(CauseFileError) as caught:
        load_model_from(folder, questionnaire)
    error = caught.value
    assert (error.path, error.line) == (str(folder), None)
    assert (error.detail, error.fix) == ("causes c, j are missing.", "P1 lists ten, a-j.")
    (folder / "i.yaml").unlink()
    shutil.copy(DATA / "c.yaml", folder / "c.yaml")
    shutil.copy(DATA / "j.yaml", folder / "j.yaml")
    with pytest.raises(CauseFileError) as caught:
        load_model_from(folder, questionnaire)
    assert caught.value.detail == "cause i is missing."


@pytest.mark.parametrize(
    ("old", "new", "detail", "offset"),
    [
        ("  - id: business", "  - id: relationship", "'relationship' is twice.", 0),
        (
            "  - id: business\n    text: What do you know of their business and what",
            "  - text: What do you know of their business?\n    id: relationship\n    #",
            "'relationship' is twice.",
            1,  # the id's own line, after the text
        ),
        (
            "      - id: met_briefly",
            "      - id: cold",
            "question 'relationship' repeats an option id.",
            -5,  # the question's options: key
        ),
    ],
)
def test_a_questionnaire_that_repeats_an_id(
    tmp_path: Path, old: str, new: str, detail: str, offset: int
) -> None:
    folder, questionnaire = copy(tmp_path)
    line = edit(questionnaire, old, new)
    with pytest.raises(CauseFileError) as caught:
        load_model_from(folder, questionnaire)
    error = caught.value
    assert (error.path, error.detail) == (str(questionnaire), detail)
    assert error.line == line + offset


def test_the_version_follows_every_file(tmp_path: Path) -> None:
    folder, questionnaire = copy(tmp_path)
    same = load_model_from(folder, questionnaire).version
    assert same == default_model().version and re.fullmatch(r"[0-9a-f]{12}", same)
    edit(folder / "e.yaml", "name:", "name: ")
    changed_cause = load_model_from(folder, questionnaire).version
    edit(questionnaire, "name:", "name: ")
    changed_both = load_model_from(folder, questionnaire).version
    assert len({same, changed_cause, changed_both}) == 3


def test_a_question_is_found_by_its_id_and_choices_keep_the_order() -> None:
    model = default_model()
    questions = model.questionnaire.questions
    assert model.question(questions[-1].id) is questions[-1]
    assert model.question("relationship").options[0].id == "cold"
    with pytest.raises(KeyError) as caught:
        model.question("nope")
    assert caught.value.args == ("nope",)
    choices = model.choices()
    assert [q for q, _ in choices] == [q.id for q in questions]
    assert choices[0] == ("relationship", ["cold", "met_briefly", "referred", "customer"])


@pytest.mark.parametrize("value", ["cold", "met_2", "a"])
def test_an_id_is_a_snake_case_slug(value: str) -> None:
    assert slug(value) == value


@pytest.mark.parametrize("value", ["Cold", "met-briefly", "", "2x", "yes", "off", "n"])
def test_an_id_that_is_no_slug_or_reads_as_a_boolean_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match=r"^use a snake_case id \(a-z, 0-9 and _\), not yes/no"):
        slug(value)
