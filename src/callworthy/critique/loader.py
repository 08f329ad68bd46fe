"""Load rule files — built-in and a team's — through one validating loader.

One rule per YAML file; the id is the file's path under its folder with dots
("pitch/about-us.yaml" -> "pitch.about-us"). Defaults are filled and patterns
compiled here; any problem is a RuleFileError naming the file, the line and
what is valid. A team rule with a built-in's id replaces the built-in. Every
rule but the built-ins (a `--rules` folder, a team's rule text) has its
patterns compiled and run by RE2, in time linear in the script; one RE2 cannot
run is an UnsafePatternError (patterns.py). What a
finding is worth comes from the rule's own `weight:`, else the learned weights
(weights.py), else its level's default.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from callworthy.critique.custom import BUILTIN_CHECKS
from callworthy.critique.kinds import (
    TEMPLATE_FIELDS,
    Checker,
    CustomCheck,
    Hit,
    Metric,
    Subject,
    build_checker,
)
from callworthy.critique.model import DEFAULT_WEIGHT, Level, Subscore
from callworthy.critique.patterns import PatternProblem, check_pattern, compile_now, linear_regex
from callworthy.critique.prefilter import Prefilter
from callworthy.critique.schema import KINDS, RULE_ADAPTER, CustomRule, RuleSpec
from callworthy.critique.weights import LearnedWeights, builtin_weights_path, read_weights
from callworthy.datafile import line_of, load_model
from callworthy.errors import RuleFileError, UnsafePatternError
from callworthy.text.analysis import MEASURED_METRICS

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*$")
RULES_DOCS = "docs/rules.md"
"""The page that documents the rule format, for a surface to point to."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A loaded, compiled rule."""

    id: str
    kind: str
    principle: str
    level: Level
    subscore: Subscore
    weight: int
    """Points a finding of this rule moves the score (a magnitude; the level gives the sign)."""
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
    title: str = ""
    declared_weight: int | None = None
    """The `weight:` the rule file sets, which wins over a learned one; None if it sets none."""
    weight_from: str = "level default"
    """Where `weight` came from: "rule file", "learned" or "level default"."""


@dataclass(frozen=True, slots=True)
class RuleText:
    """A rule given as YAML text rather than a file: its id, the text, and a name for errors."""

    rule_id: str
    text: str
    source: str


