"""Every console example and Python session in README.md and docs/*.md runs as shown.

The rules of a block (steps, comments, placeholders, `<!-- not-run: why -->`) are in
`tests/fixtures/doc_blocks.py` and docs/testing.md. Each file's examples run in order in
a folder of their own: a fresh home (its data folder holds a fresh database), the files
the examples name (tests/fixtures/docs/) and the bundled examples/. `callworthy` runs in
process through click's CliRunner (its output is the entry point's: same group, same
streams); `curl` runs against the app in process, on the same database, after the
first-run set-up of a team (Acme, Mia Manager) and a token in $CALLWORTHY_TOKEN.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib
import io
import json
import re
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from doc_blocks import ROOT, Block, Step, blocks, difference, doc_files, matches, steps, tidy
from doc_schemas import SCHEMAS, cli_shape, generator, problems
from docs_curl import curl, start
from docs_needs import PG_TOOLS, Needs
from fastapi.testclient import TestClient

from callworthy.cli import main

FILES = ROOT / "tests" / "fixtures" / "docs"
SHOWN_HOME = "/home/alice"
RUNNABLE = ("callworthy", "curl", "cat", "echo", "cmp", "python -m callworthy.*", *PG_TOOLS)
FIX_HINT = (
    "Fix the page where the product is right (or the product where the page is); after "
    "changing a command's options, a rule or an API model, run `make docs`."
)
VARIABLE = re.compile(r"\$\{?(\w+)\}?")


@dataclass
class Session:
    """One file's examples: its folder, environment, shell variables and (lazily) its app."""

    folder: Path
    env: dict[str, str]
    needs: Needs
    variables: dict[str, str] = field(default_factory=dict)
    client: TestClient | None = None

    @property
    def home(self) -> Path:
        """Return the home folder the examples run in."""
        return Path(self.env["HOME"])


