"""The do-not-call list: import numbers, flag matching prospects; `log` refuses them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.crm import CsvTable, header_key, read_csv
from callworthy.errors import CallworthyError, ImportFileError, InputFileError
from callworthy.fields import looks_like_phone, normalise_phone
from callworthy.services.caller import Caller
from callworthy.services.values import DncReport
from callworthy.storage import import_queries as iq
from callworthy.storage import queries
from callworthy.storage.engine import run_write

PHONE_HEADERS = ("phone", "phone number", "number", "telephone", "phone_number", "tel")


def _numbers(table: CsvTable, region: str) -> list[str]:
    """Return the E.164 numbers of the list; raise listing every line that is not a number."""
    columns = [h for h in table.header if header_key(h) in PHONE_HEADERS]
    rows = [(line, row[columns[0]]) for line, row in table.rows] if columns else []
    if not columns:
        if len(table.header) != 1 or not looks_like_phone(table.header[0]):
            wanted = ", ".join(repr(h) for h in PHONE_HEADERS[:3])
            raise ImportFileError(table.path, [(1, f"missing column: {wanted}")])
        # A bare list of numbers, one a line, no header: the first line is a number too.
        rows = [(1, table.header[0])] + [(ln, next(iter(r.values()))) for ln, r in table.rows]
    numbers: list[str] = []
    problems: list[tuple[int | None, str]] = list(table.bad)
    for line, raw in rows:
        if not raw.strip():
            continue
        try:
            numbers.append(normalise_phone(raw, region)[0])
        except CallworthyError:
            problems.append((line, f"unparseable phone number {raw.strip()!r}"))
    if problems:
        raise ImportFileError(table.path, sorted(problems, key=lambda p: p[0] or 0))
    return list(dict.fromkeys(numbers))


def import_dnc(engine: Engine, caller: Caller, path: Path, *, region: str = "US") -> DncReport:
    """Add a do-not-call list's numbers to the team's list and flag the prospects who have them."""
    try:
        with path.open("rb") as stream:
            table = read_csv(stream, str(path), single_column_ok=True)
    except OSError as exc:
        raise InputFileError(f"Cannot read {path}: {exc.strerror}.", "Check the path.") from exc
    numbers = _numbers(table, region)
    source = path.name

    def work(session: Session) -> DncReport:
        known = queries.blocked_numbers(session, caller.team_id)
        fresh = [n for n in numbers if n not in known]
        iq.block_numbers(session, caller.team_id, fresh, source)
        flagged = []
        for prospect in queries.prospects_with_phones(session, caller.team_id, numbers):
            if not prospect.do_not_call:
                flagged.append(f"#{prospect.id} {prospect.name}")
        iq.flag_do_not_call(session, caller.team_id, numbers)
        return DncReport(str(path), len(numbers), len(fresh), len(flagged), tuple(flagged))

    return run_write(engine, work)
