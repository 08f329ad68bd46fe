"""Meta-tests for the diagnosis data: every cause and question loads, is complete and safe (P1)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from callworthy.diagnose import SIGNALS, Record, Signal, default_model, forbidden_reason, rank
from callworthy.diagnose.data import load_model_from
from callworthy.diagnose.schema import CAUSE_LETTERS
from callworthy.errors import CauseFileError

MODEL = default_model()
CAUSES = {c.id: c for c in MODEL.causes}
PRINCIPLE = re.compile(r"^P(?:[1-9]|1[0-4])$")
DATA = Path(MODEL.causes[0].path).parent
QUESTIONNAIRE = DATA.parent / "questionnaires" / "diagnose.yaml"
#: Wrong answers of P1, in the words a rep might write them.
FORBIDDEN = [
    "Call until he picks up.",
    "Keep calling every day.",
    "Call back until they pick up the phone.",
    "Go around him through the assistant.",
    "Get to him through the secretary.",
    "Go over his head to his boss, around him.",
]


def test_the_ten_causes_of_p1_are_present() -> None:
    assert sorted(CAUSES) == list(CAUSE_LETTERS)
    assert abs(sum(c.prior for c in MODEL.causes) - 1) < 1e-9


@pytest.mark.parametrize("cause", MODEL.causes, ids=lambda c: c.id)
def test_each_cause_is_complete(cause) -> None:  # type: ignore[no-untyped-def]
    assert Path(cause.path).stem == cause.id
    assert cause.principle == "P1"  # every cause is one of P1's
    assert all(PRINCIPLE.match(p) for p in cause.related_principles)
    assert cause.signs or cause.id in "f", "a cause should read something in the record"
    assert all(s.signal in SIGNALS for s in cause.signs)
    assert len(cause.actions) >= 2 and all(PRINCIPLE.match(a.principle) for a in cause.actions)
    assert len({a.id for a in cause.actions}) == len(cause.actions)


@pytest.mark.parametrize("cause", MODEL.causes, ids=lambda c: c.id)
def test_each_cause_ranks_high_on_its_own_examples(cause) -> None:  # type: ignore[no-untyped-def]
    for example in cause.examples:
        signals = tuple(Signal(k, v, f"{k}.") for k, v in example.signals.items())
        ranked = [r.cause for r in rank(example.answers, Record(1, 0, signals, ()), MODEL)]
        assert ranked.index(cause.id) < example.rank_at_most, ranked


def test_no_action_recommends_a_wrong_answer_of_p1() -> None:
    for cause in MODEL.causes:
        for action in cause.actions:
            assert forbidden_reason(action.text) is None, (cause.id, action.id)
            text = action.text.lower()
            assert "until he picks up" not in text and "through the assistant" not in text
        for wrong in cause.never:  # listed, explained, never recommended
            assert wrong.why and wrong.text not in {a.text for a in cause.actions}
    listed = [w.text for c in MODEL.causes for w in c.never]
    assert any(forbidden_reason(t) for t in listed)


@pytest.mark.parametrize("text", FORBIDDEN)
def test_forbidden_steps_are_recognised(text: str) -> None:
    assert forbidden_reason(text)


def test_give_them_to_the_competition_is_a_step() -> None:
    steps = {a.id: a.text for c in MODEL.causes for a in c.actions}
    assert "competition" in steps["give_to_competition"]
    assert "space" in steps["space_the_calls"] and "stop" in steps["stop_after_n"].lower()


def test_every_option_of_every_question_is_scored_and_explained() -> None:
    questions = MODEL.questionnaire.questions
    assert 5 <= len(questions) <= 12  # short
    assert {"relationship", "business", "offer", "engaged", "budget"} <= {q.id for q in questions}
    weighed = set()
    for question in questions:
        assert question.text.endswith("?") and PRINCIPLE.match(question.principle)
        assert len(question.options) >= 2
        for option in question.options:
            assert option.evidence.endswith(".") and option.label
            assert set(option.weights) <= set(CAUSE_LETTERS)
            weighed |= set(option.weights)
    assert weighed == set(CAUSE_LETTERS), "every cause is reachable from the questionnaire"


def test_action_conditions_name_signals_or_answers() -> None:
    answers = {f"{q.id}.{o.id}" for q in MODEL.questionnaire.questions for o in q.options}
    for cause in MODEL.causes:
        for action in cause.actions:
            assert set(action.when) <= set(SIGNALS) | answers


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "causes"
    shutil.copytree(DATA, folder)
    return folder


def test_a_team_file_recommending_a_wrong_answer_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "d.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "Stop for now and space the calls", "Keep calling until he picks up; then space the calls"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CauseFileError, match=r"d\.yaml:\d+: step 'space_the_calls' recommends"):
        load_model_from(folder, QUESTIONNAIRE)


def test_broken_cause_files_name_the_file_and_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "a.yaml").write_text(
        (folder / "a.yaml").read_text(encoding="utf-8").replace("signal: bare_call_me", "signal: x")
    )
    with pytest.raises(CauseFileError, match=r"a\.yaml:\d+: 'x' is no signal"):
        load_model_from(folder, QUESTIONNAIRE)
    shutil.copy(DATA / "a.yaml", folder / "a.yaml")
    (folder / "j.yaml").unlink()
    with pytest.raises(CauseFileError, match=r"cause j is missing"):
        load_model_from(folder, QUESTIONNAIRE)
    (folder / "k.yaml").write_text("name: x\n")
    with pytest.raises(CauseFileError, match="'k' is not a P1 cause"):
        load_model_from(folder, QUESTIONNAIRE)


def test_a_malformed_questionnaire_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "q.yaml"
    bad.write_text(
        QUESTIONNAIRE.read_text(encoding="utf-8").replace("weights: {f: 2.0}", "weights: {z: 2}")
    )
    with pytest.raises(CauseFileError, match=r"q\.yaml:\d+: .*weights"):
        load_model_from(DATA, bad)
