"""Request shapes of the Experiments and Ideas API (responses are the services' dumps)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from callworthy.services.ideas import MAX_TITLE
from callworthy.services.next_strategy import MAX_SEED
from callworthy.text.analysis import MAX_CHARS


class IdeaIn(BaseModel):
    """An idea: the strategy in a sentence, and a sample script (critiqued and scored)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(max_length=MAX_TITLE * 2, description="The strategy in a sentence.")
    script: str = Field(default="", max_length=MAX_CHARS * 2, description="A sample script.")


class ExperimentIn(BaseModel):
    """Start an experiment: try half of the open ideas beside the baseline."""

    model_config = ConfigDict(extra="forbid")

    try_half: Literal[True] = Field(description="Draw a random half of the open ideas (required).")
    baseline: str | None = Field(default=None, max_length=64, description="Default: most-logged.")
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED, description="Seed of the draw.")
