"""The `callworthy` command: a thin surface over the library (one module per command group)."""

from callworthy.cli.main import main

__all__ = ["main"]
