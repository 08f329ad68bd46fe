"""Diagnose stored prospects and keep phone-ability results per rep, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from diagnose_histories import NEUTRAL, NOW, TIP, five_about_us, twelve_in_a_week
from sqlalchemy import Engine

from callworthy.errors import AnswersError, UnknownProspectError
from callworthy.phoneability import default_quiz
from callworthy.services import diagnose, phonetest, prospects, tracking
from callworthy.services.caller import Caller
from callworthy.services.database import identify
from callworthy.services.dnc import import_dnc
from callworthy.services.prospects import find_prospect

QUIZ = default_quiz()
BEST = {q.id: q.best().id for q in QUIZ.questions}


def add(engine: Engine, actor: Caller, name: str, history: list) -> int:  # type: ignore[type-arg]
    pid = prospects.add_prospect(engine, actor, name, company="Acme").id
    for at, strategy, script in history:
        tracking.log_voicemail(engine, actor, pid, strategy, script, at=at)
    return pid


def test_five_about_us_messages_in_storage_rank_a_or_b_first(
    db_engine: Engine, caller: Caller
) -> None:
    pid = add(db_engine, caller, "Jane Doe", five_about_us())
    result = diagnose.diagnose_prospect(db_engine, caller, pid, NEUTRAL, now=NOW)
    assert result.diagnosis.record.attempts == 5
    assert result.to_list()[0]["cause"] in {"a", "b"}
    # Five voicemails without a call back: the contact cadence (as `next` reads it) says stop.
    assert result.cadence is not None and result.cadence.stop
    assert result.notes == (result.cadence.advice,)
    assert "give them to the competition" in result.notes[0]


def test_twelve_stored_calls_in_a_week_say_space_the_calls(
    db_engine: Engine, caller: Caller
) -> None:
    add(db_engine, caller, "Jane Doe", twelve_in_a_week())
    result = diagnose.diagnose_prospect(
        db_engine, caller, find_prospect(db_engine, caller, "jane doe"), NEUTRAL, now=NOW
    )
    assert result.to_list()[0]["actions"][0]["id"] == "space_the_calls"


def test_a_callback_is_read_from_storage(db_engine: Engine, caller: Caller) -> None:
    history = [(NOW - timedelta(days=30 - 5 * i), "value_tip", TIP) for i in range(5)]
    pid = add(db_engine, caller, "Jane Doe", history)
    tracking.log_callback(db_engine, caller, pid, at=history[0][0])
    evidence = diagnose.prospect_evidence(db_engine, caller, pid)
    assert len(evidence.callbacks) == 1 and all(a.findings is not None for a in evidence.attempts)
    result = diagnose.diagnose_evidence(evidence, NEUTRAL, now=NOW)
    assert "returned_before" in {s.id for s in result.diagnosis.record.signals}


def test_no_history_gives_a_questionnaire_only_diagnosis(db_engine: Engine, caller: Caller) -> None:
    prospects.add_prospect(db_engine, caller, "Quiet Bob", phone="704-555-0199")
    result = diagnose.diagnose_prospect(
        db_engine,
        caller,
        find_prospect(db_engine, caller, "704-555-0199"),
        {**NEUTRAL, "budget": "neither"},
        now=NOW,
    )
    assert result.notes[0].startswith("The record is empty: no voicemail was logged for Quiet Bob")
    assert result.to_list()[0]["cause"] == "f"


def test_do_not_call_is_noted_first(db_engine: Engine, caller: Caller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    prospects.add_prospect(db_engine, caller, "Blocked", phone="704-555-0198")
    dnc = tmp_path / "dnc.csv"
    dnc.write_text("phone\n704-555-0198\n")
    import_dnc(db_engine, caller, dnc)
    result = diagnose.diagnose_prospect(
        db_engine, caller, find_prospect(db_engine, caller, "Blocked"), NEUTRAL, now=NOW
    )
    assert "do-not-call" in result.notes[0]


def test_unknown_prospect_and_bad_answers(db_engine: Engine, caller: Caller) -> None:
    with pytest.raises(UnknownProspectError):
        diagnose.diagnose_prospect(
            db_engine, caller, find_prospect(db_engine, caller, "#999"), NEUTRAL
        )
    prospects.add_prospect(db_engine, caller, "Jane Doe")
    with pytest.raises(AnswersError, match="'offer'"):
        diagnose.diagnose_prospect(
            db_engine,
            caller,
            find_prospect(db_engine, caller, "Jane Doe"),
            {**NEUTRAL, "offer": "x"},
        )


def test_phonetest_results_are_kept_per_rep_over_time(db_engine: Engine, caller: Caller) -> None:
    worse = {**BEST, "length": "long", "spacing": "daily"}
    first, stored = phonetest.take_test(db_engine, caller, worse, at=NOW - timedelta(days=30))
    second, _ = phonetest.take_test(db_engine, caller, BEST, at=NOW)
    bob = identify(db_engine, "bob")
    phonetest.take_test(db_engine, bob, worse, at=NOW - timedelta(days=1))
    mine = phonetest.results(db_engine, caller)
    assert [r.score for r in mine] == [first.score, second.score] and first.score < 100
    assert [r.taken_at for r in mine] == [NOW - timedelta(days=30), NOW]
    assert mine[0] == stored and mine[0].answers["length"] == "long"
    assert mine[0].areas["voicemail_content"] < 1 and mine[1].areas["voicemail_content"] == 1
    assert mine[0].quiz_version == QUIZ.version and mine[1].band == "callworthy"
    assert [r.rep for r in phonetest.results(db_engine, bob)] == ["bob"]
