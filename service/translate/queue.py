"""Cross-request batching: one worker thread per model gathers the sentences of concurrent requests and runs
them as shared, length-sorted batches, so eight users translating at once keep the model busy with full batches
instead of eight half-empty ones.

``BatchingQueue`` is a Translator wrapper placed directly in front of a model's translator (below the sentence
cache and the clause splitter). A caller's ``translate`` enqueues its sentences and blocks until its own outputs are
ready; its progress callback runs in the caller's thread, never in the worker. Batches are planned exactly as the
model translator plans them (token budget, length-sorted, one new-token cap per batch), so a sentence gets the same
translation whether it shares a batch with other requests or not. A batch that fails reaches only the requests
with a sentence in it; the other requests in the same group go on.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from service.result import ModelUsed

from .base import Progress, Translator
from .batching import plan_batches


@dataclass
class _Request:
    sentences: list[str]
    lengths: list[int]
    outputs: list[str | None]
    events: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)
    done: int = 0
    failed: bool = False

    @property
    def tokens(self) -> int:
        return sum(self.lengths)


@dataclass
class QueueStats:
    requests: int = 0
    groups: int = 0
    batches: int = 0
    sentences: int = 0
    shared_groups: int = 0
    """Groups that held sentences of more than one request."""

    @property
    def mean_batch(self) -> float:
        return self.sentences / self.batches if self.batches else 0.0


class BatchingQueue:
    BUSY_WAIT_SHARE = 0.1
    BUSY_WAIT_MAX = 0.25

    def __init__(
        self,
        inner: Translator,
        *,
        count_tokens: Callable[[str], int],
        batch_key: Callable[[int], object],
        token_budget: int,
        max_batch_sentences: int,
        max_wait_ms: float = 5.0,
        name: str = "translation",
    ):
        """``count_tokens`` gives a sentence's model length; ``batch_key(length)`` what sentences must share to be
        batched together (the new-token cap). ``max_wait_ms``: how long an idle worker waits for more requests
        before it starts a group (no wait while requests are already queued).

        Under load the wait adapts: the callers a group served come back at slightly different times (each first
        finishes its Result and segments its next text), so before the next group the worker waits until they
        are queued again alongside those already waiting — for at most ``BUSY_WAIT_SHARE`` of the previous
        group's run time (and ``BUSY_WAIT_MAX``) — instead of starting a part-empty batch. Without this, eight
        users settle into two cohorts that alternate with half-full batches."""
        self.inner = inner
        self.count_tokens = count_tokens
        self.batch_key = batch_key
        self.token_budget = token_budget
        self.max_batch_sentences = max_batch_sentences
        self.max_wait = max_wait_ms / 1000.0
        self.name = name
        self.stats = QueueStats()
        self._pending: deque[_Request] = deque()
        self._cond = threading.Condition()
        self._worker: threading.Thread | None = None
        self._closed = False
        self._last_group = (0, 0.0)  # (requests, seconds) of the previous group

    # ------------------------------------------------------------------ caller side
    def translate(self, sentences: list[str], progress: Progress | None = None) -> list[str]:
        if not sentences:
            return []
        request = _Request(
            sentences=list(sentences),
            lengths=[self.count_tokens(s) for s in sentences],  # tokenized in the caller's thread
            outputs=[None] * len(sentences),
        )
        with self._cond:
            if self._closed:
                raise RuntimeError(f"the {self.name} batching queue is closed")
            self._start_worker()
            self._pending.append(request)
            self._cond.notify()
        total = len(sentences)
        while True:
            kind, value = request.events.get()
            if kind == "progress":
                if progress:
                    progress(value, total)
            elif kind == "done":
                if progress:
                    progress(total, total)
                return value
            else:
                raise value

    def models_used(self) -> list[ModelUsed]:
        return self.inner.models_used()

    def close(self, timeout: float | None = 5.0) -> None:
        """Stop the worker once the queued requests are done."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._worker is not None:
            self._worker.join(timeout)

    # ------------------------------------------------------------------ worker side
    def _start_worker(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, name=f"wirebrief-queue-{self.name}", daemon=True)
            self._worker.start()

    def _full(self) -> bool:
        sentences = sum(len(r.sentences) for r in self._pending)
        tokens = sum(r.tokens for r in self._pending)
        return sentences >= self.max_batch_sentences or tokens >= self.token_budget

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if not self._pending:
                    return  # closed and drained
                self._wait_for_company()
                group = self._take_group()
            started = time.monotonic()
            self._process(group)
            self._last_group = (len(group), time.monotonic() - started)

    def _wait_for_company(self) -> None:
        """Called with the lock held and at least one request pending (see ``__init__``): the callers the previous
        group served usually send again within milliseconds; wait for them, briefly, so that concurrent users
        keep sharing one batch instead of splitting into cohorts that alternate with half-full batches."""
        returning, seconds = self._last_group
        expected = max(len(self._pending) + returning, 2)
        wait = self.max_wait
        if returning > 1:
            wait = max(wait, min(self.BUSY_WAIT_SHARE * seconds, self.BUSY_WAIT_MAX))
        if wait <= 0:
            return
        deadline = time.monotonic() + wait
        while not self._full() and len(self._pending) < expected and not self._closed:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self._cond.wait(left)

    def _take_group(self) -> list[_Request]:
        """Requests in arrival order up to the token budget / batch size (always at least one)."""
        group = [self._pending.popleft()]
        sentences, tokens = len(group[0].sentences), group[0].tokens
        while self._pending:
            nxt = self._pending[0]
            if sentences + len(nxt.sentences) > self.max_batch_sentences or tokens + nxt.tokens > self.token_budget:
                break
            group.append(self._pending.popleft())
            sentences += len(nxt.sentences)
            tokens += nxt.tokens
        return group

    def _process(self, group: list[_Request]) -> None:
        # One entry per distinct sentence; owners are (request, position) pairs.
        index: dict[str, int] = {}
        unique: list[str] = []
        lengths: list[int] = []
        owners: list[list[tuple[_Request, int]]] = []
        for request in group:
            for pos, (sentence, length) in enumerate(zip(request.sentences, request.lengths)):
                i = index.get(sentence)
                if i is None:
                    i = index[sentence] = len(unique)
                    unique.append(sentence)
                    lengths.append(length)
                    owners.append([])
                owners[i].append((request, pos))
        self.stats.requests += len(group)
        self.stats.groups += 1
        self.stats.shared_groups += len(group) > 1
        batches = plan_batches(
            lengths, self.token_budget, self.max_batch_sentences, key=lambda i: self.batch_key(lengths[i])
        )
        for batch in batches:
            batch = [i for i in batch if any(not r.failed for r, _ in owners[i])]
            if not batch:
                continue
            try:
                outputs = self.inner.translate([unique[i] for i in batch])
                if len(outputs) != len(batch):
                    raise RuntimeError(f"{self.name}: the model returned {len(outputs)} outputs for {len(batch)} inputs")
            except BaseException as exc:  # noqa: BLE001 — delivered to exactly the callers of this batch
                for request in {id(r): r for i in batch for r, _ in owners[i]}.values():
                    if not request.failed:
                        request.failed = True
                        request.events.put(("error", exc))
                if not isinstance(exc, Exception):
                    raise
                continue
            self.stats.batches += 1
            self.stats.sentences += len(batch)
            touched: dict[int, _Request] = {}
            for i, text in zip(batch, outputs):
                for request, pos in owners[i]:
                    if not request.failed and request.outputs[pos] is None:
                        request.outputs[pos] = text
                        request.done += 1
                        touched[id(request)] = request
            for request in touched.values():
                if request.done == len(request.sentences):
                    request.events.put(("done", [t if t is not None else "" for t in request.outputs]))
                else:
                    request.events.put(("progress", request.done))
