"""The whole benchmark in one run: models prepared once, then per translation architecture the throughput rows,
the sentence cache, a fresh-process probe (cold start, first paragraph, dispatch end to end, peak memory) and
concurrent users; targets checked at the end. ``run_bench`` returns one JSON-ready dict."""

from __future__ import annotations

import os
import platform
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from service.settings import Settings, get_settings

from . import app_load, concurrency, dispatch, headline, long_dispatch, throughput, update
from .data import load_data
from .options import BenchOptions, app_env, profile_settings
from .models import CONFIGS, SUMMARY_ARCH, hub_dir, prepare

TARGETS = {
    "pipeline_vs_naive": 10.0,
    "pipeline_own_caps_vs_ct2": 0.95,
    "pipeline_vs_ct2_int8": 1.0,
    "first_paragraph_s": 3.0,
    "peak_rss_mb": 1536.0,
    "cold_start_s": 10.0,
    "concurrency_gain": 3.0,
    "update_vs_fresh": 0.25,
    "summaries_speedup": 2.5,
    "first_request_s": 20.0,
}


def machine() -> dict:
    import ctranslate2
    import psutil
    import torch
    import transformers

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "transformers": transformers.__version__,
        "ctranslate2": ctranslate2.__version__,
        "cuda": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
    }
    return info


