"""Every named limit of the settings table, at the limit and just over it, through the REST API (httpx) and through
gradio_client, against one live app on 127.0.0.1 with small limits and the tiny fixture models.

Each refusal must name its setting and the actual value; each request at the limit must be served."""

from __future__ import annotations

import io
import json
import threading
import time
import zipfile

import httpx
import pytest
from gradio_client import Client, handle_file

from service.local_server import LiveServer
from tests.service.api.helpers import HeldSlot

MAX_CHARS = 300
MAX_FILE_BYTES = 2_000
MAX_BATCH_FILES = 3
MAX_BATCH_ROWS = 4
QUEUE_SIZE = 2


@pytest.fixture(scope="module")
def limited_settings(tiny_settings, tmp_path_factory):
    return tiny_settings.model_copy(
        update={
            "db_path": tmp_path_factory.mktemp("limits-db") / "wb.sqlite3",
            "max_chars": MAX_CHARS,
            "max_file_bytes": MAX_FILE_BYTES,
            "max_batch_files": MAX_BATCH_FILES,
            "max_batch_rows": MAX_BATCH_ROWS,
            "queue_size": QUEUE_SIZE,
            "concurrency": 1,
            "max_docx_expanded_bytes": 200_000,
        }
    )


@pytest.fixture(scope="module")
def server(limited_settings, pipeline):
    from service.api import create_app
    from service.runtime import Runtime

    runtime = Runtime(limited_settings, pipeline_factory=lambda _s: pipeline)
    with LiveServer(create_app(limited_settings, runtime=runtime)) as live:
        live.wait_ready()
        live.runtime = runtime
        yield live
        live.server.force_exit = True  # gradio_client keeps connections open: do not wait for them to close
    runtime.close()


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server.url, timeout=120) as client:
        yield client


@pytest.fixture(scope="module")
def gc(server):
    return Client(f"{server.url}/", verbose=False)


