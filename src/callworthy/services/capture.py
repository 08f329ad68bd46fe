"""Capture (issue 17): store a verified dialer event, then make it a voicemail or a callback.

`receive` runs in the webhook's request: it stores the raw body once per vendor event
id (a retried delivery finds its row and adds nothing) and queues `process_event`;
the request answers as soon as that is committed. `process_event` runs on the queue:

- an outbound call that ended in voicemail -> a voicemail logged to the prospect (made
  from the number if new, with its time zone), its rep the team account the dialer's
  user is mapped to; a do-not-call prospect's is logged and the event flagged;
- an inbound call from a prospect's number within CALLBACK_WINDOW of their latest
  unanswered voicemail -> that voicemail's callback;
- a recording -> stored and queued to be fetched, transcribed and critiqued;
- when the prospect is in the running experiment and the voicemail's strategy is one of
  its arms, the arm is recorded (the prospect's open assignment, or a new one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.capture.model import CallEvent, EventKind
from callworthy.critique import Context, critique
from callworthy.errors import CallworthyError, DatabaseError, InvalidPhoneError
from callworthy.fields import normalise_phone
from callworthy.services.jobs import LocalQueue, Queue, task
from callworthy.services.strategies import registry_of
from callworthy.services.team_rules import TeamRules
from callworthy.storage import capture_queries as cq
from callworthy.storage import experiment_queries as eq
from callworthy.storage import queries
from callworthy.storage.capture_tables import CaptureEvent, DialerUser, Recording
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Assignment, Callback, Prospect, Voicemail, utc_now
from callworthy.write.classify import FALLBACK, classify

#: An inbound call counts as a voicemail's callback within this long after it.
CALLBACK_WINDOW = timedelta(days=14)
#: A received event still waiting this long when its delivery is retried is queued again
#: (its first job may have been lost between the commit and the queue, on PostgreSQL).
REQUEUE_AFTER = timedelta(minutes=1)
_RULES = TeamRules()


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a webhook delivery did: the stored event, and whether it was a retry."""

    event_id: int
    duplicate: bool


def receive(
    engine: Engine, queue: Queue, team_id: int, vendor: str, event: CallEvent, raw: str
) -> Receipt:
    """Store a verified event once (by its vendor key) and queue its processing."""
    local = queue if isinstance(queue, LocalQueue) else None

    def work(session: Session) -> tuple[int, bool, bool]:
        found = cq.event_by_key(session, team_id, vendor, event.event_key)
        if found is not None:
            stale = found.status == "received" and found.received_at < utc_now() - REQUEUE_AFTER
            return found.id, True, stale
        row = CaptureEvent(
            team_id=team_id,
            vendor=vendor,
            event_key=event.event_key,
            kind=event.kind.value,
            data=event.to_dict(),
            raw=raw,
            received_at=utc_now(),
        )
        session.add(row)
        session.flush()
        if local is not None:
            local.add(session, "process_event", team_id, {"event_id": row.id})
        return row.id, False, local is None

    try:
        event_id, duplicate, defer = run_write(engine, work)
    except DatabaseError:  # a concurrent delivery of the same event won the insert
        with read_session(engine) as session:
            found = cq.event_by_key(session, team_id, vendor, event.event_key)
        if found is None:
            raise
        return Receipt(found.id, True)
    if defer:
        queue.defer("process_event", team_id, {"event_id": event_id})
    return Receipt(event_id, duplicate)


@task("process_event")
def process_event(engine: Engine, args: dict[str, Any]) -> None:
    """Make a stored event what it means (idempotent: a processed event is left alone)."""
    event_id = int(args["event_id"])
    with read_session(engine) as session:
        row = session.get(CaptureEvent, event_id)
        if row is None or row.status != "received":
            return
        team_id, event = row.team_id, CallEvent.from_dict(row.data)
    review = _review(engine, team_id, event) if event.kind is EventKind.VOICEMAIL_LEFT else None
    handlers: dict[EventKind, Callable[[Session, CaptureEvent], list[int]]] = {
        EventKind.VOICEMAIL_LEFT: lambda s, r: _voicemail(s, r, event, review),
        EventKind.INBOUND_CALL: lambda s, r: _callback(s, r, event),
        EventKind.RECORDING: lambda s, r: _recording(s, r, event),
    }
    handler = handlers.get(event.kind, _ignore)

    def work(session: Session) -> list[int]:
        row = session.get(CaptureEvent, event_id, with_for_update=True)
        if row is None or row.status != "received":
            return []
        row.processed_at = utc_now()
        result = handler(session, row)
        return result or []

    _queue_recordings(engine, team_id, run_write(engine, work))


