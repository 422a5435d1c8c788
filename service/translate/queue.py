"""Cross-request batching: one worker thread per model gathers the sentences of concurrent requests and runs
them as shared, length-sorted batches, so eight users translating at once keep the model busy with full batches
instead of eight half-empty ones.

``BatchingQueue`` is a Translator wrapper placed directly in front of a model's translator (below the sentence
cache and the clause splitter). A caller's ``translate`` enqueues its sentences and blocks until its own outputs are
ready; its progress callback runs in the caller's thread, never in the worker. Batches are planned exactly as the
model translator plans them (token budget, length-sorted, one new-token cap per batch), so a sentence gets the same
translation whether it shares a batch with other requests or not. A batch that fails reaches only the requests
with a sentence in it; the other requests in the same group go on.

The worker runs one batch at a time and re-reads the queue between batches, filling each batch round-robin
across the waiting requests (each request's sentences longest first, as the model translator orders them). A big
request (a batch job's thousand sentences) therefore gets its share of every batch but never holds the model: a
newsroom user's first paragraph arriving behind it waits for one batch, not for the whole job.

Per-request time limits (WIREBRIEF_MAX_TIME) cross the thread boundary explicitly: a context variable set in the
request thread is invisible here, so each request carries its ``service.limits.Deadline`` with its sentences. The
waiting caller stops waiting when its deadline passes, withdraws its sentences still queued (so they never take a
batch slot) and raises ``GenerationTimeout``; the worker also drops expired requests when it fills a batch, and runs
each batch under the latest deadline of the requests in it (the model wrappers stop generating once every request
that wants the batch is out of time). Sentences that stop at the new-token cap are reported back to their callers'
threads (``service.limits.report_cap_hit``), so the Result warns about them as without the queue.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from service.limits import Deadline, collect_cap_hits, current_deadline, report_cap_hit, within
from service.result import ModelUsed

from .base import Progress, Translator
from .batching import plan_batches


STOP_POLL_SECONDS = 0.25


@dataclass
class _Request:
    sentences: list[str]
    lengths: list[int]
    outputs: list[str | None]
    events: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)
    done: int = 0
    failed: bool = False
    todo: deque = field(default_factory=deque)
    """Positions not yet given to a batch, longest sentence first."""
    deadline: Deadline | None = None
    """The request's time limit (from the caller's thread); None = no limit."""
    cap_hits: list = field(default_factory=list)
    """CapHits of this request's sentences, reported in the caller's thread when it is done."""

    def __post_init__(self) -> None:
        self.todo = deque(sorted(range(len(self.sentences)), key=lambda i: (-self.lengths[i], i)))


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
            deadline=current_deadline(),
        )
        if request.deadline is not None and request.deadline.expired():
            raise request.deadline.error("translation", f"0 of {len(sentences)} sentences were done")
        with self._cond:
            if self._closed:
                raise RuntimeError(f"the {self.name} batching queue is closed")
            self._start_worker()
            self._pending.append(request)
            self._cond.notify()
        total = len(sentences)
        while True:
            # Polled, so that a reader's Stop (which ends the deadline early) withdraws the sentences promptly.
            timeout = None if request.deadline is None else min(STOP_POLL_SECONDS, max(0.0, request.deadline.remaining()))
            try:
                kind, value = request.events.get(timeout=timeout)
            except queue.Empty:
                if not request.deadline.expired():
                    continue
                self._withdraw(request)
                raise request.deadline.error(
                    "translation", f"{request.done} of {total} sentences were done"
                ) from None
            if kind == "progress":
                if progress:
                    progress(value, total)
            elif kind == "done":
                for hit in request.cap_hits:
                    report_cap_hit(hit)
                if progress:
                    progress(total, total)
                return value
            else:
                raise value

    def _withdraw(self, request: _Request) -> None:
        """Take a request that is out of time off the queue: its sentences not yet in a batch are never run."""
        with self._cond:
            request.failed = True
            request.todo.clear()
            self._pending = deque(r for r in self._pending if r is not request)

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
        sentences = sum(len(r.todo) for r in self._pending)
        tokens = sum(r.lengths[i] for r in self._pending for i in r.todo)
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
            finished = self._process(group)
            self._last_group = (finished, time.monotonic() - started)

    def _wait_for_company(self) -> None:
        """Called with the lock held and at least one request pending (see ``__init__``): the callers the previous
        group finished usually send again within milliseconds; wait for them, briefly, so that concurrent users
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

    def _take_group(self) -> list[tuple[_Request, int]]:
        """About one batch of (request, position) pairs: one sentence from each waiting request in turn (arrival
        order, each request's longest first) while the batch stays within the sentence limit and the token budget
        (batch size × longest ≤ budget, as the model translator plans). Always at least one sentence. Requests
        left with nothing to schedule leave the queue."""
        taken: list[tuple[_Request, int]] = []
        longest = 0
        for request in self._pending:
            if not request.failed and request.deadline is not None and request.deadline.expired():
                request.failed = True  # its caller raises GenerationTimeout; nothing more is run for it
                request.todo.clear()
        active = [r for r in self._pending if not r.failed and r.todo]
        while active and len(taken) < self.max_batch_sentences:
            still = []
            for request in active:
                if len(taken) >= self.max_batch_sentences:
                    break
                pos = request.todo[0]
                length = request.lengths[pos]
                if taken and (len(taken) + 1) * max(longest, length, 1) > self.token_budget:
                    continue  # this request's next sentence does not fit; the others may
                request.todo.popleft()
                taken.append((request, pos))
                longest = max(longest, length)
                if request.todo:
                    still.append(request)
            active = still  # a request whose next sentence did not fit will not fit later in this batch either
        self._pending = deque(r for r in self._pending if r.todo and not r.failed)
        return taken

    def _process(self, group: list[tuple[_Request, int]]) -> int:
        """Translate the group (batched as the model translator would), deliver results; returns how many
        requests it finished."""
        # One entry per distinct sentence; owners are (request, position) pairs.
        index: dict[str, int] = {}
        unique: list[str] = []
        lengths: list[int] = []
        owners: list[list[tuple[_Request, int]]] = []
        for request, pos in group:
            sentence = request.sentences[pos]
            i = index.get(sentence)
            if i is None:
                i = index[sentence] = len(unique)
                unique.append(sentence)
                lengths.append(request.lengths[pos])
                owners.append([])
            owners[i].append((request, pos))
        requests = {id(r): r for r, _ in group}
        self.stats.requests += sum(1 for r in requests.values() if r.done == 0)
        self.stats.groups += 1
        self.stats.shared_groups += len(requests) > 1
        batches = plan_batches(
            lengths, self.token_budget, self.max_batch_sentences, key=lambda i: self.batch_key(lengths[i])
        )
        finished = 0
        for batch in batches:
            batch = [i for i in batch if any(not r.failed for r, _ in owners[i])]
            if not batch:
                continue
            try:
                with collect_cap_hits() as hits, within(self._batch_deadline(owners[i] for i in batch)):
                    outputs = self.inner.translate([unique[i] for i in batch])
                if len(outputs) != len(batch):
                    raise RuntimeError(f"{self.name}: the model returned {len(outputs)} outputs for {len(batch)} inputs")
            except BaseException as exc:  # noqa: BLE001 — delivered to exactly the callers of this batch
                for request in {id(r): r for i in batch for r, _ in owners[i]}.values():
                    if not request.failed:
                        request.failed = True  # its sentences still queued are dropped at the next take
                        request.events.put(("error", exc))
                if not isinstance(exc, Exception):
                    raise
                continue
            self.stats.batches += 1
            self.stats.sentences += len(batch)
            if hits:
                position = {unique[i]: i for i in batch}
                for hit in hits:
                    i = position.get(hit.source)
                    for request, _ in owners[i] if i is not None else ():
                        request.cap_hits.append(hit)
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
                    finished += 1
                else:
                    request.events.put(("progress", request.done))
        return finished

    @staticmethod
    def _batch_deadline(owner_lists) -> Deadline | None:
        """The latest deadline of the live requests wanting a batch (None when one of them has no limit): the
        batch may run until every request that wants it is out of time."""
        latest: Deadline | None = None
        for owners in owner_lists:
            for request, _ in owners:
                if request.failed:
                    continue
                if request.deadline is None:
                    return None
                if latest is None or request.deadline.at > latest.at:
                    latest = request.deadline
        return latest
