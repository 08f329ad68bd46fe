"""Load rule files — built-in and a team's — through one validating loader.

One rule per YAML file; the id is the file's path under its folder with dots
("pitch/about-us.yaml" -> "pitch.about-us"). Defaults are filled and patterns
compiled here; any problem is a RuleFileError naming the file, the line and
what is valid. A team rule with a built-in's id replaces the built-in.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from callworthy.critique.custom import BUILTIN_CHECKS
from callworthy.critique.kinds import TEMPLATE_FIELDS, Checker, CustomCheck, build_checker
from callworthy.critique.model import DEFAULT_WEIGHT, Level, Subscore
from callworthy.critique.patterns import PatternProblem, check_pattern
from callworthy.critique.prefilter import Prefilter
from callworthy.critique.schema import KINDS, RULE_ADAPTER, CustomRule, RuleSpec
from callworthy.errors import RuleFileError, UnsafePatternError

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*$")
MAX_RULE_FILE_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Rule:
    """A loaded, compiled rule."""

    id: str
    kind: str
    principle: str
    level: Level
    subscore: Subscore
    weight: int
    max_points: int
    message: str
    fix: str
    unless: tuple[str, ...]
    pass_examples: tuple[str, ...]
    fail_examples: tuple[str, ...]
    description: str
    path: str
    checker: Checker
    needs: frozenset[int] | None = None
    """Scans (by id) of which at least one must match for the rule to fire; None: always run."""
    silenced_by: frozenset[str] = frozenset()
    """Ids of the rules whose firing silences this one (`unless`, prefixes expanded at load)."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules a critique runs, with a version that changes when any rule does."""

    rules: tuple[Rule, ...]
    version: str
    prefilter: Prefilter | None = None

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule:
        """Return the rule with this id; KeyError if there is none."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def builtin_rules_dir() -> Path:
    """Return the folder of the built-in rules (package data)."""
    return Path(str(files("callworthy"))) / "rules"


def _read_yaml(path: Path, text: str) -> tuple[Any, yaml.Node | None]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RuleFileError(
            str(path), line, f"not valid YAML ({exc.problem})", "Check indentation and quoting."
        ) from exc
    except yaml.YAMLError as exc:
        raise RuleFileError(str(path), None, f"not valid YAML ({exc})") from exc
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


def _validation_error(path: Path, node: yaml.Node | None, exc: ValidationError) -> RuleFileError:
    errors = exc.errors()
    first = errors[0]
    loc = list(first["loc"])
    if loc and loc[0] in KINDS:
        loc = loc[1:]  # pydantic puts the discriminator's tag first
    where = ".".join(str(p) for p in loc) or "rule"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
        fix = f"Set `kind:` to one of: {', '.join(KINDS)}."
    elif first["type"] == "extra_forbidden":
        fix = "Remove or rename it: see docs/rules.md for the fields of each kind."
    else:
        fix = "See docs/rules.md for the fields of each kind."
    line = line_of(node, loc)
    return RuleFileError(str(path), line, f"{where}: {first['msg']}{more}.", fix)


def _check_patterns(path: Path, node: yaml.Node | None, data: Mapping[str, Any]) -> None:
    """Check every regex before compiling, so an error can name its line."""
    holders: list[tuple[list[str | int], Any]] = [([], data)]
    holders += [
        ([key], data.get(key)) for key in ("if", "then", "numerator", "denominator", "exceptions")
    ]
    for loc, holder in holders:
        if not isinstance(holder, Mapping):
            continue
        for index, pattern in enumerate(holder.get("patterns") or []):
            try:
                check_pattern(str(pattern))
            except PatternProblem as exc:
                error = UnsafePatternError if exc.unsafe else RuleFileError
                raise error(
                    str(path), line_of(node, [*loc, "patterns", index]), exc.problem, exc.fix
                ) from exc


def _check_templates(path: Path, node: yaml.Node | None, spec: RuleSpec) -> None:
    allowed = TEMPLATE_FIELDS[spec.kind]
    for key in ("message", "fix"):
        template = getattr(spec, key)
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
        unknown = [n for n in names if n not in allowed]
        if unknown:
            offered = ", ".join("{" + a + "}" for a in allowed)
            raise RuleFileError(
                str(path),
                line_of(node, [key]),
                f"{key} uses {{{unknown[0]}}}, which a {spec.kind} rule does not offer.",
                f"Use one of {offered}, or write {{{{ }}}} for literal braces.",
            )


def _needed_scans(checker: Checker) -> frozenset[int] | None:
    """Return the scans a rule needs, or None where context terms could match instead."""
    needed = checker.needs()
    if needed is None or needed.context:
        return None
    return frozenset(id(scan) for scan in needed.terms.fast)


def rule_id(root: Path, path: Path) -> str:
    """Derive a rule id from its path under the rules folder."""
    return ".".join(path.relative_to(root).with_suffix("").parts)


def load_rule_file(
    root: Path, path: Path, custom: Mapping[str, CustomCheck] = BUILTIN_CHECKS
) -> tuple[Rule, bytes]:
    """Load, validate and compile one rule file; return it with its raw bytes."""
    rid = rule_id(root, path)
    if not ID_RE.match(rid):
        raise RuleFileError(
            str(path),
            None,
            f"the rule id {rid!r} (from the file's path) is not valid.",
            "Name folders and files with lower-case letters, digits, '-' and '_'.",
        )
    raw = path.read_bytes()
    if len(raw) > MAX_RULE_FILE_BYTES:
        raise RuleFileError(
            str(path), None, f"the file is {len(raw):,} bytes.", "Keep one rule a file."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleFileError(
            str(path), None, "the file is not UTF-8 text.", "Save it as UTF-8."
        ) from exc
    data, node = _read_yaml(path, text)
    if not isinstance(data, Mapping):
        raise RuleFileError(
            str(path), 1, "a rule file must be a mapping of fields.", "See docs/rules.md."
        )
    try:
        spec = RULE_ADAPTER.validate_python(data)
    except ValidationError as exc:
        raise _validation_error(path, node, exc) from exc
    _check_patterns(path, node, data)
    _check_templates(path, node, spec)
    if isinstance(spec, CustomRule) and spec.function not in custom:
        raise RuleFileError(
            str(path),
            line_of(node, ["function"]),
            f"no custom check is registered as {spec.function!r}.",
            f"Use one of: {', '.join(sorted(custom))}.",
        )
    weight = spec.weight if spec.weight is not None else DEFAULT_WEIGHT[spec.level]
    checker = build_checker(spec, custom)
    rule = Rule(
        id=rid,
        kind=spec.kind,
        principle=spec.principles,
        level=spec.level,
        subscore=spec.subscore,
        weight=weight,
        max_points=spec.max_points if spec.max_points is not None else weight * 2,
        message=spec.message,
        fix=spec.fix,
        unless=tuple(spec.unless),
        pass_examples=tuple(spec.examples.pass_),
        fail_examples=tuple(spec.examples.fail),
        description=spec.description,
        path=str(path),
        checker=checker,
        needs=_needed_scans(checker),
    )
    return rule, raw


def _rule_files(root: Path) -> list[Path]:
    if not root.is_dir():
        raise RuleFileError(
            str(root), None, "is not a folder of rules.", "Pass a folder of .yaml rule files."
        )
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _matches(rule_id: str, prefix: str) -> bool:
    prefix = prefix.rstrip(".")
    return rule_id == prefix or rule_id.startswith(prefix + ".")


def load_rules(
    dirs: Iterable[str | Path] = (),
    *,
    builtin: bool = True,
    disable: Iterable[str] = (),
    custom: Mapping[str, CustomCheck] | None = None,
) -> RuleSet:
    """Load the built-in rules and each team folder, minus rules whose id starts with `disable`."""
    checks = {**BUILTIN_CHECKS, **(custom or {})}
    roots = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in dirs]
    loaded: dict[str, tuple[Rule, bytes]] = {}
    for root in roots:
        for path in _rule_files(root):
            rule, raw = load_rule_file(root, path, checks)
            loaded[rule.id] = (rule, raw)  # a team rule replaces the built-in of the same id
    for rule, _ in loaded.values():
        for name in rule.unless:
            if not any(_matches(other, name) for other in loaded):
                raise RuleFileError(
                    rule.path,
                    None,
                    f"`unless` names {name!r}, which is no rule id or prefix.",
                    "Fix the id, or remove it from `unless`.",
                )
    off = tuple(disable)
    kept = sorted(
        (item for rid, item in loaded.items() if not any(_matches(rid, p) for p in off)),
        key=lambda item: item[0].id,
    )
    ids = [rule.id for rule, _ in kept]
    kept = [
        (
            replace(
                rule, silenced_by=frozenset(i for i in ids for u in rule.unless if _matches(i, u))
            ),
            raw,
        )
        for rule, raw in kept
    ]
    digest = hashlib.sha256()
    for rule, raw in kept:
        digest.update(rule.id.encode() + b"\0" + raw + b"\0")
    rules = tuple(rule for rule, _ in kept)
    scans = (scan for rule in rules for terms in rule.checker.terms() for scan in terms.fast)
    return RuleSet(rules, digest.hexdigest()[:12], Prefilter.build(scans))


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """Return the built-in rules, loaded once on first use."""
    return load_rules()
