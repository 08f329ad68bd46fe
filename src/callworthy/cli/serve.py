"""`callworthy serve`: run the web app and the JSON API (uvicorn)."""

from __future__ import annotations

import os
import secrets

import click

from callworthy.cli.common import handle_errors
from callworthy.cli.db import DB_OPTION


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (a team server: about one per CPU core).",
)
@click.option(
    "--forwarded-allow-ips",
    envvar="CALLWORTHY_FORWARDED_ALLOW_IPS",
    default=None,
    metavar="ADDRESSES",
    help="The reverse proxies whose X-Forwarded-For and -Proto are believed (comma-separated, "
    "or '*'; default: $CALLWORTHY_FORWARDED_ALLOW_IPS, else none). Behind a proxy, set it "
    "so log-in limits count each client's own address.",
)
@DB_OPTION
@handle_errors
def serve(
    host: str, port: int, workers: int, forwarded_allow_ips: str | None, db: str | None
) -> None:
    """Run the web app for reps and managers, with its JSON API under /api/v1.

    The first visit sets up the team and its first manager account. Settings come
    from CALLWORTHY_* variables (see docs/web.md); set CALLWORTHY_SECRET_KEY so
    log-ins outlive a restart.

    \b
    Example: callworthy serve --db postgresql://crm@dbhost/callworthy --host 0.0.0.0
    """
    import uvicorn

    from callworthy.services.database import ENV_VAR, open_database, resolve_database_url

    url = resolve_database_url(db)
    open_database(url).dispose()  # a missing or old database is reported here, not per worker
    os.environ[ENV_VAR] = url
    # Every worker must sign cookies with one key, or a log-in works on one worker only.
    os.environ.setdefault("CALLWORTHY_SECRET_KEY", secrets.token_urlsafe(32))
    click.echo(f"Callworthy on http://{host}:{port}/ (database {url.split('://')[0]})", err=True)
    uvicorn.run(
        "callworthy.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # Only a trusted proxy's X-Forwarded-For is believed: anyone else could forge it.
        proxy_headers=bool(forwarded_allow_ips),
        forwarded_allow_ips=forwarded_allow_ips or "",
        server_header=False,
        log_level="warning",
        access_log=False,
    )
