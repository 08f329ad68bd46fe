"""Corrections through the real app, on SQLite and PostgreSQL: pages and their JSON twins.

Edit and delete prospects, voicemails and callbacks (the owner rep or a manager;
another rep gets 404 exactly as for a missing record), the team's audit log
(managers, a page and a cursor-paged API list) and undo.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from .helpers_web import bearer, csrf, set_up
from .test_web_prospects import two_reps

SCRIPT = "Jane, three ways to fill your chairs this spring; call me at 704-333-1112."
LEAD = (
    "Jane, it's Ana at Acme, 704-333-1112. A builder I met yesterday needs a logistics "
    "partner; call me and I'll give you his number. 704-333-1112."
)


def logged(client: TestClient, headers: dict[str, str]) -> tuple[int, int, int]:
    """Add a prospect, a voicemail and a callback through the API; return their ids."""
    pid = client.post("/api/v1/prospects", json={"name": "Jane Doe"}, headers=headers).json()["id"]
    body = {"strategy": "value_tip", "script": SCRIPT}
    vm = client.post(f"/api/v1/prospects/{pid}/voicemails", json=body, headers=headers).json()["id"]
    call = {"outcome": "meeting"}
    cb = client.post(f"/api/v1/prospects/{pid}/callbacks", json=call, headers=headers).json()["id"]
    return pid, vm, cb


def test_the_api_corrects_logs_and_undoes(db_client: TestClient) -> None:
    manager, rob, rae = two_reps(db_client)
    pid, vm, cb = logged(db_client, bearer(rob))
    fixed = db_client.patch(
        f"/api/v1/callbacks/{cb}", json={"outcome": "returned"}, headers=bearer(rob)
    )
    assert fixed.status_code == 200 and fixed.json()["outcome"] == "returned"
    rescored = db_client.patch(
        f"/api/v1/voicemails/{vm}",
        json={"script": LEAD, "strategy": "sales_lead"},
        headers=bearer(rob),
    )
    assert rescored.json()["strategy"] == "sales_lead" and rescored.json()["script"] == LEAD
    renamed = db_client.patch(
        f"/api/v1/prospects/{pid}", json={"company": "Acme"}, headers=bearer(rob)
    )
    assert renamed.json()["company"] == "Acme" and renamed.json()["name"] == "Jane Doe"
    bad = db_client.patch(f"/api/v1/prospects/{pid}", json={"phone": "12"}, headers=bearer(rob))
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "phone"
    # Another rep: 404 for every record of Rob's, exactly as for a missing one.
    for method, path, body in (
        ("PATCH", f"/api/v1/prospects/{pid}", {"name": "x"}),
        ("DELETE", f"/api/v1/prospects/{pid}", None),
        ("PATCH", f"/api/v1/voicemails/{vm}", {"strategy": "other"}),
        ("DELETE", f"/api/v1/voicemails/{vm}", None),
        ("PATCH", f"/api/v1/callbacks/{cb}", {"notes": "x"}),
        ("DELETE", f"/api/v1/callbacks/{cb}", None),
        ("PATCH", "/api/v1/callbacks/99999", {"notes": "x"}),
    ):
        answer = db_client.request(method, path, json=body, headers=bearer(rae))
        assert answer.status_code == 404, (method, path, answer.text)
    assert db_client.get("/api/v1/changes", headers=bearer(rob)).status_code == 403
    log = db_client.get("/api/v1/changes", params={"limit": 2}, headers=bearer(manager)).json()
    assert [c["kind"] for c in log["items"]] == ["prospect", "voicemail"] and log["next"]
    rest = db_client.get("/api/v1/changes", params={"cursor": log["next"]}, headers=bearer(manager))
    assert [c["after"] for c in rest.json()["items"]] == [{"outcome": "returned"}]
    assert rest.json()["next"] is None
    undone = db_client.post("/api/v1/changes/undo", headers=bearer(rob)).json()  # Rob's last
    assert undone["action"] == "undo" and undone["kind"] == "prospect"
    first = rest.json()["items"][0]["id"]
    assert db_client.post(f"/api/v1/changes/{first}/undo", headers=bearer(rae)).status_code == 404
    assert (
        db_client.post(f"/api/v1/changes/{first}/undo", headers=bearer(manager)).status_code == 200
    )
    history = db_client.get(f"/api/v1/prospects/{pid}", headers=bearer(rob)).json()
    assert (
        history["prospect"]["company"] is None and history["callbacks"][0]["outcome"] == "meeting"
    )
    gone = db_client.delete(f"/api/v1/voicemails/{vm}", headers=bearer(manager)).json()
    assert gone["action"] == "delete" and gone["before"]["callbacks"][0]["id"] == cb
    assert db_client.get(f"/api/v1/prospects/{pid}", headers=bearer(rob)).json()["callbacks"] == []
    again = db_client.post(f"/api/v1/changes/{gone['id']}/undo", headers=bearer(manager))
    assert again.status_code == 200
    assert (
        len(db_client.get(f"/api/v1/prospects/{pid}", headers=bearer(rob)).json()["voicemails"])
        == 1
    )
    twice = db_client.post(f"/api/v1/changes/{gone['id']}/undo", headers=bearer(manager))
    assert twice.status_code == 409 and twice.json()["error"]["type"] == "ChangeStateError"


def test_the_pages_edit_delete_and_undo_with_the_undo_beside_the_change(client: TestClient) -> None:
    set_up(client)
    token = csrf(client, "/prospects/new")
    where = client.post(
        "/prospects", data={"name": "Jane Doe", "csrf_token": token}, follow_redirects=False
    ).headers["location"]
    client.post(
        f"{where}/voicemails", data={"strategy": "value_tip", "script": SCRIPT, "csrf_token": token}
    )
    client.post(f"{where}/callbacks", data={"outcome": "meeting", "csrf_token": token})
    page = client.get(where).text
    assert "/voicemails/1/edit" in page and "/callbacks/1/edit" in page
    form = client.get("/callbacks/1/edit").text
    assert 'value="meeting" checked' in form
    data = {
        "outcome": "returned",
        "notes": "wants a quote",
        "at": "2024-03-05T14:30",
        "csrf_token": token,
    }
    saved = client.post("/callbacks/1/edit", data=data, follow_redirects=False)
    assert saved.status_code == 303 and "?changed=" in saved.headers["location"]
    shown = client.get(saved.headers["location"]).text
    assert 'id="change-notice"' in shown and "Edited callback #1 of Jane Doe" in shown
    assert "wants a quote" in shown and "/changes/1/undo" in shown
    wrong = client.post(
        "/voicemails/1/edit",
        data={
            "strategy": "Sales Lead!",
            "script": SCRIPT,
            "left_at": "2024-03-05T10:00",
            "csrf_token": token,
        },
    )
    assert wrong.status_code == 422 and 'id="strategy-error"' in wrong.text
    deleted = client.post(
        "/voicemails/1/delete", data={"csrf_token": token}, follow_redirects=False
    )
    after = client.get(deleted.headers["location"]).text
    assert "No voicemail yet." in after and "No callback yet." in after
    assert "Deleted voicemail #1 of Jane Doe with 1 callback" in after
    log = client.get("/changes").text
    assert (
        "Edited callback #1 of Jane Doe: at, notes, outcome" in log and "meeting → returned" in log
    )
    undo = client.post("/changes/2/undo", data={"csrf_token": token}, follow_redirects=False)
    back = client.get(undo.headers["location"]).text
    assert "Undone:" in back and "wants a quote" in back and "value_tip" in back
    gone = client.post(f"{where}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert gone.headers["location"].startswith("/prospects?changed=")
    listing = client.get(gone.headers["location"]).text
    assert "Deleted prospect #1 (Jane Doe)" in listing and "No prospects yet" in listing


def test_a_null_for_a_field_that_must_have_a_value_is_a_422_naming_it(client: TestClient) -> None:
    set_up(client)
    from .helpers_web import new_token

    headers = bearer(new_token(client))
    pid, vm, cb = logged(client, headers)
    for path, body, field in (
        (f"/api/v1/prospects/{pid}", {"humor_ok": None}, "humor_ok"),
        (f"/api/v1/prospects/{pid}", {"name": None}, "name"),
        (f"/api/v1/voicemails/{vm}", {"left_at": None}, "left_at"),
        (f"/api/v1/callbacks/{cb}", {"at": None}, "at"),
        (f"/api/v1/callbacks/{cb}", {"at": "yesterday"}, "at"),
    ):
        answer = client.patch(path, json=body, headers=headers)
        assert answer.status_code == 422, (path, body, answer.text)
        assert answer.json()["error"]["field"] == field


def test_the_edit_forms_show_and_take_times_in_the_reps_time_zone(client: TestClient) -> None:
    """A rep in Chicago sees and types Chicago times; what is stored is the same instant."""
    set_up(client)
    from .helpers_web import new_token

    headers = bearer(new_token(client))
    pid, vm, cb = logged(client, headers)
    zone = {"X-CSRF-Token": csrf(client, "/profile")}
    client.post("/profile/time-zone", data={"time_zone": "America/Chicago"}, headers=zone)
    page = client.get(f"/voicemails/{vm}/edit").text
    assert "your time, America/Chicago" in page and "UTC" not in page
    form = {"strategy": "value_tip", "script": SCRIPT, "left_at": "2024-03-05T09:30"}
    saved = client.post(
        f"/voicemails/{vm}/edit",
        data={**form, "csrf_token": csrf(client, f"/voicemails/{vm}/edit")},
    )
    assert saved.status_code < 400, saved.text
    history = client.get(f"/api/v1/prospects/{pid}", headers=headers).json()
    left_at = history["voicemails"][0]["left_at"]
    assert left_at.startswith("2024-03-05T15:30")  # 09:30 in Chicago (CST) is 15:30 UTC
    assert 'value="2024-03-05T09:30"' in client.get(f"/voicemails/{vm}/edit").text
    edit = client.get(f"/callbacks/{cb}/edit").text
    assert "your time, America/Chicago" in edit
