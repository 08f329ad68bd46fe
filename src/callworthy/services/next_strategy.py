"""What to try next on one prospect: a strategy (Thompson sampling) and the earliest time to call.

Eligibility respects the prospect: nothing for a do-not-call number, no humor
strategy where humor is off (P8: pick your shots), no sales lead without a real
lead to give (P7; storage holds no lead, so the caller says so). Never the
messages the articles warn against (all about you, P3; a bare call-me-back, P4).

If the team runs an experiment and the prospect may get every one of its arms,
the strategy is drawn with the experiment's fixed weights and the assignment is
logged, so the sample-ratio check can run. A prospect who cannot get every arm
(humor off, no lead) stays out of the experiment and gets a Thompson pick: putting
them in with their own arms would skew the split the check compares against.
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
from sqlalchemy.orm import Session

from callworthy.errors import (
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
    eligible_strategies,
    next_call_time,
    pick_next,
    reason_phrase,
)
from callworthy.experiments.bandit import DEFAULT_FLOOR
from callworthy.experiments.inputs import require_aware
from callworthy.services import experiments as stats_service
from callworthy.services.caller import Caller
from callworthy.services.prospects import get
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import experiment_queries as eq
from callworthy.storage import queries
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Assignment, Prospect
from callworthy.write.strategies import default_strategies

HUMOR_STRATEGIES = frozenset({"half_message", "weather", "competitor_tease", "traffic_report"})
"""Humor strategies (P8), never proposed where the prospect's humor is off."""
LEAD_STRATEGIES = frozenset({"sales_lead"})
"""Strategies that need a real lead to give (P7)."""
NEVER = frozenset({"about_us", "bare_callback", "other"})
"""Logged, but never proposed: all about you (P3), bare call-me-back (P4), unnamed."""
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
    """"thompson", "top_two" or "experiment"."""
    weights: dict[str, float]
    """Each eligible strategy's share (Thompson: exact, with the floor; experiment: fixed)."""
    excluded: dict[str, str]
    """Candidates left out for this prospect, and why."""
    call_at: Timestamp
    """The earliest moment inside the prospect's calling hours, in UTC."""
    call_at_local: str
    time_zone: str
    experiment_id: int | None
    assignment_id: int | None
    notes: tuple[str, ...]


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


def candidates(session: Session, team_id: int, among: Collection[str] = ()) -> list[str]:
    """Return the strategies worth proposing: the writer's and the team's own, or `among`."""
    if among:
        return sorted(set(among))
    built_in = {s.id for s in default_strategies()}
    return sorted((built_in | set(eq.logged_strategies(session, team_id))) - NEVER)


def proposable(engine: Engine, caller: Caller) -> tuple[str, ...]:
    """Return the strategies worth proposing or comparing with (a baseline select lists them)."""
    with read_session(engine) as session:
        return tuple(candidates(session, caller.team_id))


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


def humor_strategies() -> frozenset[str]:
    """Return the humor strategies: the fixed ones and the writer's marked `humor: true`."""
    return HUMOR_STRATEGIES | {s.id for s in default_strategies() if s.humor}


def _exclusions(names: Sequence[str], allowed: Collection[str]) -> dict[str, str]:
    humor = humor_strategies()
    out = {}
    for name in names:
        if name in allowed:
            continue
        out[name] = "humor is off for this prospect (P8)" if name in humor else "no lead (P7)"
    return out


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
    notes: tuple[str, ...]


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
    if prospect.do_not_call or queries.is_blocked(session, caller.team_id, prospect.phone):
        raise DoNotCallError(
            f"{prospect.name} is on the do-not-call list: there is nothing to try next.",
            "Do not call or leave messages for this prospect.",
        )
    notes: list[str] = []
    running = eq.running_experiment(session, caller.team_id)
    weights = {a.strategy: a.weight for a in eq.arms_of(session, running.id)} if running else {}
    names = candidates(session, caller.team_id, among) if not weights else sorted(weights)
    flags = {"humor_ok": bool(prospect.humor_ok), "has_lead": has_lead}
    humor = humor_strategies()
    allowed = eligible_strategies(names, humor=humor, needs_lead=LEAD_STRATEGIES, **flags)
    experiment = None
    if running is not None and allowed == set(names):
        experiment = (running.id, weights)
    elif running is not None:
        notes.append(
            f"Not in experiment #{running.id}: this prospect cannot get "
            "every one of its strategies, so a Thompson pick is used instead."
        )
        names = candidates(session, caller.team_id, among)
        allowed = eligible_strategies(names, humor=humor, needs_lead=LEAD_STRATEGIES, **flags)
    excluded = _exclusions(names, allowed)
    if not allowed:
        why = "; ".join(f"{k}: {v}" for k, v in excluded.items()) or "none given"
        raise NoEligibleStrategyError(
            f"No strategy may be used on {prospect.name}: "
            f"{reason_phrase(Reason.NO_ELIGIBLE_STRATEGY)} ({why}).",
            "Say that you have a lead to give, or name other strategies to choose among.",
        )
    counts = eq.strategy_counts(
        session, caller.team_id, now, stats_service.settings_for(window_days).window
    )
    summary = stats_service.summarise_counts(
        counts, [], stats_service.settings_for(window_days), now, strategies=sorted(allowed)
    )
    arms = tuple(Arm(a.strategy, a.alpha, a.beta) for a in summary.strategies)
    zone = prospect.time_zone or default_zone
    if not prospect.time_zone:
        notes.append(f"{prospect.name} has no known time zone; calling hours are read in {zone}.")
    return _Plan(
        prospect.id,
        prospect.name,
        zone,
        frozenset(allowed),
        excluded,
        arms,
        experiment,
        tuple(notes),
    )


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
            session,
            caller,
            prospect_id,
            now,
            has_lead=has_lead,
            among=among,
            window_days=window_days,
            default_zone=default_zone,
        )
    call_at = next_call_time(now, plan.zone, hours[0], hours[1])
    rng = np.random.default_rng(seed)
    experiment_id: int | None = None
    assignment_id: int | None = None
    if plan.experiment is not None:
        experiment_id, weights = plan.experiment
        drawn = assign_batch(Allocation(weights, "experiment", 0.0), 1, rng)
        strategy = next(name for name, n in drawn.items() if n)
        assignment_id = _log_assignment(engine, experiment_id, plan.prospect_id, strategy, now)
        method = "experiment"
    else:
        posteriors = Posteriors.of(plan.arms).only(plan.eligible)
        pick = pick_next(posteriors, rng, floor=floor, top_two=top_two)
        assert pick.strategy is not None  # the plan has at least one eligible strategy
        strategy = pick.strategy
        weights = allocate(plan.arms, plan.eligible, floor=floor, top_two=top_two).weights
        method = "top_two" if top_two else "thompson"
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
    )


def _log_assignment(
    engine: Engine, experiment_id: int, prospect_id: int, strategy: str, now: datetime
) -> int:
    def work(session: Session) -> int:
        if session.get(Prospect, prospect_id) is None:
            raise UnknownProspectError(f"Prospect #{prospect_id} was just forgotten.")
        row = Assignment(
            experiment_id=experiment_id, prospect_id=prospect_id, strategy=strategy, assigned_at=now
        )
        session.add(row)
        session.flush()
        return row.id

    return run_write(engine, work)
