"""Security plumbing: response headers, the request-body cap, CSRF tokens, the password-check gate.

Pure ASGI middleware (no per-request task switching) so they cost next to nothing.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from callworthy.errors import ServerBusyError

#: No inline script or style anywhere: htmx is a static file and is told not to inject styles.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; media-src 'self' blob: data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
#: Pages and API answers hold a team's data (the Tokens page shows a new token once): no
#: browser or proxy may keep a copy. Static files (CSS, htmx) may be cached.
NO_STORE = (b"cache-control", b"no-store")
STATIC_PREFIX = "/static/"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"


class SecurityHeadersMiddleware:
    """Add the security headers to every HTTP response, and `no-store` to all but static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers as the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        store = [] if scope.get("path", "").startswith(STATIC_PREFIX) else [NO_STORE]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS, *store]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(HTTPException):
    """The request body passed the cap: answered 413."""

    def __init__(
        self, limit: int, hint: str = "a voicemail script is a few hundred characters"
    ) -> None:
        super().__init__(
            413, f"The request body is larger than {limit:,} bytes. Send less: {hint}."
        )


class BodyLimitMiddleware:
    """Refuse bodies over a cap: by Content-Length up front, else while streaming.

    `path_limits` gives some exact paths (file uploads) their own, larger cap.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        path_limits: Mapping[str, int] | None = None,
        upload_limits: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.path_limits = dict(path_limits or {})
        # Caps for multipart/form-data bodies only (recordings): JSON on the same path
        # (POST /api/v1/critique) keeps the small cap.
        self.upload_limits = dict(upload_limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length, then count the bytes as the app reads them."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.path_limits.get(scope.get("path", ""), self.max_bytes)
        if scope.get("path", "") in self.upload_limits and any(
            name == b"content-type" and value.lower().startswith(b"multipart/form-data")
            for name, value in scope.get("headers", [])
        ):
            limit = self.upload_limits[scope["path"]]
        hint = (
            "split the file and upload the parts"
            if limit != self.max_bytes
            else "a voicemail script is a few hundred characters"
        )
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > limit):
                scope = {**scope, "callworthy.body_too_large": True}
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            if scope.get("callworthy.body_too_large"):
                raise BodyTooLarge(limit, hint)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit, hint)
            return message

        await self.app(scope, limited_receive, send)


def new_csrf_token() -> str:
    """Return a fresh random synchroniser token for a session."""
    return secrets.token_urlsafe(32)


def csrf_matches(expected: str | None, given: str | None) -> bool:
    """Return True when the token sent equals the session's (compared in constant time)."""
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


class PasswordGate:
    """Let at most `slots` password checks run at once in this worker; the rest wait, few.

    A log-in waits here on the event loop, not in the thread pool, so a flood of log-ins
    holds no thread that page loads need; past `queue` waiting, a log-in is answered 503
    at once instead of piling up. (Argon2 itself is also bounded per process by
    services/passwords.py, for every other caller.)
    """

    def __init__(self, slots: int, queue: int) -> None:
        self.slots = slots
        self.queue = queue
        self._semaphore: asyncio.Semaphore | None = None
        self._waiting = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold a slot for one password check, or refuse when too many wait already."""
        if self._semaphore is None:  # made on the event loop that uses it
            self._semaphore = asyncio.Semaphore(self.slots)
        if self._waiting >= self.queue:
            raise ServerBusyError(
                "The server is busy checking other log-ins.", "Try again in a few seconds."
            )
        self._waiting += 1
        try:
            await self._semaphore.acquire()
        finally:
            self._waiting -= 1
        try:
            yield
        finally:
            self._semaphore.release()
