"""CRM import: a CSV export of calls becomes prospects, voicemails and callbacks, all or nothing.

The pure `callworthy.crm` package reads the stream and makes the rows; this
service plans what is new and hands it to storage. The whole file is read and
checked before anything is written; any bad row aborts the import with every bad
line reported (unless keep_going). The rows are then written in ONE transaction,
so a process killed half-way leaves all of them or none. Activities carry their
CRM id ("hubspot:123"), so importing the same file again adds nothing.

A year of CRM history is evidence (issue 13): a voicemail's notes that hold a
script are critiqued with the team's rules (its score) and, when the file names no
strategy, classified into one by the critique's detectors (write/classify.py),
marked inferred with its confidence; notes that hold no script are left unscored,
under `other`. A strategy the file names must be one of the team's. A callback that
answers no voicemail is refused as `callback` refuses it, unless `unmatched`. A dry
run does all of it in a transaction that is rolled back, so it reports exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.critique import Context, RuleSet
from callworthy.crm import Activity, LineProblem, ProspectKey, get_format, parse_file, read_csv
from callworthy.errors import CallworthyError, ImportFileError, InputFileError
from callworthy.fields import zone as parse_zone
from callworthy.services.caller import Caller
from callworthy.services.strategies import team_registry
from callworthy.services.values import ImportReport
from callworthy.storage import import_queries as iq
from callworthy.storage import queries
from callworthy.storage.engine import run_write
from callworthy.write import Registry
from callworthy.write.classify import FALLBACK, read_note

#: Called with a stage name as the write goes on ("prospects", "voicemails", "callbacks").
Progress = Callable[[str], None]


@dataclass
class _Plan:
    """What the import will add: new activities, new prospects, and who each row is about."""

    activities: list[Activity]
    already_present: int
    new_prospects: list[ProspectKey] = field(default_factory=list)
    prospect_of: list[int | None] = field(default_factory=list)
    """Existing prospect id per activity, or None when it is new_prospects[new_index_of[i]]."""
    new_index_of: list[int] = field(default_factory=list)


class _ProspectIndex:
    """Finds the prospect a row is about: by CRM id, then phone, then name and company."""

    def __init__(self, rows: Sequence[Any]) -> None:
        self.by_ext: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        for pid, ext, phone, name, company in rows:
            self.add(pid, ext, phone, name, company)

    def add(
        self, ref: int, ext: str | None, phone: str | None, name: str, company: str | None
    ) -> None:
        """Remember a prospect (an id, or a negative placeholder for a new one) under its keys."""
        if ext:
            self.by_ext.setdefault(ext, ref)
        if phone:
            self.by_phone.setdefault(phone, ref)
        self.by_name.setdefault((name.lower(), (company or "").lower()), ref)

    def find(self, key: ProspectKey) -> int | None:
        """Return the id (or placeholder) of the prospect this key describes, if known."""
        if key.external_id and key.external_id in self.by_ext:
            return self.by_ext[key.external_id]
        if key.phone and key.phone in self.by_phone:
            return self.by_phone[key.phone]
        return self.by_name.get((key.name.lower(), (key.company or "").lower()))


def _plan(session: Session, caller: Caller, activities: Sequence[Activity]) -> _Plan:
    present = queries.existing_external_ids(session, [a.external_id for a in activities])
    plan = _Plan([a for a in activities if a.external_id not in present], len(present))
    index = _ProspectIndex(queries.prospect_keys(session, caller.team_id))
    for activity in plan.activities:
        key = activity.prospect
        ref = index.find(key)
        if ref is None:
            plan.new_prospects.append(key)
            ref = -len(plan.new_prospects)  # placeholders: -1, -2, ... until inserted
            index.add(ref, key.external_id, key.phone, key.name, key.company)
        plan.prospect_of.append(ref if ref > 0 else None)
        plan.new_index_of.append(-ref - 1 if ref < 0 else -1)
    return plan


def _rep_ids(session: Session, caller: Caller, names: set[str]) -> dict[str, int]:
    return {caller.rep: caller.rep_id, **iq.rep_ids(session, caller.team_id, sorted(names))}


def _prospect_rows(
    session: Session, caller: Caller, plan: _Plan, reps: Mapping[str, int]
) -> list[dict[str, Any]]:
    blocked = queries.blocked_numbers(session, caller.team_id) if plan.new_prospects else set()
    owner: dict[int, int] = {}
    for activity, new in zip(plan.activities, plan.new_index_of, strict=True):
        if new >= 0 and activity.rep:
            owner.setdefault(new, reps[activity.rep])
    return [
        {
            "team_id": caller.team_id,
            "owner_rep_id": owner.get(i, caller.rep_id),
            "name": k.name,
            "company": k.company,
            "role": k.role,
            "industry": k.industry,
            "phone": k.phone,
            "time_zone": k.time_zone,
            "humor_ok": False,
            "do_not_call": k.phone in blocked,
            "tags": list(k.tags),
            "external_id": k.external_id,
        }
        for i, k in enumerate(plan.new_prospects)
    ]


class _DryRun(Exception):
    """Raised at the end of a dry run's transaction, so that it is rolled back."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report


