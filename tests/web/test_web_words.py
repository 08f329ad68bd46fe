"""Every page, and its error states, speaks the rep's words: no developers' words on a page.

The real app renders each page a manager can open (after adding a prospect and logging a
voicemail) and each form's error; the visible text is searched for what a rep cannot act
on: rule ids, principle codes, docs file names, CLI commands, strftime formats, pydantic
locations and snake_case ids. The ids stay in the JSON (checked last). The templates
themselves are searched as the before-stop hook does.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from callworthy.critique import default_rules
from callworthy.diagnose import default_model
from callworthy.phoneability import default_quiz

from .helpers_web import MANAGER_PAGES as PAGES
from .helpers_web import bearer, csrf, new_token, set_up

TEMPLATES = Path(__file__).parents[2] / "src" / "callworthy" / "web" / "templates"
SCRIPT = (
    "Hi Dana, this is Ana from Acme. We are a leading provider of solutions. "
    "Call me back at 704-333-1112. Thanks!"
)
#: What a page must never show, by what it is.
PATTERNS = {
    "a principle code": re.compile(r"\bP(?:1[0-4]|[1-9])\b"),
    "a docs file": re.compile(r"\b[\w/-]+\.md\b"),
    "a CLI command": re.compile(r"`callworthy|\bcallworthy [a-z]"),
    "a format string": re.compile(r"%[YmdHMSz]"),
    "a pydantic location": re.compile(r"\b\w+\.\w+: |Value error|Field required|Input should"),
    "a snake_case id": re.compile(r"\b[a-z]+_[a-z_]+\b"),
    "a code path": re.compile(r"\b(?:callworthy|src)\.[a-z_]+\.|\.py\b|Traceback"),
    "a plural left to the reader": re.compile(r"\w\(s\)"),
}
#: Pages where a rule's id is the thing a manager edits (the team-rule editor).
RULE_EDITORS = ("/rules",)


def visible_text(page: str) -> str:
    """Return what a reader sees: no tags, scripts, typed text in text areas, or lists."""
    page = re.sub(r"(?s)<(script|style|textarea|datalist)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


def developer_words(path: str, page: str) -> list[str]:
    """Return every developers' word on the page, named by what it is."""
    text = visible_text(page)
    found = [f"{what}: {m.group(0)!r}" for what, p in PATTERNS.items() for m in p.finditer(text)]
    found = sorted(set(found))
    if not path.startswith(RULE_EDITORS):
        ids = {rule.id for rule in default_rules().rules}
        found += [f"a rule id: {w!r}" for w in re.findall(r"\b[a-z]+\.[a-z-]+\b", text) if w in ids]
    return found


@pytest.fixture
def team(client: TestClient) -> int:
    """Set a team up, add a prospect and log a voicemail; the prospect's id."""
    set_up(client)
    token = csrf(client, "/prospects/new")
    form = {"name": "Dana Reyes", "company": "Reyes Catering", "phone": "4155550142"}
    added = client.post("/prospects", data={**form, "csrf_token": token}, follow_redirects=False)
    assert added.status_code == 303, added.text
    prospect = int(added.headers["location"].rsplit("/", 1)[1])
    data = {"strategy": "value_tip", "script": SCRIPT, "csrf_token": token}
    logged = client.post(f"/prospects/{prospect}/voicemails", data=data)
    assert logged.status_code == 200
    return prospect


def test_every_page_speaks_the_reps_words(client: TestClient, team: int) -> None:
    problems: dict[str, list[str]] = {}
    for template in PAGES:
        path = template.format(id=team)
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if found := developer_words(path, response.text):
            problems[path] = found
    for path, page in _results(client, team).items():
        if found := developer_words(path, page):
            problems[path] = found
    assert not problems, problems


def _results(client: TestClient, team: int) -> dict[str, str]:
    """Post each form that answers with a result: a critique, a diagnosis, a test, a write-up."""
    token = csrf(client, "/check")
    diagnosis = {q.id: q.options[0].id for q in default_model().questionnaire.questions}
    quiz = {q.id: q.options[-1].id for q in default_quiz().questions}
    write = {"prospect_id": str(team), "name": "Dana Reyes", "company": "Reyes Catering",
             "industry": "catering", "rep_name": "Mia Manager", "rep_phone": "704 333 1112",
             "lead_name": "Hannah Cole",
             "lead_detail": "needs two refrigerated trucks"}  # fmt: skip
    posted = {
        "/check/critique": ("/check/critique", {"text": SCRIPT}),
        "/check": ("/check", {"text": SCRIPT}),
        f"/diagnose/{team}": (f"/diagnose/{team}", diagnosis),
        "/phonetest": ("/phonetest", quiz),
        "/write": ("/write", write),
    }
    pages = {}
    for name, (path, data) in posted.items():
        response = client.post(path, data={**data, "csrf_token": token})
        assert response.status_code == 200, (path, response.text[-2000:])
        pages[name] = response.text
    return pages


