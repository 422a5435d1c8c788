"""POST /v1/translate/stream: NDJSON progress + paragraphs as they are ready, then the Result."""

from __future__ import annotations

import json

import httpx

from service.result import Result

DISPATCH = "\n\n".join(
    [
        "PARIS, 3 mars (AFP) - Les syndicats appellent à une nouvelle journée de grève jeudi.",
        "Les transports seront fortement perturbés dans toute la France.",
        "Le gouvernement a appelé au dialogue. Une réunion est prévue lundi.",
    ]
)


def read_stream(url: str, payload: dict) -> tuple[int, str, list[dict]]:
    with httpx.stream("POST", f"{url}/v1/translate/stream", json=payload, timeout=120) as response:
        lines = [json.loads(line) for line in response.iter_lines() if line.strip()]
        return response.status_code, response.headers["content-type"], lines


def test_stream_sends_progress_paragraphs_then_result(live_app):
    status, content_type, events = read_stream(live_app.url, {"text": DISPATCH, "summaries": ["headline"]})
    assert status == 200 and content_type.startswith("application/x-ndjson")
    kinds = [e["event"] for e in events]
    assert kinds[-1] == "result" and kinds.count("result") == 1
    result = Result.model_validate(events[-1]["result"])
    streamed = [e["paragraph"] for e in events if e["event"] == "paragraph"]
    assert [p["index"] for p in streamed] == [0, 1, 2]
    assert streamed == [p.model_dump(mode="json") for p in result.paragraphs]
    assert all(e["total"] == 3 for e in events if e["event"] == "paragraph")
    progress = [e for e in events if e["event"] == "progress"]
    assert any(e["message"].startswith("translating ") and e["total"] == len(result.sentences()) for e in progress)
    assert kinds.index("paragraph") < max(i for i, e in enumerate(events) if e.get("stage") == "summarizing")


def test_stream_errors_before_start_are_plain_json(live_app):
    response = httpx.post(f"{live_app.url}/v1/translate/stream", json={"text": ""}, timeout=30)
    assert response.status_code == 422
    assert response.json()["code"] == "empty_input"


def test_stream_of_a_stored_request_replays_its_paragraphs(live_app):
    payload = {"text": DISPATCH, "summaries": []}
    read_stream(live_app.url, payload)
    _status, _ctype, events = read_stream(live_app.url, payload)
    assert [e["event"] for e in events] == ["paragraph"] * 3 + ["result"]
    assert events[-1]["result"]["extra"]["cache"]["hit"] is True


def test_stream_sends_a_glance_then_each_summary_as_ready(live_app):
    presets = ["headline", "lede", "bullets", "paragraph"]
    _status, _ctype, events = read_stream(live_app.url, {"text": DISPATCH + " (v2)", "summaries": presets})
    kinds = [e["event"] for e in events]
    result = Result.model_validate(events[-1]["result"])
    # "at a glance": once, right after the first paragraph, before any summary — the first paragraph's translation
    [glance] = [e for e in events if e["event"] == "glance"]
    assert kinds.index("glance") == kinds.index("paragraph") + 1
    assert glance["source"] == "first-paragraph" and "first paragraph" in glance["label"]
    assert glance["text"] == " ".join(s.translation for s in result.paragraphs[0].sentences)
    summaries = [e for e in events if e["event"] == "summary"]
    assert sorted(e["preset"] for e in summaries) == sorted(presets)
    assert [e["done"] for e in summaries] == [1, 2, 3, 4] and {e["total"] for e in summaries} == {4}
    assert kinds.index("glance") < kinds.index("summary") < kinds.index("result")
    for event in summaries:
        assert event["summary"] == result.summaries[event["preset"]].model_dump(mode="json")
