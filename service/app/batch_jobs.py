"""The app's side of batch jobs, over ``service.batch`` (inputs, the SQLite job store, the local engine).

Jobs run one at a time in a background worker thread of the app process, through the runtime's already-loaded
pipeline, each document admitted like an interactive request (``Runtime.slot``) so a batch never starves the
Dispatch view of both slots. The page only watches the store, so closing the browser does not stop a job, and at
start-up (once the models are ready) every unfinished job in the database is queued again: the job store skips
documents already done.
"""

from __future__ import annotations

import logging
import queue
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from service.errors import InputError, WirebriefError
from service.result import Result
from service.runtime import Runtime
from service.settings import Settings
from service.store.results import first_line, warning_count

log = logging.getLogger("wirebrief.batch")

TABLE_SUFFIXES = (".csv", ".jsonl")


@dataclass(frozen=True)
class DocumentView:
    """One row of the results table."""

    position: int
    name: str
    status: str
    first_line: str
    language: str
    headline: str
    warnings: int | None
    error: str
    source_id: str = ""


class _AdmittedPipeline:
    """The runtime's pipeline, each run taking an admission slot (waiting, never refused)."""

    def __init__(self, runtime: Runtime):
        self.runtime = runtime
        self.pipeline = runtime.pipeline
        self.settings = self.pipeline.settings

    def run(self, *args, **kwargs) -> Result:
        with self.runtime.slot(limit_queue=False):
            return self.pipeline.run(*args, **kwargs)

    def __getattr__(self, name):  # anything else an engine needs (validate, models_used…)
        return getattr(self.pipeline, name)


