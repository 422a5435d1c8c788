"""The headline rows: the whole pipeline (``Pipeline.run`` from raw text — normalization, language detection,
segmentation, the first-paragraph window, fact checks, the Result) at the model's own new-token caps, next to

- bare CTranslate2 on the same model object, given the pipeline's sentences and their own caps in one call
  (one ``translate_batch`` to the largest cap, each hypothesis cut to its own cap — what the pipeline's translator
  also does now);
- the same pipeline with the old batching (sentences split into batches by new-token cap);
- the naive baseline (transformers float32, one sentence per ``generate``, beam 4) on a subset of the sentences;
- the same text over HTTP against the running app (``POST /v1/translate``, no summaries).

Every engine runs once per repeat, in an order that alternates between repeats, on that repeat's text (the
dateline's day changes, so the app's result store never answers); ratios are medians of per-repeat ratios, each
figure with its spread (min–max over the repeats). Tokens/s count generated tokens exactly: the model translators'
counters, read in process, or over HTTP from the bench app's counter (eval/bench/app_server.py) before and after
each request.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable

from eval.bench.caches import cold
from service.events import ParagraphReady

from . import throughput

PER_PARAGRAPH = 3
TOKENS_PATH = "/bench/generated-tokens"
"""The bench app's route for its translators' generated-token counter (eval/bench/app_server.py)."""


def bench_text(sentences: list[str], repeat: int) -> str:
    """A dispatch of the bench sentences: a dateline, paragraphs of three sentences."""
    paragraphs = [" ".join(sentences[i : i + PER_PARAGRAPH]) for i in range(0, len(sentences), PER_PARAGRAPH)]
    return f"PARIS, {1 + repeat % 28} mars 2013 (AFP) - " + "\n\n".join(paragraphs)


@dataclass
class Sample(throughput.Sample):
    """A throughput sample plus what the headline rows also record."""

    first_paragraph_s: float | None = None
    batches: list[int] = field(default_factory=list)
    """Sizes of the model batches this run made (in-process pipeline rows)."""
    text: str = ""
    """Which repeat's text (the HTTP row's outputs are compared with the in-process pipeline's by it)."""
    same_as_pipeline: bool | None = None
    """HTTP row: whether the app's translations equal the in-process pipeline's for the same text."""


@dataclass
class Engine:
    key: str
    label: str
    run: Callable[[str], Sample]


class BareCT2:
    """Plain ctranslate2 usage: tokenize, ``translate_batch`` to the largest cap, cut each hypothesis to its own cap,
    decode. ``model``: a ``ctranslate2.Translator`` (default: the pipeline's own model object); ``parts`` > 1 splits
    the sentences as the pipeline's translator does between its replicas and runs the parts at once."""

    def __init__(self, base, model=None, parts: int = 1):
        self.base = base  # the pipeline's model translator: its tokenizer, decoding and forced-EOS rule
        self.model = model if model is not None else base.loaded.model
        self.parts = parts
        self.last_batches: list[int] = []

    def translate(self, sentences: list[str]) -> tuple[list[str], int]:
        """``sentences``: the model's inputs (``model_inputs``); ids as the model translator reads them (its input
        normalization applied, as ``encode`` does)."""
        from service.translate.ct2 import split_for_replicas

        tok, decoding = self.base.loaded.tokenizer, self.base.decoding
        ids = [self.base.encode(s) for s in sentences]
        end = 1 if self.base._forces_eos else 0  # Marian forces an end token in the cap's last place
        lengths = [max(1, decoding.new_token_cap(len(x)) - end) for x in ids]

        parts = split_for_replicas([len(x) for x in ids], self.parts)
        self.last_batches = [len(p) for p in parts]
        handles = {}  # every part handed over before any is awaited: the replicas run them side by side
        for part in parts:
            got = self.model.translate_batch(
                [tok.convert_ids_to_tokens(ids[i]) for i in part], beam_size=decoding.num_beams,
                max_decoding_length=max(lengths[i] for i in part), max_batch_size=0, asynchronous=True,
            )
            handles.update(zip(part, got))
        kept = [handles[i].result().hypotheses[0][:n] for i, n in enumerate(lengths)]
        texts = tok.batch_decode([tok.convert_tokens_to_ids(h) for h in kept], skip_special_tokens=True)
        return [t.strip() for t in texts], sum(len(h) for h in kept)


