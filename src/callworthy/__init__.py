"""Callworthy: get your calls returned. The library is the product; CLI and web sit on top.

The names below are imported on first use (PEP 562), so `import callworthy` (and
every `callworthy --help`) costs nothing until the critique is asked for.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: Where each public name lives: imported when first read.
_LAZY = {
    "CallworthyError": "callworthy.errors",
    "Context": "callworthy.critique",
    "Critique": "callworthy.critique",
    "Finding": "callworthy.critique",
    "PhoneNumber": "callworthy.critique",
    "RuleSet": "callworthy.critique",
    "critique": "callworthy.critique",
    "default_rules": "callworthy.critique",
    "load_rules": "callworthy.critique",
}

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


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'callworthy' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """This package's module: `callworthy.critique` is the function, as it always was.

    Importing the `callworthy.critique` subpackage binds it here under the same
    name; eager imports used to overwrite that binding with the function, and
    this keeps it so without importing the critique up front.
    """

    @property
    def critique(self) -> Any:
        """Return the critique function (callworthy.critique.critique)."""
        return import_module("callworthy.critique").critique

    @critique.setter
    def critique(self, value: Any) -> None:
        """Keep the function: the subpackage stays reachable through sys.modules."""


sys.modules[__name__].__class__ = _Package
