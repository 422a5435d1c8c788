"""/v1/health and requests while the models load, and after they fail to load: the server stays up."""

from __future__ import annotations

import threading

import httpx

from service.api import create_app
from service.runtime import Runtime
from service.local_server import LiveServer


def test_health_is_503_while_loading_then_200(app_settings, pipeline, tmp_path):
    release = threading.Event()

    def slow_factory(_settings):
        release.wait(60)
        return pipeline

    settings = app_settings.model_copy(update={"db_path": tmp_path / "wb.sqlite3"})
    runtime = Runtime(settings, pipeline_factory=slow_factory)
    with LiveServer(create_app(settings, runtime=runtime, ui=False)) as server:
        loading = httpx.get(f"{server.url}/v1/health")
        assert loading.status_code == 503
        assert loading.json()["status"] == "loading" and loading.json()["reason"]
        busy = httpx.post(f"{server.url}/v1/translate", json={"text": "Bonjour."})
        assert busy.status_code == 503 and busy.json()["code"] == "loading"
        release.set()
        ready = server.wait_ready(60)
        assert ready["status"] == "ready"
        assert [m["name"] for m in ready["models"]] == [m.name for m in pipeline.models_used()]
        assert all(m["path"] is None for m in ready["models"])  # no token needed here: no server paths
    runtime.close()


def test_a_model_that_fails_to_load_leaves_the_app_up(app_settings, tmp_path):
    missing = tmp_path / "no-such-model"
    settings = app_settings.model_copy(
        update={"db_path": tmp_path / "wb.sqlite3", "translation_model": str(missing)}
    )
    runtime = Runtime(settings)  # the production factory: Pipeline.from_settings
    with LiveServer(create_app(settings, runtime=runtime)) as server:
        runtime.wait(60)
        health = httpx.get(f"{server.url}/v1/health")
        assert health.status_code == 503
        assert health.json()["status"] == "error" and health.json()["reason"]
        assert str(tmp_path) not in health.text and "no-such-model" in health.json()["reason"]  # path cut
        response = httpx.post(f"{server.url}/v1/translate", json={"text": "Bonjour."})
        assert response.status_code == 503
        assert response.json()["code"] == "model_unavailable" and "failed to load" in response.json()["message"]
        assert httpx.get(f"{server.url}/v1/models").status_code == 503
        page = httpx.get(f"{server.url}/")
        assert page.status_code == 200
    runtime.close()