def ct2_defaults(base):
    """The pipeline's converted model as one CTranslate2 replica on every core (``inter_threads=1``, CTranslate2's
    default; ``intra_threads`` = the cores): what the product ran before 2026-12-02, and what one plain
    ``translate_batch`` call gets."""
    import ctranslate2

    from models.device import available_cores

    loaded = base.loaded
    return ctranslate2.Translator(loaded.converted_path, device=loaded.device, compute_type=loaded.dtype,
                                  inter_threads=1, intra_threads=available_cores())


class _Echo:
    """Stands in for the model below the stack's wrappers: records what it is given and gives it back."""

    def __init__(self):
        self.seen: list[str] = []

    def translate(self, sentences: list[str], progress=None) -> list[str]:
        self.seen.extend(sentences)
        return list(sentences)


def model_inputs(stack, sentences: list[str]) -> list[str]:
    """What the pipeline's stack hands the model for ``sentences`` — glossary terms protected, English quotes
    taken out, long sentences split at clauses — found by running the stack's wrappers (below its sentence cache,
    so nothing is cached) over an echo in the model's place. Bare CTranslate2 gets exactly these, or it would
    translate text the pipeline never sends (and count other tokens)."""
    from service.pipeline.stack import TranslationStack

    echo = _Echo()
    # A throwaway copy of the stack's wrappers with the echo where the model goes: the live stack is not touched.
    copy = TranslationStack.build(stack.base, stack.splitter.max_tokens, 0,
                                  stack.glossary.glossary if stack.glossary is not None else None, queue=echo)
    copy.cache.inner.translate(sentences)
    return echo.seen


def _load() -> float | None:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else None


def pipeline_runner(pipeline, old_batching: bool, outputs: dict[str, tuple[list[str], int]] | None = None):
    """``Pipeline.run`` on raw text, translation only (no summaries; fact checks on), from a cold pipeline. Tokens
    and model calls are the translation's; the time is the whole run's. ``old_batching``: the translator and the
    queue split batches by new-token cap, as before."""
    stack = pipeline.stacks["fr"]
    base = stack.base
    key = base.decoding.new_token_cap if old_batching else None

    def run(text: str) -> Sample:
        cold(pipeline)
        base.batch_key = key
        if stack.queue is not None:
            stack.queue.batch_key = key
        base.batch_log = []
        first: list[float] = []
        before, load = base.generated_tokens, _load()
        # What the model generated for the translation (at the last paragraph): the fact checks that follow may
        # ask the same model for names' renderings, which is pipeline time but not translation output.
        translated = {"tokens": before, "calls": 0}
        started = time.perf_counter()

        def listener(event) -> None:
            if isinstance(event, ParagraphReady):
                if not first:
                    first.append(time.perf_counter() - started)
                translated.update(tokens=base.generated_tokens, calls=len(base.batch_log))

        try:
            result = pipeline.run(text, summaries=[], listener=listener)
        finally:
            base.batch_key = None
            if stack.queue is not None:
                stack.queue.batch_key = None
        seconds = time.perf_counter() - started
        translations = [s.translation for p in result.paragraphs for s in p.sentences]
        tokens = translated["tokens"] - before
        if outputs is not None:
            outputs[text] = (translations, tokens)
        batches = list(base.batch_log[: translated["calls"]])
        sample = Sample(seconds, len(translations), tokens, load, first[0] if first else None, batches)
        base.batch_log = None
        return sample

    return run


def ct2_runner(pipeline, model=None, parts: int = 1):
    stack = pipeline.stacks["fr"]
    bare = BareCT2(stack.base, model, parts)

    def run(text: str) -> Sample:
        state = pipeline.prepare(text, summaries=[])  # the pipeline's own model inputs, prepared outside the timing
        sentences = model_inputs(stack, [seg.text for segs in state.segmented for seg in segs])
        load = _load()
        started = time.perf_counter()
        outputs, tokens = bare.translate(sentences)
        return Sample(time.perf_counter() - started, len(outputs), tokens, load, batches=bare.last_batches, text=text)

    return run


def naive_runner(translator, pipeline, k: int, spread):
    """``translator``: transformers float32, one sentence per generate, the default decoding (own caps)."""

    def run(text: str) -> Sample:
        state = pipeline.prepare(text, summaries=[])
        sentences = spread([seg.text for segs in state.segmented for seg in segs], k, lambda s: len(s.split()))
        before, load = translator.generated_tokens, _load()
        started = time.perf_counter()
        outputs = translator.translate(sentences)
        return Sample(time.perf_counter() - started, len(outputs), translator.generated_tokens - before, load)

    return run