def _read_script(activity: Activity, registry: Registry, rules: RuleSet, region: str) -> Activity:
    """Return a voicemail with its script critiqued and, unless named, its strategy inferred."""
    if activity.kind != "voicemail":
        return activity
    context = Context(prospect_name=activity.prospect.name, company=activity.prospect.company)
    try:
        read = read_note(activity.script, registry, rules=rules, context=context, region=region)
    except CallworthyError:  # a script the critique refuses (too long): keep it unread
        read = None
    score, version = activity.score, activity.rules_version
    if read is not None and read.critique is not None and score is None:
        score, version = read.critique.score, read.critique.rules_version
    if activity.strategy is not None:
        return replace(activity, score=score, rules_version=version)
    found = read.classification if read is not None else None
    if found is None:  # notes that hold no script: unscored, and no strategy to infer
        return replace(activity, strategy=FALLBACK)
    return replace(
        activity,
        strategy=found.strategy,
        score=score,
        rules_version=version,
        inferred=True,
        confidence=found.confidence,
    )


def _apply(
    session: Session, caller: Caller, plan: _Plan, source: str, progress: Progress, unmatched: bool
) -> tuple[int, list[LineProblem]]:
    reps = _rep_ids(session, caller, {a.rep for a in plan.activities if a.rep} - {caller.rep})
    progress("prospects")
    new_ids = iq.insert_prospects(session, _prospect_rows(session, caller, plan, reps))
    pids = [
        pid if pid is not None else new_ids[new]
        for pid, new in zip(plan.prospect_of, plan.new_index_of, strict=True)
    ]
    pairs = list(zip(plan.activities, pids, strict=True))
    iq.insert_voicemails(
        session,
        [
            {
                "prospect_id": pid,
                "rep_id": reps[a.rep] if a.rep else caller.rep_id,
                "strategy": a.strategy or FALLBACK,
                "strategy_inferred": a.inferred,
                "strategy_confidence": a.confidence,
                "script": a.script,
                "score": a.score,
                "rules_version": a.rules_version,
                "left_at": a.at,
                "source": source,
                "external_id": a.external_id,
            }
            for a, pid in pairs
            if a.kind == "voicemail"
        ],
    )
    progress("voicemails")
    refused = _insert_callbacks(session, pairs, source, unmatched)
    progress("callbacks")
    return len(new_ids), refused


def _insert_callbacks(
    session: Session, pairs: list[tuple[Activity, int]], source: str, unmatched: bool
) -> list[LineProblem]:
    """Insert the callbacks by time; return those that answer no voicemail (not inserted)."""
    callbacks = sorted(
        ((a, pid) for a, pid in pairs if a.kind == "callback"), key=lambda p: p[0].at
    )
    refused: list[LineProblem] = []
    for activity, pid in callbacks:
        stored = iq.insert_callback(
            session,
            pid,
            activity.at,
            unmatched=unmatched,
            outcome=activity.outcome,
            notes=activity.notes,
            source=source,
            external_id=activity.external_id,
        )
        if not stored:
            refused.append(
                LineProblem(activity.line, "a callback that answers no voicemail before it")
            )
    return refused


