"""Issue 17, holes 2, 5, 6 and 8 (the limits part): each attack as a client sends it — over HTTP to one live app
on 127.0.0.1 (uvicorn, the REST API and the Gradio app) with small limits and the tiny fixture models — answered
with a specific refusal or a correct result, never a 500, a reset connection, or work nobody waits for."""

from __future__ import annotations

import io
import json
import threading
import time

import httpx
import pytest

from service.local_server import LiveServer
from tests.service.api.helpers import HeldSlot

MAX_FILE_BYTES = 300_000
MAX_JSON_BYTES = 20_000
MAX_ELEMENTS = 2_000
MAX_DEPTH = 64
MAX_CHARS = 6_000


@pytest.fixture(scope="module")
def hostile_settings(tiny_settings, tmp_path_factory):
    return tiny_settings.model_copy(
        update={
            "db_path": tmp_path_factory.mktemp("hostile-db") / "wb.sqlite3",
            "max_file_bytes": MAX_FILE_BYTES,
            "max_json_bytes": MAX_JSON_BYTES,
            "max_document_elements": MAX_ELEMENTS,
            "max_document_depth": MAX_DEPTH,
            "max_chars": MAX_CHARS,
            "max_batch_files": 3,
            "concurrency": 1,
            "queue_size": 1,
        }
    )


@pytest.fixture(scope="module")
def server(hostile_settings, pipeline):
    from service.api import create_app
    from service.runtime import Runtime

    runtime = Runtime(hostile_settings, pipeline_factory=lambda _s: pipeline)
    app = create_app(hostile_settings, runtime=runtime)
    with LiveServer(app) as live:
        live.wait_ready()
        live.runtime, live.app = runtime, app
        yield live
        live.server.force_exit = True
    runtime.close()


@pytest.fixture
def api(server):
    with httpx.Client(base_url=server.url, timeout=120) as client:
        yield client


def _read(api, name: str, data: bytes) -> httpx.Response:
    return api.post("/v1/documents/read", files={"file": (name, data)})


def _refusal(response: httpx.Response, status: int, setting: str) -> str:
    assert response.status_code == status, response.text
    message = response.json()["message"]
    assert setting in message, message
    return message


# ------------------------------------------------------------------------------------------------ hole 2: parsing
def test_deeply_nested_html_is_refused_at_once(api):
    """20,000 nested <div> (220 kB): 42 s of CPU in the old tree builder, then a 200. Now refused by depth, fast."""
    html = ("<div>" * 20_000 + "Le maire a parlé." + "</div>" * 20_000).encode()
    started = time.monotonic()
    response = _read(api, "nested.html", html)
    elapsed = time.monotonic() - started
    _refusal(response, 413, "WIREBRIEF_MAX_DOCUMENT_DEPTH")
    assert "nested.html" in response.json()["message"]
    assert elapsed < 10, f"took {elapsed:.1f} s"


def test_html_reader_is_linear_in_nesting():
    """The cause, not the instance: with no depth limit, 20,000 nested elements read in well under the 42 s the
    tree builder needed, and four times as many elements take about four times as long, not sixteen."""
    from service.batch.budget import ParseBudget
    from service.batch.readers_html import html_to_text

    def seconds(n: int) -> float:
        html = "<div>" * n + "x" + "</div>" * n
        started = time.perf_counter()
        assert html_to_text(html, ParseBudget(max_depth=10**9, max_elements=10**9)) == "x"
        return time.perf_counter() - started

    small, large = seconds(5_000), seconds(20_000)  # 4× the size: linear ≈ 4× the time, quadratic ≈ 16×
    assert large < 10, f"20,000 nested elements took {large:.1f} s"
    assert large < 10 * small + 1, (small, large)


def test_html_depth_at_and_over_the_limit(api):
    def nested(depth: int) -> bytes:
        return ("<div>" * (depth - 1) + "<p>Le maire a parlé.</p>" + "</div>" * (depth - 1)).encode()

    at = _read(api, "at.html", nested(MAX_DEPTH))
    assert at.status_code == 200 and at.json()["text"] == "Le maire a parlé.", at.text
    _refusal(_read(api, "over.html", nested(MAX_DEPTH + 1)), 413, "WIREBRIEF_MAX_DOCUMENT_DEPTH")


def test_unclosed_paragraphs_are_not_depth(api):
    """<p> without </p> closes the previous one, as browsers read it: 200 such paragraphs are depth 1, not 200."""
    response = _read(api, "paras.html", ("<p>Le maire a parlé." * 200).encode())
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "name, unit",
    [("tags.html", b"<i>m</i>"), ("lines.txt", b"m\n"), ("lines.md", b"m\n")],
)
def test_document_elements_at_and_over_the_limit(api, name, unit):
    """One element budget for HTML tags and text lines (the .txt count is lines: N units = N lines + the empty
    last one)."""
    count = MAX_ELEMENTS - (1 if name.endswith((".txt", ".md")) else 0)
    assert _read(api, name, unit * count).status_code == 200
    _refusal(_read(api, name, unit * (count + 1)), 413, "WIREBRIEF_MAX_DOCUMENT_ELEMENTS")


