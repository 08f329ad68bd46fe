"""Benchmark the prospects list with a big team: `/prospects` and `GET /api/v1/prospects`.

Builds a SQLite database of N prospects (57,000 by default: the issue's team) through
the real import, logs a manager in through the real app, and prints the median
time and the size of each answer over a few rounds. Run it on this version and on
an earlier one (PYTHONPATH=/path/to/old/src) to compare: before pagination the page
and the API answered every prospect at once. Only prints figures, never fails on time.

    .venv/bin/python bench/prospects_page.py [--prospects 57000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from callworthy.services.caller import caller_for
from callworthy.services.database import open_database
from callworthy.services.importer import import_stream
from callworthy.web.app import create_app
from callworthy.web.settings import Settings

PASSWORD = "correct horse battery staple"
MANAGER = {"team": "Acme", "name": "Mia Manager", "email": "mia@example.com"}


def build(path: Path, count: int) -> None:
    """Create the database with one manager and `count` prospects (one voicemail each)."""
    from callworthy.services import accounts

    engine = open_database(str(path))
    account = accounts.set_up(engine, MANAGER["team"], MANAGER["name"], MANAGER["email"], PASSWORD)
    rows = ["kind,at,prospect,company,phone,tags"]
    for i in range(count):
        rows.append(f"voicemail,2024-03-04T09:00:00Z,Prospect {i:06d},Firm {i % 900},,t{i % 7}")
    data = io.BytesIO(("\n".join(rows) + "\n").encode())
    import_stream(engine, caller_for(account), data, "bench.csv")
    engine.dispose()


def log_in(client: TestClient) -> dict[str, str]:
    """Log the manager in (cookie kept by the client); return an API token header."""
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    form = {"email": MANAGER["email"], "password": PASSWORD, "csrf_token": token.group(1)}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    page = client.get("/tokens").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    made = client.post("/tokens", data={"name": "bench", "csrf_token": token.group(1)}).text
    found = re.search(r'id="new-token">([^<]+)<', made)
    assert found
    return {"Authorization": f"Bearer {found.group(1)}"}


def measure(
    client: TestClient, path: str, headers: dict[str, str], rounds: int
) -> tuple[float, int]:
    """Return the median seconds and the size in bytes of GET path."""
    times, size = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        answer = client.get(path, headers=headers)
        times.append(time.perf_counter() - started)
        assert answer.status_code == 200, answer.text[:300]
        size = len(answer.content)
    return statistics.median(times), size


def main() -> None:
    """Build the database, then time the list's answers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prospects", type=int, default=57_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        build(path, args.prospects)
        print(f"{args.prospects:,} prospects imported in {time.perf_counter() - started:.1f} s")
        settings = Settings(database_url=str(path), secret_key="bench-key")
        app = create_app(settings)
        with TestClient(app) as client:
            auth = log_in(client)
            paths = [("page", "/prospects", {}), ("API", "/api/v1/prospects", auth)]
            paths += [("page 1,000", "/prospects?page=1000", {})]
            paths += [("tag filter", "/prospects?tag=t3&page=200", {})]
            for label, where, headers in paths:
                seconds, size = measure(client, where, headers, args.rounds)
                print(f"{label:<11} GET {where:<28} median {seconds * 1000:8.1f} ms  "
                      f"{size:>12,} bytes")  # fmt: skip
        app.state.engine.dispose()


if __name__ == "__main__":
    main()
