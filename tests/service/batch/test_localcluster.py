"""The loopback Ray cluster's wait for its nodes (no Ray started here: the probe process is stubbed)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

import service.batch.localcluster as localcluster
from service.batch.localcluster import LocalRayCluster


@pytest.fixture
def cluster():
    c = LocalRayCluster(timeout=5)
    yield c
    shutil.rmtree(c.temp_dir, ignore_errors=True)


def test_a_probe_that_hangs_once_is_asked_again(cluster, monkeypatch):
    answers = iter([subprocess.TimeoutExpired(["probe"], 30), subprocess.CompletedProcess(["probe"], 0, "2\n", "")])
    calls = []

    def run(*args, **kwargs):
        calls.append(kwargs.get("timeout"))
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(localcluster.subprocess, "run", run)
    monkeypatch.setattr(localcluster.time, "sleep", lambda s: None)
    cluster._wait_nodes(2)  # before the fix, the first probe's TimeoutExpired ended the wait (a CI error)
    assert calls == [30, 30]


def test_the_wait_still_ends_at_the_clusters_deadline(cluster, monkeypatch):
    def run(*args, **kwargs):
        raise subprocess.TimeoutExpired(["probe"], 30)

    clock = iter(range(0, 1000, 2))
    monkeypatch.setattr(localcluster.subprocess, "run", run)
    monkeypatch.setattr(localcluster.time, "monotonic", lambda: next(clock))
    with pytest.raises(TimeoutError, match="did not reach 2 node"):
        cluster._wait_nodes(2)
