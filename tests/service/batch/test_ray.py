"""The Ray engine on a real loopback cluster (a head and a worker process started here, always stopped):
identical Results to the local engine, a worker killed mid-job, a re-run that does no work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service.batch import api
from service.batch.jobs import JobStore

from .helpers import comparable, documents, write_jsonl
from service.batch.localcluster import LocalRayCluster

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def cluster():
    c = LocalRayCluster(head_cpus=1, timeout=150)
    try:
        c.start()
        c.add_worker(cpus=1)
        yield c
    finally:
        c.stop()


@pytest.fixture(scope="module")
def ray_settings(tiny_settings, tmp_path_factory):
    # Small logical CPU shares so that prepare + translate + summarize actors still fit on the head alone
    # after the worker node is killed.
    return tiny_settings.model_copy(
        update={
            "db_path": tmp_path_factory.mktemp("raydb") / "jobs.sqlite3",
            "max_new_tokens": 8,
            "num_beams": 1,
            "summary_num_beams": 1,
            "ray_actor_cpus": 0.4,
            "ray_task_cpus": 0.2,
            "ray_max_actors": 2,
            "ray_pack_sentences": 32,
            "ray_retries": 3,
        }
    )


def test_200_documents_identical_to_the_local_engine(cluster, ray_settings):
    import ray

    texts = documents(200, short=True)
    from service.pipeline import Pipeline

    local = api.map_documents(texts, ray_settings, "local", summaries=["headline"], pipeline=Pipeline.from_settings(ray_settings))
    try:
        remote = api.map_documents(texts, ray_settings, "ray", address=cluster.address, summaries=["headline"])
    finally:
        if ray.is_initialized():
            ray.shutdown()
    assert len(remote) == 200
    assert [comparable(r) for r in remote] == [comparable(r) for r in local]
    assert all("headline" in r.summaries for r in remote)


def _env(settings, address: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    for name in (
        "translation_model", "summary_model", "max_new_tokens", "num_beams", "summary_num_beams", "db_path",
        "ray_actor_cpus", "ray_task_cpus", "ray_max_actors", "ray_pack_sentences", "ray_retries",
    ):  # fmt: skip
        env[f"WIREBRIEF_{name.upper()}"] = str(getattr(settings, name))
    return env


def test_worker_killed_mid_job_then_rerun_does_no_work(cluster, ray_settings, tmp_path):
    n = 60
    source = write_jsonl(tmp_path / "wire.jsonl", documents(n, offset=1000, short=True))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "service", "batch", str(source), "--out", str(out), "-s", "headline",
               "--engine", "ray", "--address", cluster.address]  # fmt: skip
    env = _env(ray_settings, cluster.address)
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    store = JobStore(ray_settings.db_path)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            jobs = [j for j in store.jobs() if j.total == n]
            if jobs and jobs[0].done >= 1:
                break
            time.sleep(0.1)
        assert proc.poll() is None, "the job ended before the worker could be killed"
        killed_at = jobs[0].done
        cluster.kill_worker(cluster.workers[0])
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr[-3000:]
        job = store.job(jobs[0].id)
        assert killed_at < n
        assert (job.done, job.errors, job.pending) == (n, 0, 0)
        results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
        firsts = [r["paragraphs"][0]["sentences"][0]["source"] for r in results]
        assert firsts == [f"Dépêche {i}." for i in range(1000, 1000 + n)]  # none lost, none twice
        assert len({r["id"] for r in results}) == n
        attempts = store.attempts(job.id)

        started = time.monotonic()
        rerun = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        assert f"{n} done, 0 failed of {n}" in rerun.stdout
        assert store.attempts(job.id) == attempts  # no document started again
        assert time.monotonic() - started < 60
    finally:
        if proc.poll() is None:
            proc.kill()
        store.close()


def test_eval_suite_through_the_ray_engine_matches_local(cluster, ray_settings, tmp_path, data_root):
    """`python -m eval run SUITE --engine ray`: the same system, the same segments, the same outputs."""
    import ray

    from eval.suites import run_suite
    from tests.conftest import require_data

    require_data(data_root, "newstest2013-fr-en/newstest2013.fr")
    common = dict(system="pipeline", limit=4, seed=3, data_root=data_root, progress=False, plots=False,
                  settings=ray_settings, download=False)  # fmt: skip
    local = run_suite("newstest2013", out_dir=tmp_path / "local", **common)
    try:
        remote = run_suite("newstest2013", out_dir=tmp_path / "ray", engine="ray", address=cluster.address, **common)
    finally:
        if ray.is_initialized():
            ray.shutdown()

    def outputs(run) -> list[str]:
        return [json.loads(line)["output"] for line in (run.path / "segments.jsonl").read_text().splitlines()]

    assert outputs(remote) == outputs(local) and len(outputs(local)) == 4
    assert remote.results["metrics"]["bleu"]["score"] == local.results["metrics"]["bleu"]["score"]
