"""Running an experiment (P12 "try half of them"): start, show, stop.

`start_try_half` draws half of the board's open ideas (the core's `try_half`,
seeded; the seed is stored on the experiment so the draw can be replayed), each
idea weighed by 1 + its votes, and gives each chosen idea and the baseline the
same share. Each chosen idea becomes one of the team's strategies (its needs read
from its sample script, services/strategies.py). While it runs, `next` gives each
prospect an arm, which it keeps. `show` reads, as of a moment, the voicemails
logged under the arms' strategy ids since the start (until the stop), compares
each arm with the baseline, and checks the prospects assigned by then against the
weights (sample-ratio mismatch). `stop` ends it and marks ideas kept or dropped;
a dropped idea stays a team strategy (its voicemails are kept) that is no longer
proposed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.critique import RuleSet
from callworthy.errors import ExperimentInputError, ExperimentStateError, UnknownExperimentError
from callworthy.experiments import (
    ArmSummary,
    Reason,
    SrmStatus,
    chance_phrase,
    check_sample_ratio,
    try_half,
)
from callworthy.experiments.inputs import require_aware
from callworthy.services import experiments as stats_service
from callworthy.services.caller import Caller
from callworthy.services.ideas import idea_id, slug_for
from callworthy.services.next_strategy import check_seed
from callworthy.services.strategies import idea_spec, registry_of
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import experiment_queries as eq
from callworthy.storage import strategy_queries as sq
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Experiment, ExperimentArm, Idea
from callworthy.write import Registry


@dataclass(frozen=True, slots=True)
class ArmReport(ArmSummary):
    """One arm: its figures (the stats row), its weight, what was assigned, and a verdict."""

    weight: float
    idea_id: int | None
    idea: str | None
    """The idea's sentence (None for the baseline)."""
    assigned: int
    verdict: str
    """The chance to beat the baseline in words, or why there is none yet."""
    name: str = ""
    """The strategy's plain-words name (the idea's sentence for an idea)."""


@dataclass(frozen=True, slots=True)
class SplitCheck(_Dumpable):
    """The sample-ratio check of the logged assignments against the weights."""

    status: str
    """"ok", "mismatch" or "not_checked"."""
    p_value: float | None
    observed: dict[str, int]
    expected: dict[str, float]
    reasons: tuple[Reason, ...]
    message: str


@dataclass(frozen=True, slots=True)
class ExperimentReport(_Dumpable):
    """An experiment as of one moment: its arms with their figures, and the split check."""

    id: int
    name: str
    status: str
    baseline: str
    seed: int
    started_at: Timestamp
    stopped_at: Timestamp | None
    as_of: Timestamp
    window_days: float
    arms: tuple[ArmReport, ...]
    split: SplitCheck
    notes: tuple[str, ...]


def start_try_half(
    engine: Engine,
    caller: Caller,
    *,
    now: datetime,
    baseline: str | None = None,
    seed: int | None = None,
    name: str | None = None,
) -> ExperimentReport:
    """Start an experiment on half of the open ideas (votes weigh the draw), with the baseline."""
    require_aware(now)
    seed = check_seed(seed)
    rules = caller.rule_set()

    def work(session: Session) -> int:
        running = eq.running_experiment(session, caller.team_id)
        if running is not None:
            raise ExperimentStateError(
                f"Experiment #{running.id} ({running.name}) is still running.",
                "Stop it first.",
            )
        base = _baseline(session, caller.team_id, baseline)
        board = sq.open_ideas_with_votes(session, caller.team_id)
        ideas = {i.slug: i for i, _ in board}
        votes = [n for _, n in board]
        drawn = try_half(list(ideas), np.random.default_rng(seed), baseline=base, votes=votes)
        if not drawn.chosen:
            raise ExperimentStateError(
                "There are no open ideas to try.", "Add ideas to the board first."
            )
        experiment = Experiment(
            team_id=caller.team_id,
            name=name or f"Try half: {len(drawn.chosen)} of {len(ideas)} ideas",
            baseline=base,
            seed=seed,
            status="running",
            started_at=now,
        )
        session.add(experiment)
        session.flush()
        tried = {k: v for k, v in ideas.items() if k != base}
        _add_arms(session, experiment, drawn.weights, tried, rules)
        session.flush()
        return experiment.id

    started = run_write(engine, work)
    return show_experiment(engine, caller, started, now=now)