class Step(NamedTuple):
    """One rule as the engine checks it, with what it needs looked up once per rule set."""

    position: int
    rule_id: str
    check: Callable[[Subject], list[Hit]]
    needs: frozenset[int] | None
    silenced_by: frozenset[str]
    silencer: bool
    """Some rule's `unless` names it: its firing counts even when it is silenced itself."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules a critique runs, with a version that changes when any rule does."""

    rules: tuple[Rule, ...]
    version: str
    prefilter: Prefilter | None = None
    order: tuple[int, ...] = field(default=(), compare=False, repr=False)
    """Indexes of `rules` in the order to check them: a rule after those that silence it."""
    inert: frozenset[int] = field(default=frozenset(), compare=False, repr=False)
    """Indexes of rules worth 0 points that silence nothing: a critique need not check them."""
    silencers: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """Ids of the rules some rule's `unless` names."""
    plans: tuple[tuple[Step, ...], ...] = field(default=(), compare=False, repr=False)
    """The steps the engine runs, in `order`: [every rule, a critique's, a critique's of a
    script] — a critique skips the inert rules, and a script the rules only a recording
    can fire (the audio metrics)."""

    def __post_init__(self) -> None:
        order = _check_order(self.rules)
        object.__setattr__(self, "order", order)
        silencers = frozenset(rid for rule in self.rules for rid in rule.silenced_by)
        object.__setattr__(self, "silencers", silencers)
        inert = frozenset(
            i
            for i, rule in enumerate(self.rules)
            if min(rule.weight, rule.max_points) == 0 and rule.id not in silencers
        )
        object.__setattr__(self, "inert", inert)
        steps = [
            Step(i, r.id, r.checker.check, r.needs, r.silenced_by, r.id in silencers)
            for i, r in ((i, self.rules[i]) for i in order)
        ]
        lean = tuple(step for step in steps if step.position not in inert)
        script = tuple(s for s in lean if not _measured_only(self.rules[s.position].checker))
        object.__setattr__(self, "plans", (tuple(steps), lean, script))

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule:
        """Return the rule with this id; KeyError if there is none."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def with_weights(self, weights: LearnedWeights) -> RuleSet:
        """Return the same rules weighted by other learned weights (a cross-validation fold)."""
        rules = tuple(_weighted(rule, weights) for rule in self.rules)
        version = hashlib.sha256(f"{self.version}:{weights.digest}".encode()).hexdigest()[:12]
        return replace(self, rules=rules, version=version)


def _measured_only(checker: Checker) -> bool:
    """Return whether a checker can fire only on a recording (a metric a script lacks)."""
    return isinstance(checker, Metric) and checker.name in MEASURED_METRICS


def _check_order(rules: tuple[Rule, ...]) -> tuple[int, ...]:
    """Order rules so that each comes after every rule that can silence it (where possible).

    Knowing first whether a silencer fired lets the engine skip the silenced
    rule. Rules caught in a cycle of `unless` keep their place at the end.
    """
    index = {rule.id: i for i, rule in enumerate(rules)}
    done: list[int] = []
    placed: set[int] = set()
    pending = list(range(len(rules)))
    while pending:
        ready = [i for i in pending if all(index[s] in placed for s in rules[i].silenced_by)]
        if not ready:
            return (*done, *pending)
        done += ready
        placed.update(ready)
        pending = [i for i in pending if i not in placed]
    return tuple(done)


def builtin_rules_dir() -> Path:
    """Return the folder of the built-in rules (package data)."""
    return Path(str(files("callworthy"))) / "rules"


def _check_patterns(
    path: Path, node: yaml.Node | None, data: Mapping[str, Any], *, linear: bool = True
) -> None:
    """Check every regex before compiling, so an error can name its line.

    `linear` patterns (every rule but the built-ins) must compile in RE2 within its
    size bound; the built-ins', which run in `re`, must not backtrack catastrophically
    (the loader skips that check for them and a test runs it).
    """
    holders: list[tuple[list[str | int], Any]] = [([], data)]
    holders += [
        ([key], data.get(key)) for key in ("if", "then", "numerator", "denominator", "exceptions")
    ]
    for loc, holder in holders:
        if not isinstance(holder, Mapping):
            continue
        case_sensitive = bool(holder.get("case_sensitive"))
        for index, pattern in enumerate(holder.get("patterns") or []):
            try:
                if linear:
                    linear_regex(str(pattern), case_sensitive=case_sensitive)
                else:
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
            use = f"Use one of {offered}, or" if allowed else "Write it without placeholders, or"
            raise RuleFileError(
                str(path),
                line_of(node, [key]),
                f"{key} uses {{{unknown[0]}}}, which an {spec.kind} rule does not offer."
                if spec.kind[0] in "aeiou"
                else f"{key} uses {{{unknown[0]}}}, which a {spec.kind} rule does not offer.",
                f"{use} write {{{{ }}}} for literal braces.",
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


def _check_id(rid: str, source: str) -> None:
    if not ID_RE.match(rid):
        raise RuleFileError(
            source,
            None,
            f"the rule id {rid!r} is not valid.",
            "Use lower-case letters, digits, '-' and '_', in parts joined by dots (acme.slogan).",
        )


def load_rule_file(
    root: Path,
    path: Path,
    custom: Mapping[str, CustomCheck] = BUILTIN_CHECKS,
    *,
    builtin: bool = False,
) -> tuple[Rule, bytes]:
    """Load, validate and compile one rule file; return it with its raw bytes.

    Its patterns run in RE2, checked here, unless it is one of the package's `builtin`
    rules: those run in `re` and skip the safety check, which a test runs on them
    instead (parsing every built-in regex was a fifth of the time rules took to load).
    """
    rid = rule_id(root, path)
    _check_id(rid, str(path))
    raw = path.read_bytes()
    spec, node = load_model(
        path, RULE_ADAPTER, tags=KINDS, error=RuleFileError, docs="docs/rules.md"
    )
    return _compile(rid, path, spec, node, custom, builtin=builtin), raw


def load_rule_text(
    rid: str, text: str, source: str, custom: Mapping[str, CustomCheck] = BUILTIN_CHECKS
) -> Rule:
    """Load, validate and compile one rule from YAML text (a team's rule kept in a database).

    The same checks as a rule file, its patterns in RE2; errors name `source` and the line.
    """
    _check_id(rid, source)
    spec, node = load_model(
        Path(source), RULE_ADAPTER, tags=KINDS, error=RuleFileError, docs="docs/rules.md", text=text
    )
    return compiled_now(_compile(rid, Path(source), spec, node, custom))


def compiled_now(rule: Rule) -> Rule:
    """Return the rule with every regex compiled: a team's rule fails here, not mid-critique.

    The built-ins compile on first use (their regexes are tested); a team's own may
    hold a pattern `re` refuses only when compiling (a look-behind of varying width).
    """
    try:
        for terms in rule.checker.terms():
            compile_now(terms)
    except re.error as exc:
        raise RuleFileError(
            rule.path,
            None,
            f"a pattern does not compile ({exc}).",
            "Fix the regex, or use `tokens:` for plain phrases.",
            docs=RULES_DOCS,
        ) from exc
    return rule


def _compile(
    rid: str,
    path: Path,
    spec: RuleSpec,
    node: yaml.Node | None,
    custom: Mapping[str, CustomCheck],
    *,
    builtin: bool = False,
) -> Rule:
    data = spec.model_dump(by_alias=True)
    if not builtin:
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
    checker = build_checker(spec, custom, linear=not builtin)
    return Rule(
        id=rid,
        kind=spec.kind,
        principle=spec.principles,
        level=spec.level,
        subscore=spec.subscore,
        weight=weight,
        max_points=spec.max_points if spec.max_points is not None else 100,
        message=spec.message,
        fix=spec.fix,
        unless=tuple(spec.unless),
        pass_examples=tuple(spec.examples.pass_),
        fail_examples=tuple(spec.examples.fail),
        description=spec.description,
        path=str(path),
        checker=checker,
        needs=_needed_scans(checker),
        title=spec.name or _default_title(rid),
        declared_weight=spec.weight,
        weight_from="rule file" if spec.weight is not None else "level default",
    )


def _default_title(rid: str) -> str:
    """Return a title for a rule file that gives none: its name in words ("acme.slogan": Slogan)."""
    words = rid.rsplit(".", 1)[-1].replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


def _weighted(rule: Rule, weights: LearnedWeights | None) -> Rule:
    """Return the rule with its weight: its own, else the learned one, else its level's default.

    A learned weight whose sign contradicts the rule's level (a team made a
    built-in strength a warning) is not used: it was fitted for another rule.
    """
    if rule.declared_weight is not None:
        return rule
    points = weights.points.get(rule.id) if weights is not None else None
    if (
        points is None
        or (points < 0 and rule.level is Level.STRENGTH)
        or (points > 0 and rule.level is not Level.STRENGTH)
    ):
        return replace(rule, weight=DEFAULT_WEIGHT[rule.level], weight_from="level default")
    return replace(rule, weight=abs(points), weight_from="learned")


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
    extra: Iterable[RuleText] = (),
    weights: LearnedWeights | None = None,
) -> RuleSet:
    """Load the built-in rules, each team folder and `extra` rule texts, minus `disable`d ids.

    Later sources replace earlier ones of the same id: a folder's rule or an
    extra text (a team's rule from the database) replaces the built-in.
    `weights` defaults to the built-in learned weights when the built-ins load.
    """
    if weights is None and builtin:
        weights = read_weights(builtin_weights_path())
    checks = {**BUILTIN_CHECKS, **(custom or {})}
    builtin_root = builtin_rules_dir()
    roots = [(builtin_root, True)] if builtin else []
    roots += [(Path(d), False) for d in dirs]
    loaded: dict[str, tuple[Rule, bytes]] = {}
    for root, ours in roots:
        for path in _rule_files(root):
            rule, raw = load_rule_file(root, path, checks, builtin=ours)
            if not ours:
                rule = compiled_now(rule)
            loaded[rule.id] = (rule, raw)  # a team rule replaces the built-in of the same id
    for item in extra:
        rule = load_rule_text(item.rule_id, item.text, item.source, checks)
        loaded[rule.id] = (rule, item.text.encode("utf-8"))
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
                _weighted(rule, weights),
                silenced_by=frozenset(i for i in ids for u in rule.unless if _matches(i, u)),
            ),
            raw,
        )
        for rule, raw in kept
    ]
    digest = hashlib.sha256()
    for rule, raw in kept:
        digest.update(rule.id.encode() + b"\0" + raw + b"\0")
    if weights is not None:
        digest.update(b"weights\0" + weights.digest.encode())
    rules = tuple(rule for rule, _ in kept)
    scans = (scan for rule in rules for terms in rule.checker.terms() for scan in terms.fast)
    return RuleSet(rules, digest.hexdigest()[:12], Prefilter.build(scans))


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """Return the built-in rules, loaded once on first use."""
    return load_rules()
