"""Pagination on SQLite and PostgreSQL: numbered pages with their filters, API cursors, limits."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from .helpers_web import bearer, csrf, new_token, set_up

COUNT = 120


def imported(client: TestClient) -> dict[str, str]:
    """Set up, import COUNT prospects (every third tagged "hot"); return a manager's headers."""
    set_up(client)
    headers = bearer(new_token(client))
    rows = ["kind,at,prospect,company,tags"]
    for i in range(COUNT):
        tag = "hot" if i % 3 == 0 else "cold"
        rows.append(f"voicemail,2024-03-04T09:{i % 60:02d}:00Z,Prospect {i:03d},Firm {i},{tag}")
    body = ("\n".join(rows) + "\n").encode()
    files = {"file": ("calls.csv", body, "text/csv")}
    done = client.post("/api/v1/imports", files=files, headers=headers)
    assert done.status_code == 200 and done.json()["prospects_added"] == COUNT, done.text
    return headers


def rows(page: str) -> int:
    """Return how many prospects a list page shows (in the list, not the Call today queue)."""
    listed = page.split('id="prospect-list"', 1)[-1]
    return len(re.findall(r'href="/prospects/\d+"', listed))


def every_page(client: TestClient, headers: dict[str, str], **params: object) -> list[list[str]]:
    """Follow the API's cursors from the first page; return each page's names."""
    pages: list[list[str]] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        found = client.get("/api/v1/prospects", params=query, headers=headers)
        assert found.status_code == 200, found.text
        pages.append([p["name"] for p in found.json()["items"]])
        cursor = found.json()["next"]
        if cursor is None:
            return pages


def test_the_api_pages_by_cursor_in_name_order_with_filters(db_client: TestClient) -> None:
    headers = imported(db_client)
    pages = every_page(db_client, headers, limit=50)
    assert [len(p) for p in pages] == [50, 50, 20]
    names = [name for page in pages for name in page]
    assert names == sorted(names) and len(set(names)) == COUNT
    assert len(every_page(db_client, headers)[0]) == 50  # the default limit
    hot = [n for page in every_page(db_client, headers, tag="hot", limit=7) for n in page]
    assert hot == [f"Prospect {i:03d}" for i in range(0, COUNT, 3)]
    assert every_page(db_client, headers, name="ect 11") == [[f"Prospect 11{i}" for i in range(10)]]
    # A prospect added between two pages neither shifts nor repeats the next page.
    first = db_client.get("/api/v1/prospects", params={"limit": 50}, headers=headers).json()
    db_client.post("/api/v1/prospects", json={"name": "Aaron First"}, headers=headers)
    second = db_client.get(
        "/api/v1/prospects", params={"limit": 50, "cursor": first["next"]}, headers=headers
    ).json()
    assert second["items"][0]["name"] == "Prospect 050"


def test_limits_and_cursors_that_are_not_ours_are_refused_naming_the_field(
    db_client: TestClient,
) -> None:
    headers = imported(db_client)
    refusals = [({"limit": 0}, "limit"), ({"limit": 201}, "limit")]
    refusals += [({"cursor": "not-a-cursor"}, "cursor"), ({"cursor": "WzFd"}, "cursor")]
    for params, field in refusals:
        refused = db_client.get("/api/v1/prospects", params=params, headers=headers)
        assert refused.status_code == 422, params
        assert refused.json()["error"]["field"] == field
    assert len(db_client.get("/api/v1/prospects?limit=200", headers=headers).json()["items"]) == 120


def test_the_page_shows_50_with_page_links_that_keep_the_filters(db_client: TestClient) -> None:
    imported(db_client)
    first = db_client.get("/prospects").text
    assert rows(first) == 50 and "120 in all" in first
    assert re.search(r'<a rel="next" href="[^"]*page=2', first)
    tagged = db_client.get("/prospects", params={"tag": "hot", "page": 1}).text
    assert rows(tagged) == 40 and "Prospect 000" in tagged
    listed = tagged.split('id="prospect-list"')[1]  # the Call today queue is never filtered
    assert "Prospect 001" not in listed and 'class="pager"' not in tagged  # one page only
    cold = db_client.get("/prospects", params={"tag": "cold", "q": "prospect"}).text
    link = re.search(r'<a rel="next" href="([^"]+)"', cold)
    assert link is not None and "tag=cold" in link.group(1) and "q=prospect" in link.group(1)
    second = db_client.get(link.group(1).replace("&amp;", "&")).text
    assert rows(second) == 30 and 'aria-current="page">2<' in second
    last = db_client.get("/prospects", params={"page": 999}).text
    assert 'aria-current="page">3<' in last and rows(last) == 20
    bad = db_client.get("/prospects", params={"page": 0})
    assert bad.status_code == 422 and "query." not in bad.text and "The form could not" in bad.text


def test_the_other_api_lists_page_too(client: TestClient) -> None:
    set_up(client)
    headers = bearer(new_token(client))
    for title in ("First idea", "Second idea", "Third idea"):
        assert (
            client.post("/api/v1/ideas", json={"title": title}, headers=headers).status_code == 201
        )
    client.post("/ideas/2/vote", data={"csrf_token": csrf(client, "/ideas")})
    first = client.get("/api/v1/ideas", params={"limit": 2}, headers=headers).json()
    assert [i["title"] for i in first["items"]] == ["Second idea", "First idea"]
    rest = client.get("/api/v1/ideas", params={"cursor": first["next"]}, headers=headers).json()
    assert [i["title"] for i in rest["items"]] == ["Third idea"] and rest["next"] is None
    assert client.get("/api/v1/rules/team", headers=headers).json() == {"items": [], "next": None}
