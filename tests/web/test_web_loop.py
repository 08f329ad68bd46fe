"""The loop closes on the web: the log form lists every arm and pre-selects the prospect's,
what you know of a prospect decides what fits, an inferred strategy can be corrected, and
each has its JSON twin. On SQLite and PostgreSQL where permissions matter."""

from __future__ import annotations

import io
import re

from fastapi.testclient import TestClient

from .experiments_log import actor
from .helpers_web import MANAGER, PASSWORD, bearer, csrf, new_token, set_up

SCRIPT = (
    "Hi Jane, it's Ana at 704-555-0100. Three restaurants on your street cut their wait "
    "times last month; I'll email you what they did. 704-555-0100."
)


def _engine(client: TestClient):  # type: ignore[no-untyped-def]
    return client.app.state.engine  # type: ignore[attr-defined]


def _prospect(client: TestClient, name: str = "Jane Doe", **extra: str) -> str:
    token = csrf(client, "/prospects/new")
    response = client.post(
        "/prospects", data={"name": name, "csrf_token": token, **extra}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def _try_half(client: TestClient) -> None:
    for title in ("Their reviews, counted", "A question about Tuesdays"):
        token = csrf(client, "/ideas")
        client.post("/ideas", data={"title": title, "csrf_token": token})
    token = csrf(client, "/ideas")
    started = client.post(
        "/ideas/try-half", data={"baseline": "value_tip", "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    assert started.status_code == 303


def test_the_log_form_lists_every_arm_and_pre_selects_the_prospects(client: TestClient) -> None:
    set_up(client)
    _try_half(client)
    where = _prospect(client)
    pid = where.rsplit("/", 1)[1]
    html = client.get(where).text
    arms = re.search(r'<optgroup label="In the experiment">(.*?)</optgroup>', html, re.S)
    assert arms and "Value tip" in arms.group(1)  # the usual message, and the idea drawn
    assert ("Their reviews, counted" in arms.group(1)) != ("A question about" in arms.group(1))
    assert '<option value="value_tip" selected>' in arms.group(1)  # no arm given yet
    assert '<optgroup label="Other messages">' in html and "Sales lead" in html
    assert '<optgroup label="Logged only' in html and "All about us" in html
    assert 'ask <a href="/experiments#next">what to try next</a>' in html
    # The experiment gives Jane an arm; the form pre-selects it from then on.
    picked = client.post(
        "/experiments/next", data={"prospect_id": pid, "csrf_token": csrf(client, "/experiments")}
    )
    arm = re.search(r'class="strategy" data-strategy="([^"]+)"', picked.text).group(1)  # type: ignore[union-attr]
    again = client.post(
        "/experiments/next", data={"prospect_id": pid, "csrf_token": csrf(client, "/experiments")}
    )
    assert (
        f'data-strategy="{arm}"' in again.text and "gave Jane Doe this message before" in again.text
    )
    html = client.get(where).text
    assert re.search(rf'<option value="{arm}" selected>[^<]*\(their arm\)</option>', html)
    assert 'id="assigned-arm"' in html
    logged = client.post(
        f"{where}/voicemails",
        data={"strategy": arm, "script": SCRIPT, "csrf_token": csrf(client, where)},
        follow_redirects=False,
    )
    assert logged.status_code == 303
    auth = bearer(new_token(client))
    form = client.get(f"/api/v1/prospects/{pid}/log-form", headers=auth).json()
    assert form["assigned"] == arm == form["selected"] and arm in form["arms"]
    assert {s["id"] for s in form["strategies"]} >= {"value_tip", "about_us", *form["arms"]}
    shown = client.get("/api/v1/experiments/current", headers=auth).json()
    assert sum(a["assigned"] for a in shown["arms"]) == 1  # two asks, one assignment
    listed = client.get("/api/v1/strategies", headers=auth).json()
    team = [s for s in listed if s["team"]]
    assert len(team) == 1 and team[0]["id"].startswith("idea_") and team[0]["proposable"]


def test_what_you_know_decides_what_fits_and_is_kept(client: TestClient) -> None:
    set_up(client)
    where = _prospect(
        client, relationship="referred", referred_by="Marcus Webb", lead_name="Harvey Zilch"
    )
    pid = where.rsplit("/", 1)[1]
    token = csrf(client, "/experiments")
    pick = client.post("/experiments/next", data={"prospect_id": pid, "csrf_token": token}).text
    assert "Mutual referral:" not in pick and "Sales lead:" not in pick  # both fit now
    assert "Weather report: humor is off" in pick
    page = client.get(where).text
    assert 'value="Marcus Webb"' in page and 'value="Harvey Zilch"' in page
    changed = client.post(
        f"{where}/known",
        data={"relationship": "cold", "humor_ok": "true", "csrf_token": csrf(client, where)},
        follow_redirects=False,
    )
    assert changed.status_code == 303
    pick = client.post("/experiments/next", data={"prospect_id": pid, "csrf_token": token}).text
    assert "Mutual referral: fits referred prospects, not cold" in pick
    assert "Sales lead: no lead to give them" in pick and "Weather report: fits" in pick
    bad = client.post(
        f"{where}/known", data={"relationship": "married", "csrf_token": csrf(client, where)}
    )
    assert bad.status_code == 422 and "Relationship &#39;married&#39; is unknown" in bad.text
    auth = bearer(new_token(client))
    body = {"relationship": "met_briefly", "lead_name": "Ann Lee", "lead_detail": "a new roof"}
    put = client.put(f"/api/v1/prospects/{pid}/known", json=body, headers=auth)
    assert put.status_code == 200
    assert (put.json()["relationship"], put.json()["lead_name"]) == ("met_briefly", "Ann Lee")
    written = client.get(f"/write?prospect_id={pid}").text
    assert 'value="Ann Lee"' in written  # the Write page starts from what is known
    assert client.put("/api/v1/prospects/999/known", json=body, headers=auth).status_code == 404


def test_an_inferred_strategy_is_marked_and_can_be_corrected(client: TestClient) -> None:
    set_up(client)
    engine = _engine(client)
    who = actor(engine, MANAGER["email"], PASSWORD)
    from callworthy.services.importer import import_stream

    csv = (
        "id,at,prospect,phone,script\n"
        '1,2024-03-04,Tom Baker,(415) 555-0134,"Tom, I was talking with a property manager '
        "yesterday who needs HVAC service for six buildings. Call me, 704-555-0100, and I'll "
        'give you his number."\n'
    )
    import_stream(engine, who, io.BytesIO(csv.encode()), "calls.csv")
    listed = client.get("/prospects").text
    where = re.search(r'href="(/prospects/\d+)"', listed).group(1)  # type: ignore[union-attr]
    html = client.get(where).text
    assert "read from the imported notes" in html and "% sure" in html
    vid = re.search(r'<tr id="voicemail-(\d+)">', html).group(1)  # type: ignore[union-attr]
    fixed = client.post(
        f"{where}/voicemails/{vid}/strategy",
        data={"strategy": "mutual_referral", "csrf_token": csrf(client, where)},
        follow_redirects=False,
    )
    assert fixed.status_code == 303
    html = client.get(where).text
    assert "read from the imported notes" not in html and "Mutual referral" in html
    auth = bearer(new_token(client))
    patched = client.patch(
        f"/api/v1/voicemails/{vid}", json={"strategy": "sales_lead"}, headers=auth
    )
    assert patched.status_code == 200 and patched.json()["strategy"] == "sales_lead"
    refused = client.patch(f"/api/v1/voicemails/{vid}", json={"strategy": "pitch"}, headers=auth)
    assert refused.status_code == 422
    assert (
        client.patch("/api/v1/voicemails/999", json={"strategy": "other"}, headers=auth).status_code
        == 404
    )
    on = client.get("/experiments?inferred=count").text
    off = client.get("/experiments?inferred=leave_out").text
    assert 'value="leave_out" selected' in off and 'value="count" selected' in on
