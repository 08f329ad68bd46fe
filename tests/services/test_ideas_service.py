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
from callworthy.services import ideas, next_strategy, strategies, tracking, trials
from callworthy.services.caller import Caller
from callworthy.services.database import identify
from callworthy.services.prospects import find_prospect
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Assignment, Experiment, Prospect

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
        f"idea_{added.id}",
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


def _assign(engine: Engine, actor: Caller, experiment_id: int, counts: dict[str, int]) -> None:
    """Give fresh prospects arms, `counts[arm]` of each (one assignment per prospect)."""

    def work(session):  # type: ignore[no-untyped-def]
        for strategy, n in counts.items():
            people = [
                Prospect(team_id=actor.team_id, owner_rep_id=actor.rep_id, name=f"P{i}", tags=[])
                for i in range(n)
            ]
            session.add_all(people)
            session.flush()
            session.add_all(
                Assignment(
                    experiment_id=experiment_id,
                    prospect_id=p.id,
                    strategy=strategy,
                    assigned_at=NOW,
                )
                for p in people
            )

    run_write(engine, work)


def test_show_runs_the_split_check(db_engine: Engine, caller: Caller) -> None:
    board(db_engine, caller, 4)
    report = trials.start_try_half(db_engine, caller, now=NOW, seed=3, baseline="value_tip")
    names = [a.strategy for a in report.arms]
    _assign(db_engine, caller, report.id, {n: 1 for n in names})
    few = trials.show_experiment(db_engine, caller, now=NOW)
    assert few.split.status == "not_checked" and few.split.reasons == (Reason.TOO_FEW_EXPECTED,)
    assert "too few" in few.split.message
    _assign(db_engine, caller, report.id, {names[0]: 120, names[1]: 20, names[2]: 20})
    skewed = trials.show_experiment(db_engine, caller, report.id, now=NOW)
    assert skewed.split.status == "mismatch" and skewed.split.message.startswith("Alarm")
    assert skewed.split.observed == {names[0]: 121, names[1]: 21, names[2]: 21}
    _assign(db_engine, caller, report.id, {names[1]: 100, names[2]: 100})
    fine = trials.show_experiment(db_engine, caller, now=NOW)
    assert fine.split.status == "ok"
    with pytest.raises(UnknownExperimentError):  # as of a moment before it started
        trials.show_experiment(db_engine, caller, now=NOW - timedelta(seconds=1))


def test_show_compares_arms_with_the_baseline(db_engine: Engine, caller: Caller) -> None:
    board(db_engine, caller, 1)
    start = NOW - timedelta(days=40)
    report = trials.start_try_half(db_engine, caller, now=start, seed=3, baseline="value_tip")
    idea = next(a.strategy for a in report.arms if a.idea_id is not None)
    pid = add_prospect(db_engine, caller, "Jane")
    left = start + timedelta(days=1)
    before = [Left(idea, start - timedelta(days=1), timedelta(hours=1))] * 5  # before the start
    log = rates(idea, 7, 8, left) + rates("value_tip", 2, 8, left) + before
    add_log(db_engine, caller, log, pid)
    shown = trials.show_experiment(db_engine, caller, now=NOW)
    arms = {a.strategy: a for a in shown.arms}
    assert (arms[idea].voicemails, arms[idea].callbacks) == (8, 7)
    assert arms[idea].chance_to_beat_baseline == pytest.approx(0.992, abs=5e-4)
    assert arms[idea].verdict == "very likely better than the baseline (Value tip) (99%)"
    assert arms[idea].idea == "Idea number 0" and arms[idea].name == "Idea number 0"
    assert arms["value_tip"].verdict == "this is the baseline"


def _assignments(engine: Engine) -> int:
    with read_session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Assignment)) or 0)


def test_next_gives_each_prospect_an_arm_once_and_it_keeps_it(
    db_engine: Engine, caller: Caller
) -> None:
    board(db_engine, caller, 3)
    report = trials.start_try_half(db_engine, caller, now=NOW, seed=9, baseline="value_tip")
    jane = add_prospect(db_engine, caller, "Jane")
    first = next_strategy.next_strategy(db_engine, caller, jane, now=NOW, seed=0)
    assert first.method == "experiment" and first.assignment_id is not None
    assert first.strategy in {a.strategy for a in report.arms}
    # Asking again, with any seed, later or as of the same moment, changes nothing.
    for seed in range(1, 12):
        again = next_strategy.next_strategy(
            db_engine, caller, jane, now=NOW + timedelta(minutes=seed), seed=seed
        )
        assert (again.strategy, again.method) == (first.strategy, "assigned")
        assert (again.assignment_id, again.experiment_id) == (first.assignment_id, report.id)
    assert _assignments(db_engine) == 1
    shown = trials.show_experiment(db_engine, caller, now=NOW)
    assert sum(a.assigned for a in shown.arms) == 1
    # Many prospects: each gets one arm, and the arms are all used.
    people = [add_prospect(db_engine, caller, f"P{i}") for i in range(30)]
    arms = {
        next_strategy.next_strategy(db_engine, caller, p, now=NOW, seed=p).strategy for p in people
    }
    assert arms == {a.strategy for a in report.arms}
    assert _assignments(db_engine) == 31


