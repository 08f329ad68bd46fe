"""The ideas board and "try half of them" experiments (P12), on SQLite and PostgreSQL."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from experiment_log import Left, add_log, add_prospect, rates
from sqlalchemy import Engine, func, select

from callworthy.errors import (
    ExperimentStateError,
    InvalidFieldError,
    UnknownExperimentError,
    UnknownIdeaError,
)
from callworthy.experiments import Reason, try_half
from callworthy.services import ideas, next_strategy, trials
from callworthy.services.caller import Caller
from callworthy.services.database import identify
from callworthy.services.prospects import find_prospect
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Assignment, Experiment

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
SCRIPT = (
    "Hi Jane, this is Alice at 704-555-0100. Three carriers cut fuel surcharges this week; "
    "call me at 704-555-0100 and I'll send you the list."
)


def board(engine: Engine, actor: Caller, n: int) -> list[str]:
    return [ideas.add_idea(engine, actor, f"Idea number {i}").slug for i in range(n)]


def test_add_idea_critiques_the_script(db_engine: Engine, caller: Caller) -> None:
    added = ideas.add_idea(db_engine, caller, "  Fuel surcharge   tip ", SCRIPT)
    assert (added.title, added.slug, added.status, added.votes) == (
        "Fuel surcharge tip",
        f"idea-{added.id}",
        "open",
        0,
    )
    assert isinstance(added.score, int) and 0 <= added.score <= 100
    bare = ideas.add_idea(db_engine, caller, "Call me back")
    assert bare.score is None
    listed = {i.id: i for i in ideas.list_ideas(db_engine, caller)}
    assert listed[added.id].score == added.score and listed[added.id].author == "alice"
    with pytest.raises(InvalidFieldError):
        ideas.add_idea(db_engine, caller, "   ")


def test_one_vote_per_rep_and_list_by_votes(db_engine: Engine, caller: Caller) -> None:
    first, second = (ideas.add_idea(db_engine, caller, t) for t in ("First", "Second"))
    bob = identify(db_engine, "bob")
    assert ideas.vote(db_engine, caller, second.id).counted
    again = ideas.vote(db_engine, caller, ideas.idea_id(f"#{second.id}"))
    assert (again.counted, again.votes) == (False, 1)
    assert ideas.vote(db_engine, bob, ideas.idea_id(second.slug)).votes == 2
    assert [(i.title, i.votes) for i in ideas.list_ideas(db_engine, caller)] == [
        ("Second", 2),
        ("First", 0),
    ]
    with pytest.raises(UnknownIdeaError):
        ideas.vote(db_engine, caller, 999)
    with pytest.raises(UnknownIdeaError):
        ideas.idea_id("banana")
    assert ideas.list_ideas(db_engine, caller, status="kept") == ()
    assert first.votes == 0


@pytest.mark.parametrize("n", [1, 4, 5])
def test_try_half_draws_half_reproducibly(db_engine: Engine, caller: Caller, n: int) -> None:
    slugs = board(db_engine, caller, n)
    report = trials.start_try_half(db_engine, caller, now=NOW, seed=42, baseline="value_tip")
    chosen = sorted(a.strategy for a in report.arms if a.strategy != "value_tip")
    assert len(chosen) == math.ceil(n / 2)
    assert tuple(chosen) == tuple(sorted(try_half(slugs, np.random.default_rng(42)).chosen))
    assert report.seed == 42 and report.baseline == "value_tip"
    share = 1 / (len(chosen) + 1)  # every idea drawn and the baseline: equal weights
    assert [a.weight for a in report.arms] == pytest.approx([share] * (len(chosen) + 1))
    status = {i.slug: i.status for i in ideas.list_ideas(db_engine, caller)}
    assert {s for s, st in status.items() if st == "testing"} == set(chosen)
    assert all(status[s] == "open" for s in slugs if s not in chosen)
    with read_session(db_engine) as session:
        assert session.scalar(select(Experiment.seed)) == 42


def test_start_refuses_twice_and_without_ideas(db_engine: Engine, caller: Caller) -> None:
    with pytest.raises(ExperimentStateError, match="no open ideas"):
        trials.start_try_half(db_engine, caller, now=NOW, seed=1)
    with pytest.raises(UnknownExperimentError):
        trials.show_experiment(db_engine, caller, now=NOW)
    board(db_engine, caller, 2)
    started = trials.start_try_half(db_engine, caller, now=NOW)
    assert 1 <= started.seed < 2**31
    with pytest.raises(ExperimentStateError, match="still running"):
        trials.start_try_half(db_engine, caller, now=NOW, seed=1)


def _assign(engine: Engine, experiment_id: int, prospect_id: int, counts: dict[str, int]) -> None:
    def work(session):  # type: ignore[no-untyped-def]
        session.add_all(
            Assignment(experiment_id=experiment_id, prospect_id=prospect_id, strategy=s)
            for s, n in counts.items()
            for _ in range(n)
        )

    run_write(engine, work)


def test_show_runs_the_split_check(db_engine: Engine, caller: Caller) -> None:
    board(db_engine, caller, 4)
    report = trials.start_try_half(db_engine, caller, now=NOW, seed=3, baseline="plain")
    pid = add_prospect(db_engine, caller, "Jane")
    names = [a.strategy for a in report.arms]
    _assign(db_engine, report.id, pid, {n: 1 for n in names})
    few = trials.show_experiment(db_engine, caller, now=NOW)
    assert few.split.status == "not_checked" and few.split.reasons == (Reason.TOO_FEW_EXPECTED,)
    assert "too few" in few.split.message
    _assign(db_engine, report.id, pid, {names[0]: 120, names[1]: 20, names[2]: 20})
    skewed = trials.show_experiment(db_engine, caller, report.id, now=NOW)
    assert skewed.split.status == "mismatch" and skewed.split.message.startswith("ALARM")
    assert skewed.split.observed == {names[0]: 121, names[1]: 21, names[2]: 21}
    _assign(db_engine, report.id, pid, {names[1]: 100, names[2]: 100})
    fine = trials.show_experiment(db_engine, caller, now=NOW)
    assert fine.split.status == "ok"


def test_show_compares_arms_with_the_baseline(db_engine: Engine, caller: Caller) -> None:
    board(db_engine, caller, 1)
    start = NOW - timedelta(days=40)
    report = trials.start_try_half(db_engine, caller, now=start, seed=3, baseline="plain")
    idea = next(a.strategy for a in report.arms if a.idea_id is not None)
    pid = add_prospect(db_engine, caller, "Jane")
    left = start + timedelta(days=1)
    before = [Left(idea, start - timedelta(days=1), timedelta(hours=1))] * 5  # before the start
    add_log(db_engine, caller, rates(idea, 7, 8, left) + rates("plain", 2, 8, left) + before, pid)
    shown = trials.show_experiment(db_engine, caller, now=NOW)
    arms = {a.strategy: a for a in shown.arms}
    assert (arms[idea].voicemails, arms[idea].callbacks) == (8, 7)
    assert arms[idea].chance_to_beat_baseline == pytest.approx(0.992, abs=5e-4)
    assert arms[idea].verdict == "very likely better than the baseline (plain) (99%)"
    assert arms[idea].idea == "Idea number 0"
    assert arms["plain"].verdict == "this is the baseline"


def test_next_logs_an_assignment_while_an_experiment_runs(
    db_engine: Engine, caller: Caller
) -> None:
    board(db_engine, caller, 3)
    report = trials.start_try_half(db_engine, caller, now=NOW, seed=9, baseline="value_tip")
    add_prospect(db_engine, caller, "Jane")
    picks = [
        next_strategy.next_strategy(
            db_engine, caller, find_prospect(db_engine, caller, "Jane"), now=NOW, seed=s
        )
        for s in range(12)
    ]
    assert {p.method for p in picks} == {"experiment"}
    assert {p.strategy for p in picks} <= {a.strategy for a in report.arms}
    assert len({p.strategy for p in picks}) > 1
    with read_session(db_engine) as session:
        logged = session.scalar(select(func.count()).select_from(Assignment))
    assert logged == 12
    shown = trials.show_experiment(db_engine, caller, now=NOW)
    assert sum(a.assigned for a in shown.arms) == 12
    replay = next_strategy.next_strategy(
        db_engine, caller, find_prospect(db_engine, caller, "Jane"), now=NOW, seed=5
    )
    assert replay.strategy == picks[5].strategy  # same seed, same arm


def test_prospect_who_cannot_get_every_arm_stays_out(db_engine: Engine, caller: Caller) -> None:
    board(db_engine, caller, 2)
    trials.start_try_half(db_engine, caller, now=NOW, seed=9, baseline="weather")
    add_prospect(db_engine, caller, "Stern", humor_ok=False)
    pick = next_strategy.next_strategy(
        db_engine, caller, find_prospect(db_engine, caller, "Stern"), now=NOW, seed=1
    )
    assert pick.method == "thompson" and pick.assignment_id is None
    assert pick.strategy != "weather" and "Not in experiment" in pick.notes[0]


def test_stop_keeps_and_drops(db_engine: Engine, caller: Caller) -> None:
    board(db_engine, caller, 4)
    report = trials.start_try_half(db_engine, caller, now=NOW, seed=2, baseline="plain")
    tried = sorted(a.strategy for a in report.arms if a.idea_id is not None)
    with pytest.raises(ExperimentStateError, match="not an idea of experiment"):
        trials.stop_experiment(db_engine, caller, now=NOW, keep=["idea-999"])
    later = NOW + timedelta(days=30)
    stopped = trials.stop_experiment(db_engine, caller, now=later, keep=[tried[0]])
    assert (stopped.status, stopped.stopped_at) == ("stopped", later)
    status = {i.slug: i.status for i in ideas.list_ideas(db_engine, caller)}
    assert status[tried[0]] == "kept" and status[tried[1]] == "dropped"
    assert sorted(s for s, st in status.items() if st == "open") == sorted(set(status) - set(tried))
    with pytest.raises(ExperimentStateError, match="already stopped"):
        trials.stop_experiment(db_engine, caller, report.id, now=later)
    again = trials.start_try_half(db_engine, caller, now=later, seed=2, baseline="plain")
    trials.stop_experiment(db_engine, caller, now=later)  # no --keep: ideas stay in testing
    status = {i.slug: i.status for i in ideas.list_ideas(db_engine, caller)}
    assert all(status[a.strategy] == "testing" for a in again.arms if a.idea_id is not None)
