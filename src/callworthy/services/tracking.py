"""Tracking (capability 3): log a voicemail (critiqued and scored), a callback, history, export.

A voicemail's strategy is read through the team's registry (services/strategies.py).
While an experiment runs, a prospect keeps the arm it was given: `assigned_arm` says
which (the log forms pre-select it), and the first voicemail logged with that arm is
linked to the assignment. A strategy read from an imported script is marked inferred;
`correct_strategy` lets a rep say what it really was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typing_extensions import TypedDict  # pydantic reads typing's TypedDict only from 3.12

from callworthy.critique import Context, critique
from callworthy.crm import write_csv
from callworthy.errors import (
    CallworthyError,
    DoNotCallError,
    NoOpenVoicemailError,
    UnknownProspectError,
)
from callworthy.experiments import CadenceStatus, cadence_status
from callworthy.fields import NOTES, SCRIPT, CallbackOutcome, check_text, validate_outcome
from callworthy.services.caller import Caller
from callworthy.services.prospects import get, records
from callworthy.services.strategies import StrategyChoice, registry_of
from callworthy.services.values import CallbackRecord, History, VoicemailRecord, _Dumpable
from callworthy.storage import experiment_queries as eq
from callworthy.storage import queries
from callworthy.storage import strategy_queries as sq
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Callback, Prospect, Voicemail, utc_now
from callworthy.write import default_registry


class ExportRow(TypedDict):
    """A row of `export` (CSV columns, or a JSON object): a voicemail or a callback.

    What a kind of row has not is empty text ("" for a callback's strategy and score).
    """

    kind: str
    id: str
    at: str
    prospect: str
    company: str
    role: str
    industry: str
    phone: str
    prospect_id: str
    strategy: str
    script: str
    score: int | str
    rules_version: str
    outcome: str
    notes: str
    rep: str
    tags: str


#: Columns of `export`, in order; the generic import format reads them back.
EXPORT_COLUMNS = tuple(ExportRow.__annotations__)


def voicemail_record(v: Voicemail, reps: dict[int, str]) -> VoicemailRecord:
    """Return the record the surfaces show for a stored voicemail."""
    return VoicemailRecord(
        id=v.id,
        prospect_id=v.prospect_id,
        rep=reps.get(v.rep_id) if v.rep_id else None,
        strategy=v.strategy,
        script=v.script,
        score=v.score,
        rules_version=v.rules_version,
        left_at=v.left_at,
        source=v.source,
        external_id=v.external_id,
        inferred=bool(v.strategy_inferred),
        confidence=v.strategy_confidence,
    )


def callback_record(c: Callback) -> CallbackRecord:
    """Return the record the surfaces show for a stored callback."""
    return CallbackRecord(c.id, c.prospect_id, c.voicemail_id, c.at, c.outcome, c.notes, c.source)


def _refuse_blocked(session: Session, team_id: int, prospect: Prospect) -> None:
    if prospect.do_not_call or queries.is_blocked(session, team_id, prospect.phone):
        raise DoNotCallError(
            f"{prospect.name} ({prospect.phone or 'no number'}) is on the do-not-call list.",
            "Do not call or leave messages for this prospect.",
        )


def log_voicemail(
    engine: Engine,
    caller: Caller,
    prospect_id: int,
    strategy: str,
    script: str,
    *,
    at: datetime | None = None,
    source: str = "cli",
) -> VoicemailRecord:
    """Critique a voicemail left for a prospect with the caller's rules; store it with its score.

    The strategy must be one of the team's; the first voicemail with the arm the
    running experiment gave the prospect is linked to that assignment.
    """
    check_text(SCRIPT, script)
    with read_session(engine) as session:
        strategy = registry_of(session, caller.team_id).resolve(strategy, "strategy")
        prospect = get(session, caller, prospect_id)
        _refuse_blocked(session, caller.team_id, prospect)
        context = Context(prospect_name=prospect.name, company=prospect.company)
    try:  # outside the write lock
        review = critique(script, rules=caller.rule_set(), context=context)
    except CallworthyError as exc:
        exc.field = "script"
        raise

    def work(session: Session) -> VoicemailRecord:
        current = queries.prospect_by_id(session, caller.team_id, prospect_id)
        if current is None:
            raise UnknownProspectError(f"Prospect #{prospect_id} was just forgotten.")
        _refuse_blocked(session, caller.team_id, current)
        voicemail = Voicemail(
            prospect_id=prospect_id,
            rep_id=caller.rep_id,
            strategy=strategy,
            script=script,
            score=review.score,
            rules_version=review.rules_version,
            left_at=at or utc_now(),
            source=source,
        )
        session.add(voicemail)
        session.flush()
        running = eq.running_experiment(session, caller.team_id, as_of=voicemail.left_at)
        if running is not None:
            sq.link_assignment(session, running.id, prospect_id, strategy, voicemail)
        return voicemail_record(voicemail, {caller.rep_id: caller.rep})

    return run_write(engine, work)


@dataclass(frozen=True, slots=True)
class LogForm(_Dumpable):
    """What the log-a-voicemail form offers for one prospect, and what it pre-selects."""

    strategies: tuple[StrategyChoice, ...]
    """Every strategy of the team: the experiment's arms first, then the rest."""
    arms: tuple[str, ...]
    """The running experiment's arms (its ideas included)."""
    experiment_id: int | None
    assigned: str | None
    """The arm the experiment gave this prospect, which the form pre-selects."""
    selected: str
    cadence: CadenceStatus


def log_form(engine: Engine, caller: Caller, prospect_id: int, now: datetime) -> LogForm:
    """Return the strategies to offer when logging a voicemail, the prospect's arm first."""
    with read_session(engine) as session:
        prospect = get(session, caller, prospect_id)
        registry = registry_of(session, caller.team_id)
        running = eq.running_experiment(session, caller.team_id, as_of=now)
        arms = tuple(a.strategy for a in eq.arms_of(session, running.id)) if running else ()
        kept = sq.assignment_of(session, running.id, prospect.id, as_of=now) if running else None
        left = [v.left_at for v in queries.voicemails_of(session, prospect.id)]
        back = [c.at for c in queries.callbacks_of(session, prospect.id)]
    built_in = set(default_registry().ids())
    listed = sorted(
        registry.strategies,
        key=lambda s: (s.id not in arms, not s.proposable, s.id not in built_in, s.name.lower()),
    )
    choices = tuple(
        StrategyChoice(s.id, s.name, s.description, s.proposable, s.id not in built_in)
        for s in listed
    )
    assigned = kept.strategy if kept is not None else None
    return LogForm(
        strategies=choices,
        arms=arms,
        experiment_id=running.id if running else None,
        assigned=assigned,
        selected=assigned or (running.baseline if running else registry.baseline),
        cadence=cadence_status(left, back, now=now),
    )


def assigned_arm(engine: Engine, caller: Caller, prospect_id: int, now: datetime) -> str | None:
    """Return the arm the running experiment gave this prospect, if it gave one."""
    with read_session(engine) as session:
        prospect = get(session, caller, prospect_id)
        running = eq.running_experiment(session, caller.team_id, as_of=now)
        if running is None:
            return None
        kept = sq.assignment_of(session, running.id, prospect.id, as_of=now)
        return kept.strategy if kept is not None else None


def correct_strategy(
    engine: Engine, caller: Caller, voicemail_id: int, strategy: str
) -> VoicemailRecord:
    """Set a logged voicemail's strategy to what it really was (no longer inferred).

    A correction like any other: the owner rep or a manager, kept in the audit log.
    """
    from callworthy.services import corrections  # it builds on this module's records

    return corrections.edit_voicemail(engine, caller, voicemail_id, {"strategy": strategy}).record


def get_visible(session: Session, caller: Caller, prospect_id: int) -> Prospect | None:
    """Return the prospect if the caller may see it, else None."""
    try:
        return get(session, caller, prospect_id)
    except UnknownProspectError:
        return None


def log_callback(
    engine: Engine,
    caller: Caller,
    prospect_id: int,
    *,
    outcome: str | CallbackOutcome = CallbackOutcome.RETURNED,
    at: datetime | None = None,
    notes: str = "",
    unmatched: bool = False,
    source: str = "cli",
) -> CallbackRecord:
    """Store a return call, matched to the prospect's latest voicemail not yet answered."""
    result = validate_outcome(str(outcome))
    check_text(NOTES, notes)
    when = at or utc_now()

    def work(session: Session) -> CallbackRecord:
        prospect = get(session, caller, prospect_id)
        voicemail = queries.latest_open_voicemail(session, prospect.id, before=when)
        if voicemail is None and not unmatched:
            raise NoOpenVoicemailError(
                f"{prospect.name} has no unanswered voicemail before {when:%Y-%m-%d %H:%M}.",
                "Log the voicemail first, or store the callback alone (unmatched).",
            )
        callback = Callback(
            prospect_id=prospect.id,
            voicemail_id=voicemail.id if voicemail else None,
            at=when,
            outcome=result.value,
            notes=notes,
            source=source,
        )
        session.add(callback)
        session.flush()
        return callback_record(callback)

    return run_write(engine, work)


def history(engine: Engine, caller: Caller, prospect_id: int) -> History:
    """Return a prospect's profile with every voicemail and callback, oldest first."""
    with read_session(engine) as session:
        prospect = get(session, caller, prospect_id)
        voicemails = queries.voicemails_of(session, prospect.id)
        reps = queries.rep_names(session, (v.rep_id for v in voicemails if v.rep_id))
        return History(
            prospect=records(session, [prospect])[0],
            voicemails=tuple(voicemail_record(v, reps) for v in voicemails),
            callbacks=tuple(callback_record(c) for c in queries.callbacks_of(session, prospect.id)),
        )


def export_rows(engine: Engine, caller: Caller) -> list[dict[str, Any]]:
    """Return every voicemail and callback of the team as flat rows (EXPORT_COLUMNS), by time."""
    rows: list[dict[str, Any]] = []
    with read_session(engine) as session:
        reps = queries.team_rep_names(session, caller.team_id)
        for kind, item, p in queries.export_rows(session, caller.team_id):
            row = dict.fromkeys(EXPORT_COLUMNS, "")
            row.update(
                kind=kind,
                id=item.external_id or f"callworthy-{kind}-{item.id}",
                prospect=p.name,
                company=p.company or "",
                role=p.role or "",
                industry=p.industry or "",
                phone=p.phone or "",
                prospect_id=p.external_id or f"callworthy-prospect-{p.id}",
                tags=";".join(p.tags or ()),
            )
            if kind == "voicemail":
                row.update(at=item.left_at.isoformat(), strategy=item.strategy, script=item.script)
                row.update(score=item.score, rules_version=item.rules_version or "")
                row.update(rep=reps.get(item.rep_id, "") if item.rep_id else "")
            else:
                row.update(at=item.at.isoformat(), outcome=item.outcome, notes=item.notes)
            rows.append(row)
    return rows


def export_csv(engine: Engine, caller: Caller) -> tuple[str, int]:
    """Return the team's voicemails and callbacks as CSV (and how many rows), safe to open.

    A cell a rep typed as `=HYPERLINK(...)` or `+1+1` is written as text (a leading '),
    so it does not run in the spreadsheet of whoever opens the export.
    """
    rows = export_rows(engine, caller)
    return write_csv(rows, EXPORT_COLUMNS), len(rows)
