"""Exposure rules: a non-loopback bind needs the web login and the REST bearer token (or the server refuses to
start, naming the missing settings); with a token, /v1/* needs it (health stays open for the container check);
only gr.Error messages reach clients; the Dockerfile (0.0.0.0) documents the credentials."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from service.security import AuthRequired, check_exposure, is_loopback
from service.settings import PROJECT_ROOT


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.5"])
def test_loopback_hosts(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "example.org", "wirebrief.local"])
def test_exposed_hosts_need_all_credentials(tiny_settings, host):
    with pytest.raises(AuthRequired) as info:
        check_exposure(tiny_settings.model_copy(update={"host": host}))
    for name in ("WIREBRIEF_AUTH_USERNAME", "WIREBRIEF_AUTH_PASSWORD", "WIREBRIEF_API_TOKEN"):
        assert name in info.value.message
    partial = tiny_settings.model_copy(update={"host": host, "auth_username": "ed", "auth_password": SecretStr("pw")})
    with pytest.raises(AuthRequired, match="WIREBRIEF_API_TOKEN"):
        check_exposure(partial)


def test_create_app_refuses_an_exposed_bind_without_auth(tiny_settings):
    from service.api import create_app

    with pytest.raises(AuthRequired):
        create_app(tiny_settings.model_copy(update={"host": "0.0.0.0"}), ui=False, start_loading=False)


def test_half_set_web_login_is_refused(tiny_settings):
    with pytest.raises(AuthRequired, match="both"):
        check_exposure(tiny_settings.model_copy(update={"auth_username": "ed"}))


@pytest.fixture(scope="module")
def exposed(tiny_settings, pipeline, tmp_path_factory):
    from service.api import create_app
    from service.runtime import Runtime

    settings = tiny_settings.model_copy(
        update={"host": "0.0.0.0", "auth_username": "editor", "auth_password": SecretStr("s3cret"),
                "api_token": SecretStr("tok-123"),
                "db_path": tmp_path_factory.mktemp("sec-db") / "wb.sqlite3"}
    )
    runtime = Runtime(settings, pipeline_factory=lambda _s: pipeline)
    with TestClient(create_app(settings, runtime=runtime)) as client:
        assert runtime.wait(60)
        yield client
    runtime.close()


def test_rest_needs_the_bearer_token(exposed):
    body = {"text": "Il pleut.", "summaries": [], "source_language": "fr"}
    missing = exposed.post("/v1/translate", json=body)
    assert missing.status_code == 401 and missing.json()["code"] == "unauthorized"
    wrong = exposed.post("/v1/translate", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert exposed.get("/v1/models").status_code == 401
    assert exposed.post("/v1/documents/read", files={"file": ("a.txt", b"x")}).status_code == 401
    ok = exposed.post("/v1/translate", json=body, headers={"Authorization": "Bearer tok-123"})
    assert ok.status_code == 200
    assert exposed.get("/v1/health").status_code == 200  # the container health check needs no token


def test_the_web_app_needs_the_login(exposed):
    config = exposed.get("/config")
    assert config.status_code in (401, 403) or "auth_required" in config.text
    login = exposed.post("/login", data={"username": "editor", "password": "wrong"})
    assert login.status_code in (400, 401)
    login = exposed.post("/login", data={"username": "editor", "password": "s3cret"})
    assert login.status_code == 200


def test_only_gr_error_messages_reach_gradio_clients():
    from service.app import mount_ui  # noqa: F401 — show_error is set where the UI is mounted
    import inspect

    source = inspect.getsource(mount_ui)
    assert "show_error=False" in source


def test_dockerfile_documents_the_credentials_for_its_public_bind():
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "WIREBRIEF_HOST=0.0.0.0" in dockerfile
    for name in ("WIREBRIEF_AUTH_USERNAME", "WIREBRIEF_AUTH_PASSWORD", "WIREBRIEF_API_TOKEN"):
        assert name in dockerfile


def test_gradio_is_pinned_at_6_20_or_later():
    import gradio

    pinned = [line for line in (PROJECT_ROOT / "requirements.txt").read_text().splitlines() if line.startswith("gradio==")]
    version = tuple(int(x) for x in pinned[0].split("==")[1].split(".")[:2])
    assert version >= (6, 20) and gradio.__version__ == pinned[0].split("==")[1]
