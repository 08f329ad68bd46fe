"""The ranking on built histories (scripts critiqued for real), the model's numbers, bad answers."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import pytest
from diagnose_histories import (
    NEUTRAL,
    NOW,
    five_about_us,
    strong_value_ignored,
    twelve_in_a_week,
)

from callworthy.critique import examine
from callworthy.diagnose import Attempt, Diagnosis, Record, default_model, diagnose, rank
from callworthy.diagnose.record import read_record
from callworthy.errors import AnswersError


def attempts(history: list[tuple[datetime, str, str]]) -> list[Attempt]:
    found = []
    for at, strategy, script in history:
        review, detected = examine(script)  # what the script holds, as the service reads it
        found.append(Attempt(at, strategy, review.score, tuple(d.rule for d in detected)))
    return found


def run(history: list[tuple[datetime, str, str]], **kw: object) -> Diagnosis:
    return diagnose(NEUTRAL, attempts(history), now=NOW, **kw)  # type: ignore[arg-type]


def top_actions(d: Diagnosis, causes: int = 1, n: int = 3) -> list[str]:
    return [a.id for c in d.top(causes) for a in c.actions[:n]]


def test_five_about_us_messages_rank_no_gain_or_no_reason_first() -> None:
    d = run(five_about_us())
    assert d.causes[0].cause in {"a", "b"} and d.causes[1].cause in {"a", "b"}
    first = d.causes[0]
    assert any("5 of 5 messages were about you" in e for e in first.evidence)
    assert {"tip_tied_to_concern", "cut_the_pitch"} <= set(top_actions(d))


def test_twelve_calls_in_a_week_say_stop_and_space_the_calls() -> None:
    d = run(twelve_in_a_week())
    assert d.causes[0].actions[0].id == "space_the_calls"
    assert "calls_crowded" in d.causes[0].actions[0].triggered_by
    assert d.next_steps()[0].id == "space_the_calls"
    crowded = next(s for s in d.record.signals if s.id == "calls_crowded")
    assert crowded.strength == 1 and crowded.evidence.startswith("12 messages within 7 days")


def test_a_strong_message_ignored_many_times_says_give_them_to_the_competition() -> None:
    history = strong_value_ignored()
    assert max(a.score or 0 for a in attempts(history)) >= 75
    d = run(history)
    assert d.causes[0].cause == "j"
    assert "give_to_competition" in top_actions(d, causes=1, n=2)
    assert "give_to_competition" in [a.id for a in d.next_steps(3)]
    assert any("went unanswered" in e for e in d.causes[0].evidence)


def test_the_questionnaire_alone_works_and_says_the_record_is_empty() -> None:
    d = diagnose({**NEUTRAL, "need": "said_no_need"}, [], now=NOW)
    assert d.record.empty and d.record.signals == ()
    assert d.notes[0].startswith("The record is empty")
    assert d.causes[0].cause == "c"
    assert "They have said they do not need it." in d.causes[0].evidence


def test_likelihoods_are_a_softmax_of_prior_plus_log_odds() -> None:
    d = diagnose({**NEUTRAL, "rapport": "tense"}, [], now=NOW)
    assert math.isclose(sum(c.likelihood for c in d.causes), 1.0)
    assert [c.likelihood for c in d.causes] == sorted(
        (c.likelihood for c in d.causes), reverse=True
    )
    model = default_model()
    i = next(c for c in model.causes if c.id == "i")
    # Golden: ln(prior 0.07) + the answers' weights on (i): rapport=tense +1.8, engaged=never +0.2.
    expected = math.log(i.prior) + 1.8 + 0.2
    assert math.isclose(expected, -0.659260036932778)
    assert math.isclose(next(c for c in d.causes if c.cause == "i").log_score, expected)
    total = sum(math.exp(c.log_score) for c in d.causes)
    assert math.isclose(d.causes[0].likelihood, math.exp(d.causes[0].log_score) / total)


def test_evidence_against_a_cause_is_marked() -> None:
    d = diagnose({**NEUTRAL, "budget": "both"}, [], now=NOW)
    f = next(c for c in d.causes if c.cause == "f")
    assert "Against: They have the budget and the authority." in f.evidence


def test_callbacks_change_the_reading() -> None:
    history = attempts(strong_value_ignored())
    returned = NOW - timedelta(days=40)
    record = read_record(history, [returned], now=NOW)
    ids = {s.id for s in record.signals}
    assert "returned_before" in ids and "never_returned" not in ids


def test_no_script_kept_is_noted_not_guessed() -> None:
    bare = [Attempt(NOW - timedelta(days=d), "value_tip", 60, None) for d in (1, 9, 20)]
    record = read_record(bare, now=NOW)
    assert record.notes == ("3 of 3 messages have no script kept, so no critique.",)
    assert not {"self_focused", "no_value"} & {s.id for s in record.signals}


def test_humor_for_a_prospect_without_any_points_to_distrust() -> None:
    joke = "Hi Jane, Alice, 704-555-0100, I'm calling with the weather today: cloudy, but it could get sunny if you call me back at 704-555-0100."  # noqa: E501
    history = attempts([(NOW - timedelta(days=7 * i), "weather", joke) for i in range(3)])
    assert any(f.startswith("humor.") for f in history[0].findings or ())
    record = read_record(history, now=NOW, humor_ok=False)
    assert record.strength("humor_unwelcome") == 1
    i = next(c for c in rank(NEUTRAL, record) if c.cause == "i")
    assert i.actions[0].id == "drop_the_humor"


def test_a_long_silence_is_read() -> None:
    record = read_record([Attempt(NOW - timedelta(days=90), "value_tip", 80, ())], now=NOW)
    assert record.strength("long_gap") == 1 and record.days_since_last == 90


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({k: v for k, v in NEUTRAL.items() if k != "budget"}, r"No answer to 'budget'\. .*both"),
        ({**NEUTRAL, "budget": "lots"}, r"'lots' is not an option of 'budget'.*budget_only"),
        ({**NEUTRAL, "mood": "happy"}, r"'mood' is not a question"),
    ],
)
def test_bad_answers_name_the_question_and_the_options(
    answers: dict[str, str], message: str
) -> None:
    with pytest.raises(AnswersError, match=message) as caught:
        diagnose(answers, [], now=NOW)
    assert caught.value.exit_code == 36


def test_partial_answers_are_allowed_when_asked_for_and_noted() -> None:
    d = diagnose({"timing": "crunch"}, [], now=NOW, partial=True)
    assert d.causes[0].cause == "d" and any(n.startswith("Not answered: ") for n in d.notes)


def test_json_shape_of_a_cause() -> None:
    data = run(five_about_us()).causes[0].to_dict()
    assert {"cause", "title", "likelihood", "evidence", "actions"} <= set(data)
    assert isinstance(data["evidence"][0], str)
    assert {"id", "text", "principle", "triggered_by"} == set(data["actions"][0])


def test_empty_record_reads_nothing() -> None:
    assert read_record([], now=NOW) == Record(
        0, 0, (), ("The record is empty: no voicemail was logged, so only your answers count.",)
    )


def test_each_cause_shows_its_own_figures_and_steps_in_json() -> None:
    for cause in run(five_about_us()).causes:
        data = cause.to_dict()
        assert (data["cause"], data["title"]) == (cause.cause, cause.title)
        assert data["likelihood"] == round(cause.likelihood, 4)
        assert data["log_score"] == round(cause.log_score, 4)
        assert data["evidence"] == list(cause.evidence)
        assert data["actions"] == [
            {"id": a.id, "text": a.text, "principle": a.principle,
             "triggered_by": list(a.triggered_by)}
            for a in cause.actions
        ]  # fmt: skip


def test_next_steps_put_urgent_ones_first_then_the_likeliest_causes_without_repeats() -> None:
    diagnosis = run(five_about_us())
    steps = diagnosis.next_steps(50)
    assert len({s.id for s in steps}) == len(steps)
    urgent = [bool(s.triggered_by) for s in steps]
    assert urgent == sorted(urgent, reverse=True) and any(urgent)
    # Within each group, steps keep the order of the causes (likeliest first), then their own.
    order = {a.id: (rank, pos) for rank, c in reversed(list(enumerate(diagnosis.top())))
             for pos, a in reversed(list(enumerate(c.actions)))}  # fmt: skip
    for group in (True, False):
        ranks = [order[s.id] for s in steps if bool(s.triggered_by) is group]
        assert ranks == sorted(ranks)
    assert {s.id for s in steps} == set(order)
    assert diagnosis.next_steps() == steps[:5] and diagnosis.next_steps(2) == steps[:2]