@pytest.fixture
def session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Session]:
    """Return a fresh folder, home and database for one file's examples."""
    home, work = tmp_path / "home", tmp_path / "work"
    shutil.copytree(FILES, work)
    shutil.copytree(ROOT / "examples", work / "examples")
    for shared in ("data", "src"):  # read, never written: the corpus, the bundled weights
        (work / shared).symlink_to(ROOT / shared, target_is_directory=True)
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"), "COLUMNS": "80"}
    env |= {"USER": "alice", "LOGNAME": "alice"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(work)
    made = Session(work, env, Needs(work, request.getfixturevalue))
    yield made
    if made.client is not None:
        made.client.__exit__(None, None, None)
        made.client.app.state.engine.dispose()  # type: ignore[attr-defined]


def _words(session: Session, command: str) -> list[str]:
    """Split a command as a shell would: variables, quotes, comments, ~."""
    if "CALLWORTHY_TOKEN" in command:
        start(session)  # the token exists once the app has a team
    command = session.needs.command(command)
    expanded = VARIABLE.sub(lambda m: session.variables.get(m.group(1), m.group(0)), command)
    lexer = shlex.shlex(expanded, posix=True, punctuation_chars=";|>")
    lexer.whitespace_split = True
    return [str(session.home) + w[1:] if w.startswith("~/") else w for w in lexer]


def _pipeline(words: list[str]) -> list[list[str]]:
    """Split words at `;` and `|` into commands (kept with their separator before them)."""
    parts: list[list[str]] = [[]]
    for word in words:
        if word in (";", "|"):
            parts.append([word])
        else:
            parts[-1].append(word)
    return [part for part in parts if part and part != [";"]]


def _redirects(words: list[str]) -> tuple[list[str], str | None, str | None]:
    """Take `> FILE` and `2>FILE` off a command; return (words, stdout file, stderr file)."""
    out = err = None
    kept: list[str] = []
    index = 0
    while index < len(words):
        if words[index] == ">":
            if kept and kept[-1] == "2":
                kept.pop()
                err = words[index + 1]
            else:
                out = words[index + 1]
            index += 2
            continue
        kept.append(words[index])
        index += 1
    return kept, out, err


def run_step(session: Session, step: Step) -> tuple[int, str]:
    """Run one step; return its exit code and what it shows (stdout and stderr together)."""
    stdin, shown, code = step.stdin, "", 0
    for part in _pipeline(_words(session, step.command)):
        piped = part[0] == "|"
        words, out_file, err_file = _redirects(part[1:] if part[0] in (";", "|") else part)
        if not piped and stdin is not None and words[0] != "callworthy" and words[0] != "curl":
            stdin = None
        if "=" in words[0] and len(words) == 1:
            name, value = words[0].split("=", 1)
            session.variables[name] = value
            continue
        code, stdout, stderr = _one(session, words, stdin if piped or step.stdin else None)
        if out_file:
            Path(out_file).write_text(stdout, encoding="utf-8")
            stdout = ""
        if err_file:
            Path(err_file).write_text(stderr, encoding="utf-8")
            stderr = ""
        stdin, shown = stdout, stdout + stderr
    return code, session.needs.shown(shown).replace(str(session.home), SHOWN_HOME)


def _one(session: Session, words: list[str], stdin: str | None) -> tuple[int, str, str]:
    """Run one command; return its exit code, stdout and stderr."""
    name = words[0]
    if name == "echo":
        return 0, " ".join(words[1:]) + "\n", ""
    if name == "cat":
        return 0, Path(words[1]).read_text(encoding="utf-8"), ""
    if name == "curl":
        return curl(session, words[1:], stdin)
    if name in PG_TOOLS:
        return session.needs.run_tool(words)
    if name == "python":
        return _python_module(words)
    if name == "cmp":
        same = Path(words[1]).read_bytes() == Path(words[2]).read_bytes()
        return (0, "", "") if same else (1, f"{words[1]} {words[2]} differ\n", "")
    assert name == "callworthy", f"cannot run {name!r}: mark the block <!-- not-run: why -->"
    result = CliRunner().invoke(main, words[1:], input=stdin, env=session.env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    shape = cli_shape(words) if result.exit_code == 0 else None
    if shape:  # JSON Lines commands print one value a line, each of the shape
        lines = result.stdout.splitlines() if words[1] in generator().JSON_LINES else None
        for value in [result.stdout] if lines is None else lines:
            wrong = problems(shape, json.loads(value))
            assert not wrong, f"the output breaks its published schema: {wrong}"
    return result.exit_code, result.stdout, result.stderr


def _python_module(words: list[str]) -> tuple[int, str, str]:
    """Run `python -m callworthy.X ARGS` in process: the module's main(argv)."""
    assert words[1] == "-m" and words[2].startswith("callworthy."), f"cannot run {words}"
    module = importlib.import_module(words[2])
    if not hasattr(module, "main"):  # a package run as `-m`: its __main__
        module = importlib.import_module(f"{words[2]}.__main__")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = module.main(words[3:])
    return int(code or 0), out.getvalue(), err.getvalue()


def console_blocks() -> list[Block]:
    """Return every console block of the docs."""
    return [block for path in doc_files() for block in blocks(path) if block.lang == "console"]


def _runnable(block: Block) -> bool:
    return block.not_run is None


def _head(output: str, lines: int = 12) -> str:
    """Return the first lines of an output, for a failure message."""
    return "\n".join(output.splitlines()[:lines])


def check_step(session: Session, block: Block, step: Step) -> str | None:
    """Run a step and compare: shown output exactly (placeholders), or success if none shown.

    Return what is wrong, or None.
    """
    where = f"{block.path.relative_to(ROOT)}:{step.line}: $ {step.command}"
    try:
        code, shown = run_step(session, step)
    except Exception as exc:  # one broken example must not hide the others
        return f"{where}\nraised {exc!r}"
    if not step.shown:
        return None if code == 0 else f"{where}\nfailed ({code}):\n{_head(shown)}"
    if not matches(step.shown, shown):
        return f"{where}\n{difference(step.shown, shown)}"
    if tidy("\n".join(step.shown)).startswith(("Error:", '{"error"')):
        return None if code != 0 else f"{where}\nshows an error but succeeded"
    return None if code == 0 else f"{where}\nfailed ({code}):\n{_head(shown)}"


@pytest.mark.parametrize("path", doc_files(), ids=lambda p: p.name)
def test_console_examples_run_and_show_what_they_say(path: Path, session: Session) -> None:
    wrong: list[str] = []
    for block in blocks(path):
        if block.file:
            (session.folder / block.file).parent.mkdir(parents=True, exist_ok=True)
            (session.folder / block.file).write_text("\n".join(block.lines) + "\n")
        if block.lang != "console" or not _runnable(block):
            continue
        if block.needs and not session.needs.ready(block.needs):
            continue  # skipped here; CI (CALLWORTHY_REQUIRE_*) makes it fail instead
        found = steps(block)
        if not found:
            wrong.append(f"{block.where}: no `$ ` command; mark it <!-- not-run: why -->")
        wrong += [problem for step in found if (problem := check_step(session, block, step))]
    assert not wrong, "\n\n".join(wrong) + "\n\n" + FIX_HINT


def test_few_blocks_are_not_run_and_each_says_why() -> None:
    skipped = [block for block in console_blocks() if block.not_run is not None]
    assert all(block.not_run for block in skipped)
    assert len(skipped) <= len(console_blocks()) // 3, [block.where for block in skipped]


#: Languages of blocks a reader would run that the suite cannot: each must say why not.
SCRIPT_LANGS = ("sh", "bash", "shell", "zsh", "python", "py")


def test_shell_and_python_blocks_run_or_say_why() -> None:
    unmarked = [
        block.where
        for path in doc_files()
        for block in blocks(path)
        if block.lang in SCRIPT_LANGS and not block.not_run
    ]
    assert not unmarked, (
        f"{unmarked}: make each a `console` block ($ commands) or a `pycon` session, which "
        "the suite runs, or mark it <!-- not-run: why --> on the line above"
    )


@pytest.mark.parametrize(
    "block",
    [block for path in doc_files() for block in blocks(path) if block.lang == "pycon"],
    ids=lambda block: block.where,
)
def test_python_sessions_print_what_they_say(block: Block, session: Session) -> None:
    text = "\n".join(block.lines) + "\n"
    test = doctest.DocTestParser().get_doctest(text, {}, block.where, str(block.path), block.line)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    failures: list[str] = []
    runner.run(test, out=failures.append)
    assert runner.failures == 0, "".join(failures)


def _fields(schema: object) -> set[str]:
    """Return every property name a JSON Schema (its $defs included) declares."""
    if isinstance(schema, dict):
        own = set(schema.get("properties", {}))
        return own.union(*(_fields(value) for value in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_fields(value) for value in schema))
    return set()


@pytest.mark.parametrize(
    "block",
    [block for path in doc_files() for block in blocks(path) if block.lang == "json"],
    ids=lambda block: block.where,
)
def test_json_shapes_name_only_fields_their_schema_has(block: Block) -> None:
    if block.not_run:
        return
    assert block.shape, f"{block.where}: say <!-- shape: NAME --> (docs/schemas/NAME.json)"
    published = json.loads((SCHEMAS / f"{block.shape}.json").read_text(encoding="utf-8"))
    named = set(re.findall(r'"(\w+)":', "\n".join(block.lines)))
    assert named <= _fields(published), (
        f"{block.where}: not in {block.shape}: {named - _fields(published)}"
    )