def import_file(engine: Engine, caller: Caller, path: Path, **options: Any) -> ImportReport:
    """Import a CRM export file (the options of `import_stream`)."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise InputFileError(f"Cannot read {path}: {exc.strerror}.", "Check the path.") from exc
    with stream:
        return import_stream(engine, caller, stream, str(path), **options)


def import_stream(
    engine: Engine,
    caller: Caller,
    stream: BinaryIO,
    name: str,
    *,
    format_name: str = "generic",
    columns: Mapping[str, str] | None = None,
    dry_run: bool = False,
    keep_going: bool = False,
    time_zone: str = "UTC",
    strategy: str | None = None,
    region: str = "US",
    progress: Progress | None = None,
    unmatched: bool = False,
) -> ImportReport:
    """Import a CRM export read from a stream (errors and the report name it `name`).

    All or nothing unless keep_going; nothing at all on a dry run. `strategy` is the
    strategy of voicemails the file names none for (default: read from their scripts).
    """
    fmt = get_format(format_name, columns)
    registry = team_registry(engine, caller)
    default = registry.resolve(strategy, "strategy") if strategy is not None else None
    table = read_csv(stream, name)
    parsed = parse_file(
        table, fmt, zone=parse_zone(time_zone), strategy=default, region=region, registry=registry
    )
    if parsed.bad and not keep_going:
        problems: list[tuple[int | None, str]] = [(p.line, p.reason) for p in parsed.bad]
        raise ImportFileError(name, problems)
    rules = caller.rule_set()
    activities = [_read_script(a, registry, rules, region) for a in parsed.activities]
    # The counts are filled in once the rows are written.
    report = ImportReport(
        path=name, format=fmt.id, rows=len(table.rows) + len(table.bad), voicemails_added=0,
        callbacks_added=0, prospects_added=0, already_present=0, dry_run=dry_run,
        skipped=parsed.skipped, rejected=parsed.bad,
    )  # fmt: skip
    notify = progress or (lambda _stage: None)

    def work(session: Session) -> ImportReport:
        plan = _plan(session, caller, activities)
        added, refused = _apply(session, caller, plan, fmt.id, notify, unmatched)
        if refused and not keep_going:
            raise ImportFileError(name, [(p.line, p.reason) for p in refused])
        kinds = [a.kind for a in plan.activities]
        done = _replace_counts(report, kinds, added, plan.already_present, refused)
        if dry_run:
            raise _DryRun(done)
        return done

    try:
        return run_write(engine, work)
    except _DryRun as dry:
        return dry.report


def _replace_counts(
    report: ImportReport,
    kinds: list[str],
    prospects: int,
    present: int,
    refused: list[LineProblem],
) -> ImportReport:
    return replace(
        report,
        voicemails_added=kinds.count("voicemail"),
        callbacks_added=kinds.count("callback") - len(refused),
        prospects_added=prospects,
        already_present=present,
        rejected=(*report.rejected, *refused),
    )


#: Content types browsers and clients send for a .csv file (Excel on Windows says ms-excel).
CSV_CONTENT_TYPES = frozenset(
    {
        "text/csv",
        "application/csv",
        "text/x-csv",
        "text/comma-separated-values",
        "application/vnd.ms-excel",
        "text/plain",
    }
)


def is_csv_upload(filename: str | None, content_type: str | None) -> bool:
    """Return True when an upload is named *.csv and declares a CSV (or plain text) type."""
    kind = (content_type or "").split(";")[0].strip().lower()
    return (filename or "").lower().endswith(".csv") and kind in CSV_CONTENT_TYPES


def import_upload(
    engine: Engine,
    caller: Caller,
    filename: str,
    stream: BinaryIO,
    *,
    format_name: str = "generic",
    dry_run: bool = False,
    keep_going: bool = False,
    unmatched: bool = False,
) -> ImportReport:
    """Import an uploaded CRM export, read as it streams in; reports name the upload."""
    name = Path(filename or "upload.csv").name
    return import_stream(
        engine,
        caller,
        stream,
        name,
        format_name=format_name,
        dry_run=dry_run,
        keep_going=keep_going,
        unmatched=unmatched,
    )