def _dispatch(chars: int) -> str:
    """French text of exactly ``chars`` characters (sentences of a few words: fast on the tiny model)."""
    base = "Le maire a parlé. "
    return (base * (chars // len(base) + 1))[:chars]


def _assert_refusal(message: str, setting: str, actual: int) -> None:
    assert setting in message, message
    assert f"{actual:,}" in message, message


# ------------------------------------------------------------------------------------------------ characters
def test_max_chars_rest(api):
    at = api.post("/v1/translate", json={"text": _dispatch(MAX_CHARS), "summaries": [], "source_language": "fr"})
    assert at.status_code == 200, at.text
    over = api.post("/v1/translate", json={"text": _dispatch(MAX_CHARS + 1), "summaries": []})
    assert over.status_code == 413 and over.json()["code"] == "limit_exceeded"
    _assert_refusal(over.json()["message"], "WIREBRIEF_MAX_CHARS", MAX_CHARS + 1)


def test_max_chars_gradio_client(gc):
    json.loads(gc.predict(_dispatch(MAX_CHARS), [], "fr", "model", api_name="/translate"))
    with pytest.raises(Exception) as info:
        gc.predict(_dispatch(MAX_CHARS + 1), [], "fr", "model", api_name="/translate")
    _assert_refusal(str(info.value), "WIREBRIEF_MAX_CHARS", MAX_CHARS + 1)


# ------------------------------------------------------------------------------------------------ file size
def _file(size: int) -> bytes:
    """A UTF-8 text file of exactly ``size`` bytes."""
    data = (_dispatch(size).encode("utf-8") + b" " * size)[:size]
    return data.decode("utf-8", errors="ignore").ljust(size // 2).encode("utf-8").ljust(size, b" ")[:size]


def _html_file(size: int) -> bytes:
    """An HTML file of exactly ``size`` bytes whose text is one short sentence (the rest is a comment): at the
    byte limit without passing WIREBRIEF_MAX_CHARS, which the extracted text is also held to."""
    head, tail = "<p>Le maire a parlé.</p><!--".encode(), b"-->"
    return head + b"x" * (size - len(head) - len(tail)) + tail


def test_max_file_bytes_rest(api):
    at = api.post("/v1/documents/read", files={"file": ("at.html", _html_file(MAX_FILE_BYTES), "text/html")})
    assert at.status_code == 200, at.text
    assert at.json()["text"].startswith("Le maire a parlé.")
    over = api.post("/v1/documents/read", files={"file": ("over.html", _html_file(MAX_FILE_BYTES + 1), "text/html")})
    assert over.status_code == 413, over.text
    _assert_refusal(over.json()["message"], "WIREBRIEF_MAX_FILE_BYTES", MAX_FILE_BYTES + 1)
    # Far over: refused from the Content-Length header, before the body is read.
    huge = api.post("/v1/documents/read", files={"file": ("huge.txt", _file(MAX_FILE_BYTES * 100), "text/plain")})
    assert huge.status_code == 413 and "WIREBRIEF_MAX_FILE_BYTES" in huge.json()["message"]


def test_max_file_bytes_gradio_client(gc, tmp_path):
    at, over = tmp_path / "at.html", tmp_path / "over.html"
    at.write_bytes(_html_file(MAX_FILE_BYTES))
    over.write_bytes(_html_file(MAX_FILE_BYTES + 1))
    read = json.loads(gc.predict(handle_file(str(at)), api_name="/read_file"))
    assert read["text"].startswith("Le maire a parlé.")
    with pytest.raises(Exception) as info:
        gc.predict(handle_file(str(over)), api_name="/read_file")
    _assert_refusal(str(info.value), "WIREBRIEF_MAX_FILE_BYTES", MAX_FILE_BYTES + 1)


# ------------------------------------------------------------------------------------------------ files per batch
def _batch_files(n: int) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (f"d{i}.txt", f"Dépêche courte numéro {i}.".encode(), "text/plain")) for i in range(n)]


def _wait_job(api, job_id: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        body = api.get(f"/v1/batch/{job_id}").json()
        if body["state"] not in ("queued", "running"):
            return body
        time.sleep(0.1)
    raise TimeoutError(body)


def test_max_batch_files_rest(api):
    at = api.post("/v1/batch", files=_batch_files(MAX_BATCH_FILES), data={"summaries": ""})
    assert at.status_code == 200, at.text
    assert at.json()["total"] == MAX_BATCH_FILES
    assert _wait_job(api, at.json()["job_id"])["done"] == MAX_BATCH_FILES
    over = api.post("/v1/batch", files=_batch_files(MAX_BATCH_FILES + 1), data={"summaries": ""})
    assert over.status_code == 413, over.text
    _assert_refusal(over.json()["message"], "WIREBRIEF_MAX_BATCH_FILES", MAX_BATCH_FILES + 1)


def test_max_batch_files_gradio_client(gc, tmp_path):
    paths = []
    for i in range(MAX_BATCH_FILES + 1):
        path = tmp_path / f"g{i}.txt"
        path.write_text(f"Autre dépêche numéro {i}.", encoding="utf-8")
        paths.append(path)
    job = json.loads(gc.predict([handle_file(str(p)) for p in paths[:-1]], "", "", "model", api_name="/batch"))
    assert job["total"] == MAX_BATCH_FILES
    with pytest.raises(Exception) as info:
        gc.predict([handle_file(str(p)) for p in paths], "", "", "model", api_name="/batch")
    _assert_refusal(str(info.value), "WIREBRIEF_MAX_BATCH_FILES", MAX_BATCH_FILES + 1)


# ------------------------------------------------------------------------------------------------ rows per table
def _jsonl(rows: int) -> bytes:
    return "".join(json.dumps({"text": f"Ligne de dépêche {i}."}) + "\n" for i in range(rows)).encode()


def test_max_batch_rows_rest(api):
    at = api.post("/v1/batch", files=[("files", ("t.jsonl", _jsonl(MAX_BATCH_ROWS), "application/json"))])
    assert at.status_code == 200 and at.json()["total"] == MAX_BATCH_ROWS, at.text
    over = api.post("/v1/batch", files=[("files", ("t.jsonl", _jsonl(MAX_BATCH_ROWS + 1), "application/json"))])
    assert over.status_code == 413, over.text
    _assert_refusal(over.json()["message"], "WIREBRIEF_MAX_BATCH_ROWS", MAX_BATCH_ROWS + 1)


def test_max_batch_rows_gradio_client(gc, tmp_path):
    at, over = tmp_path / "at.jsonl", tmp_path / "over.jsonl"
    at.write_bytes(_jsonl(MAX_BATCH_ROWS).replace(b"Ligne", b"Rang"))
    over.write_bytes(_jsonl(MAX_BATCH_ROWS + 1))
    assert json.loads(gc.predict([handle_file(str(at))], "", "", "model", api_name="/batch"))["total"] == MAX_BATCH_ROWS
    with pytest.raises(Exception) as info:
        gc.predict([handle_file(str(over))], "", "", "model", api_name="/batch")
    _assert_refusal(str(info.value), "WIREBRIEF_MAX_BATCH_ROWS", MAX_BATCH_ROWS + 1)


# ------------------------------------------------------------------------------------------------ docx expansion
MINIMAL_DOCX = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
        'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+'
        'xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
    "word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Le maire a parlé.</w:t></w:r></w:p></w:body>'
        "</w:document>"
    ),
}