def _queue_recordings(engine: Engine, team_id: int, recording_ids: list[int]) -> None:
    from callworthy.services.jobs import queue_for

    if recording_ids:
        queue = queue_for(engine)
        for rec_id in recording_ids:
            queue.defer("process_recording", team_id, {"recording_id": rec_id})


def _ignore(_session: Session, row: CaptureEvent) -> list[int]:
    row.status = "ignored"
    detail = row.data.get("detail") or row.kind
    row.outcome = f"Nothing to record ({detail})."
    return []


def _review(engine: Engine, team_id: int, event: CallEvent) -> tuple[int, str] | None:
    """Critique the event's script with the team's rules (outside the write transaction)."""
    if not event.script.strip():
        return None
    try:
        rules = _RULES.rule_set(engine, team_id)
        context = Context(
            prospect_name=event.prospect_name or None, company=event.prospect_company or None
        )
        result = critique(event.script, rules=rules, context=context)
    except CallworthyError:
        return None
    return result.score, result.rules_version


def _phone(row: CaptureEvent, raw: str) -> tuple[str, str | None] | None:
    try:
        return normalise_phone(raw)
    except InvalidPhoneError:
        row.status = "ignored"
        row.outcome = f"{raw or 'No number'} is not a phone number Callworthy can read."
        return None


def _dialer_user(session: Session, row: CaptureEvent, event: CallEvent) -> DialerUser | None:
    external = event.user_id or event.rep_line
    if not external:
        return None
    user = cq.dialer_user(session, row.team_id, row.vendor, external)
    now = utc_now()
    if user is None:
        user = DialerUser(
            team_id=row.team_id,
            vendor=row.vendor,
            external_id=external[:200],
            name=(event.user_name or event.rep_line)[:200],
            first_seen_at=now,
            last_seen_at=now,
        )
        session.add(user)
        session.flush()
    user.last_seen_at = now
    row.dialer_user_id = user.id
    return user


def external_id(vendor: str, team_id: int, call_id: str) -> str:
    """Return the stored external id of a dialer's call (unique across teams)."""
    return f"{vendor}:{team_id}:{call_id}"[:200]


def _prospect(
    session: Session,
    team_id: int,
    event: CallEvent,
    e164: str,
    zone: str | None,
    rep_id: int | None,
) -> Prospect:
    found = queries.prospect_by_phone(session, team_id, e164)
    if found is not None:
        return found
    prospect = Prospect(
        team_id=team_id,
        owner_rep_id=rep_id,
        name=(event.prospect_name or e164)[:200],
        company=event.prospect_company or None,
        phone=e164,
        time_zone=zone,
        do_not_call=queries.is_blocked(session, team_id, e164),
        tags=[],
    )
    session.add(prospect)
    session.flush()
    return prospect


def strategy_of(session: Session, team_id: int, said: str, script: str) -> tuple[str, float | None]:
    """Return a call's strategy and, when it was read from the script, how sure (None: said).

    The dialer's own `strategy` if the team's registry knows it; else the script's words
    classified by the critique's detectors (as an imported note's are); else `other`.
    """
    registry = registry_of(session, team_id)
    found = registry.find(said) if said else None
    if found is not None:
        return found, None
    if script.strip():
        read = classify(script, registry)
        if read.strategy != FALLBACK:
            return read.strategy, read.confidence
    return FALLBACK, None


def _voicemail(
    session: Session, row: CaptureEvent, event: CallEvent, review: tuple[int, str] | None
) -> list[int]:
    number = _phone(row, event.prospect_phone)
    if number is None:
        return []
    user = _dialer_user(session, row, event)
    rep_id = user.rep_id if user else None
    prospect = _prospect(session, row.team_id, event, number[0], number[1], rep_id)
    row.prospect_id = prospect.id
    ext = external_id(row.vendor, row.team_id, event.call_id)
    if cq.voicemail_by_external_id(session, ext) is not None:
        row.status, row.outcome = "done", "Already logged by an earlier event of this call."
        return []
    strategy, confidence = strategy_of(session, row.team_id, event.strategy or "", event.script)
    voicemail = Voicemail(
        prospect_id=prospect.id,
        rep_id=rep_id,
        strategy=strategy,
        strategy_inferred=confidence is not None,
        strategy_confidence=confidence,
        script=event.script,
        score=review[0] if review else None,
        rules_version=review[1] if review else None,
        left_at=event.at,
        source=row.vendor,
        external_id=ext,
    )
    session.add(voicemail)
    session.flush()
    row.voicemail_id = voicemail.id
    notes = [f"Voicemail logged to {prospect.name}."]
    if rep_id is None:
        notes.append("The dialer's user is not yet matched to a team account.")
    notes.extend(record_arm(session, row.team_id, prospect.id, voicemail))
    queued = _attach_recordings(session, row, event, voicemail)
    blocked = prospect.do_not_call or queries.is_blocked(session, row.team_id, prospect.phone)
    row.status = "flagged" if blocked else "done"
    if blocked:
        notes.insert(
            0, f"{prospect.name} is on the do-not-call list, yet this call left a voicemail."
        )
    row.outcome = " ".join(notes)
    return queued


