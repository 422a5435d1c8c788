"""Throughput of the running app under concurrent users, over HTTP on loopback: the app is started in a fresh
process (eval/bench/app_server.py: the real REST + Gradio app, default profile, bench models), then one user
sends ``POST /v1/translate`` requests one after another, then ``users`` users send theirs at once. Every request
has its own sentences (no store or cache hits). The ratio of the two is the cross-request batching gain a
newsroom sees: the users' sentences share model batches (service/translate/queue.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from service.local_server import free_port
from service.settings import PROJECT_ROOT

from .concurrency import drive_users


class AppProcess:
    def __init__(self, env: dict[str, str], forced_new_tokens: int, log_path: Path, extra_args: tuple[str, ...] = ()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        full = {**os.environ, **env, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error",
                "GRADIO_ANALYTICS_ENABLED": "False", "WIREBRIEF_HOST": "127.0.0.1", "WIREBRIEF_PORT": str(self.port)}
        full["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
        self._log = open(log_path, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "eval.bench.app_server", "--forced-new-tokens", str(forced_new_tokens), *extra_args],
            cwd=PROJECT_ROOT, env=full, stdout=self._log, stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited with {self.process.returncode}; see {self.log_path}")
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"the app was not ready within {timeout} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)
        self._log.close()


def run_users(url: str, texts_by_user: list[list[str]], timeout: float) -> dict:
    """``drive_users`` over HTTP: each user has its own connection and posts ``/v1/translate`` requests."""
    import httpx

    @contextmanager
    def session():
        with httpx.Client(base_url=url, timeout=timeout) as client:

            def send(text: str) -> int:
                response = client.post("/v1/translate", json={"text": text, "summaries": [], "source_language": "fr"})
                if response.status_code != 200:
                    raise RuntimeError(f"{response.status_code}: {response.text[:200]}")
                return sum(len(p["sentences"]) for p in response.json()["paragraphs"])

            yield send

    return drive_users(texts_by_user, session)


def measure(env: dict[str, str], texts: list[str], users: int, per_user: int, forced_new_tokens: int,
            timeout: float = 600.0) -> dict:
    """Start the app, warm it up with one request, then 1 user vs ``users`` users (``per_user`` requests each)."""
    need = per_user * (2 + users) + 1
    if len(texts) < need:
        raise ValueError(f"need {need} distinct requests, got {len(texts)}")
    with tempfile.TemporaryDirectory(prefix="wirebrief-bench-app-") as tmp:
        env = {**env, "WIREBRIEF_DB_PATH": str(Path(tmp) / "bench.sqlite3")}
        app = AppProcess(env, forced_new_tokens, Path(tmp) / "server.log")
        try:
            app.wait_ready(timeout)
            run_users(app.url, [texts[:1]], timeout)  # warm-up: first-request set-up is not timed
            single = run_users(app.url, [texts[1 : 1 + 2 * per_user]], timeout)
            base = 1 + 2 * per_user
            multi = run_users(app.url, [texts[base + i * per_user : base + (i + 1) * per_user] for i in range(users)],
                              timeout)
        except Exception:
            tail = (Path(tmp) / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"app bench failed; server log tail:\n{tail}") from None
        finally:
            app.stop()
    return {"single_user": single, "users": multi,
            "gain": multi["sentences_per_s"] / single["sentences_per_s"] if single["sentences_per_s"] else None}
