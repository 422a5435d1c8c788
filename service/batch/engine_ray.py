"""The Ray engine: the same pipeline stages as a streaming Ray Data job.

    read (the driver hands a window of pending documents to the cluster)
      → prepare: normalize, detect, segment — CPU actors (no model), grouped into packs of ~WIREBRIEF_RAY_PACK_SENTENCES
      → translate: an actor pool; each actor builds the Pipeline once from settings; a pack's sentences go to
        the translator in one call, batched under WIREBRIEF_TOKEN_BUDGET; ``num_gpus`` when the cluster has GPUs
      → summarize: a second actor pool (same Pipeline), one Result per document
      → write: the driver records each Result in the job store as it streams back, then writes the outputs.

Ray Data streams blocks between stages with back-pressure, and the driver holds at most one window of
documents (WIREBRIEF_RAY_WINDOW_DOCUMENTS), so memory stays flat on archives larger than RAM. A document whose
stage raises is reported with the exception. A Ray failure (a node or actor lost) ends that Ray job at once —
no task waits on an actor that Ray restarts, which hung for good when the nodes left had no room for it — and
the driver re-runs the documents it did not get back as new jobs, sized for the cluster as it is then: once all
together, then split in halves until the document that fails is alone, which is tried WIREBRIEF_RAY_RETRIES
more times and then reported with Ray's reason. A pipeline that an actor cannot build (a model missing on a
node) is not re-run: its actor is replaced WIREBRIEF_RAY_RETRIES times in a row, then every document left is
reported with that reason, once. No document is silently dropped.

``import ray`` happens only here, and this module is imported only when the Ray engine is chosen.
"""

from __future__ import annotations

import os
import pickle
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

import ray

from service.errors import InputError
from service.settings import Settings

from .config import BatchProgress
from .engine_local import check_config, error_reason
from .job_records import new_claimer
from .jobs import JobStore

ProgressCallback = Callable[[BatchProgress], None]
Outcome = tuple[int, "str | None", "str | None"]  # (key, Result JSON, error reason)

_FORWARDED_ENV = ("HF_HOME", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "TRANSFORMERS_VERBOSITY", "HF_HUB_CACHE")