def _docx(expanded: int) -> bytes:
    """A small (compressed) .docx whose members add up to exactly ``expanded`` bytes unpacked."""
    parts = {name: text.encode("utf-8") for name, text in MINIMAL_DOCX.items()}
    padding = expanded - sum(len(v) for v in parts.values())
    parts["customXml/padding.xml"] = b" " * padding
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_max_docx_expanded_bytes_rest(api, limited_settings):
    limit = limited_settings.max_docx_expanded_bytes
    at = api.post("/v1/documents/read", files={"file": ("at.docx", _docx(limit), "application/octet-stream")})
    assert at.status_code == 200 and "maire" in at.json()["text"], at.text
    over = api.post("/v1/documents/read", files={"file": ("over.docx", _docx(limit + 1), "application/octet-stream")})
    assert over.status_code == 413, over.text
    _assert_refusal(over.json()["message"], "WIREBRIEF_MAX_DOCX_EXPANDED_BYTES", limit + 1)


# ------------------------------------------------------------------------------------------------ queue size
def _wait_for_waiting(runtime, n: int) -> None:
    deadline = time.monotonic() + 20
    while runtime._waiting < n:
        assert time.monotonic() < deadline, f"{runtime._waiting} requests waiting, expected {n}"
        time.sleep(0.01)


def test_queue_size_rest(server):
    text = "La séance est levée à midi."
    statuses: list[int] = []

    def send(i):
        with httpx.Client(base_url=server.url, timeout=120) as client:
            body = {"text": f"{text} ({i})", "summaries": [], "source_language": "fr"}
            statuses.append(client.post("/v1/translate", json=body).status_code)

    with HeldSlot(server.runtime):
        waiting = [threading.Thread(target=send, args=(i,)) for i in range(QUEUE_SIZE)]
        for t in waiting:
            t.start()
        _wait_for_waiting(server.runtime, QUEUE_SIZE)  # at the limit: all admitted, waiting
        with httpx.Client(base_url=server.url, timeout=30) as client:
            over = client.post("/v1/translate", json={"text": text, "summaries": [], "source_language": "fr"})
    for t in waiting:
        t.join(60)
    assert statuses == [200] * QUEUE_SIZE
    assert over.status_code == 429 and over.json()["code"] == "overloaded"
    _assert_refusal(over.json()["message"], "WIREBRIEF_QUEUE_SIZE", QUEUE_SIZE)


def _wait_for_gradio_queue(jobs) -> None:
    """Until every job is in Gradio's queue or processing: on a loaded machine a fixed pause was not always enough,
    and a job still joining when the next one arrived let that one in."""
    from gradio_client.utils import Status

    admitted = {Status.IN_QUEUE, Status.SENDING_DATA, Status.PROCESSING, Status.ITERATING, Status.PROGRESS}
    deadline = time.monotonic() + 30
    while (codes := [job.status().code for job in jobs]) and not all(c in admitted for c in codes):
        assert Status.FINISHED not in codes, f"a job ended before the limit was reached: {codes}"
        assert time.monotonic() < deadline, f"jobs not all queued: {codes}"
        time.sleep(0.05)


def test_queue_size_gradio_client(server, gc):
    """Gradio's own queue has max_size WIREBRIEF_QUEUE_SIZE: one request processing (waiting for the held slot),
    QUEUE_SIZE queued behind it, and the next one refused as queue full."""
    with HeldSlot(server.runtime):
        # The first job in processing (waiting for the held slot) before the others are sent: sent together, the
        # last could reach Gradio's queue while the first was still in it, and be refused in its place.
        jobs = [gc.submit("Le vote a lieu demain (0).", [], "fr", "model", api_name="/translate")]
        _wait_for_waiting(server.runtime, 1)
        jobs += [gc.submit(f"Le vote a lieu demain ({i}).", [], "fr", "model", api_name="/translate")
                 for i in range(1, QUEUE_SIZE + 1)]
        _wait_for_gradio_queue(jobs)  # the others have reached Gradio's queue (not only been sent)
        over = gc.submit("Le vote est reporté.", [], "fr", "model", api_name="/translate")
        with pytest.raises(Exception) as info:
            over.result(timeout=30)
    assert "queue" in str(info.value).lower() and "full" in str(info.value).lower(), str(info.value)
    for job in jobs:
        json.loads(job.result(timeout=120))


