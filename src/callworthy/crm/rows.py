"""Turning the rows of a CRM export into activities (voicemails, callbacks), or saying why not.

Pure: no database. Every bad row is collected with its line number and reason,
so one pass reports them all.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from callworthy.crm.csvfile import CsvTable, header_key
from callworthy.crm.formats import CrmFormat
from callworthy.errors import CallworthyError, ImportFileError, InvalidFieldError
from callworthy.fields import (
    COMPANY,
    EXTERNAL_ID,
    INDUSTRY,
    NAME,
    NOTES,
    PHONE,
    REP,
    ROLE,
    RULES_VERSION,
    SCRIPT,
    TAG,
    TextField,
    check_text,
    clean,
    normalise_phone,
)
from callworthy.write.registry import Registry, default_registry

_EMAIL_SUFFIX = re.compile(r"\s*\([^()]*@[^()]*\)\s*$")  # HubSpot: "Jane Doe (jane@acme.com)"


@dataclass(frozen=True, slots=True)
class LineProblem:
    """One line of an input file that was refused or skipped, and why."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ProspectKey:
    """Who a row is about, as the file describes them."""

    name: str
    company: str | None
    role: str | None
    industry: str | None
    phone: str | None
    time_zone: str | None
    external_id: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Activity:
    """One row of the file that is a voicemail left or a callback received."""

    line: int
    kind: str
    external_id: str
    at: datetime
    prospect: ProspectKey
    strategy: str | None
    """The strategy the file (or the import's default) names; None: read it from the script."""
    script: str
    outcome: str
    notes: str
    rep: str | None
    score: int | None
    rules_version: str | None
    inferred: bool = False
    """True when the strategy was read from the script (the service's classification)."""
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """The activities of a file, its bad rows and the rows that are not activities."""

    activities: tuple[Activity, ...]
    bad: tuple[LineProblem, ...]
    skipped: tuple[LineProblem, ...]


class _Skip(Exception):
    """The row is fine but is not a voicemail or a callback."""


#: A moment every date layout can show, to write an example of the expected date.
_EXAMPLE_TIME = datetime(2024, 3, 15, 14, 30)


def _date_example(layouts: Sequence[str]) -> str:
    """Return an example of the dates a format reads ("2024-03-15 14:30"), never a pattern."""
    return _EXAMPLE_TIME.strftime(layouts[0]) if layouts else "2024-03-15T14:30:00-05:00"


class _Bad(Exception):
    """The row is malformed."""


#: The cells a row's values are stored from, and the rule each is held to (as on a form).
_CELLS: dict[str, TextField] = {
    "prospect_name": NAME,
    "company": COMPANY,
    "role": ROLE,
    "industry": INDUSTRY,
    "phone": PHONE,
    "inbound_phone": PHONE,
    "prospect_external_id": EXTERNAL_ID,
    "external_id": EXTERNAL_ID,
    "script": SCRIPT,
    "notes": NOTES,
    "rep": REP,
    "rules_version": RULES_VERSION,
}


def _check_cells(get: Mapping[str, str]) -> None:
    """Refuse a row with a cell no form would take (too long, a control character)."""
    cells = [(field, get.get(name)) for name, field in _CELLS.items()]
    cells += [(TAG, tag.strip()) for tag in re.split(r"[;,]", get.get("tags", ""))]
    for field, value in cells:
        try:
            check_text(field, value)
        except InvalidFieldError as exc:
            raise _Bad(exc.problem[0].lower() + exc.problem[1:].rstrip(".")) from None


def map_columns(table: CsvTable, fmt: CrmFormat) -> dict[str, str]:
    """Return {field: header} for the fields present; raise when a required one is missing."""
    present = {header_key(h): h for h in table.header}
    found: dict[str, str] = {}
    for name, candidates in fmt.columns.items():
        for candidate in candidates:
            if header_key(candidate) in present:
                found[name] = present[header_key(candidate)]
                break
    missing: list[tuple[int | None, str]] = []
    for group in fmt.required:
        if not any(f in found for f in group):
            names = " or ".join(repr(c) for f in group for c in fmt.columns.get(f, ()))
            missing.append((1, f"missing column: {names} (for {' or '.join(group)})"))
    if missing:
        raise ImportFileError(
            table.path, missing, f"Is this a {fmt.name} export? Nothing was written."
        )
    return found


def parse_time(text: str, fmt: CrmFormat, zone: tzinfo) -> datetime:
    """Return an aware time from ISO 8601 or one of the format's date layouts."""
    value = text.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
        for layout in fmt.date_formats:
            try:
                parsed = datetime.strptime(value, layout)
                break
            except ValueError:
                continue
    if parsed is None:
        raise _Bad(f"bad date {text!r} (write it like {_date_example(fmt.date_formats)})")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _kind_and_outcome(get: Mapping[str, str], fmt: CrmFormat) -> tuple[str, str]:
    """Return ("voicemail", "") or ("callback", outcome) for a row, per the format's rules."""
    outcome = get.get("outcome", "").strip().lower()
    kind = get.get("kind", "").strip().lower()
    callback_outcome = fmt.callback_outcomes.get(outcome, "returned")
    if kind:
        if kind not in ("voicemail", "callback"):
            raise _Bad(f"kind {kind!r} is neither voicemail nor callback")
        return kind, callback_outcome if kind == "callback" else ""
    if get.get("direction", "").strip().lower() in fmt.inbound:
        return "callback", callback_outcome
    if not outcome or outcome in fmt.voicemail_outcomes:
        return "voicemail", ""
    raise _Skip(f"outcome {get['outcome'].strip()!r} is not a voicemail left")


