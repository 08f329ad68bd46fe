"""The strategy registry is the one vocabulary: no strategy id is used that it does not hold.

The strategy files (`src/callworthy/strategies/`) are the registry; a team's tried ideas
join it as `idea_<n>`. This meta-test reads the tree the way a person would search it:

- Python (src, tests, bench), by an AST walk: the values of `strategy=`, `baseline=`,
  `among=`, `strategies=`; dict entries keyed "strategy" or "baseline"; the first argument
  of the test logs' `Left(...)` and `rates(...)`; what follows `--strategy`, `--baseline`,
  `--among` or `-s` in a command line (a value with a space is prose, not an id). The pure
  experiments core and its tests and bench are left out: they take any labels;
- text (docs, README, templates, data files): the same options on command lines,
  `strategy=` in URLs, `"strategy": "..."` in JSON, `data-strategy="..."` in markup (in
  prose, a word after an option counts when it has an underscore, a dash or a digit);
- the loaded data: the strategy column of every CSV the tests and data hold, the CRM
  formats' example rows, the writer's example profiles;
- and nowhere at all, outside the migration that maps them and the files that record
  them, an id a strategy used to have (`former_ids`) or a greeting used as a strategy.

The scanners are tested on made-up snippets too, so the check cannot silently pass.
"""

from __future__ import annotations

import ast
import csv
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from callworthy.critique import default_rules
from callworthy.crm import default_formats
from callworthy.write import default_greetings, default_registry
from callworthy.write.classify import classify

ROOT = Path(__file__).parents[1]
REGISTRY = default_registry()
IDS = set(REGISTRY.ids())
#: A team's tried ideas: ids made at run time (idea_7), and the placeholder docs write.
TEAM_ID = re.compile(r"^idea_(?:\d+|ID|N)$")
#: Ids the tests type on purpose to see them refused (each is asserted to be refused).
REFUSED_ON_PURPOSE = {
    "Bad Strategy!", "Bad Id!", "Bad Id", "cold_open", "Not A Slug", "BAD slug", "Sales Pitch!",
    "about_us_pitch", "pitch",
}  # fmt: skip
PLACEHOLDERS = {"ID", "STRATEGY", "S", "IDEA", "X", "TEXT"}
#: The pure experiments core takes any labels ("tip", "s0000"): it knows no registry.
CORE_LABELS = ("src/callworthy/experiments/", "tests/experiments/", "bench/experiments.py")
#: Where an old id may stand: the migration that maps it, the file that records it, here.
FORMER_ALLOWED = {
    "src/callworthy/storage/migrations/versions/0010_strategy_registry.py",
    "src/callworthy/strategies/reasons_buy.yaml",
    "CHANGELOG.md",
    "tests/test_registry.py",
    "tests/storage/test_migrations.py",
    "tests/services/test_crm_import.py",  # an old export's id is read as today's
    "tests/cli/test_write_cli.py",  # `strategies list` shows the former ids
    "docs/writer.md",  # documents `former_ids`
    "docs/tracking.md",  # an old export's id is read as today's
    "tests/services/test_experiments_service.py",  # a former id is read as today's
}
OPTIONS = ("--strategy", "--baseline", "--among", "-s")
KEYWORDS = {"strategy", "baseline", "among", "strategies"}
TEXT_PATTERNS = (
    re.compile(r"(?:--strategy|--baseline|--among)[ =]+([A-Za-z_][\w-]*)"),
    re.compile(r"[?&](?:strategy|baseline)=([A-Za-z_][\w-]*)"),
    re.compile(r'"(?:strategy|baseline)":\s*"([^"]+)"'),
    re.compile(r'data-strategy="([A-Za-z_][\w-]*)"'),
)


