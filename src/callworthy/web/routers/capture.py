"""The Dialers page (managers): webhook addresses and secrets, dialer users, events, failed jobs.

Its JSON twins under /api/v1/capture list the same things for scripts.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from callworthy.errors import CallworthyError
from callworthy.services import capture_admin, webhook_secrets
from callworthy.services.caller import Caller
from callworthy.services.capture_admin import BatchInfo, DialerUserInfo, EventInfo
from callworthy.services.jobs import DeadJob
from callworthy.services.webhook_secrets import SecretInfo
from callworthy.web.deps import (
    ApiManager,
    Csrf,
    EngineDep,
    PageManager,
    RecordId,
    SettingsDep,
    TemplatesDep,
)
from callworthy.web.render import form_error, page
from callworthy.web.schemas import errors

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1/capture", tags=["capture"])
PAGE = "dialers.html"
SECRET_FIELDS = ("vendor", "token", "account", "overlap_hours", "label")


def hook_urls(request: Request, base: str | None, team_id: int) -> dict[str, str]:
    """Return the addresses each dialer is given (the public address when one is set)."""
    root = (base or str(request.base_url)).rstrip("/") + f"/hooks/{team_id}"
    return {
        "generic": f"{root}/generic",
        "twilio_status": f"{root}/twilio/status",
        "twilio_recording": f"{root}/twilio/recording",
        "aircall": f"{root}/aircall",
    }


def _render(
    request: Request, engine: Any, templates: Any, settings: Any, user: Caller, **extra: Any
) -> Response:
    queue = request.app.state.queue
    users, reps = capture_admin.dialer_users(engine, user)
    context: dict[str, Any] = {
        "user": user,
        "urls": hook_urls(request, settings.public_url, user.team_id),
        "secrets": webhook_secrets.list_secrets(engine, user),
        "dialer_users": users,
        "reps": reps,
        "events": capture_admin.recent_events(engine, user),
        "dead": capture_admin.dead_jobs(engine, user, queue),
        "batches": capture_admin.batches(engine, user),
        "vendor_names": webhook_secrets.VENDOR_NAMES,
        "default_overlap": webhook_secrets.DEFAULT_OVERLAP_HOURS,
    }
    context.update(extra)
    if "exc" in context:
        exc = context.pop("exc")
        return form_error(request, templates, PAGE, exc, fields=SECRET_FIELDS, **context)
    return page(request, templates, PAGE, **context)


@pages.get("/team/dialers")
def dialers_page(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    settings: SettingsDep,
    templates: TemplatesDep,
) -> Response:
    """Show the webhook addresses, secrets, dialer users, latest events and failed jobs."""
    return _render(request, engine, templates, settings, user)


@pages.post("/team/dialers/secrets", dependencies=[Csrf])
def add_secret_form(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    vendor: Annotated[Literal["generic", "twilio", "aircall"], Form()],
    label: Annotated[str, Form(max_length=200)] = "",
    token: Annotated[str, Form(max_length=500)] = "",
    account: Annotated[str, Form(max_length=64)] = "",
    rotate: Annotated[str, Form(max_length=10)] = "",
    overlap_hours: Annotated[float, Form(ge=0, le=720)] = webhook_secrets.DEFAULT_OVERLAP_HOURS,
) -> Response:
    """Add or rotate a secret; a generic one is shown this once."""
    try:
        made = webhook_secrets.add_secret(
            engine,
            user,
            request.app.state.sealer,
            vendor,
            label=label,
            token=token or None,
            account=account or None,
            overlap_hours=overlap_hours if rotate else None,
        )
    except CallworthyError as exc:
        return _render(request, engine, templates, settings, user, exc=exc)
    return _render(
        request, engine, templates, settings, user, new_secret=made.secret, added=made.info
    )


@pages.post("/team/dialers/secrets/{secret_id}/{action}", dependencies=[Csrf])
def change_secret_form(
    user: PageManager, engine: EngineDep, secret_id: RecordId, action: Literal["retire", "revoke"]
) -> Response:
    """End a secret's overlap now (retire) or revoke it."""
    if action == "retire":
        webhook_secrets.retire_now(engine, user, secret_id)
    else:
        webhook_secrets.revoke(engine, user, secret_id)
    return RedirectResponse("/team/dialers", status_code=303)


@pages.post("/team/dialers/users/{user_id}", dependencies=[Csrf])
def map_user_form(
    user: PageManager,
    engine: EngineDep,
    user_id: RecordId,
    rep_id: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Say which team account a dialer user is."""
    chosen = int(rep_id) if rep_id.isdigit() else None
    capture_admin.map_dialer_user(engine, user, user_id, chosen)
    return RedirectResponse("/team/dialers", status_code=303)


@pages.post("/team/dialers/jobs/{job_id}/{action}", dependencies=[Csrf])
def resolve_job_form(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    job_id: RecordId,
    action: Literal["retry", "discard"],
) -> Response:
    """Retry or discard a failed job."""
    capture_admin.resolve_dead_job(
        engine, user, request.app.state.queue, job_id, retry=action == "retry"
    )
    return RedirectResponse("/team/dialers", status_code=303)


@pages.post("/team/dialers/critique-history", dependencies=[Csrf])
def critique_history_form(request: Request, user: PageManager, engine: EngineDep) -> Response:
    """Queue a critique of every imported voicemail not yet scored."""
    capture_admin.critique_history(engine, user, request.app.state.queue)
    return RedirectResponse("/team/dialers#bulk", status_code=303)


@pages.get("/team/dialers/batches/{batch_id}")
def batch_partial(
    request: Request,
    user: PageManager,
    engine: EngineDep,
    templates: TemplatesDep,
    batch_id: RecordId,
) -> Response:
    """Return one bulk job's progress bar (the page polls it while the job runs)."""
    found = capture_admin.batch(engine, user, batch_id)
    return page(request, templates, "_batch.html", user=user, b=found)


@api.get("/secrets", response_model=list[SecretInfo], responses=errors(403))
def list_secrets(user: ApiManager, engine: EngineDep) -> tuple[SecretInfo, ...]:
    """List the team's webhook secrets (never the secrets themselves)."""
    return webhook_secrets.list_secrets(engine, user)


@api.get("/events", response_model=list[EventInfo], responses=errors(403))
def list_events(user: ApiManager, engine: EngineDep) -> tuple[EventInfo, ...]:
    """List the team's latest dialer events and what each became."""
    return capture_admin.recent_events(engine, user)


@api.get("/dialer-users", response_model=list[DialerUserInfo], responses=errors(403))
def list_dialer_users(user: ApiManager, engine: EngineDep) -> tuple[DialerUserInfo, ...]:
    """List the people dialers name, and the team accounts they are mapped to."""
    return capture_admin.dialer_users(engine, user)[0]


@api.get("/failed-jobs", response_model=list[DeadJob], responses=errors(403))
def list_failed_jobs(request: Request, user: ApiManager, engine: EngineDep) -> tuple[DeadJob, ...]:
    """List the team's jobs that failed every attempt."""
    return capture_admin.dead_jobs(engine, user, request.app.state.queue)


@api.get("/batches/{batch_id}", response_model=BatchInfo, responses=errors(403, 404))
def get_batch(user: ApiManager, engine: EngineDep, batch_id: RecordId) -> BatchInfo:
    """Return a bulk job's progress."""
    return capture_admin.batch(engine, user, batch_id)