def _add_arms(
    session: Session,
    experiment: Experiment,
    weights: dict[str, float],
    ideas: dict[str, Idea],
    rules: RuleSet,
) -> None:
    """Add the experiment's arms; each idea drawn is being tried and becomes a team strategy.

    What an idea needs is read from its sample script with the team's rules.
    """
    for strategy, weight in weights.items():
        chosen = ideas.get(strategy)
        session.add(
            ExperimentArm(
                experiment_id=experiment.id,
                strategy=strategy,
                weight=weight,
                idea_id=chosen.id if chosen else None,
            )
        )
        if chosen is not None:
            chosen.status = "testing"
            spec = idea_spec(chosen.title, chosen.script, rules, proposable=True)
            sq.save_team_strategy(
                session, experiment.team_id, strategy, spec.model_dump(mode="json"), chosen.id
            )


def _baseline(session: Session, team_id: int, typed: str | None) -> str:
    """Return the baseline asked for (a proposable strategy of the team), else the default."""
    registry = registry_of(session, team_id)
    if not (typed or "").strip():
        return stats_service.default_baseline(session, team_id, registry)
    base = registry.resolve(typed or "", "baseline")
    if base not in {s.id for s in registry.proposable()}:
        raise ExperimentInputError(
            f"{base} cannot be the baseline: it is logged only, never proposed.",
            f"Choose the message you usually leave, such as {registry.baseline}.",
        )
    return base


def _experiment(
    session: Session, team_id: int, experiment_id: int | None, as_of: datetime | None = None
) -> Experiment:
    """Return the experiment asked for, as it existed at `as_of` (default: now)."""
    if experiment_id is None:
        found = eq.running_experiment(session, team_id, as_of) or eq.latest_experiment(
            session, team_id, as_of
        )
        if found is None:
            raise UnknownExperimentError(
                "Your team has no experiment yet.",
                "Start one by trying half of the board's ideas.",
            )
        return found
    found = eq.experiment_by_id(session, team_id, experiment_id)
    if found is None or (as_of is not None and found.started_at > as_of):
        raise UnknownExperimentError(f"No experiment #{experiment_id}.", "Check the number.")
    return found


def show_experiment(
    engine: Engine,
    caller: Caller,
    experiment_id: int | None = None,
    *,
    now: datetime,
    window_days: float = 14.0,
) -> ExperimentReport:
    """Return an experiment as it stood at `now`: its arms and their figures, the split check.

    Only what existed then counts: an experiment not started by then is unknown, one
    stopped later is still running, and only the prospects assigned by then are in
    the split.
    """
    require_aware(now)
    settings = stats_service.settings_for(window_days)
    with read_session(engine) as session:
        exp = _experiment(session, caller.team_id, experiment_id, now)
        stopped_at = exp.stopped_at if exp.stopped_at and exp.stopped_at <= now else None
        arms = eq.arms_of(session, exp.id)
        names = [a.strategy for a in arms]
        titles = eq.idea_titles(session, caller.team_id)
        plain = registry_of(session, caller.team_id)
        assigned = eq.assignment_counts(session, exp.id, as_of=now)
        # The voicemails reps logged under the arms since the start, until the stop.
        counts = eq.strategy_counts(
            session, caller.team_id, now, settings.window, strategies=names,
            since=exp.started_at, until=stopped_at, inferred=False,
        )  # fmt: skip
    summary = stats_service.summarise_counts(
        counts, [], stats_service.settings_for(window_days, exp.baseline), now, strategies=names
    )
    rows = {row.strategy: row for row in summary.strategies}
    reports = tuple(
        _arm(a, rows[a.strategy], titles, assigned.get(a.strategy, 0), exp.baseline, plain)
        for a in arms
    )
    return ExperimentReport(
        id=exp.id,
        name=exp.name,
        status="stopped" if stopped_at else "running",
        baseline=exp.baseline,
        seed=exp.seed,
        started_at=exp.started_at,
        stopped_at=stopped_at,
        as_of=now,
        window_days=settings.window_days,
        arms=reports,
        split=_split(assigned, {a.strategy: a.weight for a in arms}),
        notes=stats_service.words(summary.reasons),
    )


