"""GET/PUT /v1/glossary against the real app: read the shipped and user glossaries, replace the user part
(validated, written to the user file, applied to the next request), clear errors for bad entries."""

from __future__ import annotations

import httpx
import pytest
import yaml

from service.pipeline import glossary_hash
from service.result import Result

TEXT = "Le Zorglub a rencontré jeudi les ministres à Bruxelles."
NEW = {"terms": [{"fr": ["le Zorglub", "Zorglub"], "en": "the Zorglub Agency"}], "keep": ["Zorglub Martin"]}


@pytest.fixture(scope="module")
def api(live_app):
    with httpx.Client(base_url=live_app.url, timeout=120) as client:
        yield client


def test_get_shows_shipped_terms_user_file_and_the_hash_in_effect(api, live_app):
    body = api.get("/v1/glossary").json()
    assert {"fr": ["l'Otan", "l'OTAN", "Otan", "OTAN"], "en": "NATO"} in body["shipped"]["terms"]
    assert body["user"] == {"terms": [], "keep": []} and body["user_file_exists"] is False
    assert body["user_path"].endswith("glossary.yaml")
    assert body["hash"] == glossary_hash(live_app.runtime.pipeline.glossary)
    assert body["entries"] == len(live_app.runtime.pipeline.glossary)


def test_put_saves_applies_and_changes_the_next_result(api, live_app, user_glossary):
    before = Result.model_validate(api.post("/v1/translate", json={"text": TEXT, "summaries": []}).json())
    response = api.put("/v1/glossary", json=NEW)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["user"] == NEW and body["user_file_exists"]
    assert body["hash"] != before.options["glossary"]
    # written to the user file, in the documented YAML shape
    assert yaml.safe_load(user_glossary.read_text(encoding="utf-8")) == NEW
    # applied: the running pipeline holds it, merged with the shipped default
    running = live_app.runtime.pipeline.glossary
    assert glossary_hash(running) == body["hash"] and body["entries"] == len(running)
    assert [e.target for e in running.entries if "Zorglub" in e.fr] == ["the Zorglub Agency"]
    assert any(e.target == "NATO" for e in running.entries)
    assert api.get("/v1/glossary").json()["user"] == NEW

    after = Result.model_validate(api.post("/v1/translate", json={"text": TEXT, "summaries": []}).json())
    # a new request key (the glossary hash is part of it): not served from the store
    assert after.options["glossary"] == body["hash"] and after.id != before.id
    assert after.extra["cache"]["hit"] is False
    # the fact checker now verifies the new term (the tiny model's English cannot contain it)
    flagged = [i for i in after.facts["translation"] if "Zorglub" in i["source"] + i["detail"]]
    assert flagged and not [i for i in before.facts["translation"] if "Zorglub Agency" in i["detail"]]


def test_a_user_term_replaces_the_shipped_one_for_the_same_form(api, live_app, user_glossary):
    body = api.put("/v1/glossary", json={"terms": [{"fr": ["Bruxelles"], "en": "Brussels (Belgium)"}]}).json()
    targets = [e.target for e in live_app.runtime.pipeline.glossary.entries if "Bruxelles" in e.fr]
    assert targets == ["Brussels (Belgium)"]
    assert body["entries"] == len(api.get("/v1/glossary").json()["shipped"]["terms"]) + len(
        api.get("/v1/glossary").json()["shipped"]["keep"]
    )


@pytest.mark.parametrize(
    "body, status, words",
    [
        ({"terms": [{"fr": ["Zorglub"], "en": "  "}]}, 422, ["term 1", "English", "empty"]),
        ({"terms": [{"fr": [], "en": "X"}]}, 422, ["term 1", "French form"]),
        ({"terms": [{"fr": ["Zorglub"], "en": "Z"}, {"fr": ["zorglub"], "en": "Y"}]}, 422, ["term 2", "already in term 1"]),
        ({"terms": [{"fr": ["Zorglub"], "en": "Z"}], "keep": ["Zorglub"]}, 422, ["keep 1", "already in term 1"]),
        ({"keep": ["123"]}, 422, ["keep 1", "no letter"]),
        ({"terms": [{"fr": ["Zorglub"], "english": "Z"}]}, 422, ["terms.0"]),
    ],
)
def test_invalid_entries_get_a_clear_error_and_change_nothing(api, live_app, user_glossary, body, status, words):
    before = glossary_hash(live_app.runtime.pipeline.glossary)
    response = api.put("/v1/glossary", json=body)
    assert response.status_code == status
    error = response.json()
    assert error["code"] == "invalid_input"
    assert all(w in error["message"] for w in words), error["message"]
    assert not user_glossary.exists()
    assert glossary_hash(live_app.runtime.pipeline.glossary) == before
