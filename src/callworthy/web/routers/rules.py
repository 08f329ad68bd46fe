"""The Rules page (the rules in force) and a manager's team-rule editor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from callworthy.errors import RuleFileError
from callworthy.services import team_rules
from callworthy.services.caller import Caller
from callworthy.web.deps import (
    Csrf,
    EngineDep,
    PageCaller,
    PageManager,
    TemplatesDep,
)
from callworthy.web.render import page

router = APIRouter()


@router.get("/rules")
def rules_page(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """List the rules the user's critiques run, with their examples."""
    rules = user.rule_set()
    own = {r.rule_id for r in team_rules.list_team_rules(engine, user)}
    return page(request, templates, "rules.html", user=user, rules=rules, team_ids=own)


def _editor(
    request: Request, templates: Any, engine: Any, user: Caller, status: int = 200, **view: Any
) -> Response:
    view.setdefault("rule_id", "")
    view.setdefault("source", "")
    view.setdefault("error", None)
    view.setdefault("error_line", None)
    view.setdefault("saved", None)
    stored = team_rules.list_team_rules(engine, user)
    return page(
        request, templates, "rules_team.html", status=status, user=user, stored=stored, **view
    )


@router.get("/rules/team")
def team_rules_page(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    rule_id: str = "",
) -> Response:
    """Show the team's rules and the editor (with one rule loaded when ?rule_id= names it)."""
    source, saved = "", request.query_params.get("saved")
    if rule_id:
        source = team_rules.get_team_rule(engine, user, rule_id[:200]).source
    return _editor(request, templates, engine, user, rule_id=rule_id, source=source, saved=saved)


@router.post("/rules/team", dependencies=[Csrf])
def team_rules_save(
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
        return _editor(
            request, templates, engine, user, status=422, rule_id=rule_id, source=source,
            error=exc.message, error_line=exc.line,
        )  # fmt: skip
    return RedirectResponse(f"/rules/team?rule_id={rule_id}&saved=1", status_code=303)


@router.post("/rules/team/{rule_id}/delete", dependencies=[Csrf])
def team_rules_delete(
    request: Request, rule_id: str, user: PageManager, engine: EngineDep
) -> Response:
    """Delete one of the team's rules (a built-in it replaced comes back)."""
    team_rules.delete_team_rule(engine, user, rule_id)
    return RedirectResponse("/rules/team", status_code=303)
