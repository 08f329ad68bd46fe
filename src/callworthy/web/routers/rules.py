"""The Rules page (the rules in force), a manager's team-rule editor, and `/api/v1/rules`.

A saved or deleted rule bumps the team's rules version in the database, so every
critique after it, on any worker, runs the new rules: nothing is cleared here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from starlette.responses import RedirectResponse, Response

from callworthy.errors import RuleFileError
from callworthy.services import team_rules
from callworthy.services.caller import Caller
from callworthy.services.paging import Page, numbered
from callworthy.services.team_rules import RulesInForce, TeamRuleRecord
from callworthy.web.deps import (
    ApiCaller,
    Csrf,
    Cursor,
    EngineDep,
    Limit,
    PageCaller,
    PageManager,
    PageNumber,
    TemplatesDep,
)
from callworthy.web.render import flash, form_error, page
from callworthy.web.schemas import TeamRuleIn, errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["rules"])
RuleId = Annotated[str, Path(max_length=200, description="A dotted rule id, e.g. acme.slogan.")]


@pages.get("/rules")
def rules_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """List the rules the user's critiques run, with their examples."""
    rules = team_rules.rules_in_force(engine, user)
    return page(request, templates, "rules.html", user=user, rules=rules)


@api.get("/rules", response_model=RulesInForce, responses=errors())
def list_rules(engine: EngineDep, user: ApiCaller) -> RulesInForce:
    """List the rules in force for the user's team, with their pass/fail examples."""
    return team_rules.rules_in_force(engine, user)


def _editor(
    engine: EngineDep, user: Caller, page_number: int | None = None, **view: Any
) -> dict[str, Any]:
    view.setdefault("rule_id", "")
    view.setdefault("source", "")
    view.setdefault("saved", None)
    pager = numbered(team_rules.list_team_rules(engine, user), page_number)
    return {"user": user, "stored": pager.items, "pager": pager, **view}


@pages.get("/rules/team")
def team_rules_page(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    rule_id: str = "",
    page_number: PageNumber = None,
) -> Response:
    """Show the team's rules (50 a page) and the editor (one rule loaded by ?rule_id=)."""
    source, saved = "", request.query_params.get("saved")
    if rule_id:
        source = team_rules.get_team_rule(engine, user, rule_id[:200]).source
    view = _editor(engine, user, page_number, rule_id=rule_id, source=source, saved=saved)
    return page(request, templates, "rules_team.html", **view)


@api.get("/rules/team", response_model=Page[TeamRuleRecord], responses=errors())
def list_team_rules(
    engine: EngineDep, user: ApiCaller, cursor: Cursor = None, limit: Limit = None
) -> Page[TeamRuleRecord]:
    """List the team's own rules by id, a page at a time."""
    return team_rules.team_rule_page(engine, user, cursor=cursor, limit=limit)


@api.get("/rules/team/{rule_id}", response_model=TeamRuleRecord, responses=errors(404))
def get_team_rule(engine: EngineDep, user: ApiCaller, rule_id: RuleId) -> TeamRuleRecord:
    """Return one of the team's rules."""
    return team_rules.get_team_rule(engine, user, rule_id)


@pages.post("/rules/team", dependencies=[Csrf])
def save_team_rule_form(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    rule_id: Annotated[str, Form(max_length=200)] = "",
    source: Annotated[str, Form(max_length=team_rules.MAX_SOURCE_CHARS)] = "",
) -> Response:
    """Validate with the rule loader, run its examples, and save; errors beside the editor."""
    rule_id = rule_id.strip()
    try:
        team_rules.save_team_rule(engine, user, rule_id, source)
    except RuleFileError as exc:
        view = _editor(engine, user, rule_id=rule_id, source=source)
        return form_error(request, templates, "rules_team.html", exc, where="rule", **view)
    return RedirectResponse(f"/rules/team?rule_id={rule_id}&saved=1", status_code=303)


@api.put("/rules/team/{rule_id}", response_model=TeamRuleRecord, responses=errors())
def save_team_rule(
    body: TeamRuleIn, engine: EngineDep, user: ApiCaller, rule_id: RuleId
) -> TeamRuleRecord:
    """Validate and save a team rule (managers only); 422 with the message and line if broken."""
    return team_rules.save_team_rule(engine, user, rule_id, body.source)


@pages.post("/rules/team/{rule_id}/delete", dependencies=[Csrf])
def delete_team_rule_form(
    request: Request, rule_id: RuleId, user: PageManager, engine: EngineDep
) -> Response:
    """Delete one of the team's rules (a built-in it replaced comes back)."""
    team_rules.delete_team_rule(engine, user, rule_id)
    flash(request, "The rule is deleted.")
    return RedirectResponse("/rules/team", status_code=303)


@api.delete("/rules/team/{rule_id}", status_code=204, responses=errors(404))
def delete_team_rule(engine: EngineDep, user: ApiCaller, rule_id: RuleId) -> Response:
    """Delete a team rule (managers only)."""
    team_rules.delete_team_rule(engine, user, rule_id)
    return Response(status_code=204)