# ------------------------------------------------------------------------------------------------ cluster
@contextmanager
def ray_session(address: str | None, settings: Settings) -> Iterator[None]:
    """Connect to ``address`` ('auto', 'ray://host:10001', 'host:port') or start a local Ray when None;
    disconnect afterwards only if this call connected."""
    if ray.is_initialized():
        yield
        return
    runtime_env: dict[str, Any] = {"env_vars": {k: os.environ[k] for k in _FORWARDED_ENV if k in os.environ}}
    if settings.ray_ship_code:
        import models
        import service

        runtime_env["py_modules"] = [service, models]
    try:
        ray.init(
            address=address,
            runtime_env=runtime_env,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    except ConnectionError as exc:
        raise InputError(f"cannot reach a Ray cluster at {address!r}: {exc}", code="ray_unreachable") from None
    try:
        yield
    finally:
        ray.shutdown()


def _actor_resources(settings: Settings) -> tuple[float, float, int]:
    """(cpus, gpus, max actors) for each model actor, from the cluster's resources and the settings."""
    resources = ray.cluster_resources()
    gpus_total = resources.get("GPU", 0.0)
    gpus = settings.ray_actor_gpus if gpus_total > 0 and settings.device != "cpu" else 0.0
    if settings.ray_max_actors:
        most = settings.ray_max_actors
    elif gpus:
        most = int(gpus_total // gpus)
    else:
        most = int(resources.get("CPU", 1.0) // settings.ray_actor_cpus)
    return settings.ray_actor_cpus, gpus, max(1, most)


# ------------------------------------------------------------------------------------------------ stages
UNBUILDABLE = "a Ray actor could not build the pipeline on its node"


class PipelineUnbuildable(RuntimeError):
    """An actor's pipeline could not be built (a model directory missing on a node, a bad setting). Its message is
    plain text, so it crosses Ray intact whatever raised it (``ModelNotAvailableError`` once arrived as
    "UnserializableException"; it now pickles, but a third-party error may not)."""


@contextmanager
def _unbuildable() -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        raise PipelineUnbuildable(f"{UNBUILDABLE}: {error_reason(exc)}") from None


class PrepareStage:
    """CPU actor: documents → packs of prepared dispatches (normalize, detect, segment; no model).

    An actor rather than a plain task because the language detector takes seconds and ~500 MB to build:
    each actor builds it once, where tasks spread over fresh worker processes would each rebuild it."""

    def __init__(self, settings: Settings, options: dict, pack_sentences: int):
        from service.pipeline import Pipeline
        from service.text.detect import detect_language

        self.options = options
        self.pack_sentences = pack_sentences
        with _unbuildable():
            self.pipeline = Pipeline(settings=settings, stacks={}, summarizer=None)
            detect_language("Le gouvernement a présenté mardi son projet de loi.")  # build the detector now

    def __call__(self, batch):
        import pyarrow as pa

        options = self.options
        packs: list[bytes] = []
        current: list[tuple] = []
        sentences = 0
        for key, text in zip(batch.column("key").to_pylist(), batch.column("text").to_pylist()):
            try:
                state = self.pipeline.prepare(
                    text,
                    summaries=options["summaries"],
                    source_language=options.get("source_language"),
                    summarizer=options.get("summarizer", "model"),
                )
            except Exception as exc:
                current.append((key, None, error_reason(exc)))
                continue
            current.append((key, state, None))
            sentences += state.sentence_count
            if sentences >= self.pack_sentences:
                packs.append(pickle.dumps(current))
                current, sentences = [], 0
        if current:
            packs.append(pickle.dumps(current))
        return pa.table({"pack": pa.array(packs, pa.large_binary())})


class _ModelStage:
    """An actor that builds the Pipeline once (models loaded at actor start, never per batch)."""

    def __init__(self, settings: Settings):
        from service.pipeline import Pipeline

        if not settings.torch_threads:
            # Several actors share a node: each gets as many threads as the CPUs it reserved.
            settings = settings.model_copy(update={"torch_threads": max(1, round(settings.ray_actor_cpus))})
        with _unbuildable():
            self.pipeline = Pipeline.from_settings(settings)


class TranslateStage(_ModelStage):
    def __call__(self, batch):
        import pyarrow as pa

        out = []
        for blob in batch.column("pack").to_pylist():
            pack = pickle.loads(blob)
            ready = [state for _, state, error in pack if error is None]
            try:
                self.pipeline.translate_many(ready)
            except Exception:
                # Isolate the document that fails: translate one by one, report each failure.
                for i, (key, state, error) in enumerate(pack):
                    if error is None:
                        try:
                            self.pipeline.translate_many([state])
                        except Exception as exc:
                            pack[i] = (key, None, error_reason(exc))
            out.append(pickle.dumps(pack))
        return pa.table({"pack": pa.array(out, pa.large_binary())})


class SummarizeStage(_ModelStage):
    def __call__(self, batch):
        import pyarrow as pa

        keys, results, errors = [], [], []
        for blob in batch.column("pack").to_pylist():
            for key, state, error in pickle.loads(blob):
                result = None
                if error is None:
                    try:
                        result = self.pipeline.finish(state).model_dump_json()
                    except Exception as exc:
                        error = error_reason(exc)
                keys.append(key)
                results.append(result)
                errors.append(error)
        return pa.table(
            {
                "key": pa.array(keys, pa.int64()),
                "result": pa.array(results, pa.large_string()),
                "error": pa.array(errors, pa.large_string()),
            }
        )


def _configure_ray_data(settings: Settings) -> None:
    """Quiet: the CLI draws its own progress bar; Ray Data's bars and periodic logs would interleave with it.
    An actor whose pipeline cannot be built is replaced (maybe on another node) WIREBRIEF_RAY_RETRIES times in a
    row before the Ray job fails; then `stream` reports every document with the reason instead of re-running."""
    import logging

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.issue_detectors_config.detectors = []
    context.max_consecutive_actor_init_deaths = settings.ray_retries
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def _dataset(docs: Sequence[tuple[int, str]], settings: Settings, options: dict):
    _configure_ray_data(settings)
    cpus, gpus, most = _actor_resources(settings)
    # `stream` re-runs what a failure leaves (see the top). Ray Data 2.64 drops these keyword arguments (its
    # RayDeprecationWarning): at that upgrade they move to `ray_remote_args_fn` or the actor class options.
    fail_fast = {"max_restarts": 0, "max_task_retries": 0}
    blocks = max(1, min(len(docs), most * 4, 200))
    ds = ray.data.from_items([{"key": k, "text": t} for k, t in docs], override_num_blocks=blocks)
    ds = ds.map_batches(
        PrepareStage,
        fn_constructor_kwargs={
            "settings": settings,
            "options": options,
            "pack_sentences": settings.ray_pack_sentences,
        },
        batch_format="pyarrow",
        batch_size=None,
        num_cpus=settings.ray_task_cpus,
        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, int(ray.cluster_resources().get("CPU", 1)))),
        **fail_fast,
    )
    actor_args = dict(
        fn_constructor_kwargs={"settings": settings},
        batch_format="pyarrow",
        batch_size=1,
        num_cpus=cpus,
        num_gpus=gpus,
        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=most),
        **fail_fast,
    )
    ds = ds.map_batches(TranslateStage, **actor_args)
    return ds.map_batches(SummarizeStage, **actor_args)


