"""Run in a fresh process by the bench (``python -m eval.bench.probe``): cold start to ready, one dispatch end to
end with time to the first translated paragraph, and peak resident memory — the figures that only mean something
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


def main(argv: list[str]) -> dict:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--dispatch", required=True, help="file holding the dispatch text")
    parser.add_argument("--forced-new-tokens", type=int, default=40)
    parser.add_argument("--summaries", default="headline,lede,bullets,paragraph")
    args = parser.parse_args(argv)
    t0 = float(os.environ.get("WIREBRIEF_BENCH_T0", time.time()))

    from service.events import ParagraphReady
    from service.pipeline import Pipeline
    from service.settings import get_settings
    from service.translate.decoding import DecodingConfig

    imported = time.time() - t0
    settings = get_settings()
    decoding = DecodingConfig.from_settings(settings)
    if args.forced_new_tokens:
        decoding = DecodingConfig(**{**decoding.signature(), "forced_new_tokens": args.forced_new_tokens})
    pipeline = Pipeline.from_settings(settings, decoding=decoding)
    ready = time.time() - t0
    rss_ready = _peak_rss_mb()

    text = open(args.dispatch, encoding="utf-8").read()
    first: list[float] = []
    paragraphs: list[float] = []
    started = time.perf_counter()

    def listener(event) -> None:
        if isinstance(event, ParagraphReady):
            paragraphs.append(time.perf_counter() - started)

    summaries = [s for s in args.summaries.split(",") if s]
    result = pipeline.run(text, summaries=summaries, source_language="fr", listener=listener)
    total = time.perf_counter() - started
    first = paragraphs[:1]
    out = {
        "import_s": imported,
        "cold_start_s": ready,
        "peak_rss_ready_mb": rss_ready,
        "peak_rss_mb": _peak_rss_mb(),
        "dispatch_words": len(text.split()),
        "dispatch_sentences": len(result.sentences()),
        "dispatch_paragraphs": len(result.paragraphs),
        "first_paragraph_s": first[0] if first else None,
        "first_paragraph_sentences": len(result.paragraphs[0].sentences) if result.paragraphs else 0,
        "paragraph_times_s": paragraphs,
        "dispatch_s": total,
        "timings": result.timings,
        "summary_methods": {k: v.method for k, v in result.summaries.items()},
        "models": [m.model_dump() for m in result.models],
    }
    pipeline.close()
    return out


def _peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports ru_maxrss in KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])), flush=True)
