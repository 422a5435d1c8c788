"""Load test: N concurrent clients over the REST API and gradio_client against a loopback server, mixing short,
typical and near-limit dispatches. Bounded in count and time; loopback only.

Reports throughput, p50/p95 latency, refusals (only the documented queue-full answers: REST 429 "overloaded",
Gradio's "queue is full"), server errors (anything else; must be 0) and the resident memory growth after warm-up
(must stay under 10 %). ``run_load_test`` starts the real app (``service.api.create_app``) in this process on
127.0.0.1 and a free port with fixture models (models/tiny.py) unless given a loopback ``url``.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from service.security import is_loopback

SENTENCES = [
    "Le gouvernement a annoncé lundi un plan de soutien aux agriculteurs.",
    "Les syndicats appellent à la grève jeudi dans les transports publics.",
    "Selon la police, trois personnes ont été blessées près de Lyon.",
    "La Bourse de Paris a terminé en hausse vendredi.",
    "Le président est arrivé à Bruxelles pour un sommet européen.",
    "Les négociations reprendront la semaine prochaine à Genève.",
]


@dataclass
class Sample:
    channel: str
    size: str
    seconds: float
    outcome: str  # ok | refused | error
    detail: str = ""


@dataclass
class LoadReport:
    clients: int
    duration_s: float
    requests: int
    ok: int
    refused: int
    server_errors: int
    throughput_rps: float
    p50_s: float
    p95_s: float
    rss_warm_mb: float
    rss_end_mb: float
    rss_growth_pct: float
    by_size: dict = field(default_factory=dict)
    by_channel: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.server_errors == 0 and self.rss_growth_pct < 10.0 and self.ok > 0

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "passed": self.passed}, indent=2)

    def text(self) -> str:
        return (
            f"{self.clients} clients, {self.duration_s:.0f} s: {self.requests} requests, {self.ok} ok, "
            f"{self.refused} refused (429/queue full), {self.server_errors} server errors\n"
            f"throughput {self.throughput_rps:.2f} req/s; latency p50 {self.p50_s:.2f} s, p95 {self.p95_s:.2f} s\n"
            f"RSS after warm-up {self.rss_warm_mb:.0f} MB, at end {self.rss_end_mb:.0f} MB "
            f"({self.rss_growth_pct:+.1f} %)\n"
            f"by size: {json.dumps(self.by_size)}\nby channel: {json.dumps(self.by_channel)}\n"
            f"{'PASS' if self.passed else 'FAIL'}"
        )


def dispatch(size: str, n: int, max_chars: int) -> str:
    """A unique dispatch (``n`` makes it miss the result store) of the given size class."""
    rng = random.Random(n)
    if size == "short":
        return f"{rng.choice(SENTENCES)} (dépêche {n})"
    target = 600 if size == "typical" else max_chars - 50
    parts, length = [f"Dépêche {n}."], 0
    while length < target:
        sentence = rng.choice(SENTENCES)
        parts.append(sentence)
        length += len(sentence) + 1
    text = " ".join(parts)
    return text[: max_chars - 1]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _client_loop(channel, url, stop_at, counter, lock, samples, max_chars, max_requests, mix):
    import httpx

    gc = None
    if channel == "gradio":
        from gradio_client import Client

        gc = Client(f"{url}/", verbose=False)
    http = httpx.Client(base_url=url, timeout=600)
    try:
        while time.monotonic() < stop_at:
            with lock:
                if counter[0] >= max_requests:
                    return
                counter[0] += 1
                n = counter[0]
            size = mix[n % len(mix)]
            text = dispatch(size, n, max_chars)
            summaries = ["headline"] if n % 3 == 0 else []
            started = time.monotonic()
            outcome, detail = "ok", ""
            if gc is None:
                response = http.post("/v1/translate", json={"text": text, "summaries": summaries})
                if response.status_code == 429 and response.json().get("code") == "overloaded":
                    outcome = "refused"
                elif response.status_code != 200:
                    outcome, detail = "error", f"{response.status_code} {response.text[:200]}"
            else:
                try:
                    json.loads(gc.predict(text, summaries, None, "model", api_name="/translate"))
                except Exception as exc:  # noqa: BLE001 — classified below
                    message = str(exc)
                    if "queue" in message.lower() and "full" in message.lower():
                        outcome = "refused"
                    else:
                        outcome, detail = "error", f"{type(exc).__name__}: {message[:200]}"
            samples.append(Sample(channel, size, time.monotonic() - started, outcome, detail))
    finally:
        http.close()


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def fixture_settings(root: Path, **overrides):
    """Settings over freshly built tiny models (the test fixtures' models) in ``root``."""
    from models.tiny import build_tiny_bart, build_tiny_marian
    from service.settings import Settings

    options = dict(
        translation_model=str(build_tiny_marian(root / "marian")),
        summary_model=str(build_tiny_bart(root / "bart")),
        briefs="off",
        num_beams=2,
        summary_num_beams=2,
        max_new_tokens=40,
        torch_threads=1,
        max_chars=3000,
        db_path=root / "load.sqlite3",
    )
    options.update(overrides)
    return Settings(**options)


def run_load_test(
    *,
    clients: int = 8,
    duration: float = 120.0,
    max_requests: int = 10_000,
    warmup: float = 0.2,
    url: str | None = None,
    max_chars: int = 3000,
    mix: tuple[str, ...] = ("short", "typical", "short", "typical", "near-limit"),
    settings_overrides: dict | None = None,
) -> LoadReport:
    """Run the load test; ``warmup`` is the share of ``duration`` after which the memory baseline is taken."""
    if duration <= 0 or duration > 3600 or clients < 1 or clients > 64 or max_requests < 1:
        raise ValueError("bounded run: 0 < duration ≤ 3600 s, 1 ≤ clients ≤ 64, max_requests ≥ 1")
    server = runtime = None
    tmp = tempfile.TemporaryDirectory(prefix="wirebrief-load-")
    try:
        if url is None:
            from service.api import create_app
            from service.runtime import Runtime
            from service.local_server import LiveServer  # noqa: PLC0415 — the loopback runner the tests use too

            settings = fixture_settings(Path(tmp.name), max_chars=max_chars, **(settings_overrides or {}))
            runtime = Runtime(settings)
            server = LiveServer(create_app(settings, runtime=runtime)).__enter__()
            server.wait_ready(300)
            url = server.url
        host = urlparse(url).hostname or ""
        if not is_loopback(host):
            raise ValueError(f"the load test runs against loopback servers only, not {host!r}")

        samples: list[Sample] = []
        lock, counter = threading.Lock(), [0]
        started = time.monotonic()
        stop_at = started + duration
        threads = [
            threading.Thread(
                target=_client_loop,
                args=("rest" if i % 2 == 0 else "gradio", url, stop_at, counter, lock, samples, max_chars,
                      max_requests, mix),
                daemon=True,
            )
            for i in range(clients)
        ]
        for t in threads:
            t.start()
        time.sleep(min(duration * warmup, max(0.0, stop_at - time.monotonic())))
        rss_warm = _rss_mb()
        for t in threads:
            t.join(duration + 600)
        elapsed = time.monotonic() - started
        rss_end = _rss_mb()
    finally:
        if server is not None:
            server.server.force_exit = True
            server.__exit__(None, None, None)
        if runtime is not None:
            runtime.close()
        tmp.cleanup()

    latencies = [s.seconds for s in samples if s.outcome == "ok"]

    def group(key):
        out: dict = {}
        for s in samples:
            entry = out.setdefault(getattr(s, key), {"n": 0, "ok": 0, "p50_s": 0.0})
            entry["n"] += 1
            entry["ok"] += s.outcome == "ok"
        for name, entry in out.items():
            entry["p50_s"] = round(statistics.median([s.seconds for s in samples
                                                      if getattr(s, key) == name and s.outcome == "ok"] or [0]), 3)
        return out

    return LoadReport(
        clients=clients,
        duration_s=elapsed,
        requests=len(samples),
        ok=len(latencies),
        refused=sum(s.outcome == "refused" for s in samples),
        server_errors=sum(s.outcome == "error" for s in samples),
        throughput_rps=len(latencies) / elapsed if elapsed else 0.0,
        p50_s=_percentile(latencies, 0.5),
        p95_s=_percentile(latencies, 0.95),
        rss_warm_mb=rss_warm,
        rss_end_mb=rss_end,
        rss_growth_pct=(rss_end - rss_warm) / rss_warm * 100 if rss_warm else 0.0,
        by_size=group("size"),
        by_channel=group("channel"),
        errors=[s.detail for s in samples if s.outcome == "error"][:10],
    )
