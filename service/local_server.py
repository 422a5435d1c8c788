"""Run the real app (``service.api.create_app``) on 127.0.0.1 and a free port — under uvicorn in a background
thread (``LiveServer``) or as ``python -m service`` in a subprocess (``ServerProcess``). Used by the tests, the
load test (``python -m eval load-test``) and the benchmark; never binds anything but loopback."""

from __future__ import annotations

import socket
import threading
import time

import httpx


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, app, port: int | None = None):
        import uvicorn

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the server thread exited during start-up")
            if time.monotonic() > deadline:
                raise TimeoutError("the server did not start within 60 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)

    def wait_ready(self, timeout: float = 120.0) -> dict:
        """Poll /v1/health until 200; returns its body. Raises with the last body on timeout."""
        deadline = time.monotonic() + timeout
        body: dict = {}
        while time.monotonic() < deadline:
            response = httpx.get(f"{self.url}/v1/health", timeout=10)
            body = response.json()
            if response.status_code == 200:
                return body
            if body.get("status") == "error":
                raise RuntimeError(f"the server is not ready (models or store): {body}")
            time.sleep(0.1)
        raise TimeoutError(f"not ready after {timeout} s: {body}")


def settings_env(settings, **overrides) -> dict[str, str]:
    """Environment variables (WIREBRIEF_*) that reproduce ``settings`` in another process."""
    import os

    env = dict(os.environ)
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if value is None:
            continue
        if isinstance(value, list):
            value = ",".join(value)
        env[f"WIREBRIEF_{name.upper()}"] = str(value)
    env.update({k: str(v) for k, v in overrides.items()})
    env.setdefault("HF_HUB_OFFLINE", "1")
    env["GRADIO_ANALYTICS_ENABLED"] = "False"
    return env


class ServerProcess:
    """``python -m service [serve]`` in a subprocess: what a user starts, killable like a crash."""

    def __init__(self, env: dict[str, str], cwd, log_path, args: tuple[str, ...] = ("serve",), preexec_fn=None):
        self.args = args
        self.preexec_fn = preexec_fn  # run in the child before exec (tests: drop a privilege)
        self.port = int(env["WIREBRIEF_PORT"])
        self.url = f"http://127.0.0.1:{self.port}"
        self.env, self.cwd, self.log_path = env, cwd, log_path
        self.process = None

    def start(self, timeout: float = 180.0) -> "ServerProcess":
        import subprocess
        import sys

        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service", *self.args], cwd=self.cwd, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
            preexec_fn=self.preexec_fn,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}; see {self.log_path}")
            try:
                httpx.get(f"{self.url}/v1/health", timeout=2)
                return self
            except httpx.TransportError:
                time.sleep(0.2)
        raise TimeoutError(f"the server did not answer within {timeout} s; see {self.log_path}")

    def wait_ready(self, timeout: float = 180.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            response = httpx.get(f"{self.url}/v1/health", timeout=10)
            if response.status_code == 200:
                return response.json()
            time.sleep(0.2)
        raise TimeoutError(f"not ready after {timeout} s; see {self.log_path}")

    def kill(self) -> None:
        """SIGKILL: no clean-up, as in a crash or a power cut."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(30)
        self._log.close()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except Exception:
                self.process.kill()
        self._log.close()
