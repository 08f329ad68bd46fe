"""Child processes for the crash and concurrency tests (run as scripts, not collected).

python storage_workers.py import URL FILE [PAUSE_AT]   import, printing each stage
python storage_workers.py log URL REP PHONE COUNT START_AT   log COUNT voicemails
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from callworthy.services.database import identify, open_database
from callworthy.services.importer import import_file
from callworthy.services.prospects import add_prospect
from callworthy.services.tracking import log_voicemail

SCRIPT = "Hi {name}, Dana at 704-555-0100: five ways shippers cut detention fees. 704-555-0100."


def run_import(url: str, path: str, pause_at: str = "") -> None:
    """Import a file, printing each write stage; sleep at pause_at so a test can kill us there."""
    engine = open_database(url)
    actor = identify(engine, "importer")

    def progress(stage: str) -> None:
        print(stage, flush=True)
        if stage == pause_at:
            time.sleep(60)

    print("started", flush=True)
    # The file's callbacks for every tenth person answer no voicemail: stored all the same.
    report = import_file(engine, actor, Path(path), progress=progress, unmatched=True)
    print(f"done {report.voicemails_added}", flush=True)


def run_log(url: str, rep: str, phone: str, count: int, start_at: float) -> None:
    """Log count voicemails as rep for a prospect of its own, all starting at start_at."""
    engine = open_database(url)
    actor = identify(engine, rep)
    prospect = add_prospect(engine, actor, f"Prospect of {rep}", phone=phone)
    time.sleep(max(0.0, start_at - time.time()))
    for _ in range(count):
        log_voicemail(
            engine,
            actor,
            prospect.id,
            "value_tip",
            SCRIPT.format(name=rep),
        )
    print(f"logged {count}", flush=True)


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "import":
        run_import(*args)
    else:
        run_log(args[0], args[1], args[2], int(args[3]), float(args[4]))
