"""Issue 17, hole 8 (continued): a database the server cannot write — read-only, or on a disk that takes no more
bytes — made so for real by the kernel, not by patching the store. Each test runs ``python -m service serve`` in a
subprocess (tiny fixture models) on a database an earlier run left behind, and checks what a client sees: health
503 with the reason in words (the file's name, no server path), a translation still answered with its text and a
``store.failed`` warning, and the history still served (reads need no writes) — never a 500.

How the faults are made without privileges the CI may lack:

* read-only: the file is ``chmod 0444``. Root ignores file modes through ``CAP_DAC_OVERRIDE``; when the tests run
  as root the server is started with that capability (and its kin) dropped from its bounding set, so the kernel
  holds root to the mode bits like any other user. Needs ``CAP_SETPCAP``, which a root without it would not need.
* disk full: the running server's ``RLIMIT_FSIZE`` is lowered to 0 (``prlimit``, allowed on one's own processes);
  from then on every write to a file fails with ``EFBIG`` — as on a full disk, no byte reaches the database or
  its WAL. (CPython ignores ``SIGXFSZ``, so the server is not killed by it. SQLite reports ``EFBIG`` as
  "disk I/O error", a real ``ENOSPC`` as "database or disk is full".)
"""

from __future__ import annotations

import ctypes
import os
import resource
import uuid

import httpx
import pytest

from service.local_server import ServerProcess, free_port, settings_env
from service.settings import PROJECT_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]  # a server process each (start-up, models)

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3


def _drop_file_override() -> None:
    """In the child before exec: a root process loses the capabilities that let it write a file it has no
    write permission for (they are gone from the bounding set, so exec does not give them back)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), f"prctl(PR_CAPBSET_DROP, {cap})")


def _seed(settings, pipeline) -> str:
    """The database an earlier run left: its tables (results and batch jobs) and one stored translation; every
    connection closed, so no WAL or shared-memory file is left open. Returns the stored result's id."""
    from service.batch import api as batch_api
    from service.runtime import Runtime

    runtime = Runtime(settings, pipeline_factory=lambda _s: pipeline)
    runtime.load()
    result = runtime.translate("Le maire a présenté le budget.", summaries=[], source_language="fr")
    batch_api.open_store(settings).close()
    runtime.close()
    return result.id


def _translate(client: httpx.Client) -> httpx.Response:
    text = f"Le conseil a voté le budget. Dossier {uuid.uuid4().hex[:8]}."
    return client.post("/v1/translate", json={"text": text, "summaries": [], "source_language": "fr"})


def _assert_store_fault_seen(client: httpx.Client, db_name: str, db_path, words: str, seeded_id: str) -> None:
    health = client.get("/v1/health")
    assert health.status_code == 503, health.text
    reason = health.json()["reason"]
    assert words in reason and db_name in reason and str(db_path) not in reason, reason

    response = _translate(client)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["paragraphs"][0]["sentences"][0]["translation"]
    warnings = [w for w in result["warnings"] if w["code"] == "store.failed"]
    assert warnings and "not be listed in the history" in warnings[0]["message"], result["warnings"]

    history = client.get("/v1/results")
    assert history.status_code == 200, history.text  # reading needs no write: the earlier results stay listed
    assert [row["id"] for row in history.json()] == [seeded_id], history.json()
    assert client.get(f"/v1/results/{seeded_id}").status_code == 200


@pytest.fixture
def seeded(tiny_settings, pipeline, tmp_path):
    settings = tiny_settings.model_copy(update={"db_path": tmp_path / "db" / "wb.sqlite3", "host": "127.0.0.1"})
    return settings, _seed(settings, pipeline)


def test_a_read_only_database_makes_health_not_ready_and_keeps_results(seeded, tmp_path):
    settings, seeded_id = seeded
    db = settings.db_path
    os.chmod(db, 0o444)
    server = ServerProcess(
        settings_env(settings, WIREBRIEF_PORT=free_port()), PROJECT_ROOT, tmp_path / "server.log",
        preexec_fn=_drop_file_override,
    )
    server.start()
    try:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            _wait_loaded(server.url)
            _assert_store_fault_seen(client, db.name, db, "read-only", seeded_id)
    finally:
        server.stop()


def test_a_full_disk_makes_health_not_ready_and_keeps_results(seeded, tmp_path):
    settings, seeded_id = seeded
    db = settings.db_path
    server = ServerProcess(settings_env(settings, WIREBRIEF_PORT=free_port()), PROJECT_ROOT, tmp_path / "server.log")
    server.start()
    try:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            assert _wait_loaded(server.url)["status"] == "ready"  # writable so far
            resource.prlimit(server.process.pid, resource.RLIMIT_FSIZE, (0, 0))
            _assert_store_fault_seen(client, db.name, db, "disk space", seeded_id)
            assert server.process.poll() is None, "the server died of the refused writes (SIGXFSZ?)"
    finally:
        server.stop()


def _wait_loaded(url: str, timeout: float = 300.0) -> dict:
    """Health's body once it stops saying the models are loading (ready, or not ready for another cause). Each
    poll may wait a minute: on a loaded machine the server answers slowly while it loads the models."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # A new connection each time: while the models load the server's event loop can stall past its keep-alive
        # timeout, and a request sent on an idle kept-alive connection just then is reset.
        body = httpx.get(f"{url}/v1/health", timeout=60).json()
        if "loading" not in (body.get("reason") or "") and body.get("status") != "loading":
            return body
        time.sleep(0.2)
    raise TimeoutError(f"the models did not load: {body}")
