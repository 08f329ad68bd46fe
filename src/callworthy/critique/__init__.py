"""The critique engine: rules as data, run over a script, scored and explained (capability 1)."""

from callworthy.critique.context import Context
from callworthy.critique.engine import critique, critique_document, examine
from callworthy.critique.loader import Rule, RuleSet, default_rules, load_rules
from callworthy.critique.model import Critique, Detection, Finding, Level, PhoneNumber, Subscore

__all__ = [
    "Context",
    "Critique",
    "Detection",
    "Finding",
    "Level",
    "PhoneNumber",
    "Rule",
    "RuleSet",
    "Subscore",
    "critique",
    "critique_document",
    "default_rules",
    "examine",
    "load_rules",
]
