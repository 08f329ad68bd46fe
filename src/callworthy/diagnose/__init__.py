"""Diagnose a silent prospect (capability 5): which P1 causes are likely, and what to do.

Pure: answers to a short questionnaire and the record of attempts (plain
values) go in; the ten causes come out ranked, each with its evidence and
concrete next steps. The causes and the questionnaire are YAML data.
"""

from callworthy.diagnose.data import (
    Cause,
    DiagnoseModel,
    default_model,
    forbidden_reason,
    load_model_from,
)
from callworthy.diagnose.engine import diagnose, rank
from callworthy.diagnose.model import Action, Attempt, CauseResult, Diagnosis, Record, Signal
from callworthy.diagnose.record import SIGNALS, read_record

__all__ = [
    "SIGNALS",
    "Action",
    "Attempt",
    "Cause",
    "CauseResult",
    "DiagnoseModel",
    "Diagnosis",
    "Record",
    "Signal",
    "default_model",
    "diagnose",
    "forbidden_reason",
    "load_model_from",
    "rank",
    "read_record",
]
