"""The ranking's arithmetic on a small model of the test's own: likelihoods against a softmax
computed by hand, evidence lines and their order, the floor, steps and their order.

The bundled causes are judgement and may be retuned; these weights are the test's, so every
figure below is exact.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from callworthy.diagnose.data import Cause, DiagnoseModel
from callworthy.diagnose.engine import EVIDENCE_FLOOR, MAX_ACTIONS, diagnose, rank
from callworthy.diagnose.model import Action, Attempt, Record, Signal
from callworthy.diagnose.schema import (
    ActionSpec,
    OptionSpec,
    QuestionnaireSpec,
    QuestionSpec,
    SignSpec,
)
from callworthy.errors import AnswersError

NOW = datetime(2026, 3, 2, tzinfo=UTC)


def option(oid: str, evidence: str, **weights: float) -> OptionSpec:
    return OptionSpec(id=oid, label=oid.title(), weights=weights, evidence=evidence)


QUESTIONS = QuestionnaireSpec(
    name="Why?",
    description="The test's questions.",
    questions=[
        QuestionSpec(
            id="known",
            text="Do they know you?",
            principle="P1",
            options=[
                option("stranger", "They do not know you.", a=1.0, b=-0.5),
                option("friend", "They know you.", a=-1.0),
                option("floor", "At the floor.", a=EVIDENCE_FLOOR, b=-EVIDENCE_FLOOR),
                option("under", "Under the floor.", a=0.2499),
            ],
        ),
        QuestionSpec(
            id="offer",
            text="Do you have a lead?",
            principle="P7",
            options=[option("lead", "You have a lead.", b=0.7), option("none", "Nothing.")],
        ),
        QuestionSpec(
            id="timing",
            text="Are they busy?",
            principle="P1",
            options=[option("busy", "A busy season.", c=1.1), option("calm", "Business as usual.")],
        ),
    ],
)


def step(sid: str, *when: str, only_when: bool = False) -> ActionSpec:
    return ActionSpec(
        id=sid, text=f"Do {sid}.", principle="P1", when=list(when), only_when=only_when
    )


def cause(cid: str, prior: float, signs: tuple[SignSpec, ...], *actions: ActionSpec) -> Cause:
    return Cause(
        id=cid,
        title=f"Cause {cid}",
        principle="P1",
        related_principles=(),
        prior=prior,
        description="A cause of the test's.",
        signs=signs,
        actions=actions,
        never=(),
        examples=(),
        path=f"{cid}.yaml",
    )


MODEL = DiagnoseModel(
    causes=(
        cause(
            "a",
            0.5,
            (SignSpec(signal="bare_call_me", weight=2.0, why="a bare call-me gives no reason"),),
            step("a1"),
            step("a2", "bare_call_me"),
            step("a3", "known.friend", only_when=True),
        ),
        cause(
            "b",
            0.3,
            (SignSpec(signal="no_value", weight=-1.0, why="they got nothing"),),
            step("b1"),
            step("b2"),
            step("b3"),
            step("b4"),
            step("b5", "offer.lead"),
        ),
        cause("c", 0.2, (), step("c1"), step("c2")),
    ),
    questionnaire=QUESTIONS,
    version="test",
)


def record(*signals: Signal) -> Record:
    return Record(attempts=3, callbacks=0, signals=signals, notes=())


def softmax(scores: dict[str, float]) -> dict[str, float]:
    total = sum(math.exp(s) for s in scores.values())
    return {k: math.exp(s) / total for k, s in scores.items()}


def test_likelihoods_are_the_softmax_of_prior_answers_and_signals() -> None:
    signals = (
        Signal("bare_call_me", 0.5, "2 of 4 messages were a bare 'call me back'."),
        Signal("no_value", 1.0, "4 of 4 messages gave them nothing."),
    )
    ranked = rank({"known": "stranger", "offer": "lead"}, record(*signals), MODEL)
    scores = {
        "a": math.log(0.5) + 1.0 + 0.5 * 2.0,
        "b": math.log(0.3) - 0.5 + 0.7 + 1.0 * -1.0,
        "c": math.log(0.2),
    }
    expected = softmax(scores)
    assert [r.cause for r in ranked] == ["a", "c", "b"]
    for result in ranked:
        assert result.log_score == pytest.approx(scores[result.cause], abs=1e-12)
        assert result.likelihood == pytest.approx(expected[result.cause], abs=1e-12)
        assert result.title == f"Cause {result.cause}"
    assert sum(r.likelihood for r in ranked) == pytest.approx(1.0, abs=1e-12)


def test_huge_scores_do_not_overflow() -> None:
    sign = SignSpec(signal="bare_call_me", weight=4, why="why")
    big = DiagnoseModel(
        causes=(
            cause("a", 1e-300, (sign,), step("s"), step("t")),
            cause("b", 1e-300, (), step("s"), step("t")),
        ),
        questionnaire=QUESTIONS,
        version="big",
    )
    ranked = rank({}, record(Signal("bare_call_me", 1.0, "x.")), big)
    assert ranked[0].likelihood == pytest.approx(math.exp(4) / (math.exp(4) + 1), abs=1e-12)


def test_evidence_reads_strongest_first_and_marks_what_speaks_against() -> None:
    signals = (Signal("no_value", 0.6, "3 of 5 messages gave them nothing."),)
    answers = {"known": "stranger", "offer": "lead"}
    ranked = {r.cause: r for r in rank(answers, record(*signals), MODEL)}
    assert ranked["b"].evidence == (
        "You have a lead.",  # +0.7
        "Against: They do not know you.",  # -0.5
        "Against: 3 of 5 messages gave them nothing. They got nothing.",  # -0.6
    )
    assert ranked["a"].evidence == ("They do not know you.",)
    assert ranked["c"].evidence == ()


@pytest.mark.parametrize(
    ("answer", "strength", "a_lines", "b_lines"),
    [
        ("floor", 0.0, ("At the floor.",), ("Against: At the floor.",)),  # exactly 0.25: shown
        ("under", 0.0, (), ()),  # 0.2499: too small to be worth a line
        ("friend", 0.125, ("Against: They know you.",), ()),  # 0.125 x 2 = 0.25: shown
        ("friend", 0.12, ("Against: They know you.",), ()),  # 0.24 from a signal: left out
    ],
)
def test_evidence_under_the_floor_counts_but_is_not_a_line(
    answer: str, strength: float, a_lines: tuple[str, ...], b_lines: tuple[str, ...]
) -> None:
    signals = (Signal("bare_call_me", strength, "1 of 8 was a bare call-me."),) if strength else ()
    ranked = {r.cause: r for r in rank({"known": answer}, record(*signals), MODEL)}
    said = "1 of 8 was a bare call-me. A bare call-me gives no reason."
    expected_a = (said, *a_lines) if strength * 2 >= EVIDENCE_FLOOR else a_lines
    assert ranked["a"].evidence == expected_a
    assert ranked["b"].evidence == b_lines
    weight = {"floor": EVIDENCE_FLOOR, "under": 0.2499, "friend": -1.0}[answer]
    assert ranked["a"].log_score == pytest.approx(math.log(0.5) + weight + strength * 2.0)


def test_a_signal_the_record_does_not_show_weighs_nothing() -> None:
    ranked = {r.cause: r for r in rank({}, record(Signal("no_value", 0.0, "none.")), MODEL)}
    assert ranked["b"].log_score == pytest.approx(math.log(0.3)) and ranked["b"].evidence == ()


def test_steps_come_urgent_first_and_at_most_four() -> None:
    signals = (Signal("bare_call_me", 1.0, "x."),)
    ranked = {r.cause: r for r in rank({"offer": "lead"}, record(*signals), MODEL)}
    assert ranked["a"].actions == (
        Action("a2", "Do a2.", "P1", ("bare_call_me",)),
        Action("a1", "Do a1.", "P1", ()),
    )  # a3 is only for those who know you
    assert [a.id for a in ranked["b"].actions] == ["b5", "b1", "b2", "b3"]
    assert len(ranked["b"].actions) == MAX_ACTIONS
    assert ranked["b"].actions[0].triggered_by == ("offer.lead",)
    knows = {r.cause: r for r in rank({"known": "friend"}, record(), MODEL)}
    assert [a.id for a in knows["a"].actions] == ["a3", "a1", "a2"]
    assert [a.id for a in knows["b"].actions] == ["b1", "b2", "b3", "b4"]


def test_a_signal_at_zero_strength_makes_no_step_urgent() -> None:
    ranked = {r.cause: r for r in rank({}, record(Signal("bare_call_me", 0.0, "x.")), MODEL)}
    assert [a.id for a in ranked["a"].actions] == ["a1", "a2"]


def test_equal_scores_rank_by_letter() -> None:
    even = DiagnoseModel(
        causes=tuple(cause(c, 0.25, (), step("s"), step("t")) for c in "dcba"),
        questionnaire=QUESTIONS,
        version="even",
    )
    ranked = rank({}, record(), even)
    assert [r.cause for r in ranked] == ["a", "b", "c", "d"]
    assert all(r.likelihood == pytest.approx(0.25) for r in ranked)
    found = diagnose({}, now=NOW, partial=True, model=even)
    assert [c.cause for c in found.top()] == ["a", "b", "c"]  # the three likeliest


def test_an_answer_to_no_question_is_refused_in_the_questionnaires_words() -> None:
    with pytest.raises(AnswersError) as caught:
        diagnose({"budget": "none"}, now=NOW, partial=True, model=MODEL)
    assert "'budget' is not a question of the questionnaire." in str(caught.value)


def test_diagnose_reads_the_record_and_names_the_questions_not_answered() -> None:
    attempts = [
        Attempt(datetime(2026, 2, day, tzinfo=UTC), "tip", 70, ("callback.bare-call-me",))
        for day in (1, 9, 17)
    ]
    found = diagnose({"offer": "lead"}, attempts, now=NOW, partial=True, model=MODEL)
    assert found.answers == {"offer": "lead"}
    assert found.notes == ("Not answered: known, timing.",)
    assert found.record.strength("bare_call_me") == 1.0
    assert found.record.strength("never_returned") == 1.0
    assert found.causes[0].cause == "a"
    assert [a.id for a in found.causes[0].actions] == ["a2", "a1"]
    humor = [Attempt(NOW, "joke", 70, ("humor.pun",))]
    told = diagnose({}, humor, now=NOW, partial=True, humor_ok=False, model=MODEL)
    assert told.record.strength("humor_unwelcome") == 1.0
    assert told.notes == ("Not answered: known, offer, timing.",)
    callbacks = (datetime(2026, 2, 10, tzinfo=UTC),)
    back = diagnose({}, attempts, now=NOW, partial=True, callbacks=callbacks, model=MODEL)
    assert back.record.callbacks == 1 and back.record.strength("returned_before") == 1.0


def test_the_three_likeliest_causes_give_the_next_steps_urgent_first() -> None:
    found = diagnose(
        {"known": "stranger", "offer": "lead", "timing": "calm"},
        [Attempt(NOW, "tip", 40, ("callback.bare-call-me",))],
        now=NOW,
        model=MODEL,
    )
    assert found.record.signals[0] == Signal(
        "bare_call_me", 1.0, "1 of 1 messages were a bare 'call me back'."
    )
    steps = [a.id for a in found.next_steps()]
    assert steps[:2] == ["a2", "b5"]  # urgent, in the causes' order
    assert len(steps) == 5 and len(set(steps)) == 5
    assert [a.id for a in found.next_steps(3)] == steps[:3]