def _strings(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        value = node.value
        prose = " " in value and value not in REFUSED_ON_PURPOSE
        if value and not prose and not value.startswith("-") and not value.isdigit():
            yield value
    elif isinstance(node, ast.List | ast.Tuple | ast.Set):
        for item in node.elts:
            yield from _strings(item)


def ids_in_python(source: str) -> list[str]:
    """Return the strategy ids a Python source names in the contexts the docstring lists."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg in KEYWORDS:
                    found += _strings(kw.value)
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in ("Left", "rates") and node.args:
                found += _strings(node.args[0])
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value in ("strategy", "baseline"):
                    found += _strings(value)
        if isinstance(node, ast.List | ast.Tuple | ast.Call):
            items = node.args if isinstance(node, ast.Call) else node.elts
            for flag, value in itertools.pairwise(items):
                if isinstance(flag, ast.Constant) and flag.value in OPTIONS:
                    found += _strings(value)
    return found


def ids_in_text(text: str) -> list[str]:
    """Return the strategy ids a document names in the contexts the docstring lists."""
    found = [m.group(1) for pattern in TEXT_PATTERNS for m in pattern.finditer(text)]
    return [s for s in found if s in IDS or re.search(r"[_\-\d]", s)]


FORMER_IDS = {old for s in REGISTRY.strategies for old in s.former_ids}


def known(sid: str) -> bool:
    """Return True for a registered id, a team idea's id, a placeholder or a refused-on-purpose."""
    return (
        sid in IDS
        or bool(TEAM_ID.match(sid))
        or sid in PLACEHOLDERS
        or sid in REFUSED_ON_PURPOSE
        or "{" in sid  # a template: f"idea_{n}", {{ s.id }}
    )


def tree(*suffixes: str) -> list[Path]:
    folders = ("src", "tests", "bench", "docs", "data")
    files = [p for f in folders for p in (ROOT / f).rglob("*") if p.suffix in suffixes]
    files += [ROOT / name for name in ("README.md", "CHANGELOG.md") if f".{name[-2:]}" in suffixes]
    return sorted(p for p in files if ".venv" not in p.parts and "screenshots" not in p.parts)


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize(
    "path", [p for p in tree(".py") if not rel(p).startswith(CORE_LABELS)], ids=rel
)
def test_python_names_only_registered_strategies(path: Path) -> None:
    former = FORMER_IDS if rel(path) in FORMER_ALLOWED else set()
    found = ids_in_python(path.read_text(encoding="utf-8"))
    unknown = [s for s in found if not known(s) and s not in former]
    assert not unknown, f"{rel(path)} names strategies not in the registry: {unknown}"


@pytest.mark.parametrize("path", tree(".md", ".html", ".yaml", ".toml"), ids=rel)
def test_docs_templates_and_data_name_only_registered_strategies(path: Path) -> None:
    unknown = [s for s in ids_in_text(path.read_text(encoding="utf-8")) if not known(s)]
    assert not unknown, f"{rel(path)} names strategies not in the registry: {unknown}"


def test_no_former_id_or_greeting_is_used_as_a_strategy() -> None:
    former = {old for s in REGISTRY.strategies for old in s.former_ids}
    greetings = {g.id for g in default_greetings()} - IDS  # "weather" is both, rightly
    assert former and not former & IDS and "traffic_report" in greetings
    pattern = re.compile(r"\b(" + "|".join(sorted(former)) + r")\b")
    greeting_use = [
        re.compile(rf"{opt}[ =]+{g}\b|strategy=\W?{g}\b|\"strategy\": \"{g}\"")
        for g in greetings
        for opt in ("--strategy", "--baseline", "--among")
    ]
    for path in tree(".py", ".md", ".html", ".yaml", ".csv", ".toml"):
        text = path.read_text(encoding="utf-8")
        if rel(path) not in FORMER_ALLOWED:
            assert not pattern.search(text), f"{rel(path)} still uses {pattern.search(text)}"
        used = any(p.search(text) for p in greeting_use)
        assert not used, f"{rel(path)}: a greeting used as a strategy"
        if path.suffix == ".py" and rel(path) != "tests/test_registry.py":
            assert not greetings & set(ids_in_python(text)), rel(path)


def test_the_loaded_data_names_only_registered_strategies() -> None:
    for path in tree(".csv"):
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
        named = {r.get("strategy") or "" for r in rows} - {""}
        assert all(known(s) for s in named), (rel(path), named - IDS)
    for fmt in default_formats().values():
        for example in fmt.examples:
            for header, value in example.row.items():
                if header.lower() == "strategy":
                    assert known(value), (fmt.id, value)


def test_the_scanners_catch_made_up_violations() -> None:
    python = """
log_voicemail(engine, who, pid, strategy="reasons_people_buy", script="x")
stats(engine, caller, baseline="plain")
next_strategy(engine, caller, pid, among=["traffic_report", "value_tip"])
add_log(engine, caller, rates("tip", 1, 2, OLD) + [Left("lead", OLD)], pid)
run(db, "log", "Jane", "--strategy", "cold_call", "--script", "hi")
body = {"strategy": "made_up", "script": "x"}
"""
    assert sorted(ids_in_python(python)) == sorted([
        "reasons_people_buy", "plain", "traffic_report", "value_tip", "tip", "lead",
        "cold_call", "made_up",
    ])  # fmt: skip
    text = (
        "callworthy log Jane --strategy pitch_call; GET /api/v1/curve?strategy=nope\n"
        '{"strategy": "bogus"} <article data-strategy="fake">'
    )
    assert ids_in_text(text) == ["pitch_call"]  # one-word values count only when registered
    assert ids_in_text(text.replace("nope", "no_pe").replace("fake", "fa-ke")) == [
        "pitch_call", "no_pe", "fa-ke",
    ]  # fmt: skip
    assert not any(known(s) for s in ("plain", "tip", "cold_call", "traffic_report"))
    assert all(known(s) for s in ("value_tip", "idea_7", "idea_ID", "Bad Id!"))


# --- The registry's own invariants -----------------------------------------------------------


def test_one_baseline_and_the_proposable_strategies_are_written() -> None:
    assert [s.id for s in REGISTRY.strategies if s.baseline] == [REGISTRY.baseline] == ["value_tip"]
    assert {s.id for s in REGISTRY.strategies if not s.proposable} == {
        "about_us", "bare_callback", "other",
    }  # fmt: skip
    for strategy in REGISTRY.proposable():
        assert strategy.writable, f"{strategy.id} is proposed, so the writer must write it"


def test_what_a_strategy_needs_is_said_in_its_file() -> None:
    lead = {s.id for s in REGISTRY.strategies if s.needs_lead}
    referral = {s.id for s in REGISTRY.strategies if s.needs_referral}
    assert lead == {"sales_lead"} and referral == {"mutual_referral"}
    humor = {s.id for s in REGISTRY.strategies if s.humor}
    assert humor == {"half_message", "weather", "competitor_tease"}
    cited = {s.id: (s.evidence.returned, s.evidence.of) for s in REGISTRY.strategies if s.evidence}
    assert cited == {"sales_lead": (1, 1), "half_message": (7, 8)}  # the articles' figures


def test_detectors_name_rules_that_exist() -> None:
    rules = {r.id for r in default_rules().rules}
    for strategy in REGISTRY.strategies:
        for detector in strategy.detectors:
            assert detector.rule in rules, (strategy.id, detector.rule)


@pytest.mark.parametrize(
    ("sid", "script"),
    [(s.id, text) for s in REGISTRY.strategies for text in s.script_examples()],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else "script",
)
def test_script_examples_are_recognised_as_their_strategy(sid: str, script: str) -> None:
    assert classify(script, REGISTRY).strategy == sid


def test_every_strategy_that_can_be_recognised_has_a_script_example() -> None:
    for strategy in REGISTRY.strategies:
        if strategy.detectors:
            assert strategy.script_examples(), strategy.id


def test_ids_of_earlier_versions_and_dashes_are_read_as_todays() -> None:
    assert REGISTRY.resolve("reasons_people_buy") == "reasons_buy"
    assert REGISTRY.resolve(" Value-Tip ") == "value_tip"
    assert REGISTRY.find("traffic_report") is None  # a greeting, not a strategy
