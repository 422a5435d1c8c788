"""The bench's headline for one architecture: the whole pipeline at its own caps (eval/bench/whole.py) against
bare CTranslate2, the old batching, the naive baseline and the running app over HTTP — one process, interleaved
repeats, paired medians with their spread — plus the model batch sizes the pipeline makes for the bench text, old and new."""

from __future__ import annotations

import tempfile
from pathlib import Path

from models.load import load
from service.settings import Settings

from . import whole
from .app_load import AppProcess
from .throughput import spread


def run(opts, spec, sentences: list[str], settings: Settings, env: dict[str, str]) -> dict:
    from service.pipeline import Pipeline
    from service.translate.decoding import DecodingConfig
    from service.translate.hf import HFTranslator

    log = opts.log
    pipeline = Pipeline.from_settings(settings)  # the default profile, own new-token caps
    naive = HFTranslator(
        load(spec, device=opts.device, cache_dir=settings.hf_cache_dir, backend="transformers", quantize="none"),
        DecodingConfig.from_settings(settings), token_budget=settings.token_budget, max_batch_sentences=1,
    )
    texts = [whole.bench_text(sentences, r) for r in range(opts.headline_repeats + 1)]  # the first: warm-up
    outputs: dict = {}
    got: dict = {}
    base = pipeline.stacks["fr"].base
    replicas = getattr(base.loaded, "replicas", 1)
    engines = [
        whole.Engine("ct2", "bare CTranslate2 int8, one replica on every core (inter_threads=1, CTranslate2's default; "
                     "the product's profile before 2026-12-02): the pipeline's sentences and caps, one translate_batch call",
                     whole.ct2_runner(pipeline, whole.ct2_defaults(base))),
        whole.Engine("ct2-replicas", f"bare CTranslate2 int8 on the pipeline's model ({replicas} replicas): the same "
                     "sentences split between the replicas, the parts at once", whole.ct2_runner(pipeline, parts=replicas)),
        whole.Engine("pipeline", "whole pipeline: Pipeline.run from raw text (facts on, first-paragraph window)",
                     whole.pipeline_runner(pipeline, old_batching=False, outputs=outputs)),
        whole.Engine("pipeline-old", "… with the old batching (batches split by new-token cap)",
                     whole.pipeline_runner(pipeline, old_batching=True)),
        whole.Engine("naive", f"naive: transformers float32, 1 sentence per generate, beam {settings.num_beams} "
                     f"({opts.unbatched} of the sentences)",
                     whole.naive_runner(naive, pipeline, opts.unbatched, spread)),
    ]
    tmp = tempfile.TemporaryDirectory(prefix="wirebrief-bench-headline-")
    app = None
    try:
        if opts.app_requests_per_user:  # 0 = no HTTP rows (as for the app concurrency section)
            # No sentence cache in the app (each repeat's text differs in one sentence only); no result-store hits
            # either (checked per request).
            app = AppProcess({**env, "WIREBRIEF_SENTENCE_CACHE_SIZE": "0",
                              "WIREBRIEF_DB_PATH": str(Path(tmp.name) / "bench.sqlite3")}, 0,
                             Path(tmp.name) / "server.log")
            app.wait_ready(opts.probe_timeout)
            engines.append(whole.Engine("http", "the same text over HTTP: POST /v1/translate to the running app",
                                        whole.http_runner(app.url, got, opts.probe_timeout)))
        for engine in engines:  # warm-up: first-call allocations, lazy set-up
            log(f"  own caps: {engine.key} (warm-up)")
            engine.run(texts[0])
        samples = whole.measure(engines, texts[1:], log=log)
    except Exception:
        if app is not None:
            tail = (Path(tmp.name) / "server.log").read_text(errors="replace")[-2000:]
            log(f"app log tail:\n{tail}")
        raise
    finally:
        if app is not None:
            app.stop()
        tmp.cleanup()
        pipeline.close()
    if "http" in samples:
        whole.http_compare(samples["http"], got, outputs)
    out = whole.summarize(engines, samples, reference="ct2", naive="naive")
    new, old = samples["pipeline"], samples["pipeline-old"]
    first = whole.stats(s.first_paragraph_s for s in new if s.first_paragraph_s is not None)
    old_first = whole.stats(s.first_paragraph_s for s in old if s.first_paragraph_s is not None)
    out.update({
        "sentences": new[0].sentences,
        "repeats": len(new),
        "pipeline_own_caps_vs_ct2": out["paired"]["pipeline"]["median"],
        "pipeline_own_caps_vs_ct2_spread": [out["paired"]["pipeline"]["min"], out["paired"]["pipeline"]["max"]],
        "old_batching_vs_ct2": out["paired"]["pipeline-old"]["median"],
        "pipeline_vs_ct2_replicas": whole.paired(new, samples["ct2-replicas"])["median"],
        "replicas": replicas,
        "http_vs_ct2": out["paired"]["http"]["median"] if "http" in samples else None,
        "http_same_as_pipeline": all(s.same_as_pipeline for s in samples["http"]) if "http" in samples else None,
        "pipeline_vs_naive": whole.paired(new, samples["naive"])["median"],
        "new_vs_old_batching": whole.paired(new, old)["median"],
        "batches": {"new": new[0].batches, "old": old[0].batches, "ct2": samples["ct2"][0].batches},
        "batches_per_repeat": {key: [s.batches for s in samples[key]] for key in ("pipeline", "pipeline-old")},
        "first_paragraph_s": first["median"],
        "first_paragraph_s_spread": [first["min"], first["max"]],
        "first_paragraph_old_s": old_first["median"],
    })
    return out
