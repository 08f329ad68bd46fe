"""`callworthy serve` on a fresh SQLite file, as a context manager a module can share."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from .helpers_web import PASSWORD


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(folder: Path) -> Iterator[str]:
    """Start the server on a free loopback port with its database in `folder`; its base URL."""
    port = _free_port()
    env = {**os.environ, "CALLWORTHY_SECRET_KEY": "browser-test-key"}
    launcher = "from callworthy.cli import main; main()"
    command = [sys.executable, "-c", launcher, "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--db", str(folder / "browser.sqlite3")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/setup", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"callworthy serve did not start: {err[-2000:]}")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def set_up_in_browser(page: Any, base: str, team: str = "Acme Sales") -> None:
    """Set a team up on the first-run page as its manager, Mia, would; she lands on Check."""
    page.goto(base + "/setup")
    for name, value in {
        "team": team,
        "name": "Mia Manager",
        "email": "mia@example.com",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }.items():
        page.fill(f"input[name={name}]", value)
    page.click("main button[type=submit]")
    page.wait_for_url("**/check")
