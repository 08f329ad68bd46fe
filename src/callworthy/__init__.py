"""Callworthy: get your calls returned. The library is the product; CLI and web sit on top."""

from callworthy.critique import (
    Context,
    Critique,
    Finding,
    PhoneNumber,
    RuleSet,
    critique,
    default_rules,
    load_rules,
)
from callworthy.errors import CallworthyError

__version__ = "0.1.0"

__all__ = [
    "CallworthyError",
    "Context",
    "Critique",
    "Finding",
    "PhoneNumber",
    "RuleSet",
    "__version__",
    "critique",
    "default_rules",
    "load_rules",
]