def test_the_assignment_is_linked_to_the_voicemail_that_used_it(
    db_engine: Engine, caller: Caller
) -> None:
    board(db_engine, caller, 1)
    trials.start_try_half(db_engine, caller, now=NOW, seed=9, baseline="value_tip")
    jane = add_prospect(db_engine, caller, "Jane")
    arm = next_strategy.next_strategy(db_engine, caller, jane, now=NOW, seed=1).strategy
    other = "resources" if arm != "resources" else "value_tip"
    assert tracking.assigned_arm(db_engine, caller, jane, NOW) == arm
    tracking.log_voicemail(db_engine, caller, jane, other, SCRIPT, at=NOW + timedelta(hours=1))
    first = tracking.log_voicemail(
        db_engine, caller, jane, arm, SCRIPT, at=NOW + timedelta(hours=2)
    )
    tracking.log_voicemail(db_engine, caller, jane, arm, SCRIPT, at=NOW + timedelta(days=8))
    with read_session(db_engine) as session:
        linked = session.scalar(select(Assignment.voicemail_id))
    assert linked == first.id  # the first voicemail with the arm, not the other message


def test_as_of_sees_only_the_assignments_made_by_then(db_engine: Engine, caller: Caller) -> None:
    board(db_engine, caller, 2)
    trials.start_try_half(db_engine, caller, now=NOW, seed=9, baseline="value_tip")
    people = [add_prospect(db_engine, caller, f"P{i}") for i in range(6)]
    for hours, person in enumerate(people):
        next_strategy.next_strategy(
            db_engine, caller, person, now=NOW + timedelta(hours=hours), seed=hours
        )
    counts = [
        sum(a.assigned for a in trials.show_experiment(
            db_engine, caller, now=NOW + timedelta(hours=h, minutes=30)
        ).arms)
        for h in range(6)
    ]  # fmt: skip
    assert counts == [1, 2, 3, 4, 5, 6]
    later = NOW + timedelta(days=3)
    trials.stop_experiment(db_engine, caller, now=later)
    assert trials.show_experiment(db_engine, caller, now=later - timedelta(hours=1)).status == (
        "running"
    )
    assert trials.show_experiment(db_engine, caller, now=later).status == "stopped"
    # As of a moment before P5 was asked about, P5 had no arm: it gets one drawn then.
    early = next_strategy.next_strategy(db_engine, caller, people[5], now=NOW, seed=3)
    assert early.method in {"experiment", "assigned"}


def test_prospect_who_cannot_get_every_arm_stays_out(db_engine: Engine, caller: Caller) -> None:
    board(db_engine, caller, 2)
    trials.start_try_half(db_engine, caller, now=NOW, seed=9, baseline="half_message")
    add_prospect(db_engine, caller, "Stern", humor_ok=False)
    pick = next_strategy.next_strategy(
        db_engine, caller, find_prospect(db_engine, caller, "Stern"), now=NOW, seed=1
    )
    assert pick.method == "thompson" and pick.assignment_id is None
    assert pick.strategy != "half_message" and "Left out of experiment" in pick.notes[0]
    assert "humor is off" in pick.notes[0]
    assert _assignments(db_engine) == 0  # left out, and it blocks nothing


def test_stop_keeps_and_drops(db_engine: Engine, caller: Caller) -> None:
    board(db_engine, caller, 4)
    report = trials.start_try_half(db_engine, caller, now=NOW, seed=2, baseline="value_tip")
    tried = sorted(a.strategy for a in report.arms if a.idea_id is not None)
    assert set(tried) <= set(strategies.team_registry(db_engine, caller).ids())
    with pytest.raises(ExperimentStateError, match="not an idea of experiment"):
        trials.stop_experiment(db_engine, caller, now=NOW, keep=["idea-999"])
    later = NOW + timedelta(days=30)
    stopped = trials.stop_experiment(db_engine, caller, now=later, keep=[tried[0]])
    assert (stopped.status, stopped.stopped_at) == ("stopped", later)
    status = {i.slug: i.status for i in ideas.list_ideas(db_engine, caller)}
    assert status[tried[0]] == "kept" and status[tried[1]] == "dropped"
    proposed = {s.id for s in strategies.team_registry(db_engine, caller).proposable()}
    assert tried[0] in proposed and tried[1] not in proposed  # dropped: logged only
    assert sorted(s for s, st in status.items() if st == "open") == sorted(set(status) - set(tried))
    with pytest.raises(ExperimentStateError, match="already stopped"):
        trials.stop_experiment(db_engine, caller, report.id, now=later)
    again = trials.start_try_half(db_engine, caller, now=later, seed=2, baseline="value_tip")
    trials.stop_experiment(db_engine, caller, now=later)  # no --keep: ideas stay in testing
    status = {i.slug: i.status for i in ideas.list_ideas(db_engine, caller)}
    assert all(status[a.strategy] == "testing" for a in again.arms if a.idea_id is not None)


def test_votes_weigh_the_draw_of_try_half(db_engine: Engine, caller: Caller) -> None:
    slugs = board(db_engine, caller, 4)
    bob, cy = identify(db_engine, "bob"), identify(db_engine, "cy")
    for voter in (caller, bob, cy):
        ideas.vote(db_engine, voter, ideas.idea_id(slugs[3]))
    report = trials.start_try_half(db_engine, caller, now=NOW, seed=11, baseline="value_tip")
    chosen = sorted(a.strategy for a in report.arms if a.idea_id is not None)
    expected = try_half(slugs, np.random.default_rng(11), votes=[0, 0, 0, 3]).chosen
    assert tuple(chosen) == tuple(sorted(expected))
