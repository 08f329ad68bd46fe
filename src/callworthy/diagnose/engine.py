"""Rank the ten P1 causes of a silent prospect from answers and the record (capability 5).

The model (docs/diagnose.md): each cause c starts from its prior, a share of
silent prospects it explains before any evidence. Every answer and every
record signal adds a weight, in natural-log odds (+0.7 doubles the odds, +1.1
triples them, -0.7 halves them); a signal's weight is scaled by its strength
(0-1). The scores are normalised with a softmax so the ten likelihoods sum
to 1:

    s_c = ln(prior_c) + sum_answers w(q, answer, c) + sum_signals strength_s * w(s, c)
    likelihood_c = exp(s_c) / sum_k exp(s_k)

This is a naive-Bayes reading (each piece of evidence treated as independent
given the cause); the weights are judgement, written in the data where a team
can read and change them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime

from callworthy.answers import check_answers
from callworthy.diagnose.data import Cause, DiagnoseModel, default_model
from callworthy.diagnose.model import Action, Attempt, CauseResult, Diagnosis, Record
from callworthy.diagnose.record import read_record

#: Evidence smaller than this (in log-odds) is not worth a line.
EVIDENCE_FLOOR = 0.25
MAX_ACTIONS = 4


def _evidence(
    model: DiagnoseModel, cause: Cause, answers: Mapping[str, str], record: Record
) -> tuple[float, list[str]]:
    """Return the log score of a cause and its evidence lines, strongest first."""
    score = math.log(cause.prior)
    lines: list[tuple[float, str]] = []
    for qid, oid in answers.items():
        option = next(o for o in model.question(qid).options if o.id == oid)
        weight = option.weights.get(cause.id, 0.0)  # type: ignore[call-overload]
        score += weight
        if abs(weight) >= EVIDENCE_FLOOR:
            lines.append((weight, option.evidence))
    for sign in cause.signs:
        strength = record.strength(sign.signal)
        if strength <= 0:
            continue
        weight = strength * sign.weight
        score += weight
        if abs(weight) >= EVIDENCE_FLOOR:
            said = next(s.evidence for s in record.signals if s.id == sign.signal)
            lines.append((weight, f"{said} {sign.why[0].upper()}{sign.why[1:]}."))
    lines.sort(key=lambda item: -item[0])
    return score, [text if w > 0 else f"Against: {text}" for w, text in lines]


def _fired(answers: Mapping[str, str], record: Record) -> set[str]:
    fired = {s.id for s in record.signals if s.strength > 0}
    fired |= {f"{q}.{o}" for q, o in answers.items()}
    return fired


def _actions(cause: Cause, fired: set[str]) -> tuple[Action, ...]:
    """Return the steps for a cause: urgent ones (their `when` holds) first."""
    urgent, general = [], []
    for spec in cause.actions:
        hits = tuple(w for w in spec.when if w in fired)
        action = Action(spec.id, spec.text, spec.principle, hits)
        if hits:
            urgent.append(action)
        elif not spec.only_when:
            general.append(action)
    return tuple(urgent + general)[:MAX_ACTIONS]


def rank(
    answers: Mapping[str, str], record: Record, model: DiagnoseModel | None = None
) -> tuple[CauseResult, ...]:
    """Return the ten causes ranked by likelihood, with evidence and steps."""
    model = model or default_model()
    scored = []
    for cause in model.causes:
        score, evidence = _evidence(model, cause, answers, record)
        scored.append((cause, score, evidence))
    top = max(s for _, s, _ in scored)
    total = sum(math.exp(s - top) for _, s, _ in scored)  # shifted: no overflow
    results = [
        CauseResult(
            cause=cause.id,
            title=cause.title,
            likelihood=math.exp(score - top) / total,
            log_score=score,
            evidence=tuple(evidence),
            actions=_actions(cause, _fired(answers, record)),
        )
        for cause, score, evidence in scored
    ]
    return tuple(sorted(results, key=lambda r: (-r.log_score, r.cause)))


def diagnose(
    answers: Mapping[str, object],
    attempts: Sequence[Attempt] = (),
    *,
    now: datetime,
    callbacks: Sequence[datetime] = (),
    humor_ok: bool | None = None,
    partial: bool = False,
    model: DiagnoseModel | None = None,
) -> Diagnosis:
    """Diagnose a silent prospect from the questionnaire's answers and the attempts logged."""
    model = model or default_model()
    clean = check_answers(model.choices(), answers, partial=partial, what="questionnaire")
    record = read_record(attempts, callbacks, now=now, humor_ok=humor_ok)
    notes = list(record.notes)
    skipped = [q.id for q in model.questionnaire.questions if q.id not in clean]
    if skipped:
        notes.append(f"Not answered: {', '.join(skipped)}.")
    return Diagnosis(rank(clean, record, model), record, clean, tuple(notes))
