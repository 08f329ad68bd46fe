"""The writer is core: it imports no storage, web or CLI library (STYLE.md, the shape we want)."""

from __future__ import annotations

import ast
from pathlib import Path

import callworthy.write

FORBIDDEN = ("sqlalchemy", "fastapi", "click", "alembic", "callworthy.cli", "callworthy.storage")


def test_write_imports_nothing_outside_the_core() -> None:
    root = Path(callworthy.write.__file__).parent
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
