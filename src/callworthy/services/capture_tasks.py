"""The queue's slow tasks: fetch, transcribe and critique a recording; critique history.

Each is idempotent: the row is locked and checked before the result is written, so a
job run again after a worker died (or by two workers at once) stores its result once;
`Recording.runs` counts completions and stays at 1.
"""

from __future__ import annotations

import re
import tempfile
import threading
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.critique import Context, critique
from callworthy.errors import AudioFileError, AudioTooLongError, CallworthyError
from callworthy.services import capture  # also registers process_event
from callworthy.services.jobs import task
from callworthy.services.team_rules import TeamRules
from callworthy.services.webhook_secrets import Sealer, live_keys
from callworthy.storage import capture_queries as cq
from callworthy.storage.capture_tables import JobBatch, Recording
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Prospect, RepProfile, Voicemail, utc_now
from callworthy.write.classify import FALLBACK

#: Largest recording fetched (a voicemail is well under a minute).
MAX_RECORDING_BYTES = 25 * 1024 * 1024
FETCH_TIMEOUT = 30.0
_RULES = TeamRules()
_MODEL_LOCK = threading.Lock()
_MODEL: dict[str, Any] = {}
#: The speech model's arithmetic in workers (set by `callworthy worker --compute-type`).
COMPUTE_TYPE = {"value": "int8"}
#: What opens the stored Twilio tokens in this process (the app's, or the worker's from
#: its environment): Twilio's recordings are fetched with the account's credentials.
_SEALER: dict[str, Sealer | None] = {"sealer": None}
_TWILIO_ACCOUNT = re.compile(r"/Accounts/(AC[0-9a-fA-F]{32})/")


def use_sealer(sealer: Sealer | None) -> None:
    """Say what opens the stored webhook secrets in this process."""
    _SEALER["sealer"] = sealer


def _credentials(engine: Engine, team_id: int, vendor: str, url: str) -> tuple[str, str] | None:
    """Return Twilio's (Account SID, auth token) for a recording of its API, if stored."""
    sealer = _SEALER["sealer"]
    found = _TWILIO_ACCOUNT.search(url)
    if vendor != "twilio" or sealer is None or found is None:
        return None
    for key in live_keys(engine, team_id, "twilio", sealer):
        if key.account == found.group(1):
            return found.group(1), key.value
    return None


def speech_model() -> Any:
    """Return this process's speech model, loaded once."""
    with _MODEL_LOCK:
        if "model" not in _MODEL:
            from callworthy.audio.transcribe import load_model

            _MODEL["model"] = load_model(compute_type=COMPUTE_TYPE["value"])
        return _MODEL["model"]


def fetch(url: str, folder: Path, auth: tuple[str, str] | None = None) -> Path:
    """Download a recording to a file in folder; refuse what is not a reachable, small file."""
    if not url.startswith(("http://", "https://")):
        raise AudioFileError(f"The recording's address {url[:200]!r} is not a web address.", "")
    path = folder / "recording"
    size = 0
    try:
        stream = httpx.stream("GET", url, timeout=FETCH_TIMEOUT, follow_redirects=True, auth=auth)
        with stream as response:
            if response.status_code != 200:
                raise AudioFileError(
                    f"The recording could not be fetched (HTTP {response.status_code}).",
                    "Check that the dialer lets the server download it.",
                )
            with path.open("wb") as handle:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_RECORDING_BYTES:
                        raise AudioTooLongError("The recording is larger than 25 MB.", "")
                    handle.write(chunk)
    except httpx.HTTPError as exc:
        raise AudioFileError(f"The recording could not be fetched ({exc}).", "") from exc
    return path


def _context(session: Session, recording: Recording) -> tuple[Context, str | None, int]:
    voicemail = session.get(Voicemail, recording.voicemail_id) if recording.voicemail_id else None
    prospect = session.get(Prospect, voicemail.prospect_id) if voicemail else None
    profile = session.get(RepProfile, voicemail.rep_id) if voicemail and voicemail.rep_id else None
    context = Context(
        prospect_name=prospect.name if prospect else None,
        company=prospect.company if prospect else None,
    )
    return context, profile.phone if profile else None, recording.team_id


