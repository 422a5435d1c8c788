"""Dispatch-level figures: the sentence cache on a re-sent and an updated dispatch (in this process), and — in a
fresh process via eval/bench/probe.py — cold start, time to the first translated paragraph, the whole dispatch
end to end (translate + summarize) and peak resident memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eval.bench import caches
from service.settings import PROJECT_ROOT


def cache_resend(pipeline, dispatch: str, fresh_paragraph: str) -> dict:
    """Translate a dispatch cold, re-send it unchanged, then send an update (one paragraph replaced, one added):
    seconds for each and how many sentences the model had to translate."""
    caches.cold(pipeline)

    def timed(text: str) -> tuple[float, int, int]:
        started = time.perf_counter()
        result = pipeline.run(text, summaries=[], source_language="fr")
        seconds = time.perf_counter() - started
        sentences = result.sentences()
        return seconds, len(sentences), sum(not s.cached for s in sentences)

    paragraphs = dispatch.split("\n\n")
    updated = "\n\n".join(paragraphs[:2] + [fresh_paragraph] + paragraphs[3:] + [fresh_paragraph.upper()])
    cold, n_cold, miss_cold = timed(dispatch)
    again, n_again, miss_again = timed(dispatch)
    update, n_update, miss_update = timed(updated)
    return {
        "cold_s": cold, "cold_sentences": n_cold, "cold_translated": miss_cold,
        "resent_s": again, "resent_translated": miss_again, "resent_speedup": cold / again if again else None,
        "updated_s": update, "updated_sentences": n_update, "updated_translated": miss_update,
        "updated_speedup": cold / update if update else None,
    }


def probe(
    env: dict[str, str],
    dispatch: str,
    summaries: list[str],
    forced_ratio: float,
    timeout: float,
    warm: int = 1,
    ready_only: bool = False,
) -> dict:
    """Start a fresh Python process on ``env``'s settings and return what eval/bench/probe.py measured there."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(dispatch)
        path = fh.name
    full_env = {**os.environ, **env, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error"}
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "eval.bench.probe", "--dispatch", path, "--summaries", ",".join(summaries),
               "--forced-ratio", str(forced_ratio), "--warm", str(warm)] + (["--ready-only"] if ready_only else [])
    try:
        full_env["WIREBRIEF_BENCH_T0"] = repr(time.time())
        done = subprocess.run(command, env=full_env, capture_output=True, text=True, timeout=timeout, cwd=PROJECT_ROOT)
    finally:
        Path(path).unlink(missing_ok=True)
    if done.returncode != 0 or not done.stdout.strip():
        tail = (done.stderr or "").strip().splitlines()[-5:]
        raise RuntimeError(f"probe failed (exit {done.returncode}): " + " | ".join(tail))
    return json.loads(done.stdout.strip().splitlines()[-1])


# What distilbart-cnn-12-6 writes for a news article: its checkpoint forbids stopping before min_length 56 (55 new
# tokens), and CNN/DailyMail highlights — what it was trained to write — average 3.75 sentences / 56 words (See et
# al., 2017, "Get To The Point", section 4), about 72 BART tokens at ~1.3 tokens a word. Random weights rarely stop,
# so every generation is forced to these lengths.
HIGHLIGHT_TOKENS = 72
OLD_PRESET_TOKENS = {"headline": 32, "lede": 64, "bullets": HIGHLIGHT_TOKENS, "paragraph": HIGHLIGHT_TOKENS}
"""One generation per preset (the old way): the model writes its highlights, cut at each preset's old
max_new_tokens (headline 32, lede 64; bullets 160 and paragraph 142 do not cut)."""


def summaries(summarizer, english: list[str], presets: list, translate=None, translate_own_lengths=None) -> dict:
    """All presets from one generation (``summarize_many``, the product's way) against one generation per preset
    (``separate_s``, same process, same input, adjacent), on realistic English (the dispatch's human reference
    translation); ``translate`` (a callable timing the dispatch's translation) adds the whole first request
    (``first_request_s``), ``translate_own_lengths`` the same with each sentence generating only its own forced
    length (``first_request_own_lengths_s``)."""
    base = summarizer.decoding
    words = sum(len(s.split()) for s in english)
    out = {"input_sentences": len(english), "input_words": words,
           "input_tokens": summarizer.count_tokens(" ".join(english)), "window": summarizer.window,
           "highlight_tokens": HIGHLIGHT_TOKENS, "old_preset_tokens": OLD_PRESET_TOKENS,
           "presets": [p.name for p in presets]}
    try:
        summarizer.decoding = base.replace(forced_new_tokens=HIGHLIGHT_TOKENS)
        summarizer.summarize_many(english, presets[:1])  # warm-up (first-call allocations), not timed
        first: list[float] = []
        started = time.perf_counter()
        result = summarizer.summarize_many(english, presets, on_ready=lambda s: first.append(time.perf_counter()))
        out["all_presets_s"] = time.perf_counter() - started
        out["first_summary_s"] = first[0] - started
        out["methods"] = {name: s.method for name, s in result.items()}
        started = time.perf_counter()
        for preset in presets:
            summarizer.decoding = base.replace(forced_new_tokens=OLD_PRESET_TOKENS.get(preset.name, HIGHLIGHT_TOKENS))
            summarizer.summarize(english, preset)
        out["separate_s"] = time.perf_counter() - started
        out["speedup"] = out["separate_s"] / out["all_presets_s"]
        if translate is not None:
            summarizer.decoding = base.replace(forced_new_tokens=HIGHLIGHT_TOKENS)
            started = time.perf_counter()
            translate()
            out["translate_s"] = time.perf_counter() - started
            summarizer.summarize_many(english, presets)
            out["first_request_s"] = time.perf_counter() - started
        if translate_own_lengths is not None:
            started = time.perf_counter()
            translate_own_lengths()
            out["translate_own_lengths_s"] = time.perf_counter() - started
            summarizer.summarize_many(english, presets)
            out["first_request_own_lengths_s"] = time.perf_counter() - started
    finally:
        summarizer.decoding = base
    return out
