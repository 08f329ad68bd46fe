"""What Callworthy reads from a dialer's event, whichever dialer sent it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from enum import StrEnum
from typing import Any


class EventKind(StrEnum):
    """What an event means for the callback numbers."""

    VOICEMAIL_LEFT = "voicemail_left"
    """A rep's outbound call ended in the prospect's voicemail."""
    INBOUND_CALL = "inbound_call"
    """Someone called the team (a return call when the number is a prospect's)."""
    RECORDING = "recording"
    """A recording of a call is ready to fetch."""
    OTHER = "other"
    """Anything else (a call answered by a person, ringing, ...): stored, nothing logged."""


@dataclass(frozen=True, slots=True)
class CallEvent:
    """One dialer event as Callworthy reads it; the raw body is kept beside it."""

    kind: EventKind
    event_key: str
    """The dialer's own id for this delivery: stored unique, so a retry adds nothing."""
    call_id: str
    """The dialer's id of the call (ties a recording to its voicemail)."""
    at: datetime
    prospect_phone: str = ""
    """The other party's number as the dialer wrote it (callee outbound, caller inbound)."""
    rep_line: str = ""
    """The team's number the call used (the rep's line)."""
    user_id: str = ""
    """The dialer's id of the rep (Aircall user, generic rep id; Twilio: the rep's line)."""
    user_name: str = ""
    prospect_name: str = ""
    prospect_company: str = ""
    script: str = ""
    """The voicemail's text when the dialer knows it (generic events)."""
    strategy: str = ""
    recording_url: str = ""
    detail: str = ""
    """The dialer's own words for what happened (status, answered-by), for the events page."""

    def to_dict(self) -> dict[str, Any]:
        """Return the event as JSON-ready values (the time in ISO 8601)."""
        data = asdict(self)
        data["kind"] = self.kind.value
        data["at"] = self.at.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CallEvent:
        """Return the event to_dict() wrote."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["kind"] = EventKind(values["kind"])
        values["at"] = datetime.fromisoformat(values["at"])
        return cls(**values)