class BatchService:
    def __init__(self, runtime: Runtime, settings: Settings, workdir: Path):
        from service.batch import api as batch_api

        self.runtime = runtime
        self.settings = settings
        self.workdir = workdir
        self.store = batch_api.open_store(settings)
        self.failures: dict[str, str] = {}
        self._queue: queue.Queue[str] = queue.Queue()
        self._queued: set[str] = set()
        self._current: str | None = None
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    # ------------------------------------------------------------------ life cycle
    def start(self) -> None:
        """Start the worker and, once the models are ready, queue every unfinished job."""
        if self._worker is None:
            self._worker = threading.Thread(target=self._work, name="wirebrief-batch", daemon=True)
            self._worker.start()
            self.runtime.on_ready(lambda _runtime: self.resume_unfinished())

    def resume_unfinished(self) -> list[str]:
        resumed = [job.id for job in self.store.jobs(limit=1000) if job.pending > 0]
        for job_id in reversed(resumed):  # oldest first
            self._enqueue(job_id)
        if resumed:
            log.info("resuming %d unfinished batch job(s)", len(resumed))
        return resumed

    def _enqueue(self, job_id: str) -> None:
        with self._lock:
            if job_id in self._queued or job_id == self._current:
                return
            self._queued.add(job_id)
        self._queue.put(job_id)

    def _work(self) -> None:
        from service.batch import api as batch_api

        while True:
            job_id = self._queue.get()
            with self._lock:
                self._queued.discard(job_id)
                self._current = job_id
            try:
                batch_api.run(job_id, self.settings, self.store, engine="local", pipeline=_AdmittedPipeline(self.runtime))
                self.record_in_history(job_id)
            except WirebriefError as exc:
                self.failures[job_id] = exc.message
            except Exception as exc:  # reported on the page; the worker keeps serving other jobs
                log.exception("batch job %s failed", job_id)
                self.failures[job_id] = f"{type(exc).__name__}: {exc}"
            finally:
                with self._lock:
                    self._current = None

    # ------------------------------------------------------------------ inputs
    def record_in_history(self, job_id: str) -> int:
        """Put the job's finished documents in History (with their table row's id); how many were written. A
        store that fails costs History, not the job."""
        from service.batch.history import record_in_history

        try:
            return record_in_history(self.store, job_id, self.runtime.store)
        except Exception:
            log.exception("batch job %s: recording its documents in History failed", job_id)
            return 0

    def text_columns(self, paths: Sequence[str | Path]) -> tuple[list[str], list[str]] | None:
        """(columns, likely text columns) of the first CSV/JSONL among ``paths``; None when there is none."""
        from service.app.uploads import uploaded_file
        from service.batch.inputs import table_columns

        for path in map(uploaded_file, paths):
            if path.suffix.lower() in TABLE_SUFFIXES:
                return table_columns(path.name, path.read_bytes())
        return None

    def submit(
        self,
        paths: Sequence[str | Path],
        *,
        text_column: str | None = None,
        summaries: Sequence[str] = (),
        summarizer: str = "model",
        source_language: str | None = None,
        id_column: str | None = None,
    ) -> str:
        """Store a job from uploaded files and queue it; returns its id. The same files with the same models and
        options give the existing job back (finished: nothing to do; unfinished: it is resumed)."""
        from service.app.uploads import uploaded_file
        from service.limits import check_file_count, check_file_size, safe_label

        self.runtime.pipeline  # 503 with the reason when the models are not ready: no job is created then
        check_file_count(len(paths), self.settings)
        files = []
        for p in map(uploaded_file, paths):
            check_file_size(p.stat().st_size, safe_label(p.name), self.settings)  # before reading it
            files.append((safe_label(p.name), p.read_bytes()))
        return self.submit_files(
            files, text_column=text_column, summaries=summaries, summarizer=summarizer, source_language=source_language,
            id_column=id_column,
        )

    def submit_files(
        self,
        files: Sequence[tuple[str, bytes]],
        *,
        text_column: str | None = None,
        summaries: Sequence[str] = (),
        summarizer: str = "model",
        source_language: str | None = None,
        id_column: str | None = None,
    ) -> str:
        """``submit`` for files already read: (label, bytes) pairs — what the REST API hands over. Labels name the
        documents; they are never opened as paths."""
        from service.batch import api as batch_api
        from service.batch.inputs import iter_uploads
        from service.pipeline import SUMMARIZER_CHOICES

        self.runtime.pipeline
        if summarizer not in SUMMARIZER_CHOICES:
            raise InputError(
                f"unknown summarizer {summarizer!r}; choose from {', '.join(SUMMARIZER_CHOICES)}", code="unknown_option"
            )
        if not files:
            raise InputError("upload at least one file", code="empty_input")
        items = iter_uploads(files, self.settings, text_column or None, id_column or None)
        label = ", ".join(name for name, _ in files)
        # Reading the files (HTML, .docx, CSV/JSONL parsing) costs CPU: it waits for a slot like a translation,
        # and is refused with 429 when WIREBRIEF_QUEUE_SIZE requests already wait.
        with self.runtime.slot():
            job_id, _created = batch_api.create_job(
                items,
                self.settings,
                self.store,
                summaries=list(summaries),
                summarizer=summarizer,
                source_language=source_language or None,
                label=label[:200],
            )
        self.failures.pop(job_id, None)
        if self.store.job(job_id).pending:
            self._enqueue(job_id)
        return job_id

    # ------------------------------------------------------------------ reading
    def job(self, job_id: str):
        return self.store.job(job_id)

    def jobs(self, limit: int = 50):
        return self.store.jobs(limit)

    def state(self, job_id: str) -> str:
        """'queued', 'running', 'done', 'failed' or 'unfinished' (waiting for a restart or a resubmit)."""
        if job_id in self.failures:
            return "failed"
        if job_id == self._current:
            return "running"
        if job_id in self._queued:
            return "queued"
        return "done" if self.store.job(job_id).pending == 0 else "unfinished"

    def documents(self, job_id: str) -> list[DocumentView]:
        rows = []
        for row in self.store.documents(job_id):
            result = Result.model_validate_json(row.result) if row.status == "done" and row.result else None
            headline = result.summaries.get("headline") if result else None
            rows.append(
                DocumentView(
                    position=row.position,
                    name=row.name,
                    status=row.status,
                    first_line=first_line(result) if result else "",
                    language=result.language.code if result else "",
                    headline=headline.text if headline else "",
                    warnings=warning_count(result) if result else None,
                    error=row.error or "",
                    source_id=row.source_id,
                )
            )
        return rows

    def results(self, job_id: str) -> dict[int, Result]:
        """The finished documents' Results by position (what the side-by-side view opens)."""
        return {
            row.position: Result.model_validate_json(row.result)
            for row in self.store.documents(job_id)
            if row.status == "done" and row.result
        }

    def export_zip(self, job_id: str) -> Path:
        """A ZIP of the job's outputs: one Markdown file per document, summary.csv, results.jsonl (and
        errors.jsonl when some documents failed)."""
        from service.batch.outputs import write_outputs

        folder = self.workdir / "batch" / job_id
        files = write_outputs(self.store, job_id, folder / "out")
        target = folder / f"wirebrief-batch-{job_id[:8]}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for md in sorted(files.markdown.glob("*.md")):
                archive.write(md, f"markdown/{md.name}")
            archive.write(files.summary, "summary.csv")
            archive.write(files.results, "results.jsonl")
            if files.failed:
                archive.write(files.errors, "errors.jsonl")
        return target

    def close(self) -> None:
        self.store.close()
