"""Translation throughput rows at forced output lengths: the naive baseline (a), the translator stack on its default
profile (b: pre-split sentences — the whole pipeline from raw text is eval/bench/whole.py), each speed option on its
own (c), and CTranslate2 int8 batched as the reference (d) — all on the same random weights, the same sentences and
forced output lengths, so sentences/s and tokens/s compare."""

from __future__ import annotations

import contextlib
import os
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from models.load import load
from models.registry import ModelSpec
from service.translate.ct2 import CT2Translator
from service.translate.decoding import DecodingConfig
from service.translate.hf import HFTranslator


@dataclass(frozen=True)
class Engine:
    key: str
    label: str
    group: str
    """'a' naive baseline, 'b' pipeline default profile, 'c' one option on its own, 'c+' options combined,
    'd' CTranslate2 int8 reference."""
    backend: str = "transformers"
    quantize: str = "none"
    beams: int = 4
    batched: bool = False
    threads: int = 0
    """0 = the default (one per core)."""
    kind: str = "translator"
    """'translator' (our model translator), 'pipeline' (the whole translation stack), 'raw-ct2' (plain ctranslate2)."""


ENGINES: list[Engine] = [
    Engine("naive", "naive: transformers, 1 sentence per generate, beam 4", "a"),
    Engine("batched", "+ length-sorted batches under the token budget", "c", batched=True),
    Engine("greedy", "+ greedy (beam 1)", "c", beams=1),
    Engine("int8-torch", "+ int8 dynamic quantization (torch)", "c", quantize="int8"),
    Engine("threads-1", "+ 1 thread instead of 1 per core", "c", threads=1),
    Engine("ct2-fp32", "+ CTranslate2 backend (no quantization)", "c", backend="ctranslate2"),
    Engine("ct2-int8", "+ CTranslate2 backend int8", "c", backend="ctranslate2", quantize="int8"),
    Engine("batched-int8-torch", "batched + int8 (torch)", "c+", quantize="int8", batched=True),
    Engine("batched-greedy-int8-torch", "batched + int8 (torch) + greedy", "c+", quantize="int8", batched=True, beams=1),
    Engine("pipeline", "translator stack, default CPU profile (beam 4): pre-split sentences, no normalization, "
           "detection, segmentation, window or fact checks (the whole pipeline: the own-caps table)", "b",
           kind="pipeline"),
    Engine("pipeline-greedy", "translator stack, default CPU profile, greedy", "b", beams=1, kind="pipeline"),
    Engine("ct2-int8-batched", "reference: CTranslate2 int8, batched, beam 4", "d", "ctranslate2", "int8", 4, True,
           kind="raw-ct2"),
    Engine("ct2-int8-batched-greedy", "reference: CTranslate2 int8, batched, greedy", "d", "ctranslate2", "int8", 1,
           True, kind="raw-ct2"),
]
QUICK_SKIP = {"threads-1", "batched-greedy-int8-torch", "ct2-fp32"}


@dataclass
class Sample:
    seconds: float
    sentences: int
    tokens: int
    load: float | None = None
    """1-minute load average when the sample started (other processes share this machine)."""

    @property
    def sentences_per_s(self) -> float:
        return self.sentences / self.seconds if self.seconds else 0.0

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


@dataclass
class Row:
    engine: Engine
    samples: list[Sample] = field(default_factory=list)
    note: str = ""
    weights: str = ""
    """What actually ran: backend + dtype/compute type of the loaded model (e.g. 'ctranslate2 int8')."""

    @property
    def sentences_per_s(self) -> float | None:
        """Median over the samples (every row has as many, timed round-robin)."""
        rates = [s.sentences_per_s for s in self.samples if s.seconds]
        return statistics.median(rates) if rates else None

    @property
    def tokens_per_s(self) -> float | None:
        rates = [s.tokens_per_s for s in self.samples if s.seconds]
        return statistics.median(rates) if rates else None

    def to_json(self) -> dict[str, Any]:
        return {
            **asdict(self.engine),
            "sentences_per_s": self.sentences_per_s,
            "tokens_per_s": self.tokens_per_s,
            "samples": [asdict(s) for s in self.samples],
            "note": self.note,
            "weights": self.weights,
        }


