"""What to try next on one prospect: a strategy and the earliest time to call.

The candidates are the team's registry's proposable strategies (the built-ins and
its tried ideas; never the ones only logged: all about you, P3; a bare call-me-back,
P4), or those named with `among`. Whether one fits the prospect is decided by the
registry's `fit_problem`, the writer's own: humor (P8: pick your shots), a lead
(P7), someone you both know and the relationship it needs. What the rep knows is
read from the prospect (humor, relationship, referred by, a lead); `has_lead` adds
a lead the rep has in mind.

While the team runs an experiment, a prospect keeps its arm: the first time it is
asked about, it is drawn with the experiment's fixed weights and the assignment is
logged; every later time, the same arm comes back and nothing new is logged, so a
rep cannot re-draw until they like the answer and the sample-ratio check sees the
split as drawn. A prospect that cannot take every arm (humor off, no lead) is left
out of the experiment, with the reason, and gets a Thompson pick among what fits:
giving it only its own arms would skew the split the check compares against.

When to call follows the contact cadence (experiments/cadence.py): no sooner than
the spacing after an unanswered voicemail, inside the prospect's calling hours,
and never again after the limit of unanswered voicemails (ContactLimitError).
The random generator is seeded; the seed is returned so a pick can be replayed.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from callworthy.errors import (
    ContactLimitError,
    DatabaseError,
    DoNotCallError,
    ExperimentInputError,
    NoEligibleStrategyError,
    UnknownProspectError,
)
from callworthy.experiments import (
    Allocation,
    Arm,
    Posteriors,
    Reason,
    allocate,
    assign_batch,
    cadence_status,
    next_call_time,
    pick_next,
    reason_phrase,
)
from callworthy.experiments.bandit import DEFAULT_FLOOR
from callworthy.experiments.inputs import require_aware
from callworthy.services import experiments as stats_service
from callworthy.services.caller import Caller
from callworthy.services.prospects import get
from callworthy.services.strategies import registry_of
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import experiment_queries as eq
from callworthy.storage import queries
from callworthy.storage import strategy_queries as sq
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Assignment, Experiment, Prospect
from callworthy.write import Fit, Registry, Relationship, fit_problem

MAX_SEED = 2**31 - 1
"""Seeds fit a 32-bit signed column (the experiment's seed is stored)."""


@dataclass(frozen=True, slots=True)
class NextPick(_Dumpable):
    """The strategy for a prospect's next voicemail, when to call, and how it was chosen."""

    prospect_id: int
    prospect: str
    strategy: str
    seed: int
    """Pass it back (--seed) to replay the same pick."""
    method: str
    """"thompson", "top_two", "experiment" (drawn now) or "assigned" (drawn before, kept)."""
    weights: dict[str, float]
    """Each eligible strategy's share (Thompson: exact, with the floor; experiment: fixed)."""
    excluded: dict[str, str]
    """Candidates left out for this prospect, and why."""
    call_at: Timestamp
    """The earliest moment inside the prospect's calling hours and the cadence, in UTC."""
    call_at_local: str
    time_zone: str
    experiment_id: int | None
    assignment_id: int | None
    notes: tuple[str, ...]
    name: str = ""
    """The strategy's plain-words name."""
    unanswered: int = 0
    """Voicemails left since the last callback (the cadence stops at its limit)."""


def new_seed() -> int:
    """Return a fresh seed from the OS's entropy (recorded so the draw can be replayed)."""
    return secrets.randbelow(MAX_SEED) + 1


def check_seed(seed: int | None) -> int:
    """Return the seed, a new one when None; refuse one that cannot be stored."""
    if seed is None:
        return new_seed()
    if not 0 <= seed <= MAX_SEED:
        raise ExperimentInputError(f"Seed {seed} is out of range.", f"Use 0 to {MAX_SEED}.")
    return seed


def parse_hours(text: str) -> tuple[time, time]:
    """Return (start, end) local times from "9-20" or "08:30-17:00"."""
    parts = (text or "").replace(" ", "").split("-")
    try:
        if len(parts) != 2:
            raise ValueError(text)
        start, end = (
            time.fromisoformat(p.zfill(2) + ":00" if ":" not in p else p.zfill(5)) for p in parts
        )
    except ValueError:
        raise ExperimentInputError(
            f"Calling hours {text!r} are not START-END.", "Use e.g. 9-20 or 08:30-17:00."
        ) from None
    if not start < end:
        raise ExperimentInputError(f"Calling hours {text!r} end before they start.", "Use 9-20.")
    return start, end


def candidates(registry: Registry, among: Collection[str] = ()) -> list[str]:
    """Return the strategies worth proposing: the registry's proposable ones, or `among`."""
    if not among:
        return sorted(s.id for s in registry.proposable())
    chosen = registry.resolve_all(among, field="among")
    proposed = {s.id for s in registry.proposable()}
    never = [sid for sid in chosen if sid not in proposed]
    if never:
        raise ExperimentInputError(
            f"{never[0]} is never proposed: it is logged only (a message the articles warn "
            "against, or a strategy no longer tried).",
            f"Choose among: {', '.join(candidates(registry))}.",
        )
    return sorted(chosen)


def proposable(engine: Engine, caller: Caller) -> tuple[str, ...]:
    """Return the strategies worth proposing or comparing with (a baseline select lists them)."""
    with read_session(engine) as session:
        return tuple(candidates(registry_of(session, caller.team_id)))


def prospect_choices(engine: Engine, caller: Caller) -> tuple[tuple[int, str], ...]:
    """Return (id, name) of the prospects the caller may ask about (not do-not-call)."""
    scope = caller.owner_scope
    with read_session(engine) as session:
        found = queries.list_prospects(session, caller.team_id, None)
        return tuple(
            (p.id, p.name)
            for p in found
            if not p.do_not_call and (scope is None or p.owner_rep_id == scope)
        )


def fit_of(prospect: Prospect, has_lead: bool = False) -> Fit:
    """Return what the rep knows of a stored prospect, as the registry's fit reads it."""
    try:
        relationship = Relationship(prospect.relationship or "cold")
    except ValueError:
        relationship = Relationship.COLD
    return Fit(
        humor_ok=bool(prospect.humor_ok),
        relationship=relationship,
        has_lead=has_lead or bool(prospect.lead_name),
        has_referral=bool(prospect.referred_by),
    )


def _local(when: datetime, zone: str) -> str:
    return when.astimezone(ZoneInfo(zone)).isoformat() if zone != "UTC" else when.isoformat()


@dataclass(frozen=True, slots=True)
class _Plan:
    prospect_id: int
    prospect: str
    zone: str
    eligible: frozenset[str]
    excluded: dict[str, str]
    arms: tuple[Arm, ...]
    experiment: tuple[int, dict[str, float]] | None
    kept: Assignment | None
    """The arm this prospect was given before (the experiment's), which it keeps."""
    notes: tuple[str, ...]
    not_before: datetime
    unanswered: int
    names: dict[str, str]


def _refuse_blocked(session: Session, caller: Caller, prospect: Prospect) -> None:
    if prospect.do_not_call or queries.is_blocked(session, caller.team_id, prospect.phone):
        raise DoNotCallError(
            f"{prospect.name} is on the do-not-call list: there is nothing to try next.",
            "Do not call or leave messages for this prospect.",
        )


def _cadence(session: Session, prospect: Prospect, now: datetime) -> tuple[datetime, int]:
    left = [v.left_at for v in queries.voicemails_of(session, prospect.id)]
    back = [c.at for c in queries.callbacks_of(session, prospect.id)]
    status = cadence_status(left, back, now=now)
    if status.stop:
        raise ContactLimitError(
            f"{prospect.name}: {status.advice}",
            "Diagnose why they are silent, or log their callback if they called.",
        )
    return status.earliest, status.unanswered


def _excluded(registry: Registry, names: Sequence[str], fit: Fit) -> dict[str, str]:
    out = {}
    for name in names:
        strategy = registry.get(name)
        why = fit_problem(strategy, fit) if strategy else "it is not one of your strategies"
        if why:
            out[name] = why
    return out


def _experiment(
    session: Session,
    registry: Registry,
    running: Experiment,
    prospect: Prospect,
    fit: Fit,
    now: datetime,
) -> tuple[tuple[int, dict[str, float]] | None, Assignment | None, str | None]:
    """Return the experiment's weights and the kept arm, or the reason the prospect is left out."""
    kept = sq.assignment_of(session, running.id, prospect.id, as_of=now)
    weights = {a.strategy: a.weight for a in eq.arms_of(session, running.id)}
    if kept is not None:
        return (running.id, weights), kept, None
    unfit = _excluded(registry, sorted(weights), fit)
    if unfit:
        arm, why = next(iter(unfit.items()))
        return (
            None,
            None,
            (
                f"Left out of experiment #{running.id}: {registry.name_of(arm)} ({arm}) does not "
                f"fit: {why}. A prospect takes every arm or none, so the split stays fair; "
                "this pick is among the strategies that fit."
            ),
        )
    return (running.id, weights), None, None


def _plan(
    session: Session,
    caller: Caller,
    prospect_id: int,
    now: datetime,
    *,
    has_lead: bool,
    among: Collection[str],
    window_days: float,
    default_zone: str,
) -> _Plan:
    prospect = get(session, caller, prospect_id)  # another rep's is "no such prospect"
    _refuse_blocked(session, caller, prospect)
    registry = registry_of(session, caller.team_id)
    names = candidates(registry, among)
    not_before, unanswered = _cadence(session, prospect, now)
    fit = fit_of(prospect, has_lead)
    notes: list[str] = []
    experiment: tuple[int, dict[str, float]] | None = None
    kept: Assignment | None = None
    running = eq.running_experiment(session, caller.team_id, as_of=now)
    if running is not None:
        experiment, kept, left_out = _experiment(session, registry, running, prospect, fit, now)
        if left_out:
            notes.append(left_out)
    excluded = _excluded(registry, names, fit)
    allowed = sorted(set(names) - set(excluded))
    if not allowed and experiment is None:
        why = "; ".join(f"{k}: {v}" for k, v in excluded.items()) or "none given"
        raise NoEligibleStrategyError(
            f"No strategy may be used on {prospect.name}: "
            f"{reason_phrase(Reason.NO_ELIGIBLE_STRATEGY)} ({why}).",
            "Say what you know of them (a lead, someone you both know), or name other "
            "strategies to choose among.",
        )
    settings = stats_service.settings_for(window_days)
    counts = eq.strategy_counts(session, caller.team_id, now, settings.window)
    summary = stats_service.summarise_counts(counts, [], settings, now, strategies=allowed)
    arms = tuple(Arm(a.strategy, a.alpha, a.beta) for a in summary.strategies)
    zone = prospect.time_zone or default_zone
    if not prospect.time_zone:
        notes.append(f"{prospect.name} has no known time zone; calling hours are read in {zone}.")
    return _Plan(
        prospect.id, prospect.name, zone, frozenset(allowed), excluded, arms, experiment, kept,
        tuple(notes), not_before, unanswered, {s.id: s.name for s in registry.strategies},
    )  # fmt: skip


def next_strategy(
    engine: Engine,
    caller: Caller,
    prospect_id: int,
    *,
    now: datetime,
    seed: int | None = None,
    top_two: bool = False,
    floor: float = DEFAULT_FLOOR,
    has_lead: bool = False,
    among: Collection[str] = (),
    hours: tuple[time, time] = (time(9), time(20)),
    window_days: float = 14.0,
    default_zone: str = "UTC",
) -> NextPick:
    """Return the strategy to try next on a prospect and the earliest time to call them.

    A rep on the web may ask only about their own prospects (the caller's owner scope).
    """
    require_aware(now)
    seed = check_seed(seed)
    if not 0 <= floor < 1:
        raise ExperimentInputError(f"Floor {floor} is not a share.", "Use e.g. 0.05 (5%).")
    with read_session(engine) as session:
        plan = _plan(
            session, caller, prospect_id, now, has_lead=has_lead, among=among,
            window_days=window_days, default_zone=default_zone,
        )  # fmt: skip
    call_at = next_call_time(max(now, plan.not_before), plan.zone, hours[0], hours[1])
    strategy, method, weights, experiment_id, assignment_id = _choose(
        engine, plan, now, seed, floor=floor, top_two=top_two
    )
    return NextPick(
        prospect_id=plan.prospect_id,
        prospect=plan.prospect,
        strategy=strategy,
        seed=seed,
        method=method,
        weights=dict(sorted(weights.items())),
        excluded=plan.excluded,
        call_at=call_at,
        call_at_local=_local(call_at, plan.zone),
        time_zone=plan.zone,
        experiment_id=experiment_id,
        assignment_id=assignment_id,
        notes=plan.notes,
        name=plan.names.get(strategy, strategy),
        unanswered=plan.unanswered,
    )


def _choose(
    engine: Engine, plan: _Plan, now: datetime, seed: int, *, floor: float, top_two: bool
) -> tuple[str, str, dict[str, float], int | None, int | None]:
    """Return (strategy, method, weights, experiment id, assignment id) for the plan."""
    rng = np.random.default_rng(seed)
    if plan.experiment is not None:
        experiment_id, weights = plan.experiment
        if plan.kept is not None:
            return plan.kept.strategy, "assigned", weights, experiment_id, plan.kept.id
        drawn = assign_batch(Allocation(weights, "experiment", 0.0), 1, rng)
        strategy = next(name for name, n in drawn.items() if n)
        kept = _log_assignment(engine, experiment_id, plan.prospect_id, strategy, now)
        method = "experiment" if kept.strategy == strategy else "assigned"
        return kept.strategy, method, weights, experiment_id, kept.id
    posteriors = Posteriors.of(plan.arms).only(plan.eligible)
    pick = pick_next(posteriors, rng, floor=floor, top_two=top_two)
    assert pick.strategy is not None  # the plan has at least one eligible strategy
    weights = allocate(plan.arms, plan.eligible, floor=floor, top_two=top_two).weights
    return pick.strategy, "top_two" if top_two else "thompson", weights, None, None


def _log_assignment(
    engine: Engine, experiment_id: int, prospect_id: int, strategy: str, now: datetime
) -> Assignment:
    """Log the prospect's arm; if another request logged one first, return that one."""

    def work(session: Session) -> Assignment:
        if session.get(Prospect, prospect_id) is None:
            raise UnknownProspectError(f"Prospect #{prospect_id} was just forgotten.")
        kept = sq.assignment_of(session, experiment_id, prospect_id)
        if kept is not None:
            return kept
        row = Assignment(
            experiment_id=experiment_id, prospect_id=prospect_id, strategy=strategy, assigned_at=now
        )
        session.add(row)
        session.flush()
        return row

    try:
        return run_write(engine, work)
    except DatabaseError as exc:
        if not isinstance(exc.__cause__, IntegrityError):
            raise
        # Two requests drew for the same prospect at once (PostgreSQL): the first one stands.
        with read_session(engine) as session:
            kept = sq.assignment_of(session, experiment_id, prospect_id)
            if kept is None:
                raise
            return kept