@task("process_recording")
def process_recording(engine: Engine, args: dict[str, Any]) -> None:
    """Fetch a recording, transcribe and critique it, attach the result to its voicemail."""
    from callworthy.audio.critique import critique_recording

    recording_id = int(args["recording_id"])
    with read_session(engine) as session:
        recording = session.get(Recording, recording_id)
        if recording is None or recording.status == "done":
            return
        url, vendor = recording.url, recording.vendor
        context, rep_phone, team_id = _context(session, recording)
    auth = _credentials(engine, team_id, vendor, url)
    try:
        with tempfile.TemporaryDirectory(prefix="callworthy-recording-") as folder:
            path = fetch(url, Path(folder), auth)
            result = critique_recording(
                path,
                speech_model(),
                rules=_RULES.rule_set(engine, team_id),
                context=context,
                rep_phone=rep_phone,
            )
    except CallworthyError as exc:
        _note_error(engine, recording_id, exc.message)
        raise
    _store_result(
        engine,
        recording_id,
        result.transcript,
        result.score,
        result.measurements.duration_seconds,
        result.critique.rules_version,
    )


def _note_error(engine: Engine, recording_id: int, message: str) -> None:
    def work(session: Session) -> None:
        row = session.get(Recording, recording_id)
        if row is not None and row.status != "done":
            row.error, row.status = message[:2000], "failed"

    run_write(engine, work)


def _store_result(
    engine: Engine, recording_id: int, transcript: str, score: int, seconds: float, version: str
) -> None:
    def work(session: Session) -> None:
        row = cq.recording_for_update(session, recording_id)
        if row is None or row.status == "done":
            return  # another worker finished it first: nothing is stored twice
        row.status, row.transcript, row.score, row.error = "done", transcript, score, ""
        row.duration_seconds, row.done_at, row.runs = seconds, utc_now(), row.runs + 1
        voicemail = session.get(Voicemail, row.voicemail_id) if row.voicemail_id else None
        if voicemail is not None and not voicemail.script.strip():
            voicemail.script, voicemail.score, voicemail.rules_version = transcript, score, version
            if voicemail.strategy == FALLBACK:  # the dialer did not say: the words tell
                _classify(session, row.team_id, voicemail, transcript)

    run_write(engine, work)


def _classify(session: Session, team_id: int, voicemail: Voicemail, transcript: str) -> None:
    """Read the strategy from what was said, and record the experiment's arm if it is one."""
    strategy, confidence = capture.strategy_of(session, team_id, "", transcript)
    if confidence is None:
        return
    voicemail.strategy, voicemail.strategy_inferred = strategy, True
    voicemail.strategy_confidence = confidence
    capture.record_arm(session, team_id, voicemail.prospect_id, voicemail)


@task("critique_voicemail")
def critique_voicemail(engine: Engine, args: dict[str, Any]) -> None:
    """Critique one imported voicemail with its team's rules; count it in its bulk job."""
    voicemail_id, batch_id = int(args["voicemail_id"]), int(args["batch_id"])
    with read_session(engine) as session:
        voicemail = session.get(Voicemail, voicemail_id)
        prospect = session.get(Prospect, voicemail.prospect_id) if voicemail else None
        if voicemail is None or prospect is None:
            script, team_id = "", 0
        else:
            script, team_id = voicemail.script, prospect.team_id
            context = Context(prospect_name=prospect.name, company=prospect.company)
    review = None
    if script.strip():
        try:
            review = critique(script, rules=_RULES.rule_set(engine, team_id), context=context)
        except CallworthyError:
            review = None

    def work(session: Session) -> None:
        batch = cq.batch_for_update(session, batch_id)
        row = session.get(Voicemail, voicemail_id)
        if row is not None and row.score is not None and review is not None:
            return  # scored already (a job run again after its commit): counted once
        if row is not None and review is not None:
            row.score, row.rules_version = review.score, review.rules_version
        if batch is not None:
            if review is None:
                batch.failed += 1
            else:
                batch.done += 1
            if batch.done + batch.failed >= batch.total and batch.finished_at is None:
                batch.finished_at = utc_now()

    run_write(engine, work)


def new_batch(session: Session, team_id: int, kind: str, total: int, by: str) -> JobBatch:
    """Add a bulk job's counters (the caller queues its items in the same transaction)."""
    batch = JobBatch(team_id=team_id, kind=kind, total=total, created_by=by, created_at=utc_now())
    session.add(batch)
    session.flush()
    return batch
