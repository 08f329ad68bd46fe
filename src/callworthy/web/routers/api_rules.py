"""`/api/v1/rules`: the JSON twin of the Rules page and the team-rule editor."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, Response

from callworthy.critique import Rule
from callworthy.services import team_rules
from callworthy.services.team_rules import TeamRuleRecord
from callworthy.web.deps import ApiCaller, EngineDep
from callworthy.web.schemas import ERRORS, ErrorOut

router = APIRouter(tags=["rules"])
NOT_FOUND: dict[str, Any] = {"model": ErrorOut, "description": "The team has no rule of that id."}
RuleId = Path(max_length=200, description="A dotted rule id, e.g. acme.slogan.")


class RuleOut(BaseModel):
    """A rule in force."""

    id: str
    kind: str
    level: str
    principle: str
    subscore: str
    message: str
    fix: str
    pass_examples: list[str]
    fail_examples: list[str]
    team: bool


class RulesOut(BaseModel):
    """The rules the user's critiques run (built-ins and the team's), and their version."""

    version: str
    rules: list[RuleOut]


class TeamRuleIn(BaseModel):
    """A team rule's YAML, in the rule file format of docs/rules.md."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(max_length=team_rules.MAX_SOURCE_CHARS)


class TeamRuleOut(BaseModel):
    """A stored team rule."""

    rule_id: str
    source: str
    updated_by: str
    updated_at: str
    replaces_builtin: bool


def _rule(rule: Rule, team: set[str]) -> dict[str, Any]:
    return {
        "id": rule.id, "kind": rule.kind, "level": rule.level.value,
        "principle": rule.principle, "subscore": rule.subscore.value, "message": rule.message,
        "fix": rule.fix, "pass_examples": list(rule.pass_examples),
        "fail_examples": list(rule.fail_examples), "team": rule.id in team,
    }  # fmt: skip


def _record(record: TeamRuleRecord) -> dict[str, Any]:
    return {**record.to_dict(), "updated_at": record.updated_at.isoformat()}


@router.get("/rules", responses={200: {"model": RulesOut}, **ERRORS})
def list_rules(request: Request, engine: EngineDep, user: ApiCaller) -> JSONResponse:
    """List the rules in force for the user's team, with their pass/fail examples."""
    rules = user.rule_set()
    own = {r.rule_id for r in team_rules.list_team_rules(engine, user)}
    return JSONResponse({"version": rules.version, "rules": [_rule(r, own) for r in rules.rules]})


@router.get("/rules/team", responses={200: {"model": list[TeamRuleOut]}, **ERRORS})
def list_team_rules(engine: EngineDep, user: ApiCaller) -> JSONResponse:
    """List the team's own rules."""
    return JSONResponse([_record(r) for r in team_rules.list_team_rules(engine, user)])


@router.get(
    "/rules/team/{rule_id}", responses={200: {"model": TeamRuleOut}, 404: NOT_FOUND, **ERRORS}
)
def get_team_rule(engine: EngineDep, user: ApiCaller, rule_id: str = RuleId) -> JSONResponse:
    """Return one of the team's rules."""
    return JSONResponse(_record(team_rules.get_team_rule(engine, user, rule_id)))


@router.put("/rules/team/{rule_id}", responses={200: {"model": TeamRuleOut}, **ERRORS})
def put_team_rule(
    request: Request, body: TeamRuleIn, engine: EngineDep, user: ApiCaller, rule_id: str = RuleId
) -> JSONResponse:
    """Validate and save a team rule (managers only); 422 with the message and line if broken."""
    record = team_rules.save_team_rule(engine, user, rule_id, body.source)
    return JSONResponse(_record(record))


@router.delete("/rules/team/{rule_id}", status_code=204, responses={404: NOT_FOUND, **ERRORS})
def delete_team_rule(
    request: Request, engine: EngineDep, user: ApiCaller, rule_id: str = RuleId
) -> Response:
    """Delete a team rule (managers only)."""
    team_rules.delete_team_rule(engine, user, rule_id)
    return Response(status_code=204)
