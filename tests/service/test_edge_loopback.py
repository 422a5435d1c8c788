"""The loopback default against a hostile web page on the same machine (issue 17, hole 4), over real HTTP to the
real app (uvicorn, REST + Gradio): DNS rebinding (a request naming another Host) and cross-site requests (CSRF)
are refused; the app's own pages, and clients that are not browsers (no Origin), still work."""

from __future__ import annotations

import httpx
import pytest

from service.edge.guard import FORM_ROUTES

PAGE = "Le gouvernement a présenté mardi un plan pour les agriculteurs."


def _host(live_app) -> str:
    return f"127.0.0.1:{live_app.port}"


def _jobs(live_app) -> int:
    return len(live_app.server.config.app.state.batch.jobs(limit=10_000))


# --- DNS rebinding: the attacker's page reaches the server under the attacker's name ---------------------------
def test_a_rebound_host_cannot_read_the_history(live_app):
    rebound = httpx.get(f"{live_app.url}/v1/results", headers={"Host": f"evil.example:{live_app.port}"})
    assert rebound.status_code == 400, rebound.text
    assert rebound.json()["code"] == "host_not_allowed" and "WIREBRIEF_ALLOWED_HOSTS" in rebound.json()["message"]
    for own in (_host(live_app), f"localhost:{live_app.port}", f"[::1]:{live_app.port}"):
        assert httpx.get(f"{live_app.url}/v1/results", headers={"Host": own}).status_code == 200, own


def test_a_rebound_host_cannot_write_the_glossary(live_app, user_glossary):
    body = {"terms": [{"fr": ["plan"], "en": "scheme"}], "keep": []}
    rebound = httpx.put(f"{live_app.url}/v1/glossary", json=body, headers={"Host": f"evil.example:{live_app.port}"})
    assert rebound.status_code == 400 and rebound.json()["code"] == "host_not_allowed"
    assert not user_glossary.exists()


def test_a_rebound_host_cannot_use_the_web_app(live_app):
    rebound = httpx.post(
        f"{live_app.url}/gradio_api/call/translate",
        json={"data": [PAGE, [], "fr", "extractive-lead"]},
        headers={"Host": f"evil.example:{live_app.port}"},
    )
    assert rebound.status_code == 400
    assert httpx.get(f"{live_app.url}/config", headers={"Host": "evil.example"}).status_code == 400


# --- CSRF: a page on another port (same site, other origin) posts to the app -----------------------------------
def test_a_cross_origin_form_post_creates_no_batch_job(live_app):
    """What the attacking page's ``fetch(url, {method: 'POST', mode: 'no-cors', body: formData})`` sends."""
    before = _jobs(live_app)
    attack = httpx.post(
        f"{live_app.url}/v1/batch",
        files=[("files", ("wire.txt", PAGE.encode()))],
        data={"summaries": ""},
        headers={"Origin": "http://localhost:8000", "Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "no-cors"},
    )
    assert attack.status_code == 403, attack.text
    assert attack.json()["code"] == "cross_site" and "WIREBRIEF_ALLOWED_ORIGINS" in attack.json()["message"]
    assert _jobs(live_app) == before
    # The app's own page (same origin) and a script without a browser (no Origin) may submit.
    own = httpx.post(
        f"{live_app.url}/v1/batch", files=[("files", ("wire.txt", PAGE.encode()))], data={"summaries": ""},
        headers={"Origin": live_app.url, "Sec-Fetch-Site": "same-origin"},
    )
    assert own.status_code == 200, own.text
    assert _jobs(live_app) == before + 1


@pytest.mark.parametrize("headers", [
    {"Origin": "http://localhost:8000"},
    {"Origin": "null"},  # a sandboxed frame or a file:// page
    {"Sec-Fetch-Site": "cross-site"},  # a browser that sent no Origin
    {"Sec-Fetch-Site": "same-site"},
])
def test_cross_site_requests_to_the_gradio_api_are_refused(live_app, headers):
    call = httpx.post(f"{live_app.url}/gradio_api/call/translate", json={"data": [PAGE, [], "fr", "extractive-lead"]},
                      headers=headers)
    assert call.status_code == 403 and call.json()["code"] == "cross_site"
    upload = httpx.post(f"{live_app.url}/gradio_api/upload", files=[("files", ("a.txt", b"Il pleut."))], headers=headers)
    assert upload.status_code == 403


def test_the_apps_own_page_may_call_the_gradio_api(live_app):
    call = httpx.post(f"{live_app.url}/gradio_api/call/translate", json={"data": [PAGE, [], "fr", "extractive-lead"]},
                      headers={"Origin": live_app.url, "Sec-Fetch-Site": "same-origin"})
    assert call.status_code == 200 and "event_id" in call.json()


@pytest.mark.parametrize("content_type", [None, "text/plain;charset=UTF-8", "application/x-www-form-urlencoded"])
def test_json_routes_refuse_bodies_a_form_or_no_cors_fetch_can_send(live_app, content_type):
    """A no-cors fetch may send a JSON text as text/plain, or a Blob with no type at all (FastAPI parses a body
    without Content-Type as JSON)."""
    headers = {"Content-Type": content_type} if content_type else {}
    response = httpx.post(
        f"{live_app.url}/v1/translate", content=b'{"text": "Il pleut.", "summaries": [], "source_language": "fr"}', headers=headers
    )
    assert response.status_code == 415, response.text
    assert "application/json" in response.json()["message"]
    if content_type is None:
        ok = httpx.post(f"{live_app.url}/v1/translate", json={"text": "Il pleut.", "summaries": [], "source_language": "fr"},
                        timeout=120)
        assert ok.status_code == 200, ok.text


def test_the_form_routes_are_the_multipart_routes_of_the_schema(live_app):
    schema = httpx.get(f"{live_app.url}/openapi.json").json()
    multipart = {
        path for path, item in schema["paths"].items() for op in item.values()
        if "multipart/form-data" in op.get("requestBody", {}).get("content", {})
    }
    assert multipart == set(FORM_ROUTES)


def test_cors_stays_closed_on_loopback(live_app):
    preflight = httpx.options(
        f"{live_app.url}/v1/translate",
        headers={"Origin": "http://localhost:8000", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    simple = httpx.get(f"{live_app.url}/v1/results", headers={"Origin": "http://localhost:8000"})
    assert "access-control-allow-origin" not in simple.headers