def _prospect(get: Mapping[str, str], kind: str, region: str) -> ProspectKey:
    raw_phone = get.get("phone", "")
    if kind == "callback" and get.get("inbound_phone", "").strip():
        raw_phone = get["inbound_phone"]
    phone, zone = (None, None)
    if raw_phone.strip():
        try:
            phone, zone = normalise_phone(raw_phone, region)
        except CallworthyError:
            raise _Bad(f"unparseable phone number {raw_phone.strip()!r}") from None
    name = _EMAIL_SUFFIX.sub("", get.get("prospect_name", "").split(";")[0]).strip()
    if not name and not phone:
        raise _Bad("no prospect name and no phone number")
    tags = tuple(t.strip() for t in re.split(r"[;,]", get.get("tags", "")) if t.strip())
    return ProspectKey(
        name=name or phone or "",
        company=clean(get.get("company")),
        role=clean(get.get("role")),
        industry=clean(get.get("industry")),
        phone=phone,
        time_zone=zone,
        external_id=clean(get.get("prospect_external_id")),
        tags=tags,
    )


def _score(text: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit() or not 0 <= int(text) <= 100:
        raise _Bad(f"score {text!r} is not a whole number from 0 to 100")
    return int(text)


def _external_id(fmt: CrmFormat, get: Mapping[str, str]) -> str:
    raw = get.get("external_id", "").strip()
    if raw:
        room = EXTERNAL_ID.max_chars - len(fmt.id) - 1  # stored as "format:id"
        if len(raw) > room:
            raise _Bad(f"the activity id has {len(raw):,} characters; it may have at most {room}")
        return f"{fmt.id}:{raw}"
    if ("external_id",) in fmt.required:
        raise _Bad("no activity id")
    # No id in the file: the row's content is its identity, so a re-import matches it.
    content = "\x1f".join(f"{k}={v.strip()}" for k, v in sorted(get.items()))
    return f"{fmt.id}:sha1:{hashlib.sha1(content.encode()).hexdigest()[:20]}"


def _strategy(get: Mapping[str, str], default: str | None, registry: Registry) -> str | None:
    raw = get.get("strategy", "").strip()
    if not raw:
        return default
    found = registry.find(raw)
    if found is None:
        raise _Bad(f"strategy {raw[:40]!r} is not one of your team's strategies")
    return found


def _activity(
    line: int,
    get: Mapping[str, str],
    fmt: CrmFormat,
    zone: tzinfo,
    default: tuple[str | None, Registry],
    region: str,
) -> Activity:
    if get.get("activity_type", "").strip().lower() not in fmt.call_types:
        raise _Skip(f"a {get['activity_type'].strip()!r} activity, not a call")
    if get.get("status", "").strip().lower() not in fmt.done_statuses:
        raise _Skip(f"task status {get['status'].strip()!r}, not completed")
    kind, outcome = _kind_and_outcome(get, fmt)
    _check_cells(get)
    at = parse_time(get.get("at", ""), fmt, zone)
    key = _prospect(get, kind, region)
    script = get.get("script", "").strip()
    chosen = _strategy(get, *default) if kind == "voicemail" else None
    return Activity(
        line=line,
        kind=kind,
        external_id=_external_id(fmt, get),
        at=at,
        prospect=key,
        strategy=chosen,
        script=script,
        outcome=outcome,
        notes=get.get("notes", "").strip() or (script if kind == "callback" else ""),
        rep=clean(get.get("rep")),
        score=_score(get.get("score", "")),
        rules_version=clean(get.get("rules_version")),
    )


def parse_file(
    table: CsvTable,
    fmt: CrmFormat,
    *,
    zone: tzinfo,
    strategy: str | None = None,
    region: str = "US",
    registry: Registry | None = None,
) -> ParsedFile:
    """Return every activity of the file, every bad row and every skipped row.

    A strategy column is read through the team's `registry` (the built-ins by default);
    a voicemail without one gets `strategy`, or None when that is None too (the
    import then reads it from the script).
    """
    default = (strategy, registry or default_registry())
    columns = map_columns(table, fmt)
    activities: list[Activity] = []
    bad = [LineProblem(line, why) for line, why in table.bad]  # rows not the header's shape
    skipped: list[LineProblem] = []
    seen: dict[str, int] = {}
    for line, row in table.rows:
        get = {name: row[header] for name, header in columns.items()}
        try:
            activity = _activity(line, get, fmt, zone, default, region)
        except _Skip as exc:
            skipped.append(LineProblem(line, str(exc)))
            continue
        except _Bad as exc:
            bad.append(LineProblem(line, str(exc)))
            continue
        first = seen.setdefault(activity.external_id, line)
        if first != line:
            bad.append(LineProblem(line, f"duplicate of line {first} (same activity)"))
            continue
        activities.append(activity)
    bad.sort(key=lambda problem: problem.line)
    return ParsedFile(tuple(activities), tuple(bad), tuple(skipped))