def _arm(
    arm: ExperimentArm,
    row: ArmSummary,
    titles: dict[int, str],
    assigned: int,
    baseline: str,
    registry: Registry,
) -> ArmReport:
    if row.chance_to_beat_baseline is not None:
        verdict = chance_phrase(
            row.chance_to_beat_baseline, f"the baseline ({registry.name_of(baseline)})"
        )
    else:
        verdict = "; ".join(stats_service.words(row.reasons)) or "can't tell yet"
    return ArmReport(
        **{name: getattr(row, name) for name in ArmSummary.__dataclass_fields__},
        weight=arm.weight,
        idea_id=arm.idea_id,
        idea=titles.get(arm.idea_id) if arm.idea_id is not None else None,
        assigned=assigned,
        verdict=verdict,
        name=registry.name_of(arm.strategy),
    )


def _propose(session: Session, team_id: int, strategy: str, proposable: bool) -> None:
    """Keep a tried idea proposed, or stop proposing a dropped one (its voicemails stay)."""
    for sid, spec in sq.team_strategies(session, team_id):
        if sid == strategy:
            sq.save_team_strategy(session, team_id, sid, {**spec, "proposable": proposable}, None)


def _split(assigned: dict[str, int], weights: dict[str, float]) -> SplitCheck:
    result = check_sample_ratio(assigned, weights)
    if result.status is SrmStatus.MISMATCH:
        message = (
            "Alarm: the prospects given each message are far from the planned shares"
            + (
                " (a split this uneven happens by chance less than once in a thousand experiments)"
                if result.p_value is not None
                else " (a message nobody planned was given)"
            )
            + ". Fix how prospects get their message before trusting these results."
        )
    elif result.status is SrmStatus.OK:
        message = "The prospects given each message match the planned shares."
    else:
        message = "not checked yet: " + "; ".join(stats_service.words(result.reasons)) + "."
    return SplitCheck(
        result.status.value,
        result.p_value,
        result.observed,
        result.expected,
        result.reasons,
        message,
    )


def stop_experiment(
    engine: Engine,
    caller: Caller,
    experiment_id: int | None = None,
    *,
    now: datetime,
    keep: Sequence[str] = (),
) -> ExperimentReport:
    """Stop an experiment; with `keep`, those ideas are kept and its other ideas dropped."""
    require_aware(now)
    kept = {slug_for(idea_id(k)) for k in keep}

    def work(session: Session) -> int:
        exp = _experiment(session, caller.team_id, experiment_id)
        if exp.status != "running":
            raise ExperimentStateError(f"Experiment #{exp.id} is already stopped.")
        arms = {a.strategy: a for a in eq.arms_of(session, exp.id) if a.idea_id is not None}
        stray = sorted(kept - set(arms))
        if stray:
            raise ExperimentStateError(
                f"{', '.join(stray)} is not an idea of experiment #{exp.id}.",
                f"Keep one of: {', '.join(sorted(arms)) or 'none'}.",
            )
        exp.status, exp.stopped_at = "stopped", now
        if kept:
            for strategy, arm in arms.items():
                idea = session.get(Idea, arm.idea_id)
                if idea is not None:
                    idea.status = "kept" if strategy in kept else "dropped"
                    _propose(session, caller.team_id, strategy, strategy in kept)
        return exp.id

    stopped = run_write(engine, work)
    return show_experiment(engine, caller, stopped, now=now)
