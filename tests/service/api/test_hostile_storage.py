"""Issue 17, holes 7 and 8: glossary input that breaks translation, formula injection in summary.csv, storage faults
(deleted or corrupted database, unwritable glossary file) and work for abandoned streams — each driven over HTTP
against a live app (REST API, no UI) on the tiny fixture models, each server with a store of its own."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import time
import uuid
import zipfile

import httpx
import pytest

from service.local_server import LiveServer


class Served:
    """A live app (no UI) over its own database; ``runtime``, ``app`` and an httpx ``client`` on it."""

    def __init__(self, settings, pipeline):
        from service.api import create_app
        from service.runtime import Runtime

        self.settings = settings
        self.runtime = Runtime(settings, pipeline_factory=lambda _s: pipeline)
        self.app = create_app(settings, runtime=self.runtime, ui=False)
        self.live = LiveServer(self.app)

    def __enter__(self) -> "Served":
        self.live.__enter__()
        self.live.wait_ready()
        self.client = httpx.Client(base_url=self.live.url, timeout=120)
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()
        self.live.__exit__(*exc)
        self.runtime.close()


@pytest.fixture
def served(tiny_settings, pipeline, tmp_path):
    settings = tiny_settings.model_copy(update={"db_path": tmp_path / "db" / "wb.sqlite3", "concurrency": 1})
    with Served(settings, pipeline) as s:
        yield s


def _translate(client, text: str) -> httpx.Response:
    return client.post("/v1/translate", json={"text": text, "summaries": [], "source_language": "fr"})


def _unique(text: str) -> str:
    return f"{text} Dossier {uuid.uuid4().hex[:8]}."


# ------------------------------------------------------------------------------------------------ hole 7: glossary
@pytest.mark.parametrize(
    "doc, names",
    [
        ({"terms": [{"fr": ["Otan"], "en": "NATO"}, {"fr": ["l'"], "en": "the"}]}, ["term 2", "l'"]),
        ({"terms": [{"fr": ["de la"], "en": "of the"}]}, ["term 1", "de la"]),
        ({"terms": [{"fr": ["Matignon"], "en": "the office at 7302 Rue Varenne"}]}, ["term 1", "7302"]),
        ({"keep": ["Vol 7 301"]}, ["keep 1", "7 301"]),
    ],
)
def test_glossary_entries_that_break_translation_are_refused_by_name(served, doc, names):
    """``l'`` matched the empty string and flooded every sentence with placeholders; a target containing the
    number a placeholder can take was rewritten by the restoration. Both are refused at validation, naming the entry; the
    file is not written and the running glossary is unchanged."""
    from service.facts.glossary import user_glossary_path

    before = served.runtime.pipeline.glossary
    response = served.client.put("/v1/glossary", json=doc)
    assert response.status_code == 422, response.text
    message = response.json()["message"]
    for name in names:
        assert name in message, message
    assert not user_glossary_path(served.settings).exists()
    assert served.runtime.pipeline.glossary is before


def test_a_hand_edited_glossary_file_with_such_an_entry_is_refused_at_load(tmp_path):
    from service.facts.glossary import Glossary

    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n  - fr: [\"l'\"]\n    en: the\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"term entry 1: the French form .l'. matches an empty string"):
        Glossary.load(path)


def test_a_failed_glossary_write_leaves_no_temp_file_and_says_why(tiny_settings, pipeline, tmp_path):
    """The glossary path is a folder (any write failure): the old code answered 500 and left a
    ``.glossary-*.yaml`` temp file behind. Now: 503 naming the path, nothing left over, glossary unchanged."""
    target = tmp_path / "glossary.yaml"
    target.mkdir()
    settings = tiny_settings.model_copy(update={"db_path": tmp_path / "wb.sqlite3", "glossary_path": target})
    with Served(settings, pipeline) as s:
        before = s.runtime.pipeline.glossary
        response = s.client.put("/v1/glossary", json={"terms": [{"fr": ["Matignon"], "en": "Prime Minister's office"}]})
        assert response.status_code == 503, response.text
        assert response.json()["code"] == "storage_failed" and str(target) in response.json()["message"]
        assert s.runtime.pipeline.glossary is before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".glossary-")] == []


# ------------------------------------------------------------------------------------------------ summary.csv
def _wait_job(client, job_id: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        body = client.get(f"/v1/batch/{job_id}").json()
        if body["state"] not in ("queued", "running"):
            return body
        time.sleep(0.1)
    raise TimeoutError(body)


def test_summary_csv_cells_cannot_run_as_formulas(served):
    """File names (and any text cell) starting with = + - @ tab or CR ran as formulas when an editor opened the
    batch's summary.csv; they now start with an apostrophe."""
    files = [
        ("files", ("+HYPERLINK(1).txt", b"\x00\x01binary")),
        ("files", ("-2+3.txt", b"")),
        ("files", ("ok.txt", "Le maire a parlé.".encode())),
    ]
    job = served.client.post("/v1/batch", files=files)
    assert job.status_code == 200, job.text
    _wait_job(served.client, job.json()["job_id"])
    archive = served.app.state.batch.export_zip(job.json()["job_id"])  # what the Batch view's download serves
    with zipfile.ZipFile(archive) as z:
        rows = list(csv.DictReader(io.StringIO(z.read("summary.csv").decode("utf-8"))))
    names = {row["name"] for row in rows}
    assert {"'+HYPERLINK(1).txt", "'-2+3.txt", "ok.txt"} <= names, names
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row