class RawCT2:
    """The reference: plain ctranslate2 usage — tokenize, one ``translate_batch`` call, decode."""

    def __init__(self, loaded, beams: int, forced_new_tokens: int):
        self.loaded = loaded
        self.beams = beams
        # Marian forces an end token at the cap, which transformers counts in max_new_tokens and CT2 does not.
        self.length = forced_new_tokens - 1
        self.generated_tokens = 0

    def translate(self, sentences: list[str]) -> list[str]:
        tok = self.loaded.tokenizer
        source = [tok.convert_ids_to_tokens(tok(s)["input_ids"]) for s in sentences]
        results = self.loaded.model.translate_batch(
            source, beam_size=self.beams, max_batch_size=0, min_decoding_length=self.length,
            max_decoding_length=self.length, return_scores=False,
        )
        ids = [tok.convert_tokens_to_ids(r.hypotheses[0]) for r in results]
        self.generated_tokens += sum(len(x) for x in ids)
        return tok.batch_decode(ids, skip_special_tokens=True)


@dataclass
class Context:
    spec: ModelSpec
    hub: Path
    device: str
    forced_new_tokens: int
    token_budget: int
    max_batch_sentences: int
    pipeline_factory: Callable[[int], Any]
    """beams → a Pipeline on the default profile (translation only), forced decoding."""


@contextlib.contextmanager
def torch_threads(n: int):
    import torch

    before = torch.get_num_threads()
    if n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def build(engine: Engine, ctx: Context):
    """(translate callable, token counter, 'backend dtype' of what runs) for an engine."""
    decoding = DecodingConfig(num_beams=engine.beams, forced_new_tokens=ctx.forced_new_tokens)
    if engine.kind == "pipeline":
        pipeline = ctx.pipeline_factory(engine.beams)
        stack = pipeline.stacks["fr"]

        def run(sentences):
            stack.cache.clear()  # time translations, not cache hits
            return stack.translator.translate(sentences)

        return run, lambda: stack.base.generated_tokens, _weights(stack.base.loaded)
    loaded = load(
        ctx.spec, device=ctx.device, cache_dir=ctx.hub, backend=engine.backend,
        quantize=engine.quantize if ctx.device == "cpu" or engine.backend == "ctranslate2" else "none",
        threads=engine.threads,
    )
    if engine.kind == "raw-ct2":
        raw = RawCT2(loaded, engine.beams, ctx.forced_new_tokens)
        return raw.translate, lambda: raw.generated_tokens, _weights(loaded)
    cls = CT2Translator if engine.backend == "ctranslate2" else HFTranslator
    translator = cls(
        loaded, decoding, token_budget=ctx.token_budget,
        max_batch_sentences=ctx.max_batch_sentences if engine.batched else 1,
    )

    def run(sentences):
        with torch_threads(engine.threads):
            return translator.translate(sentences)

    return run, lambda: translator.generated_tokens, _weights(loaded)


def _weights(loaded) -> str:
    return f"{loaded.backend} {loaded.dtype}"


def measure(row: Row, run, tokens, sentences: list[str]) -> Sample:
    before = tokens()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    started = time.perf_counter()
    outputs = run(sentences)
    seconds = time.perf_counter() - started
    if len(outputs) != len(sentences):
        raise RuntimeError(f"{row.engine.key}: {len(outputs)} outputs for {len(sentences)} sentences")
    sample = Sample(seconds=seconds, sentences=len(sentences), tokens=tokens() - before, load=load)
    row.samples.append(sample)
    return sample


def spread(sentences: list[str], k: int, length: Callable[[str], int]) -> list[str]:
    """``k`` sentences spread evenly over the length-sorted list: the same mean length as the whole set, for rows
    that translate one sentence per call (their cost per sentence does not depend on the others)."""
    if k >= len(sentences):
        return list(sentences)
    order = sorted(sentences, key=length)
    step = len(order) / k
    return [order[int(step * i + step / 2)] for i in range(k)]


def paired_ratio(a: Row, b: Row) -> dict:
    """Throughput of ``a`` over ``b`` for each pair of adjacent runs: robust to load that changes between pairs."""
    ratios = [
        (x.sentences / x.seconds) / (y.sentences / y.seconds) for x, y in zip(a.samples, b.samples) if x.seconds and y.seconds
    ]
    return {"ratios": ratios, "median": statistics.median(ratios) if ratios else None}
