"""The CLI starts at once: what `--help` and `check TEXT` import, the lazy command tree, and
`check` on a terminal. Through the installed entry point in subprocesses (start-up is what
is tested); no timing here: bench/cli.py prints the figures.
"""

from __future__ import annotations

import inspect
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from callworthy.cli import main
from callworthy.cli.check import PROMPT
from callworthy.cli.main import COMMANDS, LazyGroup

EXE = str(Path(sys.executable).with_name("callworthy"))
HEAVY = {"sqlalchemy", "fastapi", "scipy", "numpy", "alembic", "uvicorn", "starlette"}
SCRIPT = "Hi Jane, it's Ana at 704-333-1112: three carriers cut fuel surcharges; call me back."


def imported(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """Return the top-level packages `callworthy ARGS` imports (python -X importtime)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", EXE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    return {name.split(".")[0] for name in names if name}


def no_database(tmp_path: Path) -> dict[str, str]:
    """Return an environment whose default database is a file that does not exist."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("CALLWORTHY_DATABASE_URL", None)
    return env


@pytest.mark.parametrize("args", [["--help"], ["check", SCRIPT], ["check", "--help"]], ids=" ".join)
def test_help_and_check_import_no_heavy_package(args: list[str], tmp_path: Path) -> None:
    found = imported(*args, env=no_database(tmp_path))
    assert "click" in found and "callworthy" in found  # the probe sees imports at all
    assert not found & HEAVY, sorted(found & HEAVY)


def test_group_help_imports_no_command_module(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", EXE, "--help"],
        capture_output=True,
        text=True,
        env=no_database(tmp_path),
        check=True,
    )
    modules = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert {"callworthy.cli.main", "click"} <= modules
    loaded = {m for m in modules if m.startswith("callworthy.cli.") and m != "callworthy.cli.main"}
    assert not loaded, loaded
    assert not {m for m in modules if m.startswith(("rich", "callworthy.critique", "yaml"))}


def test_check_of_a_text_makes_no_database(tmp_path: Path) -> None:
    found = imported("check", SCRIPT, env=no_database(tmp_path))
    assert {"rich", "yaml"} <= found  # it did critique and print
    assert not (tmp_path / "data").exists()  # looking for the team's rules made nothing


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_summary_is_the_commands_own(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None and command.name == name
    own = " ".join(inspect.cleandoc(command.help or "").split("\n\n")[0].split())
    assert COMMANDS[name].summary == own, f"update COMMANDS[{name!r}] in cli/main.py"


def test_group_help_is_what_an_eager_group_prints() -> None:
    lazy = CliRunner().invoke(main, ["--help"], terminal_width=100, prog_name="callworthy")
    eager = click.Group(
        name=main.name,
        help=main.help,
        params=main.params,
        context_settings=main.context_settings,
        commands={name: main.get_command(click.Context(main), name) for name in COMMANDS},
    )
    expected = CliRunner().invoke(eager, ["--help"], terminal_width=100, prog_name="callworthy")
    assert lazy.exit_code == 0 and lazy.output == expected.output
    assert "check" in lazy.output and "Critique a voicemail script" in lazy.output


def test_an_unknown_command_is_still_refused() -> None:
    result = CliRunner().invoke(main, ["chek", "Hi"])
    assert result.exit_code == 2 and "No such command 'chek'" in result.output


def test_a_lazy_group_keeps_commands_added_the_eager_way() -> None:
    group = LazyGroup(name="g", lazy={"check": COMMANDS["check"]})

    @click.command("hello")
    def hello() -> None:
        """Say hello."""
        click.echo("hello")

    group.add_command(hello)
    assert group.list_commands(click.Context(group)) == ["check", "hello"]
    assert CliRunner().invoke(group, ["hello"]).output == "hello\n"
    assert set(group.commands) == {"check", "hello"}  # walking the tree imports every command


def _read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    return seen


def test_check_on_a_terminal_says_what_it_expects_and_reads_it(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [EXE, "check", "--format", "json"],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**no_database(tmp_path), "NO_COLOR": "1"},
    )
    os.close(slave)
    try:
        prompt = _read_until(master, b"Ctrl-D", 60)
        assert PROMPT.encode() in prompt.replace(b"\r\n", b"\n")
        os.write(master, SCRIPT.encode() + b"\n\x04")  # the line, then Ctrl-D: end of input
        out, _ = process.communicate(timeout=60)
    finally:
        process.kill()
        os.close(master)
    assert process.returncode == 0
    assert '"score"' in out.decode()


def test_piped_input_gets_no_prompt(tmp_path: Path) -> None:
    done = subprocess.run(
        [EXE, "check", "--format", "json"],
        input=SCRIPT,
        capture_output=True,
        text=True,
        env=no_database(tmp_path),
        check=False,
    )
    assert done.returncode == 0 and '"score"' in done.stdout
    assert done.stderr == ""
