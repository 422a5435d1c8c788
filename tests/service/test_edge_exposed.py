"""An exposed server (public bind, web login + API token, as behind a TLS proxy) against hostile clients (issue 17,
holes 3 and 8): CORS closed to other sites, the login cookie never sent cross-site, the docs, schema and Gradio's
cancel/reset behind the login, health without local paths, failed sign-ins rate-limited, blank credentials refused.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from service.security import AuthRequired, check_exposure

PUBLIC = "https://wirebrief.example.org"
EVIL = "https://evil.example"
TOKEN = "tok-123"
LOGIN = {"username": "editor", "password": "s3cret"}


def _exposed_settings(tiny_settings, db, **extra):
    return tiny_settings.model_copy(update={
        "host": "0.0.0.0", "auth_username": "editor", "auth_password": SecretStr("s3cret"),
        "api_token": SecretStr(TOKEN), "db_path": db, **extra,
    })


@pytest.fixture(scope="module")
def exposed(tiny_settings, pipeline, tmp_path_factory):
    from service.api import create_app
    from service.runtime import Runtime

    settings = _exposed_settings(tiny_settings, tmp_path_factory.mktemp("edge-db") / "wb.sqlite3")
    runtime = Runtime(settings, pipeline_factory=lambda _s: pipeline)
    app = create_app(settings, runtime=runtime)
    with TestClient(app, base_url=PUBLIC) as client:
        assert runtime.wait(60)
        client.app_under_test = app
        yield client
    runtime.close()


def _signed_in(client) -> None:
    client.cookies.clear()
    assert client.post("/login", data=LOGIN).status_code == 200


def _other_client(exposed, address: str) -> TestClient:
    """A second client, from another address, on the same running app."""
    return TestClient(exposed.app_under_test, base_url=PUBLIC, client=(address, 40000))


# --- hole 3: CORS with credentials ---------------------------------------------------------------------------
def test_another_site_gets_no_cors_grant(exposed):
    _signed_in(exposed)
    preflight = exposed.options(
        "/gradio_api/call/read_file",
        headers={"Origin": EVIL, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
    )
    assert "access-control-allow-origin" not in preflight.headers, dict(preflight.headers)
    config = exposed.get("/config", headers={"Origin": EVIL})
    assert config.status_code == 200  # signed in …
    assert "access-control-allow-origin" not in config.headers  # … but the other site may not read it
    assert "access-control-allow-credentials" not in config.headers
    models = exposed.get("/v1/models", headers={"Origin": EVIL, "Authorization": f"Bearer {TOKEN}"})
    assert models.status_code == 200 and "access-control-allow-origin" not in models.headers


def test_the_login_cookie_is_never_sent_cross_site(exposed):
    exposed.cookies.clear()
    login = exposed.post("/login", data=LOGIN)
    cookies = login.headers.get_list("set-cookie")
    assert cookies and all("samesite=strict" in c.lower() for c in cookies), cookies
    assert not any("samesite=none" in c.lower() for c in cookies)


def test_cross_site_calls_on_a_signed_in_session_are_refused(exposed):
    _signed_in(exposed)
    call = exposed.post("/gradio_api/call/translate", json={"data": ["Il pleut.", [], "fr", "extractive-lead"]},
                        headers={"Origin": EVIL})
    assert call.status_code == 403 and call.json()["code"] == "cross_site"
    own = exposed.post("/gradio_api/call/translate", json={"data": ["Il pleut.", [], "fr", "extractive-lead"]},
                       headers={"Origin": PUBLIC})
    assert own.status_code == 200 and "event_id" in own.json()


def test_a_configured_origin_gets_cors(tiny_settings, tmp_path):
    from service.api import create_app

    settings = _exposed_settings(tiny_settings, tmp_path / "wb.sqlite3", allowed_origins=["https://Newsroom.example/"])
    client = TestClient(create_app(settings, ui=False, start_loading=False), base_url=PUBLIC)
    granted = client.get("/v1/health", headers={"Origin": "https://newsroom.example"})
    assert granted.headers["access-control-allow-origin"] == "https://newsroom.example"
    assert granted.headers["access-control-allow-credentials"] == "true"
    assert "access-control-allow-origin" not in client.get("/v1/health", headers={"Origin": EVIL}).headers
    with pytest.raises(Exception, match="WIREBRIEF_ALLOWED_ORIGINS"):
        create_app(settings.model_copy(update={"allowed_origins": ["newsroom.example"]}), ui=False, start_loading=False)


# --- hole 8: what answered without the login ---------------------------------------------------------------
@pytest.mark.parametrize("path", ["/docs", "/openapi.json", "/redoc"])
def test_docs_and_schema_need_the_login_or_the_token(exposed, path):
    exposed.cookies.clear()
    anonymous = exposed.get(path)
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "unauthorized"
    assert exposed.get(path, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    _signed_in(exposed)
    assert exposed.get(path).status_code == 200


@pytest.mark.parametrize("path, body", [
    ("/gradio_api/cancel", {"session_hash": "victim", "fn_index": 0, "event_id": "e1"}),
    ("/gradio_api/reset", {"event_id": "e1"}),
])
def test_gradio_cancel_and_reset_need_the_login(exposed, path, body):
    exposed.cookies.clear()
    anonymous = exposed.post(path, json=body)
    assert anonymous.status_code == 401, anonymous.text
    _signed_in(exposed)
    assert exposed.post(path, json=body).status_code == 200


def test_health_names_models_without_local_paths(exposed, tiny_models):
    exposed.cookies.clear()
    health = exposed.get("/v1/health")
    assert health.status_code == 200
    models = health.json()["models"]
    assert {m["name"] for m in models} >= {tiny_models["marian"].name, tiny_models["bart"].name}
    assert all(m["path"] is None for m in models)
    for path in tiny_models.values():
        assert str(path) not in health.text and str(path.parent) not in health.text


def test_failed_logins_are_rate_limited_per_address(exposed):
    attacker = _other_client(exposed, "203.0.113.7")
    for attempt in range(5):  # at the limit (WIREBRIEF_MAX_LOGIN_FAILURES = 5): each failure is a plain 400
        assert attacker.post("/login", data={**LOGIN, "password": f"guess{attempt}"}).status_code == 400
    over = attacker.post("/login", data=LOGIN)  # just over: refused even with the right password
    assert over.status_code == 429 and over.json()["code"] == "too_many_failures"
    assert 1 <= int(over.headers["Retry-After"]) <= 60
    assert "WIREBRIEF_MAX_LOGIN_FAILURES" in over.json()["message"]
    assert _other_client(exposed, "203.0.113.8").post("/login", data=LOGIN).status_code == 200  # others unaffected


def test_wrong_api_tokens_count_as_failed_sign_ins(exposed):
    attacker = _other_client(exposed, "203.0.113.9")
    for attempt in range(5):
        assert attacker.get("/v1/models", headers={"Authorization": f"Bearer guess{attempt}"}).status_code == 401
    over = attacker.get("/v1/models", headers={"Authorization": f"Bearer {TOKEN}"})
    assert over.status_code == 429 and "Retry-After" in over.headers


def test_the_limit_lifts_after_the_minute():
    from service.edge.signin import FailureLimiter

    now = [1000.0]
    limiter = FailureLimiter(2, clock=lambda: now[0])
    limiter.failed("a")
    now[0] += 30
    limiter.failed("a")
    assert limiter.retry_after("a") == 30 and limiter.retry_after("b") == 0
    now[0] += 30.5  # the first failure is out of the window
    assert limiter.retry_after("a") == 0
    limiter.failed("a")
    limiter.succeeded("a")
    assert limiter.retry_after("a") == 0


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_a_blank_api_token_is_refused_at_start_up(tiny_settings, blank):
    for host in ("0.0.0.0", "127.0.0.1"):
        settings = _exposed_settings(tiny_settings, tiny_settings.db_path, host=host, api_token=SecretStr(blank))
        with pytest.raises(AuthRequired, match="WIREBRIEF_API_TOKEN"):
            check_exposure(settings)
    with pytest.raises(AuthRequired, match="WIREBRIEF_AUTH_PASSWORD"):
        check_exposure(_exposed_settings(tiny_settings, tiny_settings.db_path, auth_password=SecretStr(" ")))


def test_gradio_client_with_the_login_still_works_over_http(tiny_settings, pipeline, tmp_path):
    """The guard lets a legitimate script through: gradio_client signs in, uploads a file and calls an endpoint
    (queue, SSE, upload) on an exposed server; without the login it cannot."""
    import json

    from gradio_client import Client, handle_file

    from service.api import create_app
    from service.local_server import LiveServer
    from service.runtime import Runtime

    settings = _exposed_settings(tiny_settings, tmp_path / "wb.sqlite3")
    runtime = Runtime(settings, pipeline_factory=lambda _s: pipeline)
    wire = tmp_path / "wire.txt"
    wire.write_text("Le gouvernement a présenté mardi un plan.", encoding="utf-8")
    with LiveServer(create_app(settings, runtime=runtime)) as server:
        server.wait_ready()
        with pytest.raises(Exception):
            Client(f"{server.url}/", verbose=False).predict(handle_file(str(wire)), api_name="/read_file")
        client = Client(f"{server.url}/", auth=(LOGIN["username"], LOGIN["password"]), verbose=False)
        read = json.loads(client.predict(handle_file(str(wire)), api_name="/read_file"))
        assert read["text"].startswith("Le gouvernement") and read["name"] == "wire.txt"
    runtime.close()
