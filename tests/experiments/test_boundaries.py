"""The experiments core stays pure: no storage, web or CLI imports, no clock reads."""

from __future__ import annotations

import ast
from pathlib import Path

import callworthy.experiments as package

FORBIDDEN = {"sqlalchemy", "fastapi", "click", "alembic", "callworthy.storage", "callworthy.web"}


def modules() -> list[Path]:
    return sorted(Path(package.__file__).parent.glob("*.py"))


def test_no_storage_web_or_cli_imports() -> None:
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), path


def test_no_clock_or_global_randomness() -> None:
    for path in modules():
        text = path.read_text()
        assert ".now(" not in text and "utcnow" not in text, path
        assert "np.random.seed" not in text and "import random" not in text, path
        assert "default_rng(" not in text, path
