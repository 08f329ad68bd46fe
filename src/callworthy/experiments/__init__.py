"""Experiments, the pure statistics core (capability 4, P12 "refine it to a science").

Callback rates per strategy and segment with honest uncertainty (Beta–Binomial,
flat or team prior), pending voicemails kept apart, exact chance to beat the
baseline, chance to be best, expected loss, time to callback (Kaplan–Meier), a
sample-ratio check, plain words for reps, and Thompson sampling for what to try
next. No storage, web or CLI here; see docs/experiments.md.
"""

from callworthy.experiments.bandit import (
    Allocation,
    Arm,
    Pick,
    Posteriors,
    TryHalf,
    allocate,
    assign_batch,
    eligible_strategies,
    pick_next,
    try_half,
)
from callworthy.experiments.cadence import (
    Cadence,
    CadenceStatus,
    cadence_status,
    default_cadence,
    load_cadence,
)
from callworthy.experiments.hours import next_call_time
from callworthy.experiments.inputs import (
    DEFAULT_SETTINGS,
    MAX_WINDOW_DAYS,
    MIN_WINDOW_DAYS,
    Attempt,
    ExperimentInputError,
    PriorKind,
    Settings,
    check_window,
)
from callworthy.experiments.prior import PriorFit, fit_segment_prior, fit_team_prior
from callworthy.experiments.reasons import Reason
from callworthy.experiments.srm import SrmResult, SrmStatus, check_sample_ratio
from callworthy.experiments.summary import ArmSummary, Summary, summarise, summarise_tables
from callworthy.experiments.survival import SurvivalCurve, callback_curve, kaplan_meier
from callworthy.experiments.window import CountTable, Observations, count, observe
from callworthy.experiments.words import chance_phrase, percent, reason_phrase

__all__ = [
    "DEFAULT_SETTINGS",
    "MAX_WINDOW_DAYS",
    "MIN_WINDOW_DAYS",
    "Allocation",
    "Arm",
    "ArmSummary",
    "Attempt",
    "Cadence",
    "CadenceStatus",
    "CountTable",
    "ExperimentInputError",
    "Observations",
    "Pick",
    "Posteriors",
    "PriorFit",
    "PriorKind",
    "Reason",
    "Settings",
    "SrmResult",
    "SrmStatus",
    "Summary",
    "SurvivalCurve",
    "TryHalf",
    "allocate",
    "assign_batch",
    "cadence_status",
    "callback_curve",
    "chance_phrase",
    "check_sample_ratio",
    "check_window",
    "count",
    "default_cadence",
    "eligible_strategies",
    "fit_segment_prior",
    "fit_team_prior",
    "kaplan_meier",
    "load_cadence",
    "next_call_time",
    "observe",
    "percent",
    "pick_next",
    "reason_phrase",
    "summarise",
    "summarise_tables",
    "try_half",
]
