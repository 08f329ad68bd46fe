"""Imports flow one way: surfaces -> services -> core and storage -> shared models/errors.

The layers (docs/architecture.md):

- shared: the top-level modules errors, datafile, principles, answers, fields;
- core (pure: no I/O frameworks): text, critique, write, experiments, diagnose,
  phoneability, audio, crm;
- storage: SQLAlchemy tables, queries and migrations;
- services: use-cases, the one place core meets storage, and no SQL of their own;
- surfaces: cli and web, which reach storage only through services.

An AST walk checks every module; `violations` is tested on made-up modules too, so
the check itself cannot silently pass.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "callworthy"
SHARED = ("errors", "datafile", "principles", "answers", "fields")
CORE = (
    "text",
    "critique",
    "write",
    "experiments",
    "diagnose",
    "phoneability",
    "audio",
    "crm",
    "capture",
)
FRAMEWORKS = ("sqlalchemy", "alembic", "fastapi", "starlette", "click", "rich", "uvicorn")
UPPER = ("storage", "services", "cli", "web")
# Which callworthy packages each layer may not import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    **{shared: (*CORE, *UPPER) for shared in SHARED},
    **{core: UPPER for core in CORE},
    "storage": (*CORE, "services", "cli", "web"),
    "services": ("cli", "web"),
    "cli": ("storage", "web"),
    "web": ("storage", "cli"),
}
#: What a service may take from SQLAlchemy: handles and error types, never a query.
SERVICE_SQLALCHEMY = {
    "sqlalchemy": {"Engine"},
    "sqlalchemy.orm": {"Session"},
    "sqlalchemy.exc": {"IntegrityError", "SQLAlchemyError"},
}


def imports(source: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Yield (module, names) for every absolute import of a module's source."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ()
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, tuple(alias.name for alias in node.names)


def layer_of(path: Path) -> str:
    """Return the layer of a module: its top-level package, or its name for a shared module."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def violations(layer: str, source: str) -> list[str]:
    """Return every import in `source` that a module of `layer` may not make."""
    found = []
    for module, names in imports(source):
        parts = module.split(".")
        if parts[0] == "callworthy" and len(parts) > 1 and parts[1] in FORBIDDEN.get(layer, ()):
            found.append(module)
        if parts[0] in FRAMEWORKS and (layer in CORE or layer in SHARED):
            found.append(module)
        if layer == "services" and parts[0] == "sqlalchemy":
            allowed = SERVICE_SQLALCHEMY.get(module)
            if allowed is None or not set(names) <= allowed:
                found.append(f"{module} ({', '.join(sorted(set(names) - (allowed or set())))})")
    return found


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_flow_one_way(path: Path) -> None:
    layer = layer_of(path)
    bad = violations(layer, path.read_text(encoding="utf-8"))
    assert not bad, f"{path.relative_to(PACKAGE)} ({layer}) imports {bad}"


def test_every_module_is_in_a_known_layer() -> None:
    known = {*SHARED, *CORE, *UPPER, "__init__"}  # __init__: the library's front door
    for path in modules():
        assert layer_of(path) in known, path


@pytest.mark.parametrize(
    ("layer", "source"),
    [
        ("critique", "from callworthy.services import tracking"),
        ("crm", "from callworthy.storage.tables import Prospect"),
        ("crm", "import sqlalchemy"),
        ("write", "from click import echo"),
        ("errors", "from callworthy.critique import Finding"),
        ("storage", "from callworthy.services.caller import Caller"),
        ("services", "from callworthy.web.deps import PageCaller"),
        ("services", "from sqlalchemy import select"),
        ("services", "from sqlalchemy import Engine, insert"),
        ("cli", "from callworthy.storage.queries import MAX_ID"),
        ("web", "from callworthy.storage import queries"),
    ],
)
def test_a_lower_layer_importing_an_upper_one_is_caught(layer: str, source: str) -> None:
    assert violations(layer, source)


def test_what_a_layer_may_import_passes() -> None:
    assert not violations(
        "services", "from sqlalchemy import Engine\nfrom sqlalchemy.orm import Session"
    )
    assert not violations(
        "crm", "from callworthy.datafile import Strict\nfrom callworthy.fields import clean"
    )
    assert not violations("web", "from callworthy.services.caller import Caller")


def test_the_critique_and_text_packages_exist_and_are_checked() -> None:
    assert any(layer_of(p) == "critique" for p in modules())
    assert any(layer_of(p) == "crm" for p in modules())