def test_deep_jsonl_line_is_a_named_limit_not_a_500(api):
    """A JSONL row of 100,000 nested '[' overflowed json's recursion: a 500 from the batch upload."""
    line = b'{"text": "Le maire a parl\xc3\xa9.", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    response = api.post("/v1/batch", files=[("files", ("deep.jsonl", line))])
    _refusal(response, 413, "WIREBRIEF_MAX_DOCUMENT_DEPTH")


def test_document_reading_waits_for_a_slot_and_overflows_with_429(server):
    """Four hostile uploads slowed everyone's translations: reading now takes a slot like a translation, and
    past WIREBRIEF_QUEUE_SIZE waiting requests the next upload (one file or a batch) gets 429."""
    runtime = server.runtime
    results: list[int] = []

    def upload():
        with httpx.Client(base_url=server.url, timeout=60) as client:
            results.append(_read(client, "one.txt", "Le maire a parlé.".encode()).status_code)

    with HeldSlot(runtime):
        waiting = threading.Thread(target=upload)
        waiting.start()
        deadline = time.monotonic() + 20
        while runtime._waiting < 1:
            assert time.monotonic() < deadline, "the upload never waited for a slot"
            time.sleep(0.01)
        assert results == []  # it waits while the slot is held
        with httpx.Client(base_url=server.url, timeout=30) as client:
            over = _read(client, "two.txt", "Le maire a parlé.".encode())
            batch = client.post("/v1/batch", files=[("files", ("b.txt", "Le maire a parlé.".encode()))])
    waiting.join(60)
    assert results == [200]
    for response in (over, batch):
        _refusal(response, 429, "WIREBRIEF_QUEUE_SIZE")


# ------------------------------------------------------------------------------------------------ hole 5: 500s
def test_lone_surrogate_is_a_422_in_words(api, server):
    body = b'{"text": "Le maire \\ud800 a parl\\u00e9.", "summaries": []}'
    for path in ("/v1/translate", "/v1/translate/stream"):
        response = api.post(path, content=body, headers={"content-type": "application/json"})
        assert response.status_code == 422, response.text
        message = response.json()["message"]
        assert "'text'" in message and "surrogate" in message, message
    gradio = api.post(
        "/gradio_api/call/translate", content=b'{"data": ["\\udc00 Le maire", [], "fr", "model"]}',
        headers={"content-type": "application/json"},
    )
    assert gradio.status_code == 422, gradio.text  # answered by the Gradio app's own handler: {"detail": …}
    assert "surrogate" in (gradio.json().get("message") or gradio.json()["detail"]), gradio.text
    # A proper pair (an emoji) is text.
    fine = api.post("/v1/translate", json={"text": "Le maire a parlé 😀.", "summaries": [], "source_language": "fr"})
    assert fine.status_code == 200, fine.text


def test_a_range_ending_in_zero_is_translated_not_a_500(api):
    text = "Le budget passera de 10 à 0 millions d'euros."
    response = api.post("/v1/translate", json={"text": text, "summaries": [], "source_language": "fr"})
    assert response.status_code == 200, response.text


def test_a_failing_fact_checker_is_a_warning_on_the_result(api, monkeypatch):
    """Whatever fails inside the fact checks, the user gets the translation and a warning, never a 500."""
    import service.pipeline.fact_stage

    def broken(*_a, **_k):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(service.pipeline.fact_stage, "check_result", broken)
    body = {"text": "Le conseil a voté le budget mardi.", "summaries": [], "source_language": "fr"}
    response = api.post("/v1/translate", json=body)
    assert response.status_code == 200, response.text
    result = response.json()
    warnings = [w for w in result["warnings"] if w["code"] == "facts.failed"]
    assert warnings and "ZeroDivisionError" in warnings[0]["message"], result["warnings"]
    assert result["paragraphs"][0]["sentences"][0]["translation"]


def _client_port(response: httpx.Response) -> int:
    return response.extensions["network_stream"].get_extra_info("client_addr")[1]


def test_a_500_does_not_reset_the_keep_alive_connection(server, monkeypatch):
    """After any 500 the next request on the same connection used to fail: the exception went on to uvicorn,
    which closes the socket. Now the same connection (same client port) carries the next request."""

    def broken(_result_id):
        raise RuntimeError("boom")

    monkeypatch.setattr(server.runtime, "result", broken)
    with httpx.Client(base_url=server.url, timeout=30) as client:
        first = client.get("/v1/results/abc")
        assert first.status_code == 500 and first.json()["code"] == "internal", first.text
        assert "RuntimeError" in first.json()["message"] and "boom" not in first.json()["message"]
        second = client.get("/v1/health")
        assert second.status_code == 200
        assert _client_port(first) == _client_port(second), "the server closed the connection after the 500"


# ------------------------------------------------------------------------------------------------ hole 6: bytes
def _chunks(total: int, sent: list[int], head: bytes = b"", tail: bytes = b"", size: int = 64 * 1024):
    """A request body of ``total`` bytes as a generator (httpx sends it chunked, without Content-Length);
    ``sent`` counts what the server made us produce."""
    yield head
    sent[0] += len(head)
    left = total
    while left > 0:
        piece = min(size, left)
        sent[0] += piece
        left -= piece
        yield b"a" * piece
    yield tail


