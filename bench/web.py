"""Benchmark the web app on loopback: requests/second and p50/p99 latency.

Starts `callworthy serve` (1-2 workers) on a free 127.0.0.1 port with a fresh SQLite
file, sets it up, then drives `POST /api/v1/critique` (token) and the Check page's
live partial `POST /check/critique` (session + CSRF), plus `GET /check`. Uses wrk
when installed (apt-get install wrk), else a bounded asyncio httpx loop. Bounded in
time and count; loopback only. Target (issue #6): >= 500 req/s with p99 < 50 ms on
2 cores. Never fails on time: it only prints figures.

`--flood N` then measures `GET /check` again while N connections flood `POST /login` with
wrong passwords for ever-new e-mails (a spray from many addresses: the server is started
with a per-address limit too high to stop it, so every try reaches Argon2), and prints the
page's p99 without and with the flood, what the flood got (401s, 503s when the password
queue is full) and the server's memory (the sum of its processes' resident sets).

    .venv/bin/python bench/web.py [--workers 2] [--seconds 5] [--connections 2,4,16] [--client wrk]
    .venv/bin/python bench/web.py --connections 4 --flood 16
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

SCRIPT = (
    "Hi John, it's Ana at 555-123-4567. I was talking to a builder yesterday who needs a "
    "caterer like you for forty sites; call me and I'll give you his number. 555-123-4567."
)
PASSWORD = "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(workers: int, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    # A flood from "many addresses": loopback is one, so its own limit is lifted here.
    env = {
        **os.environ,
        "CALLWORTHY_SECRET_KEY": "bench-key",
        "CALLWORTHY_LOGIN_ADDRESS_ATTEMPTS": "1000000000",
    }
    launcher = "from callworthy.cli import main; main()"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            launcher,
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--db",
            str(folder / "bench.sqlite3"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/setup", timeout=1).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("callworthy serve did not start")


def set_up(base: str) -> tuple[str, dict[str, str]]:
    """Create the manager; return an API token and the headers of a logged-in browser."""
    with httpx.Client(base_url=base, follow_redirects=True) as client:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/setup").text)
        assert csrf
        form = {
            "team": "Bench",
            "name": "Ben",
            "email": "ben@example.com",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "csrf_token": csrf.group(1),
        }
        page = client.post("/setup", data=form).text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert csrf
        tokens = client.post("/tokens", data={"name": "bench", "csrf_token": csrf.group(1)}).text
        token = re.search(r'id="new-token">([^<]+)<', tokens)
        assert token
        cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        # The partial takes the token of the session the cookie carries.
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/check").text)
        assert csrf
        cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        return token.group(1), {"Cookie": cookie, "X-CSRF-Token": csrf.group(1)}


def targets(
    token: str, browser: dict[str, str]
) -> list[tuple[str, str, str, dict[str, str], bytes]]:
    api_body = json.dumps({"text": SCRIPT}).encode()
    form_body = httpx.QueryParams({"text": SCRIPT}).__str__().encode()
    return [
        (
            "POST /api/v1/critique",
            "POST",
            "/api/v1/critique",
            {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            api_body,
        ),
        (
            "POST /check/critique (live partial)",
            "POST",
            "/check/critique",
            {**browser, "HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded"},
            form_body,
        ),
        ("GET /check (page)", "GET", "/check", {"Cookie": browser["Cookie"]}, b""),
    ]


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:  # wrk printed something else (e.g. nan): report it as not measured
        return float("nan")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(
    base: str,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes,
    seconds: int,
    connections: int,
) -> tuple[float, float, float, int]:
    lua = [f'wrk.method = "{method}"', f"wrk.body = {json.dumps(body.decode())}"]
    lua += [f'wrk.headers["{k}"] = {json.dumps(v)}' for k, v in headers.items()]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write("\n".join(lua) + "\n")
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            handle.name,
            base + path,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    os.unlink(handle.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


async def _httpx(
    base: str,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes,
    seconds: int,
    connections: int,
) -> tuple[float, float, float, int]:
    latencies: list[float] = []
    bad = 0
    stop = time.monotonic() + seconds
    limit = 20_000  # bounded count as well as time

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal bad
        while time.monotonic() < stop and len(latencies) < limit:
            began = time.perf_counter()
            response = await client.request(method, path, headers=headers, content=body or None)
            latencies.append((time.perf_counter() - began) * 1000)
            bad += response.status_code >= 400

    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits) as client:
        began = time.monotonic()
        await asyncio.gather(*(worker(client) for _ in range(connections)))
        elapsed = time.monotonic() - began
    q = statistics.quantiles(latencies, n=100)
    return len(latencies) / elapsed, q[49], q[98], bad


def rss_mb(pid: int) -> float:
    """Return the resident memory of a process and its children (MB), from /proc."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total / 1024


