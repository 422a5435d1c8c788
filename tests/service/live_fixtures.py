"""Session fixtures for tests that drive the real app over HTTP / in a browser (loaded from tests/conftest.py)."""

from __future__ import annotations

import pytest

from service.local_server import LiveServer


@pytest.fixture(scope="session")
def app_settings(tiny_settings, tmp_path_factory):
    """The tiny-model settings with a database of the app's own."""
    return tiny_settings.model_copy(update={
        "db_path": tmp_path_factory.mktemp("app-db") / "wirebrief.sqlite3",
        "results_dir": tmp_path_factory.mktemp("app-results"),  # the only folders the Evaluator tab may read
    })


@pytest.fixture(scope="session")
def live_app(app_settings, pipeline):
    """The real app (REST API + Gradio UI) on 127.0.0.1:<free port>, models ready. The pipeline is the session's
    tiny one, handed over by the runtime's factory, so it still loads through the background start-up path."""
    from service.api import create_app
    from service.runtime import Runtime

    runtime = Runtime(app_settings, pipeline_factory=lambda _settings: pipeline)
    with LiveServer(create_app(app_settings, runtime=runtime)) as server:
        server.wait_ready()
        server.runtime = runtime
        yield server
    runtime.close()


@pytest.fixture
def user_glossary(live_app):
    """For tests that edit the glossary through the app or the API: afterwards the session pipeline gets its
    glossary back and the user file written by the test is removed."""
    from service.facts.glossary import default_glossary, user_glossary_path

    pipeline = live_app.runtime.pipeline
    original = pipeline.glossary
    path = user_glossary_path(live_app.runtime.settings)
    assert not path.exists(), f"a user glossary {path} is left over from another test"
    yield path
    pipeline.set_glossary(original)
    path.unlink(missing_ok=True)
    default_glossary.cache_clear()
