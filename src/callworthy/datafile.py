"""The one loader of every kind of data file: rules, strategies, greetings, packs, causes,
the questionnaire, the quiz and the CRM export formats.

One habit for all built-in and team data: parse with PyYAML keeping the node
tree, validate with a pydantic model derived from `Strict` (unknown keys are
errors), and report any problem as a DataFileError naming the file, the line and
the field. An entry's id is its file name, in snake_case (`ID_RE`); rules alone
take theirs from the folder and file (`folder.file-name`, Vale's style).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from callworthy.errors import DataFileError

T = TypeVar("T")
MAX_DATA_FILE_BYTES = 256 * 1024
#: The id style of every data entry but rules: snake_case, the form stored and typed.
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class Strict(BaseModel):
    """The one base of every data file's schema: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Entry(Generic[M]):
    """One data file, validated: its id (the file name), its fields, its node tree, its path."""

    id: str
    spec: M
    node: yaml.Node | None
    path: Path


def package_data(*parts: str) -> Path:
    """Return a folder of the built-in data (package data), e.g. package_data("strategies")."""
    return Path(str(files("callworthy"))).joinpath(*parts)


def check_id(value: str, source: str, error: type[DataFileError] = DataFileError) -> str:
    """Return an id if it is snake_case; else raise `error` saying so."""
    if not ID_RE.match(value):
        raise error(
            source, None, f"the id {value!r} is not snake_case.", "Use a-z, 0-9 and _ (no dashes)."
        )
    return value


@cache
def _adapter(model: type[M]) -> TypeAdapter[M]:
    return TypeAdapter(model)


def load_entry(
    path: Path,
    model: type[M],
    *,
    error: type[DataFileError] = DataFileError,
    docs: str | None = None,
) -> Entry[M]:
    """Load one data file against its model; its id is its file name, in snake_case."""
    entry_id = check_id(path.stem, str(path), error)
    spec, node = load_model(path, _adapter(model), error=error, docs=docs)
    return Entry(entry_id, spec, node, path)


def load_entries(
    folder: Path,
    model: type[M],
    *,
    error: type[DataFileError] = DataFileError,
    docs: str | None = None,
) -> tuple[Entry[M], ...]:
    """Load every `*.yaml` file of a folder against the model, sorted by id."""
    return tuple(
        load_entry(p, model, error=error, docs=docs) for p in sorted(folder.glob("*.yaml"))
    )


def read_yaml(
    path: Path, error: type[DataFileError] = DataFileError
) -> tuple[Any, yaml.Node | None]:
    """Return a YAML file's data and node tree; raise `error` naming the line if it is malformed."""
    raw = path.read_bytes()
    if len(raw) > MAX_DATA_FILE_BYTES:
        raise error(str(path), None, f"the file is {len(raw):,} bytes.", "Keep one entry a file.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(str(path), None, "the file is not UTF-8 text.", "Save it as UTF-8.") from exc
    return read_yaml_text(text, str(path), error)


#: libyaml's parser where PyYAML was built with it: ten times faster on the rules every
#: command loads. Its errors differ in wording, so a text it refuses is parsed again by
#: the pure-Python parser, whose messages (and lines) are the ones users see.
_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def _fast_parse(text: str) -> tuple[Any, yaml.Node | None] | None:
    """Return the data and node tree parsed by libyaml, or None if it is absent or refuses."""
    if _FAST_LOADER is None:
        return None
    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def read_yaml_text(
    text: str, source: str, error: type[DataFileError] = DataFileError
) -> tuple[Any, yaml.Node | None]:
    """Return YAML text's data and node tree (errors name `source` and the line)."""
    if len(text.encode("utf-8")) > MAX_DATA_FILE_BYTES:
        raise error(
            source, None, f"the text is {len(text):,} characters.", "Keep one entry a file."
        )
    parsed = _fast_parse(text)
    if parsed is not None:
        return parsed
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character: refused before parsing
        at = text[: exc.position].count("\n") + 1
        raise error(
            source,
            at,
            f"not valid YAML ({exc.reason} #x{exc.character:04x})",
            "Remove the control character.",
        ) from exc
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # The context (where an unclosed bracket or quote began) beats the end of the file.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        raise error(
            source, line, f"not valid YAML ({exc.problem})", "Check indentation and quoting."
        ) from exc
    except yaml.YAMLError as exc:
        raise error(source, None, f"not valid YAML ({exc})") from exc
    finally:
        loader.dispose()
    return data, node


def line_of(node: yaml.Node | None, loc: Sequence[int | str]) -> int | None:
    """Return the 1-based line of the YAML node at a path of keys and indexes."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next((kv for kv in node.value if kv[0].value == str(part)), None)
            if pair is None:
                return line
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def validation_error(
    path: Path,
    node: yaml.Node | None,
    exc: ValidationError,
    *,
    tags: Sequence[str] = (),
    error: type[DataFileError] = DataFileError,
    docs: str | None = None,
) -> DataFileError:
    """Turn a pydantic error into a one-line DataFileError at the offending line and field."""
    errors = exc.errors()
    first = errors[0]
    loc = list(first["loc"])
    if loc and loc[0] in tags:
        loc = loc[1:]  # pydantic puts a discriminated union's tag first
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
        loc = ["kind"]
        fix = f"Set `kind:` to one of: {', '.join(tags)}."
    elif first["type"] == "extra_forbidden":
        fix = "Remove or rename it: it is not one of the valid fields."
    else:
        fix = "Correct the value."
    where = ".".join(str(p) for p in loc) or None
    said = first["msg"].removeprefix("Value error, ")  # pydantic's words for our own checks
    return error(
        str(path),
        line_of(node, loc),
        f"{where or 'file'}: {said}{more}.",
        fix,
        field=where,
        docs=docs,
    )


def load_model(
    path: Path,
    adapter: TypeAdapter[T],
    *,
    tags: Sequence[str] = (),
    error: type[DataFileError] = DataFileError,
    docs: str | None = None,
    text: str | None = None,
) -> tuple[T, yaml.Node | None]:
    """Read and validate one YAML file (or `text`, named by `path`) against a pydantic model."""
    data, node = read_yaml(path, error) if text is None else read_yaml_text(text, str(path), error)
    if not isinstance(data, dict):
        raise error(str(path), 1, "the file must be a mapping of fields.", docs=docs)
    try:
        return adapter.validate_python(data), node
    except ValidationError as exc:
        raise validation_error(path, node, exc, tags=tags, error=error, docs=docs) from exc
