"""Throughput under concurrent users: N threads each sending short dispatches through ``pipeline.run`` (what the
app's request handlers do), against one user sending them one after another. With the batching queue the
concurrent users' sentences share model batches; without it each request runs its own."""

from __future__ import annotations

import threading
import time
from contextlib import nullcontext
from typing import Callable, ContextManager


def requests_from(pool: list[str], count: int, per_request: int) -> list[str]:
    """``count`` one-paragraph dispatches of ``per_request`` distinct sentences each (no cache hits)."""
    need = count * per_request
    if len(pool) < need:
        raise ValueError(f"need {need} distinct sentences for the load test, the pool has {len(pool)}")
    return [" ".join(pool[i * per_request : (i + 1) * per_request]) for i in range(count)]


def drive_users(texts_by_user: list[list[str]], session: Callable[[], ContextManager[Callable[[str], int]]]) -> dict:
    """Each user (a thread) sends its texts one after another; all users start together. ``session()`` gives a user
    its own way to send (a context yielding ``send(text) -> sentences translated``, raising on failure): the
    pipeline in this process, or an HTTP client of the running app."""
    barrier = threading.Barrier(len(texts_by_user))
    sentences = [0] * len(texts_by_user)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def user(i: int, texts: list[str]) -> None:
        with session() as send:
            barrier.wait()
            for text in texts:
                started = time.perf_counter()
                try:
                    count = send(text)
                except Exception as exc:  # noqa: BLE001 — counted and reported, the others go on
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}"[:300])
                    continue
                with lock:
                    latencies.append(time.perf_counter() - started)
                sentences[i] += count

    threads = [threading.Thread(target=user, args=(i, t)) for i, t in enumerate(texts_by_user)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    latencies.sort()
    return {
        "users": len(texts_by_user),
        "requests": sum(len(t) for t in texts_by_user),
        "sentences": sum(sentences),
        "seconds": seconds,
        "sentences_per_s": sum(sentences) / seconds if seconds else None,
        "mean_latency_s": sum(latencies) / len(latencies) if latencies else None,
        "p95_latency_s": latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] if latencies else None,
        "errors": errors,
    }


def run_users(pipeline, texts_by_user: list[list[str]]) -> dict:
    """``drive_users`` through ``pipeline.run`` in this process (what the app's request handlers do), with the
    batching queue's mean batch size."""

    def send(text: str) -> int:
        return len(pipeline.run(text, summaries=[], source_language="fr").sentences())

    queue = pipeline.stacks["fr"].queue
    stats_before = (queue.stats.batches, queue.stats.sentences) if queue else (0, 0)
    out = drive_users(texts_by_user, lambda: nullcontext(send))
    batches = (queue.stats.batches - stats_before[0]) if queue else None
    batched = (queue.stats.sentences - stats_before[1]) if queue else None
    out["mean_batch_sentences"] = (batched / batches) if batches else None
    return out