def record_arm(session: Session, team_id: int, prospect_id: int, voicemail: Voicemail) -> list[str]:
    """Record the voicemail in the running experiment when its strategy is one of the arms."""
    experiment = eq.running_experiment(session, team_id)
    if experiment is None or voicemail.strategy == FALLBACK:
        return []
    arms = {a.strategy for a in eq.arms_of(session, experiment.id)}
    if voicemail.strategy not in arms:
        return []
    open_one = cq.open_assignment(session, experiment.id, prospect_id)
    if open_one is not None and open_one.strategy == voicemail.strategy:
        open_one.voicemail_id = voicemail.id
    else:
        session.add(
            Assignment(
                experiment_id=experiment.id,
                prospect_id=prospect_id,
                strategy=voicemail.strategy,
                assigned_at=voicemail.left_at,
                voicemail_id=voicemail.id,
            )
        )
    return [f"Recorded in the experiment {experiment.name!r} under {voicemail.strategy}."]


def _attach_recordings(
    session: Session, row: CaptureEvent, event: CallEvent, voicemail: Voicemail
) -> list[int]:
    """Tie the call's recording (reported before or with this event) to its voicemail."""
    queued: list[int] = []
    recording = cq.recording_for(session, row.team_id, row.vendor, f"call:{event.call_id}")
    if recording is None and event.recording_url:
        recording = _new_recording(session, row, event)
        queued.append(recording.id)
    if recording is not None:
        recording.voicemail_id = voicemail.id
        if recording.status == "done" and not voicemail.script:
            voicemail.script, voicemail.score = recording.transcript, recording.score
    return queued


def _new_recording(session: Session, row: CaptureEvent, event: CallEvent) -> Recording:
    recording = Recording(
        team_id=row.team_id,
        vendor=row.vendor,
        external_id=f"call:{event.call_id}"[:255],
        call_id=event.call_id[:255],
        url=event.recording_url,
        created_at=utc_now(),
    )
    session.add(recording)
    session.flush()
    return recording


def _recording(session: Session, row: CaptureEvent, event: CallEvent) -> list[int]:
    if cq.recording_for(session, row.team_id, row.vendor, f"call:{event.call_id}") is not None:
        row.status, row.outcome = "done", "This call's recording is already stored."
        return []
    recording = _new_recording(session, row, event)
    voicemail = cq.voicemail_by_external_id(
        session, external_id(row.vendor, row.team_id, event.call_id)
    )
    if voicemail is not None:
        recording.voicemail_id = voicemail.id
        row.voicemail_id = voicemail.id
    row.status = "done"
    row.outcome = "Recording stored; it will be transcribed and critiqued."
    return [recording.id]


def _callback(session: Session, row: CaptureEvent, event: CallEvent) -> list[int]:
    number = _phone(row, event.prospect_phone)
    if number is None:
        return []
    _dialer_user(session, row, event)
    prospect = queries.prospect_by_phone(session, row.team_id, number[0])
    if prospect is None:
        row.status, row.outcome = "ignored", f"No prospect has the number {number[0]}."
        return []
    row.prospect_id = prospect.id
    ext = external_id(row.vendor, row.team_id, event.call_id)
    if cq.callback_by_external_id(session, ext) is not None:
        row.status, row.outcome = "done", "Already logged by an earlier event of this call."
        return []
    voicemail = queries.latest_open_voicemail(session, prospect.id, before=event.at)
    if voicemail is None or _age(event.at, voicemail.left_at) > CALLBACK_WINDOW:
        days = CALLBACK_WINDOW.days
        row.status = "ignored"
        row.outcome = (
            f"{prospect.name} called, but no voicemail of the last {days} days awaits a callback."
        )
        return []
    callback = Callback(
        prospect_id=prospect.id,
        voicemail_id=voicemail.id,
        at=event.at,
        outcome="returned",
        notes=f"Inbound call ({row.vendor}).",
        source=row.vendor,
        external_id=ext,
    )
    session.add(callback)
    session.flush()
    row.callback_id, row.voicemail_id = callback.id, voicemail.id
    row.status = "done"
    row.outcome = (
        f"{prospect.name} called back: logged as the callback of voicemail #{voicemail.id}."
    )
    return []


def _age(later: datetime, earlier: datetime) -> timedelta:
    if earlier.tzinfo is None:
        earlier = earlier.replace(tzinfo=later.tzinfo)
    return later - earlier
