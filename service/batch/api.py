"""What callers use: the CLI (`python -m service batch`), the app's batch view and the evaluation harness.

- ``create_job(items, settings, store, ...)``: store a job from ``inputs.iter_paths`` / ``inputs.iter_uploads``.
- ``run(job_id, settings, store, engine=..., pipeline=..., address=..., progress=...)``: run it on an engine.
- ``run_batch(inputs, out_dir, settings, ...)``: both, then the output files (the CLI command).
- ``map_documents(texts, settings, engine, address)``: texts → Results in order, no store (evaluation).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Sequence

from service.errors import InputError
from service.result import Result
from service.settings import Settings

from .config import BatchProgress, job_config, run_options
from .inputs import Item, iter_paths
from .jobs import JobStore
from .outputs import OutputFiles, write_outputs

ENGINES = ("local", "ray")
DEFAULT_PRESETS = ("headline", "lede", "bullets", "paragraph")


def open_store(settings: Settings) -> JobStore:
    return JobStore(settings.db_path, lease_seconds=settings.batch_lease_seconds)


def create_job(
    items: Iterable[Item],
    settings: Settings,
    store: JobStore,
    *,
    summaries: Sequence[str] = DEFAULT_PRESETS,
    summarizer: str = "model",
    source_language: str | None = None,
    label: str = "",
) -> tuple[str, bool]:
    """(job id, created): the same inputs with the same models and options give the existing job back."""
    from service.summarize.presets import get_preset

    for name in summaries:
        get_preset(name)  # unknown presets fail here, before any work
    options = run_options(summaries, summarizer, source_language)
    return store.create_job(items, options=options, config=job_config(settings), label=label)


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}", code="unknown_option")


def run(
    job_id: str,
    settings: Settings,
    store: JobStore,
    *,
    engine: str = "local",
    pipeline=None,
    address: str | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
) -> BatchProgress:
    """Run a job's pending documents. The local engine uses ``pipeline`` (built from settings when None);
    the Ray engine connects to ``address`` (None: a Ray started on this machine)."""
    _check_engine(engine)
    store.reuse_done(job_id)
    info = store.job(job_id)
    if info.pending == 0:  # nothing to do: load no model, start no cluster
        if progress:
            progress(BatchProgress(info.done, info.errors, info.total))
        return BatchProgress(info.done, info.errors, info.total)
    if engine == "local":
        from service.pipeline import Pipeline

        from . import engine_local

        return engine_local.run_job(job_id, pipeline or Pipeline.from_settings(settings), store, progress)
    from . import engine_ray

    with engine_ray.ray_session(address, settings):
        return engine_ray.run_job(job_id, store, settings, progress)


def run_batch(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    settings: Settings,
    *,
    engine: str = "local",
    address: str | None = None,
    text_column: str | None = None,
    summaries: Sequence[str] = DEFAULT_PRESETS,
    summarizer: str = "model",
    source_language: str | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
    pipeline=None,
    id_column: str | None = None,
) -> tuple[str, BatchProgress, OutputFiles]:
    """Create (or resume) the job, run it, put its documents in History and write the output files."""
    _check_engine(engine)
    store = open_store(settings)
    try:
        job_id, _ = create_job(
            iter_paths(inputs, settings, text_column, id_column),
            settings,
            store,
            summaries=summaries,
            summarizer=summarizer,
            source_language=source_language,
            label=", ".join(str(p) for p in inputs)[:200],
        )
        counts = run(job_id, settings, store, engine=engine, address=address, progress=progress, pipeline=pipeline)
        _record_in_history(store, job_id, settings)
        return job_id, counts, write_outputs(store, job_id, out_dir)
    finally:
        store.close()


def _record_in_history(store: JobStore, job_id: str, settings: Settings) -> None:
    """The CLI's documents in the app's History (same database); a History that cannot be written costs only
    that, not the batch's outputs."""
    import logging

    from service.store import Database, ResultStore

    from .history import record_in_history

    db = None
    try:
        db = Database(settings.db_path)
        record_in_history(store, job_id, ResultStore(db))
    except Exception:
        logging.getLogger("wirebrief.batch").exception("recording batch job %s in History failed", job_id)
    finally:
        if db is not None:
            db.close()


def map_documents(
    texts: Sequence[str],
    settings: Settings,
    engine: str = "local",
    address: str | None = None,
    *,
    summaries: Sequence[str] = DEFAULT_PRESETS,
    summarizer: str = "model",
    source_language: str | None = None,
    pipeline=None,
    on_error: str = "raise",
) -> list[Result]:
    """One Result per text, in order, through the chosen engine — for the evaluation harness. A text that fails
    raises (``on_error="raise"``, the first failure), or with ``on_error="return"`` gives its exception (a
    ``WirebriefError`` carrying the reason) in its place."""
    from service.errors import WirebriefError

    _check_engine(engine)
    if on_error not in ("raise", "return"):
        raise InputError("on_error must be 'raise' or 'return'", code="unknown_option")
    options = run_options(summaries, summarizer, source_language)
    if engine == "local":
        from service.pipeline import Pipeline

        pipeline = pipeline or Pipeline.from_settings(settings)
        out: list[Result | Exception] = []
        for text in texts:
            try:
                out.append(
                    pipeline.run(
                        text, summaries=options["summaries"], source_language=source_language, summarizer=summarizer
                    )
                )
            except Exception as exc:
                if on_error == "raise":
                    raise
                out.append(exc)
        return out
    from . import engine_ray

    with engine_ray.ray_session(address, settings):
        pairs = engine_ray.map_texts(list(texts), settings, options)
    out = []
    for i, (result, error) in enumerate(pairs):
        if result is not None:
            out.append(Result.model_validate_json(result))
            continue
        exc = WirebriefError(f"text {i}: {error or 'no result'}", code="batch_failed")
        if on_error == "raise":
            raise exc
        out.append(exc)
    return out
