"""The values services return: frozen snake_case records, dumped as-is to JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Annotated, Any

from pydantic import PlainSerializer, WithJsonSchema

from callworthy.crm import LineProblem

Timestamp = Annotated[
    datetime,
    PlainSerializer(datetime.isoformat, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}, mode="serialization"),
]
"""A time stamp in a service value: written as ISO 8601 with its offset in every JSON dump
(`2024-03-04T14:00:00+00:00`), the same from the CLI, the API and `to_dict()`."""


def jsonable(value: Any) -> Any:
    """Return value with datetimes as ISO 8601 text and tuples as lists, recursively."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


class _Dumpable:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape shared by the CLI, the API and the library."""
        data: dict[str, Any] = jsonable(asdict(self))  # type: ignore[call-overload]
        return data


@dataclass(frozen=True, slots=True)
class ProspectRecord(_Dumpable):
    """A prospect as the surfaces show it."""

    id: int
    name: str
    company: str | None
    role: str | None
    industry: str | None
    phone: str | None
    time_zone: str | None
    humor_ok: bool
    do_not_call: bool
    tags: tuple[str, ...]
    external_id: str | None
    owner: str | None
    created_at: Timestamp
    relationship: str = "cold"
    """cold, met_briefly or referred: which strategies fit them."""
    referred_by: str | None = None
    lead_name: str | None = None
    """A real lead for their business (P7), when the rep has one."""
    lead_detail: str | None = None


@dataclass(frozen=True, slots=True)
class CallbackRecord(_Dumpable):
    """A return call and the voicemail it answers (None when unmatched)."""

    id: int
    prospect_id: int
    voicemail_id: int | None
    at: Timestamp
    outcome: str
    notes: str
    source: str


@dataclass(frozen=True, slots=True)
class VoicemailRecord(_Dumpable):
    """A voicemail left, with its critique score at the time."""

    id: int
    prospect_id: int
    rep: str | None
    strategy: str
    script: str
    score: int | None
    rules_version: str | None
    left_at: Timestamp
    source: str
    external_id: str | None
    inferred: bool = False
    """True when the strategy was read from an imported script, not said by a rep."""
    confidence: float | None = None
    """How sure that reading was (0-1), for an inferred strategy."""


@dataclass(frozen=True, slots=True)
class History(_Dumpable):
    """Everything about one prospect: profile, voicemails and callbacks, oldest first."""

    prospect: ProspectRecord
    voicemails: tuple[VoicemailRecord, ...]
    callbacks: tuple[CallbackRecord, ...]


@dataclass(frozen=True, slots=True)
class ForgetReport(_Dumpable):
    """What `forget` erased."""

    prospect_id: int
    name: str
    voicemails: int
    callbacks: int


@dataclass(frozen=True, slots=True)
class ImportReport(_Dumpable):
    """What an import found, and what it added (nothing on a dry run)."""

    path: str
    format: str
    rows: int
    voicemails_added: int
    callbacks_added: int
    prospects_added: int
    already_present: int
    dry_run: bool
    skipped: tuple[LineProblem, ...] = ()
    """Rows that are not a voicemail or a callback (e.g. "Busy"): not errors, not imported."""
    rejected: tuple[LineProblem, ...] = ()
    """Bad rows left out under --keep-going (without it any bad row aborts the import)."""


@dataclass(frozen=True, slots=True)
class DncReport(_Dumpable):
    """What a do-not-call import did."""

    path: str
    numbers: int
    added: int
    prospects_flagged: int
    flagged: tuple[str, ...] = field(default_factory=tuple)
