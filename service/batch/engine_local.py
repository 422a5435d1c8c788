"""The default engine: one Pipeline in this process, one document at a time, each Result recorded as soon as it
is made (so a crash loses at most the document in flight)."""

from __future__ import annotations

from typing import Callable

from service.errors import InputError, WirebriefError

from .config import BatchProgress, job_config
from .job_records import new_claimer
from .jobs import JobStore

ProgressCallback = Callable[[BatchProgress], None]
PAGE = 100


def check_config(job, settings) -> None:
    """A job is run only with the models and decoding it was created for."""
    if job.config != job_config(settings):
        raise InputError(
            f"batch job {job.id} was created with other models or decoding settings ({job.config}); "
            "run it with those settings or start a new job",
            code="config_mismatch",
        )


def error_reason(exc: BaseException) -> str:
    if isinstance(exc, WirebriefError):
        return f"{exc.code}: {exc.message}"
    return f"{type(exc).__name__}: {exc}"


def run_job(job_id: str, pipeline, store: JobStore, progress: ProgressCallback | None = None) -> BatchProgress:
    """Run every pending document of a job through ``pipeline``; returns the final counts."""
    job = store.job(job_id)
    check_config(job, pipeline.settings)
    store.reuse_done(job_id)
    options = job.options
    claimer = new_claimer()
    if progress:
        _report(store, job_id, progress)
    after = -1
    while True:
        page = store.pending(job_id, limit=PAGE, after=after, claimer=claimer)
        if not page:
            break
        after = page[-1].position
        for doc in page:
            if not store.claim(job_id, [doc.position], claimer):
                continue  # another process took it
            try:
                result = pipeline.run(
                    doc.text,
                    summaries=options["summaries"],
                    source_language=options.get("source_language"),
                    summarizer=options.get("summarizer", "model"),
                )
            except Exception as exc:  # one bad document never stops the job; its reason goes to the errors file
                store.record_error(job_id, doc.position, error_reason(exc))
            else:
                store.record_result(job_id, doc.position, result)
            if progress:
                _report(store, job_id, progress, doc.name)
    final = store.job(job_id)
    return BatchProgress(final.done, final.errors, final.total)


def _report(store: JobStore, job_id: str, progress: ProgressCallback, name: str = "") -> None:
    info = store.job(job_id)
    progress(BatchProgress(info.done, info.errors, info.total, name))
