"""`POST /check/recording`: the Check page's upload of a recorded voicemail, critiqued."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from callworthy.audio import AudioCritique
from callworthy.critique.model import SUBSCORE_MAX
from callworthy.errors import CallworthyError
from callworthy.text.analysis import MAX_CHARS
from callworthy.web.deps import Csrf, EngineDep, PageCaller, TemplatesDep
from callworthy.web.errors import status_of
from callworthy.web.highlight import segments
from callworthy.web.recording import UnsupportedMediaType, critique_upload, require_multipart
from callworthy.web.render import page

router = APIRouter()


def recording_view(result: AudioCritique | None, error: str | None) -> dict[str, Any]:
    """Return the Check page's context for a critiqued recording (or the upload's error)."""
    text = result.transcript if result else ""
    findings = result.critique.findings if result else ()
    return {
        "text": text,
        "prospect": "",
        "company": "",
        "concerns": "",
        "result": result.critique if result else None,
        "error": None,
        "segments": segments(text, findings) if result else [],
        "subscore_max": {k.value: v for k, v in SUBSCORE_MAX.items()},
        "max_chars": MAX_CHARS,
        "recording": result,
        "recording_error": error,
    }


@router.post("/check/recording", dependencies=[Depends(require_multipart), Csrf])
async def check_recording(
    request: Request, user: PageCaller, engine: EngineDep, templates: TemplatesDep
) -> Response:
    """Transcribe the uploaded recording, critique the transcript and show it with the timings."""
    form = await request.form()
    try:
        rules = user.rule_set()  # as the Check page: the team's rules
        result = await critique_upload(request, form.get("file"), rules=rules)
    except UnsupportedMediaType as exc:
        view = recording_view(None, str(exc.detail))
        return page(request, templates, "check.html", status=415, user=user, **view)
    except CallworthyError as exc:  # not audio, silent, too long, no audio extra
        view = recording_view(None, exc.message)
        return page(request, templates, "check.html", status=status_of(exc), user=user, **view)
    return page(request, templates, "check.html", user=user, **recording_view(result, None))
