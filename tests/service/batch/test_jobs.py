"""Job store, local engine, outputs and crash-resume with a real SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service.batch import api
from service.batch.config import job_config, run_options
from service.batch.inputs import Document, Problem, document_id
from service.batch.jobs import JobStore
from service.batch.outputs import write_outputs

from .helpers import comparable, documents, write_jsonl

ROOT = Path(__file__).resolve().parents[3]


def _doc(text: str, name: str = "x") -> Document:
    return Document(document_id(text), name, text)


@pytest.fixture
def settings(tiny_settings, tmp_path):
    return tiny_settings.model_copy(update={"db_path": tmp_path / "jobs.sqlite3"})


@pytest.fixture
def store(settings):
    s = api.open_store(settings)
    yield s
    s.close()


OPTIONS = run_options(["headline"])
CONFIG = {"translation": {"fr": "m@1"}}


def test_same_inputs_give_the_same_job_and_done_work_is_reused(store):
    items = [_doc("Un."), Problem("f.jsonl line 2", "not valid JSON", 2), _doc("Deux.")]
    job, created = store.create_job(items, options=OPTIONS, config=CONFIG)
    again, created_again = store.create_job(items, options=OPTIONS, config=CONFIG)
    assert created and not created_again and again == job
    info = store.job(job)
    assert (info.total, info.pending, info.errors) == (3, 2, 1)
    assert store.record_result(job, 0, '{"r": 1}') is True
    assert store.record_result(job, 0, '{"r": 2}') is False  # never written twice
    # A different job holding the same text under the same config reuses the Result without work.
    other, _ = store.create_job([_doc("Trois."), _doc("Un.")], options=OPTIONS, config=CONFIG)
    rows = list(store.documents(other))
    assert [(r.status, r.reused, r.result, r.attempts) for r in rows] == [
        ("pending", False, None, 0),
        ("done", True, '{"r": 1}', 0),
    ]
    # Other options: nothing reused.
    third, _ = store.create_job([_doc("Un.")], options=run_options(["lede"]), config=CONFIG)
    assert store.job(third).pending == 1


def test_duplicate_text_in_a_job_runs_once(store):
    job, _ = store.create_job([_doc("Même."), _doc("Autre."), _doc("Même.")], options=OPTIONS, config=CONFIG)
    assert [d.position for d in store.pending(job)] == [0, 1]
    store.record_result(job, 0, "{}")
    rows = list(store.documents(job))
    assert [(r.status, r.reused) for r in rows] == [("done", False), ("pending", False), ("done", True)]


def test_claims_of_live_workers_are_respected_and_dead_ones_taken_over(store):
    job, _ = store.create_job([_doc("A."), _doc("B.")], options=OPTIONS, config=CONFIG)
    me = f"{os.uname().nodename}:{os.getpid()}:aaaa"
    assert store.claim(job, [0], me) == [0]
    assert store.claim(job, [0, 1], f"{os.uname().nodename}:{os.getpid()}:bbbb") == [1]  # 0 held by a live claimer
    assert [d.position for d in store.pending(job, claimer="someone-else")] == []
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    job2, _ = store.create_job([_doc("C.")], options=OPTIONS, config=CONFIG)
    store.claim(job2, [0], f"{os.uname().nodename}:{dead.stdout.strip()}:cccc")
    assert store.claim(job2, [0], me) == [0]  # the claimer's process is gone: taken over at once
    assert store.attempts(job2) == {0: 2}


def test_local_engine_runs_each_document_once_and_reports_errors(settings, store, pipeline, tmp_path):
    long_text = "Trop long. " * (settings.max_chars // 10)
    limited = settings
    texts = documents(4)
    items = [_doc(t, f"d{i}") for i, t in enumerate(texts)] + [_doc(long_text, "long"), _doc(texts[1], "dup")]
    job, _ = api.create_job(items, limited, store, summaries=["headline"])
    seen = []
    limited_pipeline = pipeline
    counts = api.run(job, limited, store, pipeline=limited_pipeline, progress=seen.append)
    assert (counts.done, counts.errors, counts.total) == (5, 1, 6)
    assert seen[-1].finished == 6
    assert set(store.attempts(job).values()) == {0, 1} and sum(store.attempts(job).values()) == 5

    files = write_outputs(store, job, tmp_path / "out")
    results = [json.loads(line) for line in files.results.read_text().splitlines()]
    assert len(results) == 5
    direct = limited_pipeline.run(texts[2], summaries=["headline"])
    assert comparable(results[2]) == comparable(direct)
    errors = [json.loads(line) for line in files.errors.read_text().splitlines()]
    assert errors == [{"document": document_id(long_text), "name": "long", "reason": errors[0]["reason"]}]
    assert "WIREBRIEF_MAX_CHARS" in errors[0]["reason"]
    assert len(list(files.markdown.glob("*.md"))) == 5

    before = store.attempts(job)
    again = api.run(job, limited, store, pipeline=limited_pipeline)
    assert (again.done, again.errors) == (5, 1) and store.attempts(job) == before


def test_a_job_runs_only_with_the_config_it_was_made_for(settings, store, pipeline):
    job, _ = store.create_job([_doc("Un.")], options=OPTIONS, config={"other": "models"})
    from service.errors import InputError

    with pytest.raises(InputError, match="other models"):
        api.run(job, settings, store, pipeline=pipeline)


def _env(settings) -> dict:
    return dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        HF_HUB_OFFLINE="1",
        WIREBRIEF_TRANSLATION_MODEL=settings.translation_model,
        WIREBRIEF_SUMMARY_MODEL=settings.summary_model,
        WIREBRIEF_MAX_NEW_TOKENS=str(settings.max_new_tokens),
        WIREBRIEF_NUM_BEAMS=str(settings.num_beams),
        WIREBRIEF_SUMMARY_NUM_BEAMS=str(settings.summary_num_beams),
        WIREBRIEF_DB_PATH=str(settings.db_path),
        WIREBRIEF_TORCH_THREADS="1",
    )


@pytest.mark.slow
def test_sigkill_mid_job_then_rerun_loses_nothing_and_repeats_nothing(settings, tmp_path):
    n = 40
    texts = documents(n)
    source = write_jsonl(tmp_path / "wire.jsonl", texts)
    command = [sys.executable, "-m", "service", "batch", str(source), "--out", str(tmp_path / "out"), "-s", "headline"]
    env = _env(settings)
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    store = JobStore(settings.db_path)
    try:
        deadline = time.monotonic() + 180
        done = 0
        while time.monotonic() < deadline and proc.poll() is None:
            jobs = store.jobs()
            done = jobs[0].done if jobs else 0
            if done >= 5:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the job finished before it could be killed: make it longer"
        assert done >= 5, "the job made no progress in time"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        job = store.jobs()[0]
        assert 0 < job.done < n
        killed_at = job.done

        rerun = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        job = store.job(job.id)
        assert (job.done, job.errors, job.pending) == (n, 0, 0)
        attempts = store.attempts(job.id)
        # Each document started once, except at most the one in flight when the process was killed.
        assert all(a >= 1 for a in attempts.values())
        assert sum(attempts.values()) <= n + 1, attempts
        results = [json.loads(line) for line in (tmp_path / "out" / "results.jsonl").read_text().splitlines()]
        assert len(results) == n
        assert [r["paragraphs"][0]["sentences"][0]["source"] for r in results] == [f"Dépêche {i}." for i in range(n)]
        assert killed_at < n
    finally:
        if proc.poll() is None:
            proc.kill()
        store.close()
