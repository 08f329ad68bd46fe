"""The Check page: an editor whose critique updates as the rep types (htmx partial)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from callworthy.critique import Context, Critique, RuleSet, critique
from callworthy.critique.model import SUBSCORE_MAX
from callworthy.errors import CallworthyError
from callworthy.text.analysis import MAX_CHARS
from callworthy.web.deps import Csrf, EngineDep, PageCaller, TemplatesDep
from callworthy.web.highlight import segments
from callworthy.web.render import page

router = APIRouter()
#: Form fields are capped a little above the script limit so the critique names the problem.
Script = Annotated[str, Form(max_length=MAX_CHARS * 2)]
Field = Annotated[str, Form(max_length=2000)]


def _view(
    text: str, prospect: str, company: str, concerns: str, rules: RuleSet | None = None
) -> dict[str, Any]:
    context = Context(
        prospect_name=prospect.strip() or None,
        company=company.strip() or None,
        concerns=tuple(c.strip() for c in concerns.splitlines() if c.strip()),
    )
    try:
        result: Critique | None = critique(text, context=context, rules=rules)
        error = None
    except CallworthyError as exc:  # empty or too long: said in place of the critique
        result, error = None, exc.message
    return {
        "text": text,
        "prospect": prospect,
        "company": company,
        "concerns": concerns,
        "result": result,
        "error": error,
        "segments": segments(text, result.findings) if result else [],
        "subscore_max": {k.value: v for k, v in SUBSCORE_MAX.items()},
        "max_chars": MAX_CHARS,
    }


@router.get("/")
def home() -> Response:
    """Send the browser to the Check page."""
    return RedirectResponse("/check", status_code=303)


@router.get("/check")
def check_page(request: Request, user: PageCaller, templates: TemplatesDep) -> Response:
    """Show the editor, empty."""
    return page(request, templates, "check.html", user=user, **_view("", "", "", ""))


@router.post("/check", dependencies=[Csrf])
def check_submit(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    text: Script = "",
    prospect: Field = "",
    company: Field = "",
    concerns: Field = "",
) -> Response:
    """Critique the script and show the whole page (the form works without JavaScript)."""
    view = _view(text, prospect, company, concerns, user.rule_set())
    return page(request, templates, "check.html", user=user, **view)


@router.post("/check/critique", dependencies=[Csrf])
def check_partial(
    request: Request,
    user: PageCaller,
    engine: EngineDep,
    templates: TemplatesDep,
    text: Script = "",
    prospect: Field = "",
    company: Field = "",
    concerns: Field = "",
) -> Response:
    """Critique the script and return only the critique (htmx swaps it in as the rep types)."""
    view = _view(text, prospect, company, concerns, user.rule_set())
    return page(request, templates, "_critique.html", user=user, **view)
