"""CRM import on both backends: each format, idempotence, dry runs and every kind of bad file."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from callworthy.errors import ImportFileError, InputFileError, UnknownStrategyError
from callworthy.services import experiments, tracking
from callworthy.services.caller import Caller
from callworthy.services.importer import import_file
from callworthy.services.prospects import add_prospect, find_prospect, list_prospects
from callworthy.storage.engine import read_session
from callworthy.storage.tables import Callback, Prospect, Voicemail

FIXTURES = Path(__file__).parents[1] / "fixtures" / "crm"
NOW_STATS = datetime(2024, 6, 1, tzinfo=UTC)


def counts(engine: Engine) -> tuple[int, int, int]:
    """Return how many prospects, voicemails and callbacks are stored."""
    with read_session(engine) as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(t)) for t in (Prospect, Voicemail, Callback)
        )


def write(tmp_path: Path, text: str, name: str = "calls.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_hubspot_calls_export(db_engine: Engine, caller: Caller) -> None:
    report = import_file(db_engine, caller, FIXTURES / "hubspot_calls.csv", format_name="hubspot")
    assert (report.rows, report.voicemails_added, report.callbacks_added) == (7, 3, 1)
    assert report.prospects_added == 3
    assert [s.line for s in report.skipped] == [3, 5, 8]  # no answer, busy, wrong number
    assert "'No answer' is not a voicemail left" in report.skipped[0].reason
    jane = tracking.history(db_engine, caller, find_prospect(db_engine, caller, "Jane Doe"))
    assert jane.prospect.phone == "+17043331112"
    assert jane.prospect.company == "Acme Logistics"
    assert jane.prospect.time_zone == "America/New_York"
    assert jane.voicemails[0].left_at == datetime(2024, 3, 4, 9, 12, tzinfo=UTC)
    assert jane.voicemails[0].external_id == "hubspot:41022871301"
    assert jane.voicemails[0].rep == "Alice Rep"
    assert jane.callbacks[0].voicemail_id == jane.voicemails[0].id
    assert jane.callbacks[0].outcome == "returned"
    assert counts(db_engine) == (3, 3, 1)


def test_hubspot_tasks_export_semicolons_bom_crlf(db_engine: Engine, caller: Caller) -> None:
    report = import_file(db_engine, caller, FIXTURES / "hubspot_tasks.csv", format_name="hubspot")
    assert (report.voicemails_added, report.callbacks_added, report.prospects_added) == (2, 0, 2)
    reasons = {s.line: s.reason for s in report.skipped}
    assert "not a call" in reasons[3] and "not completed" in reasons[5]
    names = {p.name for p in list_prospects(db_engine, caller)}
    assert names == {"Jane Doe", "Priya Shah"}


def test_salesforce_task_report_with_footer(db_engine: Engine, caller: Caller) -> None:
    report = import_file(
        db_engine,
        caller,
        FIXTURES / "salesforce_tasks.csv",
        format_name="salesforce",
        time_zone="America/New_York",
    )
    assert (report.voicemails_added, report.callbacks_added, report.prospects_added) == (2, 2, 2)
    assert len(report.skipped) == 2
    dana = tracking.history(db_engine, caller, find_prospect(db_engine, caller, "Dana Whitfield"))
    assert dana.prospect.role == "Operations Director"
    assert dana.voicemails[0].left_at == datetime(2024, 3, 4, 14, 12, tzinfo=UTC)  # 9:12 AM EST
    assert [c.outcome for c in dana.callbacks] == ["meeting"]
    luis = tracking.history(db_engine, caller, find_prospect(db_engine, caller, "Luis Romero"))
    assert luis.callbacks[0].outcome == "not_interested"
    assert luis.callbacks[0].voicemail_id == luis.voicemails[0].id


def test_generic_format(db_engine: Engine, caller: Caller) -> None:
    report = import_file(db_engine, caller, FIXTURES / "generic.csv")
    assert (report.voicemails_added, report.callbacks_added, report.prospects_added) == (3, 1, 3)
    ana = tracking.history(db_engine, caller, find_prospect(db_engine, caller, "Ana Lima"))
    assert ana.voicemails[0].score == 78 and ana.voicemails[0].strategy == "value_tip"
    assert ana.prospect.tags == ("boston", "hot") or set(ana.prospect.tags) == {"hot", "boston"}
    assert ana.prospect.external_id == "c-1"
    assert ana.callbacks[0].outcome == "meeting"
    assert ana.callbacks[0].notes == "Wants the permit list walkthrough"
    chen = tracking.history(db_engine, caller, find_prospect(db_engine, caller, "Chen Wei"))
    assert chen.prospect.time_zone == "Europe/London"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("hubspot_calls.csv", "hubspot"),
        ("hubspot_tasks.csv", "hubspot"),
        ("salesforce_tasks.csv", "salesforce"),
        ("generic.csv", "generic"),
    ],
)
def test_reimporting_the_same_file_adds_nothing(
    db_engine: Engine, caller: Caller, name: str, fmt: str
) -> None:
    first = import_file(db_engine, caller, FIXTURES / name, format_name=fmt)
    before = counts(db_engine)
    again = import_file(db_engine, caller, FIXTURES / name, format_name=fmt)
    assert counts(db_engine) == before
    assert (again.voicemails_added, again.callbacks_added, again.prospects_added) == (0, 0, 0)
    assert again.already_present == first.voicemails_added + first.callbacks_added


def test_dry_run_writes_nothing(db_engine: Engine, caller: Caller) -> None:
    report = import_file(
        db_engine, caller, FIXTURES / "hubspot_calls.csv", format_name="hubspot", dry_run=True
    )
    assert report.dry_run and report.voicemails_added == 3 and report.prospects_added == 3
    assert counts(db_engine) == (0, 0, 0)


def test_import_matches_existing_prospects_by_phone(db_engine: Engine, caller: Caller) -> None:
    add_prospect(db_engine, caller, "J. Doe", phone="704.333.1112")
    report = import_file(db_engine, caller, FIXTURES / "hubspot_calls.csv", format_name="hubspot")
    assert report.prospects_added == 2
    assert (
        len(
            tracking.history(
                db_engine, caller, find_prospect(db_engine, caller, "J. Doe")
            ).voicemails
        )
        == 1
    )


HEADER = "id,at,prospect,phone,strategy\n"
BAD_FILES = {
    "missing column": ("id,prospect,phone\n1,Ann,(704) 333-1112\n", 1, "missing column"),
    "bad date": (
        HEADER + "1,2024-03-04,Ann,(704) 333-1112,other\n2,yesterday,Bo,,other\n",
        3,
        "bad date",
    ),
    "bad phone": (HEADER + "1,2024-03-04,Ann,555-12,other\n", 2, "unparseable phone number"),
    "duplicate row": (
        HEADER + "7,2024-03-04,Ann,,other\n7,2024-03-04,Ann,,other\n",
        3,
        "duplicate of line 2",
    ),
    "ragged row": (HEADER + "1,2024-03-04,Ann\n", 2, "3 fields where the header has 5"),
    "unterminated quote": (HEADER + '1,2024-03-04,"Ann,(704) 333-1112,other\n', 2, "malformed"),
    "no prospect": (HEADER + "1,2024-03-04,,,other\n", 2, "no prospect name and no phone"),
    "bad strategy": (HEADER + "1,2024-03-04,Ann,,Sales Pitch!\n", 2, "not one of your team"),
    "not csv": ("Dear Alice,\nplease find the calls attached.\n", 1, "not a CSV file"),
    "empty": ("", None, "the file is empty"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_reported_and_nothing_written(
    db_engine: Engine, caller: Caller, tmp_path: Path, case: str
) -> None:
    text, line, reason = BAD_FILES[case]
    good_row = "99,2024-03-05,Zed,(617) 253-1000,other\n"
    path = write(tmp_path, text + (good_row if text.startswith(HEADER) else ""))
    with pytest.raises(ImportFileError) as caught:
        import_file(db_engine, caller, path)
    assert any(p_line == line and reason in why for p_line, why in caught.value.problems), (
        caught.value.problems
    )
    assert "Nothing was written" in caught.value.message
    assert counts(db_engine) == (0, 0, 0)


def test_wrong_encoding(db_engine: Engine, caller: Caller, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "1,2024-03-04,José Núñez,,other\n", encoding="latin-1")
    with pytest.raises(ImportFileError, match="not UTF-8") as caught:
        import_file(db_engine, caller, path)
    assert caught.value.problems[0][0] == 2
    assert counts(db_engine) == (0, 0, 0)


def test_binary_file(db_engine: Engine, caller: Caller, tmp_path: Path) -> None:
    path = tmp_path / "calls.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" * 20)
    with pytest.raises(ImportFileError, match="binary"):
        import_file(db_engine, caller, path)


def test_missing_file(db_engine: Engine, caller: Caller, tmp_path: Path) -> None:
    with pytest.raises(InputFileError):
        import_file(db_engine, caller, tmp_path / "nope.csv")


def test_every_bad_row_is_reported(db_engine: Engine, caller: Caller, tmp_path: Path) -> None:
    rows = [f"{i},2024-03-04,P{i},(617) 253-1000,other" for i in range(1, 4)]
    rows[1] = "2,not a date,P2,,other"
    rows.append("4,2024-03-04,P4,12,other")
    path = write(tmp_path, HEADER + "\n".join(rows) + "\n")
    with pytest.raises(ImportFileError) as caught:
        import_file(db_engine, caller, path)
    assert [line for line, _ in caught.value.problems] == [3, 5]
    assert counts(db_engine) == (0, 0, 0)


def test_keep_going_imports_the_good_rows(
    db_engine: Engine, caller: Caller, tmp_path: Path
) -> None:
    path = write(tmp_path, HEADER + "1,2024-03-04,Ann,,other\n2,nonsense,Bo,,other\n")
    report = import_file(db_engine, caller, path, keep_going=True)
    assert report.voicemails_added == 1
    assert [(r.line, "bad date" in r.reason) for r in report.rejected] == [(3, True)]


def test_column_mapping_override(db_engine: Engine, caller: Caller, tmp_path: Path) -> None:
    path = write(tmp_path, "when,who,Mobile\n2024-03-04 10:00,Ann,(617) 253-1000\n")
    with pytest.raises(ImportFileError, match="missing column"):
        import_file(db_engine, caller, path)
    report = import_file(db_engine, caller, path, columns={"at": "when", "phone": "Mobile"})
    assert report.voicemails_added == 1
    assert list_prospects(db_engine, caller)[0].phone == "+16172531000"


def test_export_then_import_round_trip(db_engine: Engine, caller: Caller, tmp_path: Path) -> None:
    import_file(db_engine, caller, FIXTURES / "salesforce_tasks.csv", format_name="salesforce")
    rows = tracking.export_rows(db_engine, caller)
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=tracking.EXPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    from callworthy.services.database import identify, open_database

    other = open_database(str(tmp_path / "other.sqlite3"))
    try:
        actor = identify(other, "alice")
        report = import_file(other, actor, path)
        assert (report.voicemails_added, report.callbacks_added) == (2, 2)
        dana = tracking.history(other, actor, find_prospect(other, actor, "Dana Whitfield"))
        assert dana.callbacks[0].voicemail_id == dana.voicemails[0].id
    finally:
        other.dispose()


def test_a_row_with_too_many_fields_is_one_bad_row_among_the_others(
    db_engine: Engine, caller: Caller, tmp_path: Path
) -> None:
    text = (
        HEADER
        + "1,2024-03-04,Ann,,other\n"
        + "2,2024-03-04,Bo,,other,surplus,fields\n"  # too many fields
        + "3,yesterday,Cy,,other\n"  # a bad date after it is still reported
        + "4,2024-03-04,Di,,other\n"
    )
    path = write(tmp_path, text)
    with pytest.raises(ImportFileError) as caught:
        import_file(db_engine, caller, path)
    assert [line for line, _ in caught.value.problems] == [3, 4]
    assert "7 fields where the header has 5" in caught.value.problems[0][1]
    assert counts(db_engine) == (0, 0, 0)
    report = import_file(db_engine, caller, path, keep_going=True)
    assert report.voicemails_added == 2 and [r.line for r in report.rejected] == [3, 4]
    assert report.rows == 4  # the row of the wrong shape is one of the file's rows


def test_keep_going_counts_every_row_and_lists_every_bad_line(
    db_engine: Engine, caller: Caller, tmp_path: Path
) -> None:
    text = (
        HEADER
        + "1,yesterday,Ann,,other\n"  # a bad date
        + "2,2024-03-04,Bo\n"  # too few fields
        + "3,2024-03-04,Cy,,other\n"
        + "4,2024-13-05,Di,,other\n"  # a month 13
    )
    report = import_file(db_engine, caller, write(tmp_path, text), keep_going=True)
    assert report.rows == 4
    assert [r.line for r in report.rejected] == [2, 3, 5]
    assert "3 fields where the header has 5" in report.rejected[1].reason
    assert report.voicemails_added == 1 and counts(db_engine)[1] == 1


@pytest.mark.parametrize(
    ("cell", "says"),
    [
        ("N" * 100_000, "the name has 100,000 characters; it may have at most 200"),
        ("Ann\x07Lee", "the name holds a control character (U+0007)"),
        ("Ann\x1b[2JLee", "the name holds a control character (U+001B)"),
    ],
)
def test_an_import_refuses_what_no_form_would_take(
    db_engine: Engine, caller: Caller, tmp_path: Path, cell: str, says: str
) -> None:
    path = write(tmp_path, HEADER + f"1,2024-03-04,{cell},,other\n2,2024-03-04,Bo,,other\n")
    with pytest.raises(ImportFileError) as caught:
        import_file(db_engine, caller, path)
    assert caught.value.problems == [(2, says)]
    report = import_file(db_engine, caller, path, keep_going=True)
    assert report.voicemails_added == 1
    assert [p.name for p in list_prospects(db_engine, caller)] == ["Bo"]


# --- CRM history as evidence (issue 13) ------------------------------------------------------


def test_notes_that_hold_a_script_are_scored_and_their_strategy_inferred(
    db_engine: Engine, caller: Caller
) -> None:
    import_file(db_engine, caller, FIXTURES / "hubspot_calls.csv", format_name="hubspot")
    tom = tracking.history(db_engine, caller, find_prospect(db_engine, caller, "Tom Baker"))
    (lead,) = tom.voicemails
    assert (lead.strategy, lead.inferred) == ("sales_lead", True)  # "... needs HVAC service"
    assert lead.confidence is not None and 0.5 < lead.confidence <= 1
    assert lead.score is not None and lead.rules_version is not None
    maria = tracking.history(db_engine, caller, find_prospect(db_engine, caller, "Maria Garcia"))
    (note,) = maria.voicemails  # "Left a message with the front desk: ...": no script
    assert (note.strategy, note.inferred, note.score) == ("other", False, None)
    with_ = experiments.stats(db_engine, caller, now=NOW_STATS)
    without = experiments.stats(db_engine, caller, now=NOW_STATS, inferred=False)
    assert {r.strategy for r in with_.rows} >= {"sales_lead", "other"}
    assert "sales_lead" not in {r.strategy for r in without.rows if r.voicemails}
    fixed = tracking.correct_strategy(db_engine, caller, lead.id, "mutual_referral")
    assert (fixed.strategy, fixed.inferred, fixed.confidence) == ("mutual_referral", False, None)
    with pytest.raises(UnknownStrategyError):
        tracking.correct_strategy(db_engine, caller, lead.id, "cold_open")


def test_a_strategy_the_file_or_the_command_names_is_not_inferred(
    db_engine: Engine, caller: Caller, tmp_path: Path
) -> None:
    text = HEADER.replace("strategy", "strategy,script") + (
        "1,2024-03-04,Ann,(704) 333-1112,reasons_people_buy,"
        '"Hi Ann, it\'s Bo at 704-555-0100: three reasons diners pick a bistro. 704-555-0100."\n'
        '2,2024-03-05,Ann,(704) 333-1112,,"Hi Ann, Bo here at 704-555-0100 with the weather '
        'today: grey over here, sunny once you call. 704-555-0100."\n'
    )
    report = import_file(db_engine, caller, write(tmp_path, text), strategy="resources")
    assert report.voicemails_added == 2
    ann = tracking.history(db_engine, caller, find_prospect(db_engine, caller, "Ann"))
    assert [(v.strategy, v.inferred) for v in ann.voicemails] == [
        ("reasons_buy", False),  # the id of earlier versions, read as today's
        ("resources", False),
    ]
    assert all(v.score is not None for v in ann.voicemails)
    with pytest.raises(UnknownStrategyError):
        import_file(db_engine, caller, write(tmp_path, text), strategy="cold_open")


def test_a_callback_that_answers_no_voicemail_is_refused_unless_unmatched(
    db_engine: Engine, caller: Caller, tmp_path: Path
) -> None:
    text = (
        "id,kind,at,prospect,phone,strategy,outcome\n"
        "1,callback,2024-03-04T10:00:00Z,Ann,(704) 333-1112,,returned\n"
        "2,voicemail,2024-03-05T10:00:00Z,Ann,(704) 333-1112,value_tip,\n"
        "3,callback,2024-03-06T10:00:00Z,Ann,(704) 333-1112,,meeting\n"
    )
    path = write(tmp_path, text)
    for dry_run in (True, False):
        with pytest.raises(ImportFileError) as caught:
            import_file(db_engine, caller, path, dry_run=dry_run)
        assert caught.value.problems == [(2, "a callback that answers no voicemail before it")]
        assert counts(db_engine) == (0, 0, 0)
    kept = import_file(db_engine, caller, path, keep_going=True, dry_run=True)
    assert (kept.callbacks_added, [p.line for p in kept.rejected]) == (1, [2])
    assert counts(db_engine) == (0, 0, 0)
    stored = import_file(db_engine, caller, path, unmatched=True)
    assert (stored.voicemails_added, stored.callbacks_added) == (1, 2)