def flood_logins(base: str, connections: int, stop: threading.Event, seen: Counter[int]) -> None:
    """POST /login with wrong passwords for new e-mails on N connections until stopped."""

    async def run() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            page = (await client.get("/login")).text
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
            assert csrf
            counter = iter(range(10**9))

            async def one() -> None:
                while not stop.is_set():
                    data = {
                        "email": f"guess{next(counter)}@example.com",
                        "password": "wrong password!",
                        "csrf_token": csrf.group(1),
                    }
                    try:
                        seen[(await client.post("/login", data=data)).status_code] += 1
                    except httpx.TransportError:
                        seen[0] += 1

            await asyncio.gather(*(one() for _ in range(connections)))

    asyncio.run(run())


def measure(
    args: argparse.Namespace,
    base: str,
    target: tuple[str, str, str, dict[str, str], bytes],
    connections: int,
) -> tuple[float, float, float, int]:
    _name, method, path, headers, body = target
    if args.client == "wrk":
        return run_wrk(base, method, path, headers, body, args.seconds, connections)
    return asyncio.run(_httpx(base, method, path, headers, body, args.seconds, connections))


def flood_report(
    args: argparse.Namespace,
    process: subprocess.Popen[bytes],
    base: str,
    page: tuple[str, str, str, dict[str, str], bytes],
    connections: int,
) -> None:
    """Print the page's figures without, then with, a log-in flood."""
    print(
        f"\nlog-in flood: {args.flood} connections of POST /login (wrong passwords, new e-mails); "
        f"page {page[0]} at {connections} connections"
    )
    quiet = measure(args, base, page, connections)
    idle_mb = rss_mb(process.pid)
    stop, seen = threading.Event(), Counter[int]()
    flooder = threading.Thread(target=flood_logins, args=(base, args.flood, stop, seen))
    flooder.start()
    time.sleep(1.0)
    peak = [idle_mb]

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], rss_mb(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    began = time.monotonic()
    loud = measure(args, base, page, connections)
    elapsed = time.monotonic() - began
    stop.set()
    flooder.join()
    sampler.join()
    print(f"{'':24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for label, (rps, p50, p99, errors) in (("page, no flood", quiet), ("page, during flood", loud)):
        print(f"{label:24} {rps:8.0f} {p50:8.1f} {p99:8.1f} {errors:7d}")
    total = sum(seen.values())
    print(
        f"flood: {total} log-ins in about {elapsed + 1:.0f} s, "
        f"by status {dict(sorted(seen.items()))}"
    )
    print(f"server memory (all processes): {idle_mb:.0f} MB before, {peak[0]:.0f} MB peak during")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, choices=(1, 2))
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument(
        "--connections",
        default="2,4,16",
        help="Comma-separated connection counts: a moderate load, then saturation.",
    )
    parser.add_argument(
        "--client", choices=("wrk", "httpx"), default="wrk" if shutil.which("wrk") else "httpx"
    )
    parser.add_argument(
        "--flood",
        type=int,
        default=0,
        metavar="N",
        help="Then measure GET /check without and with N connections flooding POST /login.",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        process, base = start(args.workers, Path(folder))
        try:
            token, browser = set_up(base)
            for connections in (int(c) for c in args.connections.split(",")):
                print(
                    f"callworthy serve --workers {args.workers} on loopback; client "
                    f"{args.client}, {connections} connections, {args.seconds} s per target; "
                    f"{os.cpu_count()} CPUs"
                )
                print(f"{'target':38} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
                for name, method, path, headers, body in targets(token, browser):
                    if args.client == "wrk":
                        figures = run_wrk(
                            base, method, path, headers, body, args.seconds, connections
                        )
                    else:
                        figures = asyncio.run(
                            _httpx(base, method, path, headers, body, args.seconds, connections)
                        )
                    rps, p50, p99, errors = figures
                    print(f"{name:38} {rps:8.0f} {p50:8.1f} {p99:8.1f} {errors:7d}")
            if args.flood:
                page = targets(token, browser)[2]
                flood_report(args, process, base, page, int(args.connections.split(",")[0]))
        finally:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