def stream(
    docs: Sequence[tuple[int, str]],
    settings: Settings,
    options: dict,
    retries: int | None = None,
    whole_again: bool = True,
) -> Iterator[Outcome]:
    """(key, Result JSON, error) for every document of ``docs``, as they finish; every key comes out once.

    After a failure, what did not come back runs again: first all together (a lost node costs one more Ray job,
    not a split), then in halves (a document that kills its actor is cornered in log2(n) jobs); a document that
    fails alone is tried ``retries`` more times (WIREBRIEF_RAY_RETRIES at first)."""
    if not docs:
        return
    if retries is None:
        retries = settings.ray_retries
    pending = dict(docs)
    try:
        for row in _dataset(docs, settings, options).iter_rows():
            key = int(row["key"])
            if key in pending:
                del pending[key]
                yield key, row["result"], row["error"]
        failure = None
    except Exception as exc:  # a task failed: a node or an actor was lost (Ray does not retry, see the top)
        failure = exc
    if not pending:
        return
    left = list(pending.items())
    if failure is not None and UNBUILDABLE in str(failure):
        # the same cause for every document, on every re-run: said once per document, not retried
        reason = next((line.strip() for line in str(failure).splitlines() if UNBUILDABLE in line), str(failure))
        reason = reason[reason.index(UNBUILDABLE):]
        for key, _ in left:
            yield key, None, reason
        return
    if failure is None:
        # Ray finished without returning these: run them again (rare; a block lost with no error raised).
        failure = RuntimeError("the Ray job ended without a result for this document")
        if len(left) == len(docs):
            for key, _ in left:
                yield key, None, error_reason(failure)
            return
    if len(left) == 1:
        if retries > 0:
            yield from stream(left, settings, options, retries - 1, whole_again=False)
        else:
            yield left[0][0], None, f"failed on Ray after {settings.ray_retries} retries: {error_reason(failure)}"
        return
    if whole_again:
        yield from stream(left, settings, options, retries, whole_again=False)
        return
    half = len(left) // 2
    yield from stream(left[:half], settings, options, retries, whole_again=False)
    yield from stream(left[half:], settings, options, retries, whole_again=False)


# ------------------------------------------------------------------------------------------------ drivers
def run_job(
    job_id: str, store: JobStore, settings: Settings, progress: ProgressCallback | None = None
) -> BatchProgress:
    """Run a job's pending documents on the connected Ray cluster (inside ``ray_session``)."""
    job = store.job(job_id)
    check_config(job, settings)
    store.reuse_done(job_id)
    claimer = new_claimer()
    _report(store, job_id, progress)
    after = -1
    while True:
        page = store.pending(job_id, limit=settings.ray_window_documents, after=after, claimer=claimer)
        if not page:
            break
        after = page[-1].position
        claimed = set(store.claim(job_id, [d.position for d in page], claimer))
        docs = [(d.position, d.text) for d in page if d.position in claimed]
        names = {d.position: d.name for d in page}
        unfinished = set(claimed)
        try:
            for position, result, error in stream(docs, settings, job.options):
                if result is not None:
                    store.record_result(job_id, position, result)
                else:
                    store.record_error(job_id, position, error or "no result")
                unfinished.discard(position)
                _report(store, job_id, progress, names[position])
        finally:
            store.release(job_id, unfinished, claimer)
    final = store.job(job_id)
    return BatchProgress(final.done, final.errors, final.total)


def map_texts(texts: Sequence[str], settings: Settings, options: dict) -> list[tuple[str | None, str | None]]:
    """(Result JSON, error) per text, in order, without a job store (the evaluation harness's path)."""
    out: list[tuple[str | None, str | None]] = [(None, None)] * len(texts)
    window = settings.ray_window_documents
    for start in range(0, len(texts), window):
        docs = [(i, texts[i]) for i in range(start, min(len(texts), start + window))]
        for key, result, error in stream(docs, settings, options):
            out[key] = (result, error)
    return out


def _report(store: JobStore, job_id: str, progress: ProgressCallback | None, name: str = "") -> None:
    if progress:
        info = store.job(job_id)
        progress(BatchProgress(info.done, info.errors, info.total, name))
