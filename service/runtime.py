"""The running service: the pipeline (loaded once, at start-up, in a background thread), the store, and the one
``translate`` the REST API and the Gradio app both call.

Start-up never blocks the server: ``start()`` loads the models in a thread while ``/v1/health`` answers 503
("loading"); a model that fails to load leaves the server up, with health and every request answering 503 and the
reason. Requests never load a model.

``translate`` = validate → look the request up in the store (identical text + models + options) → run the
pipeline → store. A store hit is the stored Result, produced by (and stamped with) the models that made it,
with ``extra["cache"]`` saying so.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Literal, Union

from service.errors import ModelUnavailable, Overloaded, WirebriefError
from service.events import Event, Glance, Listener, ParagraphReady, Progress, SummaryReady, ignore
from service.limits import check_text, request_deadline
from service.result import Issue, ModelUsed, Result
from service.settings import Settings, get_settings
from service.store import Database, ResultStore

log = logging.getLogger("wirebrief.runtime")

State = Literal["loading", "ready", "error"]
StreamItem = Union[Progress, ParagraphReady, Glance, SummaryReady, Result]


@dataclass(frozen=True)
class Health:
    state: State
    reason: str = ""
    models: tuple[ModelUsed, ...] = ()
    load_seconds: float | None = None

    @property
    def ready(self) -> bool:
        return self.state == "ready"


def _default_factory(settings: Settings):
    from service.pipeline import Pipeline

    return Pipeline.from_settings(settings)


class Runtime:
    def __init__(
        self,
        settings: Settings | None = None,
        *,
        pipeline_factory: Callable[[Settings], object] | None = None,
        store: ResultStore | None = None,
    ):
        self.settings = settings or get_settings()
        self._factory = pipeline_factory or _default_factory
        self.db = store.db if store else Database(self.settings.db_path)
        self.store = store or ResultStore(self.db)
        self._pipeline = None
        self._state: State = "loading"
        self._reason = "the models are loading"
        self._load_seconds: float | None = None
        self._loaded = threading.Event()
        self._thread: threading.Thread | None = None
        self._slots = threading.BoundedSemaphore(self.settings.concurrency)
        self._waiting = 0
        self._waiting_lock = threading.Lock()
        self._on_ready: list[Callable[["Runtime"], None]] = []
        self._ready_lock = threading.Lock()

    # ------------------------------------------------------------------ start-up
    def start(self) -> threading.Thread:
        """Load the models in a background thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self.load, name="wirebrief-load-models", daemon=True)
            self._thread.start()
        return self._thread

    def load(self) -> None:
        started = time.perf_counter()
        try:
            pipeline = self._factory(self.settings)
        except Exception as exc:  # any failure: stay up, report it
            log.exception("model loading failed")
            self._reason = f"{type(exc).__name__}: {exc}" if not isinstance(exc, WirebriefError) else exc.message
            self._state = "error"
        else:
            self._pipeline = pipeline
            self._load_seconds = time.perf_counter() - started
            self._state = "ready"
            self._reason = ""
            log.info("models loaded in %.1f s", self._load_seconds)
        finally:
            self._loaded.set()
        with self._ready_lock:
            callbacks = list(self._on_ready) if self._state == "ready" else []
            self._on_ready.clear()
        if callbacks:
            for callback in callbacks:
                try:
                    callback(self)
                except Exception:  # a follow-up task (e.g. resuming a batch job) must not take the service down
                    log.exception("start-up task failed")

    def on_ready(self, callback: Callable[["Runtime"], None]) -> None:
        """Run ``callback(runtime)`` once the models are loaded (at once, in this thread, if they already are)."""
        with self._ready_lock:
            if self._state != "ready":
                self._on_ready.append(callback)
                return
        callback(self)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until loading finished (ready or failed); True when it finished in time."""
        return self._loaded.wait(timeout)

    def health(self) -> Health:
        """Ready only when the models are loaded *and* the store takes a write now (a deleted, corrupted,
        read-only or full database makes the server not ready, with the reason)."""
        if self._state == "ready":
            problem = self.db.write_problem()
            if problem:
                return Health("error", problem)
            return Health("ready", models=tuple(self._pipeline.models_used()), load_seconds=self._load_seconds)
        return Health(self._state, self._reason)

    @property
    def pipeline(self):
        """The loaded pipeline; ``ModelUnavailable`` (503) with the reason while loading or after a failure."""
        if self._state != "ready":
            if self._state == "loading":
                raise ModelUnavailable("the models are still loading; retry in a moment (see /v1/health)", code="loading")
            raise ModelUnavailable(f"the models failed to load: {self._reason}")
        return self._pipeline

    def models(self) -> list[ModelUsed]:
        return list(self.pipeline.models_used())

    # ------------------------------------------------------------------ requests
    def check(self, text: str, summaries: Iterable[str], summarizer: str) -> list[str]:
        """Validate a request without running it (raises the specific error); returns the preset names. The named
        limits are this server's (``self.settings``), checked before anything is queued."""
        check_text(text, self.settings)
        return [p.name for p in self.pipeline.validate(text, list(summaries), summarizer)]

    def translate(
        self,
        text: str,
        *,
        summaries: Iterable[str] | None = None,
        source_language: str | None = None,
        summarizer: str = "model",
        listener: Listener = ignore,
        use_store: bool = True,
        cancelled: threading.Event | None = None,
        partial: bool = False,
        stop: threading.Event | None = None,
    ) -> Result:
        """With ``partial``, a request that reaches its time limit (or whose ``stop`` is set) returns what is done,
        marked ``extra["incomplete"]`` and not stored (``service.partial``); without, it raises the 504."""
        from service.pipeline import DEFAULT_PRESETS

        pipeline = self.pipeline
        presets = list(DEFAULT_PRESETS if summaries is None else summaries)
        source_language = source_language or None
        self.check(text, presets, summarizer)
        key = pipeline.cache_key(text, presets, source_language, summarizer)
        if use_store:
            hit = self._lookup(key)
            if hit is not None:
                for paragraph in hit.paragraphs:
                    listener(ParagraphReady(paragraph, len(hit.paragraphs)))
                for done, summary in enumerate(hit.summaries.values(), start=1):
                    listener(SummaryReady(summary, done, len(hit.summaries)))
                hit.extra["cache"] = {"hit": True, "request_key": key}
                return hit
        with self.slot(), request_deadline(self.settings.max_time, cancelled=cancelled, stop=stop):
            result = pipeline.run(
                text,
                summaries=presets,
                source_language=source_language,
                summarizer=summarizer,
                listener=listener,
                partial=partial,
            )
        if "incomplete" in result.extra:  # never served as the answer to this request again: Continue re-runs it
            result.extra["cache"] = {"hit": False, "request_key": key}
            return result
        self.keep(result, key)
        result.extra["cache"] = {"hit": False, "request_key": key}
        return result

    def _lookup(self, key: str) -> Result | None:
        """The stored Result for this request, or None — also when the store cannot be read (then the request
        runs; health says why the store is failing)."""
        try:
            return self.store.lookup(key)
        except sqlite3.Error:
            log.exception("reading the store failed; running the request")
            return None

    def keep(self, result: Result, key: str | None) -> bool:
        """Store a finished Result. A store that fails (deleted, corrupted, read-only, full) costs the history
        entry, never the Result: it is returned with a warning saying it was not saved, and health turns not
        ready with the reason."""
        try:
            self.store.put(result, request_key=key)
        except (sqlite3.Error, OSError) as exc:
            log.exception("storing a result failed")
            result.warnings.append(
                Issue(
                    code="store.failed",
                    message=f"this result could not be saved to the history ({type(exc).__name__}: {exc}); copy or "
                    "export it now — it will not be listed in the history",
                )
            )
            return False
        return True

    def stream(self, text: str, **options) -> Iterator[StreamItem]:
        """``translate`` as an iterator: Progress and ParagraphReady events as they happen, then the Result.
        Errors found before any work (not ready, bad input) raise here, before the iterator is returned; later
        ones raise from the iterator where they happen. The work runs in a thread, so a slow consumer never
        stalls the models; ``cancel()`` on the returned stream (a client that went away) ends the work at the next
        step that keeps the request's deadline — no further sentence batches or summaries run for it."""
        from service.pipeline import DEFAULT_PRESETS

        summaries = options.get("summaries")
        self.check(text, DEFAULT_PRESETS if summaries is None else summaries, options.get("summarizer", "model"))
        events: queue.Queue = queue.Queue()
        cancelled = threading.Event()

        def work() -> None:
            try:
                result = self.translate(text, listener=lambda e: events.put(("event", e)), cancelled=cancelled, **options)
                events.put(("result", result))
            except BaseException as exc:  # handed to the consumer, re-raised there
                events.put(("error", exc))

        threading.Thread(target=work, name="wirebrief-translate", daemon=True).start()
        return ResultStream(events, cancelled)

    @contextmanager
    def slot(self, *, limit_queue: bool = True) -> Iterator[None]:
        """Admission: at most ``concurrency`` pipeline runs at once. With ``limit_queue``, at most ``queue_size``
        callers wait and the next gets ``Overloaded`` (429); batch work waits without that limit."""
        counted = 1 if limit_queue else 0  # batch work waiting for a slot never fills the interactive queue
        with self._waiting_lock:
            if limit_queue and self._waiting >= self.settings.queue_size:
                raise Overloaded(
                    f"{self._waiting} requests are already waiting (setting WIREBRIEF_QUEUE_SIZE="
                    f"{self.settings.queue_size}); retry shortly"
                )
            self._waiting += counted
        try:
            self._slots.acquire()
        finally:
            with self._waiting_lock:
                self._waiting -= counted
        try:
            yield
        finally:
            self._slots.release()

    # ------------------------------------------------------------------ history
    def result(self, result_id: str) -> Result | None:
        return self.store.get(result_id)

    def close(self) -> None:
        self.db.close()


