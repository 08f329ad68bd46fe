"""CRM export formats as data: which column holds which field, and what each outcome means.

One YAML file per CRM in `crm_formats/` (its id is the file name: generic,
hubspot, salesforce), loaded through the shared data loader. The place to change
when a CRM renames a column: add the new name to the field's list (the first
column present in the file wins; names are compared ignoring case and extra
spaces). An override (`--map FIELD=COLUMN`) replaces a mapping for one run.
Each format carries example rows and what each must become; a meta-test runs them.

How a row becomes a record:
1. a `kind` column (generic format) says "voicemail" or "callback";
2. else an inbound call (direction in `inbound`) is a callback;
3. else an outcome in `voicemail_outcomes` (or a blank one) is a voicemail left;
4. else the row is skipped and reported (a busy line, a live conversation...).
A callback's outcome is looked up in `callback_outcomes` ("returned" if absent).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from pydantic import Field, field_validator, model_validator

from callworthy.datafile import Entry, Strict, load_entries, package_data
from callworthy.errors import DataFileError, InvalidFieldError

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
Outcome = Literal["returned", "meeting", "not_interested", "other"]
CALLBACK_OUTCOMES: Mapping[str, Outcome] = MappingProxyType(
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
DOCS = "docs/tracking.md"


def _fields(names: list[str]) -> list[str]:
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        raise ValueError(f"{unknown[0]!r} is no import field; use one of: {', '.join(FIELDS)}")
    return names


def _lower(values: list[str]) -> list[str]:
    return [v.strip().lower() for v in values]


class RowExample(Strict):
    """A row of the export (column -> value) and what it must become (a meta-test runs it)."""

    row: dict[str, str]
    kind: Literal["voicemail", "callback", "skip"]
    outcome: str | None = None


class FormatSpec(Strict):
    """The CRM-format file (docs/tracking.md)."""

    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    columns: dict[str, list[str]]
    required: list[list[str]] = Field(
        description="Each group names fields of which at least one must have a column."
    )
    voicemail_outcomes: list[str] = Field(min_length=1)
    callback_outcomes: dict[str, Literal["returned", "meeting", "not_interested", "other"]] = Field(
        default_factory=lambda: dict(CALLBACK_OUTCOMES)
    )
    inbound: list[str] = Field(default_factory=lambda: ["inbound", "incoming"])
    call_types: list[str] = Field(default_factory=lambda: ["call", ""])
    done_statuses: list[str] = Field(default_factory=lambda: ["completed", "complete", "done", ""])
    date_formats: list[str] = Field(default_factory=list, description="strptime, after ISO 8601.")
    examples: list[RowExample] = Field(min_length=1)

    _lowered = field_validator("voicemail_outcomes", "inbound", "call_types", "done_statuses")(
        _lower
    )

    @model_validator(mode="after")
    def _known_fields(self) -> FormatSpec:
        _fields(list(self.columns))
        for group in self.required:
            _fields(group)
        return self


@dataclass(frozen=True, slots=True)
class CrmFormat:
    """How to read one CRM's export: column names per field and the meaning of outcomes."""

    id: str
    """The file name: what `--format` takes and what prefixes the activities' CRM ids."""
    name: str
    description: str
    columns: Mapping[str, tuple[str, ...]]
    required: tuple[tuple[str, ...], ...]
    voicemail_outcomes: frozenset[str]
    callback_outcomes: Mapping[str, str]
    inbound: frozenset[str]
    call_types: frozenset[str]
    done_statuses: frozenset[str]
    date_formats: tuple[str, ...]
    examples: tuple[RowExample, ...]
    path: str

    def with_columns(self, overrides: Mapping[str, str]) -> CrmFormat:
        """Return a copy where some fields are read from the named columns instead."""
        unknown = sorted(set(overrides) - set(FIELDS))
        if unknown:
            raise InvalidFieldError(
                f"Unknown import field{'' if len(unknown) == 1 else 's'}: {', '.join(unknown)}.",
                f"Map one of: {', '.join(FIELDS)}.",
            )
        columns = dict(self.columns)
        columns.update({f: (col,) for f, col in overrides.items()})
        return replace(self, columns=MappingProxyType(columns))


def _format(entry: Entry[FormatSpec]) -> CrmFormat:
    spec = entry.spec
    return CrmFormat(
        id=entry.id,
        name=spec.name,
        description=spec.description,
        columns=MappingProxyType({k: tuple(v) for k, v in spec.columns.items()}),
        required=tuple(tuple(group) for group in spec.required),
        voicemail_outcomes=frozenset(spec.voicemail_outcomes),
        callback_outcomes=MappingProxyType(
            {k.strip().lower(): v for k, v in spec.callback_outcomes.items()}
        ),
        inbound=frozenset(spec.inbound),
        call_types=frozenset(spec.call_types),
        done_statuses=frozenset(spec.done_statuses),
        date_formats=tuple(spec.date_formats),
        examples=tuple(spec.examples),
        path=str(entry.path),
    )


def load_formats(folder: Path | None = None) -> Mapping[str, CrmFormat]:
    """Load every CRM format in a folder (the built-ins by default), keyed by id."""
    root = folder or package_data("crm_formats")
    entries = load_entries(root, FormatSpec, error=DataFileError, docs=DOCS)
    return MappingProxyType({e.id: _format(e) for e in entries})


@cache
def default_formats() -> Mapping[str, CrmFormat]:
    """Return the built-in CRM formats, loaded once on first use."""
    return load_formats()


def get_format(name: str, overrides: Mapping[str, str] | None = None) -> CrmFormat:
    """Return the built-in format with this id, with any column overrides applied."""
    formats = default_formats()
    try:
        fmt = formats[name]
    except KeyError:
        raise InvalidFieldError(
            f"Unknown import format {name!r}.", f"Use one of: {', '.join(formats)}.", field="format"
        ) from None
    return fmt.with_columns(overrides) if overrides else fmt