BOUNDARY = "wbboundary"


def _files_body(field: str, file_bytes: int, total: int, sent: list[int]):
    """A multipart body of files of ``file_bytes`` each, ``total`` bytes of file data in all, as a generator
    (httpx sends it chunked, without Content-Length); ``sent`` counts what the server made us produce."""
    n = 0
    while sent[0] < total:
        n += 1
        yield (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="f{n}.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        left = file_bytes
        while left > 0:
            piece = min(64 * 1024, left)
            sent[0] += piece
            left -= piece
            yield b"a" * piece
        yield b"\r\n"
    yield f"--{BOUNDARY}--\r\n".encode()


@pytest.mark.parametrize(
    "path, field, file_bytes, setting",
    [
        ("/v1/documents/read", "file", 200_000_000, "WIREBRIEF_MAX_FILE_BYTES"),
        ("/v1/batch", "files", 200_000_000, "WIREBRIEF_MAX_BATCH_FILES"),
        # Many files, each under Gradio's own per-file backstop (2 × WIREBRIEF_MAX_FILE_BYTES).
        ("/gradio_api/upload", "files", 250_000, "WIREBRIEF_MAX_BATCH_FILES"),
    ],
)
def test_chunked_upload_is_stopped_while_it_streams(api, path, field, file_bytes, setting):
    """A chunked upload without Content-Length was spooled in full before the limit applied. 200 MB sent: the
    server stops reading just past the route's limit and answers 413 (what the client managed to push meanwhile
    is what the socket buffers hold)."""
    sent = [0]
    total = 200_000_000
    headers = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}
    response = api.post(path, content=_files_body(field, file_bytes, total, sent), headers=headers)
    assert response.status_code == 413, response.text[:300]
    body = response.json()
    assert setting in (body.get("message") or body.get("detail")), body
    assert sent[0] < total / 4, f"the server read {sent[0]:,} of {total:,} bytes"


def test_json_body_at_and_over_the_byte_limit(api):
    text = json.dumps({"text": "Le maire a parlé.", "summaries": [], "source_language": "fr"}).encode()
    at = text[:-1] + b" " * (MAX_JSON_BYTES - len(text)) + b"}"
    assert len(at) == MAX_JSON_BYTES
    ok = api.post("/v1/translate", content=at, headers={"content-type": "application/json"})
    assert ok.status_code == 200, ok.text
    over = api.post("/v1/translate", content=at[:-1] + b" }", headers={"content-type": "application/json"})
    message = _refusal(over, 413, "WIREBRIEF_MAX_JSON_BYTES")
    assert f"{MAX_JSON_BYTES + 1:,}" in message


def test_chunked_json_body_is_stopped_while_it_streams(api):
    """A 400 MB JSON body raised the RSS by 1.15 GB before its 413; now reading stops at the limit."""
    sent = [0]
    total = 200_000_000
    response = api.post(
        "/v1/translate",
        content=_chunks(total, sent, b'{"text": "', b'"}'),
        headers={"content-type": "application/json"},
    )
    _refusal(response, 413, "WIREBRIEF_MAX_JSON_BYTES")
    assert sent[0] < total / 4, f"the server read {sent[0]:,} of {total:,} bytes"


def _docx(*blocks) -> bytes:
    """A .docx of paragraphs (str) and tables (list of rows of cell texts), in this order."""
    from docx import Document

    document = Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            table = document.add_table(rows=len(block), cols=len(block[0]))
            for r, row in enumerate(block):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_text_is_held_to_the_character_limit(api):
    """A 3.2 MB .docx gave 20.4 M characters, ignoring WIREBRIEF_MAX_CHARS: the extracted text is now limited."""
    paragraph = "Le maire a parlé. " * 10  # 180 characters
    count = MAX_CHARS // (len(paragraph.strip()) + 2)
    at = _read(api, "at.docx", _docx(*[paragraph] * count))
    assert at.status_code == 200 and len(at.json()["text"]) <= MAX_CHARS, at.text[:200]
    over = _read(api, "over.docx", _docx(*[paragraph] * (count + 1)))
    message = _refusal(over, 413, "WIREBRIEF_MAX_CHARS")
    assert "over.docx" in message


# ------------------------------------------------------------------------------------------------ hole 8: readers
def test_docx_tables_are_read_in_document_order(api):
    data = _docx("Avant le tableau.", [["Ville", "Population"], ["Lyon", "522 000"]], "Après le tableau.")
    response = _read(api, "table.docx", data)
    assert response.status_code == 200, response.text
    assert response.json()["text"].split("\n\n") == [
        "Avant le tableau.", "Ville", "Population", "Lyon", "522 000", "Après le tableau."
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_text_with_a_bom_is_read(api, encoding):
    import codecs

    text = "Le maire a parlé à l'été."
    bom = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}.get(encoding, b"")
    response = _read(api, "wide.txt", bom + text.encode(encoding))
    assert response.status_code == 200, response.text
    assert response.json()["text"] == text