def http_runner(url: str, got: dict[str, list[str]], timeout: float, client=None):
    """``POST /v1/translate`` (no summaries, language detected). The generated tokens are the difference of the
    app's counter (``GET TOKENS_PATH``) read before and after the request, outside the timing."""
    import httpx

    client = client or httpx.Client(base_url=url, timeout=timeout)

    def generated() -> int:
        response = client.get(TOKENS_PATH)
        if response.status_code != 200:
            raise RuntimeError(f"{TOKENS_PATH}: {response.status_code} (is the app eval/bench/app_server.py?)")
        return int(response.json()["generated_tokens"])

    def run(text: str) -> Sample:
        before, load = generated(), _load()
        started = time.perf_counter()
        response = client.post("/v1/translate", json={"text": text, "summaries": []})
        seconds = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{response.status_code}: {response.text[:200]}")
        body = response.json()
        if (body.get("extra") or {}).get("cache", {}).get("hit"):
            raise RuntimeError("the app answered from its result store: the bench text must change per repeat")
        got[text] = [s["translation"] for p in body["paragraphs"] for s in p["sentences"]]
        return Sample(seconds, len(got[text]), generated() - before, load, text=text)

    run.close = client.close  # type: ignore[attr-defined]
    return run


def http_compare(samples: list[Sample], got: dict[str, list[str]], outputs: dict[str, tuple[list[str], int]]) -> None:
    """Whether the app translated each text as the in-process pipeline did (same model, same settings; batch
    composition can still change int8 results)."""
    for sample in samples:
        translations, _ = outputs.get(sample.text, (None, 0))
        sample.same_as_pipeline = got.get(sample.text) == translations


def measure(engines: list[Engine], texts: list[str], log=print) -> dict[str, list[Sample]]:
    """Each engine once per text; the order reverses every other repeat (ABBA), so no engine always goes first
    and every row has as many samples."""
    samples: dict[str, list[Sample]] = {e.key: [] for e in engines}
    for rep, text in enumerate(texts):
        order = engines if rep % 2 == 0 else engines[::-1]
        for engine in order:
            sample = engine.run(text)
            samples[engine.key].append(sample)
            log(f"  own caps: {engine.key} ({rep + 1}/{len(texts)}): {sample.seconds:.2f} s, {sample.tokens} tokens, "
                f"batches {sample.batches}, load {sample.load}")
    return samples


def stats(values: Iterable[float]) -> dict[str, Any]:
    """Median and spread (min, max) of a figure over the repeats: a reader sees when a median is noise."""
    got = list(values)
    if not got:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {"median": statistics.median(got), "min": min(got), "max": max(got), "n": len(got)}


def paired(a: list[Sample], b: list[Sample]) -> dict[str, Any]:
    """Tokens/s of ``a`` over ``b``, repeat by repeat (both ran on the same text, next to each other in time, so
    they share the machine's load), and their median and spread."""
    ratios = [x.tokens_per_s / y.tokens_per_s for x, y in zip(a, b, strict=True) if x.tokens and y.tokens]
    return {"ratios": ratios, **stats(ratios)}


def summarize(engines: list[Engine], samples: dict[str, list[Sample]], reference: str, naive: str) -> dict:
    counts = {key: len(got) for key, got in samples.items()}
    if len(set(counts.values())) != 1:
        raise RuntimeError(f"headline rows with different numbers of samples: {counts}")
    rows = []
    for engine in engines:
        got = samples[engine.key]
        tokens = stats(s.tokens_per_s for s in got)
        vs_ct2, vs_naive = paired(got, samples[reference]), paired(got, samples[naive])
        rows.append({
            "key": engine.key,
            "label": engine.label,
            "tokens_per_s": tokens["median"],
            "tokens_per_s_spread": [tokens["min"], tokens["max"]],
            "sentences_per_s": stats(s.sentences_per_s for s in got)["median"],
            "vs_ct2": vs_ct2["median"],
            "vs_ct2_spread": [vs_ct2["min"], vs_ct2["max"]],
            "vs_naive": vs_naive["median"],
            "vs_naive_spread": [vs_naive["min"], vs_naive["max"]],
            "samples": [asdict(s) for s in got],
        })
    return {"rows": rows, "paired": {e.key: paired(samples[e.key], samples[reference]) for e in engines}}
