"""The REST API against the real app on loopback: translate, history, models, errors as JSON, OpenAPI."""

from __future__ import annotations

import httpx
import pytest

from service.result import Result

DISPATCH = (
    "BRUXELLES, 14 fév (AFP) - Les ministres de la Défense de l'Otan se sont réunis jeudi à Bruxelles. "
    "Ils ont accepté de renforcer la mission en Irak.\n\n"
    "La réunion a duré deux jours."
)


@pytest.fixture(scope="module")
def api(live_app):
    with httpx.Client(base_url=live_app.url, timeout=120) as client:
        yield client


def test_translate_returns_a_result_and_stores_it(api):
    response = api.post("/v1/translate", json={"text": DISPATCH, "summaries": ["headline", "bullets"]})
    assert response.status_code == 200, response.text
    result = Result.model_validate(response.json())
    assert result.language.code == "fr" and result.translated
    assert len(result.paragraphs) == 2
    assert all(s.translation for s in result.sentences())
    assert list(result.summaries) == ["headline", "bullets"]
    assert result.models and result.id

    reopened = api.get(f"/v1/results/{result.id}")
    assert reopened.status_code == 200
    assert Result.model_validate(reopened.json()).paragraphs == result.paragraphs
    assert result.id in [row["id"] for row in api.get("/v1/results").json()]

    again = api.post("/v1/translate", json={"text": DISPATCH, "summaries": ["headline", "bullets"]}).json()
    assert again["extra"]["cache"]["hit"] is True and again["id"] == result.id
    assert again["models"] == response.json()["models"]


def test_stated_source_language_skips_detection(api):
    body = api.post("/v1/translate", json={"text": DISPATCH, "summaries": [], "source_language": "fr"}).json()
    assert body["language"] == {"code": "fr", "name": "French", "confidence": 1.0, "given": True}
    assert body["summaries"] == {}


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"text": "   "}, 422, "empty_input"),
        ({"text": "too long"}, 413, "limit_exceeded"),
        ({"text": "Bonjour.", "summaries": ["haiku"]}, 422, None),
        ({"text": "Bonjour.", "summarizer": "magic"}, 422, "unknown_option"),
        ({"txt": "Bonjour."}, 422, "invalid_input"),
        ({"text": 12}, 422, "invalid_input"),
    ],
)
def test_errors_are_json_with_code_and_status(api, live_app, payload, status, code):
    if payload.get("text") == "too long":
        payload = {"text": "x" * (live_app.runtime.settings.max_chars + 1)}
    response = api.post("/v1/translate", json=payload)
    assert response.status_code == status
    body = response.json()
    assert set(body) >= {"code", "message"} and body["message"]
    if code:
        assert body["code"] == code
    if status == 413:
        assert "WIREBRIEF_MAX_CHARS" in body["message"]


def test_unknown_ids_and_paths_are_json_404(api):
    missing = api.get("/v1/results/deadbeef")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    unknown = api.get("/v1/nope")
    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"


def test_health_and_models(api):
    health = api.get("/v1/health")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "ready" and {m["role"] for m in body["models"]} >= {"translation", "summary"}
    models = api.get("/v1/models").json()
    assert models["presets"] == ["headline", "lede", "bullets", "paragraph"]
    assert "model" in models["summarizers"]
    assert [m["name"] for m in models["models"]] == [m["name"] for m in body["models"]]
    assert all(m["path"] is None for m in body["models"])  # health needs no token: no local paths (issue 17)


def test_openapi_documents_the_endpoints(api):
    spec = api.get("/openapi.json").json()
    for path in ("/v1/translate", "/v1/translate/stream", "/v1/health", "/v1/models", "/v1/results/{result_id}"):
        assert path in spec["paths"]
    assert api.get("/docs").status_code == 200


def test_the_ui_is_served_at_the_root(api):
    page = api.get("/")
    assert page.status_code == 200 and "<html" in page.text.lower()
