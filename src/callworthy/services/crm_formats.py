"""CRM export formats as data: which column holds which field, and what each outcome means.

This is the one place to change when a CRM renames a column: add the new name
to the field's tuple (the first column present in the file wins; names are
compared ignoring case and extra spaces). `callworthy import --map FIELD=COLUMN`
overrides a mapping for one run. docs/tracking.md shows these tables.

How a row becomes a record:
1. a `kind` column (generic format) says "voicemail" or "callback";
2. else an inbound call (direction in `inbound`) is a callback;
3. else an outcome in `voicemail_outcomes` (or a blank one) is a voicemail left;
4. else the row is skipped and reported (a busy line, a live conversation...).
A callback's outcome is looked up in `callback_outcomes` ("returned" if absent).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from callworthy.errors import InvalidFieldError

#: Every field an import row can fill, and what it means.
FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "external_id": "the activity's id in the CRM (makes re-imports add nothing)",
        "kind": "voicemail or callback (generic format only)",
        "at": "when the call happened",
        "prospect_name": "the prospect's name",
        "company": "the prospect's company",
        "role": "the prospect's job title",
        "industry": "the prospect's industry",
        "phone": "the prospect's number (the number dialled)",
        "inbound_phone": "the caller's number on an inbound call",
        "prospect_external_id": "the prospect's (contact's) id in the CRM",
        "strategy": "the voicemail strategy id (value_tip, sales_lead, ...)",
        "script": "what was said, or the call notes",
        "outcome": "the call's outcome or result",
        "direction": "inbound or outbound",
        "activity_type": "the activity type; rows that are not calls are skipped",
        "status": "the task status; rows not completed are skipped",
        "rep": "the rep who made the call",
        "tags": "prospect tags separated by ; or ,",
        "score": "the critique score stored with the voicemail (0-100)",
        "rules_version": "the rule-set version that score came from",
        "notes": "notes on a callback",
    }
)

_CALLBACK_OUTCOMES = MappingProxyType(
    {
        "returned": "returned",
        "connected": "returned",
        "meeting": "meeting",
        "meeting scheduled": "meeting",
        "meeting booked": "meeting",
        "not interested": "not_interested",
        "not_interested": "not_interested",
        "other": "other",
    }
)
_US_DATES = (
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%y",
)


@dataclass(frozen=True, slots=True)
class CrmFormat:
    """How to read one CRM's export: column names per field and the meaning of outcomes."""

    name: str
    description: str
    columns: Mapping[str, tuple[str, ...]]
    required: tuple[tuple[str, ...], ...]
    """Each group names fields of which at least one must have a column in the file."""
    voicemail_outcomes: frozenset[str]
    callback_outcomes: Mapping[str, str] = field(default_factory=lambda: _CALLBACK_OUTCOMES)
    inbound: frozenset[str] = frozenset({"inbound", "incoming"})
    call_types: frozenset[str] = frozenset({"call", ""})
    done_statuses: frozenset[str] = frozenset({"completed", "complete", "done", ""})
    date_formats: tuple[str, ...] = field(default=())
    """strptime formats tried after ISO 8601 (which is always accepted)."""

    def with_columns(self, overrides: Mapping[str, str]) -> CrmFormat:
        """Return a copy where some fields are read from the named columns instead."""
        unknown = sorted(set(overrides) - set(FIELDS))
        if unknown:
            raise InvalidFieldError(
                f"Unknown import field(s): {', '.join(unknown)}.",
                f"Map one of: {', '.join(FIELDS)}.",
            )
        columns = dict(self.columns)
        columns.update({f: (col,) for f, col in overrides.items()})
        return replace(self, columns=MappingProxyType(columns))