# ------------------------------------------------------------------------------------------------ storage faults
def test_a_deleted_database_makes_health_not_ready_in_words(served):
    assert served.client.get("/v1/health").status_code == 200
    os.unlink(served.settings.db_path)
    health = served.client.get("/v1/health")
    assert health.status_code == 503, health.text
    reason = health.json()["reason"]
    # The file is named, but health shows no server paths (service.edge: nothing local leaks to a client).
    assert "deleted" in reason and served.settings.db_path.name in reason and str(served.settings.db_path) not in reason


def test_a_corrupted_database_keeps_the_result_and_tells_health(served):
    """Corrupted under the running server: health said ready while requests failed with 500s. Now health is
    503 with the cause, a translation is still returned (with a warning that it was not saved), and the history
    answers 503 'storage_failed', not 500."""
    db = served.settings.db_path
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(db, "r+b") as f:
        f.write(os.urandom(8192))
    # The server's long-lived connections hold pages in cache and notice the damage only when they read past it;
    # start them afresh, as a restarted worker would, so every request reads the damaged file.
    served.runtime.db.close()
    health = served.client.get("/v1/health")
    assert health.status_code == 503 and "damaged" in health.json()["reason"], health.text
    response = _translate(served.client, _unique("Le conseil a voté le budget."))
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["paragraphs"][0]["sentences"][0]["translation"]
    warnings = [w for w in result["warnings"] if w["code"] == "store.failed"]
    assert warnings and "not be listed in the history" in warnings[0]["message"], result["warnings"]
    history = served.client.get("/v1/results")
    assert history.status_code == 503 and history.json()["code"] == "storage_failed", history.text


# ------------------------------------------------------------------------------------------------ abandoned streams
def test_a_closed_stream_stops_its_work(served):
    """A client that closes /v1/translate/stream after the first paragraph: the old server translated the rest
    anyway (and stored it). Now the work stops: the slot frees and nothing is stored for the request."""
    runtime = served.runtime
    paragraphs = [f"Le maire numéro {i} a parlé longuement du budget {uuid.uuid4().hex[:6]}." for i in range(40)]
    text = "\n\n".join(paragraphs)
    key = runtime.pipeline.cache_key(text, [], "fr", "model")
    with httpx.Client(base_url=served.live.url, timeout=120) as client:
        body = {"text": text, "summaries": [], "source_language": "fr"}
        with client.stream("POST", "/v1/translate/stream", json=body) as response:
            assert response.status_code == 200
            for line in response.iter_lines():
                if json.loads(line)["event"] == "paragraph":
                    break
    started = time.monotonic()
    assert runtime._slots.acquire(timeout=60), "the abandoned run never freed its slot"
    runtime._slots.release()
    freed = time.monotonic() - started
    time.sleep(0.5)
    assert runtime.store.lookup(key) is None, f"the abandoned run went on to the end (slot freed after {freed:.1f} s)"