def run_bench(opts: BenchOptions) -> dict:
    from service.pipeline import WINDOW_SENTENCES
    from service.profile import convert_for_settings, summary_options, translation_options

    log = opts.log
    started = time.time()
    out: dict = {
        "mode": "quick" if opts.quick else "full",
        "machine": machine(),
        "load_average_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in opts.__dict__.items() if k != "log"},
        "model_configs": opts.configs or {k: CONFIGS[k] for k in [*opts.archs, SUMMARY_ARCH]},
        "archs": {},
    }
    data = load_data(opts.data_root or get_settings().data_root)
    out["data"] = data.source
    log(f"data: {data.source}")
    models = prepare(opts.work_dir, [*opts.archs, SUMMARY_ARCH], data, log=log, configs=opts.configs)
    out["models_built_s"] = {k: m.built_seconds for k, m in models.items()}
    settings = profile_settings(opts, opts.archs[0], SUMMARY_ARCH)
    for name, model in models.items():  # fetch-time conversion, as `python -m models fetch` does
        done = convert_for_settings(settings, model.spec, model.path)
        if done and done[1]:
            log(f"converted {name} for ctranslate2 → {done[0]}")
    out["default_profile"] = {
        "device": opts.device,
        "translation": translation_options(settings, models[opts.archs[0]].spec).describe(),
        "translation_replicas": translation_options(settings, models[opts.archs[0]].spec).replicas,
        "summarizer": summary_options(settings, models[SUMMARY_ARCH].spec).describe(),
        "num_beams": settings.num_beams,
        "token_budget": settings.token_budget,
        "max_batch_sentences": settings.max_batch_sentences,
        "cross_request_batching": settings.cross_request_batching,
        "window_sentences": WINDOW_SENTENCES,
        "batch_wait_ms": settings.batch_wait_ms,
    }
    for arch in opts.archs:
        out["archs"][arch] = _bench_arch(opts, arch, models, data)
    out["targets"] = check_targets(out)
    out["load_average_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    out["seconds"] = time.time() - started
    return out


def _bench_arch(opts: BenchOptions, arch: str, models: dict, data) -> dict:
    from service.pipeline import Pipeline
    from service.translate.decoding import DecodingConfig

    log = opts.log
    spec = models[arch].spec
    sentences = data.news_sentences(opts.sentences)
    env = app_env(opts, arch)
    words = sum(len(s.split()) for s in sentences) / len(sentences)
    result: dict = {"sentences": len(sentences), "mean_source_words": words, "forced_new_tokens": opts.forced_new_tokens}
    if not opts.dispatch_ratio:
        from transformers import AutoTokenizer

        measured = data.output_ratio(AutoTokenizer.from_pretrained(models[arch].path))
        opts = replace(opts, dispatch_ratio=round(measured, 3) if measured else 1.0)
    result["dispatch_ratio"] = opts.dispatch_ratio
    if "headline" in opts.sections:
        log(f"[{arch}] headline: whole pipeline at its own caps vs bare CTranslate2, old batching, naive, HTTP")
        result["own_caps"] = headline.run(opts, spec, sentences, profile_settings(opts, arch), env)
    pipelines: dict[tuple, Pipeline] = {}

    def pipeline(beams: int, **overrides) -> Pipeline:
        key = (beams, tuple(sorted(overrides.items())))
        if key not in pipelines:
            settings = profile_settings(opts, arch, num_beams=beams, **overrides)
            decoding = DecodingConfig(**{**DecodingConfig.from_settings(settings).signature(),
                                         "forced_new_tokens": opts.forced_new_tokens})
            pipelines[key] = Pipeline.from_settings(settings, decoding=decoding)
        return pipelines[key]

    settings = profile_settings(opts, arch)
    if "throughput" in opts.sections:
        result.update(_throughput(opts, arch, spec, sentences, pipeline))
    text = data.dispatch()
    if "cache" in opts.sections:
        log(f"[{arch}] sentence cache: re-sent and updated dispatch")
        cache_text = "\n\n".join(text.split("\n\n")[: opts.cache_paragraphs or None])
        fresh = " ".join(data.pool(3, skip=2500))
        result["cache"] = dispatch.cache_resend(pipeline(settings.num_beams), cache_text, fresh)
    if "update" in opts.sections:
        log(f"[{arch}] wire update: diff of version 2 vs translating it fresh")
        result["update"] = update.update_cost(pipeline(settings.num_beams), text, " ".join(data.pool(3, skip=2600)),
                                              opts.summaries, repeats=3 if opts.quick else 5)
    if "summaries" in opts.sections:
        log(f"[{arch}] summaries: four presets from one generation vs one generation per preset, first request")
        result["summaries"] = _summaries(opts, arch, data, text)

    skip = 300
    if "concurrency" in opts.sections:
        on = pipeline(settings.num_beams)
        off = pipeline(settings.num_beams, cross_request_batching=False) if not opts.quick else None
        result["concurrency"] = {}
        for per in opts.request_sizes:
            log(f"[{arch}] concurrency: {opts.users} users vs 1, requests of {per} sentence(s)")
            result["concurrency"][str(per)] = _concurrency(opts, data, on, off, per, skip)
            skip += 4000 // len(opts.request_sizes)
    for p in pipelines.values():
        p.close()

    if opts.app_requests_per_user and "app" in opts.sections:
        log(f"[{arch}] running app on loopback: {opts.users} users vs 1 over HTTP (POST /v1/translate)")
        n = opts.app_requests_per_user
        texts = data.pool(n * (2 + opts.users) + 1, skip=skip + 4000)
        result["app_concurrency"] = app_load.measure(env, texts, opts.users, n, opts.forced_new_tokens,
                                                     timeout=opts.probe_timeout)

    if "long" in opts.sections:
        limit = opts.long_time_limit or Settings.model_fields["max_time"].default
        log(f"[{arch}] long dispatch: ~{opts.long_words} words over the REST stream, time limit {limit:g} s, Continue until done")
        from .dispatch import HIGHLIGHT_TOKENS

        long_text = data.dispatch(words=opts.long_words)
        # realistic lengths first (translations at the dispatch's reference ratio, summaries at 72 tokens), then
        # the models' own caps, an upper bound: random weights write 2 × source + 10 tokens a sentence
        for key, ratio, summary_tokens in (("long_dispatch", opts.dispatch_ratio, HIGHLIGHT_TOKENS),
                                           ("long_dispatch_own_caps", 0.0, 0)):
            with tempfile.TemporaryDirectory(prefix="wirebrief-bench-long-") as tmp:
                result[key] = long_dispatch.run(env, long_text, limit, tmp, opts.probe_timeout, log=log,
                                                forced_ratio=ratio, summary_tokens=summary_tokens)
    if "probe" not in opts.sections:
        return result
    log(f"[{arch}] fresh process: cold start, dispatch end to end, first paragraph, peak memory")
    probe = dispatch.probe(env, text, opts.summaries, opts.dispatch_ratio, opts.probe_timeout, warm=opts.warm_repeats)
    starts = [probe["cold_start_s"]]
    for _ in range(opts.cold_repeats - 1):
        starts.append(dispatch.probe(env, text, [], 0, opts.probe_timeout, warm=0, ready_only=True)["cold_start_s"])
    probe["cold_starts_s"] = starts
    probe["cold_start_median_s"] = statistics.median(starts)
    warm = probe.get("warm_first_paragraph_s") or []
    probe["first_paragraph_median_s"] = statistics.median(warm) if warm else None
    result["probe"] = probe
    return result


def _throughput(opts: BenchOptions, arch: str, spec, sentences: list[str], pipeline) -> dict:
    """The table at forced output lengths: the naive baseline, each speed option, the translator stack on pre-split
    sentences and CTranslate2 int8 batched. Every row, the naive one included, is timed in every repeat."""
    log = opts.log
    settings = profile_settings(opts, arch)
    ctx = throughput.Context(
        spec=spec, hub=hub_dir(opts.work_dir), device=opts.device, forced_new_tokens=opts.forced_new_tokens,
        token_budget=settings.token_budget, max_batch_sentences=settings.max_batch_sentences,
        pipeline_factory=lambda beams: pipeline(beams),
    )
    engines = [e for e in throughput.ENGINES if not (opts.quick and e.key in throughput.QUICK_SKIP)]
    if opts.device != "cpu":
        engines = [e for e in engines if not (e.quantize == "int8" and e.backend == "transformers")]
    rows = {e.key: throughput.Row(e) for e in engines}
    built = {}
    count = lambda s: len(s.split())  # noqa: E731 — a length proxy for spreading the subset
    subset = throughput.spread(sentences, opts.unbatched, count)
    for engine in engines:
        log(f"[{arch}] preparing {engine.key}")
        run, tokens, rows[engine.key].weights = throughput.build(engine, ctx)
        run(sentences[:1])  # warm-up: first-call allocations and kernel selection are not timed
        built[engine.key] = (run, tokens)
        if not engine.batched and engine.kind == "translator":
            rows[engine.key].note = f"{len(subset)} of the {len(sentences)} sentences (one per call)"
    # Every row round-robin, the naive baseline included (each figure is the median of as many samples), the
    # pipeline right next to its CTranslate2 reference (same beams) so that each pair shares the machine's load.
    pairs = [("pipeline", "ct2-int8-batched"), ("pipeline-greedy", "ct2-int8-batched-greedy")]
    paired = {k for pair in pairs for k in pair}
    fast = [e for e in engines if e.key not in paired]
    for rep in range(max(opts.repeats, opts.pair_repeats)):
        # Each pair alternates which of the two runs first (ABBA), so neither gains from going first.
        order = (fast if rep < opts.repeats else []) + [
            rows[k].engine for pair in pairs for k in (pair if rep % 2 == 0 else pair[::-1]) if k in rows
        ]
        for engine in order:
            log(f"[{arch}] timing {engine.key} ({rep + 1})")
            run, tokens = built[engine.key]
            throughput.measure(rows[engine.key], run, tokens, sentences if engine.batched or engine.kind != "translator"
                               else subset)
    result: dict = {}
    naive = rows["naive"].sentences_per_s
    reference = {e.beams: rows[e.key].sentences_per_s for e in engines if e.group == "d"}
    table = []
    for engine in engines:
        row = rows[engine.key].to_json()
        sps = row["sentences_per_s"]
        row["vs_naive"] = sps / naive if sps and naive else None
        ref = reference.get(engine.beams)
        row["vs_ct2_int8"] = sps / ref if sps and ref else None
        table.append(row)
    result["throughput"] = table
    result["paired"] = {
        f"{a}/{b}": throughput.paired_ratio(rows[a], rows[b]) for a, b in pairs if a in rows and b in rows
    }

    return result


def _summaries(opts: BenchOptions, arch: str, data, text: str) -> dict:
    """eval/bench/dispatch.summaries on the default profile: the summarizer fed the dispatch's human reference
    translation; the first request = translating the French dispatch (forced to ``dispatch_ratio`` × its source
    tokens, as in the probe) + the four presets."""
    from service.pipeline import Pipeline
    from eval.bench.caches import cold
    from service.pipeline.build import build_summarizer
    from service.summarize.presets import PRESETS
    from service.translate.decoding import DecodingConfig

    settings = profile_settings(opts, arch, SUMMARY_ARCH)
    summarizer, _ = build_summarizer(settings)
    translation = profile_settings(opts, arch)
    decoding = DecodingConfig(**{**DecodingConfig.from_settings(translation).signature(), "forced_ratio": opts.dispatch_ratio})
    translator = Pipeline.from_settings(translation, decoding=decoding)

    batch_sizes: dict[str, list[int]] = {}
    stages: dict[str, dict[str, float]] = {}

    def translate(label: str = "translate_batches") -> None:
        base = translator.stacks["fr"].base
        cold(translator)
        base.batch_log = batch_sizes.setdefault(label, [])
        try:
            stages[label.replace("_batches", "_stages")] = translator.run(text, summaries=[]).timings
        finally:
            base.batch_log = None

    def translate_own_lengths() -> None:
        """Batches of sentences with the same forced length: a random-weight batch runs every sentence to the
        batch's longest forced length, where real weights end each sentence at its own end token and CTranslate2
        drops finished rows from the batch (decoding.cc, ``non_finished_index``)."""
        batchers = [b for b in (translator.stacks["fr"].base, translator.stacks["fr"].queue) if b is not None]
        for batcher in batchers:
            batcher.batch_key = decoding.new_token_cap
        try:
            translate("translate_own_lengths_batches")
        finally:
            for batcher in batchers:
                batcher.batch_key = None

    try:
        presets = [PRESETS[name] for name in ("headline", "lede", "bullets", "paragraph")]
        out = dispatch.summaries(summarizer, data.reference(), presets, translate, translate_own_lengths)
    finally:
        translator.close()
    out.update(batch_sizes)  # sentences per model call, in call order
    out.update(stages)  # seconds per pipeline stage of each first request's translation
    out["engine"] = {"backend": summarizer.loaded.backend, "dtype": summarizer.loaded.dtype,
                     "decoding": summarizer.decoding.signature()}
    out["load_average"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    return out


def _concurrency(opts: BenchOptions, data, on, off, per: int, skip: int) -> dict:
    """One user sending requests one after another vs ``opts.users`` users at once, with the batching queue
    (``on``) and, when given, without it (``off``). Every request has its own sentences: no cache hits."""
    n = opts.requests_per_user
    groups = 2 + opts.users * (2 if off is not None else 1)
    texts = concurrency.requests_from(data.pool(per * n * groups, skip=skip), n * groups, per)
    single_texts = [texts[: 2 * n]]
    multi_texts = [texts[2 * n + i * n : 2 * n + (i + 1) * n] for i in range(opts.users)]
    base = 2 * n + opts.users * n
    for p in (on, off):
        if p is not None:
            p.stacks["fr"].cache.clear()
    single = concurrency.run_users(on, single_texts)
    multi = concurrency.run_users(on, multi_texts)
    out = {
        "sentences_per_request": per,
        "single_user": single,
        "users_with_queue": multi,
        "gain_with_queue": multi["sentences_per_s"] / single["sentences_per_s"],
    }
    if off is not None:
        off_texts = [texts[base + i * n : base + (i + 1) * n] for i in range(opts.users)]
        out["users_without_queue"] = concurrency.run_users(off, off_texts)
        out["gain_without_queue"] = out["users_without_queue"]["sentences_per_s"] / single["sentences_per_s"]
    return out


def check_targets(out: dict) -> list[dict]:
    """Each target with the measured value and whether it is met (None when not measured)."""
    checks = []

    def add(name: str, arch: str, value, target: float, higher_is_better: bool, spread=None) -> None:
        met = None if value is None else (value >= target if higher_is_better else value <= target)
        checks.append({"target": name, "arch": arch, "value": value, "limit": target,
                       "direction": ">=" if higher_is_better else "<=", "met": met, "spread": spread})

    for arch, res in out["archs"].items():
        own = res.get("own_caps")
        if own:  # the headline: the whole pipeline from raw text at its own caps, paired medians
            add("pipeline_vs_naive (whole pipeline, own caps)", arch, own.get("pipeline_vs_naive"),
                TARGETS["pipeline_vs_naive"], True)
            add("pipeline_own_caps_vs_ct2", arch, own.get("pipeline_own_caps_vs_ct2"),
                TARGETS["pipeline_own_caps_vs_ct2"], True, own.get("pipeline_own_caps_vs_ct2_spread"))
        if res.get("throughput"):
            rows = {r["key"]: r for r in res["throughput"]}
            add("translator stack vs naive (forced lengths)", arch, rows.get("pipeline", {}).get("vs_naive"),
                TARGETS["pipeline_vs_naive"], True)
            paired = (res.get("paired") or {}).get("pipeline/ct2-int8-batched") or {}
            add("translator stack vs CT2 int8 (forced lengths, median of adjacent pairs)", arch, paired.get("median"),
                TARGETS["pipeline_vs_ct2_int8"], True)
        probe = res.get("probe", {})
        if arch == "opus-mt-fr-en" and own and own.get("first_paragraph_s") is not None:
            add("first_paragraph_s (whole pipeline, bench text, median)", arch, own["first_paragraph_s"],
                TARGETS["first_paragraph_s"], False, own.get("first_paragraph_s_spread"))
        if arch == "opus-mt-fr-en" and probe:
            value = probe.get("first_paragraph_median_s")
            if value is None:  # quick: no warm request, the first one (lazy set-up included) stands in
                value = (probe.get("first_request") or {}).get("first_paragraph_s")
            add("first_paragraph_s", arch, value, TARGETS["first_paragraph_s"], False)
        if probe:
            add("peak_rss_mb", arch, probe.get("peak_rss_mb"), TARGETS["peak_rss_mb"], False)
            add("cold_start_s", arch, probe.get("cold_start_median_s"), TARGETS["cold_start_s"], False)
        summaries = res.get("summaries") or {}
        if summaries:
            add("summaries: all four presets vs one generation per preset (speedup)", arch, summaries.get("speedup"),
                TARGETS["summaries_speedup"], True)
            if arch == "opus-mt-fr-en":
                add("first request: translate + four summaries (s)", arch, summaries.get("first_request_own_lengths_s"),
                    TARGETS["first_request_s"], False)
                add("first request, every sentence run to its batch's longest (upper bound, s)", arch,
                    summaries.get("first_request_s"), TARGETS["first_request_s"], False)
        for per, conc in (res.get("concurrency") or {}).items():
            add(f"concurrency_gain in process ({per}-sentence requests)", arch, conc.get("gain_with_queue"),
                TARGETS["concurrency_gain"], True)
        if res.get("update"):
            add("update_vs_fresh (diff of an update / translating it fresh)", arch, res["update"].get("update_vs_fresh"),
                TARGETS["update_vs_fresh"], False)
        if res.get("app_concurrency"):
            add("concurrency_gain, running app over HTTP (1-sentence requests)", arch,
                res["app_concurrency"].get("gain"), TARGETS["concurrency_gain"], True)
    return checks
