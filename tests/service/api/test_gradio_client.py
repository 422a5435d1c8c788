"""The named Gradio endpoints, called with gradio_client as a script would."""

from __future__ import annotations

import pytest
from gradio_client import Client

from service.result import Result


@pytest.fixture(scope="module")
def client(live_app):
    return Client(f"{live_app.url}/", verbose=False)


def test_translate_endpoint_returns_the_result_json(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert "/translate" in endpoints
    output = client.predict(
        "Le Premier ministre a présenté jeudi son plan. Il sera voté en juin.", ["headline"], None, "model",
        api_name="/translate",
    )
    result = Result.model_validate_json(output)
    assert result.language.code == "fr" and list(result.summaries) == ["headline"]
    assert len(result.sentences()) == 2 and all(s.translation for s in result.sentences())
    stored = Result.model_validate_json(client.predict(result.id, api_name="/result"))
    assert stored.id == result.id


def test_translate_endpoint_reports_input_errors(client):
    with pytest.raises(Exception) as info:
        client.predict("   ", None, None, "model", api_name="/translate")
    assert "empty_input" in str(info.value)
