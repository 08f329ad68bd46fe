"""Build the web app: `create_app(settings)` opens the database and wires routers and security.

Nothing happens at import: the engine, the templates, the password gate and the token
cache are made here, per app, so tests and workers each build their own. Nothing that
decides who may do what is kept per process: sessions, lock-outs and revocations live
in the database.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine
from starlette.middleware.sessions import SessionMiddleware

from callworthy import __version__
from callworthy.critique import default_rules
from callworthy.services import (
    capture_tasks,
    security_log,
)
from callworthy.services.database import open_database
from callworthy.services.jobs import LocalQueue, Queue, queue_for
from callworthy.services.team_rules import TeamRules
from callworthy.services.tokens import TokenCache
from callworthy.web import errors
from callworthy.web.recording import UPLOAD_MAX_BYTES, UPLOAD_PATHS
from callworthy.web.routers import (
    accounts,
    auth,
    capture,
    check,
    corrections,
    diagnose,
    experiments,
    hooks,
    ideas,
    imports,
    phonetest,
    profile,
    prospects,
    rules,
    write,
)
from callworthy.web.security import BodyLimitMiddleware, PasswordGate, SecurityHeadersMiddleware
from callworthy.web.settings import Settings

HERE = Path(__file__).parent
API_DESCRIPTION = (
    "The JSON twin of the Callworthy pages. Authenticate with a per-user token: "
    "`Authorization: Bearer TOKEN` (make one on the Tokens page). See docs/web.md."
)


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


def _lifespan(engine: Engine, queue: Queue, run_jobs: bool) -> Any:
    """Return the app's lifespan: the SQLite queue's thread runs while the app does."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if run_jobs and isinstance(queue, LocalQueue):
            queue.start()  # SQLite: this server runs the jobs (PostgreSQL: `callworthy worker`)
        yield
        queue.close()
        engine.dispose()

    return lifespan


def create_app(settings: Settings | None = None) -> FastAPI:
    """Return the app on the configured database (a SQLite file is migrated on first use)."""
    settings = settings or Settings()
    engine = open_database(settings.resolved_database_url())
    default_rules()  # load and compile the rules now, not on some rep's first keystroke

    queue = queue_for(engine)
    app = FastAPI(
        title="Callworthy API",
        version=__version__,
        description=API_DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI needs a CDN and inline scripts: the CSP forbids both
        redoc_url=None,
        lifespan=_lifespan(engine, queue, settings.run_jobs),
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.templates = _templates()
    # Per-process state that does not decide who may do what: a bound on Argon2 work, and
    # token look-ups trusted for at most a second (and never past a write of this process).
    app.state.password_gate = PasswordGate(settings.password_checks, settings.password_queue)
    app.state.token_cache = TokenCache()
    app.state.team_rules = TeamRules()  # each team's rules, compiled once per rules version
    app.state.queue = queue  # dialer events and recordings are worked on there
    app.state.sealer = settings.sealer()  # opens the stored webhook secrets
    capture_tasks.use_sealer(app.state.sealer)  # jobs run here fetch Twilio's recordings with it
    errors.install(app)
    app.include_router(auth.pages)
    app.include_router(hooks.pages)  # dialers' webhooks: signature only, no session
    # One module per resource: its pages and, under /api/v1, their JSON twins.
    for resource in (check, accounts, prospects, imports, diagnose, phonetest, experiments):
        app.include_router(resource.pages)
        app.include_router(resource.api)
    for resource in (ideas, write, rules, profile, corrections, capture):
        app.include_router(resource.pages)
        app.include_router(resource.api)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # Added last = outermost: the body cap runs before anything reads the body.
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.signing_key(),
        session_cookie="callworthy_session",
        max_age=settings.session_max_age,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    uploads = {"/import": settings.max_import_bytes, "/api/v1/imports": settings.max_import_bytes}
    recordings = dict.fromkeys(UPLOAD_PATHS, UPLOAD_MAX_BYTES)  # multipart uploads only
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        path_limits=uploads,
        upload_limits=recordings,
    )
    return app


def app_from_environment() -> FastAPI:
    """Return the app configured by CALLWORTHY_* variables (uvicorn's --factory entry point)."""
    security_log.send_to_stderr()  # one JSON line per security event (docs/deploy.md)
    app = create_app(Settings())
    # Everything loaded so far (rules, phone metadata, SQLAlchemy) lives as long as the
    # worker: move it out of the collector's reach, so a full collection does not walk it
    # (these pauses were the API's ~100 ms p99; CPython's gc.freeze).
    gc.collect()
    gc.freeze()
    return app
