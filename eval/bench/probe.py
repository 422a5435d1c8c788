"""Run in a fresh process by the bench (``python -m eval.bench.probe``): cold start to ready, one dispatch end to
end (translate + summarize) and again warm (time to the first translated paragraph), and peak resident memory — the figures that only mean something
in a process that has loaded nothing before.

Settings come from the environment (WIREBRIEF_*), as for a real start. ``WIREBRIEF_BENCH_T0`` is the parent's
wall clock just before it started this process, so "cold start" includes interpreter start-up and imports. The
dispatch text is read from the file named by ``--dispatch``; prints one JSON object on the last line of stdout.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

from eval.bench.caches import cold


def main(argv: list[str]) -> dict:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--dispatch", required=True, help="file holding the dispatch text")
    parser.add_argument("--forced-ratio", type=float, default=1.0,
                        help="translations forced to this × source tokens (0 = the settings' own decoding)")
    parser.add_argument("--summaries", default="headline,lede,bullets,paragraph")
    parser.add_argument("--warm", type=int, default=1, help="warm requests after the first (0 = none)")
    parser.add_argument("--ready-only", action="store_true", help="stop once the models are loaded")
    args = parser.parse_args(argv)
    t0 = float(os.environ.get("WIREBRIEF_BENCH_T0", time.time()))

    from transformers.utils import logging as hf_logging

    from service.pipeline import Pipeline
    from service.settings import get_settings

    hf_logging.disable_progress_bar()
    from service.translate.decoding import DecodingConfig

    imported = time.time() - t0
    settings = get_settings()
    decoding = DecodingConfig.from_settings(settings)
    if args.forced_ratio:
        decoding = DecodingConfig(**{**decoding.signature(), "forced_ratio": args.forced_ratio})
    pipeline = Pipeline.from_settings(settings, decoding=decoding)
    ready = time.time() - t0
    rss_ready = _peak_rss_mb()
    if args.ready_only:
        pipeline.close()
        return {"import_s": imported, "cold_start_s": ready, "peak_rss_ready_mb": rss_ready}

    text = open(args.dispatch, encoding="utf-8").read()
    summaries = [s for s in args.summaries.split(",") if s]
    # The first request, end to end (lazy set-up such as the language detector included), then the same dispatch
    # again, translation only, with the sentence cache emptied: time to first paragraph in a warm process.
    first = _dispatch(pipeline, text, summaries)
    warm = []
    for _ in range(args.warm):
        cold(pipeline)
        warm.append(_dispatch(pipeline, text, []))
    out = {
        "import_s": imported,
        "cold_start_s": ready,
        "peak_rss_ready_mb": rss_ready,
        "peak_rss_mb": _peak_rss_mb(),
        "first_request": first,
        "warm_request": warm[0] if warm else None,
        "warm_first_paragraph_s": [w["first_paragraph_s"] for w in warm],
        "models": [m.model_dump() for m in pipeline.models_used()],
    }
    pipeline.close()
    return out


def _dispatch(pipeline, text: str, summaries: list[str]) -> dict:
    """Run one dispatch as the app does (language detected, default summarizer); when each paragraph arrived."""
    from service.events import ParagraphReady

    arrivals: list[float] = []
    started = time.perf_counter()

    def listener(event) -> None:
        if isinstance(event, ParagraphReady):
            arrivals.append(time.perf_counter() - started)

    result = pipeline.run(text, summaries=summaries, listener=listener)
    return {
        "seconds": time.perf_counter() - started,
        "words": len(text.split()),
        "sentences": len(result.sentences()),
        "paragraphs": len(result.paragraphs),
        "first_paragraph_s": arrivals[0] if arrivals else None,
        "first_paragraph_sentences": len(result.paragraphs[0].sentences) if result.paragraphs else 0,
        "paragraph_arrivals_s": arrivals,
        "timings": result.timings,
        "summary_methods": {k: v.method for k, v in result.summaries.items()},
        "language": result.language.code,
    }


def _peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB: VmHWM from /proc (Linux). Not ``ru_maxrss``, which
    survives exec: a child started from a big parent would report the parent's peak."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])), flush=True)
