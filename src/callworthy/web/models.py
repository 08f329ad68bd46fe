"""Response models generated from the library's dataclasses, for the few documented projections.

Most routes declare the service's dataclass itself as `response_model`. A few
core values have a documented JSON of their own (the CLI's `--format json`): the
critique leaves out its text and an empty `related`; a stats row lists only
`STATS_KEYS`. For those, `json_model` generates a pydantic model from the
dataclass's own fields and types, so the schema follows the dataclass and nothing
is kept by hand; routes declare it with `response_model_exclude_unset=True`, so a
field the projection leaves out stays out.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, create_model

from callworthy.audio.model import Pause
from callworthy.critique import Critique, Finding
from callworthy.critique.model import PhoneNumber
from callworthy.experiments import ArmSummary
from callworthy.services.experiments import STATS_KEYS


def json_model(
    cls: type,
    keys: Sequence[str] | None = None,
    *,
    name: str | None = None,
    optional: Sequence[str] = (),
    types: Mapping[str, Any] | None = None,
) -> type[BaseModel]:
    """Return a model of a dataclass's fields (`keys`, in that order; default all of them).

    `optional` fields default to None (a projection may leave them out); `types`
    replaces a field's type (a nested projection).
    """
    hints = typing.get_type_hints(cls)
    names = list(keys) if keys is not None else [f.name for f in dataclasses.fields(cls)]
    fields: dict[str, Any] = {}
    for field in names:
        kind = (types or {})[field] if field in (types or {}) else hints[field]
        fields[field] = (kind | None, None) if field in optional else (kind, ...)
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    model: type[BaseModel] = create_model(name or cls.__name__, __doc__=doc, **fields)
    return model


FindingJson = json_model(Finding, optional=("related",))
CritiqueJson = json_model(
    Critique,
    [f.name for f in dataclasses.fields(Critique) if f.name != "text"],
    types={"findings": list[FindingJson]},  # type: ignore[valid-type]
)
StatsRowJson = json_model(
    ArmSummary,
    ["segment", *STATS_KEYS],
    name="StatsRow",
    optional=("segment", "rate_observed"),
    types={"rate_observed": float},  # not a field: callbacks / matured (services.experiments)
)

#: A recording's critique (`callworthy check RECORDING`, `POST /api/v1/critique` with a file):
#: the script's JSON, each number with when and how it was said, and the measured timings.
RecordedPhoneJson = create_model(
    "RecordedPhoneNumber",
    __base__=json_model(PhoneNumber),
    __doc__="A phone number in the transcript, with when and how it was said.",
    seconds=(float, ...),
    digits_per_second=(float | None, ...),
    times_said=(int | None, ...),
    heard=(str | None, ...),
    matched_number=(str | None, ...),
    digits_off=(int | None, ...),
)
PauseJson = create_model(
    "RecordedPause",
    __doc__=(Pause.__doc__ or "").strip(),
    start=(float, ...),
    seconds=(float, ...),
)
RecordingCritiqueJson = create_model(
    "RecordingCritique",
    __base__=json_model(
        Critique,
        [f.name for f in dataclasses.fields(Critique) if f.name != "text"],
        name="RecordingCritiqueBase",
        types={
            "findings": list[FindingJson],  # type: ignore[valid-type]
            "phone_numbers": list[RecordedPhoneJson],
        },
    ),
    __doc__="The critique of a recorded voicemail: the script's, with its measured timings.",
    transcript=(str, ...),
    duration_seconds=(float, ...),
    speaking_seconds=(float, ...),
    words_per_minute=(float, ...),
    pauses=(list[PauseJson], ...),
)
