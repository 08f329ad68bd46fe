"""Imports flow one way: surfaces -> services -> core and storage -> shared models/errors."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "callworthy"
CORE = ("text", "critique", "write", "experiments", "diagnose", "phoneability", "audio")
FRAMEWORKS = ("sqlalchemy", "alembic", "fastapi", "starlette", "click", "rich", "uvicorn")
# Which top-level callworthy packages each layer may not import.
FORBIDDEN = {
    **{core: ("storage", "services", "cli", "web") for core in CORE},
    "storage": ("services", "cli", "web"),
    "services": ("cli", "web"),
}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py")) if (PACKAGE / layer).is_dir() else []


@pytest.mark.parametrize("layer", CORE)
def test_the_core_imports_no_framework(layer: str) -> None:
    for path in modules(layer):
        bad = {m for m in imports(path) if m.split(".")[0] in FRAMEWORKS}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_imports_flow_one_way(layer: str) -> None:
    for path in modules(layer):
        for name in imports(path):
            parts = name.split(".")
            if parts[0] == "callworthy" and len(parts) > 1:
                assert parts[1] not in FORBIDDEN[layer], f"{path.relative_to(PACKAGE)} -> {name}"


def test_the_critique_and_text_packages_exist_and_are_checked() -> None:
    assert modules("critique") and modules("text")