class ResultStream:
    """The items of one streamed run, in order; ``cancel()`` stops the work behind it."""

    def __init__(self, events: queue.Queue, cancelled: threading.Event):
        self._events = events
        self._cancelled = cancelled
        self._finished = False

    def __iter__(self) -> "ResultStream":
        return self

    def __next__(self) -> StreamItem:
        if self._finished:
            raise StopIteration
        kind, item = self._events.get()
        if kind == "error":
            self._finished = True
            raise item
        if kind == "result":
            self._finished = True
        return item

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


def event_dict(item: Event | Result) -> dict:
    """A stream item as JSON-able dict: what the REST stream sends, one per line."""
    if isinstance(item, Progress):
        return {"event": "progress", "stage": item.stage, "done": item.done, "total": item.total, "message": item.message}
    if isinstance(item, Glance):
        return {"event": "glance", "source": item.source, "label": item.label, "text": item.text}
    if isinstance(item, SummaryReady):
        return {"event": "summary", "preset": item.summary.preset, "done": item.done, "total": item.total,
                "summary": item.summary.model_dump(mode="json")}
    if isinstance(item, ParagraphReady):
        return {"event": "paragraph", "total": item.total_paragraphs, "paragraph": item.paragraph.model_dump(mode="json")}
    if "incomplete" in item.extra:  # the time limit came first: what is done, and how to finish (send it again)
        return {"event": "partial", "incomplete": item.extra["incomplete"], "result": item.model_dump(mode="json")}
    return {"event": "result", "result": item.model_dump(mode="json")}