GENERIC = CrmFormat(
    name="generic",
    description="Callworthy's own columns (what `callworthy export --format csv` writes).",
    columns=MappingProxyType(
        {
            "external_id": ("id", "external_id", "activity_id"),
            "kind": ("kind",),
            "at": ("at", "date", "time", "left_at", "timestamp"),
            "prospect_name": ("prospect", "prospect_name", "name", "contact"),
            "company": ("company", "account"),
            "role": ("role", "title", "job_title"),
            "industry": ("industry",),
            "phone": ("phone", "phone_number", "number"),
            "prospect_external_id": ("prospect_id", "contact_id", "crm_id"),
            "strategy": ("strategy",),
            "script": ("script", "message"),
            "outcome": ("outcome", "result"),
            "rep": ("rep", "owner"),
            "tags": ("tags",),
            "score": ("score",),
            "rules_version": ("rules_version",),
            "notes": ("notes",),
        }
    ),
    required=(("at",), ("phone", "prospect_name")),
    voicemail_outcomes=frozenset({"voicemail", "left voicemail", "left message"}),
    date_formats=("%Y-%m-%d", *_US_DATES),
)

HUBSPOT = CrmFormat(
    name="hubspot",
    description="HubSpot: Calls export (CRM > Activities > Calls > Export) or Tasks export.",
    columns=MappingProxyType(
        {
            "external_id": ("Record ID", "Call ID", "Task ID"),
            "at": ("Activity date", "Call date", "Due date", "Create date", "Created at"),
            "prospect_name": ("Associated Contact", "Contact name", "Contact"),
            "company": ("Associated Company", "Company name", "Company"),
            "phone": ("To Number", "Phone number", "Phone Number", "Phone"),
            "inbound_phone": ("From Number",),
            "prospect_external_id": ("Associated Contact IDs", "Contact ID"),
            "script": ("Call notes", "Notes", "Task notes", "Body", "Call title", "Task title"),
            "outcome": ("Call outcome", "Outcome"),
            "direction": ("Call direction", "Direction"),
            "activity_type": ("Task type", "Activity type"),
            "status": ("Task status", "Status"),
            "rep": ("Activity assigned to", "Call owner", "Assigned to", "HubSpot owner", "Owner"),
        }
    ),
    required=(("external_id",), ("at",), ("phone", "inbound_phone", "prospect_name")),
    voicemail_outcomes=frozenset({"left voicemail", "left live message", "voicemail"}),
    date_formats=("%Y-%m-%d %H:%M", "%Y-%m-%d", *_US_DATES),
)

SALESFORCE = CrmFormat(
    name="salesforce",
    description="Salesforce: Tasks and Events / Activities report exported as CSV.",
    columns=MappingProxyType(
        {
            "external_id": ("Activity ID", "Task ID", "Id"),
            "at": ("Created Date", "Date", "Due Date", "Activity Date", "Completed Date/Time"),
            "prospect_name": ("Name", "Contact", "Contact Name", "Lead", "Full Name"),
            "company": ("Company / Account", "Account", "Account Name", "Company"),
            "role": ("Title",),
            "phone": ("Phone", "Contact: Phone", "Lead: Phone", "Phone Number"),
            "prospect_external_id": ("Contact ID", "Lead ID", "Name ID"),
            "script": ("Comments", "Full Comments", "Description", "Subject"),
            "outcome": ("Call Result", "Call Disposition"),
            "direction": ("Call Type",),
            "activity_type": ("Task Subtype", "Type", "Task Type"),
            "status": ("Status",),
            "rep": ("Assigned", "Assigned To", "Assigned To: Full Name", "Owner"),
        }
    ),
    required=(("external_id",), ("at",), ("phone", "prospect_name")),
    voicemail_outcomes=frozenset(
        {"left voicemail", "left message", "voicemail", "left vm", "vm", "no answer - left message"}
    ),
    date_formats=(*_US_DATES, "%Y-%m-%d %H:%M", "%Y-%m-%d"),
)

FORMATS: Mapping[str, CrmFormat] = MappingProxyType(
    {f.name: f for f in (GENERIC, HUBSPOT, SALESFORCE)}
)


def get_format(name: str, overrides: Mapping[str, str] | None = None) -> CrmFormat:
    """Return the named format, with any column overrides applied."""
    try:
        fmt = FORMATS[name]
    except KeyError:
        raise InvalidFieldError(
            f"Unknown import format {name!r}.", f"Use one of: {', '.join(FORMATS)}."
        ) from None
    return fmt.with_columns(overrides) if overrides else fmt
