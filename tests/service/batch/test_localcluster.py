"""The loopback Ray cluster's wait for its nodes (no Ray started here: the probe process is stubbed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

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


class FakeNode:
    """A `ray start --block` process that has exited (code 1) or is still running (None)."""

    def __init__(self, code):
        self.code, self.pid = code, -1

    def poll(self):
        return self.code

    @property
    def returncode(self):
        return self.code

    def wait(self, timeout=None):
        return self.code


def fake_spawn(cluster, nodes, spawned):
    def spawn(args, log):
        spawned.append((args, log))
        (Path(cluster.temp_dir) / log).write_text(f"raylet log of {log}: bind failed\n")
        return nodes.pop(0)

    return spawn


def test_a_worker_node_that_exits_is_started_again_on_fresh_ports(cluster, monkeypatch):
    exited, running = FakeNode(1), FakeNode(None)
    spawned, killed = [], []
    monkeypatch.setattr(localcluster, "_kill_group", killed.append)
    monkeypatch.setattr(cluster, "_spawn", fake_spawn(cluster, [exited, running], spawned))
    monkeypatch.setattr(localcluster.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, "2\n", ""))
    monkeypatch.setattr(localcluster.time, "sleep", lambda s: None)
    assert cluster.add_worker() is running
    assert cluster.workers == [running]
    ports = [[a for a in args if a.startswith("--node-manager-port=")] for args, _ in spawned]
    assert len(ports) == 2 and ports[0] != ports[1]
    assert killed == [exited]


def test_a_worker_node_that_never_joins_fails_with_its_log(cluster, monkeypatch):
    spawned, killed, nodes = [], [], [FakeNode(None), FakeNode(None)]
    monkeypatch.setattr(localcluster, "_kill_group", killed.append)
    monkeypatch.setattr(cluster, "_spawn", fake_spawn(cluster, list(nodes), spawned))
    monkeypatch.setattr(localcluster.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, "1\n", ""))
    monkeypatch.setattr(localcluster.time, "sleep", lambda s: None)
    clock = iter(range(0, 1000, 2))
    monkeypatch.setattr(localcluster.time, "monotonic", lambda: next(clock))
    with pytest.raises(TimeoutError, match="did not reach 2 node.*worker0-2.log: raylet log of worker0-2.log"):
        cluster.add_worker(attempts=2)
    assert len(spawned) == 2 and cluster.workers == [] and killed == nodes


def test_a_head_that_exits_is_started_again_on_fresh_ports(cluster, monkeypatch):
    exited, running = FakeNode(1), FakeNode(None)
    spawned, killed = [], []
    monkeypatch.setattr(localcluster, "_kill_group", killed.append)
    monkeypatch.setattr(cluster, "_spawn", fake_spawn(cluster, [exited, running], spawned))
    monkeypatch.setattr(localcluster.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, "1\n", ""))
    monkeypatch.setattr(localcluster.time, "sleep", lambda s: None)
    assert cluster.start() is cluster and cluster.head is running
    ports = [[a for a in args if a.startswith("--port=")] for args, _ in spawned]
    assert len(ports) == 2 and ports[0] != ports[1]
    assert killed == [exited] and [log for _, log in spawned] == ["head.log", "head-2.log"]


def test_a_head_that_exits_twice_fails_with_its_log(cluster, monkeypatch):
    spawned = []
    monkeypatch.setattr(localcluster, "_kill_group", lambda node: None)
    monkeypatch.setattr(cluster, "_spawn", fake_spawn(cluster, [FakeNode(1), FakeNode(1)], spawned))
    with pytest.raises(RuntimeError, match="ray head exited: raylet log of head-2.log"):
        cluster.start(attempts=2)


def test_worker_port_ranges_stay_below_the_ports_a_bind_to_zero_hands_out(monkeypatch):
    """Every other port of a node comes from `free_port()` (the kernel's ephemeral range); a worker range inside that
    range collided with one of them in CI ("worker_ports ... used by other components")."""
    low = localcluster._ephemeral_low()
    for _ in range(50):
        c = LocalRayCluster()
        shutil.rmtree(c.temp_dir, ignore_errors=True)
        for _node in range(4):
            args = dict(a.lstrip("-").split("=") for a in c._ports())
            assert 1024 < int(args["min-worker-port"]) < int(args["max-worker-port"]) < low