def _post(client: TestClient, path: str, page: str, **data: str) -> str:
    response = client.post(path, data={**data, "csrf_token": csrf(client, page)})
    assert response.status_code >= 400, (path, response.status_code)
    return response.text


def test_every_forms_error_speaks_the_reps_words(client: TestClient, team: int) -> None:
    errors = {
        "bad phone": _post(client, "/prospects", "/prospects/new", name="Lee", phone="12"),
        "no name": _post(client, "/prospects", "/prospects/new", name=" "),
        "empty voicemail": _post(
            client,
            f"/prospects/{team}/voicemails",
            f"/prospects/{team}",
            strategy="value_tip",
            script="",
        ),
        "profile phone": _post(client, "/profile", "/profile", name="Mia", phone="020 7946 0000"),
        "profile zone": _post(client, "/profile", "/profile", name="Mia", time_zone="Mars/Base"),
        "team e-mail": _post(
            client, "/team/accounts", "/team", name="Rob", email="nope", password="x"
        ),
        "token days": _post(client, "/tokens", "/tokens", name="dialer", days="-3"),
        "phone test": _post(client, "/phonetest", "/phonetest"),
        "idea": _post(client, "/ideas", "/ideas", title="", script=""),
        "write": _post(client, "/write", "/write", prospect_name=""),
    }
    bad_date = "id,kind,at,prospect,phone\nvm-1,voicemail,yesterday-ish,Ana Lima,(617) 253-1000\n"
    imported = client.post(
        "/import",
        data={"format": "generic", "csrf_token": csrf(client, "/import")},
        files={"file": ("calls.csv", bad_date.encode(), "text/csv")},
    )
    assert imported.status_code == 422
    errors["import date"] = imported.text
    problems = {k: f for k, page in errors.items() if (f := developer_words("/", page))}
    assert not problems, problems
    assert 'class="field-error"' in errors["bad phone"] and "phone-error" in errors["bad phone"]


def test_the_ids_stay_in_the_json(client: TestClient, team: int) -> None:
    token = new_token(client)
    body = client.post("/api/v1/critique", json={"text": SCRIPT}, headers=bearer(token)).json()
    assert all(f["rule"] and f["principle"].startswith("P") for f in body["findings"])


def test_the_checker_finds_what_it_looks_for() -> None:
    page = (
        "<p>See docs/writer.md or run `callworthy check`: rep.phone: Value error,"
        " expected %Y-%m-%d; start_over; P11/P5; value.no-value; 3 row(s)</p>"
    )
    found = " ".join(developer_words("/check", page))
    for what in [*PATTERNS, "a rule id"]:
        if what != "a code path":
            assert what in found, what
    assert not developer_words("/check", "<p>Call Dana Reyes back: 3 days ago.</p>")


def test_templates_name_no_docs_file_or_command() -> None:
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text()
        assert not re.search(r"docs/\w+\.md", text), template.name
        assert not re.search(r"`callworthy \w+", text), template.name
        assert "(s)" not in text, f"{template.name}: count the noun (the `count` filter)"


def test_every_form_with_fields_is_laid_out_by_the_stylesheet() -> None:
    """A form of labelled fields is a stack (label over field) or a row of them: anything
    else (a misspelt class) runs its labels and fields together on a phone."""
    layouts = {"stack", "inline"}
    styled = set(
        re.findall(r"\.([a-z][\w-]*)", (TEMPLATES.parent / "static" / "app.css").read_text())
    )
    assert layouts <= styled
    for template in TEMPLATES.glob("*.html"):
        for form in re.finditer(r"<form\b([^>]*)>(.*?)</form>", template.read_text(), re.S):
            if "<label" not in form.group(2):
                continue
            found = re.search(r'class="([^"]*)"', form.group(1))
            classes = set(found.group(1).split()) if found else set()
            assert classes & layouts, f"{template.name}: a form of fields with class {classes}"


def test_every_page_marks_exactly_one_menu_link_as_where_you_are(
    client: TestClient, team: int
) -> None:
    current = re.compile(r'<a href="([^"]+)" aria-current="page">([^<]+)</a>')
    marked = {}
    for template in PAGES:
        path = template.format(id=team)
        marked[path] = current.findall(client.get(path).text)
    assert all(len(links) == 1 for links in marked.values()), marked
    assert marked["/team/dialers"] == [("/team/dialers", "Dialers")]
    assert marked["/team"] == [("/team", "Team")]
    assert marked[f"/diagnose/{team}"] == [("/prospects", "Prospects")]
    assert marked["/rules/team"] == [("/rules", "Rules")]
