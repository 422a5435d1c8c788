"""Hole 1 of the security review: a Gradio file payload naming a server path must never be read. The attack is sent
exactly as a hostile client would: raw HTTP to Gradio's call API, with a FileData dict pointing at a file the
app never received — for the named endpoints and for the Dispatch tab's private upload event."""

from __future__ import annotations

import json

import httpx
import pytest
from gradio_client import Client, handle_file

SECRET = "wirebrief-secret-line-31337"


@pytest.fixture(scope="module")
def server_file(tmp_path_factory):
    """A readable server file outside the app's upload folder (stands in for /etc/passwd, a key, the database)."""
    path = tmp_path_factory.mktemp("server-secrets") / "secret.txt"
    path.write_text(f"Le secret du serveur : {SECRET}.\n", encoding="utf-8")
    return path


def file_payload(path) -> dict:
    return {"path": str(path), "meta": {"_type": "gradio.FileData"}, "orig_name": "dispatch.txt"}


def call(url: str, api_name: str, data: list) -> str:
    """POST /gradio_api/call/<name>, then read the whole SSE answer."""
    with httpx.Client(base_url=url, timeout=60) as http:
        event = http.post(f"/gradio_api/call/{api_name}", json={"data": data})
        if event.status_code != 200:
            return f"HTTP {event.status_code} {event.text}"
        event_id = event.json()["event_id"]
        return http.get(f"/gradio_api/call/{api_name}/{event_id}").text


def test_read_file_endpoint_refuses_a_server_path(live_app, server_file):
    answer = call(live_app.url, "read_file", [file_payload(server_file)])
    assert SECRET not in answer
    assert "event: error" in answer or answer.startswith("HTTP 4")


def test_batch_endpoint_refuses_server_paths(live_app, server_file, tmp_path):
    table = tmp_path / "rows.csv"
    table.write_text(f"id,text\n1,{SECRET}\n", encoding="utf-8")
    for target in (server_file, table):
        answer = call(live_app.url, "batch", [[file_payload(target)], "", "", "model"])
        assert "event: error" in answer or answer.startswith("HTTP 4"), answer
        assert "job_id" not in answer


def test_dispatch_upload_event_refuses_a_server_path(live_app, server_file):
    """The Dispatch tab's upload event is private (not in the API docs) but reachable by fn_index over the queue."""
    config = httpx.get(f"{live_app.url}/config", timeout=30).json()
    components = {c["id"]: c for c in config["components"]}
    upload_ids = [
        i for i, dep in enumerate(config["dependencies"])
        # a target's id is None for events with no component of their own (page load, a chained step)
        if any(components.get(t[0], {}).get("props", {}).get("elem_id") == "wb-dispatch-upload" for t in dep["targets"])
        and any(t[1] == "upload" for t in dep["targets"])
    ]
    assert upload_ids, "the Dispatch upload event was not found in the app config"
    with httpx.Client(base_url=live_app.url, timeout=60) as http:
        joined = http.post("/gradio_api/queue/join", json={
            "data": [file_payload(server_file)], "fn_index": upload_ids[0], "session_hash": "attacker0001",
            "event_data": None, "trigger_id": None,
        })
        assert joined.status_code == 200, joined.text
        stream = http.get("/gradio_api/queue/data", params={"session_hash": "attacker0001"}).text
    assert SECRET not in stream
    assert "process_completed" in stream


def test_a_real_upload_still_reads(live_app):
    """The same endpoint still reads a file the client really uploaded (gradio_client uploads it first)."""
    client = Client(f"{live_app.url}/", verbose=False)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "depeche.txt"
        path.write_text("Le Parlement a voté la loi mardi.", encoding="utf-8")
        out = json.loads(client.predict(handle_file(str(path)), api_name="/read_file"))
    assert out["text"] == "Le Parlement a voté la loi mardi." and out["name"] == "depeche.txt"
