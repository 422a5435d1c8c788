"""Throughput under concurrent users: N threads each sending short dispatches through ``pipeline.run`` (what the
app's request handlers do), against one user sending them one after another. With the batching queue the
concurrent users' sentences share model batches; without it each request runs its own."""

from __future__ import annotations

import threading
import time


def requests_from(pool: list[str], count: int, per_request: int) -> list[str]:
    """``count`` one-paragraph dispatches of ``per_request`` distinct sentences each (no cache hits)."""
    need = count * per_request
    if len(pool) < need:
        raise ValueError(f"need {need} distinct sentences for the load test, the pool has {len(pool)}")
    return [" ".join(pool[i * per_request : (i + 1) * per_request]) for i in range(count)]


def run_users(pipeline, texts_by_user: list[list[str]]) -> dict:
    """Each user (a thread) sends its texts one after another; all users start together."""
    barrier = threading.Barrier(len(texts_by_user))
    sentences = [0] * len(texts_by_user)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def user(i: int, texts: list[str]) -> None:
        barrier.wait()
        for text in texts:
            started = time.perf_counter()
            try:
                result = pipeline.run(text, summaries=[], source_language="fr")
            except Exception as exc:  # noqa: BLE001 — counted and reported, the others go on
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")
                continue
            with lock:
                latencies.append(time.perf_counter() - started)
            sentences[i] += len(result.sentences())

    queue = pipeline.stacks["fr"].queue
    stats_before = (queue.stats.batches, queue.stats.sentences) if queue else (0, 0)
    threads = [threading.Thread(target=user, args=(i, t)) for i, t in enumerate(texts_by_user)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    batches = (queue.stats.batches - stats_before[0]) if queue else None
    batched = (queue.stats.sentences - stats_before[1]) if queue else None
    return {
        "users": len(texts_by_user),
        "requests": sum(len(t) for t in texts_by_user),
        "sentences": sum(sentences),
        "seconds": seconds,
        "sentences_per_s": sum(sentences) / seconds if seconds else None,
        "mean_latency_s": sum(latencies) / len(latencies) if latencies else None,
        "mean_batch_sentences": (batched / batches) if batches else None,
        "errors": errors,
    }
