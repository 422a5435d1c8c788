"""A real Ray cluster on loopback for tests and the batch benchmark: a head and worker node processes started with
`ray start --block`, each in its own process group, on free ports and a private temp dir — so it never touches
another Ray on this machine, and stopping it kills exactly the processes it started."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from service.local_server import free_port

RAY = str(Path(sys.executable).with_name("ray"))
ROOT = Path(__file__).resolve().parents[2]


class LocalRayCluster:
    def __init__(self, *, head_cpus: float = 1, object_store_mb: int = 100, timeout: float = 120.0):
        self.head_cpus = head_cpus
        self.object_store = object_store_mb * 1024 * 1024
        self.timeout = timeout
        self.port = free_port()
        self.temp_dir = tempfile.mkdtemp(prefix="wbray")  # short: Ray's unix socket paths must stay short
        self.head: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self._head_log = "head.log"
        self.env = dict(os.environ, PYTHONPATH=str(ROOT), RAY_USAGE_STATS_ENABLED="0", HF_HUB_OFFLINE="1")
        # A ~/.ray/auth_token left by any earlier local `ray.init()` (the batch CLI without --address makes one) turns
        # token authentication on in `ray start`, while clients stay at their default (off) and are refused: the
        # cluster never came up. This loopback cluster states the mode its clients use.
        self.env["RAY_AUTH_MODE"] = os.environ.get("RAY_AUTH_MODE", "disabled")
        # A killed node is declared dead after ~3 s instead of Ray's default ~30 s (5 missed checks of 3 s + a 10 s
        # timeout): on loopback a node that misses a check is gone, and the fault tests wait for that detection.
        self.env.update(RAY_health_check_period_ms="1000", RAY_health_check_timeout_ms="1000",
                        RAY_health_check_failure_threshold="3")
        # Worker processes of each node draw from their own port range, below the kernel's ephemeral range: every
        # other port here comes from `free_port()` (a bind to port 0, so from the ephemeral range), and a worker
        # range inside it once collided with one of those (CI, stop 28: "worker_ports ... used by other components").
        self._next_worker_port = random.randrange(10000, max(11000, _ephemeral_low() - 4000), 1000)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _ports(self) -> list[str]:
        low = self._next_worker_port
        self._next_worker_port += 200
        return [
            f"--node-manager-port={free_port()}",
            f"--object-manager-port={free_port()}",
            f"--min-worker-port={low}",
            f"--max-worker-port={low + 199}",
            f"--dashboard-agent-listen-port={free_port()}",
            f"--dashboard-agent-grpc-port={free_port()}",
            f"--runtime-env-agent-port={free_port()}",
            f"--metrics-export-port={free_port()}",
        ]

    def _spawn(self, args: list[str], log: str) -> subprocess.Popen:
        out = open(Path(self.temp_dir) / log, "w")
        return subprocess.Popen(
            [RAY, "start", "--block", "--disable-usage-stats", f"--object-store-memory={self.object_store}", *args],
            env=self.env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start(self, attempts: int = 2) -> "LocalRayCluster":
        """Start the head and wait for it. A head that exits (a port taken between `free_port()` and Ray's bind) is
        started again on fresh ports, up to `attempts` times; the last failure carries the tail of its log."""
        for attempt in range(1, attempts + 1):
            self._head_log = "head.log" if attempt == 1 else f"head-{attempt}.log"
            self.head = self._spawn(
                [
                    "--head",
                    "--node-ip-address=127.0.0.1",
                    f"--port={self.port}",
                    f"--num-cpus={self.head_cpus}",
                    "--include-dashboard=false",
                    f"--ray-client-server-port={free_port()}",
                    f"--temp-dir={self.temp_dir}",
                    *self._ports(),
                ],
                self._head_log,
            )
            try:
                self._wait_nodes(1, self.head, self._head_log)
                return self
            except (RuntimeError, TimeoutError):
                _kill_group(self.head)
                if attempt == attempts:
                    raise
                self.port = free_port()
        raise AssertionError("unreachable")

    def add_worker(self, cpus: float = 1, attempts: int = 2) -> subprocess.Popen:
        """Start a worker node and wait until the head counts it. A node that exits or never joins (a port taken
        between `free_port()` and the raylet's bind, a start slowed by a loaded box) is killed and started again
        on fresh ports, up to `attempts` times; the last failure carries the tail of that node's log."""
        for attempt in range(1, attempts + 1):
            log = f"worker{len(self.workers)}-{attempt}.log"
            worker = self._spawn(
                [f"--address={self.address}", "--node-ip-address=127.0.0.1", f"--num-cpus={cpus}", *self._ports()],
                log,
            )
            alive = 1 + len([w for w in self.workers if w.poll() is None])
            try:
                self._wait_nodes(alive + 1, worker, log)
            except (RuntimeError, TimeoutError):
                _kill_group(worker)
                if attempt == attempts:
                    raise
                continue
            self.workers.append(worker)
            return worker
        raise AssertionError("unreachable")

    def kill_worker(self, worker: subprocess.Popen) -> None:
        """SIGKILL the worker node's whole process group: raylet, its workers and actors."""
        _kill_group(worker)

    def _wait_nodes(self, count: int, node: subprocess.Popen | None = None, log: str = "head.log") -> None:
        """Wait until `count` nodes are alive; fail at once when the head or the `node` being started exits."""
        deadline = time.monotonic() + self.timeout
        probe = (
            "import ray,sys; ray.init(address=sys.argv[1], log_to_driver=False, configure_logging=False);"
            "print(sum(1 for n in ray.nodes() if n['Alive']))"
        )
        while time.monotonic() < deadline:
            if self.head and self.head.poll() is not None:
                raise RuntimeError(f"ray head exited: {self.log(self._head_log)[-2000:]}")
            if node is not None and node.poll() is not None:
                raise RuntimeError(f"ray node exited (code {node.returncode}): {self.log(log)[-2000:]}")
            try:
                done = subprocess.run(
                    [sys.executable, "-c", probe, self.address], env=self.env, capture_output=True, text=True,
                    timeout=30,
                )
            except subprocess.TimeoutExpired:
                # a probe can hang while the head is still starting on a loaded box (seen once in CI): ask again
                # until the cluster's own deadline
                continue
            if done.returncode == 0 and done.stdout.strip().isdigit() and int(done.stdout.strip()) >= count:
                return
            time.sleep(1.0)
        raise TimeoutError(
            f"Ray cluster did not reach {count} node(s) in {self.timeout:.0f} s; {log}: {self.log(log)[-2000:]}"
        )

    def log(self, name: str) -> str:
        path = Path(self.temp_dir) / name
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        for worker in self.workers:
            _kill_group(worker)
        if self.head:
            _kill_group(self.head)


def _ephemeral_low() -> int:
    """The lowest port the kernel hands out for a bind to port 0 (Linux's default is 32768)."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _kill_group(proc: subprocess.Popen) -> None:
    """Stop a `ray start --block` process and everything in its session (processes it started)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
    # Ray daemons may have left the group; they are children of this session: find them by session id.
    for pid in _session_members(proc.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _session_members(sid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:  # field 6 of /proc/PID/stat: session id
            members.append(int(entry.name))
    return members
