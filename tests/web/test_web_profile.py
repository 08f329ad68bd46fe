"""The "Your profile" page and /api/v1/profile, and the pages and API it fills in."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from .helpers_web import bearer, csrf, new_token, set_up

PROSPECT = {"name": "Dana Whitfield", "company": "Bright Smiles", "industry": "dental"}


def _save(client: TestClient, **fields: str) -> object:
    form = {"name": "Mia Manager", "phone": "", "company": "", "region": "US", **fields}
    return client.post("/profile", data={**form, "csrf_token": csrf(client, "/profile")})


def test_the_profile_is_saved_once_and_fills_in_write_and_check(client: TestClient) -> None:
    set_up(client)
    page = client.get("/profile")
    assert page.status_code == 200 and 'name="name" value="Mia Manager"' in page.text
    assert 'type="tel" autocomplete="tel"' in page.text  # attributes, not escaped text
    assert 'href="/profile"' in page.text  # in the navigation
    saved = _save(client, name="Mia Moss", phone="704 333 1112", company="Northwind")
    assert saved.status_code == 200 and "Your profile is saved." in saved.text  # type: ignore[attr-defined]
    write = client.get("/write").text
    assert 'name="rep_name" value="Mia Moss"' in write
    assert 'name="rep_phone" value="(704) 333-1112"' in write
    assert 'name="rep_company" value="Northwind"' in write
    check = client.get("/check").text
    assert re.search(r'name="rep_phone"[^>]*value="\(704\) 333-1112"', check)
    posted = client.post("/check", data={"text": "Hi Sam.", "csrf_token": csrf(client, "/check")})
    assert re.search(r'name="rep_phone"[^>]*value="\(704\) 333-1112"', posted.text)


def test_a_bad_value_is_shown_beside_its_field_and_nothing_is_saved(client: TestClient) -> None:
    set_up(client)
    response = _save(client, phone="020 7946 0000")
    assert response.status_code == 422  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert re.search(r'name="phone"[^>]*aria-invalid="true"[^>]*>\s*<p class="field-error"', text)
    assert 'value="020 7946 0000"' in text  # what was typed stays
    assert "docs/" not in text and "callworthy" not in text.split("<main")[1]
    assert 'name="rep_phone" value=""' in client.get("/write").text


def test_the_api_reads_and_saves_the_profile_and_write_uses_it(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    before = client.get("/api/v1/profile", headers=bearer(token)).json()
    assert before["saved"] is False and before["name"] == "Mia Manager"
    refused = client.post("/api/v1/write", json={"prospect": PROSPECT}, headers=bearer(token))
    assert refused.status_code == 422 and "rep.phone" in refused.json()["error"]["message"]
    put = client.put(
        "/api/v1/profile", json={"phone": "+44 20 7946 0000", "region": "GB"},
        headers=bearer(token),
    )  # fmt: skip
    assert put.status_code == 200, put.text
    assert put.json()["phone_display"] == "020 7946 0000" and put.json()["saved"] is True
    bad = client.put("/api/v1/profile", json={"region": "ZZ"}, headers=bearer(token))
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "region"
    written = client.post("/api/v1/write", json={"prospect": PROSPECT}, headers=bearer(token))
    assert written.status_code == 200, written.text
    assert all("Mia" in c["text"] for c in written.json()["candidates"])
    assert client.get("/api/v1/profile").status_code == 401


def test_the_browsers_time_zone_is_taken_once_and_a_chosen_one_wins(client: TestClient) -> None:
    set_up(client)
    headers = {"X-CSRF-Token": csrf(client, "/profile")}
    sent = client.post("/profile/time-zone", data={"time_zone": "America/Chicago"}, headers=headers)
    assert sent.status_code == 204
    assert 'name="time_zone" value="America/Chicago"' in client.get("/profile").text
    assert 'data-time-zone="America/Chicago"' in client.get("/check").text  # sent once
    _save(client, time_zone="Europe/London")
    client.post("/profile/time-zone", data={"time_zone": "Asia/Tokyo"}, headers=headers)
    assert 'name="time_zone" value="Europe/London"' in client.get("/profile").text
    bad = client.post("/profile/time-zone", data={"time_zone": "Mars/Base"}, headers=headers)
    assert bad.status_code == 204  # ignored: times stay as they were


def test_times_read_in_the_zone_and_relative_within_a_week() -> None:
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from callworthy.web.humane import local, relative

    at = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    assert local(at, ZoneInfo("America/Los_Angeles")) == "2 Mar 2026, 15:30"
    assert relative(at, at + timedelta(days=3, hours=2)) == "3 days ago"
    assert relative(at, at - timedelta(hours=2)) == "in 2 hours"
    assert relative(at, at + timedelta(seconds=20)) == "just now"
