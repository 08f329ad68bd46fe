"""Diagnose a silent prospect from storage: read the record, critique what was left, rank causes.

The one place the diagnosis (pure, callworthy.diagnose) meets storage: the
prospect's voicemails are read and each script critiqued again with today's
rules (P1 causes are read from what the message said, not from an old score),
then handed to the core as plain values. The contact cadence (the one policy
`next` follows) adds when the next voicemail is due, or that it is time to stop.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from callworthy.critique import Context, RuleSet, examine
from callworthy.diagnose import Attempt, DiagnoseModel, Diagnosis, default_model, diagnose
from callworthy.errors import CallworthyError
from callworthy.experiments import CadenceStatus, cadence_status
from callworthy.services.caller import Caller
from callworthy.services.tracking import history
from callworthy.services.values import ProspectRecord, VoicemailRecord, _Dumpable
from callworthy.storage.tables import utc_now


@dataclass(frozen=True, slots=True)
class Choice(_Dumpable):
    """One answer to a question of the questionnaire (answer with its id)."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Question(_Dumpable):
    """One question of the diagnose questionnaire, as the surfaces ask it."""

    id: str
    text: str
    help: str
    options: tuple[Choice, ...]


def questions(model: DiagnoseModel | None = None) -> tuple[Question, ...]:
    """Return the questionnaire's questions, each with its options."""
    spec = (model or default_model()).questionnaire
    return tuple(
        Question(q.id, q.text, q.help, tuple(Choice(o.id, o.label) for o in q.options))
        for q in spec.questions
    )


@dataclass(frozen=True, slots=True)
class ProspectEvidence:
    """What the log holds about one prospect, as the diagnosis reads it."""

    prospect: ProspectRecord
    attempts: tuple[Attempt, ...]
    callbacks: tuple[datetime, ...]


@dataclass(frozen=True, slots=True)
class ProspectDiagnosis:
    """A diagnosis of one stored prospect, with notes for the rep (empty record, do-not-call)."""

    prospect: ProspectRecord
    diagnosis: Diagnosis
    notes: tuple[str, ...]
    cadence: CadenceStatus | None = None
    """Where the prospect stands in the contact cadence (the one `next` follows)."""

    def to_list(self) -> list[dict[str, Any]]:
        """Return the JSON shape of `diagnose --format json`: the causes, likeliest first."""
        return [cause.to_dict() for cause in self.diagnosis.causes]


def _attempt(voicemail: VoicemailRecord, context: Context, rules: RuleSet) -> Attempt:
    findings: tuple[str, ...] | None = None
    score = voicemail.score
    if voicemail.script.strip():
        try:
            review, detected = examine(voicemail.script, rules=rules, context=context)
        except CallworthyError:  # an imported script too long or unreadable: keep its old score
            pass
        else:
            # Everything the script holds, strengths worth 0 points included (its humor).
            findings, score = tuple(d.rule for d in detected), review.score
    return Attempt(voicemail.left_at, voicemail.strategy, score, findings)


def prospect_evidence(engine: Engine, caller: Caller, prospect_id: int) -> ProspectEvidence:
    """Return a prospect's attempts (each script critiqued) and callback times, oldest first.

    The scripts are critiqued with the caller's rules; another rep's prospect is unknown
    to a rep on the web.
    """
    record = history(engine, caller, prospect_id)
    context = Context(prospect_name=record.prospect.name, company=record.prospect.company)
    rules = caller.rule_set()
    return ProspectEvidence(
        prospect=record.prospect,
        attempts=tuple(_attempt(v, context, rules) for v in record.voicemails),
        callbacks=tuple(c.at for c in record.callbacks),
    )


def diagnose_evidence(
    evidence: ProspectEvidence,
    answers: Mapping[str, object],
    *,
    now: datetime | None = None,
    partial: bool = False,
    model: DiagnoseModel | None = None,
) -> ProspectDiagnosis:
    """Rank the P1 causes for a prospect already read from storage."""
    prospect = evidence.prospect
    moment = now or utc_now()
    result = diagnose(
        answers,
        evidence.attempts,
        now=moment,
        callbacks=evidence.callbacks,
        humor_ok=prospect.humor_ok,
        partial=partial,
        model=model or default_model(),
    )
    notes = list(result.notes)
    if result.record.empty:  # name the prospect in the core's note
        notes = [n for n in notes if not n.startswith("The record is empty")]
        notes.insert(
            0,
            f"The record is empty: no voicemail was logged for {prospect.name}, "
            "so this diagnosis rests on your answers alone.",
        )
    status = cadence_status([a.left_at for a in evidence.attempts], evidence.callbacks, now=moment)
    if status.stop:
        notes.insert(0, status.advice)
    elif status.advice:
        notes.append(f"{status.advice} Next one from {status.earliest:%Y-%m-%d}.")
    if prospect.do_not_call:
        notes.insert(
            0, f"{prospect.name} is on the do-not-call list: do not call or leave messages."
        )
    return ProspectDiagnosis(prospect, result, tuple(notes), status)


def diagnose_prospect(
    engine: Engine,
    caller: Caller,
    prospect_id: int,
    answers: Mapping[str, object],
    *,
    now: datetime | None = None,
    partial: bool = False,
) -> ProspectDiagnosis:
    """Diagnose a stored prospect from the answers and their record."""
    evidence = prospect_evidence(engine, caller, prospect_id)
    return diagnose_evidence(evidence, answers, now=now, partial=partial)