# ------------------------------------------------------------------------------------------------ time and tokens
@pytest.fixture
def short_time(server):
    """WIREBRIEF_MAX_TIME of 1 s on the running server for one test (the runtime reads it per request)."""
    runtime = server.runtime
    original = runtime.settings
    runtime.settings = original.model_copy(update={"max_time": 1.0, "max_chars": 40_000})
    yield 1.0
    runtime.settings = original


def _slow_text() -> str:
    return "\n\n".join(f"Le conseil numéro {i} a voté la mesure {i * 3} ce mardi." for i in range(600))


def test_max_time_rest_is_a_504_and_the_next_request_runs(api, short_time):
    short = api.post("/v1/translate", json={"text": "Il neige.", "summaries": [], "source_language": "fr"})
    assert short.status_code == 200, short.text  # within the limit
    started = time.monotonic()
    over = api.post("/v1/translate", json={"text": _slow_text(), "summaries": [], "source_language": "fr"})
    assert over.status_code == 504 and over.json()["code"] == "timeout", over.text
    assert "WIREBRIEF_MAX_TIME" in over.json()["message"] and "limit of 1 s" in over.json()["message"]
    assert time.monotonic() - started < 15
    again = api.post("/v1/translate", json={"text": "Il gèle.", "summaries": [], "source_language": "fr"})
    assert again.status_code == 200


def test_max_time_gradio_client(gc, short_time):
    json.loads(gc.predict("Il vente.", [], "fr", "model", api_name="/translate"))
    with pytest.raises(Exception) as info:
        gc.predict(_slow_text().replace("conseil", "comité"), [], "fr", "model", api_name="/translate")
    assert "[timeout]" in str(info.value) and "WIREBRIEF_MAX_TIME" in str(info.value)


def _cap_warnings(result: dict) -> list[dict]:
    return [w for w in result["warnings"] if w["code"] == "translation.token_cap"]


# Its own length cap (2 × tokens + 10, bucketed) is under WIREBRIEF_MAX_NEW_TOKENS=40: stopping there is no cap hit.
SHORT_SENTENCE = "Oui, hier."
# Its cap is the setting itself; the tiny model never emits </s>, so it stops at the cap.
LONG_SENTENCE = "Le conseil municipal de la ville a voté mardi soir une nouvelle mesure sur les transports publics et les écoles."


def test_the_sentences_straddle_the_cap(pipeline, limited_settings):
    stack = pipeline.stacks["fr"]
    assert limited_settings.max_new_tokens == stack.base.decoding.max_new_tokens == 40
    for short in (SHORT_SENTENCE, SHORT_SENTENCE.replace("hier", "lundi")):
        assert stack.base.decoding.new_token_cap(stack.base.count_tokens(short)) < 40
    assert stack.base.decoding.new_token_cap(stack.base.count_tokens(LONG_SENTENCE)) == 40


def test_new_token_cap_rest(api, limited_settings):
    result = api.post("/v1/translate", json={"text": f"{SHORT_SENTENCE}\n\n{LONG_SENTENCE}", "summaries": [],
                                             "source_language": "fr"}).json()
    warnings = _cap_warnings(result)
    assert [(w["paragraph"], w["sentence"]) for w in warnings] == [(1, 0)], result["warnings"]
    assert "WIREBRIEF_MAX_NEW_TOKENS" in warnings[0]["message"] and "40" in warnings[0]["message"]


def test_new_token_cap_gradio_client(gc):
    text = f"{SHORT_SENTENCE.replace('hier', 'lundi')}\n\n{LONG_SENTENCE.replace('mardi', 'jeudi')}"
    result = json.loads(gc.predict(text, [], "fr", "model", api_name="/translate"))
    warnings = _cap_warnings(result)
    assert [(w["paragraph"], w["sentence"]) for w in warnings] == [(1, 0)], result["warnings"]
    assert "WIREBRIEF_MAX_NEW_TOKENS" in warnings[0]["message"]
